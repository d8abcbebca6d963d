"""A PostgreSQL cluster for ``make bench-server``, kept under ``build/bench-server/``.

Filling a million dossiers takes long, so the cluster (and its region database) stays
between runs; it is filled again only when the facts beside it do not match (another
number of dossiers, another schema revision). Unlike the tests' throwaway cluster
(scripts/run-with-postgres.sh) it runs with fsync on: the saves are measured as a
server would make them durable. Only synthetic demo data lives here.
"""

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, create_engine, text

from casedesk.db.server.store import DRIVER

CLUSTER_DIR = Path("build/bench-server")
SUPERUSER = "postgres"
_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def _bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise RuntimeError("PostgreSQL is not installed (run scripts/run-with-postgres.sh once)")
    return Path(initdb).parent


def _as_owner() -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_cluster(folder: Path = CLUSTER_DIR, options: str = "") -> Iterator[URL]:
    """The kept cluster, started (made first if missing) with these server ``options``
    besides its own; yields its superuser URL and stops it at the end."""
    folder = folder.resolve()
    data = folder / "data"
    password_file = folder / "pwfile"
    if not (data / "PG_VERSION").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        password_file.write_text(os.urandom(16).hex() + "\n")
        password_file.chmod(0o600)
        if os.getuid() == 0:
            shutil.chown(folder, "postgres")
            shutil.chown(password_file, "postgres")
        subprocess.run(
            [*_as_owner(), str(_bindir() / "initdb"), "-D", str(data), "-U", SUPERUSER,
             f"--pwfile={password_file}", "--auth-local=scram-sha-256",
             "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    password = password_file.read_text().strip()
    port = _free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=200 "
        "-c shared_buffers=512MB -c work_mem=8MB -c maintenance_work_mem=512MB "
        f"-c max_wal_size=4GB {options}"
    )
    pg_ctl = str(_bindir() / "pg_ctl")
    subprocess.run(
        [*_as_owner(), pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-s",
         "-o", options, "start"],
        check=True,
    )  # fmt: skip
    try:
        yield URL.create(DRIVER, SUPERUSER, password, "127.0.0.1", port, "postgres")
    finally:
        subprocess.run(
            [*_as_owner(), pg_ctl, "-D", str(data), "-m", "fast", "-w", "-s", "stop"],
            check=False,
        )  # fmt: skip



def postmaster_of(url: URL) -> int:
    """The process id of the local server's postmaster: the parent of a backend."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:  # the backend lives while it is open
            backend = int(connection.scalar(text("SELECT pg_backend_pid()")))
            return int(_stat_fields(backend)[1])
    finally:
        engine.dispose()


def server_processor_seconds(postmaster: int) -> float:
    """Processor seconds a local cluster's processes have used since it started: the
    postmaster's own, those of the backends it has reaped (a caseworker's connection, once
    closed) and those of its living children (checkpointer, open connections)."""
    ticks = sum(int(value) for value in _stat_fields(postmaster)[11:15])  # with reaped
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == postmaster:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / _TICKS_PER_SECOND


def _stat_fields(pid: int) -> list[str]:
    """/proc/PID/stat after the command name, which may hold spaces: state is field 0."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
