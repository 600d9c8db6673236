"""The Örebro demo region GeoPackage: content, topology, metadata, sample plans, determinism."""

import filecmp
import json
import os
import re
import sqlite3
import subprocess

import pytest
from osgeo import ogr, osr
from qgis.core import Qgis

from tests.fixtures.base import ROOT
from tests.fixtures.service import (
    COLLECTION_IDS,
    DEMO_GPKG,
    EXTRA_LAYERS,
    OREBRO_C_3006,
    SERVICE_DATA_DIR,
)

ogr.UseExceptions()
LABEL = "demo data, not official"
KOMMUNER = {
    "1880": "Örebro", "1881": "Kumla", "1814": "Lekeberg", "1860": "Laxå", "1861": "Hallsberg",
    "1862": "Degerfors", "1863": "Hällefors", "1864": "Ljusnarsberg", "1882": "Askersund",
    "1883": "Karlskoga", "1884": "Nora", "1885": "Lindesberg",
}
TOLERANCE_M2 = 1.0


def read_layer(layer_name, path=DEMO_GPKG):
    ds = ogr.Open(path)
    layer = ds.GetLayerByName(layer_name)
    assert layer is not None, layer_name
    rows = []
    for feat in layer:
        geom = feat.GetGeometryRef()
        rows.append((feat.GetFID(), feat.items(), geom.Clone() if geom is not None else None))
    ds = None
    return rows


def _vertices(geom):
    """The geometry's structure with every ordinate rounded to a micrometre."""
    if geom.GetGeometryCount():
        return (geom.GetGeometryName(), [_vertices(geom.GetGeometryRef(i)) for i in range(geom.GetGeometryCount())])
    return (geom.GetGeometryName(), [tuple(round(v, 6) + 0.0 for v in p) for p in geom.GetPoints() or []])


def layer_epsg(layer_name, path=DEMO_GPKG):
    ds = ogr.Open(path)
    srs = ds.GetLayerByName(layer_name).GetSpatialRef()
    code = srs.GetAuthorityCode(None)
    ds = None
    return int(code)


def transform_to_3006(geom, epsg):
    src = osr.SpatialReference()
    src.ImportFromEPSG(epsg)
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(3006)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    geom = geom.Clone()
    geom.Transform(osr.CoordinateTransformation(src, dst))
    return geom


@pytest.fixture(scope="module")
def kommuner():
    return {attrs["kommunkod"]: (attrs, geom) for _fid, attrs, geom in read_layer("kommuner")}


@pytest.fixture(scope="module")
def county():
    rows = read_layer("lan")
    assert len(rows) == 1 and rows[0][1]["namn"] == "Örebro län"
    return rows[0][2]


def test_twelve_municipalities_with_code_and_name(kommuner):
    assert {code: attrs["namn"] for code, (attrs, _g) in kommuner.items()} == KOMMUNER
    for code, (_attrs, geom) in kommuner.items():
        assert geom.IsValid(), code
        assert geom.GetArea() > 100e6, code  # every municipality is larger than 100 km²


def test_municipalities_do_not_overlap(kommuner):
    geoms = [(code, geom) for code, (_a, geom) in sorted(kommuner.items())]
    for i, (code_a, a) in enumerate(geoms):
        for code_b, b in geoms[i + 1:]:
            if a.Intersects(b):
                overlap = a.Intersection(b)
                area = overlap.GetArea() if overlap.GetGeometryName() in ("POLYGON", "MULTIPOLYGON") else 0.0
                if overlap.GetGeometryName() == "GEOMETRYCOLLECTION":
                    area = sum(overlap.GetGeometryRef(k).GetArea() for k in range(overlap.GetGeometryCount())
                               if overlap.GetGeometryRef(k).GetGeometryName() in ("POLYGON", "MULTIPOLYGON"))
                assert area < TOLERANCE_M2, (code_a, code_b, area)


def test_municipalities_tile_the_county_without_gaps(kommuner, county):
    union = None
    total = 0.0
    for _attrs, geom in kommuner.values():
        union = geom.Clone() if union is None else union.Union(geom)
        total += geom.GetArea()
    assert abs(union.GetArea() - county.GetArea()) < TOLERANCE_M2
    assert abs(total - county.GetArea()) < TOLERANCE_M2  # no overlaps counted twice
    assert county.SymDifference(union).GetArea() < TOLERANCE_M2
    # No gap inside: the union is one polygon without holes (apart from float slivers).
    if union.GetGeometryName() == "MULTIPOLYGON":
        parts = [union.GetGeometryRef(i) for i in range(union.GetGeometryCount())]
        assert sum(1 for p in parts if p.GetArea() > TOLERANCE_M2) == 1
        union = max(parts, key=lambda p: p.GetArea())
    holes = [union.GetGeometryRef(i) for i in range(1, union.GetGeometryCount())]
    assert sum(_ring_area(h) for h in holes) < TOLERANCE_M2
    # The county is the size of Örebro län (about 8,500-9,500 km² real; the outline gives ~9,100 km²).
    assert 8500e6 <= county.GetArea() <= 9500e6


def _ring_area(ring):
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly.GetArea()


def test_neighbouring_counties_do_not_overlap_the_county(county):
    rows = read_layer("grannlan")
    names = sorted(attrs["namn"] for _f, attrs, _g in rows)
    assert names == sorted(["Värmlands län", "Dalarnas län", "Västmanlands län", "Södermanlands län",
                            "Östergötlands län", "Västra Götalands län"])
    for _fid, attrs, geom in rows:
        assert attrs["lanskod"]
        overlap = geom.Intersection(county)
        assert (overlap.GetArea() if not overlap.IsEmpty() else 0.0) < TOLERANCE_M2, attrs["namn"]
        assert geom.Distance(county) < 1.0, attrs["namn"]  # they border the county


def test_municipal_boundary_lines_name_both_sides(kommuner):
    by_name = {attrs["namn"]: geom for attrs, geom in kommuner.values()}
    rows = read_layer("kommungranser")
    internal = [(a, g) for _f, a, g in rows if a["typ"] == "kommungrans"]
    assert len(internal) >= 20
    for attrs, geom in internal:
        assert attrs["kommun_a"] != attrs["kommun_b"]
        for side in (attrs["kommun_a"], attrs["kommun_b"]):
            boundary = by_name[side].GetBoundary()
            assert geom.Distance(boundary) < 0.01
            assert geom.Buffer(0.01).Difference(boundary.Buffer(0.5)).IsEmpty(), (attrs, side)
    pairs = {frozenset((a["kommun_a"], a["kommun_b"])) for a, _g in internal}
    assert frozenset(("Örebro", "Kumla")) in pairs
    assert frozenset(("Karlskoga", "Degerfors")) in pairs
    county_edges = [a for _f, a, _g in rows if a["typ"] == "lansgrans"]
    assert {a["kommun_b"] for a in county_edges} >= {"Värmlands län", "Östergötlands län"}


def test_every_layer_present_in_epsg3006_with_demo_label():
    ds = ogr.Open(DEMO_GPKG)
    names = {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())}
    ds = None
    assert set(COLLECTION_IDS) | set(EXTRA_LAYERS) == names
    for name in COLLECTION_IDS + ["lan", "plan_samples"]:
        assert layer_epsg(name) == 3006, name
        assert read_layer(name), name
    with sqlite3.connect(DEMO_GPKG) as con:
        rows = dict(con.execute("SELECT table_name, description FROM gpkg_contents").fetchall())
    for name in names:
        assert LABEL in rows[name], name


def test_qgis_shows_the_demo_label_as_abstract():
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{DEMO_GPKG}|layername=kommuner", "kommuner", "ogr")
    assert layer.isValid()
    assert LABEL in layer.metadata().abstract()
    assert layer.crs().authid() == "EPSG:3006"
    assert layer.featureCount() == 12


def test_known_coordinates():
    stops = {attrs["namn"]: (fid, attrs, geom) for fid, attrs, geom in read_layer("kollektivtrafik_noder")}
    fid, attrs, geom = stops["Örebro C"]
    assert fid == 1
    assert (geom.GetX(), geom.GetY()) == OREBRO_C_3006
    assert attrs["turtathet"] == "hog" and attrs["avgangar_per_dygn"] == 420
    assert {a["turtathet"] for _f, a, _g in stops.values()} == {"hog", "medel", "lag"}
    nodes = {a["namn"]: a["nodtyp"] for _f, a, _g in read_layer("rus_gods_2030_noder")}
    assert nodes["Hallsbergs rangerbangård"] == "rangerbangard"
    assert nodes["Örebro kombiterminal"] == "kombiterminal"


def test_thematic_attributes():
    strak = read_layer("rus_person_2030_strak")
    assert {a["klass"] for _f, a, _g in strak} == {"primar", "sekundar"}
    assert {a["trafikslag"] for _f, a, _g in strak} == {"vag", "jarnvag"}
    assert any("E18" in a["namn"] and a["klass"] == "primar" for _f, a, _g in strak)
    assert any("Rv 50" in a["namn"] and a["klass"] == "sekundar" for _f, a, _g in strak)
    assert all(1 <= a["klass"] <= 10 for _f, a, _g in read_layer("jordbruksmark"))
    assert {a["risk"] for _f, a, _g in read_layer("skyfall_risk")} == {"hög", "medel"}
    pop = {a["kommunkod"]: a for _f, a, _g in read_layer("befolkning_prognos")}
    assert set(pop) == set(KOMMUNER)
    assert pop["1880"]["bef_2030"] > 150000 and pop["1880"]["bef_2040"] > pop["1880"]["bef_2030"]
    # the population grid has some 2,800 squares; the other collections a few hundred features
    total = sum(len(read_layer(name)) for name in COLLECTION_IDS if name != "befolkning_ruta")
    assert 100 < total < 500


def test_sample_plans(kommuner):
    plans = read_layer("plan_samples")
    assert len(plans) >= 5
    assert {a["plantyp"] for _f, a, _g in plans} == {"ÖP", "DP"}
    def parts(geom):
        if geom.GetGeometryName() == "MULTIPOLYGON":
            return [geom.GetGeometryRef(i) for i in range(geom.GetGeometryCount())]
        return [geom]

    with_hole = [a["name"] for _f, a, g in plans if any(p.GetGeometryCount() > 1 for p in parts(g))]
    multipart = [a["name"] for _f, a, g in plans if len(parts(g)) > 1]
    assert with_hole == ["ÖP Örebro – Törsjö verksamhetsområde"]
    assert multipart == ["ÖP Lindesberg – Frövi och Fellingsbro"]
    by_name = {attrs["namn"]: geom for attrs, geom in kommuner.values()}
    all_plans = [(a, g) for _f, a, g in plans]
    for layer_name, epsg in (("plan_sample_3009", 3009), ("plan_sample_4326", 4326)):
        assert layer_epsg(layer_name) == epsg
        rows = read_layer(layer_name)
        assert len(rows) == 1 and rows[0][1]["name"]
        all_plans.append((rows[0][1], transform_to_3006(rows[0][2], epsg)))
    assert len({a["kommun"] for a, _g in all_plans}) >= 5
    for attrs, geom in all_plans:
        assert attrs["name"] and geom.IsValid()
        # Each plan lies in the municipality it names.
        assert by_name[attrs["kommun"]].Contains(geom.Centroid()), attrs["name"]


def test_service_geojson_matches_the_geopackage():
    for cid in COLLECTION_IDS:
        with open(os.path.join(SERVICE_DATA_DIR, f"{cid}.geojson"), encoding="utf-8") as fh:
            doc = json.load(fh)
        rows = read_layer(cid)
        ids = [f["id"] for f in doc["features"]]
        assert len(ids) == len(set(ids)) == len(rows), cid
        for feature, (_fid, attrs, _geom) in zip(doc["features"], rows):
            assert feature["properties"] == attrs
            coords = feature["geometry"]["coordinates"]
            while isinstance(coords[0], list):
                coords = coords[0]
            lon, lat = coords[:2]
            assert 13.0 < lon < 17.5 and 58.0 < lat < 61.5, cid  # RFC 7946: lon, lat


def test_generator_is_deterministic(tmp_path):
    """Regenerating gives the same features, attributes and geometries (and the same files)."""
    env = dict(os.environ, QGIS_OPTS="", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "scripts", "make_demo_data.py"),
                             "--out", str(tmp_path)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    new_gpkg = str(tmp_path / "demo" / "orebro_demo.gpkg")
    for name in COLLECTION_IDS + EXTRA_LAYERS:
        old = read_layer(name)
        new = read_layer(name, new_gpkg)
        assert [(f, a) for f, a, _g in old] == [(f, a) for f, a, _g in new], name
        # Same vertices; GEOS versions (3.11 on Debian 12, 3.13 on 13) differ in the last bits of a computed vertex
        assert [_vertices(g) for _f, _a, g in old] == [_vertices(g) for _f, _a, g in new], name
    resources = os.path.join(ROOT, "resources")
    same_files = [os.path.join("service", "pygeoapi-config.yml")]
    same_files += [os.path.join("service", "data", f"{cid}.geojson") for cid in COLLECTION_IDS]
    # Files written by QGIS itself are byte-identical only with the QGIS version that wrote them.
    with open(os.path.join(resources, "service", "orebro_demo.qgs"), encoding="utf-8") as fh:
        committed_version = re.search(r'version="([^"]+)"', fh.read(400)).group(1)
    if committed_version == Qgis.QGIS_VERSION:
        same_files.append(os.path.join("service", "orebro_demo.qgs"))
        same_files += [os.path.join("styles", name) for name in os.listdir(os.path.join(resources, "styles"))]
    else:
        assert sorted(os.listdir(tmp_path / "styles")) == sorted(os.listdir(os.path.join(resources, "styles")))
    different = [rel for rel in same_files
                 if not filecmp.cmp(os.path.join(resources, rel), str(tmp_path / rel), shallow=False)]
    assert different == []
