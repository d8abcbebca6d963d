#!/usr/bin/env bash
# Builds dist/casedesk_VERSION_ARCH.deb from the bundle in dist/casedesk (make bundle first).
#
# The package holds the program only: the bundle under /opt/casedesk, /usr/bin/casedesk,
# the menu entry and the icons. Dossiers live in each user's own data folder
# (~/.local/share/casedesk) and are never part of it, so removing the package leaves them.
# Qt's X11 libraries come from Debian (Depends), as scripts/install-run-system-packages.sh
# installs them for a source checkout.
#
# DEB_COMPRESSION=gzip makes a package with the same contents in seconds instead of minutes
# (make test uses it); the default, xz, is what ships.
set -euo pipefail
cd "$(dirname "$0")/.."
compression=${DEB_COMPRESSION:-xz}
bundle=dist/casedesk
[ -x "$bundle/casedesk" ] || { echo "Geen bundel in $bundle: voer eerst make bundle uit." >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "dpkg-deb ontbreekt (pakket dpkg)." >&2; exit 1; }

version=$(installer/version.sh)
arch=$(dpkg --print-architecture)
deb=dist/casedesk_${version}_${arch}.deb
stamp=$deb.input-hash
# The bundle's own input hash (build-bundle.sh) plus this script and the menu entry.
wanted=$( (cat dist/casedesk.input-hash "$0" installer/linux/* 2>/dev/null; echo "$compression") | sha256sum | cut -d' ' -f1)
if [ -z "${FORCE:-}" ] && [ -f "$deb" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
  echo "Pakket $deb is actueel; niet opnieuw gebouwd."
  exit 0
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/doc/casedesk"
cp -a "$bundle" "$root/opt/casedesk"
ln -s /opt/casedesk/casedesk "$root/usr/bin/casedesk"
install -m 644 installer/linux/casedesk.desktop "$root/usr/share/applications/casedesk.desktop"
for size in 16 24 32 48 64 128 256; do
  install -D -m 644 "resources/icons/casedesk-$size.png" \
    "$root/usr/share/icons/hicolor/${size}x${size}/apps/casedesk.png"
done
install -D -m 644 resources/icons/casedesk.svg "$root/usr/share/icons/hicolor/scalable/apps/casedesk.svg"
printf 'casedesk %s\nDe dossiers staan per gebruiker in ~/.local/share/casedesk en horen niet bij dit pakket.\n' \
  "$version" > "$root/usr/share/doc/casedesk/README"

# Qt's xcb libraries (installer/linux/depends), and the package of every system library
# the bundle was built against but does not carry (the spec lists them).
mapfile -t depends < <(grep -v '^#' installer/linux/depends | sed '/^$/d')
while read -r library; do
  [ -n "$library" ] || continue
  owner=""
  for candidate in "$library" "$(readlink -f "$library")" "/usr$library" "${library#/usr}"; do
    owner=$(dpkg-query -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$owner" ] && break
  done
  [ -n "$owner" ] || { echo "Geen Debian-pakket gevonden voor $library." >&2; exit 1; }
  depends+=("$owner")
done < dist/casedesk.system-libraries
mapfile -t depends < <(printf '%s\n' "${depends[@]}" | sort -u)
installed_kib=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: casedesk
Version: $version
Architecture: $arch
Maintainer: casedesk <casedesk@localhost>
Section: misc
Priority: optional
Installed-Size: $installed_kib
Depends: $(IFS=,; echo "${depends[*]}" | sed 's/,/, /g')
Recommends: gnome-keyring | kwalletmanager
Description: bureau-app van het zelfstandigenloket
 Intake, advies over de route, instrumenten, afspraken, verwijzingen en het
 actieplan voor zelfstandig ondernemers, op een versleutelde opslag op deze
 computer. De sleutel staat in de sleutelhanger van de gebruiker.
CONTROL

rm -f "$deb" "$stamp"
level=(); [ "$compression" = gzip ] && level=(-z1)
dpkg-deb --root-owner-group "-Z$compression" "${level[@]}" --build "$root" "$deb" >/dev/null
echo "$wanted" > "$stamp"
echo "Pakket gebouwd: $deb ($(du -h "$deb" | cut -f1))"
