"""Reports of a check: self-contained HTML (escaped), PDF via a print layout, CSV, GeoPackage, map."""

import base64
import csv
import gc
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from osgeo import ogr
from qgis.core import QgsVectorLayer
from qgis.PyQt.QtGui import QImage

from regionplan_plugin.core import report
from regionplan_plugin.core.check import FIELD_NAMES, run_check
from regionplan_plugin.core.profile import parse_profile
from regionplan_plugin.core.sources import LayerData
from tests.fixtures.check_data import RULES, profile_dict
from tests.test_check import data, plans, profile  # noqa: F401 (fixtures)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(text):
    parser = Tags()
    parser.feed(text)
    return parser.tags



@pytest.fixture(autouse=True)
def _collect_cycles():
    yield
    gc.collect()  # QGIS objects in reference cycles: free them while QGIS is alive, not at exit

@pytest.fixture
def result(profile, plans, data):  # noqa: F811
    checked = run_check(profile, plans, data, lang="en")
    yield checked
    checked.layers.clear()  # fixture values outlive QgsApplication: drop the layers now


def test_html_is_self_contained_and_complete(result, tmp_path):
    path = tmp_path / "r.html"
    report.write_html(result, str(path), "en")
    text = path.read_text(encoding="utf-8")
    tags = tags_of(text)
    # no external request: no script, link, iframe; every src is a data: URI; no href at all
    assert not [t for t, _a in tags if t in ("script", "link", "iframe", "object", "embed")]
    sources = [a.get("src", "") for t, a in tags if "src" in a]
    assert sources and all(src.startswith("data:image/png;base64,") for src in sources)
    assert not [a for _t, a in tags if "href" in a]
    png = base64.b64decode(sources[0].split(",", 1)[1])
    image = QImage.fromData(png, "PNG")
    assert image.width() == 1200 and not image.isNull()
    colours = {image.pixelColor(x, y).name() for x in range(0, 1200, 40) for y in range(0, 800, 40)}
    assert len(colours) > 3  # something was drawn
    # summary, verdict and counts
    assert result.verdict_text("en") in text
    for count in result.counts.values():
        assert count > 0
        assert f'<td class="num">{count}</td>' in text
    # every rule with its reference; findings with names, distances and overlaps (in ha) per plan
    # area; rules without a finding in an area listed as checked (issue 13)
    for rule in RULES:
        assert f'id="rule-{rule["id"]}"' in text
    assert "Zon överlapp" in text and "4,0 ha" not in text  # English number format
    assert "4.0 ha" in text and "4.8\u00a0%" in text  # overlap and share of P1 (40000 / 840000)
    south = text.split('id="area-2"')[1].split('<section class="area"')[0]
    assert "Checked without a finding: Rule roads-near, Rule roads-cross, Rule nodes-beyond." in south
    assert "Referens zones-intersects" in text and "Message zones-intersects" in text
    # the draft statement (core/statement): its title, the position, the inter-municipal matters
    for heading in ("Draft statement", "The Region's position", "The Region's comments"):
        assert f">{report.esc(heading)}<" in text
    inter = text.split(">Inter-municipal and cross-regional matters<")[1]
    assert "Grannkommun" in inter  # the neighbour; the plan's own municipality is never named as one
    assert "boundary with Hemkommun" not in inter and "within the boundary" not in inter
    # provenance
    for value in ("testregion", "Test Region", result.profile.sha256, "http://127.0.0.1:9/", result.qgis_version,
                  result.plugin_version, "EPSG:3006"):
        assert value and report.esc(value) in text
    assert "zones" in text and "local layer" in text


def test_html_in_swedish(profile, plans, data):  # noqa: F811
    result = run_check(profile, plans, data, lang="sv")
    html_text = report.html_report(result)
    assert '<html lang="sv">' in html_text
    assert "24,0 ha" in html_text and "1\u00a0700" in html_text  # decimal comma, thousands separated
    for heading in ("Utkast till yttrande", "Regionens ställningstagande", "Regionens synpunkter",
                    "Mellankommunala och regionöverskridande frågor", "Resultat per planområde"):
        assert f">{heading}<" in html_text
    assert "Meddelande zones-intersects" in html_text  # the profile's Swedish message
    result.layers.clear()


HOSTILE_SCRIPT = "<script>alert('x')</script>"
HOSTILE_IMG = '<img src=x onerror="alert(1)">'


def test_strings_from_profile_service_and_plan_are_escaped(check_data, tmp_path):
    rules = [dict(r) for r in RULES]
    rules[0]["title"] = {"sv": HOSTILE_SCRIPT, "en": HOSTILE_SCRIPT}
    rules[0]["message"] = {"sv": HOSTILE_IMG, "en": HOSTILE_IMG}
    rules[0]["reference"] = HOSTILE_SCRIPT
    raw = profile_dict(rules)
    raw["name"] = {"sv": HOSTILE_IMG, "en": HOSTILE_IMG}
    hostile_profile = parse_profile(raw)
    # the service's data: feature names with HTML
    zones = QgsVectorLayer(check_data["gpkg"] + "|layername=zones", "zones", "ogr")
    hostile = QgsVectorLayer("Polygon?crs=EPSG:3006", "zones", "memory")
    hostile.dataProvider().addAttributes(list(zones.fields()))
    hostile.updateFields()
    features = []
    for feature in zones.getFeatures():
        feature.setAttribute("namn", HOSTILE_SCRIPT if feature.id() % 2 else HOSTILE_IMG)
        features.append(feature)
    hostile.dataProvider().addFeatures(features)
    access = LayerData.from_geopackage(check_data["gpkg"], "EPSG:3006")
    access.layers["zones"] = hostile
    plan = QgsVectorLayer(check_data["gpkg"] + "|layername=plans", HOSTILE_IMG, "ogr")
    plan.startEditing()
    for feature in plan.getFeatures():
        plan.changeAttributeValue(feature.id(), plan.fields().indexOf("namn"), HOSTILE_SCRIPT)
    # (edits stay in the edit buffer: the file is not changed)
    result = run_check(hostile_profile, plan, access, lang="en")
    names = {f.feature_name for f in result.findings if f.collection == "zones"}
    assert names == {HOSTILE_SCRIPT, HOSTILE_IMG}
    path = tmp_path / "r.html"
    report.write_html(result, str(path), "en")
    text = path.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "onerror=" not in text.replace("onerror=&quot;", "")  # only as escaped text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in text
    tags = tags_of(text)
    assert [t for t, _a in tags if t == "script"] == []
    images = [a for t, a in tags if t == "img"]
    assert len(images) == 1 and images[0]["src"].startswith("data:")  # only our map
    assert not [a for _t, a in tags if any(k.startswith("on") for k in a)]
    plan.rollBack()
    access.layers.clear()
    access._ready.clear()


def test_csv_is_excel_friendly(result, tmp_path):
    path = tmp_path / "f.csv"
    report.write_csv(result, str(path))  # English (the check's language): machine-friendly, no BOM
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(FIELD_NAMES)
    assert len(rows) == 1 + len(result.findings)
    by_key = {(r[0], r[2], r[5]): r for r in rows[1:]}
    row = by_key[("1", "zones-intersects", "zones.1")]
    assert row[1] == "Planområde Norr" and row[6] == "Zon överlapp"
    assert float(row[9]) == pytest.approx(40000.0)


def test_geopackage_of_findings(result, tmp_path):
    path = tmp_path / "f.gpkg"
    report.write_gpkg(result, str(path))
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName("findings")
    assert layer.GetFeatureCount() == len(result.findings)
    definition = layer.GetLayerDefn()
    assert [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())] == list(FIELD_NAMES)
    assert ogr.GT_Flatten(layer.GetGeomType()) == ogr.wkbGeometryCollection
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "3006"
    typed = {dataset.GetLayerByIndex(i).GetName(): dataset.GetLayerByIndex(i).GetFeatureCount()
             for i in range(dataset.GetLayerCount())}
    assert sum(typed.get(n, 0) for n in ("findings_polygons", "findings_lines", "findings_points")) == len(
        result.findings)
    dataset = None


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is part of make setup")
def test_pdf_through_a_print_layout(result, tmp_path):
    path = tmp_path / "r.pdf"
    report.write_pdf(result, str(path), "en")
    assert path.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          timeout=60).stdout
    text = " ".join(text.replace("\ufb02", "fl").replace("\ufb01", "fi").split())  # ligatures, layout spaces
    assert "Plan check against the regional development strategy" in text
    assert result.verdict_text("en") in text
    assert "Legend" in text and "km" in text  # legend and scale bar
    assert "results per plan area" in text.lower() and "the region's position" in text.lower()
    assert "Zon överlapp" in text and "Planområde Norr" in text  # the findings table
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3


def test_map_png_shows_the_plan_and_findings(result, tmp_path):
    path = tmp_path / "m.png"
    png = report.render_map_png(result, str(path), size=(600, 400))
    assert path.read_bytes() == png
    image = QImage(str(path))
    assert (image.width(), image.height()) == (600, 400)
    purple = 0
    for x in range(600):
        for y in range(400):
            colour = image.pixelColor(x, y)
            if colour.red() > 70 and colour.green() < 60 and colour.blue() > 110:
                purple += 1
    assert purple > 10  # the plan outline


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is part of make setup")
def test_pdf_labels_do_not_evaluate_expressions_from_data(check_data, tmp_path):
    rules = [dict(RULES[0], message={"sv": "[% 6*7 %] x", "en": "[% 6*7 %] x"})]
    expr_profile = parse_profile(profile_dict(rules))
    access = LayerData.from_geopackage(check_data["gpkg"], "EPSG:3006")
    plan = QgsVectorLayer(check_data["gpkg"] + "|layername=plans", "plans", "ogr")
    result = run_check(expr_profile, plan, access, lang="en")
    path = tmp_path / "r.pdf"
    report.write_pdf(result, str(path), "en")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60).stdout
    assert "6*7" in text and "42 x" not in text
    result.layers.clear()
    access.layers.clear()
    access._ready.clear()


def test_map_draws_the_regional_layers_under_the_findings(result, tmp_path):
    contents = report.map_contents(result)
    # the regional datasets the rules used, with features near the plan, are drawn (and listed)
    assert {"zones", "roads", "nodes"} <= set(contents.collections)
    names = [layer.name() for layer in contents.layers]
    assert names[0] == "Plan"  # the plan outline on top, then the findings, then the regional layers
    first_regional = names.index(contents.regional[0].name())
    assert all(names.index(layer.name()) < first_regional for layer in contents.findings)
    # the regional layers change the picture: the same map without them differs in many pixels
    size = (300, 200)
    from regionplan_plugin.core.report import _fit

    extent = _fit(contents.extent, 1.5)
    full = report.render_map_image(result, size, contents.layers, extent)
    bare = report.render_map_image(result, size, [contents.plan] + contents.findings, extent)
    changed = sum(1 for x in range(0, 300, 2) for y in range(0, 200, 2) if full.pixel(x, y) != bare.pixel(x, y))
    assert changed > 200
    contents.layers.clear()
    contents.regional.clear()


def test_map_legend_labels_in_one_language(result):
    from regionplan_plugin.core.report.styling import display_layers

    for lang, conflict in (("sv", "Konflikt"), ("en", "Conflict")):
        for layer in display_layers(result.findings, result.crs, lang):
            labels = [category.label() for category in layer.renderer().categories()]
            assert conflict in labels
            assert not [label for label in labels if "/" in label]


def test_title_names_the_plan_not_the_layer(result, tmp_path):
    names = [p.name for p in result.plan_features if p.name]
    title = report.plan_title(result, "en")
    if len(set(names)) > 3:
        assert title == f"{len(result.plan_features)} plan areas"
    else:
        assert all(name in title for name in names)
    assert title != result.plan_name
    text = report.html_report(result, "en")
    assert f"Plan: {report.esc(title)}" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is part of make setup")
def test_pdf_in_another_language_than_the_check(result, tmp_path):
    # the check ran in English (the UI language); the report is asked for in Swedish: map and legend follow
    path = tmp_path / "r.pdf"
    report.write_pdf(result, str(path), "sv")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60).stdout
    text = text.replace("\ufb00", "ff").replace("\ufb01", "fi").replace("\ufb02", "fl")  # ligatures
    assert "Teckenförklaring" in text and "Träffar (" in text
    assert "Findings (" not in text and "Legend" not in text
    assert " / " not in "".join(line for line in text.splitlines() if "Konflikt" in line)
