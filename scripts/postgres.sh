#!/usr/bin/env bash
# A private PostgreSQL server for the test suite: its own data folder and port, started as the
# unprivileged postgres user (PostgreSQL refuses to run as root), stopped after the run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${MINGA_PG_PORT:-54329}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

# The data folder lives under .cache/ unless the postgres user cannot reach it there
# (a checkout inside a private home folder), in which case a folder under /tmp is used.
state_dir() {
  local preferred="$ROOT/.cache/postgres"
  mkdir -p "$preferred"
  chown postgres "$preferred" 2>/dev/null || true
  if runuser -u postgres -- test -w "$preferred" 2>/dev/null; then
    echo "$preferred"
  else
    local fallback="/tmp/minga-postgres-$(echo "$ROOT" | sha1sum | cut -c1-10)"
    mkdir -p "$fallback" && chown postgres "$fallback"
    echo "$fallback"
  fi
}

ensure_installed() {
  if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "postgres: installing the Debian package" >&2
    "$ROOT/scripts/system-packages.sh" postgresql
    PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
}

start() {
  ensure_installed
  local dir; dir="$(state_dir)"
  local data="$dir/data"
  if [ ! -f "$data/PG_VERSION" ]; then
    runuser -u postgres -- "$PGBIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  fi
  if runuser -u postgres -- "$PGBIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "postgres: already running on port $PORT"
  else
    # Durability settings off: this server holds throwaway test databases only.
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  runuser -u postgres -- psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_roles WHERE rolname='minga'" | grep -q 1 ||
    runuser -u postgres -- psql -h 127.0.0.1 -p "$PORT" -U postgres -qc \
      "CREATE ROLE minga LOGIN SUPERUSER PASSWORD 'minga'"
  runuser -u postgres -- psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='minga'" | grep -q 1 ||
    runuser -u postgres -- createdb -h 127.0.0.1 -p "$PORT" -U postgres -O minga minga
  echo "postgres: ready at postgres://minga:minga@127.0.0.1:$PORT/minga"
}

stop() {
  [ -n "$PGBIN" ] || exit 0
  local dir; dir="$(state_dir)"
  if [ -f "$dir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null && echo "postgres: stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "postgres://minga:minga@127.0.0.1:$PORT/minga" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
