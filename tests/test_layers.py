"""The layers of pyproject.toml hold: core <- solutions <- search <- community <- exchange <- website,
no app importing one above it, at module level or inside a function."""

import subprocess
import sys
from itertools import permutations
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "solutions", "search", "community", "exchange", "website")


def test_layer_contract_is_kept():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_no_two_apps_import_each_other():
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    cycles = [
        (a, b)
        for a, b in permutations(PACKAGES, 2)
        if a < b
        and graph.find_shortest_chain(importer=a, imported=b, as_packages=True)
        and graph.find_shortest_chain(importer=b, imported=a, as_packages=True)
    ]
    assert cycles == []
