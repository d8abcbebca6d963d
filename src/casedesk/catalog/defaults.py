"""The catalog shipped with casedesk: the guide's library plus regional examples.

``resources/catalog/default-catalog.json`` is an ordinary catalog file, checked by the same
code as any file a region distributes; how its entries were derived from the guide is in
``docs/catalog-format.md``. Its entries carry the guide's date as "last checked", so the app
shows them as possibly out of date until a region checks them: that is the truth.
"""

import json
from functools import cache

from casedesk.catalog.fileformat import catalog_from_data
from casedesk.domain.catalog import Catalog
from casedesk.resources import resource_path

DEFAULT_CATALOG_FILE = ("catalog", "default-catalog.json")


@cache
def load_default_catalog() -> Catalog:
    """The shipped default catalog, read once per process.

    It is built without the file checks (JSON Schema, phone numbers, e-mail addresses,
    region codes): they cost about a second of start-up for every command and window,
    and the shipped file cannot change after the tests checked it
    (``test_default_catalog_file_validates_on_its_own``). Files a region sends are always
    checked (``fileformat.load_catalog``).

    Catalog is immutable (frozen dataclasses, tuples, frozensets) except its
    ``route_leads`` dict; callers must not change that dict in place.
    """
    text = resource_path(*DEFAULT_CATALOG_FILE).read_text(encoding="utf-8")
    return catalog_from_data(json.loads(text))
