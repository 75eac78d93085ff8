#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for tests (run as root) and prints the DATABASE_URL line.
# Usage: eval "$(scripts/pg-local.sh)"    |    scripts/pg-local.sh stop
set -euo pipefail
port="${PGPORT:-54329}"
state=/tmp/palabre-pg
url="postgres://palabre:palabre@127.0.0.1:${port}/palabre_test"

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ "${1:-}" = stop ]; then
  if [ -f "$state/dir" ]; then runuser -u postgres -- "$(bindir)/pg_ctl" -D "$(cat "$state/dir")" -m fast stop >&2 || true; fi
  exit 0
fi

if [ -z "$(bindir)" ]; then
  echo "installing postgresql with apt-get" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
fi
bin="$(bindir)"

if runuser -u postgres -- "$bin/pg_isready" -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then
  echo "export DATABASE_URL=$url"
  exit 0
fi

mkdir -p "$state"
data="$(mktemp -d /tmp/palabre-pg-data.XXXXXX)"
chown postgres "$data"
echo "$data" > "$state/dir"
runuser -u postgres -- "$bin/initdb" -D "$data" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off" start >&2
runuser -u postgres -- "$bin/psql" -h 127.0.0.1 -p "$port" -d postgres -v ON_ERROR_STOP=1 -q \
  -c "create role palabre login createdb password 'palabre'" \
  -c "create database palabre_test owner palabre" >&2
echo "export DATABASE_URL=$url"
