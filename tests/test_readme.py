"""The README's Reliability table is generated from the test suite and must be current."""

import os
import subprocess
import sys

from tests.fixtures.base import ROOT

SCRIPT = os.path.join(ROOT, "scripts", "reliability_table.py")


def test_reliability_table_is_up_to_date():
    done = subprocess.run([sys.executable, SCRIPT, "--check"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, (
        "README.md's Reliability table is out of date; run `python scripts/reliability_table.py`\n"
        + done.stdout[-3000:] + done.stderr[-2000:])


def test_every_scenario_of_issue_6_has_tests():
    """Read from the (checked) README table: no scenario without tests, every group of issue 6 there."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    section = text[text.index("<!-- reliability:start -->"):text.index("<!-- reliability:end -->")]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    rows = [[cell.strip() for cell in row] for row in rows[1:]]  # without the header
    assert len(rows) >= 30
    assert [row[1] for row in rows if not row[3] or row[3].startswith("0")] == []
    assert {row[0] for row in rows} >= {"Service faults", "Retries", "Cache durability", "Plan input",
                                        "Profile input", "Security"}  # (and groups of later issues)


def test_every_picture_the_readme_shows_exists_with_page_1_and_the_statement_of_the_pdf():
    """Issue 13's "done when": the README shows page 1 and the statement page of the Swedish PDF
    of the multi-area ÖP demo plan (written by `make demo`), and every picture it links exists."""
    import re

    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    linked = re.findall(r"\]\((docs/screenshots/[^)]+\.png)\)", text)
    assert [path for path in linked if not os.path.isfile(os.path.join(ROOT, path))] == []
    shown = dict((path, alt) for alt, path in re.findall(r"!\[([^\]]*)\]\((docs/screenshots/[^)]+\.png)\)", text))
    assert "Page 1 of the Swedish PDF report of the multi-area ÖP demo plan" in shown["docs/screenshots/report.png"]
    assert "Utkast till yttrande" in shown["docs/screenshots/report-statement.png"]
    with open(os.path.join(ROOT, "scripts", "demo.py"), encoding="utf-8") as handle:
        assert '("report-page-1", 1), ("report-statement", statement)' in handle.read()
