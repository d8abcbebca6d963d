"""A store of a million demo dossiers, filled once and kept under ``build/``.

Filling a million dossiers takes minutes, so ``make bench-scale`` keeps the store in a
cache folder and fills it again only when it does not match: another number of cases,
another schema revision, or a store that is missing. The benchmarks run in a throwaway
keychain (scripts/run-with-keychain.sh), so the demo store's key is kept beside it (0600)
and put into that keychain before each run. Only synthetic demo data lives there.
"""

import json
import os
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from casedesk.db import migrate
from casedesk.db.keys import open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import open_store
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.store_admin import init_store

CACHE_DIR = Path("build/bench-scale")


@dataclass(frozen=True)
class CachedStore:
    location: StoreLocation
    fill_seconds: float
    """How long the fill took (when it was filled, not this run)."""
    reused: bool


def cached_store(cases: int, cache_dir: Path = CACHE_DIR) -> CachedStore:
    """The cached store of ``cases`` demo dossiers, filled now if it does not match."""
    folder = cache_dir / f"cases-{cases}"
    location = StoreLocation.in_dir(folder / "data")
    facts_file = folder / "filled.json"
    key_file = folder / "store.key"
    expected = {"cases": cases, "revision": migrate.head_revision()}
    if facts_file.is_file() and key_file.is_file() and location.store_file.is_file():
        facts = json.loads(facts_file.read_text(encoding="utf-8"))
        if {name: facts.get(name) for name in expected} == expected:
            open_keychain().save_key(location.store_file, bytes.fromhex(key_file.read_text()))
            return CachedStore(location, float(facts["fill_seconds"]), reused=True)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    keychain = open_keychain()
    init_store(location, keychain, "Bench Medewerker", "GM0855")
    started = time.perf_counter()
    with open_store(location, keychain) as store:
        fill_with_demo_cases(store, cases, datetime.now(UTC))
        key = store.key
    fill_seconds = time.perf_counter() - started
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as written:
        written.write(key.hex())
    facts_file.write_text(json.dumps({**expected, "fill_seconds": fill_seconds}))
    return CachedStore(location, fill_seconds, reused=False)
