"""What a plan area is for: the purpose vocabulary of ``applies_to`` and a mapping from
the values planners actually write to it.

Pure Python (no QGIS), so the profile validator, the engine, the import of delivered plans
and the tests share one table. Labels in Swedish and English are not kept here: they live
with the rest of the plugin's words (``core/vocabulary.py``).

:func:`purpose_of` understands

- the codes themselves (``housing``, ``public-services`` ...), also written with spaces or
  underscores;
- Boverket's use designations in detaljplaner (Boverkets allmänna råd 2014:5 om
  planbestämmelser för detaljplan and the föreskrifter BFS 2020:5): the letters for
  *kvartersmark* (``B`` bostäder, ``C`` centrum, ``D`` vård, ``E`` tekniska anläggningar,
  ``G`` drivmedel, ``H`` detaljhandel, ``J`` industri, ``K`` kontor, ``L`` odling och
  djurhållning, ``M`` begravning, ``N`` friluftsliv och camping, ``O`` tillfällig vistelse,
  ``P`` parkering, ``R`` besöksanläggningar, ``S`` skola, ``T`` trafik, ``V`` hamn, ``Z``
  verksamheter, and the older ``A`` allmänt ändamål), with a precision number (``B1``) and
  combined (``BC``, ``B/C``, ``C1B``, ``B, K``); the names of *allmän plats* (``GATA``,
  ``TORG``, ``PARK``, ``NATUR`` ...) and of *vattenområden* (``W``, ``WB``, ``WS``, ``WV``);
- the ten use categories of *mark- och vattenanvändning* in Boverket's ÖP-modell 2.1, in the
  model's wording (``Mångfunktionell bebyggelse`` mixed, ``Sammanhängande bostadsbebyggelse``
  housing, ``Verksamheter och industri`` industry, ``Transportinfrastruktur`` and ``Teknisk
  anläggning`` infrastructure, ``Areell näring`` agriculture-forestry, ``Grönområde och park``
  and ``Natur och friluftsliv`` recreation, ``Landsbygd`` agriculture-forestry, ``Vatten``
  other), their subcategories (``Bostäder``, ``Centrum``, ``Kontor``, ``Handel``,
  ``Verksamheter``, ``Besöksanläggning``, ``Skola``, ``Tillfällig vistelse``, ``Vård``,
  ``Begravningsplats``, ``Parkering``, ``Annat samhällsviktigt ändamål``, ``Skydd``;
  ``Jordbruk``, ``Skogsbruk``, ``Rennäring``, ``Vattenbruk``, ``Yrkesfiske``) and the three of
  *utvecklingsinriktning* (``Bebyggelse``, ``Natur och friluftsliv``, ``Kommunikationer``).
  Sources: docs/plans.md, "ÖP model: where the names come from". The model's open subcategory
  ``Annan användning`` reads as ``other`` here; the ÖP reader uses the category instead;
- the words översiktsplaner commonly use (``bostäder``, ``nya bostadsområden``,
  ``verksamhetsområde``, ``blandad bebyggelse``, ``handel``, ``vindkraft`` ...), and English.

The words of the last three kinds, folded, are data: ``purpose_words.json`` next to this module,
``{purpose: [word, ...]}``, read into ``WORDS`` at import (a word may stand under one purpose only).

Matching ignores case, diacritics and extra spaces. Several purposes in one value give
``mixed`` when they differ (``B/K``) and the one purpose when they agree (``H1H2``). A value
the table does not know, wholly or in part, gives ``''``: the plan area's purpose is then
unknown and every rule applies to it.
"""

import json
import os
import re
import unicodedata
from typing import Dict, Iterable, Mapping, Optional

from .vocabulary import PURPOSES

#: ``PURPOSES``, the purpose vocabulary of a rule's ``applies_to`` in the contract's order, is
#: declared with the other words in core/vocabulary.py; here each code has its name.
(HOUSING, MIXED, CENTRE, WORKPLACES, INDUSTRY, RETAIL, PUBLIC_SERVICES, RECREATION, INFRASTRUCTURE, ENERGY,
 AGRICULTURE_FORESTRY, OTHER) = PURPOSES

UNKNOWN = ""

MAX_VALUE_CHARS = 500

# Boverket's letters for the use of kvartersmark (one letter each; a digit after a letter is
# a precision: B1, E2). A is the allmänt ändamål of plans made before 2015.
USE_LETTERS = {
    "A": PUBLIC_SERVICES,      # allmänt ändamål (older plans)
    "B": HOUSING,              # bostäder
    "C": CENTRE,               # centrum
    "D": PUBLIC_SERVICES,      # vård
    "E": INFRASTRUCTURE,       # tekniska anläggningar
    "G": RETAIL,               # drivmedel (drivmedelsförsäljning)
    "H": RETAIL,               # detaljhandel
    "J": INDUSTRY,             # industri
    "K": WORKPLACES,           # kontor
    "L": AGRICULTURE_FORESTRY,  # odling och djurhållning
    "M": OTHER,                # begravning
    "N": RECREATION,           # friluftsliv och camping
    "O": CENTRE,               # tillfällig vistelse (hotell, vandrarhem): a centre function
    "P": INFRASTRUCTURE,       # parkering
    "R": RECREATION,           # besöksanläggningar (idrott, kultur, nöje)
    "S": PUBLIC_SERVICES,      # skola
    "T": INFRASTRUCTURE,       # trafik
    "V": INFRASTRUCTURE,       # hamn
    "Z": WORKPLACES,           # verksamheter (begränsad omgivningspåverkan)
}

# Whole values and words, folded (lower case, no diacritics, single spaces) -> purpose.
WORDS: Dict[str, str] = {}


def _add(code: str, *words: str) -> None:
    for word in words:
        if code not in PURPOSES or word in WORDS:
            raise ValueError(f"purpose words: {word!r} under {code!r} is not a purpose or is listed twice")
        WORDS[word] = code


def _read_lexicon(path: str) -> None:
    """The words planners write for each purpose (Swedish and English), kept as data in
    ``purpose_words.json``: ``{purpose: [word, ...]}``."""
    with open(path, encoding="utf-8") as handle:
        for code, words in json.load(handle).items():
            _add(code, *words)


_read_lexicon(os.path.join(os.path.dirname(os.path.abspath(__file__)), "purpose_words.json"))

# Names of allmän plats and vattenområde in detaljplaner that would otherwise be read as letters.
_add(RECREATION, "wb", "ws")        # vattenområde: bad, småbåtshamn
_add(INFRASTRUCTURE, "wv", "wt")    # vattenområde: hamn, trafik
_add(OTHER, "w")                    # vattenområde

# Words that say nothing about the purpose: dropped before a lookup ("Nya bostäder", "Område för handel").
NOISE = frozenset((
    "ny", "nya", "nytt", "planerad", "planerade", "planerat", "befintlig", "befintliga", "befintligt",
    "framtida", "mojlig", "mojliga", "utveckling", "utvecklingsomrade", "omrade", "omraden", "for", "av",
    "kvartersmark", "allman plats", "allmanplats", "anvandning", "markanvandning", "forslag", "forslag till",
    "utbyggnad", "utbyggnadsomrade", "reserv", "reservat", "kvarter", "new", "planned", "existing", "area",
    "areas", "zone", "for", "of", "land",
))
# Endings that make a place of a purpose: "industriområde", "bostadsmark".
SUFFIXES = ("omradena", "omraden", "omrade", "marken", "mark", "bebyggelse", "plats", "platser")
SEPARATORS = re.compile(r"\s*(?:/|,|;|\+|&|\||\boch\b|\band\b|\bsamt\b)\s*")
LETTER_CODE = re.compile(r"\(?([A-Za-z](?:\d{1,2})?)+\)?")


def _fold(text: str) -> str:
    """Lower case without diacritics and with single spaces (``core.catalog.fold`` needs QGIS)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())


def _normal(text: str) -> str:
    """The folded value without the punctuation around it."""
    return _fold(text).strip(" .:!?\"'()[]{}*")


def combine(codes: Iterable[str]) -> str:
    """One purpose for several: the purpose itself when all agree, ``mixed`` when they differ,
    ``''`` when there is none or any is unknown."""
    found = set()
    for code in codes:
        if code not in PURPOSES:
            return UNKNOWN
        found.add(code)
    if not found:
        return UNKNOWN
    return found.pop() if len(found) == 1 else MIXED


def _letters(token: str) -> str:
    """A detaljplan use code such as ``B``, ``BC``, ``B1C2``, ``(C)``: its purpose, else ''."""
    raw = token.strip().strip("()")
    if not raw or len(raw) > 12 or not LETTER_CODE.fullmatch(raw):
        return UNKNOWN
    letters = re.sub(r"\d", "", raw)
    # lower-case words of more than three letters are words, not codes ("park", "hamn")
    if len(letters) > 3 and not letters.isupper():
        return UNKNOWN
    return combine(USE_LETTERS.get(letter.upper(), "?") for letter in letters)


def _word(key: str, table: Mapping[str, str]) -> str:
    """The purpose of one folded word or phrase from ``table``, trying it without noise words
    and without a place suffix ("bostadsområde" -> "bostads" -> "bostad")."""
    if not key:
        return UNKNOWN
    candidates = [key, key.replace("_", " "), key.replace("_", "-"), key.replace(" ", "-")]
    words = [word for word in key.split(" ") if word not in NOISE]
    stripped = " ".join(words)
    for noise in ("allman plats", "forslag till"):
        stripped = stripped.replace(noise, " ")
    stripped = " ".join(stripped.split())
    if stripped and stripped != key:
        candidates.append(stripped)
    for candidate in list(candidates):
        for suffix in SUFFIXES:
            if candidate.endswith(suffix) and len(candidate) > len(suffix) + 2:
                stem = candidate[:-len(suffix)].rstrip(" -")
                candidates.append(stem)
                if stem.endswith("s"):
                    candidates.append(stem[:-1])
    for candidate in candidates:
        code = table.get(candidate)
        if code:
            return code
    return UNKNOWN


def _extra_table(extra: Optional[Mapping]) -> Dict[str, str]:
    table = {}
    if not isinstance(extra, Mapping):
        return table
    for word, code in extra.items():
        if isinstance(word, str) and isinstance(code, str) and code in PURPOSES:
            key = _normal(word)
            if key:
                table[key] = code
    return table


def _one(part: str, extra: Dict[str, str]) -> str:
    key = _normal(part)
    if not key:
        return UNKNOWN
    if extra:
        code = _word(key, extra)
        if code:
            return code
    code = _word(key, WORDS)
    if code:
        return code
    if " " not in part.strip():
        return _letters(part)
    return UNKNOWN


def purpose_of(value, extra: Optional[Mapping] = None) -> str:
    """The purpose code of a plan area's purpose field value, ``''`` when it is unknown.

    ``extra`` is a profile's own table ``{word: code}``; its words take precedence over the
    built-in ones. Never raises: a value of any type that is not understood gives ``''``.
    """
    if value is None or isinstance(value, bool):
        return UNKNOWN
    try:
        text = str(value)
    except Exception:  # a value whose __str__ fails is simply not understood
        return UNKNOWN
    if not text.strip() or len(text) > MAX_VALUE_CHARS:
        return UNKNOWN
    table = _extra_table(extra)
    whole = _one(text, table)
    if whole:
        return whole
    parts = [part for part in SEPARATORS.split(text.strip()) if part and _normal(part) not in NOISE]
    if len(parts) > 1:
        return combine(_one(part, table) for part in parts)
    # codes or words separated by spaces only: "B1 C2", "Nya bostäder norr" (unknown: "norr")
    parts = [part for part in text.split() if _normal(part) and _normal(part) not in NOISE]
    if 1 < len(parts) <= 8:
        return combine(_one(part, table) for part in parts)
    return UNKNOWN


def is_purpose(code) -> bool:
    """True for a code of the purpose vocabulary."""
    return isinstance(code, str) and code in PURPOSES
