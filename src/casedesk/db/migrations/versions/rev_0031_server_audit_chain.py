"""On the regional server the audit log is a hash chain too (DESIGN.md, "Privacy and the
audit log"), so that an event deleted, changed or slipped in afterwards shows.

Each event is sealed when its transaction commits, as on the laptop: a deferred constraint
trigger takes the chain's lock, gives the event the next place in the chain
(``chain_seq``, from a sequence drawn under that lock, so places follow the order of
sealing even when ids were drawn in another order), the previous event's hash, and its own
hash. Taking the lock only at commit matters: a transaction then holds no other lock it
still waits for, so two caseworkers saving the same dossier cannot deadlock on the chain.

The hash covers what the laptop's covers plus ``recorded_by`` (the login the server
stamped, migration 0016), in an encoding with a length before every field so that no two
events can be written alike; ``db/server/audit_chain.py`` computes the same in Python to
verify. The functions are the owner's (SECURITY DEFINER, a fixed search_path): the
caseworkers may still only add events, never change one.

Revision ID: 0031
Revises: 0030
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHAIN_LOCK = 7_316_104_731
"""The transaction-level advisory lock of the chain (any constant the region does not use
for something else)."""

_FIELDS = (
    "casedesk_audit_field(to_char(at, 'YYYY-MM-DD\"T\"HH24:MI:SS.US'))"
    " || casedesk_audit_field(actor_id::text) || casedesk_audit_field(action)"
    " || casedesk_audit_field(entity_type) || casedesk_audit_field(entity_id)"
    " || casedesk_audit_field(case_id::text) || casedesk_audit_field(details_json)"
    " || casedesk_audit_field(outcome) || casedesk_audit_field(origin)"
    " || casedesk_audit_field(recorded_by) || casedesk_audit_field(previous)"
)
_DIGEST = f"encode(sha256(convert_to({_FIELDS}, 'UTF8')), 'hex')"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.scalar(text("SELECT quote_ident(current_schema())"))
    op.execute("ALTER TABLE audit_events ADD COLUMN chain_seq bigint")
    op.execute("CREATE UNIQUE INDEX ix_audit_events_chain_seq ON audit_events (chain_seq)")
    op.execute("CREATE SEQUENCE audit_chain_seq")
    op.execute(
        """
        CREATE FUNCTION casedesk_audit_field(value text) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$
            SELECT CASE WHEN value IS NULL THEN '~' ELSE length(value)::text || ':' || value END
        $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION casedesk_seal_audit_event() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        DECLARE
            previous text;
        BEGIN
            PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
            -- A statement of its own after the lock: it sees the previous sealer's commit.
            SELECT event_hash INTO previous FROM audit_events
            WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
            previous := coalesce(previous, '');
            UPDATE audit_events
            SET chain_seq = nextval('audit_chain_seq'), prev_hash = previous,
                event_hash = {_DIGEST}
            WHERE id = NEW.id;
            RETURN NULL;
        END $$
        """
    )
    op.execute("REVOKE ALL ON FUNCTION casedesk_seal_audit_event() FROM PUBLIC")
    # The events logged before this migration are chained in the order they were added.
    op.execute(
        f"""
        DO $$
        DECLARE
            event_id integer;
            previous text := '';
        BEGIN
            FOR event_id IN SELECT id FROM audit_events ORDER BY id LOOP
                UPDATE audit_events
                SET chain_seq = nextval('audit_chain_seq'), prev_hash = previous,
                    event_hash = {_DIGEST}
                WHERE id = event_id
                RETURNING event_hash INTO previous;
            END LOOP;
        END $$
        """
    )
    op.execute(
        "CREATE CONSTRAINT TRIGGER audit_events_sealed AFTER INSERT ON audit_events "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION casedesk_seal_audit_event()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER audit_events_sealed ON audit_events")
    op.execute("DROP FUNCTION casedesk_seal_audit_event()")
    op.execute("DROP FUNCTION casedesk_audit_field(text)")
    op.execute("DROP SEQUENCE audit_chain_seq")
    op.execute("ALTER TABLE audit_events DROP COLUMN chain_seq")
