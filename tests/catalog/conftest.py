"""A small, valid catalog file to break in realistic ways."""

import copy
import json
from datetime import date
from typing import Any

import pytest

TODAY = date(2026, 11, 28)

SMALL_CATALOG: dict[str, Any] = {
    "format": "casedesk-catalog",
    "format_version": 1,
    "version": "2026.2",
    "title": "Routekaart arbeidsmarktregio Groot Amsterdam",
    "issued": "2026-11-01",
    "region": "AM18",
    "route_leads": {
        "1": "zelfstandigenloket",
        "2": "zelfstandigenloket",
        "3": "werkgeversservicepunt",
    },
    "instruments": [
        {
            "id": "ondernemersklankbord",
            "name": "Ondernemersklankbord",
            "provider": "Ondernemersklankbord",
            "active": True,
            "description": "Een ervaren ondernemer begeleidt u een half jaar lang.",
            "services": ["route1", "route2"],
            "topics": ["coaching"],
            "conditions": [],
            "availability": {"national": True, "regions": [], "municipalities": []},
            "cost": {"kind": "gratis", "note": "Tijdelijk gratis."},
            "forms": ["individueel"],
            "contact": {
                "website": "https://www.ondernemersklankbord.nl/",
                "phone": None,
                "email": None,
            },
            "source": "leidraad 2021",
            "last_checked": "2021-10-01",
        },
        {
            "id": "schuldhulp-amsterdam",
            "name": "Schuldhulp voor ondernemers",
            "provider": "Gemeente Amsterdam",
            "active": True,
            "description": "De gemeente helpt u als u schulden hebt.",
            "services": ["route2"],
            "topics": ["schulden"],
            "conditions": ["tozo_of_bbz"],
            "availability": {"national": False, "regions": ["AM18"], "municipalities": ["GM0363"]},
            "cost": {"kind": "gemeente_koopt_in", "note": ""},
            "forms": ["individueel"],
            "contact": {
                "website": "https://www.amsterdam.nl/",
                "phone": "020 255 2910",
                "email": "ondernemers@amsterdam.nl",
            },
            "source": "regio Groot Amsterdam",
            "last_checked": "2026-10-15",
        },
    ],
    "partners": [
        {
            "id": "zelfstandigenloket-amsterdam",
            "name": "Zelfstandigenloket Amsterdam",
            "type": "zelfstandigenloket",
            "active": True,
            "description": "Het loket voor de Tozo en het Bbz.",
            "leads_routes": [1, 2],
            "availability": {"national": False, "regions": ["AM18"], "municipalities": []},
            "contact": {"website": None, "phone": "14 020", "email": None},
            "source": "regio Groot Amsterdam",
            "last_checked": "2026-10-15",
        }
    ],
}


@pytest.fixture
def catalog_data() -> dict[str, Any]:
    """A fresh copy of the small catalog, to change in one test."""
    return copy.deepcopy(SMALL_CATALOG)


def as_text(data: object) -> str:
    """The way a coordinator's editor would save it: indented, one field per line."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th occurrence of ``fragment`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(fragment, index + 1)
    return text.count("\n", 0, index) + 1
