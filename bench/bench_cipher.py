"""The same write/read workload on plain SQLite and on SQLCipher, through our engine setup."""

import os
import tempfile
import time
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, create_engine, event, text

from bench.table import BenchRow
from casedesk.db.engine import _configure_connection, create_encrypted_engine

TRANSACTIONS = 200
ROWS_PER_TRANSACTION = 25
POINT_READS = 3_000


def _plain_engine(path: Path) -> Engine:
    # The same SQLite library (sqlcipher3's), without a key: only the cipher differs.
    engine = create_engine(f"sqlite+pysqlite:///{path}", module=sqlcipher3)
    event.listen(engine, "connect", _configure_connection)
    return engine


def _workload(engine: Engine) -> float:
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, case_id INT, body TEXT)"))
        conn.execute(text("CREATE INDEX note_case ON note(case_id)"))
    for t in range(TRANSACTIONS):
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO note (case_id, body) VALUES (:c, :b)"),
                [
                    {"c": t * 7 + r, "b": f"Gesprek met ondernemer {t}-{r}: " + "x" * 200}
                    for r in range(ROWS_PER_TRANSACTION)
                ],
            )
    with engine.connect() as conn:
        for i in range(POINT_READS):
            conn.execute(text("SELECT body FROM note WHERE case_id = :c"), {"c": i}).all()
        conn.execute(text("SELECT count(*), sum(length(body)) FROM note")).one()
    engine.dispose()
    return time.perf_counter() - started


def run() -> list[BenchRow]:
    with tempfile.TemporaryDirectory() as folder:
        plain = _workload(_plain_engine(Path(folder) / "plain.db"))
        cipher = _workload(create_encrypted_engine(Path(folder) / "cipher.db", os.urandom(32)))
    ratio = cipher / plain
    workload = f"{TRANSACTIONS}x{ROWS_PER_TRANSACTION} inserts + {POINT_READS} reads"
    return [
        BenchRow(f"plain SQLite workload ({workload})", f"{plain * 1000:.0f} ms", "", None),
        BenchRow("SQLCipher same workload", f"{cipher * 1000:.0f} ms", "", None),
        BenchRow("SQLCipher / plain SQLite", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5),
    ]
