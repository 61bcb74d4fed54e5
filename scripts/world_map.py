#!/usr/bin/env python3
"""Builds solutions/data/world_map.json, the country shapes of the catalogue's map, from Natural
Earth's 1:110m countries as the npm package world-atlas 2.0.2 ships them (TopoJSON; world-atlas
is ISC-licensed, Natural Earth's data is in the public domain).

    scripts/world_map.py                # fetches world-atlas into .cache/world-atlas/ with npm pack
    scripts/world_map.py path/to/countries-110m.json

It also writes static/img/world-map.svg, the same outlines as one SVG the pages draw from.

Each country (keyed by ISO 3166-1 alpha-2, read from its numeric id, which is the UN M49 code)
becomes one SVG path in the Equal Earth projection, rounded to whole units on a 1000-wide frame,
so the site draws the map on the server with no tile server, script or network. Antarctica is
left out (no solution is there)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tarfile
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "world-atlas"
OUTPUT = ROOT / "solutions" / "data" / "world_map.json"
VERSION = "2.0.2"
WIDTH = 1000
# Shapes Natural Earth gives no ISO number: Kosovo has the code the catalogue uses.
BY_NAME = {"Kosovo": "XK"}
LEFT_OUT = {"010"}  # Antarctica

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2, t6 = theta * theta, theta**6
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, -y


def fetch() -> Path:
    target = CACHE / "package" / "countries-110m.json"
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", f"world-atlas@{VERSION}", "--silent"], cwd=CACHE, check=True)  # noqa: S603, S607 - a pinned package
        with tarfile.open(CACHE / f"world-atlas-{VERSION}.tgz") as archive:
            archive.extractall(CACHE, filter="data")
    return target


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring crossing the antimeridian continues past ±180° instead of drawing across the map."""
    out, shift = [], 0.0
    for i, (lon, lat) in enumerate(points):
        if i and abs(lon + shift - out[-1][0]) > 180:
            shift += -360 if lon + shift > out[-1][0] else 360
        out.append((lon + shift, lat))
    return out


def code_of(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name", "")
    if name in BY_NAME:
        return BY_NAME[name]
    number = geometry.get("id")
    if number is None or number in LEFT_OUT:
        return None
    country = pycountry.countries.get(numeric=number)
    return country.alpha_2 if country else None


def main(source: Path) -> None:
    topology = json.loads(source.read_text())
    arcs = decoded_arcs(topology)
    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = code_of(geometry)
        if code is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for indexes in polygon:
                shapes.setdefault(code, []).append([equal_earth(*p) for p in unwrapped(ring(indexes, arcs))])
    xs = [x for rings in shapes.values() for r in rings for x, _y in r]
    ys = [y for rings in shapes.values() for r in rings for _x, y in r]
    left, top = min(xs), min(ys)
    scale = WIDTH / (max(xs) - left)
    height = math.ceil((max(ys) - top) * scale)
    paths = {}
    for code, rings in sorted(shapes.items()):
        parts = []
        for r in rings:
            points = [(round((x - left) * scale), round((y - top) * scale)) for x, y in r]
            kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            if len(kept) < 3:
                continue
            start, rest = kept[0], kept[1:]
            steps, (px, py) = [], start
            for x, y in rest:
                steps.append(f"{x - px} {y - py}")
                px, py = x, y
            parts.append(f"M{start[0]} {start[1]}l" + " ".join(steps) + "z")
        if parts:
            paths[code] = "".join(parts)
    OUTPUT.write_text(
        json.dumps(
            {
                "source": f"Natural Earth 1:110m countries (public domain), from world-atlas {VERSION} (ISC); "
                "scripts/world_map.py",
                "width": WIDTH,
                "height": height,
                "countries": paths,
            },
            separators=(",", ":"),
        )
        + "\n"
    )
    print(f"{OUTPUT.relative_to(ROOT)}: {len(paths)} countries, {OUTPUT.stat().st_size // 1024} kB")
    # The static sprite the pages draw the outlines from (solutions/world_map.py), from the same shapes.
    sys.path.insert(0, str(ROOT))
    from solutions.world_map import SPRITE_FILE, sprite_document

    SPRITE_FILE.write_text(sprite_document(json.loads(OUTPUT.read_text())))
    print(f"{SPRITE_FILE.relative_to(ROOT)}: {SPRITE_FILE.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else fetch())
