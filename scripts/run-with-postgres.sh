#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL cluster (for the regional-mode tests) and
# exports its superuser URL as CASEDESK_TEST_POSTGRES_URL. Installs PostgreSQL with contrib
# (pg_trgm) first where we are root with apt. Without PostgreSQL the command runs as is and
# the server tests skip (or fail under CI=true). The cluster lives in a temporary folder and
# is stopped and removed when the command ends, whatever its outcome.
set -euo pipefail

find_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return
  fi
  command -v initdb >/dev/null && dirname "$(command -v initdb)"
  return 0
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null \
   && ! { installed postgresql && installed postgresql-contrib; }; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi

bindir="$(find_bindir)"
if [ -z "$bindir" ]; then
  echo "PostgreSQL is niet geïnstalleerd; de servertests worden overgeslagen." >&2
  exec "$@"
fi

cluster="$(mktemp -d /tmp/casedesk-pg.XXXXXX)"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb and postgres refuse to run as root.
  chown postgres: "$cluster"
  as_owner=(runuser -u postgres --)
fi
password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" >"$cluster/pwfile"
[ "$(id -u)" -eq 0 ] && chown postgres: "$cluster/pwfile"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

stop_cluster() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop_cluster EXIT

# Passwords on every connection, also over the socket: the tests' logins authenticate
# the way a caseworker's would.
"${as_owner[@]}" "$bindir/initdb" -D "$cluster/data" -U postgres --pwfile="$cluster/pwfile" \
  --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w -s \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off -c max_connections=200" \
  start

export CASEDESK_TEST_POSTGRES_URL="postgresql://postgres:$password@127.0.0.1:$port/postgres"
set +e
"$@"
status=$?
set -e
exit $status
