"""installer/use_system_openssl.py: psycopg's libpq is pointed at the system's OpenSSL only
when the system's library defines every symbol, at its version, that libpq takes from it."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.installer.conftest import INSTALLER, tool_or_skip

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux libraries")
SYSTEM_LIBSSL = Path("/lib/x86_64-linux-gnu/libssl.so.3")
SYSTEM_LIBCRYPTO = Path("/lib/x86_64-linux-gnu/libcrypto.so.3")


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "use_system_openssl", INSTALLER / "use_system_openssl.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def script() -> ModuleType:
    tool_or_skip("nm")
    if not SYSTEM_LIBSSL.is_file():
        pytest.skip("no OpenSSL 3 of the system at the Debian path")
    return load_script()


def test_a_system_library_that_defines_every_symbol_taken_may_stand_in(script: ModuleType
                                                                        ) -> None:
    # libssl takes hundreds of symbols from libcrypto: the same libcrypto defines them all.
    swap = script.Swap(carried=SYSTEM_LIBCRYPTO, system=SYSTEM_LIBCRYPTO)
    assert script.missing_symbols([swap], [SYSTEM_LIBSSL]) == []


def test_a_system_library_lacking_a_symbol_taken_is_refused(script: ModuleType) -> None:
    # libssl does not define libcrypto's symbols: standing in for libcrypto must be refused.
    swap = script.Swap(carried=SYSTEM_LIBCRYPTO, system=SYSTEM_LIBSSL)
    missing = script.missing_symbols([swap], [SYSTEM_LIBSSL])
    assert any(line.startswith("EVP_") and line.endswith("(libssl.so.3)") for line in missing)


def test_only_the_carried_copies_under_their_hashed_names_are_swapped(
    script: ModuleType, tmp_path: Path,
) -> None:
    libs = tmp_path / "psycopg_binary.libs"
    libs.mkdir()
    for name in ("libssl-6a9b88ec.so.3", "libcrypto-3a0647ea.so.3", "libk5crypto-459e.so.3"):
        (libs / name).write_bytes(b"\x7fELF")
    swaps = script.planned_swaps(tmp_path, [SYSTEM_LIBSSL, SYSTEM_LIBCRYPTO])
    assert sorted((swap.carried.name, swap.system) for swap in swaps) == [
        ("libcrypto-3a0647ea.so.3", SYSTEM_LIBCRYPTO), ("libssl-6a9b88ec.so.3", SYSTEM_LIBSSL)
    ]
    with pytest.raises(LookupError):
        script.planned_swaps(tmp_path, [SYSTEM_LIBSSL])
