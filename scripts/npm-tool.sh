#!/usr/bin/env bash
# A test tool from the npm registry, pinned: installs PACKAGE@VERSION into .cache/NAME/ only when
# FILE (a path inside the package) is missing, then prints FILE's path.
#   scripts/npm-tool.sh NAME PACKAGE VERSION FILE
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NAME="$1" PACKAGE="$2" VERSION="$3" FILE="$4"
PREFIX="$ROOT/.cache/$NAME"
TARGET="$PREFIX/node_modules/$PACKAGE/$FILE"

if [ ! -f "$TARGET" ]; then
  command -v npm >/dev/null || { echo "$NAME: npm is needed to install $PACKAGE" >&2; exit 1; }
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" "$PACKAGE@$VERSION" --no-audit --no-fund --silent >&2
  [ -f "$TARGET" ] || { echo "$NAME: $TARGET missing after npm install" >&2; exit 1; }
fi
echo "$TARGET"
