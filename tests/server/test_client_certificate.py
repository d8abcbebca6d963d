"""casedesk connect with a client certificate, on a server that asks every caseworker
for one (``clientcert=verify-full``) and speaks only TLS."""

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from casedesk.cli import main
from casedesk.db.keys import SERVER_KEY_SERVICE_NAME
from casedesk.db.location import StoreLocation
from casedesk.db.server.choice import CertificateFiles
from casedesk.db.server.store import open_server_store
from casedesk.services import connection_setup
from casedesk.services.connection_setup import ConnectionRequest
from tests.conftest import MemoryKeyring
from tests.server.region import PASSWORD
from tests.server.tls_cluster import KEY_PASSPHRASE, TlsServer, tls_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    with tls_server(tmp_path_factory.mktemp("tls")) as started:
        started.region.add_dossier(started.login, "GM0363", surname="Certificaat")
        yield started


def _secret(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def _connect(server: TlsServer, tmp_path: Path, *options: str) -> int:
    return main([
        "--data-dir", str(tmp_path / "data"), "connect", server.address(),
        "--password-file", _secret(tmp_path, "wachtwoord", PASSWORD), *options,
    ])  # fmt: skip


def _certificate_options(server: TlsServer, *, key: Path | None = None) -> list[str]:
    files = server.certificates
    return [
        "--cert", str(files.client_certificate), "--key", str(key or files.client_key),
        "--root-cert", str(files.root),
    ]  # fmt: skip


def _kept(tmp_path: Path) -> Path:
    return (StoreLocation.in_dir(tmp_path / "data")).connection_file


def test_with_the_certificate_its_key_and_passphrase_the_commands_use_the_server(
    server: TlsServer, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    passphrase = _secret(tmp_path, "sleutel", KEY_PASSPHRASE)
    options = [*_certificate_options(server), "--key-passphrase-file", passphrase]
    assert _connect(server, tmp_path, *options) == 0
    assert f"als {server.login}" in capsys.readouterr().out
    text = _kept(tmp_path).read_text(encoding="utf-8")
    assert KEY_PASSPHRASE not in text
    assert PASSWORD not in text
    kept = json.loads(text)
    files = server.certificates
    assert kept == {
        "address": kept["address"],
        "sslcert": str(files.client_certificate),
        "sslkey": str(files.client_key),
        "sslrootcert": str(files.root),
    }
    assert memory_keyring.get_password(SERVER_KEY_SERVICE_NAME, kept["address"]) == (
        KEY_PASSPHRASE
    )
    assert main(["--data-dir", str(tmp_path / "data"), "cases"]) == 0
    assert "Anna Certificaat" in capsys.readouterr().out


def test_back_to_this_computer_the_keychain_forgets_the_keys_passphrase(
    server: TlsServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    passphrase = _secret(tmp_path, "sleutel", KEY_PASSPHRASE)
    options = [*_certificate_options(server), "--key-passphrase-file", passphrase]
    assert _connect(server, tmp_path, *options) == 0
    assert main(["--data-dir", str(tmp_path / "data"), "connect", "--local"]) == 0
    assert not memory_keyring.entries
    assert not _kept(tmp_path).exists()


def test_without_a_client_certificate_the_server_refusal_is_said_in_dutch(
    server: TlsServer, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert _connect(server, tmp_path, "--root-cert", str(server.certificates.root)) == 1
    assert "de server vraagt een clientcertificaat" in capsys.readouterr().err
    assert not _kept(tmp_path).exists()
    assert not memory_keyring.entries


def test_a_wrong_passphrase_of_the_key_is_said_in_dutch(
    server: TlsServer, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    wrong = _secret(tmp_path, "sleutel", "niet-het-wachtwoord")
    options = [*_certificate_options(server), "--key-passphrase-file", wrong]
    assert _connect(server, tmp_path, *options) == 1
    assert "het wachtwoord van de sleutel klopt niet" in capsys.readouterr().err
    assert not _kept(tmp_path).exists()


def test_an_encrypted_key_without_its_passphrase_is_refused_before_connecting(
    server: TlsServer, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert _connect(server, tmp_path, *_certificate_options(server)) == 1
    said = capsys.readouterr().err
    assert "is beveiligd met een wachtwoord" in said
    assert "--key-passphrase-file" in said


def test_certificate_parameters_in_the_address_are_kept_apart_from_it(
    server: TlsServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """An address as libpq takes it (sslcert=…&sslpassword=…): the passphrase goes to the
    keychain, the paths beside the address, and the commands still reach the server."""
    files = server.certificates
    address = (
        f"{server.address()}&sslcert={files.client_certificate}&sslkey={files.client_key}"
        f"&sslrootcert={files.root}&sslpassword={KEY_PASSPHRASE}"
    )
    data = ["--data-dir", str(tmp_path / "data")]
    password = ["--password-file", _secret(tmp_path, "wachtwoord", PASSWORD)]
    assert main([*data, "connect", address, *password]) == 0
    kept = json.loads(_kept(tmp_path).read_text(encoding="utf-8"))
    assert KEY_PASSPHRASE not in json.dumps(kept)
    assert kept["address"].endswith("?sslmode=verify-full")
    assert kept["sslkey"] == str(files.client_key)
    assert KEY_PASSPHRASE in memory_keyring.entries.values()
    assert main([*data, "cases"]) == 0


def test_a_key_others_may_read_is_refused_with_how_to_fix_it(
    server: TlsServer, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    readable = tmp_path / "client.key"
    shutil.copy(server.certificates.client_key, readable)
    readable.chmod(0o644)
    passphrase = _secret(tmp_path, "sleutel", KEY_PASSPHRASE)
    options = [*_certificate_options(server, key=readable), "--key-passphrase-file", passphrase]
    assert _connect(server, tmp_path, *options) == 1
    said = capsys.readouterr().err
    assert "mag door andere gebruikers van deze computer worden gelezen" in said
    assert f"chmod 600 {readable}" in said


def test_a_missing_certificate_file_is_named(
    server: TlsServer, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    missing = tmp_path / "kwijt.crt"
    options = ["--cert", str(missing), "--key", str(server.certificates.client_key)]
    assert _connect(server, tmp_path, *options) == 1
    assert f"Het bestand {missing} (het clientcertificaat) bestaat niet" in capsys.readouterr().err


def test_a_certificate_the_region_did_not_issue_is_refused_in_dutch(
    server: TlsServer, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    files = server.certificates
    options = [
        "--cert", str(files.stranger_certificate), "--key", str(files.stranger_key),
        "--root-cert", str(files.root),
    ]  # fmt: skip
    assert _connect(server, tmp_path, *options) == 1
    assert "de server kent uw clientcertificaat niet" in capsys.readouterr().err


def test_the_check_says_the_connection_is_encrypted_and_the_server_verified(
    server: TlsServer,
) -> None:
    files = server.certificates
    request = ConnectionRequest(
        server.address(), PASSWORD,
        CertificateFiles(files.client_certificate, files.client_key, files.root),
        KEY_PASSPHRASE,
    )  # fmt: skip
    report = connection_setup.check(request)
    assert report.ok, report.lines
    assert any(
        line.startswith("Versleutelde verbinding (TLS") and "(verify-full)" in line
        for line in report.lines
    )


def test_over_tls_the_next_call_goes_over_the_same_connection(server: TlsServer) -> None:
    files = server.certificates
    certificate = CertificateFiles(files.client_certificate, files.client_key, files.root)
    with open_server_store(server.address(), PASSWORD, certificate, KEY_PASSPHRASE) as store:
        backends = set()
        for _ in range(3):
            with store.session() as session:
                backends.add(session.scalar(text("SELECT pg_backend_pid()")))

    assert len(backends) == 1
