#!/usr/bin/env bash
# axe-core for the accessibility tests (tests/browser/test_accessibility.py), from the npm registry.
# Installs into .cache/axe/ only when missing, then prints the path of axe.min.js.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AXE_VERSION="4.14.1"
PREFIX="$ROOT/.cache/axe"
AXE="$PREFIX/node_modules/axe-core/axe.min.js"

if [ ! -f "$AXE" ]; then
  command -v npm >/dev/null || { echo "axe.sh: npm is needed to install axe-core" >&2; exit 1; }
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" "axe-core@$AXE_VERSION" --no-audit --no-fund --silent >&2
  [ -f "$AXE" ] || { echo "axe.sh: $AXE missing after npm install" >&2; exit 1; }
fi
echo "$AXE"
