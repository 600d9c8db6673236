"""Deterministic data for a whole ÖP (issue 18, item 3): a land-use layer of 2,000 adjacent plan
areas and the datasets of every collection the Örebro rule set (``resources/profiles/orebro.json``)
and its statistics use, up to 100,000 features each, in the cache format of ``gen_data.py``
(layer ``features``, ``rp_id`` first, EPSG:3006, R-tree).

The plan areas are the cells of a jittered mesh (50 columns x 40 rows, column widths and row
heights log-uniform 75–700 m, inner vertices moved by up to 15 % of the neighbouring spacing)
around Örebro: adjacent polygons of 0.5–50 ha over ~14 x 11 km, each with a purpose of the
``applies_to`` vocabulary (weighted as in an ÖP land-use map). The datasets cover the 100 x 100 km
region of ``gen_data.py`` (uniformly: a denser dataset is a more detailed one); ``befolkning_ruta`` is
an SCB-style population grid (1 km squares, 250 m over the town around the ÖP); the municipalities
are a 4 x 3 grid of it, the ÖP lies in one ("Örebro") near its corner, so the boundary rule names
neighbours. Run as a script to (re)generate: ``python bench/gen_op.py``.
"""

import json
import math
import os
import random
import struct
import sys

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import gen_data  # noqa: E402
from bench.common import DATA_DIR, ensure_dirs  # noqa: E402

VERSION = 2
OP_DIR = os.path.join(DATA_DIR, "op")
COLS, ROWS = 50, 40
MIN_SIDE, MAX_SIDE = 75.0, 700.0
PURPOSES = (("housing", 30), ("mixed", 8), ("centre", 3), ("workplaces", 8), ("industry", 7), ("retail", 3),
            ("public-services", 5), ("recreation", 10), ("infrastructure", 5), ("energy", 2),
            ("agriculture-forestry", 15), ("other", 4))
MUNICIPALITIES = ("Karlskoga", "Degerfors", "Laxå", "Hallsberg", "Lindesberg", "Nora", "Örebro", "Kumla",
                  "Ljusnarsberg", "Hällefors", "Lekeberg", "Askersund")
S, N, R = "string", "int", "real"
TOWN = (500000.0, 6563000.0, 522000.0, 6579000.0)  # befolkning_ruta in 250 m squares here (1 km elsewhere)
POPULATION_FIELDS = ("rutstorlek", "bef_2030", "bef_2040")
# collection: (geometry, count, seed, {field: (type, values or None)})
DATASETS = {
    "jordbruksmark": ("polygon", 100000, 11, {"namn": (S, None), "klass": (N, list(range(1, 11)))}),
    "skyfall_risk": ("polygon", 100000, 12, {"namn": (S, None), "risk": (S, ["hög", "medel", "låg"])}),
    "gron_infrastruktur": ("polygon", 50000, 13, {"namn": (S, None), "typ": (S, [
        "friluftsomrade", "naturreservat", "nationalpark", "ekologiskt_samband", "tatortsnara_natur"])}),
    "infrastruktur_reservat": ("polygon", 10000, 14, {"namn": (S, None), "typ": (S, ["jarnvag", "vag"])}),
    "vattenskydd": ("polygon", 5000, 15, {"namn": (S, None)}),
    "vindkraft": ("polygon", 2000, 16, {"namn": (S, None), "status": (S, ["utpekat", "utrett"])}),
    "rus_gods_2030_logistikomraden": ("polygon", 1000, 17, {"namn": (S, None)}),
    "kollektivtrafik_noder": ("point", 20000, 18, {"namn": (S, None), "turtathet": (S, ["hog", "medel", "lag"]),
                                                   "avgangar_per_dygn": (N, list(range(4, 400, 7)))}),
    "rus_gods_2030_noder": ("point", 500, 19, {"namn": (S, None), "nodtyp": (S, [
        "rangerbangard", "kombiterminal", "hamn", "godsstation"])}),
    "oms_2050_karnor": ("point", 200, 20, {"namn": (S, None), "niva": (S, ["storregional", "regional", "lokal"])}),
    "rus_person_2030_strak": ("line", 5000, 21, {"namn": (S, None), "klass": (S, ["primar", "sekundar"]),
                                                 "trafikslag": (S, ["vag", "jarnvag"])}),
    "rus_gods_2030_strak": ("line", 2000, 22, {"namn": (S, None), "klass": (S, ["primar", "sekundar"])}),
}


def plan_path() -> str:
    return os.path.join(OP_DIR, "op_plan.gpkg")


def data_path(cid: str) -> str:
    return os.path.join(OP_DIR, cid + ".gpkg")


def _ring_wkb(ring) -> bytes:
    return struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring)) + b"".join(struct.pack("<dd", x, y)
                                                                                  for x, y in ring)


def _sides(rng, count):
    return [math.exp(rng.uniform(math.log(MIN_SIDE), math.log(MAX_SIDE))) for _ in range(count)]


def plan_cells():
    """(name, purpose, ring) of the 2,000 adjacent plan areas."""
    rng = random.Random(2000)
    widths, heights = _sides(rng, COLS), _sides(rng, ROWS)
    xs = [0.0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [0.0]
    for h in heights:
        ys.append(ys[-1] + h)
    x0 = gen_data.CX - 3000.0 - xs[-1] / 2.0  # Örebro centre lies in the mesh, east of its middle
    y0 = gen_data.CY - ys[-1] / 2.0
    grid = {}
    for j in range(ROWS + 1):
        for i in range(COLS + 1):
            dx = dy = 0.0
            if 0 < i < COLS and 0 < j < ROWS:
                dx = rng.uniform(-0.15, 0.15) * min(widths[i - 1], widths[i])
                dy = rng.uniform(-0.15, 0.15) * min(heights[j - 1], heights[j])
            grid[i, j] = (x0 + xs[i] + dx, y0 + ys[j] + dy)
    names, weights = zip(*PURPOSES)
    for j in range(ROWS):
        for i in range(COLS):
            ring = [grid[i, j], grid[i + 1, j], grid[i + 1, j + 1], grid[i, j + 1], grid[i, j]]
            purpose = rng.choices(names, weights)[0]
            yield f"Område {j * COLS + i + 1}", purpose, ring


def _points(count, seed):
    rng = random.Random(seed)
    half = gen_data.REGION_M / 2.0
    for index in range(count):
        yield index, (gen_data.CX + rng.uniform(-half, half), gen_data.CY + rng.uniform(-half, half)), rng


def _municipality_cells():
    """The 4 x 3 grid of municipalities over the region: (name, xmin, ymin, xmax, ymax); the ÖP
    lies in 'Örebro' (column 2, row 1), about 6 km from its western and southern boundaries."""
    half = gen_data.REGION_M / 2.0
    xs = [gen_data.CX - half, gen_data.CX - 10000.0, gen_data.CX + 14000.0, gen_data.CX + half]
    xs = [xs[0], xs[0] + (xs[1] - xs[0]) / 2.0] + xs[1:]
    ys = [gen_data.CY - half, gen_data.CY - 11000.0, gen_data.CY + 20000.0, gen_data.CY + half]
    cells = []
    for row in range(3):
        for col in range(4):
            cells.append((MUNICIPALITIES[row * 4 + col], xs[col], ys[row], xs[col + 1], ys[row + 1]))
    return cells


def _write(path, kind, fields, rows, layer_name="features"):
    from osgeo import ogr, osr

    ogr.UseExceptions()
    tmp = path + ".tmp.gpkg"
    for name in (path, tmp, path + ".json"):
        if os.path.exists(name):
            os.remove(name)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(gen_data.EPSG)
    gtype = {"polygon": ogr.wkbMultiPolygon, "line": ogr.wkbMultiLineString, "point": ogr.wkbPoint,
             "plan": ogr.wkbPolygon}[kind]
    layer = ds.CreateLayer(layer_name, srs, gtype, options=["SPATIAL_INDEX=YES", "FID=fid", "GEOMETRY_NAME=geom"])
    types = {S: ogr.OFTString, N: ogr.OFTInteger64, R: ogr.OFTReal}
    for name, ftype in fields:
        layer.CreateField(ogr.FieldDefn(name, types[ftype]))
    defn = layer.GetLayerDefn()
    ds.StartTransaction()
    for n, (values, wkb) in enumerate(rows, 1):
        feature = ogr.Feature(defn)
        for index, value in enumerate(values):
            feature.SetField(index, value)
        feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        layer.CreateFeature(feature)
        if n % 100000 == 0:
            ds.CommitTransaction()
            ds.StartTransaction()
    ds.CommitTransaction()
    ds = None
    os.replace(tmp, path)


def _dataset_rows(cid, kind, count, seed, attrs):
    names = list(attrs)
    if kind == "polygon":
        source = ((i, gen_data._wkb_polygon(ring, True), rng) for i, ring, rng in
                  gen_data._generated_polygons(count, seed))
    elif kind == "line":
        source = ((i, gen_data._wkb_line(pts, True), rng) for i, pts, rng in gen_data._generated_lines(count, seed))
    else:
        source = ((i, struct.pack("<BIdd", 1, 1, x, y), rng) for i, (x, y), rng in _points(count, seed))
    for index, wkb, rng in source:
        values = [f"{cid}.{index + 1}"]
        for name in names:
            ftype, choices = attrs[name]
            values.append(f"{cid} {index + 1}" if choices is None else rng.choice(choices))
        yield values, wkb


def _boundary_rows():
    """kommungranser: one line per shared side of two municipality cells (kommun_a, kommun_b)."""
    cells = _municipality_cells()
    for a in range(len(cells)):
        for b in range(a + 1, len(cells)):
            na, ax0, ay0, ax1, ay1 = cells[a]
            nb, bx0, by0, bx1, by1 = cells[b]
            line = None
            if ax1 == bx0 and min(ay1, by1) > max(ay0, by0):
                line = [(ax1, max(ay0, by0)), (ax1, min(ay1, by1))]
            elif ay1 == by0 and min(ax1, bx1) > max(ax0, bx0):
                line = [(max(ax0, bx0), ay1), (min(ax1, bx1), ay1)]
            if line:
                yield [f"kommungranser.{a}-{b}", f"Kommungräns {na}–{nb}", na, nb], gen_data._wkb_line(line, True)


def _municipality_rows():
    for n, (name, x0, y0, x1, y1) in enumerate(_municipality_cells(), 1):
        ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
        yield [f"kommuner.{n}", name], gen_data._wkb_polygon(ring, True)


def _population_rows():
    """befolkning_ruta: an SCB-style population grid (``rutstorlek``, ``bef_2030``, ``bef_2040``):
    1 km squares over the region, 250 m squares over the town around the ÖP; empty squares left out."""
    rng = random.Random(23)
    x0, y0 = gen_data.CX - gen_data.REGION_M / 2.0, gen_data.CY - gen_data.REGION_M / 2.0
    tx0, ty0, tx1, ty1 = TOWN
    squares = []
    for row in range(int(gen_data.REGION_M // 1000)):
        for col in range(int(gen_data.REGION_M // 1000)):
            x, y = x0 + col * 1000.0, y0 + row * 1000.0
            if tx0 <= x < tx1 and ty0 <= y < ty1:
                squares.extend((x + i * 250.0, y + j * 250.0, 250) for j in range(4) for i in range(4))
            else:
                squares.append((x, y, 1000))
    for x, y, side in squares:
        people = int(rng.expovariate(1 / 120.0) if side == 250 else rng.expovariate(1 / 25.0))
        if people == 0:
            continue
        ring = [(x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)]
        yield ([f"befolkning_ruta.{int(x)}_{int(y)}_{side}", side, people, int(round(people * 1.08))],
               gen_data._wkb_polygon(ring, True))


def catalogue():
    """{collection: (path, feature count, geometry type name, manifest fields)} of every dataset."""
    types = {"polygon": "Multi Polygon", "line": "Multi LineString", "point": "Point"}
    kinds = {S: "string", N: "int", R: "real"}
    out = {}
    for cid, (kind, count, _seed, attrs) in DATASETS.items():
        fields = [{"name": n, "source": n, "type": kinds[t]} for n, (t, _v) in attrs.items()]
        out[cid] = (data_path(cid), count, types[kind], fields)
    out["kommungranser"] = (data_path("kommungranser"), len(list(_boundary_rows())), "Multi LineString",
                            [{"name": n, "source": n, "type": "string"} for n in ("namn", "kommun_a", "kommun_b")])
    out["befolkning_ruta"] = (data_path("befolkning_ruta"), len(list(_population_rows())), "Multi Polygon",
                               [{"name": n, "source": n, "type": "int"} for n in POPULATION_FIELDS])
    out["kommuner"] = (data_path("kommuner"), 12, "Multi Polygon", [{"name": "namn", "source": "namn",
                                                                     "type": "string"}])
    return out


def ensure(log=print) -> dict:
    """Write what is missing or stale; return ``catalogue()`` plus the plan's path and facts."""
    ensure_dirs()
    os.makedirs(OP_DIR, exist_ok=True)
    stamp = os.path.join(OP_DIR, "stamp.json")
    want = {"version": VERSION, "gen_data": gen_data.GENERATOR_VERSION,
            "datasets": {cid: spec[1] for cid, spec in DATASETS.items()}}
    try:
        with open(stamp, encoding="utf-8") as handle:
            current = json.load(handle) == want
    except (OSError, ValueError):
        current = False
    if not current:
        log("  generating the whole-ÖP data -> " + OP_DIR)
        _write(plan_path(), "plan", [("name", S), ("purpose", S)],
               (([name, purpose], _ring_wkb(ring)) for name, purpose, ring in plan_cells()), layer_name="plan")
        for cid, (kind, count, seed, attrs) in DATASETS.items():
            log(f"    {cid}: {count} {kind}s")
            fields = [("rp_id", S)] + [(n, t) for n, (t, _v) in attrs.items()]
            _write(data_path(cid), kind, fields, _dataset_rows(cid, kind, count, seed, attrs))
        _write(data_path("kommungranser"), "line", [("rp_id", S), ("namn", S), ("kommun_a", S), ("kommun_b", S)],
               _boundary_rows())
        _write(data_path("befolkning_ruta"), "polygon", [("rp_id", S)] + [(n, N) for n in POPULATION_FIELDS],
               _population_rows())
        _write(data_path("kommuner"), "polygon", [("rp_id", S), ("namn", S)], _municipality_rows())
        with open(stamp, "w", encoding="utf-8") as handle:
            json.dump(want, handle)
    return catalogue()


def plan_facts() -> dict:
    areas = sorted(_shoelace(ring) / 10000.0 for _n, _p, ring in plan_cells())
    return {"areas": len(areas), "min_ha": areas[0], "median_ha": areas[len(areas) // 2], "max_ha": areas[-1],
            "total_km2": sum(areas) / 100.0}


def _shoelace(ring) -> float:
    return 0.5 * abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])))


if __name__ == "__main__":
    print(json.dumps({cid: spec[:3] for cid, spec in ensure().items()}, indent=1))
    print(plan_facts())
