#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so the
# keychain tests use a real Secret Service. Without dbus/gnome-keyring it runs the command
# as is and the keychain tests skip (or fail under CI=true).
set -euo pipefail
export QT_QPA_PLATFORM=offscreen
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null \
   && [ -z "${CASEDESK_IN_KEYCHAIN_SESSION:-}" ]; then
  export CASEDESK_IN_KEYCHAIN_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
if [ -n "${CASEDESK_IN_KEYCHAIN_SESSION:-}" ]; then
  # A throwaway home keeps the test keyring away from a developer's own keychain.
  export XDG_DATA_HOME="$(mktemp -d)"
  printf 'casedesk-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  export CASEDESK_TEST_KEYCHAIN=secret-service
fi
set +e
"$@"
status=$?
set -e
# pytest exits 5 when it collected nothing: that must fail the run, never pass quietly.
exit $status
