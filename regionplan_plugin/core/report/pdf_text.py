"""The text blocks of the PDF after page 1: the results per plan area, the rules with their
references, the provenance (plain text; ``pdf_pages._flow`` lays them out over pages)."""

from typing import List

from .. import vocabulary
from ..check import CheckResult
from ..i18n import localized, translate
from .area_text import area_facts, compact_lines
from .fmt import _fmt_area, _fmt_m, _fmt_share, severity_label
from .html import _relation_text
from .outcomes import AreaFindings, findings_in, per_area
from .plan_statistics import area_statistics, plan_statistics, statistics_notes
from .provenance import dataset_rows, provenance_rows
from .statement_input import rule_texts


def _hit(finding, lang: str) -> str:
    name = finding.feature_name or translate("(no feature in the dataset)", lang)
    if finding.overlap_m2:
        return translate("{name}: overlap {area} ({share})", lang).format(
            name=name, area=_fmt_area(finding.overlap_m2, lang), share=_fmt_share(finding.overlap_share, lang))
    if finding.distance_m is not None:
        return translate("{name}: {distance} m", lang).format(name=name, distance=_fmt_m(finding.distance_m, lang))
    return name


def area_blocks(result: CheckResult, lang: str) -> List[str]:
    """One block per plan area: its facts, its affected rules with their findings, then the rules
    checked without a finding, not applicable and not checked, each listed in one line."""
    blocks = []
    grouped = AreaFindings(result)
    for area, states in per_area(result):
        lines = [area.label(lang).upper(), area_facts(result, area, lang)]
        found = findings_in(result, area, grouped)
        affected = states[vocabulary.AFFECTED]
        if affected:
            lines.append(translate("Rules with findings in this plan area", lang) + ":")
        else:
            lines.append(translate("No rule has a finding in this plan area.", lang))
        for outcome, _area in affected:
            title, message = rule_texts(outcome, lang)
            hits = "; ".join(_hit(f, lang) for f in found if f.rule_id == outcome.rule.id)
            lines.append(f"• {severity_label(outcome.rule.severity, lang)} – {title}: {message}"
                         + (f" ({hits})" if hits else ""))
        lines += [line for _state, line in compact_lines(area, states, lang)]
        statistics = area_statistics(result, area, lang)
        if statistics:
            lines.append(translate("Plan statistics", lang) + ":")
            lines += [f"• {row.title}: {row.text}" for row in statistics]
        blocks.append("\n".join(lines))
    return blocks


def statistics_blocks(result: CheckResult, lang: str) -> List[str]:
    """The whole plan's statistics as one block ([] when the profile has none), for the PDF's
    part "Whole plan"."""
    rows = plan_statistics(result, lang)
    if not rows:
        return []
    lines = ([translate("Plan statistics", lang).upper()] + [f"• {row.title}: {row.text}" for row in rows]
             + statistics_notes(result, lang))
    return ["\n".join(lines)]


def reference_blocks(result: CheckResult, lang: str) -> List[str]:
    """The rules with their references in full, then the provenance in full."""
    rules = [translate("Rules and references", lang).upper()]
    for outcome in result.outcomes:
        rule = outcome.rule
        reference = getattr(rule, "reference", "") or "–"
        rules.append(f"• {rule_texts(outcome, lang)[0]} ({rule.id}) – {translate('Dataset', lang)} {rule.collection}"
                     f" – {_relation_text(rule, lang)} – {translate('Reference', lang)}: {reference}")
    provenance = [translate("Provenance", lang).upper()]
    provenance += [f"{key}: {value}" for key, value in provenance_rows(result, lang)]
    rows = dataset_rows(result, lang, full=True)
    if rows:
        head = rows[0]
        for title, cid, origin, fetched, age, version, count in rows[1:]:
            provenance.append(f"• {title} ({cid}): {head[1]} {origin}; {head[2]} {fetched}; {head[3]} {age}; "
                              f"{head[4]} {version}; {head[5]} {count}")
            caveat = localized(getattr(result.datasets.get(cid), "caveat", None) or "", lang)
            if caveat:
                provenance.append(f"  {translate('Note on the data', lang)}: {caveat}")
    return ["\n".join(rules), "\n".join(provenance)]
