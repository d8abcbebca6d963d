"""``python -m bench.bench_case_order FOLDER``: the sorted case list on a filled store.

FOLDER is a cache folder of ``make bench-scale`` (``build/bench-scale/cases-1000000``:
``data/`` and ``store.key``); the store is migrated to this code's schema when it is older.
Per column and direction: the first page, and the 20th page reached by scrolling (keyset),
each the median of a few runs; also with the "open dossiers" filter.
"""

import sys
from pathlib import Path

from bench.table import BenchRow, format_table, median, milliseconds
from casedesk.db.keys import open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import Store, open_store
from casedesk.domain.case import CaseFilter, CaseOrder, CaseSortKey, CaseSummary
from casedesk.services.cases import case_page_source
from casedesk.ui.case_list_model import PAGE_SIZE

RUNS = 3
DEEP_PAGE = 20


def _page_times(store: Store, order: CaseOrder, case_filter: CaseFilter) -> tuple[float, float]:
    source = case_page_source(store, case_filter, order)
    first = median([milliseconds(lambda: source("", None, PAGE_SIZE)) for _ in range(RUNS)])
    after: CaseSummary | None = None
    for _ in range(DEEP_PAGE - 1):
        page = source("", after, PAGE_SIZE)
        after = page[-1] if page else after
    deep = median([milliseconds(lambda: source("", after, PAGE_SIZE)) for _ in range(RUNS)])
    return first, deep


def main(folder: Path) -> int:
    location = StoreLocation.in_dir(folder / "data")
    keychain = open_keychain()
    keychain.save_key(location.store_file, bytes.fromhex((folder / "store.key").read_text()))
    rows = []
    with open_store(location, keychain) as store:
        for key in CaseSortKey:
            for descending in (False, True):
                order = CaseOrder(key, descending)
                for case_filter in (CaseFilter.ALL, CaseFilter.OPEN):
                    first, deep = _page_times(store, order, case_filter)
                    name = f"{order.label}, {case_filter.label.lower()}"
                    rows.append(BenchRow(f"{name}: first page", f"{first:.1f} ms", "", None))
                    rows.append(
                        BenchRow(f"{name}: page {DEEP_PAGE}", f"{deep:.1f} ms", "", None)
                    )
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
