"""``regionplan:importplan`` (contract section 6) through Processing: each mode, a file without
a CRS, a wrong CRS, a broken file, a model that feeds the imported plan to checkplan, and the
demo detaljplan checked by the engine."""

import os

import pytest
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFile,
    QgsProcessingUtils,
)

from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.plans import PER_USE, WHOLE, read_detaljplan
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.sources import LayerData
from tests.fixtures.base import ROOT
from tests.fixtures.service import DEMO_GPKG, PROFILE_PATH

DATA = os.path.join(ROOT, "tests", "data", "plans")
DEMO_DP = os.path.join(ROOT, "resources", "demo", "demo_detaljplan.json")
DEMO_OP = os.path.join(ROOT, "resources", "demo", "demo_op_model.gpkg")


class Warnings(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []

    def pushWarning(self, text):  # noqa: N802 (QGIS API name)
        self.warnings.append(text)
        super().pushWarning(text)


def run(params, feedback=None):
    import processing

    context = QgsProcessingContext()
    out = processing.run("regionplan:importplan", dict({"OUTPUT": "TEMPORARY_OUTPUT"}, **params),
                         context=context, feedback=feedback or QgsProcessingFeedback())
    layer = out["OUTPUT"]
    return layer, [f for f in layer.getFeatures()]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode, count", [(0, 1), (1, 5)])
def test_each_mode(provider, mode, count):
    layer, features = run({"INPUT": os.path.join(DATA, "dp_multi.json"), "MODE": mode})
    assert [f.name() for f in layer.fields()] == ["name", "purpose", "use_code", "plan_id", "status"]
    assert layer.crs().authid() == "EPSG:3006"
    assert len(features) == count
    assert sum(f.geometry().area() for f in features) == pytest.approx(47500.0)
    assert {f["name"] for f in features} == ({"Kv. Provröret"} if mode == 0 else {
        "Kv. Provröret – Bostäder", "Kv. Provröret – Centrum", "Kv. Provröret – Gata", "Kv. Provröret – Industri",
        "Kv. Provröret – Park"})
    purposes = sorted(f["purpose"] for f in features)
    assert purposes == (["mixed"] if mode == 0 else
                        ["centre", "housing", "industry", "infrastructure", "recreation"])


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode, count", [(0, 1), (1, 5)])
def test_op_model_through_processing(provider, mode, count):
    layer, features = run({"INPUT": os.path.join(DATA, "op_model.gpkg"), "MODE": mode})
    assert len(features) == count and layer.crs().authid() == "EPSG:3006"
    assert features[0]["plan_id"] == "1880-OP-2025" and features[0]["status"] == "samråd"
    if mode == 0:
        assert features[0]["purpose"] == "mixed" and features[0].geometry().area() == pytest.approx(1200 * 800)
    else:
        assert sorted(f["purpose"] for f in features) == [
            "agriculture-forestry", "housing", "housing", "industry", "recreation"]


@pytest.mark.timeout(60)
def test_profile_crs_and_file_crs(provider, tmp_path):
    profile = tmp_path / "p.json"
    text = open(PROFILE_PATH, encoding="utf-8").read().replace('"crs": "EPSG:3006"', '"crs": "EPSG:3010"', 1)
    profile.write_text(text, encoding="utf-8")
    layer, features = run({"INPUT": os.path.join(DATA, "dp_multi.json"), "MODE": 1, "PROFILE": str(profile)})
    assert layer.crs().authid() == "EPSG:3010" and len(features) == 5
    layer, features = run({"INPUT": os.path.join(DATA, "plan_nocrs.dxf"), "MODE": 0, "CRS": "EPSG:3006"})
    assert layer.crs().authid() == "EPSG:3006" and features[0].geometry().area() == pytest.approx(50000.0)


@pytest.mark.timeout(60)
def test_clear_errors(provider):
    with pytest.raises(QgsProcessingException, match=r"Planbestämmelse 3 \(id [0-9a-f-]{36}\) has no geometry"):
        run({"INPUT": os.path.join(DATA, "dp_incomplete.json"), "MODE": 0})
    with pytest.raises(QgsProcessingException, match="does not say which coordinate reference system"):
        run({"INPUT": os.path.join(DATA, "plan_noprj.csv"), "MODE": 0})


@pytest.mark.timeout(60)
def test_wrong_crs_is_warned_with_the_likely_crs(provider):
    feedback = Warnings()
    _layer, features = run({"INPUT": os.path.join(DATA, "dp_wrong_crs.json"), "MODE": 0}, feedback)
    assert len(features) == 1
    assert any("outside Sweden" in w and "EPSG:3009" in w for w in feedback.warnings), feedback.warnings
    # with the region's extent, the local zone that puts the plan in the region is named first
    feedback = Warnings()
    run({"INPUT": os.path.join(DATA, "dp_wrong_crs.json"), "MODE": 0,
         "REGION": "430000,560000,6480000,6680000 [EPSG:3006]"}, feedback)
    assert any("They fit EPSG:3009 /" in w for w in feedback.warnings), feedback.warnings


@pytest.mark.timeout(120)
def test_a_model_checks_an_imported_plan(provider, pygeoapi_service):
    model = QgsProcessingModelAlgorithm("import and check", "test")
    model.addModelParameter(QgsProcessingParameterFile("plan_file", "Plan file"),
                            QgsProcessingModelParameter("plan_file"))
    child = QgsProcessingModelChildAlgorithm("regionplan:importplan")
    child.setChildId("importplan")
    child.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("plan_file")])
    child.addParameterSources("MODE", [QgsProcessingModelChildParameterSource.fromStaticValue(1)])
    model.addChildAlgorithm(child)
    check = QgsProcessingModelChildAlgorithm("regionplan:checkplan")
    check.setChildId("checkplan")
    check.addParameterSources("PLAN", [QgsProcessingModelChildParameterSource.fromChildOutput("importplan", "OUTPUT")])
    check.addParameterSources("SERVICE_URL", [QgsProcessingModelChildParameterSource.fromStaticValue(pygeoapi_service)])
    check.addParameterSources("LANGUAGE", [QgsProcessingModelChildParameterSource.fromStaticValue("en")])
    findings = QgsProcessingModelOutput("findings", "Findings")
    findings.setChildId("checkplan")
    findings.setChildOutputName("OUTPUT")
    check.setModelOutputs({"findings": findings})
    model.addChildAlgorithm(check)
    model.updateDestinationParameters()
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    # the model's output is "checkplan:findings" on QGIS 3.22, "findings" on 3.40: ask the model
    (output,) = [p.name() for p in model.destinationParameterDefinitions()]
    assert output in ("checkplan:findings", "findings")
    results, ok = model.run({"plan_file": DEMO_DP, output: "TEMPORARY_OUTPUT"}, context, feedback)
    assert ok
    layer = QgsProcessingUtils.mapLayerFromString(results[output], context)
    assert layer is not None and layer.featureCount() > 0
    names = {f["plan_name"] for f in layer.getFeatures()}
    assert len(names) >= 2 and all(name.startswith("Kv. Stationsparken") for name in names)  # per use area


@pytest.mark.timeout(120)
@pytest.mark.parametrize("mode", [WHOLE, PER_USE])
def test_demo_detaljplan_checks_with_findings(mode):
    profile = load_profile(PROFILE_PATH)
    data = LayerData.from_geopackage(DEMO_GPKG, profile.crs)
    plan = read_detaljplan(DEMO_DP).to_layer(mode, crs=profile.crs)
    try:
        result = run_check(profile, plan, data, lang="en")
        assert result.findings, "the demo detaljplan lies in Örebro: the check must find something"
        names = {finding.plan_name for finding in result.findings}
        assert all(name.startswith("Kv. Stationsparken (demo, inte en verklig plan)") for name in names)
        assert result.outside_region is False or not result.outside_region
        result.layers.clear()
    finally:
        data.layers.clear()
        del plan


def test_demo_op_model_reads():
    from regionplan_plugin.core.plans import read_plan

    plan = read_plan(DEMO_OP)
    assert plan.kind == "op-model" and len(plan.areas) == 5
    assert {area.purpose for area in plan.areas} >= {"housing", "industry", "recreation", "agriculture-forestry"}
