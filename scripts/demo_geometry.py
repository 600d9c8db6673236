"""Organic shapes for the demo region (used by ``scripts/make_demo_data.py``).

Everything is deterministic: the "randomness" is ``random.Random`` seeded with a fixed number
or with the CRC-32 of a feature's name, and every vertex is rounded to whole metres in
SWEREF 99 TM (EPSG:3006).

* :func:`warp_tiling` bends the straight Voronoi boundaries of the municipalities (and the
  county outline) with a smooth displacement field, so that they wind like real boundaries.
  Each boundary line is bent once and shared by both sides, so the municipalities still tile
  the county exactly.
* :func:`blob` is a noisy radial ("star-shaped", so always simple and valid) polygon of a
  given size: farmland, logistics areas, interests.
* :func:`population_grid` is an SCB-style population grid: 1 km squares in the countryside,
  250 m squares in the larger towns, only populated squares, with a forecast per square.
"""

import math
import os
import random
import re
import zlib

from osgeo import osr
from qgis.core import QgsGeometry, QgsPointXY

# --------------------------------------------------------------------------- coordinates
SRS_4326 = osr.SpatialReference()
SRS_4326.ImportFromEPSG(4326)
SRS_4326.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
SRS_3006 = osr.SpatialReference()
SRS_3006.ImportFromEPSG(3006)
SRS_3006.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
TO_3006 = osr.CoordinateTransformation(SRS_4326, SRS_3006)
TO_4326 = osr.CoordinateTransformation(SRS_3006, SRS_4326)


def stabilise_qgs(qgs_path, renames, number_uuids=False):
    """Make a written QGIS project file the same on every run: the layer ids ``renames``
    ({id: name}) become ``<name>_layer``, dates and users fixed, the per-layer settings
    sorted, (``number_uuids``) random uuids numbered in order of appearance; QGIS's backup
    file removed."""
    with open(qgs_path, encoding="utf-8") as fh:
        text = fh.read()
    for lid, name in renames.items():
        text = text.replace(lid, f"{name}_layer")
    text = re.sub(r"Annotations_[0-9a-f_]{36}", "Annotations_layer", text)
    if number_uuids:
        uuids = {}

        def numbered(match):
            return uuids.setdefault(match.group(0), f"{{00000000-0000-0000-0000-{len(uuids):012d}}}")

        text = re.sub(r"\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}", numbered, text)
    text = re.sub(r"<creation>[^<]*</creation>", "<creation>2025-01-01T00:00:00</creation>", text)
    text = re.sub(r'saveDateTime="[^"]*"', 'saveDateTime="2025-01-01T00:00:00"', text)
    text = re.sub(r'saveUser="[^"]*"', 'saveUser="regionplan"', text)
    text = re.sub(r'saveUserFull="[^"]*"', 'saveUserFull="regionplan"', text)
    text = re.sub(r"(<individual-layer-settings>\n)(.*?)(\s*</individual-layer-settings>)",
                  lambda m: m.group(1) + "\n".join(sorted(m.group(2).split("\n"))) + m.group(3), text, flags=re.S)
    if os.path.exists(qgs_path + "~"):
        os.remove(qgs_path + "~")
    with open(qgs_path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)

# --------------------------------------------------------------------------- a smooth field


class Field:
    """A smooth deterministic displacement field: a sum of plane waves per axis.

    ``octaves`` is a list of (amplitude m, wavelength m); each octave has ``waves`` waves in
    random directions. The field's gradient is at most sum(2 pi amplitude / wavelength) per
    axis, which is kept well below 1 so the bent map stays one-to-one (boundaries never cross).
    """

    def __init__(self, seed, octaves, waves=3):
        rnd = random.Random(seed)
        self.terms = ([], [])
        for axis in (0, 1):
            for amplitude, wavelength in octaves:
                for _n in range(waves):
                    angle = rnd.uniform(0.0, 2.0 * math.pi)
                    k = 2.0 * math.pi / wavelength
                    self.terms[axis].append((amplitude / math.sqrt(waves), k * math.cos(angle), k * math.sin(angle),
                                             rnd.uniform(0.0, 2.0 * math.pi)))

    def offset(self, x, y):
        return tuple(sum(a * math.sin(kx * x + ky * y + phase) for a, kx, ky, phase in self.terms[axis])
                     for axis in (0, 1))

    def move(self, x, y):
        dx, dy = self.offset(x, y)
        return float(round(x + dx)), float(round(y + dy))


# Municipal and county boundaries: bends of a few km down to a few hundred metres.
BOUNDARY_FIELD = Field(1810, [(1500.0, 48000.0), (450.0, 14000.0), (110.0, 4200.0), (25.0, 1300.0)])
DENSIFY_M = 200.0


def _densified(points, step):
    out = [points[0]]
    for a, b in zip(points, points[1:]):
        n = max(1, int(math.ceil(math.hypot(b.x() - a.x(), b.y() - a.y()) / step)))
        out.extend(QgsPointXY(a.x() + (b.x() - a.x()) * i / n, a.y() + (b.y() - a.y()) * i / n)
                   for i in range(1, n + 1))
    return out


def _bent_line(points, field, step=DENSIFY_M):
    out = []
    for p in _densified(points, step):
        q = QgsPointXY(*field.move(p.x(), p.y()))
        if not out or q != out[-1]:
            out.append(q)
    return out


def _line_parts(geom):
    if geom.isMultipart():
        return geom.asMultiPolyline()
    return [geom.asPolyline()]


def warp_tiling(lines, area, owner_of, field=BOUNDARY_FIELD):
    """Bend a tiling of ``area`` (a polygon) by ``field``. ``lines`` are the tiling's boundaries
    (the area's outline among them); they are noded once, the parts outside ``area`` dropped,
    each remaining line bent once (so a shared boundary stays shared vertex for vertex) and
    the faces rebuilt with ``polygonize``. ``owner_of(face)`` names the tile of an unbent face.
    Returns ({key: bent polygon or multipolygon}, the bent area)."""
    noded = QgsGeometry.unaryUnion(lines)
    inside = []
    for part in _line_parts(noded):
        geom = QgsGeometry.fromPolylineXY(part)
        if area.distance(geom.interpolate(geom.length() / 2.0)) < 0.01:
            inside.append(part)
    before = QgsGeometry.polygonize([QgsGeometry.fromMultiPolylineXY(inside)]).asGeometryCollection()
    bent_lines = [QgsGeometry.fromPolylineXY(_bent_line(part, field)) for part in inside]
    after = QgsGeometry.polygonize([QgsGeometry.unaryUnion(bent_lines)]).asGeometryCollection()
    if len(before) != len(after):
        raise RuntimeError(f"bending changed the number of faces ({len(before)} -> {len(after)})")
    faces = {}
    for face in before:
        point = face.pointOnSurface().asPoint()
        moved = QgsGeometry.fromPointXY(QgsPointXY(*field.move(point.x(), point.y())))
        target = [f for f in after if f.contains(moved)]
        if len(target) != 1:
            raise RuntimeError("a bent face has no unique origin")
        faces.setdefault(owner_of(face), []).append(target[0])
    result = {key: QgsGeometry.unaryUnion(parts) if len(parts) > 1 else parts[0] for key, parts in faces.items()}
    return result, QgsGeometry.unaryUnion(after)


# --------------------------------------------------------------------------- blobs


def seed_of(text):
    return zlib.crc32(text.encode("utf-8"))


def blob(centre, width, height, seed, vertices=72, roughness=1.0):
    """A noisy ellipse of about ``width`` x ``height`` metres (area ``width * height``, like
    the rectangle it replaces) around ``centre`` (QgsPointXY): the radius of the ellipse times
    1 + a few random harmonics. Star-shaped around the centre, hence always a valid polygon."""
    rnd = random.Random(seed)
    harmonics = [(k, roughness * rnd.uniform(0.35, 1.0) * 0.22 / k ** 0.9, rnd.uniform(0.0, 2.0 * math.pi))
                 for k in range(2, 10)]
    tilt = rnd.uniform(-0.25, 0.25)  # a slight rotation of the ellipse
    a, b = width / 2.0, height / 2.0
    radii = []
    for i in range(vertices):
        t = 2.0 * math.pi * i / vertices
        factor = 1.0 + sum(amp * math.cos(k * t + phase) for k, amp, phase in harmonics)
        radii.append((t, max(0.35, factor)))
    # the ellipse's area is pi a b; scale so the blob's area is width * height
    area = 0.0
    pts = []
    for t, f in radii:
        ex, ey = a * math.cos(t), b * math.sin(t)
        pts.append((f * (ex * math.cos(tilt) - ey * math.sin(tilt)), f * (ex * math.sin(tilt) + ey * math.cos(tilt))))
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        area += x0 * y1 - x1 * y0
    scale = math.sqrt(width * height / (abs(area) / 2.0))
    ring = [QgsPointXY(round(centre.x() + scale * x), round(centre.y() + scale * y)) for x, y in pts]
    ring.append(ring[0])
    return QgsGeometry.fromPolygonXY([ring])


# --------------------------------------------------------------------------- population grid


def _noise(field, x, y):
    """A smooth value in about [-1, 1] from a displacement field's x offset (normalised)."""
    total = sum(abs(a) for a, _kx, _ky, _p in field.terms[0])
    return field.offset(x, y)[0] / total * 2.0


MIN_PEOPLE = 10  # fewer people in a square: left empty (its share goes to the others)
RURAL_CUT = 0.2  # smooth noise below this: forest, lakes, no one lives there


def population_grid(county, kommuner, totals, towns, fine_from=9000, seed=2040):
    """SCB-style population squares inside ``county`` (their centres inside it).

    ``kommuner`` {code: polygon}; ``totals`` {code: (pop_2030, pop_2040)}; ``towns`` a list of
    (name, QgsPointXY, population today). Each town is a Gaussian bump of its population; the
    rest of a municipality's people live in the countryside, spread by a smooth noise (forest
    squares stay empty). Squares of towns of at least ``fine_from`` people are 250 m squares
    within one town radius, elsewhere 1 km. Each municipality's squares add up to its forecast
    (rounded per square). Returns [(props, geometry)] ordered by square id."""
    rural = Field(seed, [(1.0, 30000.0), (1.0, 9000.0), (0.6, 3000.0)], waves=4)
    bumps = [(p, pop, 250.0 + 280.0 * math.sqrt(pop / 1000.0)) for _n, p, pop in towns]
    fine_centres = [(p, sigma) for p, pop, sigma in bumps if pop >= fine_from]
    ext = county.boundingBox()
    x0, y0 = int(ext.xMinimum() // 1000 * 1000), int(ext.yMinimum() // 1000 * 1000)
    x1, y1 = int(ext.xMaximum() // 1000 * 1000 + 1000), int(ext.yMaximum() // 1000 * 1000 + 1000)
    engines = {code: QgsGeometry.createGeometryEngine(g.constGet()) for code, g in kommuner.items()}
    for engine in engines.values():
        engine.prepareGeometry()

    def urban(x, y):
        return sum(pop * math.exp(-((x - p.x()) ** 2 + (y - p.y()) ** 2) / (2 * s * s)) / (2 * math.pi * s * s)
                   for p, pop, s in bumps)

    cells = []  # (code, x, y, size, urban people, rural weight)
    for x in range(x0, x1, 1000):
        for y in range(y0, y1, 1000):
            cx, cy = x + 500.0, y + 500.0
            fine = any(math.hypot(cx - p.x(), cy - p.y()) <= s for p, s in fine_centres)
            size = 250 if fine else 1000
            for sx in range(x, x + 1000, size):
                for sy in range(y, y + 1000, size):
                    mx, my = sx + size / 2.0, sy + size / 2.0
                    centre = QgsGeometry.fromPointXY(QgsPointXY(mx, my))
                    code = next((c for c, e in engines.items() if e.contains(centre.constGet())), None)
                    if code is None:
                        continue
                    people = urban(mx, my) * size * size
                    weight = max(0.0, _noise(rural, mx, my) - RURAL_CUT) ** 2 * (size / 1000.0) ** 2
                    cells.append((code, sx, sy, size, people, weight))
    out = []
    for code, (pop_2030, pop_2040) in sorted(totals.items()):
        mine = [c for c in cells if c[0] == code]
        in_towns = sum(c[4] for c in mine)
        countryside = max(pop_2030 - in_towns, 0.12 * pop_2030)
        town_scale = (pop_2030 - countryside) / in_towns if in_towns > 0 else 0.0
        # a square of fewer than MIN_PEOPLE is left empty; its share goes to the others
        weights = sum(c[5] for c in mine)
        kept = [c for c in mine if c[4] * town_scale + countryside * c[5] / weights >= MIN_PEOPLE]
        weights = sum(c[5] for c in kept)
        for _code, sx, sy, size, people, weight in kept:
            value = people * town_scale + countryside * weight / weights
            ring = [QgsPointXY(sx, sy), QgsPointXY(sx + size, sy), QgsPointXY(sx + size, sy + size),
                    QgsPointXY(sx, sy + size), QgsPointXY(sx, sy)]
            props = {"rutid": f"{sx:06d}{sy:07d}", "rutstorlek": size, "kommunkod": code,
                     "bef_2030": int(round(value)), "bef_2040": int(round(value * pop_2040 / pop_2030))}
            out.append((props, QgsGeometry.fromPolygonXY([ring])))
    out.sort(key=lambda row: (row[0]["rutid"], row[0]["rutstorlek"]))
    return out


def bend_polygon(geom, seed, step=250.0):
    """A polygon with its outline densified every ``step`` metres and bent by a field seeded
    with ``seed``: bends of a few km down to a few hundred metres (for a large area such as a
    range of hills)."""
    field = Field(seed, [(900.0, 16000.0), (260.0, 5000.0), (70.0, 1500.0)])
    rings = [_bent_line(ring, field, step) for ring in geom.asPolygon()]
    return QgsGeometry.fromPolygonXY(rings)
