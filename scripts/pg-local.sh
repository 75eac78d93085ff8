#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for tests on 127.0.0.1 and prints its DATABASE_URL line on
# stdout (everything else goes to stderr). Meant for CI and for developers who are root (as another
# user it runs the server as that user, if the binaries are installed); installs
# Debian's postgresql with apt-get when the server binaries are missing.
#
#   eval "$(scripts/pg-local.sh)"     start (or reuse) the server, export DATABASE_URL
#   scripts/pg-local.sh stop          stop it and delete its data
#   scripts/pg-local.sh restart       restart it (same data and options; the crash test uses it)
#
# PGPORT picks the port (default 54329). Role "palabre" (password "palabre", CREATEDB) owns the
# database "palabre_test"; the test suite creates one more database per test file.
set -euo pipefail

port="${PGPORT:-54329}"
# $state/dir (and $state/dir-<port> for other ports) holds the data directory path.
state=/tmp/palabre-pg
if [ "$(id -u)" -ne 0 ]; then state="/tmp/palabre-pg-$(id -un)"; fi
if [ "$port" = 54329 ]; then state_file="$state/dir"; else state_file="$state/dir-$port"; fi
url="postgres://palabre:palabre@127.0.0.1:${port}/palabre_test"

log() { echo "pg-local: $*" >&2; }
die() { log "$*"; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# Directory holding initdb/pg_ctl: Debian's /usr/lib/postgresql/<version>/bin (newest), else PATH.
find_bindir() {
  local dirs=() d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && dirs+=("$d")
  done
  if [ "${#dirs[@]}" -gt 0 ]; then
    printf '%s\n' "${dirs[@]}" | sort -V | tail -n 1
  elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  fi
}

# Runs a command as the server's owner: the postgres user when we are root, else ourselves.
as_pg() {
  if ! is_root; then
    (cd / && "$@")
  elif command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
  fi
}

bin="$(find_bindir)"

if [ "${1:-}" = stop ]; then
  if [ ! -f "$state_file" ]; then log "nothing to stop on port $port"; exit 0; fi
  data="$(cat "$state_file")"
  if [ -n "$bin" ] && [ -f "$data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >&2 || log "pg_ctl stop failed (already stopped?)"
  fi
  case "$data" in /tmp/palabre-pg-data.*) rm -rf -- "$data" ;; esac
  rm -f -- "$state_file"
  log "stopped, data removed"
  exit 0
fi
if [ "${1:-}" = restart ]; then
  [ -f "$state_file" ] || die "no server of ours on port $port to restart"
  data="$(cat "$state_file")"
  # pg_ctl restart keeps the options the server was started with; -l keeps its output out of our stdout.
  as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -m fast -w -t 60 restart >&2
  log "restarted on port $port"
  exit 0
fi
[ -z "${1:-}" ] || [ "$1" = start ] || die "usage: $0 [start|stop|restart]"

if [ -z "$bin" ]; then
  is_root || die "PostgreSQL server binaries not found: install them (sudo apt-get install -y postgresql) or run as root."
  log "installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends postgresql >&2
  bin="$(find_bindir)"
  [ -n "$bin" ] || die "postgresql installed, but no initdb/pg_ctl found under /usr/lib/postgresql/*/bin"
fi
if is_root; then id postgres >/dev/null 2>&1 || die "no postgres user to run the server as (install Debian's postgresql package)"; fi
log "using $bin ($("$bin/postgres" --version))"

# Idempotent: a server already answering on this port is reused as is.
if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 >/dev/null 2>&1; then
  log "a server already answers on 127.0.0.1:$port; reusing it"
  echo "export DATABASE_URL=$url"
  exit 0
fi

# A stale state file (server gone, e.g. killed): remove its leftover data first.
if [ -f "$state_file" ]; then
  old="$(cat "$state_file")"
  case "$old" in /tmp/palabre-pg-data.*) rm -rf -- "$old" ;; esac
  rm -f -- "$state_file"
fi

mkdir -p "$state"
data="$(mktemp -d /tmp/palabre-pg-data.XXXXXX)"
if is_root; then chown postgres: "$data"; fi
chmod 700 "$data"
echo "$data" >"$state_file"

if ! initdb_log="$(as_pg "$bin/initdb" -D "$data" --auth=trust --encoding=UTF8 --locale=C.UTF-8 --username=postgres --no-sync 2>&1)"; then
  echo "$initdb_log" >&2
  die "initdb failed (output above)"
fi
# Loopback only; the unix socket lives in the data directory. fsync off: test data is disposable.
if ! as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2; then
  tail -n 30 "$data/server.log" >&2 || true
  die "server did not start (log above)"
fi

as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
  -c "create role palabre login createdb password 'palabre'" \
  -c "create database palabre_test owner palabre" >&2
log "PostgreSQL running on 127.0.0.1:$port, data in $data (stop: scripts/pg-local.sh stop)"
echo "export DATABASE_URL=$url"
