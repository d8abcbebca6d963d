#!/usr/bin/env bash
# Starts a real CUPS printer queue "casedesk-test" with the cups-pdf backend, for the
# printing test (pytest -m printer). Idempotent: safe to run before every test run.
#
# As root with apt, installs the Debian packages cups and printer-driver-cups-pdf when
# missing; elsewhere it says what is missing and exits 0, and the printing test skips
# (or fails under CI=true).
# On success the last line of stdout is the folder where cups-pdf writes printed PDFs;
# the test finds the same folder itself (CASEDESK_TEST_PRINTER_OUT overrides it).
set -euo pipefail

QUEUE=casedesk-test
packages=(cups printer-driver-cups-pdf)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "Niet geïnstalleerd: ${missing[*]}; de printtest wordt overgeslagen." >&2
    exit 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Only refresh the package lists when apt does not know the packages yet.
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq
  fi
  # Stale lists name package versions the mirror no longer has: refresh once and retry.
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# cupsd: start it when nothing answers on its socket. Containers have no systemd, so start
# the daemon directly; it forks into the background.
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "De CUPS-printserver draait niet en alleen root kan hem hier starten; de printtest wordt overgeslagen." >&2
    exit 0
  fi
  mkdir -p /run/cups
  cupsd
  for _ in $(seq 1 100); do
    lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.1
  done
  lpstat -r | grep -q "is running" || { echo "cupsd is niet gestart" >&2; exit 1; }
fi

# The queue: add it once; lpadmin -E enables it and makes it accept jobs.
if ! lpstat -p "$QUEUE" >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Er is geen printerwachtrij $QUEUE en alleen root kan hem hier maken; de printtest wordt overgeslagen." >&2
    exit 0
  fi
  models=$(lpinfo -m 2>/dev/null || true)
  # The generic cups-pdf model with options (paper size); any cups-pdf model otherwise.
  ppd=$(awk '$1 ~ /CUPS-PDF_opt\.ppd$/ {print $1; exit}' <<<"$models")
  [ -n "$ppd" ] || ppd=$(awk 'tolower($1) ~ /cups-pdf/ {print $1; exit}' <<<"$models")
  if [ -z "$ppd" ]; then
    echo "Geen PPD voor cups-pdf gevonden (lpinfo -m)." >&2
    exit 1
  fi
  lpadmin -p "$QUEUE" -E -v cups-pdf:/ -m "$ppd"
fi
if [ "$(id -u)" -eq 0 ]; then
  cupsenable "$QUEUE" 2>/dev/null || true
  cupsaccept "$QUEUE" 2>/dev/null || true
fi

# Where cups-pdf writes: the Out setting of /etc/cups/cups-pdf.conf, with ${HOME} being
# the printing user's home (root: /root) and the default ${HOME}/PDF. Jobs from users
# cups-pdf does not know go to AnonDirName.
out=$(awk '/^[[:space:]]*Out[[:space:]]/ {print $2}' /etc/cups/cups-pdf.conf 2>/dev/null | tail -n1)
out=${out:-'${HOME}/PDF'}
home=$(getent passwd "$(id -un)" | cut -d: -f6)
out=${out//\$\{HOME\}/$home}
echo "$out"
