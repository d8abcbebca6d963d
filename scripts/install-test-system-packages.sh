#!/usr/bin/env bash
# Installs the Debian packages the tests need (a real Secret Service keychain, poppler;
# for the installer tests: binutils for PyInstaller's strip, icu-devtools and gcc to trim
# Qt's ICU data (installer/trim_icu.py), patchelf to point psycopg's libpq at the system's
# OpenSSL (installer/use_system_openssl.py), nsis for makensis, and the
# libraries the casedesk .deb depends on, so that dpkg -i can install it).
# Only where we are root with apt; elsewhere the tests that need them skip (or fail under CI=true).
set -euo pipefail
packages=(dbus gnome-keyring poppler-utils binutils icu-devtools gcc patchelf nsis)
mapfile -t -O ${#packages[@]} packages < <(grep -v '^#' "$(dirname "$0")/../installer/linux/depends" | sed '/^$/d')
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Niet geïnstalleerd: ${missing[*]}; tests die dit nodig hebben worden overgeslagen." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
