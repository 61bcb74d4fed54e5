#!/usr/bin/env bash
# The whole suite on real services: PostgreSQL, a search node and headless Chromium.
# Starts what is not running, runs pytest, and stops what it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/system-packages.sh" postgresql chromium redis-server

started=()
cleanup() {
  for service in "${started[@]}"; do "$ROOT/scripts/$service.sh" stop || true; done
  # The nodes tests start for themselves (a restart, a cluster), in case a test stopped half-way.
  SEARCH_NODE_NAME=restart-test "$ROOT/scripts/search-node.sh" stop >/dev/null 2>&1 || true
  SEARCH_PORT="${MINGA_TEST_CLUSTER_PORT:-9262}" "$ROOT/scripts/search-node.sh" stop-cluster >/dev/null 2>&1 || true
}
trap cleanup EXIT

export MINGA_PG_PORT="${MINGA_PG_PORT:-54329}"
"$ROOT/scripts/postgres.sh" start && started+=(postgres)
export DATABASE_URL="$("$ROOT/scripts/postgres.sh" url)"

export SEARCH_PORT="${MINGA_TEST_SEARCH_PORT:-9250}"
if [ -x "$ROOT/scripts/search-node.sh" ]; then
  "$ROOT/scripts/search-node.sh" start && started+=(search-node)
  export MINGA_TEST_SEARCH_URL="http://127.0.0.1:$SEARCH_PORT"
fi

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export AXE_PATH="$("$ROOT/scripts/axe.sh")"
export VNU_PATH="$("$ROOT/scripts/vnu.sh")"
export DJANGO_SETTINGS_MODULE=website.settings.test
"$ROOT/.venv/bin/lint-imports" --no-cache  # the layers of pyproject.toml: no app imports one above it
"$ROOT/.venv/bin/python" -m pytest "$@"
