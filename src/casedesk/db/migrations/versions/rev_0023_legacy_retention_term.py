"""The legacy single retention term becomes the per-result-type terms.

Before 0011 a municipality set one term, ``retention.years`` (N years after closing, for
every closed dossier; 7 when unset or unusable). Since then each Selectielijst result type
has its own term (``retention.years.<result type>``) and the single one was no longer
read, so a municipality that had chosen, say, 20 years silently got the Selectielijst's 1
to 10. Its choice meant "every dossier N years", so N becomes the term of every result
type it has not set on its own since; the old key goes. An unusable value (not a whole
number of 1 to 30 years) was never a choice: the app read it as unset, and it goes too.
Dossiers closed earlier keep the retention date they were given.

Revision ID: 0023
Revises: 0022
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEGACY_KEY = "retention.years"
RESULT_TYPES = (
    "8_verstrekt", "8_geweigerd", "8_beeindigd", "8_afgebroken",
    "21_verstrekt", "21_niet_verstrekt", "21_afgebroken",
)  # fmt: skip
"""``domain/retention.ResultType`` as it is at this revision (a migration never follows
later code)."""
MAX_YEARS = 30

_settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.String))


def upgrade() -> None:
    _convert_legacy_term()


def _convert_legacy_term() -> None:
    bind = op.get_bind()
    legacy = bind.scalar(sa.select(_settings.c.value).where(_settings.c.key == LEGACY_KEY))
    if legacy is None:
        return
    years = _usable_years(legacy)
    if years is not None:
        own = set(
            bind.scalars(
                sa.select(_settings.c.key).where(_settings.c.key.like("retention.years.%"))
            )
        )
        for result in RESULT_TYPES:
            key = f"{LEGACY_KEY}.{result}"
            if key not in own:
                bind.execute(sa.insert(_settings).values(key=key, value=str(years)))
    bind.execute(sa.delete(_settings).where(_settings.c.key == LEGACY_KEY))


def _usable_years(text: str) -> int | None:
    try:
        years = int(text.strip())
    except ValueError:
        return None
    return years if 1 <= years <= MAX_YEARS else None


def downgrade() -> None:
    # The per-type terms stay (0011–0017 read them); the single key is not brought back.
    pass
