"""A second throwaway PostgreSQL cluster that speaks only TLS and asks every caseworker
for a client certificate (``hostssl … clientcert=verify-full``), with its own test CA.

``scripts/run-with-postgres.sh`` starts a cluster without TLS; the certificate tests need
one with it, so this module starts one next to it with the same PostgreSQL (and the same
skip, or failure under CI=true, when PostgreSQL is missing). The CA, the server's
certificate (for ``localhost``) and the caseworker's certificate are made with
``openssl`` for the test and removed with the cluster.
"""

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import URL

from casedesk.db.server.store import DRIVER
from tests.server.region import PASSWORD, Region, new_region

KEY_PASSPHRASE = "sleutel-wachtwoord"


@dataclass(frozen=True)
class Certificates:
    root: Path
    """The test CA's certificate: the region's root certificate."""
    client_certificate: Path
    client_key: Path
    """Encrypted with :data:`KEY_PASSPHRASE`, readable by its owner only."""
    stranger_certificate: Path
    """A client certificate for the same login from a CA the server does not trust."""
    stranger_key: Path


@dataclass(frozen=True)
class TlsServer:
    region: Region
    login: str
    """A caseworker of GM0363, whose client certificate is in ``certificates``."""
    certificates: Certificates
    port: int

    def address(self) -> str:
        """The caseworker's address as their administrator would give it (no password)."""
        return (
            f"postgresql://{self.login}@localhost:{self.port}/{self.region.database}"
            "?sslmode=verify-full"
        )


def _bindir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _ca(folder: Path, name: str) -> None:
    _openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", f"{name}.key", "-out", f"{name}.crt", "-subj", f"/CN={name}", "-days", "2",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=keyCertSign",
        cwd=folder,
    )  # fmt: skip


def _signed(folder: Path, ca: str, name: str, subject: str, extension: str, *key: str) -> None:
    """A certificate ``name.crt`` for ``subject``, its key ``name.key`` (``key``: openssl's
    options for it, e.g. a passphrase), signed by the CA ``ca``."""
    _openssl(
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", *key,
        "-out", f"{name}.key", cwd=folder,
    )  # fmt: skip
    passin = ["-passin", key[-1]] if key else []
    _openssl(
        "req", "-new", "-key", f"{name}.key", *passin, "-subj", subject, "-out", f"{name}.csr",
        cwd=folder,
    )  # fmt: skip
    (folder / f"{name}.ext").write_text(extension + "\n", encoding="ascii")
    _openssl(
        "x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.crt", "-CAkey", f"{ca}.key",
        "-CAcreateserial", "-out", f"{name}.crt", "-days", "2", "-extfile", f"{name}.ext",
        cwd=folder,
    )  # fmt: skip
    (folder / f"{name}.key").chmod(0o600)


def _certificates(folder: Path, login: str) -> Certificates:
    _ca(folder, "regio-ca")
    _ca(folder, "vreemde-ca")
    _signed(folder, "regio-ca", "server", "/CN=localhost", "subjectAltName=DNS:localhost")
    encrypted = ("-aes256", "-pass", f"pass:{KEY_PASSPHRASE}")
    _signed(folder, "regio-ca", "client", f"/CN={login}", "keyUsage=digitalSignature", *encrypted)
    _signed(folder, "vreemde-ca", "stranger", f"/CN={login}", "keyUsage=digitalSignature")
    return Certificates(
        folder / "regio-ca.crt", folder / "client.crt", folder / "client.key",
        folder / "stranger.crt", folder / "stranger.key",
    )  # fmt: skip


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def tls_server(folder: Path) -> Iterator[TlsServer]:
    """The cluster, a region on it (as ``casedesk server setup`` leaves it) and its
    caseworker with a client certificate; all removed afterwards."""
    bindir = _bindir()
    if bindir is None or shutil.which("openssl") is None:
        message = "no PostgreSQL or openssl for the TLS cluster: run through run-with-postgres.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    login = f"kim_tls_{secrets.token_hex(3)}"
    client_folder = folder / "client"
    client_folder.mkdir()
    certificates = _certificates(client_folder, login)
    # Not under pytest's folder: that one is readable by this user only, and the cluster
    # runs as postgres when the tests run as root.
    cluster = Path(tempfile.mkdtemp(prefix="casedesk-pg-tls."))
    as_owner: list[str] = []
    if os.getuid() == 0:  # initdb and postgres refuse to run as root
        as_owner = ["runuser", "-u", "postgres", "--"]
    for name in ("server.crt", "server.key", "regio-ca.crt"):
        shutil.copy(client_folder / name, cluster / name)
    (cluster / "pwfile").write_text(PASSWORD + "\n", encoding="utf-8")
    (cluster / "server.key").chmod(0o600)
    if as_owner:
        for path in [cluster, *cluster.iterdir()]:
            shutil.chown(path, "postgres", "postgres")
    data = cluster / "data"
    subprocess.run(
        [*as_owner, str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
         f"--pwfile={cluster / 'pwfile'}", "--auth-local=scram-sha-256",
         "--auth-host=reject", "-E", "UTF8", "--locale=C.UTF-8"],
        check=True, capture_output=True,
    )  # fmt: skip
    # The superuser sets the region up over the socket; over the network only TLS with a
    # client certificate whose name is the login, and the login's password.
    (data / "pg_hba.conf").write_text(
        "local all all scram-sha-256\n"
        "hostssl all all 127.0.0.1/32 scram-sha-256 clientcert=verify-full\n"
        "hostssl all all ::1/128 scram-sha-256 clientcert=verify-full\n",
        encoding="ascii",
    )
    port = _free_port()
    options = (
        f"-c listen_addresses=localhost -p {port} -k {cluster} -c fsync=off -c ssl=on "
        f"-c ssl_cert_file={cluster / 'server.crt'} -c ssl_key_file={cluster / 'server.key'} "
        f"-c ssl_ca_file={cluster / 'regio-ca.crt'}"
    )
    pg_ctl = [*as_owner, str(bindir / "pg_ctl"), "-D", str(data)]
    subprocess.run(
        [*pg_ctl, "-l", str(cluster / "log"), "-w", "-s", "-o", options, "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        admin = URL.create(
            DRIVER, username="postgres", password=PASSWORD, database="postgres",
            query={"host": str(cluster), "port": str(port)},
        )  # fmt: skip
        with new_region(admin=admin) as region:
            region.add_caseworker_login(login, "GM0363")
            yield TlsServer(region, login, certificates, port)
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(cluster, ignore_errors=True)
