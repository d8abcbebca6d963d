"""Schema migrations of the store, run programmatically with Alembic.

The store life cycle (``db/store.py``) decides *when* to migrate (after a backup, refusing
a store newer than the app); this module only says where a store is and brings it to head.
Like jupyterhub's ``check_db_revision``: an empty store is created at head, a known older
revision is upgraded, and a revision this code does not know is reported as is so the
caller can refuse it.
"""

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from casedesk.db import commit_marks, steps

if TYPE_CHECKING:
    from alembic.config import Config

# Opening a store only needs to know these; Alembic itself (about 150 ms to import) is
# loaded only when a store must be upgraded. A test keeps this list equal to the scripts.
REVISIONS: tuple[str, ...] = (
    *("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0010", "0011", "0012"),
    *("0013", "0014", "0019", "0016", "0017", "0022", "0023", "0024"),
)
"""Every migration of ``migrations/versions``, oldest first."""

_MIGRATIONS_PACKAGE = "casedesk.db:migrations"


# The SQLite-only search index (migration 0002): FTS5 tables, their shadow tables and the
# view they are filled from. The models do not describe them, so autogenerate skips them.
_SQLITE_ONLY_PREFIX = "case_search"
# The case list's sort indexes over folded text differ per database (migration 0019).
_PER_DATABASE_INDEX_PREFIX = "ix_sort_"


def described_by_models(name: str | None, type_: str, _parent_names: object = None) -> bool:
    """Whether autogenerate should compare this object (Alembic's ``include_name`` hook)."""
    if name is None:
        return True
    if type_ == "index":
        return not name.startswith(_PER_DATABASE_INDEX_PREFIX)
    return not (type_ == "table" and name.startswith(_SQLITE_ONLY_PREFIX))


def _alembic_config(connection: Connection | None = None) -> "Config":
    from alembic.config import Config

    config = Config()
    # A package resource path, so it works from a wheel or a frozen bundle alike.
    config.set_main_option("script_location", _MIGRATIONS_PACKAGE)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_revisions() -> list[str]:
    """The revisions of the migration scripts, oldest first (reads them with Alembic)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


def head_revision() -> str:
    """The revision this code's schema is at."""
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    """Every revision this code can upgrade from (head included)."""
    return set(REVISIONS)


def database_revision(connection: Connection) -> str | None:
    """The revision the store is stamped with; None for an empty, unstamped store.

    A revision not in :func:`known_revisions` means the store was written by a newer app.
    """
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the store to :func:`head_revision`, from empty or from any known revision.

    All steps run in one transaction: a step that fails (or a killed process) leaves the
    store at its old revision, not half-migrated. Raises ``alembic.util.CommandError`` for
    a revision this code does not know, changing nothing.
    """
    from alembic import command

    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # The sqlite3 driver only opens a transaction before INSERT/UPDATE/DELETE and
            # runs CREATE/ALTER in autocommit; an explicit BEGIN makes the DDL atomic too
            # (SQLite itself has transactional DDL). The driver's commit/rollback end it.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        revision_before = database_revision(connection)
        command.upgrade(_alembic_config(connection), "head")
        changed = revision_before is not None and revision_before != database_revision(connection)
        if changed and inspect(connection).has_table("store_commit_mark"):
            # A schema change is a commit like any other (db/commit_marks.py).
            commit_marks.advance(connection)
        steps.reached("migration.before-commit")
        connection.commit()
