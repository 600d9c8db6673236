"""The words of the draft statement (*utkast till yttrande*), in Swedish and English.

``core/statement/`` must run without QGIS, and ``core/i18n.translate()`` needs QGIS' translator,
so the statement keeps its own texts: ``TEXTS[key][lang]``, templates with named placeholders
filled with ``str.format``. The terms follow docs/ordlista.md: the plugin's check is an
*avstämning* (never *granskning*, which is only the PBL stage), a plan area is a *planområde*.

The sentences are data, in ``texts.json`` next to this module: one table per name below, each
``{key: {"sv": …, "en": …}}``; ``TEXTS`` is written there in sections for the reader (header
block, overall position, points, …) and read as one table. The word lists the grammar needs
(number words, imperatives, theme groups) are code and stay here.
"""

import json
import os

LANGS = ("sv", "en")


def _unique(pairs) -> dict:
    """A JSON object, refusing a key written twice (json would keep the last one silently)."""
    table = dict(pairs)
    if len(table) != len(pairs):
        raise ValueError(f"texts.json: a key is written twice among {sorted(table)}")
    return table


def _read(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        tables = json.load(handle, object_pairs_hook=_unique)
    tables["TEXTS"] = _unique([item for section in tables["TEXTS"].values() for item in section.items()])
    for name, table in tables.items():
        for key, text in table.items():
            if sorted(text) != sorted(LANGS) or not all(isinstance(text[lang], str) for lang in LANGS):
                raise ValueError(f"texts.json: {name} {key!r} needs a text in each of {LANGS}")
    return tables


_TABLES = _read(os.path.join(os.path.dirname(os.path.abspath(__file__)), "texts.json"))

# Section headings. The header's heading is the statement's title (built in statement.py).
HEADINGS = _TABLES["HEADINGS"]

# The region's points are grouped by these themes, in this order (issue 13, item 5).
GROUP_ORDER = ("rus", "transport", "freight", "inter", "basis", "other")
GROUP_TITLES = _TABLES["GROUP_TITLES"]
# Profile theme id -> group. A theme not listed here falls back to "basis" (planeringsunderlag).
THEME_GROUPS = {
    "structure": "rus", "rus": "rus", "oms": "rus", "structure-plan": "rus", "regional-structure": "rus",
    "transport": "transport", "public-transport": "transport", "kollektivtrafik": "transport",
    "infrastructure": "transport", "roads": "transport", "rail": "transport",
    "logistics": "freight", "freight": "freight", "gods": "freight",
    "boundaries": "inter", "boundary": "inter", "intermunicipal": "inter", "inter-municipal": "inter",
    "mellankommunal": "inter", "neighbours": "inter",
}

PLAN_TYPES = _TABLES["PLAN_TYPES"]  # the plan as named in the statement's title
STAGES = _TABLES["STAGES"]  # the statement's title by the plan's stage
PLACEHOLDERS = _TABLES["PLACEHOLDERS"]  # what stands where the reviewer has not filled in a field
TEXTS = _TABLES["TEXTS"]

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
NUMBER_WORDS = {
    "sv": ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve"),
}

# Verbs that open an instruction in a rule's message: imperative -> infinitive. The statement
# turns "Pröva hur …" into "Regionen bedömer att kommunen … behöver pröva hur …".
IMPERATIVES = {
    "sv": {
        "pröva": "pröva", "visa": "visa", "bevaka": "bevaka", "beakta": "beakta", "redovisa": "redovisa",
        "utred": "utreda", "samråd": "samråda", "undvik": "undvika", "säkerställ": "säkerställa",
        "beskriv": "beskriva", "studera": "studera", "analysera": "analysera", "kontrollera": "kontrollera",
        "håll": "hålla", "skydda": "skydda", "värna": "värna", "tydliggör": "tydliggöra",
        "utveckla": "utveckla", "överväg": "överväga", "planera": "planera", "motivera": "motivera",
        "stärk": "stärka", "begränsa": "begränsa", "anpassa": "anpassa", "identifiera": "identifiera",
        "förtydliga": "förtydliga", "precisera": "precisera", "ta": "ta", "se": "se",
    },
    "en": {w: w for w in (
        "consider", "safeguard", "show", "test", "assess", "consult", "describe", "examine", "ensure", "avoid",
        "keep", "take", "review", "investigate", "study", "check", "protect", "plan", "clarify", "identify",
        "adapt", "limit", "strengthen", "justify", "monitor", "explain", "demonstrate", "develop", "make",
    )},
}
# The verbs that open a fact ("touches X", "lies 300 m from Y", a restated "is …") in the plural,
# for plan areas named together ("the plan areas A and B touch X"); Swedish verbs have one form.
PLURAL_VERBS = {
    "sv": {},
    "en": {"overlaps": "overlap", "touches": "touch", "lies": "lie", "is": "are", "takes": "take", "has": "have"},
}
# A message whose first sentence restates where the plan lies: the statement says that itself,
# with the area's name and the numbers, and drops the sentence (also keeps "Planen stärker …" out).
RESTATEMENT_STARTS = {"sv": ("planen ", "planområdet ", "planförslaget "),
                      "en": ("the plan ", "the plan area ", "the proposal ")}
