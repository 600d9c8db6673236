"""The review panel per plan area (issue 13): one group per plan area with its findings, the
rules not applicable to its use, the report's verdict, and the statement header in the export."""

import os

import pytest
from qgis.core import QgsFeature, QgsProject, QgsVectorLayer

from regionplan_plugin.core import vocabulary
from regionplan_plugin.core.i18n import localized, translate, ui_language
from regionplan_plugin.core.statement.texts import PLACEHOLDERS
from regionplan_plugin.core.util import new_field
from tests.fixtures.base import ROOT
from tests.fixtures.gui_panel import wait_task

DEMO_GPKG = os.path.join(ROOT, "resources", "demo", "orebro_demo.gpkg")


def _loaded(dock, url, rp_settings):
    rp_settings.service(url)
    task = wait_task(dock.load_catalog(), 90)
    assert task.ok, task.message()
    return dock


def _multi_area_layer():
    """The sample plans as one ÖP layer with the Swedish fields ``namn`` and ``anvandning``:
    Törsjö is industry, the others housing."""
    source = QgsVectorLayer(f"{DEMO_GPKG}|layername=plan_samples", "plan_samples", "ogr")
    assert source.isValid()
    layer = QgsVectorLayer(f"Polygon?crs={source.crs().authid()}", "ÖP-områden", "memory")
    layer.dataProvider().addAttributes([new_field("namn", "text"), new_field("anvandning", "text")])
    layer.updateFields()
    features = []
    for src in source.getFeatures():
        feature = QgsFeature(layer.fields())
        feature.setGeometry(src.geometry())
        feature.setAttributes([src["name"], "industri" if "Törsjö" in src["name"] else "bostäder"])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    return layer


@pytest.mark.timeout(240)
def test_panel_groups_results_per_plan_area(rp_dock, rp_settings, pygeoapi_service, tmp_path):
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    review = dock.review
    layer = _multi_area_layer()
    review.layer_combo.setLayer(layer)
    # the Swedish field names are found by default
    assert review.name_field.currentField() == "namn"
    assert review.purpose_field.currentField() == "anvandning"
    review.language_combo.setCurrentIndex(review.language_combo.findData("sv"))
    task = wait_task(review.run(), 150)
    assert task.ok, task.message()
    result = task.result
    # the verdict in the report's words
    lang = ui_language()
    assert review.summary.text().splitlines()[0] == result.verdict_text(lang)
    # one group per plan area, named and with its use
    tops = [review.results.topLevelItem(i) for i in range(review.results.topLevelItemCount())]
    assert len(tops) == layer.featureCount() == len(result.plan_features)
    for area, top in zip(result.plan_features, tops):
        assert top.text(0).startswith(area.name + " — ")
        purpose = "industry" if "Törsjö" in area.name else "housing"
        assert area.purpose == purpose
        assert translate("Use", lang) + ": " + vocabulary.purpose_label(purpose, lang) in top.text(0)
        shown = []
        for item in review.finding_items():
            parent = item.parent()
            while parent.parent() is not None:
                parent = parent.parent()
            if parent is top:
                shown.append(item.data(0, 256))
        assert sorted(shown) == sorted(result.findings.index(f) for f in result.findings_of(area.index))
    # the industrial area lists a rule not applicable to its use, by title, without a badge
    torsjo = next(top for area, top in zip(result.plan_features, tops) if "Törsjö" in area.name)
    index = next(a.index for a in result.plan_features if "Törsjö" in a.name)
    not_applicable = [o for o in result.outcomes_of(index) if o.state == vocabulary.NOT_APPLICABLE]
    assert not_applicable
    lines = [torsjo.child(j).text(0) for j in range(torsjo.childCount())]
    start = translate("Not applicable to the use {use}", lang).format(use=vocabulary.purpose_label("industry", lang))
    line = next(text for text in lines if text.startswith(start))
    titles = {o.rule.id: localized(o.rule.title, lang) for o in result.outcomes}
    for outcome in not_applicable:
        assert titles[outcome.rule_id] in line
    # the statement header reaches the exported report
    header = {"case_id": "RÖL 2026/123", "municipality_case_id": "KS 2026/45", "officer": "Anna Andersson",
              "officer_title": "Regional planerare", "addressee": "Kumla kommun", "plan_type": "op",
              "stage": "samrad"}
    review.set_header(header)
    path = review.export("html", str(tmp_path / "rapport.html"))
    text = open(path, encoding="utf-8").read()
    for key in ("case_id", "municipality_case_id", "officer", "officer_title", "addressee"):
        assert header[key] in text
        assert PLACEHOLDERS[key]["sv"] not in text
    assert "samrådshandling" in text


@pytest.mark.timeout(60)
def test_statement_header_is_prefilled_from_the_open_case(rp_dock, tmp_path):
    from regionplan_plugin.core.case import create_case
    from regionplan_plugin.core.case.model import CaseInfo

    review = rp_dock.review
    assert review.header() == {"plan_type": "other", "stage": "other"}  # no case open: placeholders
    case = create_case(str(tmp_path / "arende.gpkg"),
                       CaseInfo(case_id="RÖL 2026/77", municipality="Kumla", plan_type="fop", stage="granskning"),
                       "EPSG:3006")
    try:
        rp_dock.case_tab.case = case
        review.header_box.fields["officer"].setText("Anna Andersson")
        assert review.header() == {"case_id": "RÖL 2026/77", "plan_type": "fop", "stage": "granskning",
                                   "officer": "Anna Andersson"}
        # what the user typed wins over the case
        review.set_header({"case_id": "RÖL 2026/78"})
        assert review.header()["case_id"] == "RÖL 2026/78"
    finally:
        rp_dock.case_tab.case = None
        case.close()


@pytest.mark.timeout(30)
def test_panel_numbers_and_times_in_the_language(monkeypatch, tmp_path):
    """Issue 13 item 7 in the panel: a finding's distance with the language's thousands separator,
    and every time the panel and its messages show in local time with the zone."""
    import time

    from qgis.PyQt.QtWidgets import QTreeWidget

    from regionplan_plugin.core.profile.template import _when
    from regionplan_plugin.gui.catalogue_tree import _fmt_time
    from regionplan_plugin.gui.review_results import show_severities

    finding = {"severity": vocabulary.ATTENTION, "rule_id": "far", "feature_name": "Kumla station",
               "distance_m": 1265.4, "plan_name": "Utvecklingsområde norra", "message": "", "collection": "noder"}
    for lang, shown in (("sv", "1 265"), ("en", "1,265")):
        tree = QTreeWidget()
        tree.setColumnCount(2)
        show_severities(tree.invisibleRootItem(), [(0, finding)], {"far": "Långt till kollektivtrafik"}, lang=lang)
        assert tree.topLevelItem(0).child(0).text(1) == shown
    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    try:
        assert _fmt_time("2026-12-01T10:30:00Z") == "2026-12-01 11:30 CET"  # the catalogue's details
        assert _fmt_time("2026-07-01T10:30:00+00:00") == "2026-07-01 12:30 CEST"
        kept = tmp_path / "kept.json"
        kept.write_text("{}", encoding="utf-8")
        os.utime(kept, (1796121000, 1796121000))  # 2026-12-01 10:30 UTC
        assert _when(str(kept)) == "2026-12-01 11:30 CET"  # "the copy downloaded on {when} was used"
        from regionplan_plugin.gui.inbox import short_date

        assert short_date("2026-12-01T23:30:00Z") == "2026-12-02"  # the inbox's and the versions' day
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
