"""Issue 13, the report side: results per plan area, the four states, the draft statement in the
region's voice, numbers and times, the CSV in both languages and a complete PDF. The tests read
what a reader sees: the HTML's text (parsed), the PDF's text (pdftotext) and its metadata
(pdfinfo), the CSV through Python's csv module."""

import csv
import gc
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser

import pytest

from regionplan_plugin.core import report, vocabulary
from regionplan_plugin.core.check import AreaOutcome, run_check
from regionplan_plugin.core.profile import load_profile
from tests.fixtures.check_data import RULES, profile_dict
from tests.test_check import data, plans  # noqa: F401 (fixtures)

pytestmark = pytest.mark.timeout(120)

HEADER = {"case_id": "RS 2026/01234", "municipality_case_id": "KS 2026/0456", "plan_type": "op",
          "stage": "samrad", "officer": "Anna Lindqvist", "officer_title": "Samhällsplanerare",
          "addressee": "Hemkommun, kommunstyrelsen", "date": "2026-12-01"}
# the test profile's rules with a purpose and an authority (issue 13, items 3 and 4)
PURPOSE_RULES = [dict(r, **({"applies_to": ["housing"]} if r["id"] == "nodes-within" else {}),
                      **({"authority": "state"} if r["id"] == "zones-intersects" else {})) for r in RULES]


@pytest.fixture(autouse=True)
def _collect_cycles():
    yield
    gc.collect()


@pytest.fixture
def area_profile(check_data, tmp_path):
    import json

    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile_dict(PURPOSE_RULES)), encoding="utf-8")
    return load_profile(str(path))


PURPOSES = {"Planområde Norr": "industry", "Planområde Syd": "housing"}  # Väst: unknown


def with_outcomes(result, purposes=PURPOSES, not_checked=()):
    """The result with ``area_outcomes`` filled as the engine will (issue 13): the areas' purposes
    from ``purposes`` (by name); not applicable where a rule does not concern the area's purpose
    (its findings there dropped), not checked for the rules in ``not_checked`` (with a reason),
    affected where a rule has a finding in the area, else not affected."""
    result.area_outcomes.clear()  # this layer has no purpose field: the purposes are set here
    for area in result.plan_features:
        area.purpose = purposes.get(area.name, "")
        for outcome in result.outcomes:
            rule = outcome.rule
            hits = [f for f in result.findings if f.rule_id == rule.id and f.plan_fid == area.fid]
            if not rule.applies(area.purpose):
                state, reason = vocabulary.NOT_APPLICABLE, ""
                result.findings = [f for f in result.findings if f not in hits]
                outcome.findings = [f for f in outcome.findings if f not in hits]
                hits = []
            elif rule.id in not_checked:
                state, reason = vocabulary.NOT_CHECKED, "the service did not answer"
                result.findings = [f for f in result.findings if f not in hits]
                outcome.findings = [f for f in outcome.findings if f not in hits]
                hits = []
            elif hits:
                state, reason = vocabulary.AFFECTED, ""
            else:
                state, reason = vocabulary.NOT_AFFECTED, ""
            result.area_outcomes.append(AreaOutcome(area.index, area.fid, rule.id, state, len(hits), reason,
                                                    rule.collection))
    return result


@pytest.fixture
def areas_result(area_profile, plans, data):  # noqa: F811
    checked = with_outcomes(run_check(area_profile, plans, data, lang="sv"))
    yield checked
    checked.layers.clear()



class Sections(HTMLParser):
    """The text of each ``<section>`` of the HTML (by id), and the rules shown with a badge in each."""

    def __init__(self):
        super().__init__()
        self.stack, self.text, self.badged, self.in_badge = [], {}, {}, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.stack.append(attrs.get("id", ""))
            self.text.setdefault(self.stack[-1], "")
        if tag == "span" and "sev" in (attrs.get("class") or "").split():
            self.in_badge += 1
            for sid in self.stack:
                self.badged.setdefault(sid, []).append(self.stack[-1])
        if tag in ("p", "h3", "h4", "tr", "br"):
            self._add("\n")

    def handle_endtag(self, tag):
        if tag == "section" and self.stack:
            self.stack.pop()
        if tag == "span" and self.in_badge:
            self.in_badge -= 1

    def handle_data(self, text):
        self._add(text)

    def _add(self, text):
        for sid in self.stack:
            self.text[sid] += text


def parsed(text):
    parser = Sections()
    parser.feed(text)
    return parser


def area_ids(result):
    return {area.name: f"area-{area.number or area.index + 1}" for area in result.plan_features}


WORDS = {
    "sv": {"results": "Resultat per planområde", "clean": "Kontrollerat utan träff", "na": "Ej tillämpliga för "
           "användningen industri", "size": "Areal: 84,0 ha", "use": "Användning: okänd (alla regler tillämpas)",
           "not_checked": "Ej kontrollerad", "statement": "Utkast till yttrande",
           "rules": "Regler och referenser"},
    "en": {"results": "Results per plan area", "clean": "Checked without a finding", "na": "Not applicable to the "
           "use industry", "size": "Size of the area: 84.0 ha", "use": "Use: unknown (every rule applies)",
           "not_checked": "Not checked", "statement": "Draft statement", "rules": "Rules and references"},
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_results_per_plan_area_in_both_languages(areas_result, lang):
    text = report.html_report(areas_result, lang, header=HEADER)
    words, sections, ids = WORDS[lang], parsed(text).text, area_ids(areas_result)
    for key in ("results", "statement", "rules"):
        assert f">{words[key]}</h2>" in text
    assert text.index(words["results"]) < text.index(words["statement"])
    # the whole-plan summary first: the verdict, then one section per plan area in the plan's order
    assert text.index(areas_result.verdict_text(lang)) < text.index('id="area-1"') < text.index('id="area-2"')
    north, south, west = sections[ids["Planområde Norr"]], sections[ids["Planområde Syd"]], sections[
        ids["Planområde Väst"]]
    rule = "Regel" if lang == "sv" else "Rule"
    assert words["size"] in north
    assert f"{words['na']}: {rule} nodes-within." in north
    assert f"{words['clean']}: {rule} roads-near, {rule} roads-cross, {rule} nodes-beyond." in south
    assert words["use"] in west
    assert f"{words['clean']}: {rule} zones-intersects, {rule} zones-min-overlap" in west


def test_a_not_affected_rule_never_has_a_badge_nor_its_message(areas_result):
    text = report.html_report(areas_result, "sv", header=HEADER)
    parser, ids = parsed(text), area_ids(areas_result)
    by_id = {p.index: p for p in areas_result.plan_features}
    for outcome in areas_result.area_outcomes:
        sid = ids[by_id[outcome.plan_index].name]
        badged = {b.rsplit("-rule-", 1)[-1] for b in parser.badged.get(sid, []) if "-rule-" in b}
        section = parser.text[sid]
        if outcome.state == vocabulary.AFFECTED:
            assert outcome.rule_id in badged
            assert f"Meddelande {outcome.rule_id}" in section
        else:
            assert outcome.rule_id not in badged, (sid, outcome.rule_id)
            assert f"Meddelande {outcome.rule_id}" not in section, (sid, outcome.rule_id)


def test_each_plan_area_shows_only_its_own_findings(areas_result):
    sections, ids = parsed(report.html_report(areas_result, "sv")).text, area_ids(areas_result)
    north, south, west = (sections[ids[n]] for n in ("Planområde Norr", "Planområde Syd", "Planområde Väst"))
    assert "Zon överlapp" in north and "Zon överlapp" not in south and "Zon överlapp" not in west
    assert "Zon stor" in south and "Zon stor" not in north and "Zon stor" not in west
    assert "Väg genom" in north and "Väg genom" not in south


def test_old_callers_without_area_outcomes_get_areas_from_the_findings(area_profile, plans, data):  # noqa: F811
    result = run_check(area_profile, plans, data, lang="en")
    try:
        result.area_outcomes.clear()  # as an engine before issue 13 left it
        sections, ids = parsed(report.html_report(result, "en")).text, area_ids(result)
        assert "Checked without a finding: Rule roads-near, Rule roads-cross, Rule nodes-beyond." in sections[
            ids["Planområde Syd"]]
        assert "Zon stor" not in sections[ids["Planområde Norr"]]
    finally:
        result.layers.clear()


def test_a_rule_not_checked_is_listed_with_its_reason_and_never_reads_ok(area_profile, plans, data):  # noqa: F811
    result = with_outcomes(run_check(area_profile, plans, data, lang="sv"), not_checked={"roads-cross"})
    try:
        text = report.html_report(result, "sv", header=HEADER)
        sections, ids = parsed(text).text, area_ids(result)
        for name in ("Planområde Norr", "Planområde Syd", "Planområde Väst"):
            assert "Ej kontrollerad: Regel roads-cross (the service did not answer)" in sections[ids[name]]
        assert "Inga konflikter" not in text
        assert result.verdict_text("sv") in text and "kontrolleras" in result.verdict_text("sv")
        statement = report.statement_sections(result, "sv", HEADER)
        assert any("Regel roads-cross" in " ".join(paragraphs) for _h, paragraphs in statement)
    finally:
        result.layers.clear()


def test_state_matters_only_under_the_state_heading(areas_result):
    sections = report.statement_sections(areas_result, "sv", HEADER)
    holding = [heading for heading, paragraphs in sections if "Regel zones-intersects" in "\n".join(paragraphs)]
    assert holding == ["Frågor som Länsstyrelsen bevakar"]
    english = report.statement_sections(areas_result, "en", HEADER)
    holding = [heading for heading, paragraphs in english if "Rule zones-intersects" in "\n".join(paragraphs)]
    assert len(holding) == 1 and "County Administrative Board" in holding[0]


def test_the_statement_has_the_header_and_placeholders(areas_result):
    text = "\n".join(h + "\n" + "\n".join(p) for h, p in report.statement_sections(areas_result, "sv", HEADER))
    assert text.startswith("Yttrande över samrådshandling för översiktsplan för Hemkommun")
    for value in ("RS 2026/01234", "KS 2026/0456", "Hemkommun, kommunstyrelsen", "2026-12-01", "Anna Lindqvist",
                  "Samhällsplanerare", "För Testregionen"):
        assert value in text
    assert "(konflikt)" not in text and "Konflikt" not in text  # no internal severity labels
    bare = "\n".join(h + "\n" + "\n".join(p) for h, p in report.statement_sections(areas_result, "sv"))
    for placeholder in ("[diarienummer]", "[kommunens diarienummer]", "[handläggare]", "[datum]"):
        assert placeholder in bare
    # the plan's municipality (from the profile's municipality outlines) is the default addressee
    assert "\nTill: Hemkommun\n" in bare and "[mottagare]" not in bare
    english = "\n".join(h + "\n" + "\n".join(p) for h, p in report.statement_sections(areas_result, "en"))
    assert "\nTo: Hemkommun Municipality\n" in english and "[addressee]" not in english


def test_numbers_and_times_in_the_reports_language(monkeypatch):
    import time

    from regionplan_plugin.core.report.fmt import _fmt_area, _fmt_time

    assert _fmt_area(840000, "sv") == "84,0 ha" and _fmt_area(840000, "en") == "84.0 ha"
    assert _fmt_area(500, "sv") == "500 m²"
    assert _fmt_area(123456789, "sv") == "12 346 ha" and _fmt_area(123456789, "en") == "12,346 ha"
    from types import SimpleNamespace

    from regionplan_plugin.core.report.fmt import plan_title
    from regionplan_plugin.core.report.html import _relation_text

    threshold = SimpleNamespace(relation="intersects", distance_m=None, min_overlap_m2=5000)
    assert _relation_text(threshold, "sv") == "skär planen (från 0,50 ha överlapp)"  # the rules in HTML and PDF
    assert _relation_text(threshold, "en") == "intersects the plan (from 0.50 ha overlap)"
    threshold.min_overlap_m2 = 500
    assert _relation_text(threshold, "sv") == "skär planen (från 500 m² överlapp)"
    whole = SimpleNamespace(plan_features=[SimpleNamespace(name=f"Område {n}") for n in range(1024)], lang="sv")
    assert plan_title(whole, "sv") == "1 024 planområden"  # the PDF's subject, the report's title
    assert plan_title(whole, "en") == "1,024 plan areas"
    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    try:
        assert _fmt_time("2026-12-01T10:30:00Z") == "2026-12-01 11:30 CET"
        assert _fmt_time("2026-07-01T10:30:00+00:00") == "2026-07-01 12:30 CEST"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_csv_round_trips_in_both_languages(areas_result, tmp_path):
    sv_path, en_path = tmp_path / "sv.csv", tmp_path / "en.csv"
    report.write_csv(areas_result, str(sv_path), "sv")
    report.write_csv(areas_result, str(en_path), "en")
    raw = sv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(sv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert len(rows) == len(areas_result.findings)
    assert list(rows[0])[:4] == ["Planområdets id", "Planområde", "Regel", "Bedömning"]
    big = next(r for r in rows if r["Regionalt objekt"] == "Zon överlapp" and r["Regel"] == "zones-intersects")
    assert big["Bedömning"] == "Konflikt" and big["Överlapp (m²)"] == "40000,0"
    assert big["Andel av planområdet (%)"] == "4,76" and big["Samband"] == "Överlappar planområdet"
    assert not en_path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(en_path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    big = next(r for r in rows if r["feature_name"] == "Zon överlapp" and r["rule_id"] == "zones-intersects")
    assert big["severity"] == "conflict" and big["relation"] == "intersects"
    assert float(big["overlap_m2"]) == pytest.approx(40000.0) and float(big["overlap_share"]) == pytest.approx(
        40000 / 840000)


class SwedishExcel(csv.excel):
    """The dialect Swedish Excel writes and reads: ``;`` between cells (the comma is the decimal sign)."""
    delimiter = ";"


def test_csv_round_trips_every_value_through_the_csv_module(areas_result, tmp_path):
    """Every finding comes back from both CSV files whole: its text (with ``;``, quotes and a line
    break), its codes or their Swedish labels, and its numbers (decimal comma in Swedish)."""
    from regionplan_plugin.core.report.tables import CSV_HEADERS, FIELD_NAMES

    for n, finding in enumerate(areas_result.findings):
        finding.message = f'Mening {n}; med "citat"\noch en ny rad'
    report.write_csv(areas_result, str(tmp_path / "sv.csv"), "sv")
    report.write_csv(areas_result, str(tmp_path / "en.csv"), "en")
    with open(tmp_path / "sv.csv", encoding="utf-8-sig", newline="") as handle:
        swedish = list(csv.reader(handle, SwedishExcel))
    with open(tmp_path / "en.csv", encoding="utf-8", newline="") as handle:
        english = list(csv.reader(handle))
    assert swedish[0] == [vocabulary.label(CSV_HEADERS, name, "sv") for name in FIELD_NAMES]
    assert english[0] == list(FIELD_NAMES)
    assert len(swedish) == len(english) == len(areas_result.findings) + 1

    def number(text, comma):
        return None if text == "" else float(text.replace(",", ".") if comma else text)

    for finding, sv_row, en_row in zip(areas_result.findings, swedish[1:], english[1:]):
        want = dict(zip(FIELD_NAMES, finding.attributes()))
        sv, en = dict(zip(FIELD_NAMES, sv_row)), dict(zip(FIELD_NAMES, en_row))
        for name in ("plan_name", "rule_id", "collection", "feature_name", "message"):
            assert sv[name] == en[name] == str(want[name] or ""), name
        assert sv["severity"] == vocabulary.severity_label(want["severity"], "sv")
        assert sv["relation"] == vocabulary.relation_label(want["relation"], "sv")
        assert (en["severity"], en["relation"]) == (want["severity"], want["relation"])
        assert "." not in sv["distance_m"] + sv["overlap_m2"] + sv["overlap_share"]
        for name, scale, places in (("distance_m", 1, 1), ("overlap_m2", 1, 1), ("overlap_share", 100, 2)):
            if want[name] is None:
                assert sv[name] == en[name] == ""
                continue
            assert number(sv[name], True) == pytest.approx(round(scale * want[name], places))
            assert number(en[name], False) == pytest.approx(want[name])


# ---------------------------------------------------------------- the PDF


def _pdftext(path, *args):
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def _words(path, page=1):
    """[(xmin, ymin, xmax, ymax, word)] of one page (pdftotext -bbox)."""
    xhtml = _pdftext(path, "-bbox", "-f", str(page), "-l", str(page))
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xhtml)]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_pdf_headings_areas_statement_and_metadata(areas_result, tmp_path):
    path = tmp_path / "r.pdf"
    report.write_pdf(areas_result, str(path), "sv", header=HEADER)
    text = _pdftext(path, "-layout")
    for heading in ("Avstämning mot den regionala utvecklingsstrategin", "Resultat per planområde",
                    "PLANOMRÅDE NORR", "PLANOMRÅDE SYD", "PLANOMRÅDE VÄST", "Utkast till yttrande",
                    "Yttrande över samrådshandling för översiktsplan för Hemkommun", "Regionens ställningstagande",
                    "Frågor som Länsstyrelsen bevakar", "Referenser och underlag", "REGLER OCH REFERENSER",
                    "Referens nodes-within", "Profilens SHA-256", "Teckenförklaring"):
        assert heading.replace("fi", "\ufb01") in text or heading in text, heading
    south = text.split("PLANOMRÅDE SYD")[1].split("PLANOMRÅDE VÄST")[0]
    assert "Kontrollerat utan träff: Regel roads-near, Regel roads-cross, Regel nodes-beyond." in south.replace(
        "\ufb00", "ff").replace("\ufb01", "fi").replace("ﬀ", "ff")
    assert "– Regel roads-near" not in south  # a not-affected rule is not among the area's findings
    table = text.split("Referenser och underlag")[-1]
    assert not [line for line in table.splitlines() if "Planområde Syd" in line and "roads-near" in line]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+Yttrande över samrådshandling för översiktsplan för Hemkommun$", info, re.M)
    assert re.search(r"^Author:\s+Anna Lindqvist$", info, re.M)
    assert re.search(r"^Subject:\s+Avstämning mot den regionala utvecklingsstrategin: Planområde Norr", info, re.M)
    # the statement starts a page of its own
    pages = text.split("\f")
    assert any(page.lstrip().startswith("Utkast till yttrande") for page in pages)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_pdf_findings_table_gives_overlaps_in_hectares_with_a_decimal_comma(areas_result, tmp_path):
    """The PDF's table of findings says an overlap as the HTML does: 4,0 ha, not 40 000 m²."""
    import unicodedata

    path = tmp_path / "r.pdf"
    report.write_pdf(areas_result, str(path), "sv", header=HEADER)
    pages = _pdftext(path, "-layout").split("\f")  # (NFKC would make m² "m2")
    table = "\n".join(page for page in pages if unicodedata.normalize("NFKC", page).lstrip().startswith("Träffar\n"))
    assert "Överlapp" in table and "(m²)" not in table
    assert not re.search(r"\d\s\d{3}\s*m²|\d{4,}\s*m²", table)  # m² only where small
    rows = [line for line in table.splitlines() if "Zon överlapp" in line]
    assert rows and any(re.search(r"\s4,0 ha\s+4,8 %", line) for line in rows), rows
    assert "40 000" not in table and "40000" not in table


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_pdf_each_plan_area_has_pages_of_its_own(areas_result, tmp_path):
    """Per-area pages: each plan area's heading opens a page, and no page holds two areas."""
    path = tmp_path / "r.pdf"
    report.write_pdf(areas_result, str(path), "sv", header=HEADER)
    pages = [page.lstrip() for page in _pdftext(path, "-layout").split("\f")]
    headings = ["PLANOMRÅDE NORR", "PLANOMRÅDE SYD", "PLANOMRÅDE VÄST"]
    holding = [[h for h in headings if h in page] for page in pages]
    assert all(len(found) <= 1 for found in holding), holding
    for heading in headings:
        page = next(page for page in pages if heading in page)
        first = page.split("\n", 1)[0]
        assert first in (heading, "Resultat per planområde"), (heading, first)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_pdf_map_labels_never_collide(area_profile, data, tmp_path):  # noqa: F811
    """Sixteen plan areas packed close, with long names: the map labels that are printed do not
    overlap each other nor any other text of page 1 (the labelling engine leaves out a label
    with no free place)."""
    from tests.fixtures.check_data import X0, Y0, sq
    from tests.test_check import memory_plan

    wkts = [f"POLYGON({sq(X0 + 160 * (n % 4), Y0 + 160 * (n // 4), 150)})" for n in range(16)]
    layer = memory_plan(wkts, names={n: f"Utvecklingsområde nummer {n + 1}" for n in range(16)})
    result = run_check(area_profile, layer, data, lang="sv", name_field="namn")
    try:
        path = tmp_path / "r.pdf"
        report.write_pdf(result, str(path), "sv")
    finally:
        result.layers.clear()
    words = _words(path, 1)
    labels = [w for w in words if w[4] == "Utvecklingsområde"]
    assert 1 <= len(labels) < 16, labels  # some names printed, not all sixteen on top of each other

    def overlap(a, b):
        return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5

    assert not [(a[4], b[4]) for n, a in enumerate(words) for b in words[n + 1:] if overlap(a, b)]


def test_the_pdf_text_flow_starts_a_page_at_a_page_break_but_never_an_empty_page():
    from regionplan_plugin.core.report.pdf_pages import PAGE_BREAK, _flow

    pages = _flow([PAGE_BREAK, "area one", PAGE_BREAK, "area two\nmore", PAGE_BREAK, PAGE_BREAK, "area three"], 20.0)
    assert [[item[2] for item in page] for page in pages] == [["area one"], ["area two\nmore"], ["area three"]]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_pdf_author_is_the_region_without_an_officer(areas_result, tmp_path):
    path = tmp_path / "r.pdf"
    report.write_pdf(areas_result, str(path), "en")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Author:\s+Test Region$", info, re.M)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_pdf_page_one_legend_overlaps_no_text(areas_result, tmp_path):
    path = tmp_path / "r.pdf"
    report.write_pdf(areas_result, str(path), "sv", header=HEADER)
    words = _words(path, 1)
    legend_x = min(w[0] for w in words if w[4] == "Teckenförklaring")
    legend = [w for w in words if w[0] >= legend_x - 1]
    others = [w for w in words if w not in legend]
    assert legend and others

    def overlap(a, b):
        return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5

    assert not [(a[4], b[4]) for a in legend for b in others if overlap(a, b)]
    assert not [(a[4], b[4]) for n, a in enumerate(legend) for b in legend[n + 1:] if overlap(a, b)]
    # the legend stays on the page, above the scale bar and the summary
    page_height = 595.3
    assert max(w[3] for w in legend) < page_height * 172 / 210


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_pdf_scale_bar_with_a_decimal_comma_and_a_north_arrow(tmp_path):
    from tests.helpers.report_data import synthetic_result

    result = synthetic_result(findings=6, lang="sv")
    path = tmp_path / "r.pdf"
    report.write_pdf(result, str(path), "sv")
    words = [w[4] for w in _words(path, 1)]
    assert "km" in words or "m" in words
    scale = [w for w in words if re.fullmatch(r"\d+(,\d+)?", w)]
    assert any("," in w for w in scale), scale
    assert not [w for w in words if re.fullmatch(r"\d+\.\d+", w)]
    english = tmp_path / "e.pdf"
    report.write_pdf(result, str(english), "en")
    assert any(re.fullmatch(r"\d+\.\d+", w[4]) for w in _words(english, 1))
    # the north arrow: drawn in the map's top right corner (192-203 mm, 27-42 mm), where this map
    # has nothing else; the page rendered at 72 dpi (1 px = 1 pt), its dark pixels counted
    from qgis.PyQt.QtGui import QColor, QImage

    subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", "1", "-l", "1", "-singlefile", str(path),
                    str(tmp_path / "page")], check=True, timeout=60)
    image = QImage(str(tmp_path / "page.png"))
    mm = 72 / 25.4

    def dark(x0, y0, x1, y1):
        return sum(1 for x in range(int(x0 * mm), int(x1 * mm)) for y in range(int(y0 * mm), int(y1 * mm))
                   if QColor(image.pixel(x, y)).lightness() < 100)

    assert dark(192, 27, 203, 42) > 40  # the arrow
    assert dark(175, 27, 186, 42) < 5  # beside it, the map's empty corner


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_a_long_legend_moves_to_a_page_of_its_own_and_overlaps_nothing(tmp_path):
    from qgis.core import QgsLayerTree, QgsLayoutExporter, QgsLayoutItemLegend, QgsProject, QgsVectorLayer

    from regionplan_plugin.core.report.pdf_pages import LEGEND_H, _fit_legend, _Page

    project = QgsProject()
    layers = [QgsVectorLayer("Point?crs=EPSG:3006", f"Regionalt lager {n}", "memory")
              for n in range(70)]
    project.addMapLayers(layers, False)
    page = _Page(project, "sv")
    legend = QgsLayoutItemLegend(page.layout)
    legend.setAutoUpdateModel(False)
    tree = QgsLayerTree()
    for layer in layers:
        tree.addLayer(layer)
    legend.model().setRootGroup(tree)
    legend.setResizeToContents(True)
    page.place(legend, 210, 25)
    _fit_legend(page, legend)
    assert page.layout.pageCollection().pageCount() == 2 and legend.page() == 1
    assert legend.rect().height() <= 190 and legend.rect().width() <= 277
    assert LEGEND_H < 190
    from regionplan_plugin.core.report.pdf import _always_text

    path = tmp_path / "legend.pdf"
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = _always_text()  # as the report prints (QGIS 3.40 defaults to outlines here)
    assert QgsLayoutExporter(page.layout).exportToPdf(str(path), settings) == 0
    words = _words(path, 2)
    assert len([w for w in words if w[4] == "Regionalt"]) == 70
    assert not [(a[4], b[4]) for n, a in enumerate(words) for b in words[n + 1:]
                if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5]
    assert max(w[3] for w in words) < 595 and max(w[2] for w in words) < 842
    assert not _words(path, 1) or "Regionalt" not in [w[4] for w in _words(path, 1)]
    del tree



def test_write_reports_passes_the_header_to_every_writer(areas_result, tmp_path):
    paths = report.write_reports(areas_result, str(tmp_path), "rapport", "sv", header=HEADER)
    html_text = open(paths["html"], encoding="utf-8").read()
    assert "RS 2026/01234" in html_text and "Anna Lindqvist" in html_text
    assert "RS 2026/01234" in _pdftext(paths["pdf"])
    with open(paths["csv"], encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle, delimiter=";"))[1] == "Planområde"


def test_rule_themes_from_the_catalogue_kind_else_the_collection(areas_result):
    from types import SimpleNamespace

    from regionplan_plugin.core.report.statement_input import rule_theme
    from regionplan_plugin.core.statement.texts import THEME_GROUPS

    def theme(collection, kind=""):
        areas_result.kinds = {collection: kind} if kind else {}
        return THEME_GROUPS.get(rule_theme(areas_result, SimpleNamespace(id="x", collection=collection)), "basis")

    assert theme("rus_karnor") == "rus" and theme("oms_strak") == "rus"
    assert theme("anything", vocabulary.STRUCTURE_PLAN) == "rus"
    assert theme("kollektivtrafik_noder") == "transport" and theme("rus_gods_2030_noder") == "freight"
    assert theme("infrastruktur_reservat") == "transport" and theme("gron_infrastruktur") == "basis"
    assert theme("kommuner") == "inter" and theme("vattenskydd") == "basis"
    assert theme("vattenskydd", vocabulary.BOUNDARY) == "inter"


def test_the_map_names_each_plan_area(areas_result):
    """Several plan areas: each outline on the report map is labelled with the area's name."""
    from regionplan_plugin.core.report.mapping import plan_layer

    layer = plan_layer(areas_result, "sv")
    assert layer.labelsEnabled()
    assert layer.labeling().settings().fieldName == "plan_name"
    assert sorted(f["plan_name"] for f in layer.getFeatures()) == sorted(
        a.label("sv") for a in areas_result.plan_features)


def test_the_letter_lists_data_by_title_publisher_and_date_never_etags(areas_result):
    caveat = {"sv": "Demodata, inte Länsstyrelsens officiella gränser.", "en": "Demo data, not official."}
    for info in areas_result.datasets.values():
        info.etag, info.content_hash = '"wzsdm-1796127007.149273-12791"', "sha256:07e9e2163abcdef0123456789"
        info.fetched_at, info.caveat, info.version = "2026-12-01T10:00:00Z", caveat, "e89534dda766"
    first = next(iter(areas_result.datasets.values()))
    first.version = "2024"  # a version as its publisher names it is said
    sections = dict(report.statement_sections(areas_result, "sv", HEADER))
    listed = "\n\n".join(sections["Underlag"])
    assert "sha256" not in listed and "wzsdm" not in listed and "e89534dda766" not in listed and "cache" not in listed
    assert f"– {first.title} (Testregionen, version 2024, hämtat 2026-12-01)." in listed
    for info in list(areas_result.datasets.values())[1:]:
        assert f"– {info.title} (Testregionen, hämtat 2026-12-01)." in listed
    titles = [info.title for info in areas_result.datasets.values()]
    assert len(titles) > 1 and listed.count("Demodata") == 1 and "{'sv'" not in listed
    assert f"{titles[-1]} gäller: Demodata, inte Länsstyrelsens officiella gränser.\n\n" in listed
    # the technical versions stay in the report's provenance appendix
    from regionplan_plugin.core.report.pdf_text import reference_blocks

    assert "sha256:07e9e2163" in reference_blocks(areas_result, "sv")[1]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_pdf_statement_has_real_headings_larger_than_its_text(areas_result, tmp_path):
    """The statement's title, its section headings, theme headings and points' names stand out:
    printed larger than the 8 pt body (pdftotext's word boxes), the body never cut."""
    path = tmp_path / "r.pdf"
    report.write_pdf(areas_result, str(path), "sv", header=HEADER)
    pages = _pdftext(path, "-layout").split("\f")
    number = next(n for n, page in enumerate(pages, 1) if page.lstrip().startswith("Utkast till yttrande"))
    words = _words(path, number) + _words(path, number + 1)

    def height(word):
        return max(b[3] - b[1] for b in words if b[4] == word)

    body = height("planförslaget")
    assert height("Yttrande") > 1.4 * body  # the title
    assert height("ställningstagande") > 1.2 * body and height("Underlag") > 1.2 * body  # section headings
    groups = [w for w in ("strukturbilderna", "kollektivtrafik", "Planeringsunderlag") if any(b[4] == w for b in words)]
    assert groups and all(height(w) > 1.1 * body for w in groups)  # theme headings
    text = "\n".join(pages[number - 1:number + 1])
    sections = report.statement_sections(areas_result, "sv", HEADER)
    for _heading, paragraphs in sections:  # every word of the statement is printed
        for paragraph in paragraphs:
            for word in re.findall(r"\w{6,}", paragraph)[-3:]:
                assert word.replace("fi", "\ufb01") in text or word in text, word


def test_pdf_statement_flow_never_ends_a_page_with_a_heading_and_keeps_every_line():
    from regionplan_plugin.core.report.pdf_pages import BODY, GROUP, HEADING, LABEL, _flow

    block = []
    for n in range(40):
        block += [(f"Group {n}", GROUP), ("", BODY), (f"Point {n}", LABEL), (f"Body {n} " + "word " * 60, BODY),
                  ("", BODY)]
    pages = _flow([[("Heading", HEADING)] + block, "plain text\nsecond line"], 20.0)
    assert len(pages) > 3
    for page in pages:
        assert not page[-1][4], page[-1]  # no bold last item: a heading is kept with its first lines
        assert all(y + height <= 202.0 for y, height, *_ in page)
    text = "\n".join(item[2] for page in pages for item in page)
    assert all(f"Group {n}" in text and f"Body {n} " in text for n in range(40)) and "second line" in text


def test_the_letter_names_the_publisher_not_the_service():
    from types import SimpleNamespace

    from regionplan_plugin.core.report.statement_input import _publisher
    from tests.fixtures.base import ROOT

    profile = load_profile(f"{ROOT}/resources/profiles/orebro.json")
    result = SimpleNamespace(profile=profile)
    assert _publisher(result, "skyfall_risk", "sv") == "Länsstyrelsen i Örebro län"  # not "(nedladdning)"
    assert _publisher(result, "rus_person_2030_strak", "sv") == "Region Örebro län"  # not its geodata service
    assert _publisher(result, "rus_person_2030_strak", "en") == "Region Örebro County"


@pytest.mark.parametrize("lang, group, title", [("sv", "Gods och logistik", "Logistikområde"),
                                                ("en", "Freight and logistics", "Logistics development area")])
def test_a_freight_structure_plan_is_a_freight_point_online_and_offline(lang, group, title):
    """The RUS structure plan for freight (catalogue kind structure-plan when the service is asked,
    no kind from the offline cache): its point stands under "Gods och logistik" either way, never
    under "RUS och strukturbilderna" in one run and "Gods och logistik" in the next."""
    from types import SimpleNamespace

    from regionplan_plugin.core.report.statement_input import rule_theme
    from regionplan_plugin.core.statement import Hit, PlanArea, StatementInput, draft_statement, statement_text
    from tests.helpers.statement_cases import header_kumla, rule

    collection = "rus_gods_2030_logistikomraden"
    texts = []
    for kinds in ({collection: vocabulary.STRUCTURE_PLAN}, {}):  # online (catalogue), offline (no catalogue)
        theme = rule_theme(SimpleNamespace(boundary_rule="", kinds=kinds),
                           SimpleNamespace(id="logistics-area", collection=collection))
        point = rule("logistics-area", "affected", [Hit("Logistikområde Kumla norra", 0.0, 228000.0, 0.357)],
                     lang=lang, theme=theme)
        inp = StatementInput(header=header_kumla(), areas=[
            PlanArea("Utvecklingsområde bostäder Kumla norra", "housing", "", 640000.0, "Kumla", [point])])
        texts.append(statement_text(draft_statement(inp, lang)))
    assert texts[0] == texts[1]
    assert f"\n\n{group}\n\n{title}\n" in texts[0]


@pytest.mark.parametrize("lang, said, never", [
    ("sv", "3 planområden och {rules} regler, utfall per planområde och regel (Berörs: ", "avstämda i vart och ett"),
    ("en", "3 plan areas and {rules} rules, outcomes per plan area and rule (Affected: ", "checked in each")])
def test_the_summary_never_says_every_rule_was_checked_in_every_area(area_profile, plans, data,  # noqa: F811
                                                                     tmp_path, lang, said, never):
    """A rule not checked (or not applicable) in an area: the summary line counts outcomes, it does
    not claim that every rule was checked in every plan area (HTML and PDF alike)."""
    result = with_outcomes(run_check(area_profile, plans, data, lang=lang), not_checked={"roads-cross"})
    try:
        html = report.html_report(result, lang)
        line = said.format(rules=len(result.outcomes))
        assert line in html and never not in html
        assert ("Ej kontrollerad: 3)" if lang == "sv" else "Not checked: 3)") in html
        pdf = tmp_path / "r.pdf"
        report.write_pdf(result, str(pdf), lang)
        text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", _pdftext(pdf)))  # "ﬀ" -> "ff"
        assert line in text and never not in text
    finally:
        result.layers.clear()
