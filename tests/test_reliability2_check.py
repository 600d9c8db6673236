"""Issue 11, the plan check through Processing: invalid plans with QGIS' default Processing
settings (item 1), an offline cache cut to an extent (item 9), plan features that share a
feature id (item 10), offline means no network (item 15), and one process that survives a
mix of failing and good runs."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsProject, QgsVectorLayer
from qgis.PyQt import sip

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.service import OgcFeaturesService
from regionplan_plugin.core.sources import LayerData, open_data
from tests.fixtures.algs import finding_keys, layer_keys
from tests.fixtures.base import ROOT, free_port
from tests.fixtures.service import DEMO_GPKG, OREBRO_C_3006, PROFILE_PATH
from tests.helpers.processing_runs import _plan


@pytest.fixture(autouse=True)
def _plain(plain_settings):
    """No leftover plugin settings in any test of this file."""


def _child(runs, tmp_path, cache_dir, timeout):
    """Run ``runs`` (see tests/helpers/processing_runs.py) in a fresh QGIS process with a fresh
    QGIS settings profile (so QGIS' default Processing settings); returns (exit code, {label:
    report}, output)."""
    path = tmp_path / "runs.json"
    path.write_text(json.dumps(runs), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_OPTS="", REGIONPLAN_CACHE_DIR=str(cache_dir),
               QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "qgis-profile"), PYTHONPATH=ROOT)
    proc = subprocess.run([sys.executable, "-m", "tests.helpers.processing_runs", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    reports = {}
    for line in proc.stdout.splitlines():
        if line.startswith("RUN "):
            report = json.loads(line[4:])
            report["keys"] = {tuple(key) for key in report["keys"]}
            reports[report["label"]] = report
    return proc.returncode, reports, proc.stdout[-3000:] + proc.stderr[-3000:]


def _direct_keys(spec, service_url):
    """The findings keys of the engine itself (no Processing) for the plan ``spec``."""
    layer = _plan(spec, QgsVectorLayer, QgsFeature, QgsGeometry)
    profile = load_profile(PROFILE_PATH).with_service_url(service_url)
    data = open_data(profile)
    result = run_check(profile, layer, data, lang="en")
    keys = finding_keys(result)
    result.layers.clear()
    data.release()
    sip.delete(layer)
    return keys


BOWTIE = {"bowtie": list(OREBRO_C_3006)}


# ----------------------------------------------------------------------------------------
# item 1


@pytest.mark.timeout(240)
def test_r2_01_invalid_plan_through_processing_then_more_runs(pygeoapi_service, cache_dir, tmp_path):
    """With QGIS' default Processing settings ("stop when a geometry is invalid") a
    self-intersecting plan is repaired and checked, the repair is reported, and the same
    process goes on to run other algorithms and exits normally (it used to crash)."""
    report = str(tmp_path / "bowtie.html")
    check = {"alg": "regionplan:checkplan", "plan": BOWTIE,
             "params": {"SERVICE_URL": pygeoapi_service, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT"}}
    runs = [
        dict(check, label="first", params=dict(check["params"], REPORT=report)),
        {"label": "buffer", "alg": "native:buffer", "plan": {"gpkg": DEMO_GPKG, "layer": "plan_samples"},
         "params": {"DISTANCE": 10, "OUTPUT": "TEMPORARY_OUTPUT"}},
        dict(check, label="again"),
    ]
    code, reports, output = _child(runs, tmp_path, cache_dir, timeout=220)
    assert code == 0 and "DONE" in output, output
    expected = _direct_keys(BOWTIE, pygeoapi_service)
    assert expected
    for label in ("first", "again"):
        assert reports[label]["ok"], reports[label]["message"]
        assert reports[label]["keys"] == expected
        assert any("repaired with makeValid" in line for line in reports[label]["log"])
    assert reports["buffer"]["ok"] and reports["buffer"]["counts"] == [8]
    text = open(report, encoding="utf-8").read()
    assert "repaired with makeValid" in text


# ----------------------------------------------------------------------------------------
# item 10


def _write_geojson(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return str(path)


def _write_geojson_seq(path, features):
    path.write_text("".join("\x1e" + json.dumps(feature) + "\n" for feature in features), encoding="utf-8")
    return str(path)


def _demo_plan_features(ids=(1, 2, 6, 7)):
    """Demo plans as GeoJSON features (CRS84), every one with ``"id": 1``."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    layer = QgsVectorLayer(DEMO_GPKG + "|layername=plan_samples", "plans", "ogr")
    transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    out = []
    for fid in ids:
        feature = layer.getFeature(fid)
        geometry = QgsGeometry(feature.geometry())
        geometry.transform(transform)
        out.append({"type": "Feature", "id": 1, "properties": {"name": feature["name"]},
                    "geometry": json.loads(geometry.asJson(8))})
    sip.delete(layer)
    return out


def _named_keys(result):
    return sorted((f.plan_name, f.rule_id, f.feature_id, f.severity,
                   None if f.distance_m is None else round(f.distance_m, 2),
                   None if f.overlap_m2 is None else round(f.overlap_m2, 0)) for f in result.findings)


def test_r2_10_plan_features_that_share_an_id(tmp_path):
    features = _demo_plan_features()
    profile = load_profile(PROFILE_PATH)
    data = LayerData.from_geopackage(DEMO_GPKG, profile.crs)
    try:
        expected = []
        for number, feature in enumerate(features):
            alone = QgsVectorLayer(_write_geojson(tmp_path / f"alone{number}.geojson", [feature]), "alone", "ogr")
            result = run_check(profile, alone, data, lang="en")
            expected += _named_keys(result)
            result.layers.clear()
        plan = QgsVectorLayer(_write_geojson(tmp_path / "same_id.geojson", features), "same_id", "ogr")
        if [f.id() for f in plan.getFeatures()] != [1, 1, 1, 1]:
            # GDAL 3.8+ gives the features of a GeoJSON file with a repeated id new feature ids;
            # a GeoJSON text sequence (RFC 8142) still hands the repeated ids over
            plan = QgsVectorLayer(_write_geojson_seq(tmp_path / "same_id.geojsons", features), "same_id", "ogr")
        assert [f.id() for f in plan.getFeatures()] == [1, 1, 1, 1]
        result = run_check(profile, plan, data, lang="en")
        assert len(result.findings) == len(expected) == 28
        assert _named_keys(result) == sorted(expected)
        assert {f.plan_fid for f in result.findings} == {1}  # plan_fid stays the source's id
        assert result.host_municipalities == ["Örebro", "Kumla"]
        assert result.hosts_by_plan == {0: "Örebro", 1: "Kumla", 2: "Örebro", 3: "Örebro"}  # by position
        result.layers.clear()
    finally:
        data.layers.clear()
        data._ready.clear()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is part of make setup")
@pytest.mark.timeout(120)
def test_r2_10_pdf_summary_counts_plan_areas_that_share_an_id(tmp_path, monkeypatch):
    """The PDF's summary per rule (printed instead of the table above TABLE_LIMIT findings)
    counts the plan areas by position too: four areas sharing "id": 1 are four areas."""
    from regionplan_plugin.core import report
    from regionplan_plugin.core.report import pdf_table

    features = _demo_plan_features()
    profile = load_profile(PROFILE_PATH)
    data = LayerData.from_geopackage(DEMO_GPKG, profile.crs)
    monkeypatch.setattr(pdf_table, "TABLE_LIMIT", 5)  # the summary path without thousands of findings
    texts = {}
    try:
        for label, ids in (("shared", [1, 1, 1, 1]), ("own", [1, 2, 3, 4])):
            own = [dict(feature, id=fid) for feature, fid in zip(features, ids)]
            plan = QgsVectorLayer(_write_geojson_seq(tmp_path / f"{label}.geojsons", own), label, "ogr")
            assert [f.id() for f in plan.getFeatures()] == ids
            result = run_check(profile, plan, data, lang="en")
            report.write_pdf(result, str(tmp_path / f"{label}.pdf"), "en")
            result.layers.clear()
            sip.delete(plan)
            text = subprocess.run(["pdftotext", "-layout", str(tmp_path / f"{label}.pdf"), "-"], capture_output=True,
                                  text=True, timeout=60).stdout
            texts[label] = re.findall(r"(?:fi|ﬁ)ndings?, in (\d+) plan areas?", text)  # pdftotext: the ligature ﬁ
    finally:
        data.layers.clear()
        data._ready.clear()
    assert texts["shared"] == texts["own"]
    assert "4" in texts["shared"]  # the primary passenger corridor: in all four areas, not "in 1 plan area"


def test_r2_10_a_decision_in_one_area_leaves_the_other_areas_that_share_its_id(tmp_path):
    """A reviewer's "not relevant" on a finding of one plan area: that area is no longer
    affected by the rule, the other areas sharing its fid keep theirs (the report's counts per
    area, as with ids of their own)."""
    from regionplan_plugin.core.report import html_report

    features = _demo_plan_features()
    profile = load_profile(PROFILE_PATH)
    data = LayerData.from_geopackage(DEMO_GPKG, profile.crs)
    shown = {}
    try:
        for label, ids in (("shared", [1, 1, 1, 1]), ("own", [1, 2, 3, 4])):
            own = [dict(feature, id=fid) for feature, fid in zip(features, ids)]
            plan = QgsVectorLayer(_write_geojson_seq(tmp_path / f"{label}.geojsons", own), label, "ogr")
            result = run_check(profile, plan, data, lang="en")
            hits = [f for f in result.findings if f.rule_id == "infrastructure-reservation"]
            assert sorted(f.plan_index for f in hits) == [0, 2]  # one finding in each of two areas
            dismissed = hits[0]
            decisions = {(dismissed.rule_id, dismissed.feature_id, dismissed.plan_fid):
                         ("not_relevant", "", "Not a reservation any more", "2026-12-01T10:00:00Z")}
            text = html_report(result, "en", decisions=decisions)
            shown[label] = re.findall(r"Affected: \d+; Not affected: \d+", text)
            result.layers.clear()
            sip.delete(plan)
    finally:
        data.layers.clear()
        data._ready.clear()
    assert shown["shared"] == shown["own"] == ["Affected: 23; Not affected: 41"]


# ----------------------------------------------------------------------------------------
# item 9


def _cache_around(service_url, rect):
    import processing

    from regionplan_plugin.processing.cachelayers import CacheLayersAlgorithm

    extent = f"{rect[0]},{rect[2]},{rect[1]},{rect[3]} [EPSG:3006]"
    out = processing.run(CacheLayersAlgorithm(), {"SERVICE_URL": service_url, "EXTENT": extent})
    assert out["CACHED"] >= 10


@pytest.mark.timeout(240)
def test_r2_09_offline_cache_cut_to_an_extent(provider, pygeoapi_service, cache_dir, tmp_path):
    import processing
    from qgis.core import QgsProcessingFeatureSourceDefinition

    plans = QgsVectorLayer(DEMO_GPKG + "|layername=plan_samples", "plan_samples", "ogr")
    QgsProject.instance().addMapLayer(plans)
    try:
        box = plans.getFeature(7).geometry().boundingBox().buffered(3100)  # the largest rule distance is 3000 m
        _cache_around(pygeoapi_service, [box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()])
        params = {"PLAN": plans, "OFFLINE": True, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT"}
        # every plan: most lie outside the cached area; refused, never "nothing there"
        with pytest.raises(QgsProcessingException) as error:
            processing.run("regionplan:checkplan", params)
        message = str(error.value)
        assert "cover only part of the region" in message and "Cache a larger area" in message
        assert "jordbruksmark" in message and "kollektivtrafik_noder" in message
        # the plan inside the cached area: the same findings as online, and the report names the area
        plans.selectByIds([7])
        report = str(tmp_path / "report.html")
        selected = dict(params, PLAN=QgsProcessingFeatureSourceDefinition(plans.id(), True), REPORT=report)
        offline = processing.run("regionplan:checkplan", selected)
        online = processing.run("regionplan:checkplan", dict(selected, OFFLINE=False, REPORT="",
                                                             SERVICE_URL=pygeoapi_service))
        assert layer_keys(offline["OUTPUT"]) == layer_keys(online["OUTPUT"])
        assert offline["OUTPUT"].featureCount() > 0
        text = open(report, encoding="utf-8").read()
        assert f"only the area {box.xMinimum():.0f}, {box.yMinimum():.0f}" in text
    finally:
        QgsProject.instance().removeMapLayer(plans.id())


@pytest.mark.timeout(240)
def test_r2_09_partial_run_marks_areas_outside_the_cached_extent_not_checked(provider, pygeoapi_service, cache_dir):
    import processing

    from regionplan_plugin.core.util import plain_value

    plans = QgsVectorLayer(DEMO_GPKG + "|layername=plan_samples", "plan_samples", "ogr")
    try:
        box = plans.getFeature(7).geometry().boundingBox().buffered(3100)  # the largest rule distance is 3000 m
        _cache_around(pygeoapi_service, [box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()])
        out = processing.run("regionplan:checkplan", {
            "PLAN": plans, "OFFLINE": True, "PARTIAL": True, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT",
            "OUTCOMES": "TEMPORARY_OUTPUT", "STATISTICS": "TEMPORARY_OUTPUT"})
        rows = [{f.name(): plain_value(feature[f.name()]) for f in feature.fields()}
                for feature in out["OUTCOMES"].getFeatures()]
        inside = [row for row in rows if row["plan_fid"] == 7]
        assert inside and all(row["state"] != "not_checked" for row in inside)
        assert all(row["fetched_at"].endswith("Z") and row["data_version"] for row in inside)
        outside = [row for row in rows if row["plan_fid"] != 7 and row["state"] == "not_checked"]
        assert {row["plan_fid"] for row in outside} == {f.id() for f in plans.getFeatures()} - {7}
        assert all("covers only the area" in row["reason"] and "reaches outside it" in row["reason"]
                   for row in outside)
        values = {(f["plan_fid"], f["statistic_id"]): plain_value(f["value"]) for f in out["STATISTICS"].getFeatures()}
        assert values[(7, "farmland-ha")] is not None
        assert any(value is None for (fid, _s), value in values.items() if fid != 7)
    finally:
        sip.delete(plans)


@pytest.fixture
def static(static_server):
    return static_server


@pytest.mark.timeout(240)
def test_r2_09_a_zip_download_cut_to_an_extent(provider, static, pygeoapi_service, cache_dir, tmp_path):
    """The state's datasets from a ZIP download (version 2 profile): cached whole first (OGR's copy),
    then cut to an extent with cachelayers; offline, the plans that reach outside it are refused
    with the download's datasets named, never checked against the part."""
    import processing

    from tests.test_source_download import state_zip, v2_profile, write_profile

    state_zip(tmp_path)
    profile = write_profile(tmp_path, v2_profile(pygeoapi_service, static.url("state.zip")))
    plans = QgsVectorLayer(DEMO_GPKG + "|layername=plan_samples", "plan_samples", "ogr")
    QgsProject.instance().addMapLayer(plans)
    try:
        assert processing.run("regionplan:cachelayers", {"PROFILE": profile})["CACHED"] >= 10
        box = plans.getFeature(7).geometry().boundingBox().buffered(3100)
        extent = f"{box.xMinimum()},{box.xMaximum()},{box.yMinimum()},{box.yMaximum()} [EPSG:3006]"
        assert processing.run("regionplan:cachelayers", {"PROFILE": profile, "EXTENT": extent})["CACHED"] >= 10
        entries = Cache(load_profile(profile).id).entries()
        assert entries["vattenskydd"].bbox == [box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()]
        with pytest.raises(QgsProcessingException) as error:
            processing.run("regionplan:checkplan", {"PLAN": plans, "PROFILE": profile, "OFFLINE": True,
                                                    "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT"})
        message = str(error.value)
        assert "cover only part of the region" in message
        assert all(name in message for name in ("vattenskydd", "skyfall_risk", "gron_infrastruktur"))
    finally:
        QgsProject.instance().removeMapLayer(plans.id())


# ----------------------------------------------------------------------------------------
# item 15


@pytest.mark.timeout(240)
def test_r2_15_offline_never_fetches_the_profile_url(provider, demo_plans, pygeoapi_service, fault_server,
                                                    cache_dir):
    import processing

    profile_json = json.loads(open(PROFILE_PATH, encoding="utf-8").read())
    fault_server.route("/profile.json", body=profile_json, times=1)
    # then a captive portal: every request gets a login page
    fault_server.route("/profile.json", body="<html><body>Log in to the hotel Wi-Fi</body></html>",
                       content_type="text/html")
    url = fault_server.url_for("/profile.json")
    load_profile(url)  # online once: the copy is kept
    profile = load_profile(PROFILE_PATH).with_service_url(pygeoapi_service)
    cache = Cache(profile.id)
    service = OgcFeaturesService(pygeoapi_service, HttpClient())
    for cid in list(profile.collections_needed()) + ["kommuner"]:  # rules and statistics
        cache.refresh(service, cid, profile.crs)
    fault_server.clear_log()
    out = processing.run("regionplan:checkplan", {
        "PLAN": demo_plans, "PROFILE": url, "OFFLINE": True, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert fault_server.requests == []
    online = run_check(profile, demo_plans, open_data(profile), lang="en")
    assert layer_keys(out["OUTPUT"]) == finding_keys(online) and online.findings
    online.layers.clear()
    # a profile URL never downloaded: a clear refusal, still without a request
    with pytest.raises(QgsProcessingException) as error:
        processing.run("regionplan:checkplan", {
            "PLAN": demo_plans, "PROFILE": fault_server.url_for("/other.json"), "OFFLINE": True, "LANGUAGE": "en",
            "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "never been downloaded" in str(error.value)
    assert fault_server.requests == []


# ----------------------------------------------------------------------------------------
# one process, many failures


def _busy_and_odd_service(fault_server):
    """Two services on the fault server: /busy answers 429 (Retry-After: one day) to
    everything, /odd answers well-formed JSON of the wrong shape."""
    profile = load_profile(PROFILE_PATH)
    collections = list(profile.collections_used()) + ["kommuner", "kommungranser"]
    paths = ["", "/", "/conformance", "/collections"]
    paths += [f"/collections/{cid}" for cid in collections] + [f"/collections/{cid}/items" for cid in collections]
    for path in paths:
        fault_server.route("/busy" + path, status=429, retry_after=86400, body={"code": "TooManyRequests"})
        fault_server.route("/odd" + path, body={"collections": "none", "features": 42, "links": "x"})
    return fault_server.url_for("/busy/"), fault_server.url_for("/odd/")


@pytest.mark.timeout(600)
def test_r2_mixed_failures_one_process(pygeoapi_service, fault_server, cache_dir, tmp_path):
    busy, odd = _busy_and_odd_service(fault_server)
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "regionplan-profile/1", "id": ', encoding="utf-8")
    good = {"SERVICE_URL": pygeoapi_service, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT"}
    plans = {
        "3006": {"gpkg": DEMO_GPKG, "layer": "plan_samples"},
        "3009": {"gpkg": DEMO_GPKG, "layer": "plan_sample_3009"},
        "4326": {"gpkg": DEMO_GPKG, "layer": "plan_sample_4326"},
    }

    def run(label, plan, **params):
        return {"label": label, "alg": "regionplan:checkplan", "plan": plan, "params": dict(good, **params)}

    runs = [
        run("good 3006", plans["3006"]),
        run("bowtie", BOWTIE),
        run("broken profile", plans["3006"], PROFILE=str(broken)),
        run("good 3009", plans["3009"]),
        run("unreachable", plans["3006"], SERVICE_URL=f"http://127.0.0.1:{free_port()}/"),
        run("line layer", {"line": list(OREBRO_C_3006)}),
        run("bowtie again", BOWTIE),
        run("busy", plans["3009"], SERVICE_URL=busy),
        run("good 4326", plans["4326"]),
        run("wrong shape", plans["3009"], SERVICE_URL=odd),
        run("good 3006 again", plans["3006"]),
    ]
    code, reports, output = _child(runs, tmp_path, cache_dir, timeout=580)
    assert code == 0 and "DONE" in output, output
    assert [r["label"] for r in runs] == list(reports)
    for label, spec in (("good 3006", plans["3006"]), ("good 3009", plans["3009"]), ("good 4326", plans["4326"]),
                        ("good 3006 again", plans["3006"]), ("bowtie", BOWTIE), ("bowtie again", BOWTIE)):
        assert reports[label]["ok"], (label, reports[label]["message"])
        assert reports[label]["keys"] == _direct_keys(spec, pygeoapi_service), label
        assert reports[label]["keys"], label
    failures = {
        "broken profile": "is not valid JSON",
        "unreachable": "Could not connect to 127.0.0.1",
        "line layer": "not a polygon layer",
        "busy": "HTTP 429",
        "wrong shape": "not as an OGC API - Features service",
    }
    for label, text in failures.items():
        assert not reports[label]["ok"], label
        assert text in reports[label]["message"], (label, reports[label]["message"])
        assert "Unexpected error" not in reports[label]["message"], (label, reports[label]["message"])
