"""Country shapes from the vendored Natural Earth TopoJSON, projected (Equal Earth) to SVG paths.

Everything happens at build time, so the published map needs no script, tiles or network.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

ASSETS = Path(__file__).parent / "assets" / "world-atlas"
WIDTH = 1000.0
"""The SVG's user-space width; the height follows from the projection."""

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_SKIP = {"010"}  # Antarctica: no jurisdiction of ours, and a third of the map's ink


@dataclass(frozen=True)
class Shape:
    """One country: ISO alpha-2 code, English name, SVG path data, and its projected centre."""

    code: str
    name: str
    path: str
    centre: tuple[float, float]
    size: float
    """The larger side of the country's box, in SVG units (tiny countries get a marker)."""


def _equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_X_MAX = _equal_earth(180, 0)[0]
_Y_MAX = _equal_earth(0, 90)[1]
SCALE = WIDTH / (2 * _X_MAX)
HEIGHT = round(2 * _Y_MAX * SCALE, 1)


def _project(lon: float, lat: float) -> tuple[float, float]:
    x, y = _equal_earth(lon, lat)
    return (x + _X_MAX) * SCALE, (_Y_MAX - y) * SCALE


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode the quantized, delta-encoded arcs into longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _path(polygons: list[list[list[int]]], arcs: list[list[tuple[float, float]]]) -> tuple[str, list[tuple[float, float]]]:
    """SVG path data for a set of polygons; a ring that crosses the antimeridian is split there."""
    parts: list[str] = []
    projected: list[tuple[float, float]] = []
    for polygon in polygons:
        for ring in polygon:
            previous_lon: float | None = None
            command = "M"
            for lon, lat in _ring(ring, arcs):
                if previous_lon is not None and abs(lon - previous_lon) > 180:
                    command = "M"
                x, y = _project(lon, lat)
                projected.append((x, y))
                parts.append(f"{command}{x:.1f},{y:.1f}")
                command = "L"
                previous_lon = lon
            parts.append("Z")
    return "".join(parts), projected


def _code(numeric: str | None) -> str | None:
    if not numeric or not numeric.isdigit():
        return None
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_2 if country else None


@cache
def shapes() -> tuple[Shape, ...]:
    """Every country with a known ISO code: the 1:110m shapes, plus 1:50m for those 1:110m lacks."""
    found: dict[str, Shape] = {}
    for name in ("countries-110m.json", "countries-50m.json"):
        topology = json.loads((ASSETS / name).read_text("utf-8"))
        arcs = _arcs(topology)
        for geometry in topology["objects"]["countries"]["geometries"]:
            code = _code(geometry.get("id"))
            if code is None or code in found or geometry.get("id") in _SKIP or "arcs" not in geometry:
                continue
            polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
            path, points = _path(polygons, arcs)
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
            found[code] = Shape(code, geometry.get("properties", {}).get("name", code), path, centre, max(max(xs) - min(xs), max(ys) - min(ys)))
    return tuple(sorted(found.values(), key=lambda s: s.code))
