"""A region's own catalog for the import tests: the shipped one, renamed per instrument."""

import dataclasses

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.catalog import Catalog


def regional_catalog(version: str) -> Catalog:
    default = load_default_catalog()
    return dataclasses.replace(
        default,
        version=version,
        instruments=tuple(
            dataclasses.replace(item, name=f"{item.name} (regio)") for item in default.instruments
        ),
    )
