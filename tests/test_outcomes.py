"""Issue 13: one outcome per (plan area, rule), rules that fit the plan area's purpose, and
PARTIAL runs, on purpose-built plans against the Örebro demo data and the bundled profile."""

import contextlib
import gc

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
from qgis.PyQt import sip

from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.errors import RegionplanError
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.sources import LayerData
from tests.fixtures.service import COLLECTION_IDS, DEMO_GPKG, PROFILE_PATH

LAXA_STATION = (478274, 6538555)  # kollektivtrafik_noder 'Laxå station', turtathet 'medel'
REMOTE = (480000, 6600000)  # far from every frequent node, no conflict rule meets it
HOUSING_ONLY = ("freight-node", "wind-power-area", "public-transport-walking-distance", "far-from-public-transport",
                "regional-core")  # rules whose applies_to leaves out industry


def square(x, y, w):
    return f"POLYGON(({x} {y},{x + w} {y},{x + w} {y + w},{x} {y + w},{x} {y}))"


def plan_layer(rows, fields=("Benamning", "anv")):
    spec = "&".join(f"field={name}:string" for name in fields)
    layer = QgsVectorLayer(f"MultiPolygon?crs=EPSG:3006&{spec}", "plan", "memory")
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(row[:-1]))
        feature.setGeometry(QgsGeometry.fromWkt(row[-1]))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE_PATH)


@pytest.fixture(scope="module")
def data(profile):
    data = LayerData.from_geopackage(DEMO_GPKG, profile.crs)
    yield data
    data.layers.clear()
    data._ready.clear()


@pytest.fixture()
def layers():
    made = []
    yield made
    for layer in made:
        sip.delete(layer)


@contextlib.contextmanager
def data_without(collection):
    """The demo data without one dataset (as if the service did not have it)."""
    data = LayerData.from_geopackage(DEMO_GPKG, "EPSG:3006", collections=[c for c in COLLECTION_IDS if c != collection])
    try:
        yield data
    finally:
        data.layers.clear()
        data._ready.clear()


def error_of(func, *args, **kwargs) -> str:
    """The message of the RegionplanError ``func`` raises."""
    with pytest.raises(RegionplanError) as error:
        func(*args, **kwargs)
    message = str(error.value)
    del error
    gc.collect()  # the traceback's frames hold the run's layers: free them while QGIS runs
    return message


def _check(profile, data, layer, lang="sv", **kwargs):
    result = run_check(profile, layer, data, lang=lang, **kwargs)
    result.layers.clear()
    return result


def states(result, index):
    return {o.rule_id: o.state for o in result.outcomes_of(index)}


@pytest.mark.timeout(120)
def test_industrial_area_is_spared_housing_rules_and_the_station_plan_is_not_far(profile, data, layers):
    layer = plan_layer([
        ("Stationsnära bostäder", "B", square(LAXA_STATION[0] + 100, LAXA_STATION[1] + 50, 200)),
        ("Industriområde", "J", square(*REMOTE, 300)),
        ("Bostäder långt bort", "bostäder", square(*REMOTE, 300)),
    ])
    layers.append(layer)
    result = _check(profile, data, layer, purpose_field="anv")
    assert [p.label("sv") for p in result.plan_features] == [
        "Stationsnära bostäder", "Industriområde", "Bostäder långt bort"]
    assert [p.purpose for p in result.plan_features] == ["housing", "industry", "housing"]
    # the industrial area: every housing-only rule is not applicable, and computes no finding
    industry = states(result, 1)
    assert {rule: industry[rule] for rule in HOUSING_ONLY} == dict.fromkeys(HOUSING_ONLY, "not_applicable")
    assert not [f for f in result.findings_of(1) if f.rule_id in HOUSING_ONLY]
    # the same place planned for housing is far from public transport
    assert states(result, 2)["far-from-public-transport"] == "affected"
    assert [f.rule_id for f in result.findings_of(2)].count("far-from-public-transport") == 1
    # the station-area plan by Laxå: the medium-frequency station counts, so it is not "far"
    assert states(result, 0)["far-from-public-transport"] == "not_affected"
    assert "far-from-public-transport" not in {f.rule_id for f in result.findings_of(0)}
    # Processing-facing fields of the outcomes
    outcome = result.outcomes_of(0)[0]
    assert (outcome.plan_fid, outcome.collection) == (1, "rus_person_2030_strak")


@pytest.mark.timeout(120)
def test_an_unknown_purpose_applies_every_rule_with_a_note(profile, data, layers):
    layer = plan_layer([("Okänt", "Månbas", square(*REMOTE, 300))])
    layers.append(layer)
    result = _check(profile, data, layer, lang="en", purpose_field="anv")
    assert result.plan_features[0].purpose == "" and result.plan_features[0].purpose_value == "Månbas"
    assert "not_applicable" not in states(result, 0).values()
    assert states(result, 0)["far-from-public-transport"] == "affected"
    assert result.notes.count("Purpose 'Månbas' is not known: every rule was applied.") == 1
    swedish = _check(profile, data, layer, purpose_field="anv")
    assert swedish.notes.count("Användningen 'Månbas' är okänd: alla regler tillämpades.") == 1
    # a purpose for the whole layer, as a word or a code, is mapped the same way
    whole = _check(profile, data, layer, purpose="industri")
    assert whole.plan_features[0].purpose == "industry"
    assert states(whole, 0)["far-from-public-transport"] == "not_applicable"
    assert _check(profile, data, layer, purpose="industry").plan_features[0].purpose == "industry"


@pytest.mark.timeout(120)
def test_a_missing_dataset_in_a_partial_run_is_not_checked(profile, data, layers):
    layer = plan_layer([("Industriområde", "J", square(*REMOTE, 300))])
    layers.append(layer)
    with data_without("vattenskydd") as missing:
        result = _check(profile, missing, layer, purpose_field="anv", partial=True)
        outcome = {o.rule_id: o for o in result.outcomes_of(0)}["water-protection"]
        assert outcome.state == "not_checked"
        assert outcome.reason == "Datamängden vattenskydd är inte tillgänglig."  # the run's language
        assert outcome.findings == 0 and outcome.collection == "vattenskydd"
        assert result.partial and result.not_checked == 1
        assert result.counts["conflict"] == 0
        assert result.verdict == "incomplete"
        assert result.verdict_text("sv") == "Ofullständig avstämning: 1 regel kunde inte kontrolleras"
        # the rest was checked
        assert states(result, 0)["municipal-boundary"] in ("affected", "not_affected")
        # without PARTIAL the run fails, as before
        assert "vattenskydd" in error_of(_check, profile, missing, layer, purpose_field="anv")
    # a rule that does not concern the area's purpose needs no data: not applicable, never "not checked"
    with data_without("vindkraft") as missing:
        result = _check(profile, missing, layer, purpose_field="anv", partial=True)
        assert states(result, 0)["wind-power-area"] == "not_applicable"
        assert result.not_checked == 0 and result.verdict != "incomplete"


@pytest.mark.timeout(120)
def test_a_multi_area_layer_gives_one_outcome_per_area_and_rule(profile, data, layers):
    layer = plan_layer([
        ("", "B", square(LAXA_STATION[0] + 100, LAXA_STATION[1] + 50, 200)),
        ("Norra delen", "J", square(*REMOTE, 300)),
        ("", "Z", square(REMOTE[0] + 5000, REMOTE[1], 300)),
    ], fields=("plannamn", "anv"))
    layers.append(layer)
    result = _check(profile, data, layer, purpose_field="anv", disabled_rules=("logistics-area",))
    assert [p.label("sv") for p in result.plan_features] == ["Planområde 1", "Norra delen", "Planområde 3"]
    assert [p.label("en") for p in result.plan_features][0] == "Plan area 1"
    rules = [rule.id for rule in profile.rules]
    assert [(o.plan_index, o.rule_id) for o in result.area_outcomes] == [
        (index, rule) for index in range(3) for rule in rules]
    for index in range(3):
        found = result.findings_of(index)
        assert all(f.plan_index == index for f in found)
        for outcome in result.outcomes_of(index):
            count = sum(1 for f in found if f.rule_id == outcome.rule_id)
            assert outcome.findings == count
            assert (outcome.state == "affected") == (count > 0)
    off = [o for o in result.area_outcomes if o.rule_id == "logistics-area"]
    assert {(o.state, o.reason) for o in off} == {("not_checked", "avstängd för den här körningen")}
    # a name field of the user's choice
    named = _check(profile, data, layer, name_field="anv")
    assert [p.name for p in named.plan_features] == ["B", "J", "Z"]
    assert {f.plan_name for f in named.findings} <= {"B", "J", "Z"}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("lang, heading, line", [
    ("sv", "Frågor som inte har kunnat stämmas av",
     "– Vattenskyddsområde: underlaget kunde inte hämtas när avstämningen gjordes."),
    ("en", "Matters that could not be checked",
     "– Water protection area: the data could not be fetched when the check was made.")])
def test_the_statement_says_why_a_rule_was_not_checked_in_its_own_words(profile, layers, lang, heading, line):
    """The letter names a dataset that could not be had in the letter's language, never the
    error meant for the user at the computer ("The dataset vattenskydd is not available.")."""
    from regionplan_plugin.core import report

    layer = plan_layer([("Industriområde", "J", square(*REMOTE, 300))])
    layers.append(layer)
    with data_without("vattenskydd") as missing:
        result = _check(profile, missing, layer, lang=lang, purpose_field="anv", partial=True)
    sections = dict(report.statement_sections(result, lang))
    said = "\n".join(sections[heading])
    assert line in said
    assert "not available" not in said and "vattenskydd is" not in said


@pytest.mark.timeout(150)
@pytest.mark.parametrize("lang, line, foreign", [
    ("sv", "Ej kontrollerad: Vattenskyddsområde (Datamängden vattenskydd är inte tillgänglig)", "not available"),
    ("en", "Not checked: Water protection area (The dataset vattenskydd is not available)", "inte tillgänglig")])
def test_the_report_says_why_a_rule_was_not_checked_in_the_reports_language(profile, layers, tmp_path, lang, line,
                                                                            foreign):
    """Under qgis_process the interface speaks English whatever LANGUAGE says: the reason a rule
    was not checked (per area in the HTML and the PDF, and in OUTCOMES) follows the report's
    language, not the interface's."""
    import shutil
    import subprocess

    from regionplan_plugin.core import report
    from regionplan_plugin.core.i18n import translate, ui_speaks

    assert ui_speaks("en") and not ui_speaks("sv")  # as under qgis_process: tr() gives English
    assert translate("The dataset {name} is not available.", "sv") != "The dataset {name} is not available."
    layer = plan_layer([("Industriområde", "J", square(*REMOTE, 300))])
    layers.append(layer)
    with data_without("vattenskydd") as missing:
        result = _check(profile, missing, layer, lang=lang, purpose_field="anv", partial=True)
    reason = line.split("(", 1)[1].rstrip(")") + "."
    assert [o.reason for o in result.area_outcomes if o.rule_id == "water-protection"] == [reason]  # OUTCOMES
    html = report.html_report(result, lang)
    assert line in html and foreign not in html
    if shutil.which("pdftotext"):
        path = tmp_path / "r.pdf"
        report.write_pdf(result, str(path), lang)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.replace("\ufb01", "fi").replace("\ufb00", "ff").split())
        assert line in flat and foreign not in flat


@pytest.mark.parametrize("lang, expected", [
    ("sv", ["tjänsten svarade inte i tid", "Hittades inte på https://x.example/c (HTTP 404). Kontrollera tjänstens "
            "adress och profilen.", "offlinecachen kunde inte användas", "underlaget kunde inte hämtas"]),
    ("en", ["the service did not answer in time", "Not found at https://x.example/c (HTTP 404). Check the service "
            "address and the profile.", "the offline cache could not be used", "the data could not be had"])])
def test_an_error_is_said_in_the_reports_language_else_by_its_kind(lang, expected):
    """An error that keeps its source is said again in the report's language; one that does not,
    when the interface speaks another language, gives a short reason of its kind."""
    from regionplan_plugin.core.check.outcomes import error_reason
    from regionplan_plugin.core.errors import CacheError, CheckError, NetworkError

    errors = [NetworkError("The server did not answer.", kind="timeout"),
              NetworkError.of("Not found at {url} (HTTP 404). Check the service address and the profile.",
                              {"url": "https://x.example/c"}, kind="http", status=404),
              CacheError("The cached copy is damaged."), CheckError("Something else.")]
    said = [error_reason(error, lang) for error in errors]
    if lang == "en":  # the interface speaks English: its own message is the reason
        assert said == ["The server did not answer.", expected[1], "The cached copy is damaged.", "Something else."]
    else:
        assert said == expected


def test_the_demo_sample_layer_is_reported_per_area(profile, data):
    """The issue's case: the demo's layer of eight plans in five municipalities checked at once.
    Each area's section of the report names its own municipality and only its own findings; the
    statement lists each area with its municipality, never one merged "Planens kommun" line."""
    from regionplan_plugin.core import report
    from regionplan_plugin.core.statement.format import municipality_name
    from tests.test_report_areas import parsed

    layer = QgsVectorLayer(f"{DEMO_GPKG}|layername=plan_samples", "plan_samples", "ogr")
    kommun = {f.id(): f["kommun"] for f in layer.getFeatures()}
    result = run_check(profile, layer, data, lang="sv", name_field="name")
    try:
        assert len(result.plan_features) == 8 and len(set(kommun.values())) == 5
        sections = parsed(report.html_report(result, "sv")).text
        names = [area.name for area in result.plan_features]
        for area in result.plan_features:
            text = sections[f"area-{area.number or area.index + 1}"]
            assert f"Kommun: {kommun[area.fid]}" in text, area.name
            assert [n for n in names if n != area.name and n in text] == [], area.name
            for finding in result.findings:
                shown = f"{finding.feature_name}" in text
                if finding.plan_index == area.index:
                    assert shown, (area.name, finding.feature_name)
        statement = "\n".join(h + "\n" + "\n".join(p) for h, p in report.statement_sections(result, "sv"))
        assert "Planens kommun" not in statement
        for area in result.plan_features:
            assert f"{area.name} (" in statement and f"{municipality_name(kommun[area.fid], 'sv')})" in statement
    finally:
        result.layers.clear()
        sip.delete(layer)
