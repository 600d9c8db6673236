"""Words and numbers of the draft statement (core/statement/): Swedish and English number,
area, distance and date formats, municipality names, the title line, placeholders. Pure Python."""

import datetime
from typing import Optional

from .model import StatementHeader
from .texts import MONTHS_EN, NUMBER_WORDS, PLACEHOLDERS, PLAN_TYPES, STAGES, TEXTS


def lang_code(lang: str) -> str:
    return "sv" if str(lang or "sv").lower().startswith("sv") else "en"


def phrase(key: str, lang: str, **values) -> str:
    template = TEXTS[key][lang]
    return template.format(**values) if values else template


def placeholder(key: str, lang: str) -> str:
    return PLACEHOLDERS[key][lang]


def value_or_placeholder(text: str, key: str, lang: str) -> str:
    text = (text or "").strip()
    return text or placeholder(key, lang)


def format_number(value: float, decimals: int, lang: str) -> str:
    """12.4 -> "12,4" (sv) / "12.4" (en); thousands separated by a space (sv) or a comma (en)."""
    text = f"{value:,.{decimals}f}"
    if lang_code(lang) == "sv":
        text = text.replace(",", " ").replace(".", ",")
    return text


def format_area(m2: float, lang: str) -> str:
    """Hectares ("12,4 ha"; two decimals under 1 ha, whole hectares from 100 ha), m² under 0.1 ha."""
    if m2 < 995:
        return f"{format_number(round(m2, -1) if m2 >= 100 else round(m2), 0, lang)} m²"
    ha = m2 / 10000.0
    return f"{format_number(ha, 0 if ha >= 99.95 else 1 if ha >= 0.995 else 2, lang)} ha"


def format_distance(metres: float, lang: str) -> str:
    """ "80 m", "300 m" (tens of metres from 100 m), "2,3 km", "28 km"."""
    if metres < 100:
        return f"{format_number(round(metres), 0, lang)} m"
    if metres < 995:
        return f"{format_number(round(metres, -1), 0, lang)} m"
    km = metres / 1000.0
    return f"{format_number(km, 0 if km >= 9.95 else 1, lang)} km"


def format_share(share: float, lang: str) -> str:
    percent = 100.0 * share
    if percent < 1:
        return phrase("less_than_one_percent", lang)
    number = format_number(round(percent), 0, lang)
    return f"{number} %" if lang == "sv" else f"{number}%"


def format_date(day: Optional[datetime.date], lang: str) -> str:
    if day is None:
        return placeholder("date", lang)
    if lang == "sv":
        return day.isoformat()
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def swedish_date(stamp: datetime.datetime) -> datetime.date:
    """The calendar day of a time in Swedish time (the plan's and the statement's time zone)."""
    if stamp.tzinfo is None:
        return stamp.date()
    try:
        from zoneinfo import ZoneInfo

        return stamp.astimezone(ZoneInfo("Europe/Stockholm")).date()
    except Exception:  # noqa: BLE001 - no time zone database: the user's local time
        return stamp.astimezone().date()


def count_word(n: int, lang: str) -> str:
    words = NUMBER_WORDS[lang]
    return words[n] if 0 <= n < len(words) else str(n)


def join_words(items, lang: str, conjunction: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {phrase(conjunction, lang)} {items[-1]}"


def lower_first(text: str) -> str:
    """"Skyddad natur" -> "skyddad natur", "A risk" -> "a risk"; "RUS-stråk" and "ÖMS 2050" stay as they are."""
    word = text.split(" ", 1)[0].split("-", 1)[0]
    if word and word[0].isupper() and word[1:] == word[1:].lower():
        return text[0].lower() + text[1:]
    return text


def as_sentence(text: str) -> str:
    text = (text or "").strip()
    if text and text[-1] not in ".!?":
        text += "."
    return text


def municipality_name(name: str, lang: str) -> str:
    """"Kumla" -> "Kumla kommun", "Hallsberg" -> "Hallsbergs kommun"; English "Kumla Municipality"."""
    name = (name or "").strip()
    if not name:
        return placeholder("municipality", lang)
    lower = name.lower()
    if lang == "sv":
        if lower.endswith("kommun") or lower.startswith("region "):
            return name
        genitive = name if name[-1].lower() in "aeiouyåäösxz" else name + "s"
        return phrase("municipality", lang, name=genitive)
    if lower.endswith(" kommun"):
        name = name[: -len(" kommun")]
        if name.endswith("s") and not name.endswith(("fors", "ås", "näs")):
            name = name[:-1]
    if name.lower().endswith("municipality") or name.lower().startswith("region "):
        return name
    return phrase("municipality", lang, name=name)


def statement_title(header: StatementHeader, lang: str = "sv") -> str:
    """"Yttrande över samrådshandling för översiktsplan för Kumla kommun"."""
    lang = lang_code(lang)
    plan_type = header.plan_type if header.plan_type in PLAN_TYPES else "other"
    stage = header.stage if header.stage in STAGES else "other"
    plan = PLAN_TYPES[plan_type][lang].format(
        name=value_or_placeholder(header.plan_name, "plan_name", lang),
        municipality=municipality_name(header.municipality, lang))
    return STAGES[stage][lang].format(plan=plan)
