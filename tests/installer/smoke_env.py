"""The environment a smoke test runs in: a home of its own, a keychain that must not be used."""

import os
from pathlib import Path

from casedesk import __version__

SMOKE_LINE_START = f"casedesk {__version__} werkt:"


def isolated_environment(home: Path) -> dict[str, str]:
    """The caller's environment with a fresh home, and the OS keychain made to fail on use:
    the smoke test passes only if it never touches the user's keychain or folders."""
    environment = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("XDG_", "CASEDESK_")) and key != "QT_QPA_PLATFORM"
    }
    environment.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return environment


def left_behind(home: Path) -> list[Path]:
    """What a run left in ``home`` that belongs to casedesk (fontconfig's cache may stay)."""
    return [path for path in home.rglob("*") if "casedesk" in path.name.lower()]
