"""Issue 16 item 6, the report side: the bundled Örebro profile's plan statistics in the HTML and
PDF reports, per plan area and for the whole plan, in a planner's units and the report's number
format, and "not computed" with the reason (never 0) for a dataset a partial run could not have.
The expected values are computed here with ``osgeo.ogr`` alone (as tests/test_statistics.py
does), and written as an official would: ha with one decimal (two under 1 ha), km likewise,
population rounded to tens with "cirka", a count as it is."""

import gc
import re
import shutil
import subprocess

import pytest
from osgeo import ogr

from regionplan_plugin.core import report
from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.i18n import translate
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.sources import LayerData
from tests.fixtures.service import DEMO_GPKG, PROFILE_PATH
from tests.test_outcomes import data_without
from tests.test_report_areas import parsed

ogr.UseExceptions()
pytestmark = pytest.mark.timeout(180)

TITLES = {
    "sv": {"farmland": "Jordbruksmark i planområdet", "corridor": "Primära stråk för persontransporter i planområdet",
           "people": "Befolkning 2040 (prognos) i planområdet",
           "people_1km": "Befolkning 2040 (prognos) inom 1 km från planområdet",
           "nodes": "Kollektivtrafiknoder med hög eller medelhög turtäthet inom 800 m",
           "heading": "Planstatistik", "whole": "Hela planen", "about": "cirka {n} invånare",
           "per_area": "endast per planområde", "not_computed": "ej beräknad ("},
    "en": {"farmland": "Agricultural land in the plan area", "corridor": "Primary passenger corridors in the plan area",
           "people": "Population 2040 (forecast) in the plan area",
           "people_1km": "Population 2040 (forecast) within 1 km of the plan area",
           "nodes": "Frequent or medium-frequency public transport nodes within 800 m",
           "heading": "Plan statistics", "whole": "Whole plan", "about": "about {n} people",
           "per_area": "per plan area only", "not_computed": "not computed ("},
}


def number(value, decimals, lang):
    """1234.5 -> "1 234,5" (sv) / "1,234.5" (en)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",") if lang == "sv" else text


def hectares(m2, lang):
    ha = m2 / 10000.0
    return "0 ha" if ha == 0 else f"{number(ha, 1 if ha >= 0.995 else 2, lang)} ha"


def kilometres(m, lang):
    km = m / 1000.0
    return "0 km" if km == 0 else f"{number(km, 1 if km >= 0.995 else 2, lang)} km"


def people(n, lang):
    if n == 0:
        return "0 invånare" if lang == "sv" else "0 people"
    if n < 10:
        return "färre än 10 invånare" if lang == "sv" else "fewer than 10 people"
    return TITLES[lang]["about"].format(n=number(int(n / 10 + 0.5) * 10, 0, lang))


def _rows(ds, name, keep=lambda feature: True):
    return [(f, f.GetGeometryRef().Clone()) for f in ds.GetLayerByName(name) if keep(f)]


def oracle(plan, ds):
    """The bundled profile's statistics for one plan geometry, with OGR only: (farmland m², primary
    corridor m, people in 2040 inside, people within 1 km, frequent nodes within 800 m)."""
    union = None
    for _f, geometry in _rows(ds, "jordbruksmark"):
        if plan.Intersects(geometry):
            piece = plan.Intersection(geometry)
            union = piece if union is None else union.Union(piece)
    farmland = union.GetArea() if union is not None else 0.0
    corridor = sum(plan.Intersection(g).Length() for _f, g in _rows(
        ds, "rus_person_2030_strak", lambda f: f.GetField("klass") == "primar") if plan.Intersects(g))
    grown = plan.Buffer(1000, 32)

    def weighted(zone):
        total = 0.0
        for feature, geometry in _rows(ds, "befolkning_ruta"):
            if zone.Intersects(geometry) and feature.GetField("bef_2040") is not None:
                total += feature.GetField("bef_2040") * zone.Intersection(geometry).GetArea() / geometry.GetArea()
        return total

    nodes = sum(1 for _f, g in _rows(ds, "kollektivtrafik_noder", lambda f: f.GetField("turtathet") in ("hog", "medel"))
                if plan.Distance(g) <= 800)
    return farmland, corridor, weighted(plan), weighted(grown), nodes


@pytest.fixture(scope="module")
def expected():
    ds = ogr.Open(DEMO_GPKG)
    plans = {f.GetFID(): f.GetGeometryRef().Clone() for f in ds.GetLayerByName("plan_samples")}
    values = {fid: oracle(geometry, ds) for fid, geometry in plans.items()}
    ds = None
    return values


@pytest.fixture(scope="module")
def full_data():
    data = LayerData.from_geopackage(DEMO_GPKG, "EPSG:3006")
    yield data
    data.layers.clear()
    data._ready.clear()


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE_PATH)


@pytest.fixture(scope="module")
def result(profile, demo_plans_module, full_data):
    checked = run_check(profile, demo_plans_module, full_data, lang="sv")
    checked.layers.clear()
    yield checked
    gc.collect()


@pytest.fixture(scope="module")
def demo_plans_module():
    import sip
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(DEMO_GPKG + "|layername=plan_samples", "plan_samples", "ogr")
    assert layer.isValid()
    yield layer
    sip.delete(layer)


def _area_ids(result):
    return {area.fid: f"area-{area.number or area.index + 1}" for area in result.plan_features}


def _line(section: str, title: str) -> str:
    """The text after ``title`` in its row of a statistics table (the value)."""
    match = re.search(re.escape(title) + r"\s*\n?([^\n]+)", section)
    assert match, title
    return match.group(1).strip()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_html_shows_the_statistics_per_plan_area_and_for_the_whole_plan(result, expected, lang):
    words = TITLES[lang]
    text = report.html_report(result, lang)
    sections = parsed(text).text
    assert f"<h2>{words['heading']}</h2>" in text
    # the whole-plan section comes before the results per plan area, each area has its own block
    assert text.index('id="statistics"') < text.index('id="area-1"')
    for fid, section_id in _area_ids(result).items():
        farmland, corridor, inside, near, nodes = expected[fid]
        section = sections[section_id]
        assert words["heading"] in section, section_id
        assert _line(section, words["farmland"]) == hectares(farmland, lang), fid
        assert _line(section, words["corridor"]) == kilometres(corridor, lang), fid
        assert _line(section, words["people"]) == people(inside, lang), fid
        assert _line(section, words["people_1km"]) == people(near, lang), fid
        assert _line(section, words["nodes"]) == str(nodes), fid
    # the demo's plans meet farmland, corridors and people: the comparisons are not all of zeros
    assert sum(v[0] for v in expected.values()) > 0 and sum(v[1] for v in expected.values()) > 0
    assert sum(1 for v in expected.values() if v[2] >= 10) >= 3
    # the whole plan: the sums over areas that do not overlap; a zone around each area is not summed
    whole = sections["statistics"]
    assert words["whole"] in whole
    assert _line(whole, words["farmland"]) == hectares(sum(v[0] for v in expected.values()), lang)
    assert _line(whole, words["corridor"]) == kilometres(sum(v[1] for v in expected.values()), lang)
    assert _line(whole, words["people"]) == people(sum(v[2] for v in expected.values()), lang)
    assert _line(whole, words["people_1km"]).startswith(words["per_area"])
    assert _line(whole, words["nodes"]).startswith(words["per_area"])
    # farmland of one class is shown where there is some (class 8 in the demo), not as rows of zeros
    assert ("klass 8" if lang == "sv" else "class 8") in whole
    assert ("klass 1 " if lang == "sv" else "class 1 ") not in whole
    if lang == "sv":
        assert re.search(r"\d \d{3},\d ha", whole) or re.search(r"\d,\d ha", whole)
        assert not re.search(r"\d\.\d ha", text)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_draft_statement_names_the_farmland_of_the_whole_plan(result, expected, lang):
    farmland = hectares(sum(v[0] for v in expected.values()), lang)
    paragraphs = [p for _h, ps in report.statement_sections(result, lang) for p in ps]
    sentence = ("Avstämningen mot regionens underlag visar jordbruksmark i planområdet om {ha}." if lang == "sv"
                else "The check against the Region's data shows {ha} of agricultural land in the plan area.")
    assert sentence.format(ha=farmland) in paragraphs


@pytest.fixture(scope="module")
def partial_result(profile, demo_plans_module):
    with data_without("befolkning_ruta") as missing:
        checked = run_check(profile, demo_plans_module, missing, lang="sv", partial=True)
        checked.layers.clear()
    yield checked
    gc.collect()


def test_a_partial_run_shows_not_computed_with_the_reason_never_0(partial_result, expected):
    words = TITLES["sv"]
    text = report.html_report(partial_result, "sv")
    sections = parsed(text).text
    for fid, section_id in _area_ids(partial_result).items():
        section = sections[section_id]
        for title in (words["people"], words["people_1km"]):
            value = _line(section, title)
            assert value.startswith(words["not_computed"]) and "befolkning_ruta" in value, (fid, value)
            assert "invånare" not in value
        # the rest is computed as before
        assert _line(section, words["farmland"]) == hectares(expected[fid][0], "sv")
    whole = sections["statistics"]
    assert _line(whole, words["people"]).startswith(words["not_computed"])
    assert "befolkning_ruta" in _line(whole, words["people"])
    assert _line(whole, words["farmland"]) == hectares(sum(v[0] for v in expected.values()), "sv")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is part of make setup")
def test_the_pdf_has_the_statistics_and_what_was_not_computed(partial_result, expected, tmp_path):
    path = tmp_path / "r.pdf"
    report.write_pdf(partial_result, str(path), "sv")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = text.replace("\ufb01", "fi").replace("\ufb00", "ff").replace("\ufb02", "fl")
    flat = re.sub(r"\s+", " ", text)
    total = hectares(sum(v[0] for v in expected.values()), "sv")
    assert f"PLANSTATISTIK • Jordbruksmark i planområdet: {total}" in flat
    names = {area.fid: area.label("sv").upper() for area in partial_result.plan_features}
    for fid, name in names.items():
        block = text.split(name, 1)[1].split("Planstatistik:", 1)[1]
        block = re.sub(r"\s+", " ", block.split("\n\n\n", 1)[0])
        assert f"Jordbruksmark i planområdet: {hectares(expected[fid][0], 'sv')}" in block, (fid, block)
        assert f"Primära stråk för persontransporter i planområdet: {kilometres(expected[fid][1], 'sv')}" in block
        assert "Befolkning 2040 (prognos) i planområdet: ej beräknad (" in block
        assert "invånare" not in block


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is part of make setup")
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pdf_gives_the_whole_plan_its_own_heading_before_the_plan_areas(partial_result, lang, tmp_path):
    """The whole plan's statistics stand under their own heading ("Hela planen"), first, not
    under "Resultat per planområde", which holds the plan areas only."""
    words = TITLES[lang]
    path = tmp_path / "r.pdf"
    report.write_pdf(partial_result, str(path), lang)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [page.strip() for page in text.replace("\ufb01", "fi").replace("\ufb00", "ff").split("\f")]
    whole = [n for n, page in enumerate(pages) if page.startswith(words["whole"] + "\n")]
    areas = [n for n, page in enumerate(pages) if page.startswith(translate("Results per plan area", lang))]
    assert len(whole) == 1 and len(areas) == 1 and whole[0] < areas[0]
    assert (words["heading"].upper() + "\n• " + words["farmland"]) in pages[whole[0]]
    per_area = "\n".join(pages[areas[0]:])
    assert words["heading"].upper() not in per_area  # the areas' own statistics only ("Planstatistik:")
    first = partial_result.plan_features[0].label(lang).upper()
    assert first in pages[areas[0]] and first not in pages[whole[0]]


def test_planner_units_and_rounding():
    from regionplan_plugin.core.report.plan_statistics import format_people, format_value

    class Stat:
        sum_field = None

    assert format_value(0.0, Stat, "ha", "sv") == "0 ha"
    assert format_value(0.004, Stat, "ha", "sv") == "< 0,01 ha"  # something, never shown as 0
    assert format_value(0.254, Stat, "ha", "sv") == "0,25 ha"
    assert format_value(1234.56, Stat, "ha", "sv") == "1 234,6 ha"
    assert format_value(1234.56, Stat, "ha", "en") == "1,234.6 ha"
    assert format_value(0.49, Stat, "km", "sv") == "0,49 km"
    assert format_value(0.123, Stat, "share", "sv") == "12 %" and format_value(0.0, Stat, "share", "en") == "0%"
    assert format_value(3.0, Stat, "count", "sv") == "3"
    assert format_people(4.2, "sv") == "färre än 10 invånare"
    assert format_people(1234.4, "sv") == "cirka 1 230 invånare"
    assert format_people(12345.0, "en") == "about 12,350 people"
