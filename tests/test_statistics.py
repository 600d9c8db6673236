"""Plan statistics (contract section 4) against independent computations with ``osgeo.ogr``
on the Örebro demo data: farmland inside each sample plan, its share, line lengths, counts
within a distance and population sums weighted by each polygon's share inside the plan (of the
municipalities, and of the 250 m / 1 km grid, in the plan and within 1 km of it)."""

import json

import pytest
from osgeo import ogr

from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.profile import parse_profile
from regionplan_plugin.core.sources import LayerData
from tests.fixtures.service import DEMO_GPKG, PROFILE_PATH
from tests.test_outcomes import data_without, error_of

ogr.UseExceptions()

STATISTICS = [
    {"id": "farmland-ha", "title": {"sv": "Jordbruksmark", "en": "Farmland"}, "collection": "jordbruksmark",
     "measure": "area_ha"},
    {"id": "good-farmland-share", "title": {"sv": "Andel", "en": "Share"}, "collection": "jordbruksmark",
     "filter": "\"klass\" >= 6", "measure": "share"},
    {"id": "farmland-500m-ha", "title": {"sv": "Inom 500 m", "en": "Within 500 m"}, "collection": "jordbruksmark",
     "measure": "area_ha", "distance_m": 500},
    {"id": "nodes-800m", "title": {"sv": "Noder", "en": "Nodes"}, "collection": "kollektivtrafik_noder",
     "filter": "\"turtathet\" IN ('hog', 'medel')", "measure": "count", "distance_m": 800},
    {"id": "walking-share", "title": {"sv": "Gångavstånd", "en": "Walking distance"},
     "collection": "kollektivtrafik_noder", "filter": "\"turtathet\" IN ('hog', 'medel')", "measure": "share",
     "distance_m": 800},
    {"id": "farmland-count", "title": {"sv": "Antal", "en": "Count"}, "collection": "jordbruksmark",
     "measure": "count"},
    {"id": "primary-km", "title": {"sv": "Stråk", "en": "Corridors"}, "collection": "rus_person_2030_strak",
     "filter": "\"klass\" = 'primar'", "measure": "length_km"},
    {"id": "people-2030", "title": {"sv": "Befolkning", "en": "Population"}, "collection": "befolkning_prognos",
     "measure": "sum:bef_2030"},
    # a grid (squares cut by their box; squares wholly inside a zone counted whole)
    {"id": "people-grid", "title": {"sv": "Befolkning", "en": "Population"}, "collection": "befolkning_ruta",
     "measure": "sum:bef_2040"},
    {"id": "people-grid-1km", "title": {"sv": "Inom 1 km", "en": "Within 1 km"}, "collection": "befolkning_ruta",
     "measure": "sum:bef_2040", "distance_m": 1000},
]


def _profile():
    with open(PROFILE_PATH, encoding="utf-8") as handle:
        obj = json.load(handle)
    obj["statistics"] = STATISTICS
    return parse_profile(obj, source="test")


def _rows(ds, name, keep=lambda feature: True):
    return [(feature, feature.GetGeometryRef().Clone()) for feature in ds.GetLayerByName(name) if keep(feature)]


def oracle(plan, ds):
    """The expected values for one plan geometry, with OGR only."""
    farmland = _rows(ds, "jordbruksmark")
    good = [(f, g) for f, g in farmland if f.GetField("klass") >= 6]

    def covered(rows, zone):
        union = None
        for _feature, geometry in rows:
            if not zone.Intersects(geometry):
                continue
            piece = zone.Intersection(geometry)
            union = piece if union is None else union.Union(piece)
        return union.GetArea() if union is not None else 0.0

    grown = plan.Buffer(500, 32)
    nodes = _rows(ds, "kollektivtrafik_noder", lambda f: f.GetField("turtathet") in ("hog", "medel"))
    lines = _rows(ds, "rus_person_2030_strak", lambda f: f.GetField("klass") == "primar")
    walking = None  # the plan within 800 m of a frequent node: the union of the nodes' circles, cut
    for _feature, geometry in nodes:
        if plan.Distance(geometry) <= 800:
            circle = geometry.Buffer(800, 32)
            walking = circle if walking is None else walking.Union(circle)
    people = 0.0
    for feature, geometry in _rows(ds, "befolkning_prognos"):
        if plan.Intersects(geometry) and feature.GetField("bef_2030") is not None:
            people += feature.GetField("bef_2030") * plan.Intersection(geometry).GetArea() / geometry.GetArea()
    squares = _rows(ds, "befolkning_ruta")

    def weighted(zone):
        return sum(feature.GetField("bef_2040") * zone.Intersection(geometry).GetArea() / geometry.GetArea()
                   for feature, geometry in squares if zone.Intersects(geometry))

    return {
        "people-grid": weighted(plan),
        "people-grid-1km": weighted(plan.Buffer(1000, 32)),
        "farmland-ha": covered(farmland, plan) / 10000,
        "good-farmland-share": covered(good, plan) / plan.GetArea(),
        "farmland-500m-ha": covered(farmland, grown) / 10000,
        "nodes-800m": float(sum(1 for _f, g in nodes if plan.Distance(g) <= 800)),
        "walking-share": plan.Intersection(walking).GetArea() / plan.GetArea() if walking is not None else 0.0,
        "farmland-count": float(sum(1 for _f, g in farmland if plan.Intersects(g))),
        "primary-km": sum(plan.Intersection(g).Length() for _f, g in lines if plan.Intersects(g)) / 1000,
        "people-2030": people,
    }


@pytest.fixture(scope="module")
def data():
    data = LayerData.from_geopackage(DEMO_GPKG, "EPSG:3006")
    yield data
    data.layers.clear()
    data._ready.clear()


@pytest.mark.timeout(180)
def test_statistics_match_ogr(demo_plans, data):
    profile = _profile()
    result = run_check(profile, demo_plans, data, lang="en")
    result.layers.clear()
    ds = ogr.Open(DEMO_GPKG)
    plans = {feature.GetFID(): feature.GetGeometryRef().Clone() for feature in ds.GetLayerByName("plan_samples")}
    assert len(result.statistics) == len(plans) * len(STATISTICS)
    assert [(v.plan_index, v.statistic_id) for v in result.statistics] == [
        (p.index, s["id"]) for p in result.plan_features for s in STATISTICS]
    nonzero = set()
    for plan_feature in result.plan_features:
        expected = oracle(plans[plan_feature.fid], ds)
        got = {v.statistic_id: v for v in result.statistics if v.plan_index == plan_feature.index}
        for statistic_id, value in expected.items():
            assert got[statistic_id].plan_fid == plan_feature.fid
            assert got[statistic_id].reason == ""
            assert got[statistic_id].value == pytest.approx(value, rel=1e-6, abs=1e-6), (
                plan_feature.fid, statistic_id)
            if value > 0:
                nonzero.add(statistic_id)
        assert 0.0 <= got["good-farmland-share"].value <= 1.0
        assert 0.0 <= got["walking-share"].value <= 1.0
    # the demo plans meet every kind of data measured (the comparisons are not all of zeros)
    assert nonzero == set(expected)
    units = {v.statistic_id: v.unit for v in result.statistics}
    assert units == {"farmland-ha": "ha", "good-farmland-share": "share", "farmland-500m-ha": "ha",
                     "nodes-800m": "count", "walking-share": "share", "farmland-count": "count", "primary-km": "km",
                     "people-2030": "sum", "people-grid": "sum", "people-grid-1km": "sum"}
    ds = None


@pytest.mark.timeout(120)
def test_statistics_of_a_dataset_that_cannot_be_had(demo_plans):
    profile = _profile()
    with data_without("befolkning_prognos") as missing:
        result = run_check(profile, demo_plans, missing, lang="en", partial=True)
        result.layers.clear()
        people = [v for v in result.statistics if v.statistic_id == "people-2030"]
        assert people and all(v.value is None for v in people)
        assert {v.reason for v in people} == {"The dataset befolkning_prognos is not available."}
        assert all(v.value is not None for v in result.statistics if v.statistic_id != "people-2030")
        # no rule needs it: every rule was checked
        assert result.not_checked == 0
        assert "befolkning_prognos" in error_of(run_check, profile, demo_plans, missing, lang="en")
