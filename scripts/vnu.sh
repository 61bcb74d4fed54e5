#!/usr/bin/env bash
# The Nu Html Checker (vnu.jar) for the markup tests (tests/browser/test_valid_markup.py), from the
# npm registry's vnu-jar package. Installs into .cache/vnu/ only when missing, then prints the
# path of vnu.jar (run it with Java 11 or later).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VNU_VERSION="26.9.27"
PREFIX="$ROOT/.cache/vnu"
JAR="$PREFIX/node_modules/vnu-jar/build/dist/vnu.jar"

if [ ! -f "$JAR" ]; then
  command -v npm >/dev/null || { echo "vnu.sh: npm is needed to install vnu-jar" >&2; exit 1; }
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" "vnu-jar@$VNU_VERSION" --no-audit --no-fund --silent >&2
  [ -f "$JAR" ] || { echo "vnu.sh: $JAR missing after npm install" >&2; exit 1; }
fi
echo "$JAR"
