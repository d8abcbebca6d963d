"""Alembic migrations of the store (run through casedesk.db.migrate)."""
