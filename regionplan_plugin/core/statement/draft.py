"""Drafting the statement: the sections from the outcomes (:func:`draft_statement`) and their rendering.

Pure Python (no QGIS): a small typed input model (:class:`StatementInput`: the header, the plan
areas with one :class:`AreaRule` per rule, the data used; ``model.py``) becomes a list
of :class:`Section` by :func:`draft_statement`; :func:`statement_text` and
:func:`statement_markdown` render them. The texts are in ``texts.json``, read by ``texts.py`` as
dicts ``{key: {"sv": ..., "en": ...}}`` of templates (``core/i18n.translate`` needs QGIS); numbers,
dates and the title line in ``format.py``; the sentences about one rule in one plan area
in ``sentences.py``.

What the statement may say follows the outcomes, never more: a point is made only for an
``affected`` rule; ``not_affected`` rules are at most summarised in one sentence;
``not_applicable`` rules are left out; a ``not_checked`` rule is always said and rules out any
"no objections" wording; a reviewer's ``not_relevant`` drops the rule and ``decided_severity``
replaces its severity. Matters of the county administrative board (``authority="state"``) and of
the municipality are information under their own headings, never the region's position.
"""

import re
from typing import Dict, List, Optional, Tuple

from ..vocabulary import SEVERITIES
from .format import (
    as_sentence,
    count_word,
    format_area,
    format_date,
    join_words,
    lang_code,
    lower_first,
    municipality_name,
    phrase,
    placeholder,
    statement_title,
    swedish_date,
    value_or_placeholder,
)
from .model import Section, StatementInput
from .sentences import (
    MAX_ITEMS,
    NEED_WORDS,
    area_name,
    area_ref,
    as_advice,
    as_need,
    grouped_facts,
    join_facts,
    message_parts,
)
from .texts import GROUP_ORDER, GROUP_TITLES, HEADINGS, TEXTS, THEME_GROUPS

SECTION_KEYS = ("header", "position", "points", "state", "municipality", "not_checked", "resolved", "data",
                "signature")
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
# ---------------------------------------------------------------- the sections

class _Plan:
    """The input sorted for writing: which (area, rule) pairs go where."""

    def __init__(self, inp: StatementInput, lang: str):
        self.inp = inp
        self.lang = lang
        self.several = len(inp.areas) > 1
        header = inp.header
        self.host = header.municipality.strip()  # the plan's municipality: never a neighbour
        self.region = (inp.region_name or header.region or "").strip() or placeholder("region", lang)
        self.entries = [(i, area, rule) for i, area in enumerate(inp.areas) for rule in area.rules]
        self.relevant = [e for e in self.entries if not e[2].not_relevant]
        self.affected = [e for e in self.relevant if e[2].state == "affected"]
        self.not_checked = [e for e in self.entries if e[2].state == "not_checked"]
        self.not_checked_rules = list(dict.fromkeys(e[2].rule_id for e in self.not_checked))

    def title_of(self, rule_id: str) -> str:
        return next(e[2].title for e in self.entries if e[2].rule_id == rule_id)

    def authority(self, entry, who: str) -> bool:
        authority = entry[2].authority if entry[2].authority in ("state", "municipality") else "region"
        return authority == who

    def affected_by(self, who: str):
        return [e for e in self.affected if self.authority(e, who)]

    def by_rule(self, entries):
        """[(rule_id, severity), [entries]] in order of first appearance."""
        groups: Dict[Tuple[str, str], list] = {}
        for entry in entries:
            groups.setdefault((entry[2].rule_id, entry[2].effective_severity), []).append(entry)
        return list(groups.items())

    def clean_rules(self, who: str, severity: str = "conflict") -> List[str]:
        """Titles of rules checked and not affected in every area they apply to (with this severity)."""
        states: Dict[str, list] = {}
        titles: Dict[str, str] = {}
        for entry in self.entries:
            rule = entry[2]
            if not self.authority(entry, who) or rule.state == "not_applicable":
                continue
            states.setdefault(rule.rule_id, []).append(rule)
            titles.setdefault(rule.rule_id, rule.title)
        return [titles[rid] for rid, rules in states.items()
                if all(r.state == "not_affected" and not r.not_relevant and r.effective_severity == severity
                       for r in rules)]

    def name_areas(self, entries) -> str:
        indices = list(dict.fromkeys(e[0] for e in entries))
        areas = [self.inp.areas[i] for i in indices]
        if len(indices) > 1 and all(a.name.strip() for a in areas):
            return phrase("areas_plural", self.lang, names=join_words([a.name.strip() for a in areas], self.lang))
        return join_words([area_ref(i, self.inp.areas[i], True, self.lang) for i in indices], self.lang)


def _addressee(header, lang: str) -> str:
    """Whom the statement is to: the user's value, else the plan's municipality when it is known
    ("Kumla kommun", as the title names it), else a placeholder."""
    if (header.addressee or "").strip() or not (header.municipality or "").strip():
        return value_or_placeholder(header.addressee, "addressee", lang)
    return municipality_name(header.municipality, lang)


def _header(plan: _Plan) -> Section:
    lang, header = plan.lang, plan.inp.header
    region = (header.region or plan.inp.region_name or "").strip() or placeholder("region", lang)
    lines = [
        phrase("line_region", lang, value=region),
        phrase("line_date", lang, value=format_date(header.date, lang)),
        phrase("line_case", lang, value=value_or_placeholder(header.case_id, "case_id", lang)),
        phrase("line_mcase", lang,
               value=value_or_placeholder(header.municipality_case_id, "municipality_case_id", lang)),
        phrase("line_to", lang, value=_addressee(header, lang)),
    ]
    return Section("header", statement_title(header, lang), "\n".join(lines))


def _position(plan: _Plan) -> Section:
    lang, region = plan.lang, plan.region
    entries = plan.affected_by("region")
    severities = {e[2].effective_severity for e in entries}
    complete = not plan.not_checked_rules
    if "conflict" in severities:
        more = bool(severities - {"conflict"})
        conflicts = [e for e in entries if e[2].effective_severity == "conflict"]
        if plan.several:
            key = "pos_conflict_more" if more else "pos_conflict"
            first = phrase(key, lang, region=region, areas=plan.name_areas(conflicts))
        else:
            first = phrase("pos_conflict_single_more" if more else "pos_conflict_single", lang, region=region)
    elif "attention" in severities:
        first = phrase("pos_attention", lang, region=region)
    elif "support" in severities:
        first = phrase("pos_support_complete" if complete else "pos_support", lang, region=region)
    elif "info" in severities:
        first = phrase("pos_info_complete" if complete else "pos_info", lang, region=region)
    else:
        first = phrase("pos_none" if complete else "pos_none_incomplete", lang, region=region)
    sentences = [first]
    if not complete:
        n = len(plan.not_checked_rules)
        # inside brackets: "Primärt godsstråk (farligt gods)" -> "primärt godsstråk, farligt gods"
        titles = [re.sub(r"\s*\(([^()]*)\)", r", \1", lower_first(plan.title_of(rid)))
                  for rid in plan.not_checked_rules]
        named = phrase("titles_in_brackets", lang, titles=join_words(titles, lang)) if n <= MAX_ITEMS else ""
        sentences.append(phrase("pos_incomplete", lang, count=count_word(n, lang).capitalize(), titles=named,
                                matters=phrase("matters_one" if n == 1 else "matters_many", lang),
                                them=phrase("them_one" if n == 1 else "them_many", lang)))
    return Section("position", HEADINGS["position"][lang], " ".join(sentences))


def _point(plan: _Plan, severity: str, entries) -> str:
    lang = plan.lang
    rule = entries[0][2]
    facts = join_facts(grouped_facts(entries, plan.several, lang, severity != "support", plan.host), lang)
    sentences = [phrase(f"lead_{severity}" if f"lead_{severity}" in TEXTS else "lead_info", lang,
                    region=plan.region, facts=facts)]
    _, rest = message_parts(rule.message, lang)
    advised = False
    for sentence in rest:
        advice = as_advice(sentence, lang)
        if advice is None:
            sentences.append(as_need(sentence, lang) if severity in ("conflict", "attention") else
                             as_sentence(sentence))
            advised = advised or bool(NEED_WORDS[lang].search(sentence))
        elif severity in ("info", "support"):
            sentences.append(as_sentence(phrase("advice_info", lang, advice=advice)))
        else:
            sentences.append(as_sentence(phrase("advice_next" if advised else "advice_first", lang, advice=advice)))
            advised = True
    if rule.caveat:
        sentences.append(as_sentence(rule.caveat))
    if severity == "conflict":
        sentences.append(phrase("close_conflict", lang))
    elif severity == "attention" and not advised:
        sentences.append(phrase("close_attention", lang))
    if rule.reference:
        sentences.append(phrase("see", lang, reference=rule.reference.strip().rstrip(".")))
    return f"{rule.title}\n{' '.join(sentences)}"


def _points(plan: _Plan) -> Section:
    lang = plan.lang
    paragraphs, subheadings, labels = [], [], []
    if plan.several:
        descriptions = []
        # name an area's municipality only where it is not the plan's own (or the areas differ)
        towns = {a.municipality.strip() for a in plan.inp.areas}
        own = plan.inp.header.municipality.strip() or (towns.pop() if len(towns) == 1 else "")
        for i, area in enumerate(plan.inp.areas):
            details = [area.purpose_label.strip() or phrase("unknown_purpose", lang)]
            if area.area_m2:
                details.append(format_area(area.area_m2, lang))
            if area.municipality.strip() and area.municipality.strip() != own:
                details.append(municipality_name(area.municipality, lang))
            descriptions.append(phrase("area_desc", lang, name=area_name(i, area, lang), details=", ".join(details)))
        paragraphs.append(phrase("areas_intro", lang, count=count_word(len(plan.inp.areas), lang),
                             areas=join_words(descriptions, lang)))
    if plan.inp.key_figures:  # facts, no position: "… visar jordbruksmark i planområdet om 12,4 ha."
        figures = [phrase("key_figure", lang, title=lower_first(title), value=value)
                   for title, value in plan.inp.key_figures]
        paragraphs.append(phrase("key_figures", lang, figures=join_words(figures, lang)))
    groups: Dict[str, list] = {}
    for (_, severity), entries in plan.by_rule(plan.affected_by("region")):
        group = THEME_GROUPS.get(entries[0][2].theme, "basis")
        groups.setdefault(group, []).append((SEVERITY_RANK.get(severity, 3), entries[0][0], severity, entries))
    for group in GROUP_ORDER:
        if group not in groups:
            continue
        subheadings.append(GROUP_TITLES[group][lang])
        paragraphs.append(GROUP_TITLES[group][lang])
        for _, _, severity, entries in sorted(groups[group], key=lambda g: (g[0], g[1])):
            paragraphs.append(_point(plan, severity, entries))
            labels.append(entries[0][2].title)
    clean = plan.clean_rules("region")
    summary = phrase("not_affected", lang, titles=join_words([lower_first(t) for t in clean], lang, "or"))
    if not groups:
        rest = phrase("no_points" if not plan.not_checked_rules else "no_points_incomplete", lang)
        paragraphs.append(f"{summary} {rest}" if clean else rest)
    elif clean:
        subheadings.append(GROUP_TITLES["other"][lang])
        paragraphs.append(GROUP_TITLES["other"][lang])
        paragraphs.append(summary)
    return Section("points", HEADINGS["points"][lang], "\n\n".join(paragraphs), tuple(subheadings), tuple(labels))


def _information(plan: _Plan, who: str) -> Optional[Section]:
    """Länsstyrelsen's or the municipality's matters: facts and the rule's own reasons, no position."""
    lang = plan.lang
    items = []
    for (_, _), entries in plan.by_rule(plan.affected_by(who)):
        rule = entries[0][2]
        facts = join_words(grouped_facts(entries, plan.several, lang, host=plan.host), lang)
        sentences = [phrase("info_item", lang, title=rule.title, facts=facts)]
        _, rest = message_parts(rule.message, lang)
        for sentence in rest:
            advice = as_advice(sentence, lang)
            if advice is None:
                if who == "state" and NEED_WORDS[lang].search(sentence):
                    continue  # "En riskutredning behövs." is a position: Länsstyrelsen's to take, not the region's
                sentences.append(as_sentence(sentence))
            elif who == "municipality":
                sentences.append(as_sentence(phrase("advice_info", lang, advice=advice)))
        if rule.caveat:
            sentences.append(as_sentence(rule.caveat))
        if rule.reference:
            sentences.append(phrase("see", lang, reference=rule.reference.strip().rstrip(".")))
        items.append(" ".join(sentences))
    paragraphs = []
    one = "_one" if len(items) == 1 else ""
    if items:
        paragraphs.append("\n".join([phrase(f"{who}_intro{one}", lang)] + items))
    if who == "state":
        clean = [lower_first(t) for t in plan.clean_rules("state")]
        one = "_one" if len(items) == 1 and not clean else ""
        if clean and items:
            paragraphs.append(phrase("not_affected_state", lang, titles=join_words(clean, lang, "or")))
        elif clean:
            paragraphs.append(phrase("state_none_affected", lang, titles=join_words(clean, lang)))
        if items:
            paragraphs.append(phrase(f"state_outro{one}", lang))
    if not paragraphs:
        return None
    return Section(who, HEADINGS[who][lang], "\n\n".join(paragraphs))


def _not_checked(plan: _Plan) -> Optional[Section]:
    lang = plan.lang
    if not plan.not_checked_rules:
        return None
    one = "_one" if len(plan.not_checked_rules) == 1 else ""
    lines = [phrase(f"nc_intro{one}", lang)]
    for rule_id in plan.not_checked_rules:
        entries = [e for e in plan.not_checked if e[2].rule_id == rule_id]
        applies = [e for e in plan.entries if e[2].rule_id == rule_id and e[2].state != "not_applicable"]
        reasons = list(dict.fromkeys(as_sentence(e[2].reason) for e in entries if e[2].reason.strip()))
        reason = " ".join(reasons) or placeholder("reason", lang)
        title = entries[0][2].title
        if plan.several and len(entries) < len(applies):
            lines.append(phrase("nc_item_areas", lang, title=title, areas=plan.name_areas(entries), reason=reason))
        else:
            lines.append(phrase("nc_item", lang, title=title, reason=reason))
    body = "\n".join(lines) + "\n\n" + phrase(f"nc_outro{one}", lang)
    return Section("not_checked", HEADINGS["not_checked"][lang], body)


def _resolved(plan: _Plan) -> Optional[Section]:
    titles = [t.strip() for t in plan.inp.previous_resolved if t and t.strip()]
    if not titles:
        return None
    lines = [phrase("resolved_intro", plan.lang)] + [f"– {t}" for t in titles]
    return Section("resolved", HEADINGS["resolved"][plan.lang], "\n".join(lines))


def _data(plan: _Plan) -> Section:
    """Each dataset with its publisher, its own version and the day it was fetched (never an ETag
    or a checksum: those are in the report's provenance); a caveat shared by several datasets is
    said once, after the list."""
    lang = plan.lang
    lines = [phrase("data_intro", lang)]
    shared: Dict[str, list] = {}
    for use in plan.inp.data:
        if use.caveat.strip():
            shared.setdefault(as_sentence(use.caveat), []).append(use.title)
    for use in plan.inp.data:
        details = [d for d in (use.source.strip(), phrase("data_version", lang, version=use.version.strip())
                               if use.version.strip() else "") if d]
        if use.fetched_at is not None:
            details.append(phrase("data_fetched", lang, date=format_date(swedish_date(use.fetched_at), lang)))
        item = phrase("data_item", lang, title=use.title, details=", ".join(details)).replace(" ().", ".")
        caveat = as_sentence(use.caveat) if use.caveat.strip() else ""
        extra = [caveat] if caveat and len(shared[caveat]) == 1 else []
        if use.limited_extent:
            extra.append(phrase("data_limited", lang))
        lines.append(" ".join([item] + extra))
    if not plan.inp.data:
        lines.append(f"– {phrase('data_none', lang)}")
    paragraphs = ["\n".join(lines)]
    paragraphs += [phrase("data_shared_caveat", lang, titles=join_words(titles, lang), caveat=caveat)
                   for caveat, titles in shared.items() if len(titles) > 1]
    unknown = [e for e in enumerate(plan.inp.areas) if not e[1].purpose.strip()]
    if unknown and plan.entries:
        names = [area_ref(i, a, plan.several, lang) for i, a in unknown]
        paragraphs.append(phrase("data_unknown_purpose", lang, areas=join_words(names, lang)))
    return Section("data", HEADINGS["data"][lang], "\n\n".join(paragraphs))


def _signature(plan: _Plan) -> Section:
    lang, header = plan.lang, plan.inp.header
    person = "\n".join([value_or_placeholder(header.officer, "officer", lang),
                        value_or_placeholder(header.officer_title, "officer_title", lang)])
    return Section("signature", HEADINGS["signature"][lang].format(region=plan.region),
                   f"{person}\n\n{phrase('method', lang)}")


def draft_statement(inp: StatementInput, lang: str = "sv") -> List[Section]:
    """The draft statement as sections, keys in the order of ``SECTION_KEYS`` (optional ones left
    out when empty: ``state``, ``municipality``, ``not_checked``, ``resolved``)."""
    plan = _Plan(inp, lang_code(lang))
    sections = [_header(plan), _position(plan), _points(plan), _information(plan, "state"),
                _information(plan, "municipality"), _not_checked(plan), _resolved(plan), _data(plan),
                _signature(plan)]
    return [s for s in sections if s is not None]


def statement_text(sections: List[Section]) -> str:
    """Plain text: each heading, a blank line, its text; sections separated by a blank line."""
    return "\n\n".join(f"{s.heading}\n\n{s.text}" for s in sections) + "\n"


def statement_markdown(sections: List[Section]) -> str:
    """Markdown: the title as # heading, sections as ##, theme groups as ###, point names bold."""
    parts = []
    for section in sections:
        parts.append(f"{'#' if section.key == 'header' else '##'} {section.heading}")
        for paragraph in section.text.split("\n\n"):
            if paragraph in section.subheadings:
                parts.append(f"### {paragraph}")
                continue
            lines = paragraph.split("\n")
            if len(lines) > 1 and lines[0] in section.labels:
                lines[0] = f"**{lines[0]}**"
            out = []
            for line in lines:
                if line.startswith("– "):
                    out.append(f"- {line[2:]}")
                elif out and not out[-1].startswith("- "):
                    out[-1] += "  "  # a hard line break
                    out.append(line)
                else:
                    if out:
                        out.append("")
                    out.append(line)
            parts.append("\n".join(out))
    return "\n\n".join(parts) + "\n"
