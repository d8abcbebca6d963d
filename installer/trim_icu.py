"""Trims the ICU data library of a built bundle to the locales casedesk uses and the
parts Qt reads (32 MB -> 4 MB).

Qt's wheels ship ICU with the data of every locale compiled into ``libicudata.so.NN``.
This takes the data package out of that library (its ``icudtNN_dat`` symbol), removes what
``bundle_rules.icu_items_to_drop`` names with ICU's own ``icupkg``, and builds the library
again with ICU's ``genccode`` and the C compiler, under the same name and symbol. Needs
Debian's icu-devtools and gcc; without them the bundle keeps the full data and says so.

Usage: python installer/trim_icu.py dist/casedesk
"""

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_rules

TOOLS = ("icupkg", "genccode", "gcc", "nm")


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The data package's symbol in the library: name, address and size."""
    listing = subprocess.run(
        ["nm", "-D", "-S", str(library)], check=True, capture_output=True, text=True
    ).stdout
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]):
            return fields[3], int(fields[0], 16), int(fields[1], 16)
    raise SystemExit(f"trim_icu: no icudtNN_dat symbol in {library}")


def package_bytes(library: Path, address: int, size: int) -> bytes:
    """The bytes at ``address`` of a 64-bit little-endian ELF file, via its section table."""
    image = library.read_bytes()
    (section_table,) = struct.unpack_from("<Q", image, 0x28)
    entry_size, entries = struct.unpack_from("<HH", image, 0x3A)
    for number in range(entries):
        _, _, _, start, offset, length = struct.unpack_from(
            "<IIQQQQ", image, section_table + number * entry_size
        )
        if start <= address and address + size <= start + length:
            return image[offset + address - start : offset + address - start + size]
    raise SystemExit(f"trim_icu: the data of {library} lies in no section")


def trim(library: Path) -> tuple[int, int]:
    """Rebuilds ``library`` with the trimmed data; returns its size before and after."""
    symbol, address, size = data_symbol(library)
    package_name = symbol.removesuffix("_dat") + "l"  # ToC prefix: icudt73l/ (little-endian)
    with tempfile.TemporaryDirectory(prefix="casedesk-icu-") as folder:
        work = Path(folder)
        full = work / "full" / f"{package_name}.dat"
        trimmed = work / f"{package_name}.dat"  # icupkg names the ToC after the output file
        full.parent.mkdir()
        full.write_bytes(package_bytes(library, address, size))
        items = subprocess.run(
            ["icupkg", "-l", str(full)], check=True, capture_output=True, text=True
        ).stdout.split()
        drop_list = work / "drop.txt"
        drop_list.write_text("\n".join(bundle_rules.icu_items_to_drop(items)) + "\n")
        subprocess.run(
            ["icupkg", "-r", str(drop_list), str(full), str(trimmed)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                "genccode",
                "-a",
                "gcc",
                "-e",
                symbol.removesuffix("_dat"),
                "-d",
                str(work),
                str(trimmed),
            ],
            check=True,
            capture_output=True,
        )
        (assembly,) = work.glob("*.S")
        rebuilt = work / library.name
        subprocess.run(
            [
                "gcc",
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{library.name}",
                "-o",
                str(rebuilt),
                str(assembly),
            ],
            check=True,
            capture_output=True,
        )
        before = library.stat().st_size
        shutil.copyfile(rebuilt, library)
    return before, library.stat().st_size


def main(bundle: Path) -> int:
    # PyInstaller links each library into the top folder too: trim the file, not its links.
    libraries = sorted(path for path in bundle.rglob("libicudata.so.*") if not path.is_symlink())
    if not libraries:
        return 0
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        print(
            f"ICU-gegevens niet ingekort (ontbreekt: {', '.join(missing)}; "
            "installeer icu-devtools en gcc); de bundel is daardoor 28 MB groter."
        )
        return 0
    for library in libraries:
        before, after = trim(library)
        print(
            f"ICU-gegevens ingekort tot Nederlands en Engels: {library.name} "
            f"{before / 1e6:.0f} MB -> {after / 1e6:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
