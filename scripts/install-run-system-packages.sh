#!/usr/bin/env bash
# Installs the system libraries Qt's X11 (xcb) plugin needs to show a window on Linux.
# Qt 6.5+ needs libxcb-cursor0 and friends, which a minimal Debian/Ubuntu lacks; without
# them casedesk stops with "could not load the Qt platform plugin xcb".
# As root with apt it installs what is missing; otherwise it says what to install.
set -euo pipefail
[ "$(uname -s)" = "Linux" ] || exit 0
venv=${1:-.venv}
plugin=$(ls "$venv"/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so 2>/dev/null | head -1)
[ -n "$plugin" ] || exit 0
qpa=$(dirname "$plugin")/../../lib/libQt6XcbQpa.so.6
missing_libs=$(ldd "$plugin" "$qpa" 2>/dev/null | awk '/not found/ {print $1}' | sort -u)
needs_cursor=$(ldconfig -p 2>/dev/null | grep -q "libxcb-cursor.so.0" || echo yes)
[ -z "$missing_libs" ] && [ -z "$needs_cursor" ] && exit 0
packages=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
          libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
          libegl1 libfontconfig1 libdbus-1-3)
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Voor het venster van casedesk ontbreken systeembibliotheken (${missing_libs//$'\n'/, } ${needs_cursor:+libxcb-cursor0})." >&2
  echo "Vraag uw beheerder om: sudo apt-get install ${packages[*]}" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null 2>&1 \
  || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null; }
