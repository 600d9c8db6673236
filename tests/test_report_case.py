"""The report in a review case (issue 14): the reviewer's decided view of the findings, the
appendix of decisions and the changes since the previous version, in the HTML, the PDF and the
draft statement."""

import gc
import re
import shutil
import subprocess

import pytest
from qgis.core import QgsGeometry, QgsRectangle

from regionplan_plugin.core import report
from regionplan_plugin.core.case import compare_findings
from regionplan_plugin.core.report.fmt import _fmt_time
from regionplan_plugin.core.report.statement_input import rule_texts
from regionplan_plugin.core.vocabulary import SEVERITIES
from tests.test_check import data, plans  # noqa: F401 (fixtures)
from tests.test_report_areas import area_profile, areas_result  # noqa: F401 (fixtures)

pytestmark = pytest.mark.timeout(150)
DECIDED_AT = "2026-11-30T09:15:00+00:00"
REASON = "Känd korsning, hanteras i ÖP kap. 5"


@pytest.fixture(autouse=True)
def _collect_cycles():
    yield
    gc.collect()


def unique_findings(result):
    """Two findings whose feature names appear once among the findings, of different rules."""
    names = [f.feature_name for f in result.findings]
    single = [f for f in result.findings if f.feature_name and names.count(f.feature_name) == 1]
    first = single[0]
    second = next(f for f in single if f.rule_id != first.rule_id and f.severity != "info")
    return first, second


def decisions_for(result):
    dropped, changed = unique_findings(result)
    return dropped, changed, {
        (dropped.rule_id, dropped.feature_id, dropped.plan_fid): ("not_relevant", None, REASON, DECIDED_AT),
        (changed.rule_id, changed.feature_id, changed.plan_fid): ("severity_changed", "info", "Endast information",
                                                                  DECIDED_AT),
    }


def table_text(html, css_class):
    return " ".join(re.findall(rf'<table class="{css_class}">(.*?)</table>', html, re.S))


def comparison_of(result):
    """Version 1 had every finding but one, version 2 every finding but another (of another rule):
    one new, one resolved; the plan grew by one hectare."""
    findings = result.findings
    keys = [(f.rule_id, f.feature_id) for f in findings]
    single = [f for f, key in zip(findings, keys) if keys.count(key) == 1]
    added = single[0]
    gone = next(f for f in single if f.rule_id != added.rule_id)
    square = QgsGeometry.fromRect(QgsRectangle(0, 0, 100, 100))
    bigger = QgsGeometry.fromRect(QgsRectangle(0, 0, 200, 100))
    return compare_findings([f for f in findings if f is not added], [f for f in findings if f is not gone],
                            [square], [bigger], 1, 2)


def test_html_shows_the_decided_view_and_the_decisions_appendix(areas_result):  # noqa: F811
    result = areas_result
    before = report.html_report(result, "sv")
    dropped, changed, decisions = decisions_for(result)
    assert dropped.feature_name in table_text(before, "findings")
    html = report.html_report(result, "sv", decisions=decisions)
    tables = table_text(html, "findings")
    assert dropped.feature_name not in tables
    assert changed.feature_name in tables
    assert "Information (ursprungligen: {})".format(report.severity_label(changed.severity, "sv")) in html
    # a rule whose only finding in an area was changed shows the decided severity on its badge
    alone = [f for f in result.findings if f.rule_id == changed.rule_id and f.plan_fid == changed.plan_fid] == [changed]
    section = next(c for c in html.split('<section class="rule affected"')[1:] if changed.feature_name in c)
    assert ('sev-info">Information</span>' in section.split("</h4>")[0]) == alone
    # the summary counts follow the decided view
    expected = dict(result.counts)
    expected[dropped.severity] -= 1
    expected[changed.severity] -= 1
    expected["info"] += 1
    shown = re.search(r'<table class="summary">.*?</tr><tr>(.*?)</tr>', html).group(1)
    assert re.findall(r'<td class="num">(\d+)</td>', shown) == [str(expected[s]) for s in SEVERITIES]
    # the appendix: each decision with the original severity, the decision, the reason and the local time
    assert "<h2>Bedömningar av träffar</h2>" in html
    appendix = html.split("<h2>Bedömningar av träffar</h2>")[1]
    assert dropped.feature_name in appendix and "ej relevant" in appendix.lower()
    assert REASON in appendix and "ändrad bedömning" in appendix.lower()
    assert _fmt_time(DECIDED_AT) in appendix
    # the statement leaves the not relevant point out
    statement = html.split('<div class="statement">')[1].split("</div>")[0]
    assert dropped.feature_name not in statement
    assert result.findings and dropped in result.findings  # the result itself is never changed


def test_html_changes_section_and_the_statements_resolved_points(areas_result):  # noqa: F811
    result = areas_result
    comparison = comparison_of(result)
    assert len(comparison.new) == 1 and len(comparison.resolved) == 1
    html = report.html_report(result, "en", comparison=comparison)
    assert "<h2>Changes since the previous version</h2>" in html
    section = html.split("<h2>Changes since the previous version</h2>")[1].split("<h2>")[0]
    assert f"1 new, 1 resolved, {len(comparison.unchanged)} unchanged findings" in section
    titles = {o.rule.id: rule_texts(o, "en")[0] for o in result.outcomes}
    new, resolved = comparison.new[0], comparison.resolved[0]
    assert f"New: {titles[new.rule_id]} – {new.feature_name}" in section
    assert f"Resolved: {titles[resolved.rule_id]} – {resolved.feature_name}" in section
    assert "Plan area added: 1.00 ha; removed: 0.00 ha." in section
    statement = html.split('<div class="statement">')[1].split("</div>")[0]
    assert "the following matters have been resolved:" in statement
    assert "– " + titles[resolved.rule_id] in statement
    assert "Changes since the previous version" not in report.html_report(result, "en")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is part of make setup")
def test_pdf_shows_the_decided_view_the_changes_and_the_appendix(areas_result, tmp_path):  # noqa: F811
    result = areas_result
    dropped, changed, decisions = decisions_for(result)
    comparison = comparison_of(result)
    path = report.write_pdf(result, str(tmp_path / "rapport.pdf"), "sv", decisions=decisions, comparison=comparison)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "FÖRÄNDRINGAR SEDAN FÖREGÅENDE VERSION" in flat
    assert "1 nya, 1 lösta" in flat
    assert "BEDÖMNINGAR AV TRÄFFAR" in flat
    appendix = flat.split("BEDÖMNINGAR AV TRÄFFAR")[1]
    assert REASON in appendix and dropped.feature_name in appendix
    assert "ursprungligen" in flat
    assert "har följande frågor lösts" in flat
    # the not relevant finding is only in the appendix (and in the changes when it is new or resolved there)
    listed = sum(c.feature_name == dropped.feature_name for c in comparison.new + comparison.resolved)
    assert flat.count(dropped.feature_name) == 1 + listed
