#!/usr/bin/env bash
# Renders resources/icons/casedesk.svg to the PNG sizes and the Windows .ico next to it.
# Development time only: the rendered files are committed, so building the bundle, the .deb
# or the Windows installer never needs these tools. Needs librsvg2-bin and icoutils
# (as root: apt-get install librsvg2-bin icoutils).
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
sizes=(16 24 32 48 64 128 256)
for size in "${sizes[@]}"; do
  rsvg-convert -w "$size" -h "$size" casedesk.svg -o "casedesk-$size.png"
done
# Windows wants the large sizes PNG-compressed inside the .ico (-r), the small ones as bitmaps.
icotool -c -o casedesk.ico casedesk-{16,24,32,48,64}.png -r casedesk-128.png -r casedesk-256.png
