# Overrides PyInstaller's own hook for this PySide6 module (same name, found first through
# the spec's hookspath): the same Qt libraries, plugins and translations, minus the ones
# bundle_rules.py leaves out. Filtering here, not after the analysis, keeps the system
# libraries that only those plugins link to (GTK for the GTK theme plugin) out too.
from pathlib import Path

import bundle_rules
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [b for b in binaries if bundle_rules.keep_binary(f"{b[1]}/{Path(b[0]).name}")]
datas = [d for d in datas if bundle_rules.keep_data(f"{d[1]}/{Path(d[0]).name}")]
