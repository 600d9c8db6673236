"""What one check run stores in a case: ``Case.add_version`` arguments from a ``CheckResult``,
and the statement document of a case (header fields, sections, the decided findings)."""

import datetime

from ..export import Document, HeaderField, Section, Table
from ..i18n import translate
from ..vocabulary import decision_label, plan_type_label, severity_label, stage_label


def _get(item, name, default=None):
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _plain(item) -> dict:
    return item.as_dict() if hasattr(item, "as_dict") else dict(item)


def version_arguments(result, lang: str = "") -> dict:
    """Keyword arguments of ``Case.add_version`` (all but ``label``) for a check result: the plan
    areas as checked, the findings, the per-area outcomes and statistics when the result has
    them, and the provenance of every dataset used."""
    areas = [((p.label(lang) if lang and hasattr(p, "label") else _get(p, "name")) or "", _get(p, "geometry"))
             for p in (_get(result, "plan_features") or [])]
    outcomes = [{"plan_fid": _get(o, "plan_fid"), "rule_id": _get(o, "rule_id"), "state": _get(o, "state"),
                 "findings": _get(o, "findings", 0), "reason": _get(o, "reason", ""),
                 "collection": _get(o, "collection", ""), "data_version": _get(o, "data_version", ""),
                 "fetched_at": _get(o, "fetched_at", "")}
                for o in (_get(result, "area_outcomes") or [])]
    statistics = [{"plan_fid": _get(s, "plan_fid"), "statistic_id": _get(s, "statistic_id"),
                   "value": _get(s, "value"), "unit": _get(s, "unit", "")}
                  for s in (_get(result, "statistics") or [])]
    provenance = [dict(_plain(item), collection=_get(item, "collection") or cid)
                  for cid, item in sorted((_get(result, "datasets") or {}).items())]
    return {"plan_geometries": areas, "crs": _get(result, "crs") or "",
            "findings": list(_get(result, "findings") or []), "outcomes": outcomes,
            "statistics": statistics, "provenance": provenance}


def header_fields(info, lang: str, date: str = "") -> list:
    """The statement's header lines from the case row; keys name the template placeholders."""
    return [HeaderField(translate("Case number", lang), info.case_id, "case_id"),
            HeaderField(translate("Municipality name", lang), info.municipality, "municipality"),
            HeaderField(translate("Plan", lang), info.plan_name, "plan_name"),
            HeaderField(translate("Plan type", lang), plan_type_label(info.plan_type, lang), "plan_type"),
            HeaderField(translate("Stage", lang), stage_label(info.stage, lang), "stage"),
            HeaderField(translate("Date", lang), date, "date")]


def findings_table(decided, lang: str, rule_titles=None) -> Table:
    """The findings of a version as the reviewer decided them (``Case.decided_view``)."""
    rule_titles = rule_titles or {}
    rows = []
    for item in decided:
        finding, decision = item.finding, item.decision
        rows.append([rule_titles.get(finding.rule_id, finding.rule_id),
                     finding.feature_name or finding.feature_id or "", finding.plan_name or "",
                     severity_label(item.severity, lang),
                     decision_label(decision.decision, lang) if decision else "",
                     "" if item.not_relevant else severity_label(item.severity_after, lang),
                     decision.reason if decision else ""])
    header = [translate(text, lang) for text in ("Rule", "Feature", "Plan area", "Severity", "Decision",
                                                 "Decided severity", "Reason")]
    return Table(header, rows, translate("Findings and the reviewer's decisions", lang))


# the draft's header lines (core.statement ``line_*`` texts) and the template placeholder each fills
_HEADER_LINES = (("line_region", "region"), ("line_date", "date"), ("line_case", "case_id"),
                 ("line_mcase", "municipality_case_id"), ("line_to", "addressee"))


def own_header(paragraphs, info, lang: str, date: str = ""):
    """(title, [HeaderField]) of the draft's title-and-header section (its first paragraph the
    statement's title, then "Label: value" lines). A line still holding its placeholder takes the
    case's value where the case has one (its case number, the export's date)."""
    from ..statement.format import format_date, phrase, placeholder

    keys = {phrase(name, lang, value="").rstrip(): key for name, key in _HEADER_LINES}
    try:
        day = format_date(datetime.date.fromisoformat(date[:10]), lang) if date else ""
    except ValueError:
        day = date
    known = {"case_id": info.case_id, "date": day}
    lines = []
    for line in "\n".join(paragraphs[1:]).splitlines():
        label, sep, value = line.partition(":")
        key = keys.get(label.strip() + ":", "") if sep else ""
        if not key:
            lines.append(HeaderField("", line.strip()))
            continue
        value = value.strip()
        if value == placeholder(key, lang) and known.get(key):
            value = known[key]
        lines.append(HeaderField(label.strip(), value, key))
    return paragraphs[0], [line for line in lines if line.label or line.value]


def statement_document(info, sections, lang: str, date: str = "", table=None) -> Document:
    """The exported statement: ``sections`` are (heading, text) pairs (paragraphs split on blank
    lines); ``table`` an optional ``findings_table``. When the first is the draft's title and
    header, its title is the document's and its lines the one header block (the case's fields
    stay for a template's placeholders only): an official gets one header, not two."""
    parts = []
    for heading, text in sections:
        paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
        parts.append(Section(heading, paragraphs))
    title = translate("Statement on {plan}", lang).format(plan=info.plan_name or info.case_id)
    letterhead = []
    if parts and parts[0].heading == translate("Title and header", lang) and parts[0].paragraphs:
        title, letterhead = own_header(parts.pop(0).paragraphs, info, lang, date)
    return Document(title, header_fields(info, lang, date), parts, table, lang, letterhead)
