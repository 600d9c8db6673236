"""The words about one plan area, shared by the HTML and the PDF: its facts (use, size,
municipality) and the compact lines of the rules it has no finding for."""

from typing import List, Tuple

from .. import vocabulary
from ..check import CheckResult
from ..i18n import translate
from ..vocabulary import outcome_label, purpose_label
from .fmt import _fmt_area, _in_sentence
from .statement_input import rule_texts


def area_facts(result: CheckResult, area, lang: str) -> str:
    """"Användning: bostäder · Areal: 12,4 ha · Kommun: Kumla"."""
    facts = [translate("Use", lang) + ": " + (purpose_label(area.purpose, lang) if area.purpose else
                                              translate("unknown (every rule applies)", lang)),
             translate("Size of the area", lang) + ": " + _fmt_area(area.area_m2, lang)]
    municipality = area.municipality or result.hosts_by_plan.get(area.index, "")
    if municipality:
        facts.append(translate("Municipality of the area", lang) + ": " + municipality)
    return " · ".join(facts)


def compact_lines(area, states: dict, lang: str) -> List[Tuple[str, str]]:
    """[(state, line)]: the rules checked without a finding, the rules not applicable to the
    area's use (one line each), then one line per rule not checked, with its reason. No severity,
    no message: none of them is a finding."""
    titles = {state: ", ".join(rule_texts(o, lang)[0] for o, _a in pairs) for state, pairs in states.items()}
    lines = []
    if titles[vocabulary.NOT_AFFECTED]:
        lines.append((vocabulary.NOT_AFFECTED,
                      translate("Checked without a finding", lang) + ": " + titles[vocabulary.NOT_AFFECTED] + "."))
    if titles[vocabulary.NOT_APPLICABLE]:
        use = _in_sentence(purpose_label(area.purpose, lang)) if area.purpose else ""
        lines.append((vocabulary.NOT_APPLICABLE, translate("Not applicable to the use {use}", lang).format(use=use)
                      + ": " + titles[vocabulary.NOT_APPLICABLE] + "."))
    for outcome, area_outcome in states[vocabulary.NOT_CHECKED]:
        reason = (area_outcome.reason or translate("the data could not be had", lang)).rstrip(".")
        lines.append((vocabulary.NOT_CHECKED,
                      f"{outcome_label(vocabulary.NOT_CHECKED, lang)}: {rule_texts(outcome, lang)[0]} ({reason})"))
    return lines
