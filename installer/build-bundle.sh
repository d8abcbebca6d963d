#!/usr/bin/env bash
# Builds the one-dir bundle dist/casedesk/ with PyInstaller from installer/casedesk.spec.
# Usage: installer/build-bundle.sh [PYTHON]   (the venv's Python, with PyInstaller in it)
#
# A build takes minutes, so it is skipped when nothing that goes into it changed: the hash
# of the sources, resources, spec, hooks and the installed packages is kept in
# dist/casedesk.input-hash and compared first. FORCE=1 builds anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}
out=dist/casedesk
stamp=dist/casedesk.input-hash

input_hash() {
  {
    find src resources installer -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum
    "$python" -m pip freeze --exclude-editable 2>/dev/null
    "$python" -VV
  } | sha256sum | cut -d' ' -f1
}

wanted=$(input_hash)
if [ -z "${FORCE:-}" ] && [ -x "$out/casedesk" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
  echo "Bundel $out is actueel (zelfde invoer); niet opnieuw gebouwd."
  exit 0
fi
rm -rf "$out" "$stamp"
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath dist \
  --workpath build/pyinstaller installer/casedesk.spec
# Qt's ICU carries the data of 800 locales; Dutch and English are what casedesk shows.
"$python" installer/trim_icu.py "$out"
# psycopg's libpq carries its own OpenSSL; the system's (a dependency already) can serve it.
"$python" installer/use_system_openssl.py "$out"
echo "$wanted" > "$stamp"
echo "Bundel gebouwd: $out ($(du -sh "$out" | cut -f1))"
