"""The Dutch Windows installer script, compiled with makensis against the Linux bundle.

The Linux bundle is a stand-in payload: the result is no use on Windows, but compiling it
proves that the script builds and that its file lists name every file of a bundle. The
real Windows build (installer/build-windows.ps1) was not run here.
"""

import os
import re
import subprocess
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from casedesk import __version__
from tests.installer.conftest import INSTALLER, tool_or_skip

SCRIPT = INSTALLER / "windows" / "casedesk.nsi"


def section(text: str, name: str) -> str:
    start = text.index(f'Section "{name}"')
    return text[start : text.index("SectionEnd", start)]


def listed(nsh: Path, command: str) -> set[PurePosixPath]:
    """The files an include list names with ``command`` (``File`` or ``Delete``)."""
    found = set()
    for line in nsh.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(rf'{command} "(.*)"', line)
        if match is None:
            continue
        path = match.group(1).replace("$$", "$")
        if command == "Delete":
            found.add(PurePosixPath(*PureWindowsPath(path.removeprefix("$INSTDIR\\")).parts))
        else:
            found.add(PurePosixPath(path))
    return found


@pytest.mark.slow
def test_installer_compiles_against_the_bundle_and_lists_every_file(
    bundle: Path, tmp_path: Path
) -> None:
    tool_or_skip("makensis")
    # Uncompressed instead of the release's solid LZMA: the same script and lists, minutes faster.
    environment = {**os.environ, "NSIS_UNCOMPRESSED": "1"}
    subprocess.run(
        [str(INSTALLER / "build-windows-installer.sh"), str(bundle), str(tmp_path)],
        env=environment, capture_output=True, text=True, check=True, timeout=600,
    )
    setup = tmp_path / f"casedesk-{__version__}-setup.exe"
    assert setup.read_bytes()[:2] == b"MZ"
    relative = {
        PurePosixPath(p.relative_to(bundle).as_posix()) for p in bundle.rglob("*") if p.is_file()
    }
    assert len(relative) > 100
    sources = PurePosixPath(bundle.resolve().as_posix())
    assert listed(tmp_path / "install-files.nsh", "File") == {sources / p for p in relative}
    assert listed(tmp_path / "uninstall-files.nsh", "Delete") == relative


def test_installer_is_dutch_per_machine_and_in_program_files() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    assert '!insertmacro MUI_LANGUAGE "Dutch"' in text
    assert "RequestExecutionLevel admin" in text
    assert 'InstallDir "$PROGRAMFILES64\\${PRODUCT}"' in text
    assert 'CreateShortCut "$SMPROGRAMS\\casedesk.lnk"' in section(text, "casedesk")


def test_uninstaller_leaves_the_dossiers_alone_and_says_where_they_are() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    uninstall = section(text, "Uninstall")
    assert "RMDir /r" not in uninstall
    assert not re.search(r"\$(LOCALAPPDATA|APPDATA|PROFILE|DOCUMENTS)", uninstall)
    # platformdirs.user_data_dir("casedesk", appauthor=False) on Windows.
    assert '!define DATA_HINT "%LOCALAPPDATA%\\casedesk"' in text
    assert "De dossiers worden NIET verwijderd" in text


def test_no_question_waits_for_an_answer_in_a_silent_install() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    for match in re.finditer(r"^\s*MessageBox .*$", text, flags=re.MULTILINE):
        before = text[: match.start()]
        guarded = before.rfind("${If} ${Silent}") > before.rfind("Function ")
        assert "/SD " in match.group(0) or guarded, match.group(0)
