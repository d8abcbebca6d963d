"""The file checks for one entry, for the form in Catalogus › Beheren….

An entry the coordinator types must pass exactly what a file import would ask of it, so
this runs the same schema and the same checks (``schema.py``, ``checks.py``) on the entry
as it would be written in the file, and checks its id against the rest of the catalog.
The findings come back per field of the file (``"contact.phone"``), so the form can show
each one at its own field.
"""

import dataclasses
from datetime import date

from casedesk.catalog.checks import semantic_findings
from casedesk.catalog.fileformat import catalog_to_data
from casedesk.catalog.schema import schema_findings
from casedesk.domain.catalog import Catalog, Instrument
from casedesk.domain.catalog_edit import Entry, save_entry
from casedesk.domain.regions import RegionTable

EntryFindings = dict[str, list[str]]
"""Dutch reasons by the field's path in the file (``"name"``, ``"availability.regions"``)."""


def entry_findings(
    catalog: Catalog,
    entry: Entry,
    regions: RegionTable,
    today: date,
    replaces: str | None = None,
) -> EntryFindings:
    """What an import would refuse in ``entry`` if it were saved into ``catalog``."""
    # The entry alone in a catalog with the same details: every rule but the unique id
    # concerns one entry, and checking one is some 1 ms instead of 30 for the whole file.
    alone = dataclasses.replace(
        catalog,
        instruments=(entry,) if isinstance(entry, Instrument) else (),
        partners=() if isinstance(entry, Instrument) else (entry,),
    )
    list_name = "instruments" if isinstance(entry, Instrument) else "partners"
    data = catalog_to_data(alone)
    findings: EntryFindings = {}
    changed = save_entry(catalog, entry, replaces)
    everything: list[Entry] = [*changed.instruments, *changed.partners]
    if sum(1 for other in everything if other.id == entry.id) > 1:
        findings["id"] = [
            f"het id “{entry.id}” wordt al gebruikt. Elk instrument en elke partner heeft "
            "een eigen id."
        ]
    for path, reason in [*schema_findings(data), *semantic_findings(data, regions, today)]:
        if path[:2] != (list_name, 0):
            continue
        field = ".".join(str(part) for part in path[2:] if not isinstance(part, int))
        reasons = findings.setdefault(field or "id", [])
        if reason not in reasons:
            reasons.append(reason)
    return findings
