"""The demo data looks like a region (issue 16, item 7): the county's size, organic outlines
instead of rectangles, and a population grid that the bundled profile's statistics measure."""

import math

import pytest
from osgeo import ogr

from tests.fixtures.service import DEMO_GPKG
from tests.test_demo_data import read_layer

ogr.UseExceptions()

# Örebro län is about 8,500-9,500 km² (land and water).
COUNTY_KM2 = (8500.0, 9500.0)
# The collections that were axis-parallel rectangles and discs before.
ORGANIC = ("jordbruksmark", "rus_gods_2030_logistikomraden", "vattenskydd", "gron_infrastruktur", "vindkraft",
           "skyfall_risk")


def _rings(geom):
    polygons = ([geom.GetGeometryRef(i) for i in range(geom.GetGeometryCount())]
                if geom.GetGeometryName() == "MULTIPOLYGON" else [geom])
    return [poly.GetGeometryRef(i) for poly in polygons for i in range(poly.GetGeometryCount())]


def _bbox_area(geom):
    xmin, xmax, ymin, ymax = geom.GetEnvelope()
    return (xmax - xmin) * (ymax - ymin)


def _longest_edge(geom):
    longest = 0.0
    for ring in _rings(geom):
        points = ring.GetPoints()
        longest = max([longest] + [math.dist(a[:2], b[:2]) for a, b in zip(points, points[1:])])
    return longest


def test_county_has_the_size_of_orebro_lan():
    (_fid, _attrs, county), = read_layer("lan")
    area_km2 = county.GetArea() / 1e6
    assert COUNTY_KM2[0] <= area_km2 <= COUNTY_KM2[1], area_km2
    municipalities = sum(geom.GetArea() for _f, _a, geom in read_layer("kommuner")) / 1e6
    assert municipalities == pytest.approx(area_km2, abs=0.01)


def test_boundaries_wind_like_real_ones():
    """Municipal and county boundaries: no straight edge longer than a few hundred metres
    (the Voronoi cells they come from had straight edges of tens of km)."""
    rows = read_layer("kommuner") + read_layer("lan")
    for _fid, attrs, geom in rows:
        assert geom.IsValid(), attrs["namn"]
        assert sum(len(ring.GetPoints()) for ring in _rings(geom)) > 200, attrs["namn"]
        assert _longest_edge(geom) < 400.0, attrs["namn"]


@pytest.mark.parametrize("collection", ORGANIC)
def test_areas_are_organic_not_rectangles(collection):
    rows = read_layer(collection)
    assert rows
    for _fid, attrs, geom in rows:
        name = attrs["namn"]
        assert geom.IsValid(), name
        assert sum(len(ring.GetPoints()) for ring in _rings(geom)) >= 24, name
        # an axis-parallel rectangle fills its bounding box; these fill at most ~80 % of it
        assert geom.GetArea() < 0.85 * _bbox_area(geom), name


def test_organic_areas_have_realistic_sizes():
    def km2(collection):
        return {attrs["namn"]: geom.GetArea() / 1e6 for _f, attrs, geom in read_layer(collection)}

    assert all(3 <= a <= 60 for a in km2("jordbruksmark").values())  # a plain of farmland: a few to tens of km²
    assert all(1 <= a <= 6 for a in km2("rus_gods_2030_logistikomraden").values())
    assert all(2 <= a <= 30 for a in km2("vindkraft").values())
    nature = km2("gron_infrastruktur")
    assert 300 <= nature["Kilsbergen"] <= 600  # a range of hills
    assert 0.5 <= nature["Garphyttans nationalpark"] <= 2


def test_population_grid_is_scb_style():
    rows = read_layer("befolkning_ruta")
    assert 1000 <= len(rows) <= 4000
    ids = [attrs["rutid"] for _f, attrs, _g in rows]
    assert len(set(ids)) == len(ids)
    sizes = {attrs["rutstorlek"] for _f, attrs, _g in rows}
    assert sizes == {250, 1000}
    for _fid, attrs, geom in rows:
        size = attrs["rutstorlek"]
        xmin, xmax, ymin, ymax = geom.GetEnvelope()
        # a square on SCB's grid: its id is the lower left corner in SWEREF 99 TM
        assert (xmax - xmin, ymax - ymin) == (size, size)
        assert xmin % size == 0 and ymin % size == 0
        assert attrs["rutid"] == f"{int(xmin):06d}{int(ymin):07d}"
        assert geom.GetArea() == size * size
        assert attrs["bef_2030"] >= 10 and attrs["bef_2040"] > 0  # only populated squares


def test_population_grid_adds_up_to_the_forecast_and_is_densest_in_the_towns():
    forecast = {a["kommunkod"]: (a["bef_2030"], a["bef_2040"]) for _f, a, _g in read_layer("befolkning_prognos")}
    rows = read_layer("befolkning_ruta")
    for code, (people_2030, people_2040) in forecast.items():
        mine = [a for _f, a, _g in rows if a["kommunkod"] == code]
        assert sum(a["bef_2030"] for a in mine) == pytest.approx(people_2030, rel=0.02), code
        assert sum(a["bef_2040"] for a in mine) == pytest.approx(people_2040, rel=0.02), code

    def density(attrs):
        return attrs["bef_2040"] * 1e6 / attrs["rutstorlek"] ** 2

    centre = ogr.CreateGeometryFromWkt("POINT (512070 6571172)")  # Örebro C
    at_centre = [a for _f, a, g in rows if g.Contains(centre)]
    assert len(at_centre) == 1 and at_centre[0]["rutstorlek"] == 250
    assert density(at_centre[0]) > 1000  # people per km² in the middle of Örebro
    countryside = [density(a) for _f, a, g in rows if a["rutstorlek"] == 1000]
    assert sorted(countryside)[len(countryside) // 2] < 100  # most rural squares: a few dozen people


@pytest.mark.timeout(120)
def test_bundled_profile_reports_the_population_of_a_plan():
    """The bundled profile's population statistics on the demo data: in the plan and within
    1 km, each square weighted by its area share inside (against an OGR computation)."""
    from qgis.core import QgsVectorLayer

    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.profile import load_profile
    from regionplan_plugin.core.sources import LayerData

    profile = load_profile()
    layer = QgsVectorLayer(f"{DEMO_GPKG}|layername=plan_samples", "plans", "ogr")
    wanted = [f.id() for f in layer.getFeatures() if f["name"] == "DP Örebro – Kvarter vid Svartån"]
    layer.selectByIds(wanted)
    data = LayerData.from_geopackage(DEMO_GPKG, "EPSG:3006")
    try:
        result = run_check(profile, layer, data, lang="sv", selected_only=True)
        result.layers.clear()
    finally:
        data.layers.clear()
        data._ready.clear()
    got = {v.statistic_id: v.value for v in result.statistics}
    ds = ogr.Open(DEMO_GPKG)
    feature = ds.GetLayerByName("plan_samples").GetFeature(wanted[0])  # (keep it while using its geometry)
    plan = feature.GetGeometryRef().Clone()
    grown = plan.Buffer(1000, 32)

    def people(zone):
        total = 0.0
        for feature in ds.GetLayerByName("befolkning_ruta"):
            square = feature.GetGeometryRef()
            if zone.Intersects(square):
                total += feature.GetField("bef_2040") * zone.Intersection(square).GetArea() / square.GetArea()
        return total

    assert got["population-2040"] == pytest.approx(people(plan), rel=1e-6)
    assert got["population-2040-1km"] == pytest.approx(people(grown), rel=1e-3)
    assert 10 < got["population-2040"] < got["population-2040-1km"]
    assert got["population-2040-1km"] > 3000  # central Örebro
    ds = None
