"""The catalog shipped with casedesk: the guide's library plus regional examples.

``resources/catalog/default-catalog.json`` is an ordinary catalog file, checked by the same
code as any file a region distributes; how its entries were derived from the guide is in
``docs/catalog-format.md``. Its entries carry the guide's date as "last checked", so the app
shows them as possibly out of date until a region checks them: that is the truth.
"""

from functools import cache

from casedesk.catalog.fileformat import load_catalog
from casedesk.domain.catalog import Catalog
from casedesk.resources import resource_path

DEFAULT_CATALOG_FILE = ("catalog", "default-catalog.json")


@cache
def load_default_catalog() -> Catalog:
    """The shipped default catalog, read and checked once per process.

    Catalog is immutable (frozen dataclasses, tuples, frozensets) except its
    ``route_leads`` dict; callers must not change that dict in place.
    """
    return load_catalog(resource_path(*DEFAULT_CATALOG_FILE))
