"""Who a dossier and a printed plan name as their caseworker: the login or a colleague
(PostgreSQL only).

``cases.caseworker_id`` and ``plan_versions.caseworker_id`` say whose dossier it is and
whose name and e-mail address a plan prints. A client writes them, and the row policies
of migration 0017 check only the municipality: a login of Dongen could make a dossier in
the name of a caseworker of Tilburg, who would then seem to work on it. A trigger now
lets a caseworker's login write only itself, a colleague (a caseworker mapped to one of
its municipalities, ``casedesk_login_colleagues()`` of migration 0038; an upload names
the colleague of the same name) or nobody, and keeps a dossier's caseworker when a row
is changed otherwise. The owner (the administrator) is not held.

Revision ID: 0039
Revises: 0038
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0039"
down_revision: str | None = "0038"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FUNCTION = "casedesk_check_caseworker()"
TRIGGER = "caseworker_is_the_login_or_a_colleague"
TABLES = ("cases", "plan_versions")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = '"' + str(op.get_bind().scalar(sa.text("SELECT current_schema()"))) + '"'
    # SECURITY DEFINER: it reads the login mapping the caseworkers may not read; a fixed
    # search path with pg_temp last, as the login functions of migration 0017.
    op.execute(
        f"""
        CREATE FUNCTION {FUNCTION} RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
        BEGIN
            IF NEW.caseworker_id IS NULL
               OR (TG_OP = 'UPDATE' AND NEW.caseworker_id IS NOT DISTINCT FROM OLD.caseworker_id)
               OR NOT EXISTS (
                   SELECT 1 FROM {schema}.caseworker_logins WHERE login = session_user)
               OR NEW.caseworker_id IN (SELECT {schema}.casedesk_login_colleagues())
            THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'caseworker % is neither this login nor a colleague',
                NEW.caseworker_id USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {FUNCTION} FROM PUBLIC")
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF caseworker_id ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER {TRIGGER} ON {table}")
    op.execute(f"DROP FUNCTION {FUNCTION}")
