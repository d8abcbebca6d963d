"""The catalog in use: the shipped default until a region's file is imported."""

import re
from pathlib import Path

import pytest

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.transfer import export_catalog
from casedesk.db.store import Store
from casedesk.errors import KnownError
from casedesk.services.catalog import catalog_in_use, import_catalog
from tests.services.casework_store import store
from tests.services.regional_catalog import regional_catalog

pytestmark = pytest.mark.only_sqlite("the owner imports the region's catalog on a server")

__all__ = ["store"]


def test_a_store_without_an_import_uses_the_shipped_catalog(store: Store) -> None:
    assert catalog_in_use(store) == load_default_catalog()


def test_an_imported_catalog_is_the_one_in_use(store: Store, tmp_path: Path) -> None:
    regional = regional_catalog("2026-12")
    export_catalog(regional, tmp_path / "regio.json")
    import_catalog(store, tmp_path / "regio.json")
    assert catalog_in_use(store) == regional


def test_a_stored_catalog_is_parsed_once_and_reused(store: Store, tmp_path: Path) -> None:
    export_catalog(regional_catalog("2026-12"), tmp_path / "regio.json")
    import_catalog(store, tmp_path / "regio.json")
    assert catalog_in_use(store) is catalog_in_use(store)


def test_importing_the_catalog_in_use_again_is_refused_and_changes_nothing(
    store: Store, tmp_path: Path
) -> None:
    regional = regional_catalog("2026-12")
    export_catalog(regional, tmp_path / "regio.json")
    import_catalog(store, tmp_path / "regio.json")
    with pytest.raises(
        KnownError, match=re.escape("De catalogus in “regio.json” is gelijk aan de catalogus")
    ):
        import_catalog(store, tmp_path / "regio.json")
    assert catalog_in_use(store) == regional
