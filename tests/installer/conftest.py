"""The installer tests: the rules module loaded from installer/, the built artifacts found.

The bundle, the .deb and the Windows installer take minutes to build, so ``make test``
builds them before pytest (``installer/build-bundle.sh`` caches by input hash) and these
tests use what it built. Without them the tests skip; under ``CI=true`` they fail.
"""

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
BUNDLE = Path(os.environ.get("CASEDESK_BUNDLE_DIR", ROOT / "dist" / "casedesk"))


def load_bundle_rules() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_rules", INSTALLER / "bundle_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bundle_rules", module)
    spec.loader.exec_module(module)
    return module


def missing(reason: str) -> None:
    """Skips the test; under ``CI=true`` (a fresh machine that must have it all) fails."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true, but {reason}")
    pytest.skip(reason)


def tool_or_skip(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing(f"{name} is not installed (scripts/install-test-system-packages.sh installs it)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def bundle() -> Path:
    """The built one-dir bundle (``make bundle``)."""
    if not (BUNDLE / "casedesk").is_file():
        missing(f"no bundle at {BUNDLE}: run make bundle first")
    return BUNDLE
