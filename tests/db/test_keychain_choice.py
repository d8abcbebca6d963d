"""Choosing the keychain loads no bindings of another platform's keychain."""

import subprocess
import sys

import pytest

PROBE = """
import sys
import keyring.backend
from casedesk.db.keys import MACOS_BINDINGS, skip_keychains_of_other_platforms
import ctypes.util
searched = []
ctypes.util.find_library = lambda name: searched.append(name)
skip_keychains_of_other_platforms()
viable = {type(ring).__module__ for ring in keyring.backend.get_all_keyring()}
print(sys.modules.get(MACOS_BINDINGS) is None, searched, "keyring.backends.macOS" in viable)
"""


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS needs its bindings")
def test_choosing_a_keychain_off_macos_never_searches_for_macos_libraries() -> None:
    # A fresh process: keyring chooses its backend once per process.
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            check=True)  # fmt: skip
    assert result.stdout.split() == ["True", "[]", "False"]
