"""The schema revisions this code knows, without Alembic or SQLAlchemy.

Starting the app compares the store's revision with these before the database layer has
loaded (``db/first_look.py``); ``db/migrate.py`` upgrades with Alembic when they differ.
"""

# Opening a store only needs to know these; Alembic itself (about 150 ms to import) is
# loaded only when a store must be upgraded. A test keeps this list equal to the scripts.
REVISIONS: tuple[str, ...] = (
    *("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0010", "0011", "0012"),
    *("0013", "0014", "0019", "0016", "0017", "0022", "0023", "0024", "0025", "0027"),
    *("0026", "0030", "0031", "0034", "0035", "0036", "0037", "0038", "0039", "0040"),
    "0041", "0042",
)
"""Every migration of ``migrations/versions``, oldest first."""


def head_revision() -> str:
    """The revision this code's schema is at."""
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    """Every revision this code can upgrade from (head included)."""
    return set(REVISIONS)
