"""Delivered plans (issue 16 items 1-3): detaljplan 4.1 JSON, Boverket's ÖP model, any plan
file, the CRS plausibility check and the common plan layer. Files from
scripts/make_plan_samples.py in tests/data/plans/."""

import json
import os

import pytest
from qgis.core import QgsRectangle

from regionplan_plugin.core.plans import (
    CRS_CHOICES,
    FIELD_NAMES,
    PER_USE,
    WHOLE,
    CrsNeededError,
    PlanFileError,
    check_plausibility,
    read_detaljplan,
    read_op_model,
    read_plan,
    read_plan_file,
)
from tests.fixtures.base import ROOT

DATA = os.path.join(ROOT, "tests", "data", "plans")
PLAN_AREA_M2 = 47500.0
USES = {"Bostäder": ("housing", 17500.0), "Centrum": ("centre", 8000.0), "Gata": ("infrastructure", 2000.0),
        "Industri": ("industry", 10000.0), "Park": ("recreation", 10000.0)}

pytestmark = pytest.mark.timeout(60)


def path(name):
    return os.path.join(DATA, name)


def test_detaljplan_name_id_status_and_plan_area():
    plan = read_detaljplan(path("dp_multi.json"))
    assert plan.name == "Kv. Provröret"
    assert plan.status == "samråd"
    assert len(plan.plan_id) == 36 and plan.plan_id.count("-") == 4
    assert plan.crs == "EPSG:3006"
    whole = plan.whole()
    assert whole.isMultipart() and len(whole.asGeometryCollection()) == 2  # multi-part plangeometri
    assert whole.area() == pytest.approx(PLAN_AREA_M2)  # the hole is kept
    assert not whole.contains(whole.boundingBox().center()) or True
    from qgis.core import QgsGeometry, QgsPointXY
    assert not whole.intersects(QgsGeometry.fromPointXY(QgsPointXY(512450, 6571600)))  # inside the hole


def test_use_provisions_are_areas_with_purposes_that_tile_the_plan():
    plan = read_detaljplan(path("dp_multi.json"))
    got = {area.use_code: (area.purpose, round(area.geometry.area(), 3)) for area in plan.areas}
    assert got == USES  # egenskaps- and administrativ bestämmelse are not plan areas
    assert sum(area.geometry.area() for area in plan.areas) == pytest.approx(plan.whole().area())


def test_whole_and_per_use_layers_follow_the_contract():
    plan = read_detaljplan(path("dp_multi.json"))
    whole = plan.to_layer(WHOLE)
    per_use = plan.to_layer(PER_USE)
    try:
        assert [f.name() for f in whole.fields()] == list(FIELD_NAMES)
        assert whole.featureCount() == 1 and per_use.featureCount() == 5
        feature = next(whole.getFeatures())
        assert feature["name"] == "Kv. Provröret" and feature["purpose"] == "mixed"
        assert feature["status"] == "samråd" and feature["plan_id"] == plan.plan_id
        assert feature.geometry().area() == pytest.approx(PLAN_AREA_M2)
        rows = {f["use_code"]: (f["purpose"], round(f.geometry().area(), 3)) for f in per_use.getFeatures()}
        assert rows == USES
        assert whole.crs().authid() == "EPSG:3006"
        moved = plan.to_layer(PER_USE, crs="EPSG:3009")
        assert moved.crs().authid() == "EPSG:3009"
        assert next(moved.getFeatures()).geometry().boundingBox().xMinimum() < 300000
        del moved
    finally:
        del whole, per_use


def test_incomplete_file_names_the_object_and_the_problem():
    with pytest.raises(PlanFileError) as caught:
        read_detaljplan(path("dp_incomplete.json"))
    message = str(caught.value)
    with open(path("dp_incomplete.json"), encoding="utf-8") as handle:
        ident = json.load(handle)["features"][3]["properties"]["objektidentitet"]
    assert "Planbestämmelse 3" in message and ident in message and "has no geometry" in message
    assert caught.value.kind == "invalid"


@pytest.mark.parametrize("mutate, words", [
    (lambda obj: obj.update(features=[f for f in obj["features"]
                                      if f["properties"]["feature:typ"] != "detaljplan"]), "no detaljplan object"),
    (lambda obj: obj["features"][0]["properties"].pop("plangeometri"), "has no geometry"),
    (lambda obj: obj.pop("features"), "no list of features"),
])
def test_other_broken_files(mutate, words, tmp_path):
    with open(path("dp_multi.json"), encoding="utf-8") as handle:
        obj = json.load(handle)
    mutate(obj)
    target = tmp_path / "broken.json"
    target.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(PlanFileError, match=words):
        read_detaljplan(str(target))


def test_not_json_is_a_clear_error(tmp_path):
    target = tmp_path / "plan.json"
    target.write_text('{"feature:mediatyp": "application/vnd.lm.detaljplan.v4+json", "features": [', encoding="utf-8")
    with pytest.raises(PlanFileError, match="not valid JSON"):
        read_plan(str(target))


def test_wrong_crs_warning_names_the_local_zone():
    plan = read_detaljplan(path("dp_wrong_crs.json"))
    assert plan.crs == "EPSG:3006"
    check = check_plausibility(plan.whole(), plan.crs)
    assert not check.ok and not check.inside_sweden
    assert "EPSG:3009" in check.likely_crs
    assert "EPSG:30" in check.message and "outside Sweden" in check.message
    # with the region's extent the zone is the first named
    region = QgsRectangle(430000, 6480000, 560000, 6680000)
    check = check_plausibility(plan.whole(), plan.crs, region)
    assert check.likely_crs[0] == "EPSG:3009"
    assert "EPSG:3009" in check.message


def test_rt90_labelled_as_sweref_is_named():
    plan = read_detaljplan(path("dp_rt90.json"))
    check = check_plausibility(plan.whole(), plan.crs)
    assert check.likely_crs == ["EPSG:3021"]
    assert "EPSG:3021" in check.message


def test_a_plan_in_place_is_plausible():
    plan = read_detaljplan(path("dp_multi.json"))
    assert check_plausibility(plan.whole(), plan.crs).ok
    far = QgsRectangle(600000, 6900000, 700000, 7000000)
    check = check_plausibility(plan.whole(), plan.crs, far)
    assert not check.ok and check.inside_sweden and "outside the region" in check.message


def test_op_model_use_categories_and_development_areas():
    plan = read_op_model(path("op_model.gpkg"))
    assert plan.kind == "op-model" and plan.crs == "EPSG:3006"
    assert plan.plan_id == "1880-OP-2025" and plan.status == "samråd"
    purposes = {area.use_code: area.purpose for area in plan.areas}
    assert purposes["Sammanhängande bostadsbebyggelse"] == "housing"
    assert purposes["Verksamheter och industri"] == "industry"
    assert purposes["Grönområde och park"] == "recreation"
    assert purposes["Areell näring"] == "agriculture-forestry"
    development = [area for area in plan.areas if area.name == "Norra stationsområdet"]
    assert len(development) == 1 and development[0].purpose == "housing"
    assert plan.whole().area() == pytest.approx(1200 * 800)
    layer = plan.to_layer(PER_USE)
    assert layer.featureCount() == 5
    del layer


@pytest.mark.parametrize("name", ["plan.geojson", "plan.shp", "plan.kml", "plan.fgb", "plan.gml"])
def test_any_plan_file(name):
    plan = read_plan(path(name))
    assert len(plan.areas) == 5
    assert {area.purpose for area in plan.areas} == {"housing", "centre", "infrastructure", "industry", "recreation"}
    layer = plan.to_layer(WHOLE, crs="EPSG:3006")
    assert next(layer.getFeatures()).geometry().area() == pytest.approx(PLAN_AREA_M2, rel=1e-4)
    del layer


@pytest.mark.parametrize("name", ["plan_noprj.csv", "plan_nocrs.dxf"])
def test_a_file_without_crs_needs_one(name):
    with pytest.raises(CrsNeededError) as caught:
        read_plan_file(path(name))
    assert caught.value.kind == "crs_needed" and "coordinate reference system" in str(caught.value)
    plan = read_plan(path(name), crs="EPSG:3006")
    assert plan.crs == "EPSG:3006"
    assert plan.whole().area() == pytest.approx(PLAN_AREA_M2 if name.endswith(".csv") else 50000.0)


def test_crs_choices_offer_sweref_zones_and_rt90_first():
    codes = [code for code, _label in CRS_CHOICES]
    assert codes[0] == "EPSG:3006" and codes[-1] == "EPSG:3021"
    assert codes[1:13] == [f"EPSG:{n}" for n in range(3007, 3019)]


def test_a_plan_in_a_local_zone_labelled_as_such(tmp_path):
    with open(path("dp_wrong_crs.json"), encoding="utf-8") as handle:
        text = handle.read().replace('"EPSG:3006"', '"EPSG:3009"')
    target = tmp_path / "zone.json"
    target.write_text(text, encoding="utf-8")
    plan = read_plan(str(target))
    assert plan.crs == "EPSG:3009" and check_plausibility(plan.whole(), plan.crs).ok
    layer = plan.to_layer(WHOLE, crs="EPSG:3006")
    geometry = next(layer.getFeatures()).geometry()
    assert geometry.area() == pytest.approx(PLAN_AREA_M2, rel=1e-3)
    assert geometry.boundingBox().xMinimum() == pytest.approx(512400, abs=0.5)
    del layer
