"""The file checks for one entry, for the form in Catalogus › Beheren….

An entry the coordinator types must pass exactly what a file import would ask of it, so
this runs the same schema and the same checks (``schema.py``, ``checks.py``) on the whole
catalog as it would be written with the entry in it, and keeps what concerns the entry.
The findings come back per field of the file (``"contact.phone"``), so the form can show
each one at its own field.
"""

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
    changed = save_entry(catalog, entry, replaces)
    list_name = "instruments" if isinstance(entry, Instrument) else "partners"
    entries = changed.instruments if isinstance(entry, Instrument) else changed.partners
    index = next(i for i, candidate in enumerate(entries) if candidate is entry)
    data = catalog_to_data(changed)
    findings: EntryFindings = {}
    everything: list[Entry] = [*changed.instruments, *changed.partners]
    others = [other for other in everything if other is not entry]
    if any(other.id == entry.id for other in others):
        # Said here whichever of the two comes first in the file: the file check names
        # the later one, which may be the entry the coordinator is not editing.
        findings["id"] = [
            f"het id “{entry.id}” wordt al gebruikt. Elk instrument en elke partner heeft "
            "een eigen id."
        ]
    for path, reason in [*schema_findings(data), *semantic_findings(data, regions, today)]:
        if path[:2] != (list_name, index) or (path[2:] == ("id",) and "wordt al" in reason):
            continue
        field = ".".join(str(part) for part in path[2:] if not isinstance(part, int))
        reasons = findings.setdefault(field or "id", [])
        if reason not in reasons:
            reasons.append(reason)
    return findings
