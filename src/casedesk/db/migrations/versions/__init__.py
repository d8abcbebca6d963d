"""Alembic revisions, applied in order by casedesk.db.migrate."""
