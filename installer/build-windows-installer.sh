#!/usr/bin/env bash
# Compiles the Dutch Windows installer (installer/windows/casedesk.nsi) with makensis.
# Usage: installer/build-windows-installer.sh [PAYLOAD_DIR] [OUT_DIR]
#
# On Linux the payload is the Linux bundle (dist/casedesk), a stand-in: the .exe it makes
# installs Linux files and is of no use on Windows, but compiling it proves the script builds
# and that its file lists name every file of a bundle. The real Windows installer is made on
# Windows by installer/build-windows.ps1 (PyInstaller there, then makensis), which runs the
# same script on the Windows bundle. NSIS_UNCOMPRESSED=1 skips compression (for tests).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
payload=$(cd "${1:-$here/../dist/casedesk}" && pwd)
out=$(mkdir -p "${2:-$here/../dist}" && cd "${2:-$here/../dist}" && pwd)
command -v makensis >/dev/null || { echo "makensis ontbreekt (Debian-pakket nsis)." >&2; exit 1; }

version=$("$here/version.sh")
lists=$(mktemp -d)
trap 'rm -rf "$lists"' EXIT
python3 "$here/windows/make_file_lists.py" "$payload" "$lists"
setup="$out/casedesk-$version-setup.exe"
makensis -V2 -INPUTCHARSET UTF8 \
  "-DVERSION=$version" "-DLISTS=$lists" "-DOUTFILE=$setup" \
  "-DICON=$here/../resources/icons/casedesk.ico" \
  ${NSIS_UNCOMPRESSED:+-DUNCOMPRESSED} \
  "$here/windows/casedesk.nsi"
cp "$lists/install-files.nsh" "$lists/uninstall-files.nsh" "$out/" 2>/dev/null || true
echo "Windows-installatieprogramma gebouwd: $setup ($(du -h "$setup" | cut -f1))"
