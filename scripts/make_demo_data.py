#!/usr/bin/python3
"""Write the Örebro demo region: GeoPackage, service data, pygeoapi config, QGIS Server project.

Run with the system Python (PyQGIS + GDAL)::

    /usr/bin/python3 scripts/make_demo_data.py [--out DIR]

Without ``--out`` it writes into the repository: ``resources/demo/orebro_demo.gpkg``,
``resources/service/data/<collection>.geojson``, ``resources/service/pygeoapi-config.yml``
and ``resources/service/orebro_demo.qgs``. With ``--out DIR`` the same files are written
below DIR (``DIR/demo/...``, ``DIR/service/...``), which the determinism test uses.

Everything is deterministic: the geometry is built from fixed coordinates of real towns
(rounded to whole metres in SWEREF 99 TM) and exact GEOS operations; the organic shapes
(``scripts/demo_geometry.py``) come from ``random.Random`` seeded with fixed numbers or with the
CRC-32 of a feature's name, so every run writes the same files. What it looks like:

* the county (about 9,100 km², Örebro län is 8,500-9,500 km²) and its 12 municipalities (Voronoi
  cells of their seats and villages), their boundaries bent so that they wind like real ones;
* farmland, logistics areas, water protection, nature, wind power and cloudburst areas as noisy
  blobs (about the size of the rectangles they replaced), Kilsbergen as a bent polygon;
* ``befolkning_ruta``: an SCB-style population grid (1 km squares, 250 m squares in Örebro,
  Karlskoga, Kumla and Lindesberg), denser around the towns, adding up to each municipality's
  forecast in ``befolkning_prognos``: the plan statistics' population.

The data is APPROXIMATE: demo data, not official.
"""

import argparse
import json
import math
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_HASH_SEED"] = "0"  # stable XML attribute order in the .qgs project
os.environ["OGR_CURRENT_DATE"] = "2025-01-01T00:00:00.000Z"  # stable gpkg_contents.last_change

from osgeo import gdal, ogr, osr  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsGeometry,
    QgsPointXY,
)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_geometry import (  # noqa: E402
    TO_3006,
    TO_4326,
    bend_polygon,
    blob,
    population_grid,
    seed_of,
    stabilise_qgs,
    warp_tiling,
)

gdal.UseExceptions()
ogr.UseExceptions()

LABEL = "demo data, not official"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG3006 = "http://www.opengis.net/def/crs/EPSG/0/3006"
LICENSE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"

# A feature with an exact, documented coordinate (axis-order tests): Örebro C in EPSG:3006.
OREBRO_C_3006 = (512070.0, 6571172.0)


# --------------------------------------------------------------------------- coordinates
_TO_3006, _TO_4326 = TO_3006, TO_4326


def ll(lat, lon):
    """(lat, lon) WGS 84 -> QgsPointXY in EPSG:3006, rounded to whole metres."""
    x, y, _z = _TO_3006.TransformPoint(lon, lat)
    return QgsPointXY(round(x), round(y))


def line(*latlons):
    return QgsGeometry.fromPolylineXY([ll(a, b) for a, b in latlons])


def poly(*latlons):
    pts = [ll(a, b) for a, b in latlons]
    return QgsGeometry.fromPolygonXY([pts + [pts[0]]])


def box(lat, lon, w, h, dx=0, dy=0):
    """An axis-parallel rectangle w x h metres centred dx, dy metres from (lat, lon)."""
    c = ll(lat, lon)
    x0, y0 = c.x() + dx - w / 2, c.y() + dy - h / 2
    pts = [QgsPointXY(x0, y0), QgsPointXY(x0 + w, y0), QgsPointXY(x0 + w, y0 + h),
           QgsPointXY(x0, y0 + h), QgsPointXY(x0, y0)]
    return QgsGeometry.fromPolygonXY([pts])


def patch(lat, lon, w, h, dx=0, dy=0):
    """An area of about w x h metres centred dx, dy metres from (lat, lon): :func:`organic`
    turns it into a blob seeded by the feature's name."""
    c = ll(lat, lon)
    return ("patch", QgsPointXY(c.x() + dx, c.y() + dy), w, h)


def round_patch(lat, lon, r, dx=0, dy=0):
    """A :func:`patch` of the area of a disc of radius r."""
    side = r * math.sqrt(math.pi)
    return patch(lat, lon, side, side, dx, dy)


def organic(rows):
    """(props, geometry or patch) -> (props, geometry): each patch a noisy radial polygon
    seeded by the CRC-32 of its ``namn``; a polygon bent by a field seeded the same way."""
    out = []
    for props, geom in rows:
        if isinstance(geom, tuple):
            geom = blob(geom[1], geom[2], geom[3], seed_of(props["namn"]))
        elif geom.type() == 2 and not geom.isMultipart() and len(geom.asPolygon()[0]) < 20:
            geom = bend_polygon(geom, seed_of(props["namn"]))
        out.append((props, geom))
    return out


def pt(lat, lon, dx=0, dy=0):
    c = ll(lat, lon)
    return QgsGeometry.fromPointXY(QgsPointXY(c.x() + dx, c.y() + dy))


# --------------------------------------------------------------------------- places
TOWNS = {
    "Örebro": (59.2753, 15.2134), "Kumla": (59.1277, 15.1434), "Hallsberg": (59.0664, 15.1098),
    "Lindesberg": (59.5939, 15.2304), "Karlskoga": (59.3267, 14.5239),
    "Degerfors": (59.2381, 14.4308), "Askersund": (58.8800, 14.9022), "Laxå": (58.9867, 14.6222),
    "Fjugesta": (59.1743, 14.8719), "Nora": (59.5197, 15.0386), "Hällefors": (59.7787, 14.5228),
    "Kopparberg": (59.8744, 14.9942), "Frövi": (59.4669, 15.3669),
    "Fellingsbro": (59.4342, 15.5964), "Glanshammar": (59.3236, 15.4037),
    "Odensbacken": (59.1625, 15.5269), "Pålsboda": (59.0680, 15.3370),
    "Vretstorp": (59.0300, 14.8700), "Grythyttan": (59.7083, 14.5333),
    "Storå": (59.7139, 15.1342), "Garphyttan": (59.2767, 14.8839),
    "Åmmeberg": (58.8690, 15.0030), "Zinkgruvan": (58.8180, 15.1030),
    "Finnerödja": (58.9190, 14.4230), "Mullhyttan": (59.1490, 14.6870),
    "Ställdalen": (59.9350, 14.9350), "Svartå": (59.1447, 14.5161),
}

# (kommunkod, namn, seat, extra seeds (real villages) that pull the Voronoi cells into shape)
KOMMUNER = [
    ("1880", "Örebro", "Örebro", ["Glanshammar", "Odensbacken", "Garphyttan", (59.36, 15.20)]),
    ("1881", "Kumla", "Kumla", [(59.10, 15.22)]),
    ("1814", "Lekeberg", "Fjugesta", ["Mullhyttan", (59.24, 14.75)]),
    ("1860", "Laxå", "Laxå", ["Finnerödja", (58.90, 14.60)]),
    ("1861", "Hallsberg", "Hallsberg", ["Pålsboda", "Vretstorp", (58.98, 15.15)]),
    ("1862", "Degerfors", "Degerfors", ["Svartå"]),
    ("1863", "Hällefors", "Hällefors", ["Grythyttan", (59.88, 14.50)]),
    ("1864", "Ljusnarsberg", "Kopparberg", ["Ställdalen", (60.02, 14.85)]),
    ("1882", "Askersund", "Askersund", ["Åmmeberg", "Zinkgruvan", (58.76, 14.90)]),
    ("1883", "Karlskoga", "Karlskoga", [(59.40, 14.45)]),
    ("1884", "Nora", "Nora", [(59.58, 14.95)]),
    ("1885", "Lindesberg", "Lindesberg", ["Frövi", "Fellingsbro", "Storå", (59.55, 15.55)]),
]

# The county outline, clockwise from the north (lat, lon); coarse.
COUNTY = [
    (60.12, 14.98), (60.00, 15.12), (59.88, 15.24), (59.75, 15.42), (59.62, 15.60), (59.50, 15.86),
    (59.35, 15.75), (59.22, 15.70), (59.08, 15.58), (58.97, 15.36), (58.86, 15.28),
    (58.72, 15.10), (58.70, 14.85), (58.69, 14.62), (58.78, 14.45), (58.88, 14.35), (59.00, 14.28),
    (59.15, 14.32), (59.25, 14.30), (59.40, 14.35), (59.55, 14.30), (59.75, 14.30),
    (59.88, 14.60), (60.04, 14.86),
]

# Neighbouring counties: (lanskod, namn, from bearing, to bearing) seen from the county centre.
GRANNLAN = [
    ("20", "Dalarnas län", -35, 40),
    ("19", "Västmanlands län", 40, 100),
    ("04", "Södermanlands län", 100, 140),
    ("05", "Östergötlands län", 140, 200),
    ("14", "Västra Götalands län", 200, 255),
    ("17", "Värmlands län", 255, 325),
]


def resolve(seed):
    return TOWNS[seed] if isinstance(seed, str) else seed


def build_county():
    return poly(*COUNTY)


def build_kommuner(county):
    """The municipalities (Voronoi cells of their seats and villages, cut to the county) and the
    county, both with boundaries bent by :data:`demo_geometry.BOUNDARY_FIELD` so that they wind
    like real ones. Returns ({kommunkod: polygon}, county polygon)."""
    seeds = []
    for code, _name, seat, extra in KOMMUNER:
        for s in [seat] + extra:
            seeds.append((code, ll(*resolve(s))))
    multipoint = QgsGeometry.fromMultiPointXY([p for _c, p in seeds])
    ext = county.boundingBox()
    ext.grow(50000)
    cells = []
    for part in multipoint.voronoiDiagram(QgsGeometry.fromRect(ext)).asGeometryCollection():
        owner = [code for code, p in seeds if part.contains(QgsGeometry.fromPointXY(p))]
        if len(owner) != 1:
            raise RuntimeError("Voronoi cell without a unique seed")
        cells.append((owner[0], part))
    lines = [QgsGeometry.fromPolylineXY(county.asPolygon()[0])]
    lines += [QgsGeometry.fromPolylineXY(cell.asPolygon()[0]) for _c, cell in cells]

    def owner_of(face):
        inside = face.pointOnSurface()
        codes = [code for code, cell in cells if cell.contains(inside)]
        if len(codes) != 1:
            raise RuntimeError("a municipality face without a unique Voronoi cell")
        return codes[0]

    bent, bent_county = warp_tiling(lines, county, owner_of)
    kommuner = {code: _polygon_parts(bent[code], 1.0) for code, _n, _s, _e in KOMMUNER}
    return kommuner, _polygon_parts(bent_county, 1.0)


def _polygon_parts(geom, min_area):
    """Keep only polygon parts of at least min_area m² (drops float slivers, lines, points)."""
    parts = []
    for part in geom.asGeometryCollection():
        if part.type() == 2 and part.area() >= min_area:  # QgsWkbTypes.PolygonGeometry
            parts.extend(part.asMultiPolygon() if part.isMultipart() else [part.asPolygon()])
    if len(parts) == 1:
        return QgsGeometry.fromPolygonXY(parts[0])
    return QgsGeometry.fromMultiPolygonXY(parts)


def _lines(geom):
    parts = []
    for part in geom.asGeometryCollection():
        if part.type() == 1:  # line
            parts.extend(part.asMultiPolyline() if part.isMultipart() else [part.asPolyline()])
    if not parts:
        return None
    merged = QgsGeometry.fromMultiPolylineXY(parts).mergeLines()
    return merged


def build_grannlan(county):
    import math

    c = county.centroid().asPoint()
    far = 400000.0
    ext = county.boundingBox()
    ext.grow(60000)
    outside = QgsGeometry.fromRect(ext).difference(county)
    out = []
    for code, name, a0, a1 in GRANNLAN:
        pts = [QgsPointXY(c.x(), c.y())]
        steps = 8
        for k in range(steps + 1):
            a = math.radians(a0 + (a1 - a0) * k / steps)
            pts.append(QgsPointXY(round(c.x() + far * math.sin(a)), round(c.y() + far * math.cos(a))))
        pts.append(pts[0])
        wedge = QgsGeometry.fromPolygonXY([pts])
        out.append(({"namn": name, "lanskod": code}, _polygon_parts(wedge.intersection(outside), 1.0), wedge))
    return out


def build_kommungranser(kommuner, county, grannlan):
    names = {code: name for code, name, _s, _e in KOMMUNER}
    codes = [k[0] for k in KOMMUNER]
    rows = []
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            shared = _lines(kommuner[a].intersection(kommuner[b]))
            if shared is not None and shared.length() > 1.0:
                rows.append(({"namn": f"Kommungräns {names[a]}–{names[b]}", "kommun_a": names[a],
                              "kommun_b": names[b], "typ": "kommungrans"}, shared))
    county_ring = QgsGeometry.fromPolylineXY(county.asPolygon()[0])
    for code in codes:
        outer = _lines(kommuner[code].intersection(county_ring))
        if outer is None:
            continue
        for props, _geom, wedge in grannlan:
            part = _lines(outer.intersection(wedge))
            if part is not None and part.length() > 1.0:
                rows.append(({"namn": f"Länsgräns {names[code]}–{props['namn']}", "kommun_a": names[code],
                              "kommun_b": props["namn"], "typ": "lansgrans"}, part))
    return rows


# --------------------------------------------------------------------------- thematic layers
T = TOWNS
E_EDGE = (59.42, 15.95)     # towards Arboga / Stockholm
W_EDGE = (59.36, 14.20)     # towards Karlstad / Oslo
SW_EDGE = (58.86, 14.30)    # towards Göteborg
SE_EDGE = (59.10, 15.72)    # towards Katrineholm
N_EDGE = (60.10, 15.05)     # towards Ludvika / Borlänge
S_EDGE = (58.68, 15.05)     # towards Motala / Linköping
KUMLA_S = (59.10, 15.15)


def person_strak():
    return [
        ({"namn": "E18 Oslo–Karlskoga–Örebro–Stockholm", "klass": "primar", "trafikslag": "vag"},
         line(W_EDGE, T["Karlskoga"], (59.30, 14.90), T["Örebro"], T["Glanshammar"], E_EDGE)),
        ({"namn": "E20 Göteborg–Laxå–Hallsberg–Örebro", "klass": "primar", "trafikslag": "vag"},
         line(SW_EDGE, T["Laxå"], T["Vretstorp"], (59.08, 15.05), (59.20, 15.19), T["Örebro"])),
        ({"namn": "Mälarbanan Örebro–Stockholm", "klass": "primar", "trafikslag": "jarnvag"},
         line(T["Örebro"], (59.33, 15.45), (59.40, 15.70), (59.41, 15.95))),
        ({"namn": "Västra stambanan Göteborg–Hallsberg–Stockholm", "klass": "primar", "trafikslag": "jarnvag"},
         line((58.88, 14.30), T["Laxå"], (59.04, 14.95), T["Hallsberg"], T["Pålsboda"], SE_EDGE)),
        ({"namn": "Örebro–Kumla–Hallsberg (pendeltåg)", "klass": "primar", "trafikslag": "jarnvag"},
         line(T["Örebro"], KUMLA_S, T["Kumla"], T["Hallsberg"])),
        ({"namn": "Värmlandsbanan Örebro–Degerfors–Karlstad", "klass": "primar", "trafikslag": "jarnvag"},
         line(T["Örebro"], (59.20, 14.85), T["Degerfors"], (59.33, 14.20))),
        ({"namn": "Rv 50 Örebro–Lindesberg–Ludvika", "klass": "sekundar", "trafikslag": "vag"},
         line(T["Örebro"], T["Frövi"], T["Lindesberg"], T["Storå"], (59.88, 15.10), N_EDGE)),
        ({"namn": "Rv 50 Örebro–Askersund–Motala", "klass": "sekundar", "trafikslag": "vag"},
         line(T["Örebro"], (59.05, 15.00), T["Askersund"], S_EDGE)),
        ({"namn": "Bergslagspendeln Örebro–Lindesberg–Kopparberg", "klass": "sekundar", "trafikslag": "jarnvag"},
         line(T["Örebro"], (59.38, 15.30), T["Frövi"], T["Lindesberg"], T["Storå"], T["Kopparberg"],
              (60.05, 14.98))),
        ({"namn": "Rv 63 Karlskoga–Hällefors", "klass": "sekundar", "trafikslag": "vag"},
         line(T["Karlskoga"], (59.50, 14.55), T["Grythyttan"], T["Hällefors"], (59.95, 14.45))),
        ({"namn": "Väg 244 Örebro–Nora", "klass": "sekundar", "trafikslag": "vag"},
         line(T["Örebro"], (59.40, 15.10), T["Nora"])),
    ]


def gods_strak():
    return [
        ({"namn": "Västra stambanan (gods) Göteborg–Hallsberg", "klass": "primar", "trafikslag": "jarnvag"},
         line((58.88, 14.30), T["Laxå"], (59.04, 14.95), T["Hallsberg"])),
        ({"namn": "Hallsberg–Katrineholm–Stockholm (gods)", "klass": "primar", "trafikslag": "jarnvag"},
         line(T["Hallsberg"], T["Pålsboda"], SE_EDGE)),
        ({"namn": "Godsstråket genom Bergslagen Hallsberg–Örebro–Frövi–Storå", "klass": "primar",
          "trafikslag": "jarnvag"},
         line(T["Hallsberg"], T["Kumla"], KUMLA_S, T["Örebro"], T["Frövi"], T["Lindesberg"], T["Storå"],
              N_EDGE)),
        ({"namn": "E20 godsstråk Göteborg–Örebro", "klass": "primar", "trafikslag": "vag"},
         line(SW_EDGE, T["Laxå"], T["Vretstorp"], (59.08, 15.05), (59.20, 15.19), T["Örebro"])),
        ({"namn": "E18 godsstråk Karlskoga–Örebro–Arboga", "klass": "primar", "trafikslag": "vag"},
         line(W_EDGE, T["Karlskoga"], (59.30, 14.90), T["Örebro"], T["Glanshammar"], E_EDGE)),
        ({"namn": "Rv 50 godsstråk Örebro–Ludvika", "klass": "sekundar", "trafikslag": "vag"},
         line(T["Örebro"], T["Frövi"], T["Lindesberg"], T["Storå"], (59.88, 15.10), N_EDGE)),
        ({"namn": "Frövi–Ludvika (gods)", "klass": "sekundar", "trafikslag": "jarnvag"},
         line(T["Frövi"], (59.55, 15.10), T["Nora"])),
        ({"namn": "Rv 63 godsstråk Karlskoga–Hällefors", "klass": "sekundar", "trafikslag": "vag"},
         line(T["Karlskoga"], (59.50, 14.55), T["Grythyttan"], T["Hällefors"])),
    ]


def gods_noder():
    return [
        ({"namn": "Hallsbergs rangerbangård", "nodtyp": "rangerbangard"}, pt(*T["Hallsberg"], dx=900, dy=300)),
        ({"namn": "Örebro kombiterminal", "nodtyp": "kombiterminal"}, pt(59.2290, 15.1900)),
        ({"namn": "Hallsbergs kombiterminal", "nodtyp": "kombiterminal"}, pt(*T["Hallsberg"], dx=-800, dy=900)),
        ({"namn": "Örebro flygplats", "nodtyp": "flygplats"}, pt(59.2237, 15.0380)),
        ({"namn": "Frövi industrispår", "nodtyp": "industrinod"}, pt(*T["Frövi"], dx=500)),
        ({"namn": "Degerfors industrinod", "nodtyp": "industrinod"}, pt(*T["Degerfors"], dx=600, dy=-400)),
        ({"namn": "Karlskoga industrinod (Bofors)", "nodtyp": "industrinod"}, pt(*T["Karlskoga"], dx=2000, dy=-1500)),
        ({"namn": "Lindesbergs omlastningsplats", "nodtyp": "omlastning"}, pt(*T["Lindesberg"], dy=-900)),
    ]


def logistikomraden():
    return organic([
        ({"namn": "Logistikområde Törsjö (Örebro)"}, patch(59.2290, 15.1900, 2600, 1800, dx=300)),
        ({"namn": "Logistikpark Hallsberg"}, patch(*T["Hallsberg"], 2200, 1500, dx=-600, dy=1500)),
        ({"namn": "Logistikområde Kumla norra"}, patch(*T["Kumla"], 1800, 1200, dy=2200)),
        ({"namn": "Logistikområde Lindesberg södra"}, patch(*T["Lindesberg"], 1400, 1000, dy=-1600)),
    ])


def oms_karnor():
    return [
        ({"namn": "Örebro", "niva": "storregional"}, pt(*T["Örebro"])),
        ({"namn": "Karlskoga–Degerfors", "niva": "regional"}, pt(*T["Karlskoga"])),
        ({"namn": "Lindesberg", "niva": "regional"}, pt(*T["Lindesberg"])),
        ({"namn": "Kumla–Hallsberg", "niva": "regional"}, pt(59.0970, 15.1270)),
        ({"namn": "Askersund", "niva": "lokal"}, pt(*T["Askersund"])),
        ({"namn": "Laxå", "niva": "lokal"}, pt(*T["Laxå"])),
        ({"namn": "Fjugesta", "niva": "lokal"}, pt(*T["Fjugesta"])),
        ({"namn": "Nora", "niva": "lokal"}, pt(*T["Nora"])),
        ({"namn": "Hällefors", "niva": "lokal"}, pt(*T["Hällefors"])),
        ({"namn": "Kopparberg", "niva": "lokal"}, pt(*T["Kopparberg"])),
    ]


def oms_kopplingar():
    o = T["Örebro"]
    return [
        ({"namn": "Örebro–Stockholm/Mälardalen"}, line(o, (59.45, 16.10))),
        ({"namn": "Örebro–Göteborg"}, line(o, T["Hallsberg"], T["Laxå"], (58.80, 14.10))),
        ({"namn": "Örebro–Karlstad–Oslo"}, line(o, T["Karlskoga"], (59.38, 14.05))),
        ({"namn": "Örebro–Borlänge/Falun"}, line(o, T["Lindesberg"], T["Kopparberg"], (60.25, 15.10))),
        ({"namn": "Örebro–Linköping/Norrköping"}, line(o, T["Askersund"], (58.60, 15.15))),
        ({"namn": "Örebro–Västerås"}, line(o, T["Fellingsbro"], (59.62, 16.10))),
    ]


def jordbruksmark():
    o, k = T["Örebro"], T["Kumla"]
    return organic([
        ({"namn": "Närkeslätten, Törsjö–Ekeby", "klass": 8}, patch(*o, 6000, 4000, dx=-4000, dy=-7000)),
        ({"namn": "Närkeslätten, Kumla–Ekeby", "klass": 8}, patch(*k, 5000, 4000, dx=-3000, dy=3500)),
        ({"namn": "Närkeslätten, Ekeby–Odensbacken", "klass": 7}, patch(*o, 9000, 5000, dx=10000, dy=-9000)),
        ({"namn": "Glanshammarsslätten", "klass": 7}, patch(*T["Glanshammar"], 6000, 3000, dy=-2500)),
        ({"namn": "Kvismardalen", "klass": 6}, patch(*o, 5000, 3500, dx=15000, dy=-15000)),
        ({"namn": "Fellingsbro slättbygd", "klass": 7}, patch(*T["Fellingsbro"], 5000, 3000, dy=-2500)),
        ({"namn": "Hallsberg–Pålsboda jordbruksbygd", "klass": 5}, patch(*T["Hallsberg"], 6000, 3000, dx=8000)),
        ({"namn": "Fjugesta slättbygd", "klass": 6}, patch(*T["Fjugesta"], 5000, 3000, dx=1500)),
        ({"namn": "Askersund norra åkermark", "klass": 4}, patch(*T["Askersund"], 3000, 2500, dy=4000)),
        ({"namn": "Nora dalgång", "klass": 4}, patch(*T["Nora"], 2500, 2000, dy=-3000)),
        ({"namn": "Vintrosa åkermark", "klass": 5}, patch(59.2578, 14.9167, 3000, 2000)),
    ])


def skyfall():
    o = T["Örebro"]
    return organic([
        ({"namn": "Svartån genom Örebro centrum", "risk": "hög"},
         line((59.2790, 15.1650), (59.2740, 15.2000), (59.2745, 15.2200), (59.2770, 15.2600)).buffer(250, 6)),
        ({"namn": "Örebro södra lågpunkter", "risk": "medel"}, patch(*o, 2000, 1200, dx=500, dy=-3500)),
        ({"namn": "Kumla centrum lågpunkt", "risk": "hög"}, patch(*T["Kumla"], 900, 700, dx=300)),
        ({"namn": "Lindesbergssjön strand", "risk": "medel"}, patch(*T["Lindesberg"], 1500, 800, dx=-700)),
        ({"namn": "Nora, Norasjöns strand", "risk": "medel"}, patch(*T["Nora"], 1200, 700, dx=-500)),
        ({"namn": "Hallsberg stationsområdet", "risk": "hög"}, patch(*T["Hallsberg"], 700, 500)),
        ({"namn": "Karlskoga Timsälven", "risk": "medel"}, patch(*T["Karlskoga"], 600, 2000, dx=-800)),
    ])


def vattenskydd():
    return organic([
        ({"namn": "Lillåns och Glanshammarsåsens vattenskyddsområde"},
         line((59.36, 15.25), T["Glanshammar"], (59.30, 15.50)).buffer(900, 6)),
        ({"namn": "Kumla vattenskyddsområde"}, patch(*T["Kumla"], 2200, 1800, dx=-3500, dy=-1000)),
        ({"namn": "Alkvettern vattenskyddsområde (Karlskoga)"}, round_patch(59.3850, 14.4950, 2200)),
        ({"namn": "Fåsjöns vattenskyddsområde (Nora)"}, round_patch(*T["Nora"], 1500, dx=2500, dy=2500)),
        ({"namn": "Lindesbergsåsens vattenskyddsområde"}, patch(*T["Lindesberg"], 1200, 4000, dx=1500, dy=2000)),
        ({"namn": "Askersund Sänna vattenskyddsområde"}, round_patch(*T["Askersund"], 1200, dx=-2500, dy=-1500)),
    ])


def gron():
    return organic([
        ({"namn": "Kilsbergen", "typ": "friluftsomrade"},
         poly((59.45, 14.80), (59.40, 14.95), (59.20, 14.92), (59.05, 14.80), (59.10, 14.70), (59.35, 14.70))),
        ({"namn": "Tysslingen", "typ": "vatmark"}, round_patch(59.2260, 15.0480, 1800, dx=-1500, dy=2500)),
        ({"namn": "Oset och Rynningeviken", "typ": "naturreservat"}, patch(*T["Örebro"], 2500, 1500, dx=4500, dy=-800)),
        ({"namn": "Kvismaren", "typ": "naturreservat"}, patch(*T["Örebro"], 5000, 1500, dx=15000, dy=-17000)),
        ({"namn": "Tiveden nationalpark", "typ": "nationalpark"}, round_patch(58.7300, 14.6000, 2500)),
        ({"namn": "Garphyttans nationalpark", "typ": "nationalpark"}, round_patch(59.2760, 14.8750, 600, dy=2000)),
        ({"namn": "Hjälmarens strandzon", "typ": "bla_struktur"},
         line((59.20, 15.35), (59.22, 15.55), (59.28, 15.75)).buffer(600, 6)),
        ({"namn": "Svartåstråket", "typ": "gronstrak"},
         line((59.2790, 15.1500), (59.2740, 15.2000), (59.2750, 15.2700)).buffer(120, 6)),
    ])


def vindkraft():
    return organic([
        ({"namn": "Vindkraftsområde Hällefors norra", "status": "utpekat"},
         patch(*T["Hällefors"], 5000, 4000, dy=9000)),
        ({"namn": "Vindkraftsområde Ljusnarsberg väst", "status": "tillstand"},
         patch(*T["Kopparberg"], 4000, 4000, dx=-9000)),
        ({"namn": "Vindkraftsområde Laxå Ramundeboda", "status": "utbyggd"}, patch(*T["Laxå"], 3000, 3000, dx=-7000)),
        ({"namn": "Vindkraftsområde Askersund Tiveden östra", "status": "utredning"},
         patch(*T["Askersund"], 3000, 3000, dx=-6000, dy=-12000)),
        ({"namn": "Vindkraftsområde Lekeberg Bohult", "status": "utpekat"},
         patch(*T["Fjugesta"], 3000, 2500, dx=-12000)),
        ({"namn": "Vindkraftsområde Grythyttan", "status": "utbyggd"}, patch(*T["Grythyttan"], 2000, 2000, dx=3000)),
    ])


def reservat():
    return [
        ({"namn": "Korridor dubbelspår Örebro–Kumla–Hallsberg", "typ": "jarnvag"},
         line(T["Örebro"], (59.20, 15.17), (59.13, 15.13), (59.08, 15.12), T["Hallsberg"]).buffer(250, 6)),
        ({"namn": "Korridor ny järnväg Örebro–Arboga (Mälarbanan dubbelspår)", "typ": "jarnvag"},
         line(T["Örebro"], (59.34, 15.47), (59.41, 15.90)).buffer(250, 6)),
        ({"namn": "Korridor E20 Vretstorp–Hallsberg", "typ": "vag"},
         line(T["Vretstorp"], (59.05, 14.98), (59.07, 15.06)).buffer(150, 6)),
    ]


def kollektivtrafik():
    rows = [
        ("Örebro C", "hog", 420, None),
        ("Örebro Södra", "hog", 160, (59.2645, 15.2080)),
        ("Örebro universitet", "hog", 300, (59.2540, 15.2480)),
        ("Örebro USÖ", "hog", 260, (59.2770, 15.2240)),
        ("Kumla station", "hog", 120, (59.1255, 15.1410)),
        ("Hallsberg station", "hog", 140, (59.0665, 15.1110)),
        ("Karlskoga busstation", "hog", 110, (59.3275, 14.5250)),
        ("Lindesberg resecentrum", "medel", 60, (59.5930, 15.2280)),
        ("Degerfors station", "medel", 40, (59.2370, 14.4300)),
        ("Laxå station", "medel", 35, (58.9860, 14.6220)),
        ("Frövi station", "medel", 40, (59.4660, 15.3660)),
        ("Nora busstation", "medel", 45, (59.5200, 15.0380)),
        ("Askersund busstation", "lag", 20, (58.8805, 14.9030)),
        ("Fjugesta busstation", "lag", 18, (59.1740, 14.8720)),
        ("Hällefors station", "lag", 16, (59.7785, 14.5225)),
        ("Kopparberg station", "lag", 14, (59.8740, 14.9945)),
        ("Vretstorp", "lag", 12, (59.0300, 14.8700)),
        ("Pålsboda station", "lag", 20, (59.0680, 15.3370)),
        ("Odensbacken", "lag", 22, (59.1625, 15.5269)),
        ("Glanshammar", "lag", 15, (59.3236, 15.4037)),
        ("Garphyttan", "lag", 12, (59.2767, 14.8839)),
        ("Fellingsbro", "lag", 14, (59.4342, 15.5964)),
    ]
    out = []
    for name, level, deps, latlon in rows:
        geom = QgsGeometry.fromPointXY(QgsPointXY(*OREBRO_C_3006)) if latlon is None else pt(*latlon)
        out.append(({"namn": name, "turtathet": level, "avgangar_per_dygn": deps}, geom))
    return out


BEFOLKNING = {  # kommunkod: (bef_2030, bef_2040), approximate
    "1880": (166000, 178000), "1881": (23000, 24200), "1814": (8600, 9200), "1860": (5500, 5300),
    "1861": (16400, 16700), "1862": (9300, 9100), "1863": (6600, 6300), "1864": (4600, 4400),
    "1882": (11200, 11300), "1883": (30500, 31200), "1884": (10700, 10900), "1885": (23300, 23500),
}

# People living in each town today (tätort, approximate): the population grid's town centres.
TOWN_POPULATION = {
    "Örebro": 126000, "Karlskoga": 23000, "Kumla": 14500, "Lindesberg": 9500, "Hallsberg": 7500,
    "Nora": 6500, "Degerfors": 6300, "Hällefors": 4500, "Askersund": 4000, "Laxå": 3000,
    "Kopparberg": 3000, "Frövi": 2400, "Fjugesta": 2300, "Odensbacken": 2000, "Pålsboda": 1800,
    "Fellingsbro": 1400, "Glanshammar": 1300, "Vretstorp": 1200, "Storå": 1000, "Garphyttan": 900,
    "Grythyttan": 900, "Åmmeberg": 600, "Finnerödja": 600, "Zinkgruvan": 500, "Ställdalen": 500,
    "Mullhyttan": 400, "Svartå": 300,
}


# --------------------------------------------------------------------------- sample plans
def plan_samples():
    o = T["Örebro"]
    torsjo = box(59.2290, 15.1900, 3000, 2400, dx=-900, dy=200)
    hole = box(59.2290, 15.1900, 600, 500, dx=-1800, dy=600)
    torsjo_with_hole = QgsGeometry.fromPolygonXY([torsjo.asPolygon()[0], hole.asPolygon()[0]])
    frovi_a = box(*T["Frövi"], 900, 700, dx=200, dy=400)
    frovi_b = box(*T["Fellingsbro"], 800, 600, dy=-300)
    multipart = QgsGeometry.fromMultiPolygonXY([frovi_a.asPolygon(), frovi_b.asPolygon()])
    return [
        ({"name": "ÖP Örebro – Törsjö verksamhetsområde", "plantyp": "ÖP", "kommun": "Örebro"}, torsjo_with_hole),
        ({"name": "DP Kumla – Bostäder vid stationen", "plantyp": "DP", "kommun": "Kumla"},
         box(*T["Kumla"], 500, 400, dx=200, dy=-100)),
        ({"name": "ÖP Lindesberg – Frövi och Fellingsbro", "plantyp": "ÖP", "kommun": "Lindesberg"}, multipart),
        ({"name": "DP Hällefors – Bostäder i Grythyttan norra", "plantyp": "DP", "kommun": "Hällefors"},
         box(*T["Grythyttan"], 600, 500, dx=1200, dy=1500)),
        ({"name": "DP Nora – Bostäder vid Fåsjön", "plantyp": "DP", "kommun": "Nora"},
         box(*T["Nora"], 700, 600, dx=1500, dy=1800)),
        ({"name": "DP Örebro – Bostäder i Glanshammar", "plantyp": "DP", "kommun": "Örebro"},
         box(*T["Glanshammar"], 600, 500, dx=-400, dy=-600)),
        ({"name": "DP Örebro – Kvarter vid Svartån", "plantyp": "DP", "kommun": "Örebro"},
         box(*o, 400, 300, dx=-800, dy=-50)),
        ({"name": "DP Örebro – Fritidsboende i Garphyttan", "plantyp": "DP", "kommun": "Örebro"},
         box(*T["Garphyttan"], 600, 400, dy=1300)),
    ]


def plan_3009():
    return [({"name": "DP Degerfors – Bostäder vid Strömtorp", "plantyp": "DP", "kommun": "Degerfors"},
             box(*T["Degerfors"], 600, 500, dx=900, dy=1200))]


def plan_4326():
    return [({"name": "DP Laxå – Stationsområdet", "plantyp": "DP", "kommun": "Laxå"},
             box(*T["Laxå"], 500, 400, dx=300, dy=200))]


# --------------------------------------------------------------------------- collections
# id: (title_sv, description, theme, kind, year, temporal begin, end, geometry)
COLLECTIONS = [
    ("kommuner", "Kommuner i Örebro län",
     "The 12 municipalities of Örebro County (kommunkod, namn).", "boundaries", "boundary", 2025),
    ("kommungranser", "Kommungränser",
     "Municipal boundaries as lines, with the municipality on each side (namn, kommun_a, kommun_b, typ).",
     "boundaries", "boundary", 2025),
    ("grannlan", "Grannlän",
     "Coarse polygons of the neighbouring counties (namn, lanskod).", "boundaries", "boundary", 2025),
    ("rus_person_2030_strak", "RUS strukturbild persontransporter 2030 – stråk",
     "Primary and secondary passenger transport corridors (klass primar/sekundar; trafikslag vag/jarnvag).",
     "transport", "structure-plan", 2030),
    ("rus_gods_2030_strak", "RUS strukturbild gods och logistik 2030 – stråk",
     "Primary and secondary freight corridors (klass primar/sekundar).", "logistics", "structure-plan", 2030),
    ("rus_gods_2030_noder", "RUS strukturbild gods och logistik 2030 – noder",
     "Freight transport nodes (nodtyp: rangerbangard, kombiterminal, flygplats, industrinod, omlastning).",
     "logistics", "structure-plan", 2030),
    ("rus_gods_2030_logistikomraden", "RUS strukturbild gods och logistik 2030 – logistikområden",
     "Areas for logistics development.", "logistics", "structure-plan", 2030),
    ("oms_2050_karnor", "ÖMS 2050 – regionala kärnor",
     "Regional cores of the spatial structure 2050 (niva: storregional, regional, lokal).",
     "structure", "structure-plan", 2050),
    ("oms_2050_kopplingar", "ÖMS 2050 – kopplingar",
     "Cross-links to neighbouring regions in the spatial structure 2050.", "structure", "structure-plan", 2050),
    ("jordbruksmark", "Jordbruksmark",
     "Agricultural land with a quality class 1-10 (klass; 10 best).", "agriculture", "interest", 2024),
    ("skyfall_risk", "Skyfallskartering",
     "Areas at risk of flooding from cloudbursts (risk: hög/medel).", "climate", "knowledge", 2023),
    ("vattenskydd", "Vattenskyddsområden", "Water protection areas.", "water", "interest", 2024),
    ("gron_infrastruktur", "Grön infrastruktur och natur",
     "Green infrastructure, nature reserves and national parks (typ).", "nature", "interest", 2024),
    ("vindkraft", "Vindkraftsområden",
     "Areas for wind power (status: utpekat, utredning, tillstand, utbyggd).", "energy", "interest", 2024),
    ("infrastruktur_reservat", "Reservat för infrastruktur",
     "Corridors reserved for planned rail and road infrastructure.", "transport", "interest", 2024),
    ("kollektivtrafik_noder", "Kollektivtrafiknoder",
     "Public transport nodes with service level (turtathet hog/medel/lag; avgangar_per_dygn).",
     "transport", "knowledge", 2025),
    ("befolkning_prognos", "Befolkningsprognos 2030/2040",
     "Population forecast per municipality (bef_2030, bef_2040).", "population", "knowledge", 2040),
    ("befolkning_ruta", "Befolkning per ruta 2030/2040 (prognos)",
     "Population grid after SCB's model: 1 km squares, 250 m squares in the larger towns, only populated "
     "squares (rutid: the lower left corner in SWEREF 99 TM; rutstorlek in metres; kommunkod; bef_2030, "
     "bef_2040: forecast per square).", "population", "knowledge", 2040),
]
COLLECTION_IDS = [c[0] for c in COLLECTIONS]

FIELD_TYPES = {int: ogr.OFTInteger, float: ogr.OFTReal, str: ogr.OFTString}


def all_layers():
    kommuner, county = build_kommuner(build_county())
    grannlan = build_grannlan(county)
    layers = {}
    layers["kommuner"] = [({"kommunkod": code, "namn": name}, kommuner[code]) for code, name, _s, _e in KOMMUNER]
    layers["kommungranser"] = build_kommungranser(kommuner, county, grannlan)
    layers["grannlan"] = [(props, geom) for props, geom, _w in grannlan]
    layers["rus_person_2030_strak"] = person_strak()
    layers["rus_gods_2030_strak"] = gods_strak()
    layers["rus_gods_2030_noder"] = gods_noder()
    layers["rus_gods_2030_logistikomraden"] = logistikomraden()
    layers["oms_2050_karnor"] = oms_karnor()
    layers["oms_2050_kopplingar"] = oms_kopplingar()
    layers["jordbruksmark"] = jordbruksmark()
    layers["skyfall_risk"] = skyfall()
    layers["vattenskydd"] = vattenskydd()
    layers["gron_infrastruktur"] = gron()
    layers["vindkraft"] = vindkraft()
    layers["infrastruktur_reservat"] = reservat()
    layers["kollektivtrafik_noder"] = kollektivtrafik()
    layers["befolkning_prognos"] = [
        ({"kommunkod": code, "namn": name, "bef_2030": BEFOLKNING[code][0], "bef_2040": BEFOLKNING[code][1]},
         kommuner[code]) for code, name, _s, _e in KOMMUNER]
    towns = [(name, ll(*TOWNS[name]), pop) for name, pop in TOWN_POPULATION.items()]
    layers["befolkning_ruta"] = population_grid(county, kommuner, BEFOLKNING, towns)
    layers["lan"] = [({"namn": "Örebro län", "lanskod": "18"}, county)]
    return layers


def _geom_type(features):
    kinds = {g.type() for _p, g in features}
    multi = any(g.isMultipart() for _p, g in features)
    kind = kinds.pop()
    if kinds:
        raise RuntimeError("mixed geometry types in one layer")
    base = {0: ogr.wkbPoint, 1: ogr.wkbLineString, 2: ogr.wkbPolygon}[kind]
    if multi:
        base = {ogr.wkbPoint: ogr.wkbMultiPoint, ogr.wkbLineString: ogr.wkbMultiLineString,
                ogr.wkbPolygon: ogr.wkbMultiPolygon}[base]
    return base


def _force_multi(geom, gtype):
    if gtype in (ogr.wkbMultiPolygon, ogr.wkbMultiLineString, ogr.wkbMultiPoint):
        return ogr.ForceTo(geom, gtype)
    return geom


def write_layer(ds, name, features, epsg, description, transform=None):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    gtype = _geom_type(features)
    lyr = ds.CreateLayer(name, srs, gtype, options=[
        "FID=fid", "GEOMETRY_NAME=geom", f"IDENTIFIER={name}", f"DESCRIPTION={description}", "SPATIAL_INDEX=YES"])
    first = features[0][0]
    for key, value in first.items():
        lyr.CreateField(ogr.FieldDefn(key, FIELD_TYPES[type(value)]))
    lyr.SetMetadataItem("ABSTRACT", description)
    lyr.SetMetadataItem("LABEL", LABEL)
    ds.StartTransaction()
    for fid, (props, geom) in enumerate(features, start=1):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetFID(fid)
        for key, value in props.items():
            feat.SetField(key, value)
        g = ogr.CreateGeometryFromWkb(bytes(geom.asWkb()))
        if transform is not None:
            g.Transform(transform)
        feat.SetGeometry(_force_multi(g, gtype))
        lyr.CreateFeature(feat)
    ds.CommitTransaction()


def write_gpkg(path, layers):
    if os.path.exists(path):
        os.remove(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    titles = {c[0]: (c[1], c[2]) for c in COLLECTIONS}
    for name, features in layers.items():
        title, desc = titles.get(name, ("Örebro län", "The county of Örebro (outline)."))
        write_layer(ds, name, features, 3006, f"{title}: {desc} ({LABEL})")
    plans_desc = f"Sample draft plans for checking ({LABEL})"
    write_layer(ds, "plan_samples", plan_samples(), 3006, plans_desc)
    to3009 = _transform(3006, 3009)
    write_layer(ds, "plan_sample_3009", plan_3009(), 3009, plans_desc + ", EPSG:3009", to3009)
    write_layer(ds, "plan_sample_4326", plan_4326(), 4326, plans_desc + ", EPSG:4326", _TO_4326)
    ds = None


def _transform(src, dst):
    a = osr.SpatialReference()
    a.ImportFromEPSG(src)
    a.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    b = osr.SpatialReference()
    b.ImportFromEPSG(dst)
    b.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(a, b)


def _round_coords(obj, ndigits=7):
    if isinstance(obj, float):
        return round(obj, ndigits)
    if isinstance(obj, list):
        return [_round_coords(v, ndigits) for v in obj]
    return obj


def feature_id(collection, fid, props):
    if collection in ("kommuner", "befolkning_prognos"):
        return props["kommunkod"]
    if collection == "befolkning_ruta":
        return props["rutid"]
    return str(fid)


def write_geojson(folder, layers):
    os.makedirs(folder, exist_ok=True)
    bboxes = {}
    for cid in COLLECTION_IDS:
        feats = []
        env = None
        for fid, (props, geom) in enumerate(layers[cid], start=1):
            g = ogr.CreateGeometryFromWkb(bytes(geom.asWkb()))
            g.Transform(_TO_4326)
            e = g.GetEnvelope()
            env = e if env is None else (min(env[0], e[0]), max(env[1], e[1]), min(env[2], e[2]), max(env[3], e[3]))
            gj = json.loads(g.ExportToJson())
            gj["coordinates"] = _round_coords(gj["coordinates"])
            feats.append({"type": "Feature", "id": feature_id(cid, fid, props), "geometry": gj,
                          "properties": dict(props)})
        doc = {"type": "FeatureCollection", "name": cid, "features": feats}
        with open(os.path.join(folder, f"{cid}.geojson"), "w", encoding="utf-8", newline="\n") as fh:
            json.dump(doc, fh, ensure_ascii=False, separators=(",", ":"))
            fh.write("\n")
        bboxes[cid] = [round(env[0], 4), round(env[2], 4), round(env[1], 4), round(env[3], 4)]
    return bboxes


SERVICE_GPKG = "orebro_service.gpkg"


def write_service_gpkg(folder):
    """``<folder>/orebro_service.gpkg``: one table per collection, read from the GeoJSON files
    (same CRS84 coordinates, a text ``id`` column with the feature id, the properties with their
    JSON types), served by pygeoapi's SQLite/GeoPackage provider (``regionplan_sqlite.py``)."""
    path = os.path.join(folder, SERVICE_GPKG)
    if os.path.exists(path):
        os.remove(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    for cid in COLLECTION_IDS:
        with open(os.path.join(folder, f"{cid}.geojson"), encoding="utf-8") as fh:
            feats = json.load(fh)["features"]
        layer = ds.CreateLayer(cid, srs, ogr.wkbUnknown, ["FID=fid", "GEOMETRY_NAME=geom"])
        layer.CreateField(ogr.FieldDefn("id", ogr.OFTString))
        for key in feats[0]["properties"]:
            kinds = {type(f["properties"].get(key)) for f in feats} - {type(None)}
            ftype = (ogr.OFTInteger64 if kinds == {int} else ogr.OFTReal if kinds <= {int, float}
                     else ogr.OFTString)
            layer.CreateField(ogr.FieldDefn(key, ftype))
        layer.StartTransaction()
        for fid, feat in enumerate(feats, start=1):
            out = ogr.Feature(layer.GetLayerDefn())
            out.SetFID(fid)
            out.SetField("id", str(feat["id"]))
            for key, value in feat["properties"].items():
                if value is not None:
                    out.SetField(key, value)
            out.SetGeometry(ogr.CreateGeometryFromJson(json.dumps(feat["geometry"])))
            layer.CreateFeature(out)
        layer.CommitTransaction()
    ds = None
    return path


STATE_LAYERS = ("vattenskydd", "skyfall_risk", "gron_infrastruktur")
STATE_ZIP = "lansstyrelsen.zip"


def write_state_download(service_dir):
    """``<service_dir>/downloads/lansstyrelsen.zip``: the demo's state datasets (the county
    administrative board's) as a download, the way such data are published: a zip holding a
    GeoPackage in a folder. Same tables as the service GeoPackage (ids and coordinates), so a
    check gives the same findings from either source. ``scripts/serve.py`` serves the folder."""
    import zipfile

    gdal.UseExceptions()
    folder = os.path.join(service_dir, "downloads")
    os.makedirs(folder, exist_ok=True)
    work = tempfile.mkdtemp(prefix="regionplan-state-")
    try:
        gpkg = os.path.join(work, "lansstyrelsen.gpkg")
        gdal.VectorTranslate(gpkg, os.path.join(service_dir, "data", SERVICE_GPKG), format="GPKG",
                             layers=list(STATE_LAYERS), options=["-preserve_fid"])
        path = os.path.join(folder, STATE_ZIP)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            info = zipfile.ZipInfo("lansstyrelsen/lansstyrelsen.gpkg", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(gpkg, "rb") as handle:
                archive.writestr(info, handle.read())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return path


def _yaml_str(text):
    return json.dumps(text, ensure_ascii=False)


def data_versions(folder):
    """A published version per collection: the start of the SHA-256 of its GeoJSON file. Served
    as a ``version:`` keyword, it lets the plugin tell a current offline copy from a stale one
    (pygeoapi itself sends no ETag)."""
    import hashlib

    versions = {}
    for cid in COLLECTION_IDS:
        with open(os.path.join(folder, f"{cid}.geojson"), "rb") as fh:
            versions[cid] = hashlib.sha256(fh.read()).hexdigest()[:12]
    return versions


def write_pygeoapi_config(path, bboxes, versions):
    lines = [
        "# pygeoapi configuration of the Regionplan reference service (Örebro demo region).",
        "# Generated by scripts/make_demo_data.py - do not edit by hand.",
        "# scripts/serve.py replaces @SERVER_URL@, @BIND_HOST@, @BIND_PORT@ and @DATA_DIR@.",
        "server:",
        "  bind:",
        "    host: @BIND_HOST@",
        "    port: @BIND_PORT@",
        "  url: @SERVER_URL@",
        "  mimetype: application/json; charset=UTF-8",
        "  encoding: utf-8",
        "  gzip: false",
        "  languages:",
        "    - sv-SE",
        "    - en-US",
        "  cors: false",
        "  pretty_print: false",
        "  admin: false",
        "  limits:",
        "    default_items: 50",
        "    max_items: 10000",
        "    on_exceed: throttle",
        "  map:",
        "    url: http://127.0.0.1/tiles/{z}/{x}/{y}.png",
        "    attribution: demo data, not official",
        "logging:",
        "  level: ERROR",
        "metadata:",
        "  identification:",
        "    title: Region Örebro län – regionala planeringsunderlag (demo)",
        "    description: Demo of the regional geodata service of Region Örebro län for the Regionplan"
        " QGIS plugin. Demo data, not official.",
        "    keywords:",
        "      - RUS",
        "      - regional planning",
        "      - demo data, not official",
        "    keywords_type: theme",
        "    terms_of_service: " + LICENSE_URL,
        "    url: https://www.regionorebrolan.se/",
        "  license:",
        "    name: CC0 1.0",
        "    url: " + LICENSE_URL,
        "  provider:",
        "    name: Region Örebro län (demo)",
        "    url: https://www.regionorebrolan.se/",
        "  contact:",
        "    name: Regionplan demo",
        "    position: Planner",
        "    address: Box 1613",
        "    city: Örebro",
        "    stateorprovince: Örebro län",
        "    postalcode: 701 16",
        "    country: Sweden",
        "    email: regionplan@example.org",
        "    url: https://www.regionorebrolan.se/",
        "    role: pointOfContact",
        "resources:",
    ]
    for cid, title, desc, theme, kind, year in COLLECTIONS:
        begin = f"{min(year, 2023)}-01-01T00:00:00Z"
        end = f"{year}-12-31T23:59:59Z"
        bbox = bboxes[cid]
        lines += [
            f"  {cid}:",
            "    type: collection",
            f"    title: {_yaml_str(title)}",
            f"    description: {_yaml_str(desc + ' Demo data, not official.')}",
            "    keywords:",
            f"      - theme:{theme}",
            f"      - kind:{kind}",
            f"      - year:{year}",
            f"      - version:{versions[cid]}",
            "    links:",
            "      - type: text/html",
            "        rel: license",
            "        title: CC0 1.0 Universal (demo data, not official)",
            f"        href: {LICENSE_URL}",
            "        hreflang: en-US",
            "      - type: text/html",
            "        rel: describedby",
            "        title: Region Örebro län – regional development (demo data, not official)",
            "        href: https://www.regionorebrolan.se/",
            "    extents:",
            "      spatial:",
            f"        bbox: [{bbox[0]}, {bbox[1]}, {bbox[2]}, {bbox[3]}]",
            f"        crs: {CRS84}",
            "      temporal:",
            f"        begin: {begin}",
            f"        end: {end}",
            "    providers:",
            "      - type: feature",
            "        name: regionplan_sqlite.RegionplanGPKGProvider",
            f"        data: @DATA_DIR@/{SERVICE_GPKG}",
            f"        table: {cid}",
            "        id_field: id",
            "        crs:",
            f"          - {CRS84}",
            f"          - {EPSG3006}",
            f"        storage_crs: {CRS84}",
        ]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")


def write_qgis_project(qgs_path, gpkg_path, styles_dir=None):
    """A QGIS Server project publishing every collection as a WFS layer (short name = collection id)."""
    from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], True)  # GUI enabled (offscreen): QGIS 3.40 reads QFontDatabase
        app.initQgis()
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
    project.setTitle("Region Örebro län – regionala planeringsunderlag (demo)")
    ids = []
    titles = {c[0]: c for c in COLLECTIONS}
    for cid in COLLECTION_IDS:
        layer = QgsVectorLayer(f"{gpkg_path}|layername={cid}", cid, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"cannot open {cid} in {gpkg_path}")
        layer.setShortName(cid)
        qml = os.path.join(styles_dir, f"{cid}.qml") if styles_dir else ""
        if qml and os.path.exists(qml):
            layer.loadNamedStyle(qml)
        layer.setTitle(titles[cid][1])
        layer.setAbstract(titles[cid][2] + " Demo data, not official.")
        layer.setKeywordList(f"theme:{titles[cid][3]},kind:{titles[cid][4]},year:{titles[cid][5]}")
        project.addMapLayer(layer)
        ids.append(layer.id())
    project.writeEntry("WFSLayers", "/", ids)
    for lid in ids:
        project.writeEntry("WFSLayersPrecision", "/" + lid, 8)
    project.writeEntry("WMSServiceCapabilities", "/", True)
    project.writeEntry("WMSServiceTitle", "/", "Region Örebro län (demo)")
    project.writeEntry("WMSServiceAbstract", "/", "Demo data, not official.")
    project.writeEntry("WMSCrsList", "/", ["EPSG:3006", "EPSG:4326", "EPSG:3009"])
    project.writeEntry("WMSUseLayerIDs", "/", False)
    project.writeEntry("Paths", "/Absolute", False)
    if not project.write(qgs_path):
        raise RuntimeError(f"cannot write {qgs_path}")
    # Make the layer ids deterministic: QGIS appends a timestamp to new layer ids.
    stabilise_qgs(qgs_path, dict(zip(ids, COLLECTION_IDS)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write below this folder instead of resources/")
    parser.add_argument("--no-project", action="store_true", help="skip the QGIS Server project")
    parser.add_argument("--no-styles", action="store_true", help="skip the QML styles (scripts/make_styles.py)")
    args = parser.parse_args(argv)
    base = os.path.abspath(args.out) if args.out else os.path.join(ROOT, "resources")
    demo_dir = os.path.join(base, "demo")
    service_dir = os.path.join(base, "service")
    os.makedirs(demo_dir, exist_ok=True)
    os.makedirs(service_dir, exist_ok=True)
    gpkg = os.path.join(demo_dir, "orebro_demo.gpkg")
    layers = all_layers()
    write_gpkg(gpkg, layers)
    bboxes = write_geojson(os.path.join(service_dir, "data"), layers)
    write_service_gpkg(os.path.join(service_dir, "data"))
    write_state_download(service_dir)
    write_pygeoapi_config(os.path.join(service_dir, "pygeoapi-config.yml"), bboxes,
                          data_versions(os.path.join(service_dir, "data")))
    styles_dir = os.path.join(base, "styles")
    if not args.no_styles:
        from make_styles import write_styles

        write_styles(gpkg, styles_dir)
    if not args.no_project:
        qgs = os.path.join(service_dir, "orebro_demo.qgs")
        write_qgis_project(qgs, gpkg, styles_dir)
    total = sum(len(v) for v in layers.values())
    print(f"wrote {gpkg} ({len(layers)} layers, {total} features) and {service_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
