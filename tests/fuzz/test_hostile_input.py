"""Every reader survives hostile input: no crash, every refusal in Dutch, nothing changed.

``make test`` runs a quick profile; ``make fuzz`` runs 10,000 inputs per reader and prints
the table (see ``tally.py``).
"""

import contextlib
import io
import json
import struct
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import text

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.regions import read_region_table
from casedesk.catalog.transfer import validate_catalog_file
from casedesk.cli import EXIT_BUG, main
from casedesk.db.keys import Keychain, format_recovery_key, parse_recovery_key
from casedesk.db.store import Store
from casedesk.errors import KnownError
from casedesk.plan.samples import sample_logo_png
from casedesk.resources import resource_path
from casedesk.services.advice import advise_answers_file
from casedesk.services.catalog import import_catalog
from casedesk.services.municipality_settings import check_logo
from casedesk.services.regions import import_region_table
from tests.catalog.conftest import SMALL_CATALOG
from tests.fuzz.readers import read_hostile
from tests.fuzz.strategies import damaged, hostile_csv_files, hostile_json_files
from tests.fuzz.tally import FUZZ_SETTINGS
from tests.stores import new_store

TODAY = date(2026, 11, 28)
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
ANSWERS = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(EXAMPLES.glob("*.json"))]
REGION_CSV = resource_path("regions", "gemeenten-arbeidsmarktregios.csv").read_text(
    encoding="utf-8"
)
SMALL_REGION_CSV = "\n".join(REGION_CSV.splitlines()[:40]) + "\n"


def written(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


IMPORTED_TABLES = (
    "settings",
    "municipalities",
    "catalog_versions",
    "catalog_partners",
    "catalog_instruments",
    "audit_events",
)


_NOT_REFUSALS = {"audit_events": " WHERE outcome != 'refused'"}


def stored_tables(store: Store) -> Callable[[], object]:
    """Every row an import could touch, as it is now (the catalog, the region table, the
    audit log), to compare before and after a refused import. The refusal itself is logged
    (outcome "refused", ``services/outcomes.py``); every other event must stay as it was."""

    def rows() -> object:
        with store.session() as session:
            return {
                table: session.execute(text(f"SELECT * FROM {table}{_NOT_REFUSALS.get(table, '')}"
                                            " ORDER BY 1")).all()
                for table in IMPORTED_TABLES
            }  # fmt: skip

    return rows


def test_the_answers_reader_survives_hostile_files(tmp_path: Path) -> None:
    catalog = load_default_catalog()

    @FUZZ_SETTINGS
    @given(hostile_json_files(ANSWERS))
    def check(data: bytes) -> None:
        path = written(tmp_path, "antwoorden.json", data)
        read_hostile(
            "answers (advise)",
            lambda: advise_answers_file(path, catalog, None, TODAY),
            given=data,
        )

    check()


def test_the_catalog_reader_survives_hostile_files(tmp_path: Path) -> None:
    @FUZZ_SETTINGS
    @given(hostile_json_files([SMALL_CATALOG]))
    def check(data: bytes) -> None:
        path = written(tmp_path, "catalogus.json", data)
        # What `catalog validate` prints must be printable on a UTF-8 terminal.
        read_hostile(
            "catalog validate",
            lambda: validate_catalog_file(path, today=TODAY).summary().encode("utf-8"),
            given=data,
        )

    check()


def test_a_hostile_catalog_import_is_refused_and_changes_nothing(
    tmp_path: Path, keychain: Keychain
) -> None:
    with new_store(tmp_path / "data", keychain) as store:

        @FUZZ_SETTINGS
        @given(hostile_json_files([SMALL_CATALOG]))
        def check(data: bytes) -> None:
            path = written(tmp_path, "catalogus.json", data)
            read_hostile(
                "catalog import",
                lambda: import_catalog(store, path),
                stored_tables(store),
                given=data,
            )

        check()


def test_the_region_table_reader_survives_hostile_files(tmp_path: Path) -> None:
    @FUZZ_SETTINGS
    @given(hostile_csv_files([REGION_CSV, SMALL_REGION_CSV]))
    def check(data: bytes) -> None:
        path = written(tmp_path, "gemeenten.csv", data)
        read_hostile("regions CSV", lambda: read_region_table(path), given=data)

    check()


def test_a_hostile_region_import_is_refused_and_changes_nothing(
    tmp_path: Path, keychain: Keychain
) -> None:
    with new_store(tmp_path / "data", keychain) as store:

        @FUZZ_SETTINGS
        @given(hostile_csv_files([REGION_CSV, SMALL_REGION_CSV]))
        def check(data: bytes) -> None:
            path = written(tmp_path, "gemeenten.csv", data)
            read_hostile(
                "regions import",
                lambda: import_region_table(store, path),
                stored_tables(store),
                given=data,
            )

        check()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG header that claims a huge image (a decompression bomb) with almost no data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


def _jpeg() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(output, format="JPEG")
    return output.getvalue()


LOGOS = [
    sample_logo_png(),
    _jpeg(),
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
    _png_claiming(100_000, 100_000),
    _png_claiming(0, 0),
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg">&c;</svg>',
    b"<svg" + b"<g>" * 100_000,
]


def test_the_logo_reader_survives_hostile_files() -> None:
    @FUZZ_SETTINGS
    @given(damaged(st.sampled_from(LOGOS)))
    def check(data: bytes) -> None:
        read_hostile("logo", lambda: check_logo(data), given=data)

    check()


VALID_KEY = format_recovery_key(bytes(range(32)))


def _typed(key: str, edits: list[tuple[int, str]]) -> str:
    text = list(key)
    for at, character in edits:
        if text:
            text[at % len(text)] = character
    return "".join(text)


recovery_keys: st.SearchStrategy[str] = st.one_of(
    st.just(VALID_KEY),
    st.just(VALID_KEY.lower().replace("-", " ")),
    st.builds(
        _typed,
        st.just(VALID_KEY),
        st.lists(st.tuples(st.integers(0, 80), st.characters()), min_size=1, max_size=3),
    ),
    st.text(max_size=100),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-= \t\n\x00\ud800", max_size=80),
    st.just("A" * 1_000_000),
)


def test_the_recovery_key_reader_survives_hostile_input() -> None:
    @FUZZ_SETTINGS
    @given(recovery_keys)
    def check(text: str) -> None:
        read_hostile("recovery key", lambda: parse_recovery_key(text), given=text)

    check()



ARGUMENT_WORDS = (
    "check", "backup", "restore", "demo", "plan", "advise", "catalog", "regions",
    "validate", "export", "import", "audit", "verify", "--from", "31-12-2026", "2026-02-30",
    "--cases", "--seed", "--out", "--to", "--municipality",
    "--data-dir", "-h", "--help", "--", "-", "Atlantis", "GM0363", "Súdwest-Fryslân",
    "0", "1", "-1", "1024", "99999999999999999999", "9223372036854775807",
    "9223372036854775808", "1" * 5000, "²", "١٢٣", "1e3", "0x10", " 7", "\udcff", "\x00",
    "",
)


class AppWouldStartError(KnownError):
    def __init__(self, *_args: object) -> None:
        super().__init__("Zonder opdracht start de app; die hoort niet bij deze proef.")


def test_the_command_line_survives_hostile_arguments(
    tmp_path: Path, keychain: Keychain, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("casedesk.cli.run_app", AppWouldStartError)
    monkeypatch.chdir(tmp_path)  # a relative name such as `catalog export 1e3` lands here
    files = tmp_path / "files"
    files.mkdir()
    (files / "leeg.json").write_bytes(b"")
    (files / "diep.json").write_bytes(b"[" * 100_000)
    (files / "map").mkdir()
    paths = [str(files / name) for name in ("leeg.json", "diep.json", "map", "ontbreekt.csv")]
    data_dir = str(tmp_path / "data")
    words = st.sampled_from([*ARGUMENT_WORDS, *paths])
    first = st.sampled_from(["check", "backup", "restore", "demo", "plan", "advise", "catalog",
                             "regions", "audit", "--help", "--data-dir"])

    @FUZZ_SETTINGS
    @given(first, st.lists(words, max_size=5))
    def check(command: str, rest: list[str]) -> None:
        argv = ["--data-dir", data_dir, command, *rest]
        read_hostile("command line", lambda: run_command_line(argv), given=" ".join(argv))

    check()


class CommandRefusedError(KnownError):
    """The command line said no: exit status 1 or 2, with this on stderr."""


def run_command_line(argv: list[str]) -> None:
    """``casedesk ARGV`` as a shell runs it; a refusal is raised as a KnownError of its stderr,
    a bug (status 70) as an AssertionError."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit_:
            status = int(exit_.code or 0)
    out.getvalue().encode("utf-8")  # stdout is strict UTF-8 on a terminal
    assert status != EXIT_BUG, f"a bug for {argv!r}: {err.getvalue()}"
    if status != 0:
        assert "Traceback" not in err.getvalue()
        raise CommandRefusedError(err.getvalue() or f"status {status} without a message")
