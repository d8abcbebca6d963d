"""Points the regional mode's libpq at the system's OpenSSL instead of the copy psycopg's
wheel carries (libssl and libcrypto, 7 MB), on Linux.

The bundle already takes OpenSSL from the distribution (Python's ssl module links to it,
so the .deb depends on libssl3) and security updates reach it there. psycopg_binary brings
its own OpenSSL 3.5 under hashed names for its libpq and libldap. OpenSSL 3 keeps its ABI
within the major version: a library that uses only symbols the system's OpenSSL 3 defines,
at the same symbol versions, runs on it. This checks exactly that, symbol by symbol, for
every library in the bundle that links to a carried copy; only when nothing is missing does
it relink them (``patchelf --replace-needed``) and remove the copies. Otherwise it keeps
them and says why. Needs patchelf and binutils' nm.

Usage: python installer/use_system_openssl.py dist/casedesk
"""

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("patchelf", "nm")
CARRIED = {
    re.compile(r"libssl-[0-9a-f]+\.so\.3"): "libssl.so.3",
    re.compile(r"libcrypto-[0-9a-f]+\.so\.3"): "libcrypto.so.3",
}
"""auditwheel's names of the carried copies, and the system library each stands for."""


@dataclass(frozen=True)
class Swap:
    carried: Path
    system: Path
    """The system's library, as listed in ``casedesk.system-libraries`` (a .deb dependency)."""


def needed(library: Path) -> list[str]:
    listing = subprocess.run(["patchelf", "--print-needed", str(library)], check=True,
                             capture_output=True, text=True).stdout
    return listing.split()


def dynamic_symbols(library: Path, *, defined: bool) -> set[str]:
    """``name@version`` of each dynamic symbol the library defines (or leaves undefined)."""
    which = "--defined-only" if defined else "--undefined-only"
    listing = subprocess.run(["nm", "-D", which, str(library)], check=True,
                             capture_output=True, text=True).stdout
    return {line.split()[-1].replace("@@", "@") for line in listing.splitlines() if line.strip()}


def planned_swaps(internal: Path, system_libraries: list[Path]) -> list[Swap]:
    by_name = {path.name: path for path in system_libraries}
    swaps = []
    for carried in sorted(internal.rglob("lib*.so.3")):
        for pattern, system_name in CARRIED.items():
            if pattern.fullmatch(carried.name) and not carried.is_symlink():
                if system_name not in by_name:
                    raise LookupError(f"{system_name} is not among the system libraries")
                swaps.append(Swap(carried, by_name[system_name]))
    return swaps


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def elf_files(internal: Path) -> list[Path]:
    return sorted(path for path in internal.rglob("*.so*") if is_elf(path))


def missing_symbols(swaps: list[Swap], dependents: list[Path]) -> list[str]:
    """``symbol (library)`` for each symbol a dependent takes from a carried copy that the
    system's library does not define at that version."""
    wanted = set().union(*(dynamic_symbols(path, defined=False) for path in dependents))
    missing = []
    for swap in swaps:
        taken = wanted & dynamic_symbols(swap.carried, defined=True)
        missing += [f"{symbol} ({swap.system.name})" for symbol in
                    sorted(taken - dynamic_symbols(swap.system, defined=True))]
    return missing


def main(bundle: Path) -> int:
    internal = bundle / "_internal"
    listed = bundle.parent / f"{bundle.name}.system-libraries"
    if not sys.platform.startswith("linux") or not listed.is_file():
        return 0
    absent = [tool for tool in TOOLS if shutil.which(tool) is None]
    if absent:
        print(f"OpenSSL van psycopg behouden (ontbreekt: {', '.join(absent)}; installeer "
              "patchelf en binutils); de bundel is daardoor 7 MB groter.")
        return 0
    try:
        swaps = planned_swaps(internal, [Path(line) for line in listed.read_text().split()])
    except LookupError as error:
        print(f"OpenSSL van psycopg behouden: {error}.")
        return 0
    if not swaps:
        return 0
    carried_names = {swap.carried.name for swap in swaps}
    dependents = [path for path in elf_files(internal)
                  if path.name not in carried_names and carried_names & set(needed(path))]
    missing = missing_symbols(swaps, dependents)
    if missing:
        print("OpenSSL van psycopg behouden: de OpenSSL van het systeem mist "
              + ", ".join(missing[:5]))
        return 0
    for dependent in dependents:
        for swap in swaps:
            if swap.carried.name in needed(dependent):
                subprocess.run(["patchelf", "--replace-needed", swap.carried.name,
                                swap.system.name, str(dependent)], check=True)
    saved = sum(swap.carried.stat().st_size for swap in swaps)
    # PyInstaller links each library into the top folder too: those links go with them.
    removed = {swap.carried.resolve() for swap in swaps}
    links = [path for path in internal.rglob("*")
             if path.is_symlink() and path.resolve() in removed]
    for path in [*links, *(swap.carried for swap in swaps)]:
        path.unlink()
    print(f"OpenSSL van het systeem voor {', '.join(path.name for path in dependents)}: "
          f"{saved / 1e6:.0f} MB kleiner")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
