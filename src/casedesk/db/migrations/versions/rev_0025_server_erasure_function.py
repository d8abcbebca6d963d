"""Erasure on the regional server: one function, run as the owner (PostgreSQL only).

A caseworker's login may not delete printed plans or audit events (``casedesk server
setup`` grants no DELETE on them: they are append-only), so it cannot erase a dossier
itself. ``casedesk_erase_case(case_id, reason, origin)`` does it as the owner
(SECURITY DEFINER), and only within the rules of ``services/retention.py``:

- the dossier must belong to a municipality of the login (``session_user``, looked up in
  ``caseworker_logins``); a dossier of another municipality and one that does not exist
  are refused alike, so the refusal gives nothing away;
- it must be closed, and its retention term must have passed by the server's own date in
  the Netherlands (the client's date plays no part);
- ``reason`` is ``request`` (the entrepreneur asked) or ``purge``; ``restore`` (erasing
  again after an older backup was restored) only for the owner itself, whose erasures
  of the ledger were lawful when they were made.

It removes every row of the dossier: the tables with a ``case_id`` (but the audit log),
the rows hanging off its referrals, the case, and the entrepreneur and business when no
other dossier points at them. The tables are found in the catalog, as
``db/dossier_rows.py`` walks the models, so a dossier table added later is erased too.
It then writes the ``case.erased`` event (no personal data; the server stamps time and
login) and a line in the server's log, which lives outside the database and so survives
the restore of an older backup (docs/server-erasure.md). It returns how many rows went.

A fixed search path with pg_temp last and every table named with its schema: nothing of
the caller's can stand in for them. Values go in with ``USING``; table names from the
catalog are quoted with %I.

Revision ID: 0025
Revises: 0024
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNATURE = "casedesk_erase_case(integer, text, text)"
"""What ``casedesk server setup`` grants the caseworkers (``db/server/admin.py``)."""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema_name = str(op.get_bind().scalar(sa.text("SELECT current_schema()")))
    schema = '"' + schema_name.replace('"', '""') + '"'
    schema_literal = "'" + schema_name.replace("'", "''") + "'"
    op.execute(
        f"""
        CREATE FUNCTION casedesk_erase_case(erased_case integer, reason text, origin text)
        RETURNS integer
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
        DECLARE
            -- Inside the function current_user is the owner; session_user is who logged in.
            by_owner boolean := session_user = current_user;
            today date := (statement_timestamp() AT TIME ZONE 'Europe/Amsterdam')::date;
            home oid := (SELECT n.oid FROM pg_namespace n WHERE n.nspname = {schema_literal});
            erased {schema}.cases%ROWTYPE;
            removed integer := 0;
            counted integer;
            dossier_table text;
        BEGIN
            IF reason IS NULL OR reason NOT IN ('request', 'purge', 'restore') THEN
                RAISE EXCEPTION 'casedesk_erase_case: unknown reason'
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            IF reason = 'restore' AND NOT by_owner THEN
                RAISE EXCEPTION 'casedesk_erase_case: only the owner re-applies erasures'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            SELECT * INTO erased FROM {schema}.cases WHERE id = erased_case FOR UPDATE;
            IF NOT FOUND AND by_owner THEN
                RETURN 0;  -- already gone
            END IF;
            IF NOT FOUND OR NOT (by_owner OR erased.municipality_code IN
                    (SELECT {schema}.casedesk_login_municipalities())) THEN
                RAISE EXCEPTION 'casedesk_erase_case: not a dossier of this login'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF reason <> 'restore' AND NOT (erased.status = 'afgesloten'
                    AND erased.retention_until IS NOT NULL AND erased.retention_until < today)
            THEN
                RAISE EXCEPTION 'casedesk_erase_case: dossier % must still be kept', erased_case
                    USING ERRCODE = 'CD001';
            END IF;
            -- Rows reached through a referral only (its status changes), then every
            -- table with a case_id (the log outlives the dossier), referrals last of those.
            -- The search text goes with the case (ON DELETE CASCADE): not a dossier row.
            FOR dossier_table IN
                SELECT t.relname FROM pg_class t
                WHERE t.relnamespace = home AND t.relkind = 'r'
                AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid
                            AND a.attname = 'referral_id' AND NOT a.attisdropped)
                AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid
                                AND a.attname = 'case_id' AND NOT a.attisdropped)
                ORDER BY t.relname
            LOOP
                EXECUTE format('DELETE FROM {schema}.%I WHERE referral_id IN '
                               '(SELECT id FROM {schema}.referrals WHERE case_id = $1)',
                               dossier_table) USING erased_case;
                GET DIAGNOSTICS counted = ROW_COUNT;
                removed := removed + counted;
            END LOOP;
            FOR dossier_table IN
                SELECT t.relname FROM pg_class t
                WHERE t.relnamespace = home AND t.relkind = 'r'
                AND t.relname NOT IN ('audit_events', 'referrals', 'case_search')
                AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid
                            AND a.attname = 'case_id' AND NOT a.attisdropped)
                ORDER BY t.relname
            LOOP
                EXECUTE format('DELETE FROM {schema}.%I WHERE case_id = $1', dossier_table)
                    USING erased_case;
                GET DIAGNOSTICS counted = ROW_COUNT;
                removed := removed + counted;
            END LOOP;
            DELETE FROM {schema}.referrals WHERE case_id = erased_case;
            GET DIAGNOSTICS counted = ROW_COUNT;
            removed := removed + counted;
            DELETE FROM {schema}.cases WHERE id = erased_case;
            removed := removed + 1;
            -- A person or business another dossier still points at stays for that dossier.
            IF erased.business_id IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM {schema}.cases WHERE business_id = erased.business_id) THEN
                DELETE FROM {schema}.businesses WHERE id = erased.business_id;
                GET DIAGNOSTICS counted = ROW_COUNT;
                removed := removed + counted;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM {schema}.cases
                           WHERE entrepreneur_id = erased.entrepreneur_id) THEN
                DELETE FROM {schema}.businesses WHERE entrepreneur_id = erased.entrepreneur_id;
                GET DIAGNOSTICS counted = ROW_COUNT;
                removed := removed + counted;
                DELETE FROM {schema}.entrepreneurs WHERE id = erased.entrepreneur_id;
                GET DIAGNOSTICS counted = ROW_COUNT;
                removed := removed + counted;
            END IF;
            -- The trigger of migration 0016 stamps the server's time and the login.
            INSERT INTO {schema}.audit_events (at, actor_id, action, entity_type, entity_id,
                case_id, details_json, outcome, origin, prev_hash, event_hash)
            VALUES (statement_timestamp() AT TIME ZONE 'UTC',
                CASE WHEN by_owner THEN NULL ELSE {schema}.casedesk_login_caseworker() END,
                'case.erased', 'case', erased_case::text, erased_case,
                format('{{"reason": %s, "rows": %s}}', to_json(reason)::text, removed),
                'done', left(coalesce(origin, ''), 200), '', '');
            -- Outside the database: what a restored older backup must have erased again.
            RAISE LOG 'casedesk: dossier % erased (reason %) in database %',
                erased_case, reason, current_database();
            RETURN removed;
        END $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP FUNCTION {SIGNATURE}")
