"""How many dossiers use a catalog entry, as a login may know it: exactly where it may look
into the dossiers; where it sees figures only, 1 to 4 said as the report says them."""

import pytest

from casedesk.domain.catalog_edit import DossierUse, dossier_use


@pytest.mark.parametrize(("count", "seen"), [(0, 0), (1, None), (4, None), (5, 5), (12, 12)])
def test_a_login_that_sees_figures_only_is_not_told_a_count_below_five(
    count: int, seen: int | None
) -> None:
    assert dossier_use(count, figures_only=True) == DossierUse(seen)


@pytest.mark.parametrize("count", [0, 1, 4, 5])
def test_a_login_that_sees_the_dossiers_is_told_the_exact_count(count: int) -> None:
    assert dossier_use(count, figures_only=False) == DossierUse(count)


def test_fewer_than_five_is_still_in_use() -> None:
    assert DossierUse(None).in_use and DossierUse(3).in_use and not DossierUse(0).in_use
