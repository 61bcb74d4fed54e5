#!/usr/bin/env bash
# The Nu Html Checker (vnu.jar) for the markup tests (tests/browser/test_valid_markup.py), from the
# npm registry's vnu-jar package, in .cache/vnu/; prints the path of vnu.jar (Java 11 or later runs it).
exec "$(dirname "${BASH_SOURCE[0]}")/npm-tool.sh" vnu vnu-jar 26.9.27 build/dist/vnu.jar
