"""Every chosen route is kept, and a dossier can have the status "plan gemaakt" (issues 10, 11).

The advice can name all three routes (1, 3 and 2), but a decision held only two: the third
was lost, so the plan printed two routes and a reason for the third. Decisions and cases get
a third route. Existing decisions get it back where it can be known: the advice's routes
follow from the rule ids stored with it (the order of ``domain/advice.py``, frozen below),
and a decision that accepted the advice kept all of them.

The status "plan_gemaakt" sits between "advies" and "lopend". On PostgreSQL the CHECK
constraint is replaced. SQLite cannot alter a constraint, and copying ``cases`` (batch
mode) would drop the search triggers on it and trips over the view and the foreign keys
that refer to it; widening the allowed values does not change what is stored, so the
table's definition is edited in place, the procedure SQLite documents for such changes
(sqlite.org/lang_altertable.html, "other kinds of table schema changes"), inside the
migration's one transaction.

Revision ID: 0014
Revises: 0010
"""

import json
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_STATUSES = ("aangemeld", "intake", "advies", "lopend", "afgesloten")
_NEW_STATUSES = ("aangemeld", "intake", "advies", "plan_gemaakt", "lopend", "afgesloten")
_CHECK_NAME = "ck_cases_case_status"

# The routes each advice rule adds, in the order domain/advice.py fires them (as of 0014).
_ROUTES_OF_RULE: dict[str, tuple[int, ...]] = {
    "R1-CONTINUE": (1,),
    "R1-CHANGE": (1,),
    "R1-R3-PART-TIME": (1, 3),
    "R2-R3-STOP": (2, 3),
    "R2-PROBLEMATIC-DEBT": (2,),
    "R2-SIGNALS": (2,),
    "R2-HULPVRAAG": (2,),
    "R3-HULPVRAAG": (3,),
    "R1-HULPVRAAG": (1,),
    "R1-DEFAULT": (1,),
}
_URGENT_RULES = frozenset({"R2-ACUTE-DEBT", "R2-CRISIS"})


def upgrade() -> None:
    with op.batch_alter_table("advice_decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suggested_third_route", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("chosen_third_route", sa.Integer(), nullable=True))
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("third_route", sa.Integer(), nullable=True))
    _allow_statuses(_OLD_STATUSES, _NEW_STATUSES)
    _recover_third_routes()


def _allow_statuses(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        # op.f: the name is final, not one the naming convention should wrap again.
        op.drop_constraint(op.f(_CHECK_NAME), "cases", type_="check")
        op.create_check_constraint(op.f(_CHECK_NAME), "cases", sa.column("status").in_(new))
        return
    table_sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'cases'"
    ).scalar_one()
    old_check = re.compile(
        r"CHECK \(status IN \(" + r",\s*".join(f"'{status}'" for status in old) + r"\)\)"
    )
    new_check = "CHECK (status IN (" + ", ".join(f"'{status}'" for status in new) + "))"
    changed, count = old_check.subn(new_check, table_sql)
    if count != 1:
        raise RuntimeError("the status constraint of cases is not the one of revision 0001")
    schema_version = connection.exec_driver_sql("PRAGMA schema_version").scalar_one()
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        connection.execute(
            sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'cases'"),
            {"sql": changed},
        )
    finally:
        connection.exec_driver_sql("PRAGMA writable_schema = OFF")
    # Makes every connection read the changed definition (the documented last step).
    connection.exec_driver_sql(f"PRAGMA schema_version = {int(schema_version) + 1}")


def advised_routes(rule_ids: Sequence[str]) -> tuple[int, ...]:
    """The advice's routes, primary first, as ``advise`` built them from these rules."""
    routes: list[int] = []
    for rule_id in rule_ids:
        for route in _ROUTES_OF_RULE.get(rule_id, ()):
            if route not in routes:
                routes.append(route)
    if _URGENT_RULES & set(rule_ids):
        if 2 in routes:
            routes.remove(2)
        routes.insert(0, 2)
    return tuple(routes)


def _rule_ids(reasons_json: str | None) -> list[str]:
    try:
        data = json.loads(reasons_json or "[]")
    except ValueError:
        return []
    items = data if isinstance(data, list) else []
    return [item["rule_id"] for item in items if isinstance(item, dict) and "rule_id" in item]


def _recover_third_routes() -> None:
    connection = op.get_bind()
    decisions = connection.execute(
        sa.text(
            "SELECT id, case_id, reasons_json, accepted, suggested_primary_route, "
            "suggested_secondary_route FROM advice_decisions"
        )
    ).all()
    for row in decisions:
        advised = advised_routes(_rule_ids(row.reasons_json))
        # Only where the replayed advice is the one stored: rules may have changed since.
        if len(advised) != 3 or advised[:2] != (
            row.suggested_primary_route,
            row.suggested_secondary_route,
        ):
            continue
        connection.execute(
            sa.text(
                "UPDATE advice_decisions SET suggested_third_route = :third, "
                "chosen_third_route = CASE WHEN accepted THEN :third END WHERE id = :id"
            ),
            {"third": advised[2], "id": row.id},
        )
    # A case follows its latest decision (services/intake.py decide_route).
    connection.execute(
        sa.text(
            "UPDATE cases SET third_route = ("
            " SELECT chosen_third_route FROM advice_decisions"
            " WHERE advice_decisions.case_id = cases.id"
            " ORDER BY decided_at DESC, id DESC LIMIT 1)"
            " WHERE EXISTS (SELECT 1 FROM advice_decisions"
            " WHERE advice_decisions.case_id = cases.id)"
        )
    )


def downgrade() -> None:
    # The app never downgrades: an older app refuses a newer store, and going back means
    # restoring the backup made before the upgrade (db/store.py).
    raise NotImplementedError("restore the backup made before upgrading to 0014")
