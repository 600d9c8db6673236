"""The self-contained HTML report. Every string that comes from the service, the profile or the
plan is HTML-escaped (``html.escape``) before it enters the HTML; the HTML makes no external
request (inline CSS, the map embedded as a ``data:`` URI)."""

import base64
from typing import List, Optional

from .. import vocabulary
from ..check import SEVERITIES, CheckResult
from ..i18n import localized, translate, translaten
from ..vocabulary import outcome_label, purpose_label
from .area_text import area_facts, compact_lines
from .case_view import case_html, decided_result, decision_note
from .fmt import (
    _fmt_area,
    _fmt_m,
    _fmt_share,
    _fmt_time,
    _heading,
    _profile_name,
    esc,
    plan_title,
    severity_label,
)
from .io import write_bytes
from .mapping import MapContents, map_contents, render_map_png
from .outcomes import AreaFindings, findings_in, per_area, state_counts
from .plan_statistics import area_statistics, plan_statistics, statistics_notes
from .provenance import dataset_rows, provenance_rows
from .statement import statement_sections
from .statement_input import rule_texts

CSS = """
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:2em auto;max-width:62em;color:#222;line-height:1.4}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
h3{margin-bottom:.3em}table{border-collapse:collapse;width:100%;margin:.5em 0 1em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top;font-size:.92em}
th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}
.sev{display:inline-block;padding:.05em .5em;border-radius:.6em;color:#fff;font-size:.85em;font-weight:bold}
.verdict{font-size:1.15em;padding:.6em .8em;border-left:6px solid #888;background:#f7f7f7}
.muted{color:#666}.note{background:#fff7e0;border-left:4px solid;padding:.4em .7em}
.statement{background:#fbfbf6;border:1px solid #e2e2d0;padding:.5em 1.2em}
img.map{width:100%;border:1px solid #ccc}code{font-size:.9em;overflow-wrap:anywhere}
.subtitle{font-size:1.15em;margin:.2em 0}td{overflow-wrap:anywhere}p.legend{line-height:1.8}
th.num{text-align:right;white-space:nowrap;width:7.5em}td.time{white-space:nowrap}
table.statistics td.num{width:12em}td.not-computed{color:#666;width:24em}
""" + "".join(f".sev-{s}{{background:{c}}}" for s, c in vocabulary.SEVERITY_COLOURS.items()) + "".join(
    f".verdict-{v}{{border-color:{c}}}" for v, c in vocabulary.VERDICT_COLOURS.items()) + (
    f".na{{color:{vocabulary.SEVERITY_COLOURS[vocabulary.SUPPORT]}}}"
    f".note{{border-color:{vocabulary.SEVERITY_COLOURS[vocabulary.ATTENTION]}}}\n")


def _counts_table(result: CheckResult, lang: str) -> str:
    counts = result.counts
    head = "".join(f"<th>{esc(severity_label(s, lang))}</th>" for s in SEVERITIES)
    row = "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITIES)
    return f"<table class=\"summary\"><tr>{head}</tr><tr>{row}</tr></table>"


def _rule_section(result: CheckResult, outcome, findings, lang: str, anchor: str) -> str:
    """An affected rule in one plan area: its badge, title, message, reference and the area's findings."""
    rule = outcome.rule
    title, message = rule_texts(outcome, lang)
    decided = {f.severity for f in findings}  # the reviewer's, when every finding here was changed alike
    severity = decided.pop() if len(decided) == 1 else rule.severity
    parts = [
        f'<section class="rule affected" id="{esc(anchor)}">',
        f'<h4><span class="sev sev-{esc(severity)}">{esc(severity_label(severity, lang))}</span> '
        f"{esc(title)}</h4>",
        f'<p class="muted">{esc(translate("Rule", lang))} <code>{esc(rule.id)}</code> · '
        f"{esc(translate('Dataset', lang))} <code>{esc(rule.collection)}</code> · "
        f"{esc(_relation_text(rule, lang))}</p>",
        f"<p>{esc(message)}</p>",
    ]
    if getattr(rule, "reference", ""):
        parts.append(f'<p class="muted">{esc(translate("Reference", lang))}: {esc(rule.reference)}</p>')
    caveat = localized(getattr(result.datasets.get(rule.collection), "caveat", None) or "", lang)
    if caveat:  # the declared dataset's caveat, wherever its data is used
        parts.append(f'<p class="note">{esc(translate("Note on the data", lang))}: {esc(caveat)}</p>')
    if findings:
        parts.append(
            '<table class="findings"><tr>'
            f"<th>{esc(translate('Regional feature', lang))}</th>"
            f'<th class="num">{esc(translate("Distance (m)", lang))}</th>'
            f'<th class="num">{esc(translate("Overlap", lang))}</th>'
            f'<th class="num">{esc(translate("Share of plan", lang))}</th></tr>'
        )
        for finding in findings:
            feature = finding.feature_name or translate("(no feature in the dataset)", lang)
            note = decision_note(finding, lang)
            if note:
                feature += " – " + translate("decided severity", lang) + ": " + note
            parts.append(
                f"<tr><td>{esc(feature)}</td>"
                f'<td class="num">{esc(_fmt_m(finding.distance_m, lang))}</td>'
                f'<td class="num">{esc(_fmt_area(finding.overlap_m2, lang))}</td>'
                f'<td class="num">{esc(_fmt_share(finding.overlap_share, lang))}</td></tr>'
            )
        parts.append("</table>")
    parts.append("</section>")
    return "\n".join(parts)


def _titles_of(pairs, lang: str) -> str:
    return ", ".join(rule_texts(outcome, lang)[0] for outcome, _area in pairs)


def _area_section(result: CheckResult, area, states: dict, lang: str, grouped=None) -> str:
    """One plan area: what it is, then its affected rules with their findings; the rules checked
    without a finding, not applicable and not checked listed compactly, without badges or messages."""
    parts = [f'<section class="area" id="area-{area.number or area.index + 1}">',
             f"<h3>{esc(area.label(lang))}</h3>", f'<p class="muted">{esc(area_facts(result, area, lang))}</p>']
    affected = states[vocabulary.AFFECTED]
    found = findings_in(result, area, grouped)
    if affected:
        parts.append(f"<p><strong>{esc(translate('Rules with findings in this plan area', lang))}</strong></p>")
        for outcome, _area in affected:
            hits = [f for f in found if f.rule_id == outcome.rule.id]
            parts.append(_rule_section(result, outcome, hits, lang,
                                       f"area-{area.number or area.index + 1}-rule-{outcome.rule.id}"))
    else:
        parts.append(f"<p>{esc(translate('No rule has a finding in this plan area.', lang))}</p>")
    css = {vocabulary.NOT_AFFECTED: "na not-affected", vocabulary.NOT_APPLICABLE: "muted not-applicable",
           vocabulary.NOT_CHECKED: "note not-checked"}
    for state, line in compact_lines(area, states, lang):
        parts.append(f'<p class="{css[state]}">{esc(line)}</p>')
    statistics = area_statistics(result, area, lang)
    if statistics:
        parts.append(f"<h4>{esc(translate('Plan statistics', lang))}</h4>")
        parts.append(_statistics_table(statistics, translate("Plan area", lang)))
    parts.append("</section>")
    return "\n".join(parts)


def _statistics_table(rows, column: str, anchors: bool = False) -> str:
    """Plan statistics (``StatisticRow``) as a table: the statistic, and its value or why it is
    not computed."""
    lines = [f'<table class="statistics"><tr><th></th><th class="num">{esc(column)}</th></tr>']
    for row in rows:
        anchor = f' id="statistic-{esc(row.statistic_id)}"' if anchors else ""
        css = "num" if row.computed else "not-computed"
        lines.append(f'<tr{anchor}><td>{esc(row.title)}</td><td class="{css}">{esc(row.text)}</td></tr>')
    lines.append("</table>")
    return "".join(lines)


def _statistics_section(result: CheckResult, lang: str) -> str:
    """The whole plan's statistics (``<section id="statistics">``), "" when the profile has none."""
    rows = plan_statistics(result, lang)
    if not rows:
        return ""
    column = translate("Whole plan", lang) if len(result.plan_features) > 1 else translate("Plan area", lang)
    notes = "".join(f'<p class="muted">{esc(note)}</p>' for note in statistics_notes(result, lang))
    return (f'<section class="statistics" id="statistics"><h2>{esc(translate("Plan statistics", lang))}</h2>'
            + _statistics_table(rows, column, anchors=True) + notes + "</section>")


def _rules_table(result: CheckResult, lang: str) -> str:
    """Every rule of the check: what it asks, its data and its reference in full."""
    rows = []
    for outcome in result.outcomes:
        rule = outcome.rule
        rows.append(f'<tr id="rule-{esc(rule.id)}"><td>{esc(rule_texts(outcome, lang)[0])} <code>{esc(rule.id)}</code>'
                    f"</td><td><code>{esc(rule.collection)}</code></td><td>{esc(_relation_text(rule, lang))}</td>"
                    f"<td>{esc(getattr(rule, 'reference', '') or '–')}</td></tr>")
    return (f"<table class=\"rules\"><tr><th>{esc(translate('Rule', lang))}</th><th>{esc(translate('Dataset', lang))}"
            f"</th><th>{esc(translate('Checks', lang))}</th><th>{esc(translate('Reference', lang))}</th></tr>"
            + "".join(rows) + "</table>")


def _states_line(result: CheckResult, lang: str) -> str:
    counts = state_counts(result)
    listed = "; ".join(f"{outcome_label(state, lang)}: {counts[state]}" for state in vocabulary.OUTCOMES)
    # outcomes counted, never "every rule checked in each area": some may be not applicable or not checked
    return translaten("{n} plan area and {rules} rules, outcomes per rule ({states})",
                      "{n} plan areas and {rules} rules, outcomes per plan area and rule ({states})",
                      len(result.plan_features),
                      lang).format(n=len(result.plan_features), rules=len(result.outcomes), states=listed)


def _relation_text(rule, lang: str) -> str:
    distance = _fmt_m(rule.distance_m, lang) if rule.distance_m else ""
    if rule.relation == "intersects":
        text = translate("intersects the plan", lang)
        if getattr(rule, "min_overlap_m2", 0):
            text += " " + translate("(from {area} overlap)", lang).format(area=_fmt_area(rule.min_overlap_m2, lang))
        return text
    if rule.relation == "within_distance":
        return translate("within {distance} m of the plan", lang).format(distance=distance)
    return translate("none within {distance} m of the plan", lang).format(distance=distance)


def _provenance(result: CheckResult, lang: str) -> str:
    parts = ["<table>"]
    for key, value in provenance_rows(result, lang):
        parts.append(f"<tr><th>{esc(key)}</th><td>{esc(value)}</td></tr>")
    parts.append("</table>")
    rows = dataset_rows(result, lang)
    if rows:
        head, body = rows[0], rows[1:]
        parts.append("<table><tr>" + "".join(f"<th>{esc(cell)}</th>" for cell in head) + "</tr>")
        for title, cid, origin, fetched, age, version, count in body:
            parts.append(
                f"<tr><td>{esc(title)} <code>{esc(cid)}</code></td><td>{esc(origin)}</td>"
                f'<td class="time">{esc(fetched)}</td><td>{esc(age)}</td><td><code>{esc(version)}</code></td>'
                f'<td class="num">{esc(count)}</td></tr>'
            )
        parts.append("</table>")
    return "\n".join(parts)


def html_report(result: CheckResult, lang: Optional[str] = None, map_png: Optional[bytes] = None,
                context_layers: Optional[dict] = None, map_titles: Optional[List[str]] = None,
                header: Optional[dict] = None, decisions=None, comparison=None) -> str:
    """The HTML text; with ``map_png``, the map and its legend (``map_titles``: the regional
    layers drawn, read from the map's contents when not given; ``header``: the draft statement's
    case fields, see :func:`statement_input.statement_header`)."""
    lang = lang or result.lang
    result = decided_result(result, decisions)
    title = translate("Plan check against the regional development strategy", lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">",
        f"<title>{esc(title)} – {esc(plan_title(result, lang))}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="subtitle"><strong>{esc(translate("Plan", lang))}: {esc(plan_title(result, lang))}</strong></p>',
        f'<p class="muted">{esc(_profile_name(result))} · {esc(translate("Plan layer", lang))}: '
        f"{esc(result.plan_name)} · {esc(_fmt_time(result.started_at))}</p>",
        f"<h2>{esc(translate('Summary', lang))}</h2>",
        f'<p class="verdict verdict-{esc(result.verdict)}">{esc(result.verdict_text(lang))}</p>',
        _counts_table(result, lang),
    ]
    parts.append(f"<p>{esc(_states_line(result, lang))}</p>")
    plan_rows = "".join(
        f"<tr><td>{esc(p.label(lang))}</td><td>{esc(purpose_label(p.purpose, lang) if p.purpose else '–')}</td>"
        f"<td class=\"num\">{esc(_fmt_area(p.area_m2, lang))}</td>"
        f"<td>{esc(p.municipality or result.hosts_by_plan.get(p.index, '') or '–')}</td>"
        f"<td>{esc(translate('yes', lang) if p.checked else translate('no (outside the region)', lang))}</td></tr>"
        for p in result.plan_features
    )
    parts.append(
        f"<table class=\"areas\"><tr><th>{esc(translate('Plan area', lang))}</th><th>{esc(translate('Use', lang))}</th>"
        f'<th class="num">{esc(translate("Size of the area", lang))}</th>'
        f'<th>{esc(translate("Municipality of the area", lang))}</th>'
        f"<th>{esc(translate('Checked', lang))}</th></tr>{plan_rows}"
        "</table>"
    )
    for note in result.notes:
        parts.append(f'<p class="note">{esc(note)}</p>')
    if result.repairs:
        parts.append(f"<h3>{esc(translate('Repaired or skipped plan geometries', lang))}</h3><ul>")
        for repair in result.repairs:
            parts.append(f"<li>#{esc(repair.plan_fid)} {esc(repair.plan_name)}: {esc(repair.reason)}</li>")
        parts.append("</ul>")
    if result.disabled_rules:
        parts.append(
            f'<p class="note">{esc(translate("Rules turned off for this check", lang))}: '
            f"{esc(', '.join(result.disabled_rules))}</p>"
        )
    if map_png:
        encoded = base64.b64encode(map_png).decode("ascii")
        parts.append(f"<h2>{esc(translate('Map', lang))}</h2>")
        parts.append(f'<img class="map" alt="{esc(translate("Map of the plan and the findings", lang))}" '
                     f'src="data:image/png;base64,{encoded}">')
        parts.append(_legend_html(result, lang, context_layers, map_titles))
    parts.append(case_html(result, comparison, lang, "changes"))
    parts.append(_statistics_section(result, lang))
    parts.append(f"<h2>{esc(translate('Results per plan area', lang))}</h2>")
    grouped = AreaFindings(result)
    for area, states in per_area(result):
        parts.append(_area_section(result, area, states, lang, grouped))
    parts.append(f"<h2>{esc(translate('Rules and references', lang))}</h2>")
    parts.append(_rules_table(result, lang))
    parts.append(f"<h2>{esc(_heading('statement', lang))}</h2><div class=\"statement\">")
    for heading, paragraphs in statement_sections(result, lang, header, comparison=comparison):
        parts.append(f"<h3>{esc(heading)}</h3>")
        for paragraph in paragraphs:
            lines = "<br>".join(esc(line) for line in paragraph.split("\n"))
            parts.append(f"<p>{lines}</p>")
    parts.append("</div>")
    parts.append(f"<h2>{esc(translate('Provenance', lang))}</h2>")
    parts.append(_provenance(result, lang))
    parts.append(case_html(result, comparison, lang, "decisions"))
    parts.append("</body></html>")
    return "\n".join(parts)


def _legend_html(result: CheckResult, lang: str, context_layers: Optional[dict] = None,
                 titles: Optional[List[str]] = None) -> str:
    items = "".join(
        f'<span class="sev sev-{s}">{esc(severity_label(s, lang))}</span> ' for s in SEVERITIES
    )
    if titles is None:
        contents = map_contents(result, context_layers=context_layers)
        titles = _titles(contents)
        contents.layers.clear()
        contents.regional.clear()
    shown = ""
    if titles:
        shown = (f'<br>{esc(translate("Regional layers on the map (under the findings)", lang))}: '
                 f"{esc(', '.join(titles))}")
    dashed = translate("dashed lines in the colours of the assessments: the shortest distance from the plan to a "
                       "regional feature", lang)
    return (
        f'<p class="muted legend">{items} · {esc(translate("purple outline: the plan", lang))} · '
        f"{esc(dashed)}{shown}</p>"
    )


def _titles(contents: MapContents) -> List[str]:
    return [layer.name() for layer in contents.regional]


def write_html(result: CheckResult, path: str, lang: Optional[str] = None, map_png: Optional[bytes] = None,
               context_layers: Optional[dict] = None, contents: Optional[MapContents] = None,
               header: Optional[dict] = None, decisions=None, comparison=None) -> str:
    """Write the self-contained HTML report; renders the map unless ``map_png`` is given. The
    map's contents (``contents``, else built here) serve both the image and its legend."""
    if map_png is None and contents is None:
        contents = map_contents(result, lang=lang, context_layers=context_layers)
    if map_png is None:
        map_png = render_map_png(result, lang=lang, contents=contents)
    titles = _titles(contents) if contents is not None else None
    text = html_report(result, lang, map_png, context_layers, titles, header, decisions, comparison)
    write_bytes(path, text.encode("utf-8"), lang or result.lang, "html")
    return path
