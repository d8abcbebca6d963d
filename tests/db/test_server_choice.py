"""regionale-server.json: the address and the certificate files' paths, nothing secret."""

import json
from pathlib import Path

import pytest

from casedesk.db.location import StoreLocation
from casedesk.db.server.choice import (
    CertificateFiles,
    SavedConnection,
    saved_connection,
)
from casedesk.errors import KnownError

ADDRESS = "postgresql+psycopg://kim@server.regio.nl/casedesk?sslmode=verify-full"


def _write(tmp_path: Path, kept: object) -> StoreLocation:
    location = StoreLocation.in_dir(tmp_path)
    location.connection_file.write_text(json.dumps(kept), encoding="utf-8")
    return location


def test_the_certificate_files_come_back_as_they_were_kept(tmp_path: Path) -> None:
    files = CertificateFiles(Path("/c/kim.crt"), Path("/c/kim.key"), Path("/c/regio.crt"))
    location = _write(tmp_path, SavedConnection(ADDRESS, files).to_json())
    assert saved_connection(location) == SavedConnection(ADDRESS, files)


def test_an_address_saved_before_certificates_existed_still_opens(tmp_path: Path) -> None:
    location = _write(tmp_path, {"address": ADDRESS})
    saved = saved_connection(location)
    assert saved == SavedConnection(ADDRESS)
    assert saved is not None and not saved.files


@pytest.mark.parametrize("kept", [{"address": ADDRESS, "sslkey": 3}, ["address"], {}])
def test_a_damaged_file_says_how_to_connect_again(tmp_path: Path, kept: object) -> None:
    with pytest.raises(KnownError, match=r"is beschadigd\. Verbind opnieuw"):
        saved_connection(_write(tmp_path, kept))
