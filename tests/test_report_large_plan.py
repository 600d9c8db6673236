"""Issue 18 item 3: the PDF of a plan with thousands of findings (a whole ÖP) leaves out the
table of every finding (hundreds of pages) and prints a summary per rule instead; every finding
is still in the PDF under its plan area, and the table in the other outputs."""

import csv
import gc
import re
import shutil
import subprocess
import unicodedata

import pytest

from regionplan_plugin.core import report
from regionplan_plugin.core.report.pdf_table import TABLE_LIMIT
from tests.helpers.report_data import synthetic_result

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is part of make setup")


@pytest.fixture(autouse=True)
def _collect_cycles():
    yield
    gc.collect()


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          timeout=120).stdout
    return unicodedata.normalize("NFKC", text)  # the font's ligatures (ﬁ, ﬀ) as letters


def pages_of(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.timeout(180)
def test_a_pdf_with_more_findings_than_the_limit_has_a_summary_per_rule_and_every_finding(tmp_path):
    count = TABLE_LIMIT + 1
    result = synthetic_result(count)
    path = tmp_path / "r.pdf"
    report.write_pdf(result, str(path), "en")
    text = pdf_text(path)
    flat = " ".join(text.split())
    assert "Regional feature" not in text  # no table: its column heading is not there
    assert f"The table of all {count:,} findings is not printed in the PDF (58 pages)" in flat
    assert "the whole table is in the HTML report, the CSV table and the GeoPackage of findings" in flat
    # per rule: its findings, the plan areas and the overlap (rule-0 intersects: 667 × 400 m²)
    assert "Conflict – Rule title rule-0: 667 findings, in 1 plan area, overlap 26.7 ha" in flat
    assert "Attention – Rule title rule-1: 667 findings, in 1 plan area" in flat
    assert "In line with RUS – Rule title rule-2: 667 findings, in 1 plan area" in flat
    # every finding is in the PDF, under its plan area
    assert set(re.findall(r"Feature (\d+)\b", flat)) == {str(n) for n in range(count)}
    assert pages_of(path) < 40
    # and in the CSV table whole
    report.write_csv(result, str(tmp_path / "r.csv"))
    with open(tmp_path / "r.csv", encoding="utf-8", newline="") as handle:
        assert len(list(csv.reader(handle))) == count + 1


@pytest.mark.timeout(180)
def test_the_summary_in_swedish(tmp_path):
    """Above the limit the PDF still has everything else a reader needs: the draft statement on
    pages of its own, the references and the provenance in full, the document's metadata; the
    summary is headed as what it is (the findings), never as the statement."""
    result = synthetic_result(TABLE_LIMIT + 2, lang="sv")
    path = tmp_path / "r.pdf"
    header = {"case_id": "RÖL 2026/123", "officer": "Anna Andersson", "plan_type": "op", "stage": "samrad",
              "addressee": "Kumla kommun", "municipality": "Kumla"}
    report.write_pdf(result, str(path), "sv", header=header)
    text = pdf_text(path)
    flat = " ".join(text.split())
    assert "Tabellen med alla 2 002 träffar skrivs inte ut i PDF:en (58 sidor)" in flat
    assert "Konflikt – Rule title rule-0: 668 träffar, i 1 planområde, överlapp 26,7 ha" in flat
    pages = [page.lstrip() for page in text.split("\f")]
    headed = [page.split("\n", 1)[0] for page in pages if page]
    assert headed.count("Utkast till yttrande") == 1, headed
    statement = next(page for page in pages if page.startswith("Utkast till yttrande"))
    assert "Yttrande över samrådshandling för översiktsplan för Kumla kommun" in statement
    assert "RÖL 2026/123" in statement and "Regionens ställningstagande" in statement
    references = next(page for page in pages if page.startswith("Referenser och underlag"))
    assert "REGLER OCH REFERENSER" in references and "UNDERLAG OCH URSPRUNG" in flat
    assert "Profilens SHA-256: " + "0" * 64 in flat and "Avstämd: 2026-12-01" in flat
    summary = next(page for page in pages if "Tabellen med alla" in page)
    assert summary.startswith("Träffar\n")
    assert pages.index(statement) < pages.index(references) < pages.index(summary)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"^Title:\s+Yttrande över samrådshandling för översiktsplan för Kumla kommun$", info, re.M)
    assert re.search(r"^Author:\s+Anna Andersson$", info, re.M)
    assert re.search(r"^Subject:\s+Avstämning mot den regionala utvecklingsstrategin: Plan A$", info, re.M)




def test_r2_10_the_summary_counts_plan_areas_that_share_a_feature_id():
    """Plan areas are told apart by their position, not their feature id (issue 11 item 10):
    the summary per rule counts two areas with the same fid as two."""
    from regionplan_plugin.core.report.pdf_table import summary_blocks

    result = synthetic_result(TABLE_LIMIT + 1)
    for n, finding in enumerate(result.findings):
        finding.plan_index = n % 2  # two plan areas, both with feature id 1
    flat = " ".join(summary_blocks(result, "en")[0].split())
    assert "Conflict – Rule title rule-0: 667 findings, in 2 plan areas, overlap 26.7 ha" in flat
