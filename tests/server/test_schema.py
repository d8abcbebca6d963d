"""The same migrations on PostgreSQL: the schema they make is the one the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from casedesk.db import migrate
from casedesk.db.models import Base
from tests.server.region import Region

SERVER_ONLY = {
    "caseworker_logins", "case_search", "case_presence", "coordinator_logins", "case_uploads",
    "municipality_settings", "caseworker_settings",
}  # fmt: skip
"""Tables of the server alone (migrations 0016, 0017, 0026, 0027, 0034, 0036 and 0038), which
the models leave out."""
SERVER_ONLY_INDEXES = {
    "ix_cases_municipality_code_status_updated_at_id",
    "ix_cases_municipality_code_primary_route_updated_at_id",
}
"""Indexes of ``cases`` on the server alone (migration 0042), which the models leave out."""


def test_models_and_migrations_agree_on_postgresql(region: Region) -> None:
    engine = region.owner_engine()
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={"compare_type": True, "include_name": migrate.described_by_models},
            )
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    unexpected = [
        difference
        for difference in differences
        if not (difference[0] == "remove_table" and difference[1].name in SERVER_ONLY)
        # The login that wrote an event and its place in the hash chain: filled by the
        # server's triggers (migrations 0016 and 0031), never by the app.
        and not (
            difference[0] == "remove_column"
            and difference[3].name in {"recorded_by", "chain_seq"}
        )
        and not (
            difference[0] == "remove_index" and difference[1].name == "ix_audit_events_chain_seq"
        )
        # What a login of one municipality walks a searched list by group in (0042).
        and not (difference[0] == "remove_index" and difference[1].name in SERVER_ONLY_INDEXES)
        # What the server's search rows point at (migration 0041; case_search is the server's).
        and not (
            difference[0] == "remove_constraint"
            and difference[1].name == "uq_cases_id_municipality_code"
        )
    ]
    assert unexpected == []
