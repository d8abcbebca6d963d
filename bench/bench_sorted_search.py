"""``python -m bench.bench_sorted_search``: a searched case list in every order on the server.

A region of five municipalities on a kept cluster (bench/server_cluster.py, in
``build/bench-sorted-search/``), filled once with ``BENCH_SORTED_SCALE`` demo dossiers
(100,000 by default) as bench/bench_server.py fills one. One caseworker who works for all
five municipalities types a search and sorts the list by a column: per column and
direction, the p50 and p95 of fetching page 1 and page 2 (50 rows, as the case list
fetches them) (``fetch_case_page``, the query
behind the app's page source, without its audit write), over a few searches of different reach.

``BENCH_SORTED_KEYS=status,route`` measures only those columns;
``BENCH_SORTED_SEARCHES=bakker,kapsalon`` only those searches;
``BENCH_SORTED_MUNICIPALITY=GM0855`` searches as a caseworker of that one municipality.
"""

import os
import sys
import time
from pathlib import Path

from sqlalchemy import URL, create_engine, text

from bench.bench_server import DATABASE, MUNICIPALITIES, login_of, prepare_region
from bench.server_cluster import running_cluster
from bench.table import BenchRow, format_table, percentile
from casedesk.db.cases import CasePageKey, fetch_case_page
from casedesk.db.server import admin as server_admin
from casedesk.db.server.store import open_server_store
from casedesk.domain.case import CaseOrder, CaseSortKey

PAGE_SIZE = 50
"""As the case list fetches (ui/case_list_model.py; not imported: no Qt here)."""

FOLDER = Path("build/bench-sorted-search")
SEARCHES = ("jan", "bakker", "de", "yilmaz kapsalon")
"""A first name, a surname and trade word, a two-letter word start, two rare words."""
RUNS = 7
REGION_LOGIN = f"{DATABASE}_region_all"
"""Named after the database, so a refill (another revision) drops it with the old one's
roles (bench/bench_server.py): roles outlive the database they were made for."""


def _region_login(owner_url: URL, password: str) -> str:
    """A login of all five municipalities: the whole region's dossiers in one list."""
    owner = create_engine(owner_url)
    try:
        known = {worker.login for worker in server_admin.list_caseworkers(owner)}
        if REGION_LOGIN not in known:
            server_admin.add_caseworker(
                owner, REGION_LOGIN, "Klantmanager regio", list(MUNICIPALITIES), password
            )
    finally:
        owner.dispose()
    return REGION_LOGIN


def _fresh_statistics(owner_url: URL) -> None:
    """``ANALYZE``, as a running server's autovacuum keeps the statistics: a fill stops the
    cluster before it has caught up, and the search function's plans follow how many hits
    the planner expects."""
    owner = create_engine(owner_url)
    try:
        with owner.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    finally:
        owner.dispose()


def main() -> int:
    cases = int(os.environ.get("BENCH_SORTED_SCALE", "100000"))
    FOLDER.mkdir(parents=True, exist_ok=True)
    rows: list[BenchRow] = []
    with running_cluster(FOLDER) as superuser:
        region, fill_seconds, kept = prepare_region(superuser, cases, 1, FOLDER)
        print(f"{cases} dossiers, {'kept' if kept else f'filled in {fill_seconds:.0f} s'}",
              file=sys.stderr)  # fmt: skip
        _fresh_statistics(region.owner_url)
        municipality = os.environ.get("BENCH_SORTED_MUNICIPALITY")
        if municipality is None:
            login = _region_login(region.owner_url, region.caseworker_password)
        else:
            login = login_of(municipality, 0)
        with open_server_store(region.caseworker_url(login)) as store:
            keys = os.environ.get("BENCH_SORTED_KEYS", ",".join(CaseSortKey)).split(",")
            orders = [CaseOrder(CaseSortKey(key), descending) for key in keys
                      for descending in (False, True)]  # fmt: skip
            searches = os.environ.get("BENCH_SORTED_SEARCHES", ",".join(SEARCHES)).split(",")
            for order in orders:
                firsts: list[float] = []
                seconds: list[float] = []
                for query in searches:
                    with store.session() as session:
                        fetch_case_page(session, query, None, PAGE_SIZE, order=order)  # warm
                    for _ in range(RUNS):
                        with store.session() as session:
                            started = time.perf_counter()
                            first = fetch_case_page(session, query, None, PAGE_SIZE, order=order)
                            firsts.append((time.perf_counter() - started) * 1000)
                        after = CasePageKey.after(first[-1]) if first else None
                        with store.session() as session:
                            started = time.perf_counter()
                            fetch_case_page(session, query, after, PAGE_SIZE, order=order)
                            seconds.append((time.perf_counter() - started) * 1000)
                for page, samples in (("page 1", firsts), ("page 2", seconds)):
                    rows.append(
                        BenchRow(
                            f"search, {order.label}: {page} p50/p95",
                            f"{percentile(samples, 0.5):.1f} / {percentile(samples, 0.95):.1f} ms",
                            "",
                            None,
                        )
                    )
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
