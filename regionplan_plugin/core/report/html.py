"""The self-contained HTML report. Every string that comes from the service, the profile or the
plan is HTML-escaped (``html.escape``) before it enters the HTML; the HTML makes no external
request (inline CSS, the map embedded as a ``data:`` URI)."""

import base64
from typing import List, Optional

from .. import vocabulary
from ..check import SEVERITIES, CheckResult
from ..i18n import translate, translaten
from .fmt import _fmt_age, _fmt_m, _fmt_share, _fmt_time, _heading, _profile_name, esc, plan_title, severity_label
from .io import write_bytes
from .mapping import MapContents, map_contents, render_map_png
from .statement import statement_sections

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
""" + "".join(f".sev-{s}{{background:{c}}}" for s, c in vocabulary.SEVERITY_COLOURS.items()) + "".join(
    f".verdict-{v}{{border-color:{c}}}" for v, c in vocabulary.VERDICT_COLOURS.items()) + (
    f".na{{color:{vocabulary.SEVERITY_COLOURS[vocabulary.SUPPORT]}}}"
    f".note{{border-color:{vocabulary.SEVERITY_COLOURS[vocabulary.ATTENTION]}}}\n")


def _counts_table(result: CheckResult, lang: str) -> str:
    counts = result.counts
    head = "".join(f"<th>{esc(severity_label(s, lang))}</th>" for s in SEVERITIES)
    row = "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITIES)
    return f"<table class=\"summary\"><tr>{head}</tr><tr>{row}</tr></table>"


def _rule_section(result: CheckResult, outcome, lang: str) -> str:
    rule = outcome.rule
    parts = [
        f'<section class="rule" id="rule-{esc(rule.id)}">',
        f'<h3><span class="sev sev-{esc(rule.severity)}">{esc(severity_label(rule.severity, lang))}</span> '
        f"{esc(outcome.title)}</h3>",
        f'<p class="muted">{esc(translate("Rule", lang))} <code>{esc(rule.id)}</code> · '
        f"{esc(translate('Dataset', lang))} <code>{esc(rule.collection)}</code> · "
        f"{esc(_relation_text(rule, lang))}</p>",
        f"<p>{esc(outcome.message)}</p>",
    ]
    if getattr(rule, "reference", ""):
        parts.append(f'<p class="muted">{esc(translate("Reference", lang))}: {esc(rule.reference)}</p>')
    if outcome.findings:
        # one plan feature: its name is in the title already, a column of it would only repeat it
        several = len(result.plan_features) > 1
        plan_head = f"<th>{esc(translate('Plan feature', lang))}</th>" if several else ""
        parts.append(
            '<table class="findings"><tr>'
            f"{plan_head}"
            f"<th>{esc(translate('Regional feature', lang))}</th>"
            f'<th class="num">{esc(translate("Distance (m)", lang))}</th>'
            f'<th class="num">{esc(translate("Overlap (m²)", lang))}</th>'
            f'<th class="num">{esc(translate("Share of plan", lang))}</th></tr>'
        )
        for finding in outcome.findings:
            plan = finding.plan_name or f"#{finding.plan_fid}"
            feature = finding.feature_name or translate("(no feature in the dataset)", lang)
            plan_cell = f"<td>{esc(plan)}</td>" if several else ""
            parts.append(
                f"<tr>{plan_cell}<td>{esc(feature)}</td>"
                f'<td class="num">{esc(_fmt_m(finding.distance_m, lang))}</td>'
                f'<td class="num">{esc(_fmt_m(finding.overlap_m2, lang))}</td>'
                f'<td class="num">{esc(_fmt_share(finding.overlap_share, lang))}</td></tr>'
            )
        parts.append("</table>")
    if outcome.not_affected:
        names = ", ".join(esc(p.name or f"#{p.fid}") for p in outcome.not_affected)
        parts.append(f'<p class="na">✓ {esc(translate("Checked, not affected", lang))}: {names}</p>')
    if not outcome.findings and not outcome.not_affected:
        parts.append(f'<p class="muted">{esc(translate("Not checked (no plan feature in the region).", lang))}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _relation_text(rule, lang: str) -> str:
    distance = _fmt_m(rule.distance_m, lang) if rule.distance_m else ""
    if rule.relation == "intersects":
        text = translate("intersects the plan", lang)
        if getattr(rule, "min_overlap_m2", 0):
            text += " " + translate("(from {area} m² overlap)", lang).format(area=_fmt_m(rule.min_overlap_m2, lang))
        return text
    if rule.relation == "within_distance":
        return translate("within {distance} m of the plan", lang).format(distance=distance)
    return translate("none within {distance} m of the plan", lang).format(distance=distance)


def _provenance(result: CheckResult, lang: str) -> str:
    profile = result.profile
    rows = [
        (translate("Profile", lang), f"{getattr(profile, 'id', '')} – {_profile_name(result)}"),
        (translate("Profile source", lang), getattr(profile, "source", "")),
        (translate("Profile SHA-256", lang), getattr(profile, "sha256", "")),
        (translate("Service", lang), getattr(profile, "service_url", "")),
        (translate("Plan layer", lang), f"{result.plan_name} ({result.plan_crs})"),
        (translate("Measured in", lang), result.crs),
        (translate("Checked at (UTC)", lang), result.started_at),
        (translate("Plugin version", lang), result.plugin_version),
        (translate("QGIS version", lang), result.qgis_version),
    ]
    parts = ["<table>"]
    for key, value in rows:
        parts.append(f"<tr><th>{esc(key)}</th><td>{esc(value)}</td></tr>")
    parts.append("</table>")
    if result.datasets:
        parts.append(
            "<table><tr>"
            f"<th>{esc(translate('Dataset', lang))}</th><th>{esc(translate('From', lang))}</th>"
            f"<th>{esc(translate('Fetched (UTC)', lang))}</th><th>{esc(translate('Cache age', lang))}</th>"
            f"<th>{esc(translate('ETag / version / hash', lang))}</th>"
            f"<th>{esc(translate('Features', lang))}</th></tr>"
        )
        origins = {
            "cache": translate("offline cache", lang),
            "service": translate("service", lang),
            "layer": translate("local layer", lang),
        }
        for cid, info in result.datasets.items():
            version = " / ".join(
                str(v) for v in (info.get("etag"), info.get("version"), (info.get("content_hash") or "")[:16]) if v
            )
            origin = origins.get(info.get("origin"), info.get("origin", "")) + _limited_to(info, result, lang)
            parts.append(
                f"<tr><td>{esc(info.get('title') or cid)} <code>{esc(cid)}</code></td>"
                f"<td>{esc(origin)}</td>"
                f'<td class="time">{esc(_fmt_time(info.get("fetched_at", "")) or "–")}</td>'
                f"<td>{esc(_fmt_age(info.get('cache_age_s')))}</td>"
                f"<td><code>{esc(version or '–')}</code></td>"
                f'<td class="num">{esc(_feature_count(info, lang))}</td></tr>'
            )
        parts.append("</table>")
    return "\n".join(parts)


def _limited_to(info: dict, result: CheckResult, lang: str) -> str:
    """", only the area xmin, ymin – xmax, ymax EPSG:…" for a copy cached for an extent, else ""."""
    box = info.get("extent")
    if not box:
        return ""
    area = "{:.0f}, {:.0f} – {:.0f}, {:.0f} {}".format(*[float(v) for v in box], result.crs)
    return translate(", only the area {extent}", lang).format(extent=area)


def _feature_count(info: dict, lang: str) -> str:
    count = info.get("feature_count", "")
    skipped = info.get("skipped") or 0
    repaired = info.get("repaired") or 0
    text = str(count)
    if skipped:
        text = translate("{count} ({skipped} skipped: broken in the service's answer)", lang).format(
            count=count, skipped=skipped)
    if repaired:
        text += "; " + translaten("{n} feature repaired (invalid geometry)", "{n} features repaired (invalid geometry)",
                                  repaired, lang).format(n=repaired)
    return text


def html_report(result: CheckResult, lang: Optional[str] = None, map_png: Optional[bytes] = None,
                context_layers: Optional[dict] = None, map_titles: Optional[List[str]] = None) -> str:
    """The HTML text; with ``map_png``, the map and its legend (``map_titles``: the regional
    layers drawn, read from the map's contents when not given)."""
    lang = lang or result.lang
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
    plan_rows = "".join(
        f"<tr><td>{esc(p.name or f'#{p.fid}')}</td><td class=\"num\">{esc(_fmt_m(p.area_m2, lang))}</td>"
        f"<td>{esc(translate('yes', lang) if p.checked else translate('no (outside the region)', lang))}</td></tr>"
        for p in result.plan_features
    )
    parts.append(
        f"<table><tr><th>{esc(translate('Plan feature', lang))}</th>"
        f'<th class="num">{esc(translate("Area (m²)", lang))}</th>'
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
    parts.append(f"<h2>{esc(translate('Findings by rule', lang))}</h2>")
    for outcome in result.outcomes:
        parts.append(_rule_section(result, outcome, lang))
    parts.append(f"<h2>{esc(_heading('statement', lang))}</h2><div class=\"statement\">")
    for heading, paragraphs in statement_sections(result, lang):
        parts.append(f"<h3>{esc(heading)}</h3>")
        for paragraph in paragraphs:
            parts.append(f"<p>{esc(paragraph)}</p>")
    parts.append("</div>")
    parts.append(f"<h2>{esc(translate('Provenance', lang))}</h2>")
    parts.append(_provenance(result, lang))
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
    return (
        f'<p class="muted legend">{items} · {esc(translate("purple outline: the plan", lang))} · '
        f"{esc(translate('dashed lines: shortest distance to the regional feature', lang))}{shown}</p>"
    )


def _titles(contents: MapContents) -> List[str]:
    return [layer.name() for layer in contents.regional]


def write_html(result: CheckResult, path: str, lang: Optional[str] = None, map_png: Optional[bytes] = None,
               context_layers: Optional[dict] = None, contents: Optional[MapContents] = None) -> str:
    """Write the self-contained HTML report; renders the map unless ``map_png`` is given. The
    map's contents (``contents``, else built here) serve both the image and its legend."""
    if map_png is None and contents is None:
        contents = map_contents(result, lang=lang, context_layers=context_layers)
    if map_png is None:
        map_png = render_map_png(result, lang=lang, contents=contents)
    titles = _titles(contents) if contents is not None else None
    text = html_report(result, lang, map_png, context_layers, titles)
    write_bytes(path, text.encode("utf-8"), lang or result.lang, "html")
    return path
