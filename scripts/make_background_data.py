#!/usr/bin/python3
"""Write the demo's background map data: ``resources/service/bakgrund.gpkg`` (lakes, rivers,
roads, railways, settlements with names, municipal boundaries of Örebro län, SWEREF 99 TM) and
the QGIS Server project ``resources/service/bakgrund.qgs`` that renders it as a light, quiet
topographic map (WMS layer ``bakgrund``, the group of all of them). Issue 17 item 6.

Run with the system Python (PyQGIS + GDAL)::

    /usr/bin/python3 scripts/make_background_data.py [--out DIR]

Deterministic: every shape comes from fixed coordinates of real places and ``random.Random``
seeded with the CRC-32 of its name; vertices are rounded to whole metres. The municipal
boundaries are copied from the demo region (``resources/demo/orebro_demo.gpkg``, layer
``kommungranser``): regenerate this file when the demo region changes. The data is
APPROXIMATE: demo data, not official.
"""

import argparse
import math
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_GPKG = os.path.join(ROOT, "resources", "demo", "orebro_demo.gpkg")
SERVICE_DIR = os.path.join(ROOT, "resources", "service")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_HASH_SEED"] = "0"  # stable XML attribute order in the .qgs project
os.environ["OGR_CURRENT_DATE"] = "2025-01-01T00:00:00.000Z"  # stable gpkg_contents.last_change

from osgeo import gdal, ogr  # noqa: E402
from qgis.core import QgsGeometry, QgsPointXY  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_geometry import SRS_3006, TO_3006, seed_of  # noqa: E402

gdal.UseExceptions()
ogr.UseExceptions()

LABEL = "demo data, not official"
LAYERS = ("mark", "vatten", "vattendrag", "tatorter", "vagar", "jarnvag", "kommungranser")



def xy(lat, lon):
    x, y, _z = TO_3006.TransformPoint(lon, lat)
    return (float(round(x)), float(round(y)))


# --------------------------------------------------------------------------- places
# Tätorter: (lat, lon) as in scripts/make_demo_data.py (the demo's towns and nodes) plus a few
# villages; population (approximate) sets the size of the built-up area and of the label.
TOWNS = {
    "Örebro": (59.2753, 15.2134, 126000), "Karlskoga": (59.3267, 14.5239, 28000),
    "Kumla": (59.1277, 15.1434, 14500), "Lindesberg": (59.5939, 15.2304, 9200),
    "Hallsberg": (59.0664, 15.1098, 7600), "Nora": (59.5197, 15.0386, 6600),
    "Degerfors": (59.2381, 14.4308, 6400), "Hällefors": (59.7787, 14.5228, 4300),
    "Askersund": (58.8800, 14.9022, 4000), "Laxå": (58.9867, 14.6222, 3000),
    "Kopparberg": (59.8744, 14.9942, 3000), "Fjugesta": (59.1743, 14.8719, 2400),
    "Frövi": (59.4669, 15.3669, 2400), "Storå": (59.7139, 15.1342, 1900),
    "Pålsboda": (59.0680, 15.3370, 1800), "Garphyttan": (59.2767, 14.8839, 1800),
    "Hovsta": (59.3540, 15.2230, 1600), "Odensbacken": (59.1625, 15.5269, 1500),
    "Fellingsbro": (59.4342, 15.5964, 1300), "Vretstorp": (59.0300, 14.8700, 1100),
    "Glanshammar": (59.3236, 15.4037, 1100), "Grythyttan": (59.7083, 14.5333, 1100),
    "Finnerödja": (58.9190, 14.4230, 1100), "Sköllersta": (59.1330, 15.3470, 1000),
    "Ekeby-Almby": (59.2300, 15.3050, 900), "Vintrosa": (59.2578, 14.9167, 800),
    "Åmmeberg": (58.8690, 15.0030, 600), "Östansjö": (58.9950, 15.0250, 600),
    "Mullhyttan": (59.1490, 14.6870, 400), "Ställdalen": (59.9350, 14.9350, 400),
    "Svartå": (59.1447, 14.5161, 400), "Zinkgruvan": (58.8180, 15.1030, 350),
    "Mosås": (59.2020, 15.1660, 300), "Kilsmo": (59.0950, 15.5650, 300),
}

# Lakes: name, parts (lat, lon, rx m, ry m, rotation degrees), labelled.
LAKES = [
    ("Hjälmaren", [(59.215, 15.78, 24000, 6500, 6), (59.255, 15.355, 4200, 2200, -20),
                   (59.270, 15.300, 1600, 900, 0), (59.175, 15.62, 5000, 2500, -25),
                   (59.300, 16.05, 9000, 4500, 20)], True),
    ("Vättern", [(58.50, 14.80, 11000, 36000, 8), (58.835, 14.985, 3200, 2200, 30),
                 (58.865, 14.935, 1400, 900, 10)], True),
    ("Möckeln", [(59.275, 14.475, 2200, 5200, 10)], True),
    ("Skagern", [(58.975, 14.250, 6500, 4200, 25)], True),
    ("Sottern", [(59.020, 15.470, 3600, 2000, 15)], True),
    ("Norasjön", [(59.505, 15.000, 1300, 2000, 30)], False),
    ("Lindesbergssjön", [(59.580, 15.205, 900, 2600, 15)], False),
    ("Ljusnaren", [(59.830, 14.960, 1600, 3600, -15)], True),
    ("Tysslingen", [(59.228, 15.030, 1700, 1200, 0)], False),
    ("Väringen", [(59.455, 15.480, 1800, 2600, -30)], False),
    ("Usken", [(59.700, 15.290, 1500, 3500, 20)], False),
    ("Alkvettern", [(59.385, 14.495, 1500, 2600, 0)], False),
    ("Toften", [(59.030, 14.720, 1400, 2400, 10)], False),
    ("Tisaren", [(59.010, 15.000, 1200, 2800, 0)], False),
    ("Ölen", [(58.800, 14.620, 1200, 2200, 40)], False),
    ("Saxen", [(59.740, 14.720, 1200, 2200, -30)], False),
]

# Rivers: name, waypoints (lat, lon) from source to mouth, width class 1-2.
RIVERS = [
    ("Svartån", [(59.11, 14.86), (59.17, 14.95), (59.225, 15.00), (59.262, 15.09), (59.279, 15.165),
                 (59.274, 15.200), (59.2745, 15.220), (59.277, 15.26), (59.270, 15.30)], 2),
    ("Arbogaån", [(59.575, 15.205), (59.52, 15.30), (59.472, 15.37), (59.445, 15.48), (59.435, 15.60),
                  (59.42, 15.75), (59.40, 15.98)], 2),
    ("Letälven", [(59.62, 14.58), (59.52, 14.52), (59.42, 14.50), (59.33, 14.49)], 2),
    ("Gullspångsälven", [(59.22, 14.46), (59.238, 14.432), (59.15, 14.40), (59.05, 14.33), (59.00, 14.30)], 2),
    ("Kvismare kanal", [(59.10, 15.22), (59.13, 15.35), (59.16, 15.47), (59.185, 15.56)], 1),
    ("Garphytteån", [(59.33, 14.84), (59.285, 14.89), (59.262, 14.97), (59.262, 15.09)], 1),
    ("Täljeån", [(59.60, 14.98), (59.54, 15.02), (59.50, 15.05), (59.44, 15.15), (59.38, 15.20),
                 (59.30, 15.26), (59.270, 15.30)], 1),
    ("Hyttälven", [(59.80, 14.55), (59.76, 14.60), (59.70, 14.62), (59.64, 14.60), (59.62, 14.58)], 1),
    ("Lilla Bergslagsån", [(59.86, 15.00), (59.80, 15.08), (59.72, 15.13), (59.66, 15.18), (59.58, 15.21)], 1),
]

T = {name: (lat, lon) for name, (lat, lon, _p) in TOWNS.items()}
W_EDGE, E_EDGE, SW_EDGE, S_EDGE = (59.36, 14.10), (59.42, 16.10), (58.84, 14.10), (58.62, 15.08)
N_EDGE, NE_EDGE, SE_EDGE, NW_EDGE = (60.18, 15.05), (59.82, 15.75), (58.98, 15.75), (60.00, 14.38)

# Roads: class (europavag, riksvag, lansvag, ovrig), number, name, waypoints.
ROADS = [
    ("europavag", "E18", "E18", [W_EDGE, T["Karlskoga"], (59.30, 14.75), (59.295, 14.98), (59.300, 15.12),
                                 (59.300, 15.20), (59.305, 15.29), T["Glanshammar"], (59.37, 15.60), E_EDGE]),
    ("europavag", "E20", "E20", [SW_EDGE, (58.93, 14.45), T["Laxå"], (59.01, 14.78), T["Vretstorp"],
                                 (59.055, 15.05), (59.10, 15.10), (59.17, 15.12), (59.24, 15.12),
                                 (59.300, 15.12)]),
    ("riksvag", "50", "Riksväg 50", [S_EDGE, (58.80, 15.00), T["Askersund"], T["Östansjö"], (59.05, 15.07),
                                     T["Hallsberg"]]),
    ("riksvag", "50", "Riksväg 50", [(59.300, 15.20), (59.38, 15.27), T["Frövi"], (59.53, 15.30),
                                     T["Lindesberg"], T["Storå"], (59.82, 15.10), (60.00, 15.06), N_EDGE]),
    ("riksvag", "51", "Riksväg 51", [T["Örebro"], (59.22, 15.19), T["Kumla"], T["Sköllersta"],
                                     T["Pålsboda"], (59.02, 15.45), SE_EDGE]),
    ("riksvag", "63", "Riksväg 63", [T["Karlskoga"], (59.42, 14.55), (59.55, 14.56), T["Grythyttan"],
                                     T["Hällefors"], (59.88, 14.50), NW_EDGE]),
    ("riksvag", "68", "Riksväg 68", [T["Lindesberg"], (59.66, 15.38), (59.74, 15.55), NE_EDGE]),
    ("riksvag", "49", "Riksväg 49", [T["Askersund"], (58.90, 14.72), T["Finnerödja"], (58.88, 14.10)]),
    ("lansvag", "204", "Länsväg 204", [T["Örebro"], (59.250, 15.06), T["Vintrosa"], T["Fjugesta"],
                                       T["Mullhyttan"], (59.06, 14.66), T["Laxå"]]),
    ("lansvag", "244", "Länsväg 244", [(59.300, 15.12), (59.38, 15.12), (59.45, 15.08), T["Nora"]]),
    ("lansvag", "", "Nora–Lindesberg", [T["Nora"], (59.56, 15.14), T["Lindesberg"]]),
    ("lansvag", "", "Nora–Kopparberg", [T["Nora"], (59.62, 15.00), (59.76, 14.98), T["Kopparberg"],
                                        T["Ställdalen"]]),
    ("lansvag", "", "Karlskoga–Degerfors", [T["Karlskoga"], (59.28, 14.47), T["Degerfors"], T["Svartå"],
                                            (59.08, 14.56), T["Laxå"]]),
    ("lansvag", "", "Örebro–Odensbacken", [T["Örebro"], (59.23, 15.28), T["Ekeby-Almby"], (59.19, 15.42),
                                           T["Odensbacken"], T["Kilsmo"], (59.05, 15.65)]),
    ("lansvag", "", "Örebro–Garphyttan", [(59.300, 15.12), (59.290, 15.00), T["Garphyttan"], (59.34, 14.72)]),
    ("lansvag", "", "Kumla–Fjugesta", [T["Kumla"], (59.15, 15.00), T["Fjugesta"]]),
    ("lansvag", "", "Hallsberg–Pålsboda", [T["Hallsberg"], (59.06, 15.22), T["Pålsboda"]]),
    ("lansvag", "", "Askersund–Zinkgruvan", [T["Askersund"], T["Åmmeberg"], T["Zinkgruvan"]]),
    ("lansvag", "", "Frövi–Fellingsbro", [T["Frövi"], (59.45, 15.48), T["Fellingsbro"], (59.40, 15.75)]),
    ("lansvag", "", "Glanshammar–Fellingsbro", [T["Glanshammar"], (59.38, 15.50), T["Fellingsbro"]]),
    ("lansvag", "", "Hovsta", [(59.300, 15.20), T["Hovsta"], (59.42, 15.25), (59.50, 15.22)]),
    ("ovrig", "", "Mosås–Törsjö", [T["Kumla"], (59.17, 15.16), T["Mosås"], (59.23, 15.20), T["Örebro"]]),
    ("ovrig", "", "Törsjö–Norrbyås", [(59.262, 15.12), (59.228, 15.20), (59.205, 15.27), (59.19, 15.34)]),
    ("ovrig", "", "Ekersberg–Tysslinge", [(59.245, 15.12), (59.215, 15.06), (59.20, 14.98)]),
    ("ovrig", "", "Sköllersta–Ekeby", [T["Sköllersta"], (59.18, 15.30), T["Ekeby-Almby"]]),
    ("ovrig", "", "Vretstorp–Östansjö", [T["Vretstorp"], (59.00, 14.95), T["Östansjö"]]),
    ("ovrig", "", "Grythyttan–Storå", [T["Grythyttan"], (59.70, 14.80), (59.72, 15.00), T["Storå"]]),
    ("ovrig", "", "Hällefors–Kopparberg", [T["Hällefors"], (59.82, 14.75), T["Kopparberg"]]),
]

RAILWAYS = [
    ("Västra stambanan", [(58.86, 14.10), (58.93, 14.40), T["Laxå"], (59.04, 14.95), T["Hallsberg"],
                          T["Pålsboda"], (59.09, 15.55), (59.12, 15.85)]),
    ("Godsstråket genom Bergslagen", [T["Hallsberg"], (59.10, 15.13), T["Kumla"], (59.20, 15.17),
                                      T["Örebro"], (59.36, 15.30), T["Frövi"], (59.53, 15.25), T["Lindesberg"],
                                      T["Storå"], (59.80, 15.08), T["Kopparberg"], T["Ställdalen"],
                                      (60.05, 14.98), (60.18, 15.00)]),
    ("Mälarbanan", [T["Örebro"], (59.32, 15.40), (59.38, 15.58), (59.40, 15.80), (59.41, 16.10)]),
    ("Nordvästra stambanan", [T["Laxå"], (59.08, 14.52), T["Degerfors"], (59.27, 14.30), (59.32, 14.05)]),
    ("Bergslagsbanan", [T["Frövi"], (59.50, 15.15), T["Nora"]]),
    ("Inlandsbanan Hällefors", [T["Hällefors"], (59.70, 14.62), T["Grythyttan"], (59.60, 14.55)]),
]


# --------------------------------------------------------------------------- shapes
def _rotate(dx, dy, degrees):
    a = math.radians(degrees)
    return dx * math.cos(a) - dy * math.sin(a), dx * math.sin(a) + dy * math.cos(a)


def blob(centre, rx, ry, rotation, seed, vertices=96, roughness=0.22) -> QgsGeometry:
    """A noisy ellipse: star-shaped around its centre, hence always a valid polygon."""
    rng = random.Random(seed)
    waves = [(k, rng.uniform(0, 2 * math.pi), roughness * rng.uniform(0.3, 1.0) / k ** 1.15) for k in range(2, 11)]
    pts = []
    for i in range(vertices):
        a = 2 * math.pi * i / vertices
        f = max(0.35, 1.0 + sum(amp * math.sin(k * a + ph) for k, ph, amp in waves))
        dx, dy = _rotate(rx * f * math.cos(a), ry * f * math.sin(a), rotation)
        pts.append(QgsPointXY(round(centre[0] + dx), round(centre[1] + dy)))
    pts.append(pts[0])
    return QgsGeometry.fromPolygonXY([pts])


def curve(waypoints, seed, wiggle=250.0, step=200.0) -> QgsGeometry:
    """A gentle curve through ``waypoints`` (EPSG:3006): Catmull-Rom, plus a smooth sideways
    wiggle that vanishes at each waypoint (a road still reaches its towns)."""
    pts = [tuple(p) for p in waypoints]
    rng = random.Random(seed)
    ext = [(2 * pts[0][0] - pts[1][0], 2 * pts[0][1] - pts[1][1])] + pts + \
          [(2 * pts[-1][0] - pts[-2][0], 2 * pts[-1][1] - pts[-2][1])]
    out = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        length = math.hypot(p2[0] - p1[0], p2[1] - p1[1])
        n = max(2, int(length / step))
        amp = min(wiggle, length * 0.04) * rng.uniform(-1, 1)
        k, phase = rng.choice((1, 2, 3)), rng.uniform(0, math.pi)
        for j in range(n):
            t = j / n
            t2, t3 = t * t, t * t * t
            x = 0.5 * (2 * p1[0] + (-p0[0] + p2[0]) * t + (2 * p0[0] - 5 * p1[0] + 4 * p2[0] - p3[0]) * t2
                       + (-p0[0] + 3 * p1[0] - 3 * p2[0] + p3[0]) * t3)
            y = 0.5 * (2 * p1[1] + (-p0[1] + p2[1]) * t + (2 * p0[1] - 5 * p1[1] + 4 * p2[1] - p3[1]) * t2
                       + (-p0[1] + 3 * p1[1] - 3 * p2[1] + p3[1]) * t3)
            off = amp * math.sin(math.pi * t) * math.sin(k * math.pi * t + phase)
            nx, ny = -(p2[1] - p1[1]) / length, (p2[0] - p1[0]) / length
            point = QgsPointXY(round(x + off * nx), round(y + off * ny))
            if not out or point != out[-1]:
                out.append(point)
    out.append(QgsPointXY(*pts[-1]))
    return QgsGeometry.fromPolylineXY(out)


# --------------------------------------------------------------------------- layers
def build_water():
    lakes = []
    for name, parts, labelled in LAKES:
        shapes = [blob(xy(lat, lon), rx, ry, rot, seed_of(f"{name}{i}"))
                  for i, (lat, lon, rx, ry, rot) in enumerate(parts)]
        geom = QgsGeometry.unaryUnion(shapes) if len(shapes) > 1 else shapes[0]
        lakes.append(({"namn": name, "storlek": "stor" if labelled else "liten"}, geom))
    return lakes


def build_small_lakes(avoid: QgsGeometry):
    """Bergslagen's, Kilsbergen's and Tiveden's many small lakes, away from towns, roads and lakes."""
    rng = random.Random(1764)
    areas = [((59.45, 60.12), (14.30, 15.60), 70), ((59.10, 59.45), (14.60, 14.85), 18),
             ((58.72, 58.98), (14.40, 14.75), 16)]
    lakes = []
    for (la0, la1), (lo0, lo1), count in areas:
        placed = tries = 0
        while placed < count and tries < count * 20:
            tries += 1
            lat, lon = rng.uniform(la0, la1), rng.uniform(lo0, lo1)
            r = rng.uniform(250, 1100)
            shape = blob(xy(lat, lon), r * rng.uniform(0.6, 1.0), r, rng.uniform(0, 180), rng.getrandbits(32),
                         vertices=48, roughness=0.3)
            if shape.buffer(300, 4).intersects(avoid):
                continue
            avoid = QgsGeometry.unaryUnion([avoid, shape])
            lakes.append(({"namn": "", "storlek": "liten"}, shape))
            placed += 1
    return lakes


def build_rivers():
    return [({"namn": name, "bredd": width}, curve([xy(*p) for p in pts], seed_of(name), wiggle=350, step=150))
            for name, pts, width in RIVERS]


def build_roads():
    return [({"namn": name, "klass": klass, "nummer": number},
             curve([xy(*p) for p in pts], seed_of(name + str(pts[0])), wiggle=300 if klass != "europavag" else 180))
            for klass, number, name, pts in ROADS]


def build_railways():
    return [({"namn": name}, curve([xy(*p) for p in pts], seed_of(name), wiggle=150, step=250))
            for name, pts in RAILWAYS]


def build_towns(water: QgsGeometry):
    out = []
    for name, (lat, lon, population) in TOWNS.items():
        rng = random.Random(seed_of(name))
        r = max(320.0, math.sqrt(population * 420.0 / math.pi))  # ~2,400 people per km²
        aspect = rng.uniform(0.75, 1.3)
        shape = blob(xy(lat, lon), r * aspect, r / aspect, rng.uniform(0, 180), seed_of(name) + 1, roughness=0.3)
        shape = shape.difference(water).makeValid()
        size = "stor" if population >= 20000 else "mellan" if population >= 2000 else "liten"
        out.append(({"namn": name, "folkmangd": population, "storlek": size}, _polygons(shape)))
    return out


def _polygons(geom: QgsGeometry) -> QgsGeometry:
    parts = []
    for part in geom.asGeometryCollection():
        if part.type() == 2 and part.area() >= 1000:
            parts.extend(part.asMultiPolygon() if part.isMultipart() else [part.asPolygon()])
    return QgsGeometry.fromMultiPolygonXY(parts)


def read_boundaries(path=DEMO_GPKG):
    """The demo region's municipal boundaries (``kommungranser`` of type ``kommungrans``) and its
    county outline (the boundary of ``lan``): the borders the regional layers use."""
    ds = ogr.Open(path)
    rows = []
    for feature in ds.GetLayerByName("kommungranser"):
        if feature.GetField("typ") == "kommungrans":
            rows.append(({"namn": feature.GetField("namn"), "typ": "kommungrans"},
                         QgsGeometry.fromWkt(feature.GetGeometryRef().ExportToWkt())))
    for feature in ds.GetLayerByName("lan"):
        outline = QgsGeometry.fromWkt(feature.GetGeometryRef().Boundary().ExportToWkt())
        rows.append(({"namn": "Länsgräns", "typ": "lansgrans"}, outline))
    ds = None
    return rows


def county(path=DEMO_GPKG) -> QgsGeometry:
    ds = ogr.Open(path)
    geoms = [QgsGeometry.fromWkt(f.GetGeometryRef().ExportToWkt()) for f in ds.GetLayerByName("lan")]
    ds = None
    return QgsGeometry.unaryUnion(geoms)


SYLLABLES = (("Ek", "Björk", "Berg", "Sand", "Lind", "Ås", "Hag", "Tors", "Ny", "Väster", "Öster", "Norr",
              "Söder", "Hult", "Kval", "Bred", "Lill", "Stor", "Gran", "Kärr", "Sjö", "Ängs", "Hammar", "Ål",
              "Rå", "Lund", "Mal", "Frö", "Sten", "Vret", "Tall", "Ulv", "Ror", "Hög", "Kyrk", "Bo"),
             ("by", "torp", "sta", "berga", "hult", "ås", "näs", "vik", "tuna", "lunda", "hyttan", "mossen",
              "holm", "sätter", "boda", "ryd", "kulla", "dal"))


def build_hamlets(rng, area: QgsGeometry, avoid: QgsGeometry, count=550):
    """Small villages (byar) with made-up but Swedish-looking names, spread over the county."""
    box = area.boundingBox()
    out, names, tries = [], set(), 0
    while len(out) < count and tries < count * 30:
        tries += 1
        p = QgsPointXY(round(rng.uniform(box.xMinimum(), box.xMaximum())),
                       round(rng.uniform(box.yMinimum(), box.yMaximum())))
        point = QgsGeometry.fromPointXY(p)
        name = rng.choice(SYLLABLES[0]) + rng.choice(SYLLABLES[1])
        if name in names or not area.contains(point) or point.buffer(700, 4).intersects(avoid):
            continue
        if any(p.sqrDist(q) < 1500 ** 2 for q, _n in out):
            continue
        names.add(name)
        out.append((p, name))
    return out


def build_village_roads(rng, hamlets, roads: QgsGeometry):
    """Each village joined to the nearest road or village by a small winding road."""
    rows = []
    network = roads
    for p, name in hamlets:
        point = QgsGeometry.fromPointXY(p)
        target = network.nearestPoint(point).asPoint()
        if p.distance(target) > 5000:
            continue
        mid = QgsPointXY((p.x() + target.x()) / 2 + rng.uniform(-400, 400),
                         (p.y() + target.y()) / 2 + rng.uniform(-400, 400))
        road = curve([(p.x(), p.y()), (mid.x(), mid.y()), (target.x(), target.y())], seed_of(name), wiggle=300,
                     step=120)
        rows.append(({"namn": f"Väg till {name}", "klass": "ovrig", "nummer": ""}, road))
        network = QgsGeometry.unaryUnion([network, road])
    return rows


def build_forest(rng, area: QgsGeometry, open_land: QgsGeometry, cut: QgsGeometry, edge: QgsGeometry):
    """Forest (skog) over most of the map, with clearings (fields around farms); the plains of
    Närke are left open."""
    box = area.boundingBox()
    box.grow(15000)
    clearings = [open_land, cut]
    for _i in range(260):
        x, y = rng.uniform(box.xMinimum(), box.xMaximum()), rng.uniform(box.yMinimum(), box.yMaximum())
        r = rng.uniform(600, 2600)
        clearings.append(blob((x, y), r * rng.uniform(0.5, 1.0), r, rng.uniform(0, 180), rng.getrandbits(32),
                              vertices=40, roughness=0.35))
    forest = edge.difference(QgsGeometry.unaryUnion(clearings)).simplify(20)
    return [({"typ": "skog"}, _polygons(forest.makeValid()))]


# The open plains (Närkeslätten, Kvismardalen, Fellingsbro, Askersund's and Fjugesta's fields):
# no forest there.
PLAINS = [(59.19, 15.22, 16000, 10000, 20), (59.17, 15.52, 9000, 4500, 10), (59.38, 15.45, 7000, 3500, 0),
          (59.05, 15.15, 7000, 4000, 30), (59.18, 14.88, 4000, 2500, 0), (58.92, 14.93, 3500, 2500, 0),
          (59.50, 15.05, 2500, 2000, 0), (59.58, 15.25, 3000, 2000, 0)]


def all_layers(demo_gpkg=DEMO_GPKG):
    rng = random.Random(2026)
    lakes = build_water()
    roads, railways = build_roads(), build_railways()
    big_water = QgsGeometry.unaryUnion([g for _p, g in lakes])
    towns_area = QgsGeometry.unaryUnion([QgsGeometry.fromPointXY(QgsPointXY(*xy(lat, lon))).buffer(
        max(600.0, math.sqrt(p * 420.0 / math.pi) * 1.5), 8) for lat, lon, p in TOWNS.values()])
    lines = QgsGeometry.unaryUnion([g for _p, g in roads + railways]).buffer(150, 2)
    lakes += build_small_lakes(QgsGeometry.unaryUnion([big_water, towns_area, lines]))
    water = QgsGeometry.unaryUnion([g for _p, g in lakes])
    region = county(demo_gpkg).buffer(8000, 4)
    towns = build_towns(water)
    near_towns = QgsGeometry.unaryUnion([g for _p, g in towns]).buffer(500, 4)
    hamlets = build_hamlets(rng, region, QgsGeometry.unaryUnion([water, near_towns, lines]))
    roads += build_village_roads(rng, hamlets, QgsGeometry.unaryUnion([g for _p, g in roads]))
    towns += [
        ({"namn": name, "folkmangd": 0, "storlek": "by"},
         _polygons(blob((p.x(), p.y()), 160, 120, rng.uniform(0, 180), seed_of(name), vertices=24)))
        for p, name in hamlets]
    plains = QgsGeometry.unaryUnion([blob(xy(lat, lon), rx, ry, rot, seed_of(f"slätt{lat}"), roughness=0.3)
                                     for lat, lon, rx, ry, rot in PLAINS])
    built = QgsGeometry.unaryUnion([g for _p, g in towns])
    return {
        "mark": build_forest(rng, region, plains, QgsGeometry.unaryUnion([water, built]),
                             county(demo_gpkg).buffer(25000, 8)),
        "vatten": [(p, _polygons(g)) for p, g in lakes],
        "vattendrag": build_rivers(),
        "tatorter": towns,
        "vagar": roads,
        "jarnvag": railways,
        "kommungranser": read_boundaries(demo_gpkg),
    }


# --------------------------------------------------------------------------- writing
_TYPES = {int: ogr.OFTInteger, str: ogr.OFTString}


def write_gpkg(path, layers):
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    for name in LAYERS:
        rows = layers[name]
        gtype = ogr.wkbMultiPolygon if name in ("mark", "vatten", "tatorter") else ogr.wkbMultiLineString
        layer = ds.CreateLayer(name, SRS_3006, gtype, ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES",
                                                        f"DESCRIPTION={name} ({LABEL})"])
        for key, value in rows[0][0].items():
            layer.CreateField(ogr.FieldDefn(key, _TYPES[type(value)]))
        for props, geom in rows:
            feature = ogr.Feature(layer.GetLayerDefn())
            for key, value in props.items():
                feature.SetField(key, value)
            wkt = geom.asWkt(0)
            g = ogr.CreateGeometryFromWkt(wkt)
            g = ogr.ForceToMultiPolygon(g) if gtype == ogr.wkbMultiPolygon else ogr.ForceToMultiLineString(g)
            feature.SetGeometry(g)
            layer.CreateFeature(feature)
    ds = None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write into this folder instead of resources/service/")
    parser.add_argument("--no-project", action="store_true", help="skip the QGIS Server project")
    args = parser.parse_args(argv)
    folder = os.path.abspath(args.out) if args.out else SERVICE_DIR
    os.makedirs(folder, exist_ok=True)
    gpkg = os.path.join(folder, "bakgrund.gpkg")
    layers = all_layers()
    write_gpkg(gpkg, layers)
    if not args.no_project:
        from background_style import write_project

        write_project(os.path.join(folder, "bakgrund.qgs"), gpkg)
    counts = ", ".join(f"{name} {len(layers[name])}" for name in LAYERS)
    print(f"wrote {gpkg} ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
