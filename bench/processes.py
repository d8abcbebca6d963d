"""The environment of a benchmark's child process: as an installed app runs."""

import os


def child_environment() -> dict[str, str]:
    """Offscreen, and with Python's bytecode cache on as an installed app has it: with
    PYTHONDONTWRITEBYTECODE (set in some shells) every start would compile casedesk anew."""
    kept = {name: value for name, value in os.environ.items()
            if name != "PYTHONDONTWRITEBYTECODE"}  # fmt: skip
    return {**kept, "QT_QPA_PLATFORM": "offscreen"}
