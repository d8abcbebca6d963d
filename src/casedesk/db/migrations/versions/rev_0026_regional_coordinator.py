"""The regional coordinator on the server: a login that sees figures, never dossiers.

PostgreSQL only. A coordinator's login is a member of the coordinators' group role that
``casedesk server setup`` makes (``db/server/admin.py``); that role has no right on any
table with a dossier, a person or the log. What it reads of the dossiers it reads through
functions that run as the owner and return counts only.

- ``coordinator_logins`` maps a login to its name in ``caseworkers`` (the log and the
  catalog's history name who did what); like ``caseworker_logins`` only the owner may
  read or change it (row-level security forced, no policy for anyone else).
- ``casedesk_login_caseworker()`` (migration 0017) also knows the coordinators, so the
  events they cause carry their name.
- ``casedesk_report_counts(first, last, today)`` returns the figures of the regional
  report for the cases registered in the period: one row per figure (``topic``, the
  values of ``domain/report.py``'s ``Topic``), municipality and value, with a count. The
  same groups as ``db/report_repo.py``; the days from registration to the first plan and
  the state of a follow-up are counted here in Dutch calendar days, as
  ``domain/report.py``'s ``days_to_first_plan`` and ``follow_up_state`` count them. It
  returns counts only: no name, number, date or free text. Small counts are protected
  where every report is made, in ``domain/report.py``.
- ``settings`` gets row-level security (enabled and forced, the owner's policy for
  migrations): everyone with the right to read it reads the region's settings, but only
  a login with municipalities (a caseworker) reads the keys of single caseworkers
  (``caseworker.…``, their e-mail addresses); and a row may be added or changed only as
  the pointer to the catalog in use, ``catalog.current_version_id``. Caseworkers may not
  write settings at all (``casedesk server setup`` grants them SELECT only); the
  coordinators may insert and update, so this keeps them to the catalog.
- ``casedesk_record_event(…)`` writes an event outside any dossier for a login that may
  not touch the log itself (a coordinator: a report made, the catalog changed); the
  trigger of migration 0016 stamps the time and the login, and only report and catalog
  actions are taken, so no one can write an event that looks like a caseworker's.

Revision ID: 0026
Revises: 0027
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "coordinator_logins"
CATALOG_IN_USE = "'catalog.current_version_id'"
"""The setting a coordinator may write (``db/catalog_repo.py``'s key, as an SQL literal)."""
REPORT_SIGNATURE = "casedesk_report_counts(date, date, date)"
EVENT_SIGNATURE = "casedesk_record_event(text, text, text, text, text, text)"
"""What ``casedesk server setup`` grants the coordinators (``db/server/admin.py``)."""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = _schema()
    op.execute(
        f"CREATE TABLE {TABLE} ("
        " login text PRIMARY KEY,"
        " caseworker_id integer NOT NULL REFERENCES caseworkers (id))"
    )
    op.execute(f"ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {TABLE} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY owner_sees_all ON {TABLE} TO CURRENT_USER USING (true)")
    _login_caseworker(
        schema,
        f"SELECT coalesce((SELECT min(caseworker_id) FROM {schema}.caseworker_logins "
        f"WHERE login = session_user), (SELECT caseworker_id FROM {schema}.{TABLE} "
        "WHERE login = session_user))",
    )
    _report_function(schema)
    _event_function(schema)
    _settings_policies()
    for function in (REPORT_SIGNATURE, EVENT_SIGNATURE):
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")


def _report_function(schema: str) -> None:
    # Each stored timestamp is a naive UTC time; its Dutch calendar day decides.
    dutch_day = "(({} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam')::date"
    first_plan_day = dutch_day.format("min(p.created_at)")
    done_day = dutch_day.format("f.done_at")
    op.execute(
        f"""
        CREATE FUNCTION casedesk_report_counts(first_day date, last_day date, on_day date)
        RETURNS TABLE (topic text, municipality_code text, item text, amount bigint)
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
        WITH cohort AS (
            SELECT c.id, c.municipality_code::text AS code, c.channel, c.registration_date,
                CASE WHEN c.closed_on IS NOT NULL THEN c.closing_outcome END AS outcome
            FROM {schema}.cases c WHERE c.registration_date BETWEEN first_day AND last_day
        ),
        -- Per case only its latest decision counts: a changed advice is one case, not two.
        advice AS (
            SELECT cohort.code, a.suggested_primary_route, a.chosen_primary_route,
                a.accepted, a.urgent
            FROM cohort JOIN {schema}.advice_decisions a ON a.case_id = cohort.id
            WHERE a.id IN (SELECT max(id) FROM {schema}.advice_decisions GROUP BY case_id)
        ),
        first_plans AS (
            SELECT cohort.code, greatest(0,
                {first_plan_day} - cohort.registration_date
            ) AS days
            FROM cohort JOIN {schema}.plan_versions p ON p.case_id = cohort.id
            WHERE p.kind = 'actieplan'
            GROUP BY cohort.id, cohort.code, cohort.registration_date
        ),
        follow_ups AS (
            SELECT cohort.code, CASE
                WHEN f.done_at IS NULL AND f.due_date < on_day THEN 'open_verlopen'
                WHEN f.done_at IS NULL THEN 'open'
                WHEN {done_day} <= f.due_date THEN 'op_tijd'
                ELSE 'te_laat' END AS state
            FROM cohort JOIN {schema}.follow_ups f ON f.case_id = cohort.id
        )
        SELECT 'aanmeldingen', code, NULL, count(*) FROM cohort GROUP BY code
        UNION ALL
        SELECT 'kanaal', code, channel, count(*) FROM cohort GROUP BY code, channel
        UNION ALL
        SELECT 'uitkomst', code, outcome, count(*) FROM cohort WHERE outcome IS NOT NULL
            GROUP BY code, outcome
        UNION ALL
        SELECT CASE n.kind WHEN 'hulpvraag' THEN 'hulpvraag' ELSE 'ontbrekend_aanbod' END,
            cohort.code, n.code, count(*)
            FROM cohort JOIN {schema}.case_needs n ON n.case_id = cohort.id
            WHERE n.kind IN ('hulpvraag', 'ontbreekt') GROUP BY n.kind, cohort.code, n.code
        UNION ALL
        SELECT 'route_geadviseerd', code, suggested_primary_route::text, count(*) FROM advice
            GROUP BY code, suggested_primary_route
        UNION ALL
        SELECT 'route_gekozen', code, chosen_primary_route::text, count(*) FROM advice
            GROUP BY code, chosen_primary_route
        UNION ALL
        SELECT 'advies_gevolgd', code, CASE accepted WHEN true THEN 'ja' WHEN false THEN 'nee'
            END, count(*) FROM advice GROUP BY code, accepted
        UNION ALL
        SELECT 'urgent', code, CASE urgent WHEN true THEN 'ja' WHEN false THEN 'nee' END,
            count(*) FROM advice GROUP BY code, urgent
        UNION ALL
        SELECT 'instrument', cohort.code, i.instrument_name, count(*)
            FROM cohort JOIN {schema}.case_instruments i ON i.case_id = cohort.id
            GROUP BY cohort.code, i.instrument_name
        UNION ALL
        SELECT 'verwijzing', cohort.code, r.partner_name || '|' || r.status, count(*)
            FROM cohort JOIN {schema}.referrals r ON r.case_id = cohort.id
            GROUP BY cohort.code, r.partner_name, r.status
        UNION ALL
        SELECT 'eerste_plan', code, days::text, count(*) FROM first_plans GROUP BY code, days
        UNION ALL
        SELECT 'opvolging', code, state, count(*) FROM follow_ups GROUP BY code, state
        $$
        """
    )


def _event_function(schema: str) -> None:
    op.execute(
        f"""
        CREATE FUNCTION casedesk_record_event(action text, entity_type text, entity_id text,
            details_json text, outcome text, origin text) RETURNS void
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
        BEGIN
            IF action IS NULL OR action !~ '^(report|catalog)[.][a-z_]+$'
                    OR entity_type IS NULL
                    OR entity_type NOT IN ('report', 'catalog', 'catalog_version')
                    OR outcome IS NULL OR outcome NOT IN ('done', 'refused', 'failed') THEN
                RAISE EXCEPTION 'casedesk_record_event: not an event of the region''s figures'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            PERFORM details_json::json;
            -- The trigger of migration 0016 stamps the server's time and the login.
            INSERT INTO {schema}.audit_events (at, actor_id, action, entity_type, entity_id,
                case_id, details_json, outcome, origin, prev_hash, event_hash)
            VALUES (statement_timestamp() AT TIME ZONE 'UTC',
                {schema}.casedesk_login_caseworker(), action, entity_type, left(entity_id, 100),
                NULL, details_json, outcome, left(coalesce(origin, ''), 200), '', '');
        END $$
        """
    )


def _settings_policies() -> None:
    op.execute("ALTER TABLE settings ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE settings FORCE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY owner_sees_all ON settings TO CURRENT_USER USING (true)")
    op.execute(
        "CREATE POLICY region_reads ON settings FOR SELECT USING (key NOT LIKE 'caseworker.%' "
        "OR EXISTS (SELECT 1 FROM casedesk_login_municipalities()))"
    )
    op.execute(
        f"CREATE POLICY catalog_in_use_added ON settings FOR INSERT "
        f"WITH CHECK (key = {CATALOG_IN_USE})"
    )
    op.execute(
        f"CREATE POLICY catalog_in_use_changed ON settings FOR UPDATE "
        f"USING (key = {CATALOG_IN_USE}) WITH CHECK (key = {CATALOG_IN_USE})"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = _schema()
    for policy in ("owner_sees_all", "region_reads", "catalog_in_use_added",
                   "catalog_in_use_changed"):  # fmt: skip
        op.execute(f"DROP POLICY {policy} ON settings")
    op.execute("ALTER TABLE settings NO FORCE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE settings DISABLE ROW LEVEL SECURITY")
    for function in (REPORT_SIGNATURE, EVENT_SIGNATURE):
        op.execute(f"DROP FUNCTION {function}")
    # Migration 0017's function, written out: migrations never import each other.
    _login_caseworker(
        schema,
        f"SELECT min(caseworker_id) FROM {schema}.caseworker_logins WHERE login = session_user",
    )
    op.execute(f"DROP TABLE {TABLE}")


def _schema() -> str:
    name = str(op.get_bind().scalar(sa.text("SELECT current_schema()")))
    return '"' + name.replace('"', '""') + '"'


def _login_caseworker(schema: str, body: str) -> None:
    # CREATE OR REPLACE keeps the function's grants (the roles of casedesk server setup).
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION casedesk_login_caseworker() RETURNS integer
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
            {body}
        $$
        """
    )
