"""Alembic environment for casedesk: always runs on a connection handed over by migrate.py.

There is no alembic.ini and no URL: the store is an SQLCipher file whose key only the
running app holds, so :func:`casedesk.db.migrate.upgrade` opens the connection itself and
passes it in ``config.attributes["connection"]``.
"""

from alembic import context
from sqlalchemy import Connection

from casedesk.db.migrate import described_by_models
from casedesk.db.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("casedesk migrations run only through casedesk.db.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
    include_name=described_by_models,
)
with context.begin_transaction():
    context.run_migrations()
