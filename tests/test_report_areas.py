"""Issue 13, the report side: results per plan area, the four states, the draft statement in the
region's voice, numbers and times, the CSV in both languages and a complete PDF. The tests read
what a reader sees: the HTML's text (parsed), the PDF's text (pdftotext) and its metadata
(pdfinfo), the CSV through Python's csv module."""

import csv
import gc
import re
import shutil
import subprocess
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
    if result.area_outcomes:
        return result
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


def test_smoke(areas_result, tmp_path):
    text = report.html_report(areas_result, "sv", header=HEADER)
    (tmp_path.parent / "smoke.html").write_text(text)
    open("/tmp/c4b/smoke_sv.html", "w").write(text)
    open("/tmp/c4b/smoke_en.html", "w").write(report.html_report(areas_result, "en", header=HEADER))


def test_smoke_pdf(areas_result, tmp_path):
    report.write_pdf(areas_result, "/tmp/c4b/smoke_sv.pdf", "sv", header=HEADER)
    report.write_csv(areas_result, "/tmp/c4b/smoke_sv.csv", "sv")
