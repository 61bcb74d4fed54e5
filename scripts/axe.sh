#!/usr/bin/env bash
# axe-core for the accessibility tests (tests/browser/test_accessibility.py), from the npm registry,
# in .cache/axe/; prints the path of axe.min.js.
exec "$(dirname "${BASH_SOURCE[0]}")/npm-tool.sh" axe axe-core 4.14.1 axe.min.js
