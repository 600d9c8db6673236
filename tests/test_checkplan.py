"""``regionplan:checkplan`` through Processing and qgis_process, against the reference
service (pygeoapi on loopback) and the offline cache: the same findings as a direct engine
call, online and offline."""

import gc
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingParameterDefinition,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt import sip

from regionplan_plugin.core import report
from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.check import FIELD_NAMES, run_check
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.report import esc
from regionplan_plugin.core.service import OgcFeaturesService
from regionplan_plugin.core.sources import DataAccess, open_data
from regionplan_plugin.core.util import plain_value
from tests.fixtures.algs import finding_keys, layer_keys
from tests.fixtures.base import ROOT
from tests.fixtures.service import DEMO_GPKG, PROFILE_PATH


@pytest.fixture(autouse=True)
def _plain(plain_settings):
    """No leftover plugin settings in any test of this file."""


def test_processing_gives_the_same_findings_as_the_engine(provider, demo_plans, pygeoapi_service, cache_dir,
                                                          tmp_path):
    import processing

    report_path = str(tmp_path / "report.html")
    out = processing.run("regionplan:checkplan", {
        "PLAN": demo_plans, "SERVICE_URL": pygeoapi_service, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT",
        "REPORT": report_path,
    })
    layer = out["OUTPUT"]
    assert [f.name() for f in layer.fields()] == list(FIELD_NAMES)
    assert layer.crs().authid() == "EPSG:3006"
    profile = load_profile(PROFILE_PATH).with_service_url(pygeoapi_service)
    direct = run_check(profile, demo_plans, open_data(profile), lang="en")
    assert layer.featureCount() == len(direct.findings) > 0
    assert layer_keys(layer) == finding_keys(direct)
    counts = direct.counts
    assert (out["CONFLICTS"], out["ATTENTION"], out["SUPPORT"], out["INFO"]) == (
        counts["conflict"], counts["attention"], counts["support"], counts["info"])
    assert out["REPORT"] == report_path
    text = open(report_path, encoding="utf-8").read()
    assert '<html lang="en">' in text and "Draft statement" in text
    assert pygeoapi_service in text  # provenance: the service used
    direct.layers.clear()


def test_online_and_offline_give_the_same_findings(provider, demo_plans, pygeoapi_service, cache_dir, tmp_path):
    import processing

    profile = load_profile(PROFILE_PATH).with_service_url(pygeoapi_service)
    params = {"PLAN": demo_plans, "SERVICE_URL": pygeoapi_service, "LANGUAGE": "sv", "OUTPUT": "TEMPORARY_OUTPUT"}
    # offline before anything is cached: one clear message
    with pytest.raises(QgsProcessingException) as error:
        processing.run("regionplan:checkplan", dict(params, OFFLINE=True))
    assert "offline cache" in str(error.value)
    online = processing.run("regionplan:checkplan", params)
    # cache every dataset a rule uses, plus the municipalities
    cache = Cache(profile.id)
    service = OgcFeaturesService(pygeoapi_service, HttpClient())
    for cid in list(profile.collections_needed()) + ["kommuner"]:  # rules and statistics
        cache.refresh(service, cid, profile.crs)
    offline = processing.run("regionplan:checkplan", dict(params, OFFLINE=True, SERVICE_URL="http://127.0.0.1:9/"))
    assert layer_keys(offline["OUTPUT"]) == layer_keys(online["OUTPUT"])
    assert online["OUTPUT"].featureCount() > 0
    # the offline run names its source: cached copies with fetch times
    result = run_check(profile, demo_plans, DataAccess(profile, cache, offline=True), lang="en")
    assert {info.origin for info in result.datasets.values()} == {"cache"}
    assert all(info.fetched_at for info in result.datasets.values())
    # the report map shows the cached municipalities as context, given by the caller (the report opens no cache)
    assert "kommuner" not in result.layers and "kommuner" not in report.map_contents(result).collections
    context = report.cached_context(cache, result.crs)
    assert "kommuner" in report.map_contents(result, context_layers=context).collections
    context.clear()
    # fresh cache while online: the cache is used, same findings
    fresh = run_check(profile, demo_plans, open_data(profile), lang="en")
    assert finding_keys(fresh) == layer_keys(online["OUTPUT"])
    result.layers.clear()
    fresh.layers.clear()


def test_selected_features_only_and_empty_selection(provider, pygeoapi_service, cache_dir, tmp_path):
    import processing

    layer = QgsVectorLayer(DEMO_GPKG + "|layername=plan_samples", "plan_samples", "ogr")
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.selectByIds([2])
        out = processing.run("regionplan:checkplan", {
            "PLAN": QgsProcessingFeatureSourceDefinition(layer.id(), True),
            "SERVICE_URL": pygeoapi_service, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT"})
        fids = {int(f["plan_fid"]) for f in out["OUTPUT"].getFeatures()}
        assert fids == {2}
        layer.removeSelection()
        with pytest.raises(QgsProcessingException) as error:
            processing.run("regionplan:checkplan", {
                "PLAN": QgsProcessingFeatureSourceDefinition(layer.id(), True),
                "SERVICE_URL": pygeoapi_service, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT"})
        assert "selected" in str(error.value)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_pdf_report_and_geopackage_output(provider, demo_plans, pygeoapi_service, cache_dir, tmp_path):
    import processing

    gpkg = str(tmp_path / "findings.gpkg")
    pdf = str(tmp_path / "report.pdf")
    out = processing.run("regionplan:checkplan", {
        "PLAN": demo_plans, "SERVICE_URL": pygeoapi_service, "LANGUAGE": "sv", "OUTPUT": gpkg, "REPORT": pdf})
    assert open(pdf, "rb").read(5) == b"%PDF-"
    written = QgsVectorLayer(out["OUTPUT"], "f", "ogr")
    assert written.isValid() and written.featureCount() == sum(
        out[k] for k in ("CONFLICTS", "ATTENTION", "SUPPORT", "INFO"))
    assert [f.name() for f in written.fields() if f.name() != "fid"] == list(FIELD_NAMES)


def test_help_and_parameters_follow_the_contract(provider):
    algorithm = QgsApplication.processingRegistry().algorithmById("regionplan:checkplan")
    names = [p.name() for p in algorithm.parameterDefinitions()]
    assert names == ["PLAN", "PROFILE", "SERVICE_URL", "OFFLINE", "LANGUAGE", "OUTPUT", "REPORT",
                     # contract section 4
                     "PARTIAL", "OUTCOMES", "STATISTICS", "NAME_FIELD", "PURPOSE_FIELD", "PURPOSE", "CASE_ID",
                     "MUNICIPALITY_CASE_ID", "PLAN_TYPE", "STAGE", "OFFICER", "CASE_FILE"]
    outputs = {o.name() for o in algorithm.outputDefinitions()}
    assert {"OUTPUT", "REPORT", "CONFLICTS", "ATTENTION", "SUPPORT", "INFO", "OUTCOMES", "STATISTICS",
            "CASE_FILE"} <= outputs
    assert not algorithm.parameterDefinition("PARTIAL").defaultValue()
    for name in names[7:]:
        assert algorithm.parameterDefinition(name).flags() & QgsProcessingParameterDefinition.FlagOptional, name
    assert "not_applicable" in algorithm.shortHelpString() and "benamning" in algorithm.shortHelpString()
    assert "Selected features only" in algorithm.shortHelpString()
    assert not algorithm.parameterDefinition("PROFILE").defaultValue()  # the bundled profile


# --------------------------------------------------------------------------- qgis_process


QGIS_PROCESS = shutil.which("qgis_process.bin")


@pytest.fixture(scope="module")
def installed_plugin(tmp_path_factory):
    """The release zip extracted into a plugins folder and enabled in a fresh QGIS profile."""
    folder = tmp_path_factory.mktemp("qgis-process")
    zip_path = folder / "regionplan_plugin.zip"
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "package.py"), "--out", str(zip_path)],
                   check=True, capture_output=True, timeout=120)
    plugins = folder / "plugins"
    plugins.mkdir()
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(plugins)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(folder / "profile"),
               QGIS_PLUGINPATH=str(plugins), PYTHONPATH="")
    enable = subprocess.run([QGIS_PROCESS, "plugins", "enable", "regionplan_plugin"], capture_output=True,
                            text=True, timeout=120, env=env, cwd=str(folder))
    assert enable.returncode == 0, enable.stdout + enable.stderr
    return {"env": env, "folder": folder}


@pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process comes with the Debian package 'qgis'")
def test_qgis_process_runs_checkplan(installed_plugin, pygeoapi_service, demo_plans, cache_dir, tmp_path):
    env = dict(installed_plugin["env"], REGIONPLAN_CACHE_DIR=str(cache_dir))
    output = tmp_path / "findings.gpkg"
    report_path = tmp_path / "report.html"
    command = [
        QGIS_PROCESS, "--json", "run", "regionplan:checkplan", "--",
        f"PLAN={DEMO_GPKG}|layername=plan_samples", f"SERVICE_URL={pygeoapi_service}", "LANGUAGE=en",
        f"OUTPUT={output}", f"REPORT={report_path}",
    ]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=170, env=env,
                          cwd=str(installed_plugin["folder"]))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    profile = load_profile(PROFILE_PATH).with_service_url(pygeoapi_service)
    direct = run_check(profile, demo_plans, open_data(profile), lang="en")
    counts = direct.counts
    assert (results["CONFLICTS"], results["ATTENTION"], results["SUPPORT"], results["INFO"]) == (
        counts["conflict"], counts["attention"], counts["support"], counts["info"])
    written = QgsVectorLayer(str(output), "f", "ogr")
    assert layer_keys(written) == finding_keys(direct)
    assert "Draft statement" in report_path.read_text(encoding="utf-8")
    direct.layers.clear()


def test_loaded_output_gets_styled_views(provider, demo_plans, pygeoapi_service, cache_dir):
    """Run and load (as the toolbox does): the findings layer plus drawable, styled views."""
    import processing

    project = QgsProject.instance()
    before = set(project.mapLayers())
    try:
        out = processing.runAndLoadResults("regionplan:checkplan", {
            "PLAN": demo_plans, "SERVICE_URL": pygeoapi_service, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT"})
        added = [project.mapLayer(i) for i in set(project.mapLayers()) - before]
        views = [layer for layer in added if layer.geometryType() in (0, 1, 2)]
        assert views, [layer.name() for layer in added]
        total = sum(out[k] for k in ("CONFLICTS", "ATTENTION", "SUPPORT", "INFO"))
        assert sum(layer.featureCount() for layer in views) == total
        assert all(layer.renderer().type() == "categorizedSymbol" for layer in views)
    finally:
        project.removeMapLayers(list(set(project.mapLayers()) - before))


def test_online_fetches_only_the_box_around_the_plan(demo_plans, pygeoapi_service, cache_dir):
    from osgeo import ogr

    profile = load_profile(PROFILE_PATH).with_service_url(pygeoapi_service)
    demo_plans.selectByIds([2])
    result = run_check(profile, demo_plans, open_data(profile), lang="en", selected_only=True)
    plan_box = result.plan_features[0].geometry.boundingBox()
    reach = max(float(rule.distance_m or 0) for rule in profile.rules)
    dataset = ogr.Open(DEMO_GPKG)
    smaller = 0
    for cid, info in result.datasets.items():
        # the region's datasets from its service, the state's from the download it serves (profile v2)
        assert info.origin == "service" and info.source == profile.resolve(cid)[0].url
        assert info.source.startswith(pygeoapi_service)
        box = info.bbox
        assert box[0] <= plan_box.xMinimum() - reach + 1 and box[2] >= plan_box.xMaximum() + reach - 1
        total = dataset.GetLayerByName(cid).GetFeatureCount()
        assert info.feature_count <= total
        smaller += info.feature_count < total
    assert smaller >= 5  # most datasets: only a part was fetched
    result.layers.clear()


def test_service_down_falls_back_to_the_cache_with_a_note(demo_plans, pygeoapi_service, cache_dir):
    from tests.fixtures.base import free_port

    profile = load_profile(PROFILE_PATH).with_service_url(pygeoapi_service)
    cache = Cache(profile.id)
    service = OgcFeaturesService(pygeoapi_service, HttpClient())
    for cid in list(profile.collections_needed()) + ["kommuner"]:  # rules and statistics
        cache.refresh(service, cid, profile.crs)
    reference = run_check(profile, demo_plans, DataAccess(profile, cache, offline=True), lang="en")
    down = profile.with_service_url(f"http://127.0.0.1:{free_port()}/")
    access = DataAccess(down, cache, service=OgcFeaturesService(down.service_url, HttpClient(timeout_s=5)))
    result = run_check(down, demo_plans, access, lang="en")
    assert finding_keys(result) == finding_keys(reference)
    assert any("could not be reached" in note and "offline copies" in note for note in result.notes)
    reference.layers.clear()
    result.layers.clear()


def test_checkplan_inside_a_processing_model(provider, demo_plans, pygeoapi_service, cache_dir):
    """As the graphical modeler builds it: a model input layer -> checkplan -> model output."""
    import processing
    from qgis.core import (
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterVectorLayer,
    )

    model = QgsProcessingModelAlgorithm("check drafts", "regionplan tests")
    model.addModelParameter(
        QgsProcessingParameterVectorLayer("plan", "Plan", [QgsProcessing.TypeVectorPolygon]),
        QgsProcessingModelParameter("plan"))
    child = QgsProcessingModelChildAlgorithm("regionplan:checkplan")
    child.setChildId("check")
    child.addParameterSources("PLAN", [QgsProcessingModelChildParameterSource.fromModelParameter("plan")])
    child.addParameterSources("SERVICE_URL", [QgsProcessingModelChildParameterSource.fromStaticValue(
        pygeoapi_service)])
    child.addParameterSources("LANGUAGE", [QgsProcessingModelChildParameterSource.fromStaticValue("en")])
    child.addParameterSources("OFFLINE", [QgsProcessingModelChildParameterSource.fromStaticValue(False)])
    output = QgsProcessingModelOutput("findings")
    output.setChildId("check")
    output.setChildOutputName("OUTPUT")
    child.setModelOutputs({"findings": output})
    model.addChildAlgorithm(child)
    ok, errors = model.validate()
    assert ok, errors
    out = processing.run(model, {"plan": demo_plans, "check:findings": "TEMPORARY_OUTPUT"})
    layer = out["check:findings"]
    assert isinstance(layer, QgsVectorLayer)
    profile = load_profile(PROFILE_PATH).with_service_url(pygeoapi_service)
    direct = run_check(profile, demo_plans, open_data(profile), lang="en")
    assert layer_keys(layer) == finding_keys(direct)
    direct.layers.clear()



def test_a_plan_far_from_the_region_via_the_service(provider, pygeoapi_service, cache_dir):
    """A draft in Malmö checked against Örebro's service: no findings, and the report says why."""
    import processing
    from qgis.core import QgsFeature, QgsGeometry

    plan = QgsVectorLayer("Polygon?crs=EPSG:4326&field=namn:string", "Malmö", "memory")
    feature = QgsFeature(plan.fields())
    feature.setAttributes(["Hamnen"])
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((13.0 55.60,13.01 55.60,13.01 55.61,13.0 55.61,13.0 55.60))"))
    plan.dataProvider().addFeatures([feature])
    profile = load_profile(PROFILE_PATH).with_service_url(pygeoapi_service)
    result = run_check(profile, plan, open_data(profile), lang="en")
    assert result.findings == [] and result.outside_region
    assert any("outside the extent" in note for note in result.notes)
    out = processing.run("regionplan:checkplan", {"PLAN": plan, "SERVICE_URL": pygeoapi_service, "LANGUAGE": "en",
                                                  "OUTPUT": "TEMPORARY_OUTPUT"})
    assert out["OUTPUT"].featureCount() == 0 and out["CONFLICTS"] == 0
    result.layers.clear()


def _live(kind) -> int:
    gc.collect()
    return sum(1 for obj in gc.get_objects() if isinstance(obj, kind))


def test_a_failed_run_releases_its_data(provider, demo_plans, cache_dir):
    """QGIS' bindings never free the exception a failed algorithm raises (nor the frames in its
    traceback): the failed run's data access, cache and layers must not be held by it."""
    import processing

    from regionplan_plugin.core.sources import DataAccess

    before = _live(DataAccess)
    for _ in range(2):
        with pytest.raises(QgsProcessingException) as error:
            processing.run("regionplan:checkplan", {
                "PLAN": demo_plans, "OFFLINE": True, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT"})
        assert "is not in the offline cache" in str(error.value)
        del error
    assert _live(DataAccess) == before


def test_an_unexpected_error_gets_a_message_and_its_traceback_in_the_log(qgis_processing, plain_settings):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from regionplan_plugin.processing.base import RegionplanAlgorithm

    class Broken(RegionplanAlgorithm):
        def name(self):
            return "broken"

        def displayName(self):  # noqa: N802
            return "Broken step"

        def createInstance(self):  # noqa: N802
            return Broken()

        def initAlgorithm(self, config=None):  # noqa: N802
            pass

        def process(self, parameters, context, feedback):
            return {"x": 1 / 0}

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.errors = []

        def reportError(self, error, fatalError=False):  # noqa: N802, N803
            self.errors.append(error)

    algorithm, log = Broken(), Log()
    algorithm.initAlgorithm()
    results, ok = algorithm.run({}, QgsProcessingContext(), log)
    assert not ok
    assert any("ZeroDivisionError" in error and "process" in error for error in log.errors)
    assert "Unexpected error in Broken step; the details are in the log above." in log.errors


# --------------------------------------------------------------------------- contract section 4


def _purpose_plans():
    """Two plan areas: housing by Laxå station (medium frequency) and industry far from any node."""
    from tests.test_outcomes import LAXA_STATION, REMOTE, plan_layer, square

    return plan_layer([
        ("Stationsområdet", "B", square(LAXA_STATION[0] + 100, LAXA_STATION[1] + 50, 200)),
        ("Verksamheter", "J", square(*REMOTE, 300)),
    ])


def _rows(layer):
    return [{field.name(): plain_value(feature[field.name()]) for field in layer.fields()}
            for feature in layer.getFeatures()]


@pytest.mark.timeout(180)
def test_outcomes_and_statistics_tables(provider, pygeoapi_service, cache_dir):
    import processing

    plan = _purpose_plans()
    try:
        out = processing.run("regionplan:checkplan", {
            "PLAN": plan, "SERVICE_URL": pygeoapi_service, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT",
            "PURPOSE_FIELD": "anv", "NAME_FIELD": "Benamning", "OUTCOMES": "TEMPORARY_OUTPUT",
            "STATISTICS": "TEMPORARY_OUTPUT"})
        profile = load_profile(PROFILE_PATH)
        outcomes = _rows(out["OUTCOMES"])
        assert [f.name() for f in out["OUTCOMES"].fields()] == [
            "plan_fid", "rule_id", "state", "findings", "reason", "collection", "data_version", "fetched_at"]
        assert out["OUTCOMES"].wkbType() == QgsWkbTypes.NoGeometry
        assert [(row["plan_fid"], row["rule_id"]) for row in outcomes] == [
            (fid, rule.id) for fid in (1, 2) for rule in profile.rules]
        state = {(row["plan_fid"], row["rule_id"]): row["state"] for row in outcomes}
        assert state[(1, "far-from-public-transport")] == "not_affected"
        assert state[(2, "far-from-public-transport")] == "not_applicable"
        assert state[(2, "public-transport-walking-distance")] == "not_applicable"
        findings = out["OUTPUT"]
        for row in outcomes:
            count = sum(1 for f in findings.getFeatures()
                        if f["plan_fid"] == row["plan_fid"] and f["rule_id"] == row["rule_id"])
            assert row["findings"] == count and (row["state"] == "affected") == (count > 0)
            assert row["reason"] in ("", None)
            assert row["collection"] == profile.rule(row["rule_id"]).collection
            assert row["data_version"] and row["fetched_at"].endswith("Z")
        statistics = _rows(out["STATISTICS"])
        assert [f.name() for f in out["STATISTICS"].fields()] == ["plan_fid", "statistic_id", "value", "unit"]
        assert [(row["plan_fid"], row["statistic_id"]) for row in statistics] == [
            (fid, s.id) for fid in (1, 2) for s in profile.statistics]
        nodes = {row["plan_fid"]: row["value"] for row in statistics if row["statistic_id"] == "frequent-nodes-800m"}
        assert nodes == {1: 1.0, 2: 0.0}  # Laxå station lies within 800 m of the station-area plan
        assert {f["plan_name"] for f in findings.getFeatures()} <= {"Stationsområdet", "Verksamheter"}
    finally:
        sip.delete(plan)


def _profile_with_missing_data(tmp_path):
    with open(PROFILE_PATH, encoding="utf-8") as handle:
        obj = json.load(handle)
    obj["rules"].append({"id": "missing-data", "title": {"sv": "Saknas", "en": "Missing"},
                         "collection": "finns_inte", "relation": "intersects", "severity": "conflict",
                         "message": {"sv": "Saknas.", "en": "Missing."}})
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.timeout(180)
@pytest.mark.parametrize("lang, verdict, said, foreign", [
    ("en", "Incomplete check: 1 rule could not be checked", "Not found at ", "Hittades inte"),
    ("sv", "Ofullständig avstämning: 1 regel kunde inte kontrolleras", "Hittades inte på ", "Not found")])
def test_partial_run_with_a_dataset_missing_from_the_service(provider, pygeoapi_service, cache_dir, tmp_path, lang,
                                                             verdict, said, foreign):
    """The reason a rule was not checked, in OUTCOMES and the report, is in LANGUAGE (qgis_process
    speaks English whatever LANGUAGE says)."""
    import processing

    plan = _purpose_plans()
    params = {"PLAN": plan, "PROFILE": _profile_with_missing_data(tmp_path), "SERVICE_URL": pygeoapi_service,
              "LANGUAGE": lang, "OUTPUT": "TEMPORARY_OUTPUT", "PURPOSE_FIELD": "anv", "OUTCOMES": "TEMPORARY_OUTPUT"}
    try:
        with pytest.raises(QgsProcessingException) as error:
            processing.run("regionplan:checkplan", params)
        assert "finns_inte" in str(error.value)
        report_path = str(tmp_path / "report.html")
        out = processing.run("regionplan:checkplan", dict(params, PARTIAL=True, REPORT=report_path))
        rows = [row for row in _rows(out["OUTCOMES"]) if row["rule_id"] == "missing-data"]
        assert [(row["plan_fid"], row["state"]) for row in rows] == [(1, "not_checked"), (2, "not_checked")]
        assert all("finns_inte" in row["reason"] and row["reason"].startswith(said) for row in rows)
        others = [row for row in _rows(out["OUTCOMES"]) if row["rule_id"] != "missing-data"]
        assert others and all(row["state"] != "not_checked" for row in others)
        assert out["CONFLICTS"] == 0
        text = open(report_path, encoding="utf-8").read()
        assert verdict in text
        assert said in text and foreign not in text
    finally:
        sip.delete(plan)


@pytest.mark.timeout(240)
def test_case_file_is_created_then_gets_version_2(provider, pygeoapi_service, cache_dir, tmp_path):
    import processing

    from regionplan_plugin.core.case import open_case

    plan = _purpose_plans()
    case_path = str(tmp_path / "arende.gpkg")
    params = {"PLAN": plan, "SERVICE_URL": pygeoapi_service, "LANGUAGE": "sv", "OUTPUT": "TEMPORARY_OUTPUT",
              "PURPOSE_FIELD": "anv", "CASE_FILE": case_path, "CASE_ID": "RÖ 2026-123",
              "MUNICIPALITY_CASE_ID": "KS 2026/45", "PLAN_TYPE": "dp", "STAGE": "samrad", "OFFICER": "Anna Berg"}
    try:
        with pytest.raises(QgsProcessingException) as error:
            processing.run("regionplan:checkplan", dict(params, PLAN_TYPE="detaljplan"))
        assert "PLAN_TYPE" in str(error.value) and not os.path.exists(case_path)
        first = processing.run("regionplan:checkplan", params)
        assert first["CASE_FILE"] == case_path
        second = processing.run("regionplan:checkplan", dict(params, CASE_ID="ignored: the case exists"))
        with open_case(case_path) as case:
            info = case.info()
            assert (info.case_id, info.plan_type, info.stage, info.profile_id) == ("RÖ 2026-123", "dp", "samrad",
                                                                                   "orebro")
            assert [v.version for v in case.versions()] == [1, 2]
            assert [name for name, _geometry in case.version(2).areas] == ["Stationsområdet", "Verksamheter"]
            profile = load_profile(PROFILE_PATH)
            for version, out in ((1, first), (2, second)):
                assert len(case.findings(version)) == out["OUTPUT"].featureCount()
                outcomes = case.outcomes(version)
                assert len(outcomes) == 2 * len(profile.rules)
                assert {o["state"] for o in outcomes if o["rule_id"] == "far-from-public-transport"} == {
                    "not_affected", "not_applicable"}
                assert len(case.statistics(version)) == 2 * len(profile.statistics)
                assert case.provenance(version)
    finally:
        sip.delete(plan)


@pytest.mark.timeout(240)
def test_case_file_version_2_report_shows_the_changes_and_the_decisions(provider, pygeoapi_service, cache_dir,
                                                                        tmp_path):
    """The report of a run stored as version 2 of a case (the Processing path) has the section
    "Förändringar sedan föregående version" with the new and resolved findings and the plan area
    added and removed, and the reviewer's decision on a finding of version 1 that is still there."""
    import processing

    from regionplan_plugin.core.case import open_case
    from tests.test_outcomes import LAXA_STATION, REMOTE, plan_layer, square

    case_path = str(tmp_path / "arende.gpkg")
    params = {"SERVICE_URL": pygeoapi_service, "LANGUAGE": "sv", "OUTPUT": "TEMPORARY_OUTPUT",
              "PURPOSE_FIELD": "anv", "NAME_FIELD": "Benamning", "CASE_FILE": case_path, "CASE_ID": "RÖ 2026-7",
              "PLAN_TYPE": "op", "STAGE": "samrad"}
    # version 2: the housing area moved 1.5 km east of Laxå station (4 ha -> 16 ha), the industrial
    # area 200 m east: 16 + 6 ha added, 4 + 6 ha removed
    v1 = plan_layer([("Stationsområdet", "B", square(LAXA_STATION[0] + 100, LAXA_STATION[1] + 50, 200)),
                     ("Verksamheter", "J", square(*REMOTE, 300))])
    v2 = plan_layer([("Stationsområdet", "B", square(LAXA_STATION[0] + 1500, LAXA_STATION[1], 400)),
                     ("Verksamheter", "J", square(REMOTE[0] + 200, REMOTE[1], 300))])
    titles = {rule.id: rule.title["sv"] for rule in load_profile(PROFILE_PATH).rules}
    try:
        processing.run("regionplan:checkplan", dict(params, PLAN=v1, REPORT=str(tmp_path / "v1.html")))
        assert "Förändringar sedan föregående version" not in (tmp_path / "v1.html").read_text(encoding="utf-8")
        with open_case(case_path) as case:  # the reviewer's word on two findings of version 1
            by_key = {(f.rule_id, f.feature_id): f for f in case.findings(1)}
            kept, gone = by_key[("primary-corridor", "2")], by_key[("dangerous-goods-route", "4")]
            case.decide(1, kept.rule_id, kept.feature_id, kept.plan_fid, "not_relevant",
                        reason="Stråket är redan utbyggt.")
            case.decide(1, gone.rule_id, gone.feature_id, gone.plan_fid, "severity_changed", "info",
                        reason="Transporterna går på andra sidan bangården.")
        second = processing.run("regionplan:checkplan", dict(params, PLAN=v2, REPORT=str(tmp_path / "v2.html")))
        assert second["REPORT"] == str(tmp_path / "v2.html")
        html = (tmp_path / "v2.html").read_text(encoding="utf-8")
        changes = html[html.index("Förändringar sedan föregående version"):]
        changes = changes[:changes.index("</ul>")]
        with open_case(case_path) as case:  # the counts, from the two versions' stored findings
            before = {(f.rule_id, f.feature_id) for f in case.findings(1)}
            after = {(f.rule_id, f.feature_id) for f in case.findings(2)}
        assert len(after - before) == 1 and len(before - after) == 1
        assert f"Version 1 → version 2: 1 nya, 1 lösta och {len(before & after)} oförändrade träffar." in changes
        assert "Tillkommen planyta: 22,00 ha; borttagen planyta: 10,00 ha." in changes
        assert f"Ny: {esc(titles['far-from-public-transport'])} – " in changes
        assert f"Löst: {esc(titles['dangerous-goods-route'])} – " in changes
        decisions = html[html.index("Bedömningar av träffar</h2>"):]
        decisions = decisions[:decisions.index("</ul>")]
        assert "Stråket är redan utbyggt." in decisions and "(beslut i version 1)" in decisions
        assert "Transporterna går på andra sidan bangården." not in html  # resolved: no longer a finding
        with open_case(case_path) as case:
            assert [v.version for v in case.versions()] == [1, 2]
            assert case.decisions(2) == []  # the report shows the earlier word; the case is not changed
    finally:
        sip.delete(v1)
        sip.delete(v2)
