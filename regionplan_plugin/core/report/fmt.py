"""Formatting for the reports: numbers, areas, shares, ages and times, HTML escaping, the plan's
title and the draft statement's headings."""

import datetime
import html
from typing import Optional

from .. import util, vocabulary
from ..check import CheckResult
from ..i18n import localized, translate
from ..statement.format import format_area, format_number

STRUCTURE_PREFIXES = ("rus_", "oms_")


def esc(value) -> str:
    """HTML-escape anything (None -> "")."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def severity_label(severity: str, lang: str) -> str:
    return vocabulary.severity_label(severity, lang)


def _in_sentence(label: str) -> str:
    """A label inside a sentence: first letter lower case, the rest (RUS) as it is."""
    return label[:1].lower() + label[1:]


def _fmt_m(value, lang: str) -> str:
    if value is None:
        return "–"
    if value == 0:
        return "0"
    text = format_number(value, 0 if abs(value) >= 10 else 1, lang)
    return text.replace(" ", "\u00a0")


def _fmt_area(m2, lang: str) -> str:
    """An area in hectares ("12,4 ha"), in m² under 0.1 ha; a decimal comma and a space between
    thousands in Swedish (the draft statement's format, one implementation)."""
    if m2 is None:
        return "–"
    return format_area(float(m2), lang)


def _fmt_number(value, decimals: int, lang: str) -> str:
    """A number in the report's language ("1 234,5" / "1,234.5"); "" for None."""
    if value is None:
        return ""
    return format_number(float(value), decimals, lang)


def _fmt_share(value, lang: str) -> str:
    if value is None:
        return "–"
    text = f"{100.0 * value:.1f}\u00a0%"
    return text.replace(".", ",") if lang == "sv" else text


def _fmt_age(seconds) -> str:
    if seconds is None:
        return "–"
    seconds = float(seconds)
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def _profile_name(result: CheckResult) -> str:
    return localized(getattr(result.profile, "name", ""), result.lang)


def plan_title(result: CheckResult, lang: Optional[str] = None) -> str:
    """The plan's own name(s) (``name``/``namn``/``planname`` of its features), else the layer name;
    with more than three named features, "N plan areas"."""
    lang = lang or result.lang
    names = list(dict.fromkeys(p.name for p in result.plan_features if p.name))
    if not names:
        names = list(dict.fromkeys(f.plan_name for f in result.findings if f.plan_name))
    if not names:
        return result.plan_name
    if len(names) > 3:
        return translate("{count} plan areas", lang).format(count=_fmt_number(len(result.plan_features), 0, lang))
    return "; ".join(names)


def is_structure_plan(result: CheckResult, collection: str) -> bool:
    kind = result.kinds.get(collection, "")
    if kind:
        return kind == vocabulary.STRUCTURE_PLAN
    return collection.startswith(STRUCTURE_PREFIXES)


# The draft statement's headings are the region's own words (issue: "Berörda regionala
# intressen", "Förhållande till RUS strukturbilder", "Mellankommunala frågor").
HEADINGS = {
    "statement": {"sv": "Utkast till yttrande", "en": "Draft statement"},
    "interests": {"sv": "Berörda regionala intressen", "en": "Regional interests concerned"},
    "structure": {"sv": "Förhållande till RUS strukturbilder", "en": "Relation to the RUS structure plans"},
    "inter": {"sv": "Mellankommunala frågor", "en": "Inter-municipal issues"},
}


def _heading(key: str, lang: str) -> str:
    return HEADINGS[key]["sv" if lang == "sv" else "en"]


def _fmt_time(stamp: str) -> str:
    """``2026-11-28T14:01:40+00:00`` -> ``2026-11-28 15:01 CET``: the user's local time, with the
    zone (the machine's time zone; ``TZ`` where it is set)."""
    return util.local_time(stamp) if util.parse_iso(stamp) else str(stamp or "")


def now_utc() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
