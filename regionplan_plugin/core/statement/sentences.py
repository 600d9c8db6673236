"""Sentences of the draft statement about one rule in one plan area (core/statement/): the
facts of the rule's hits ("planområdet Norra Mark ligger 450 m från Kumla station") and the rule's
message turned into the region's voice ("Pröva hur …" -> "Regionen bedömer att kommunen … behöver
pröva hur …"). Pure Python."""

import re
from typing import Dict, List, Optional, Tuple

from .format import (
    as_sentence,
    count_word,
    format_area,
    format_distance,
    format_share,
    join_words,
    lower_first,
    municipality_name,
    phrase,
)
from .model import AreaRule, Hit, PlanArea
from .texts import IMPERATIVES, PLURAL_VERBS, RESTATEMENT_STARTS, THEME_GROUPS

MAX_ITEMS = 3  # named features per clause; the rest are counted
# A sentence of a rule's message that already says what is needed ("En riskutredning behövs.")
NEED_WORDS = {"sv": re.compile(r"\b(behövs|behöver|bör|ska|måste)\b", re.I),
              "en": re.compile(r"\b(is needed|are needed|needs|should|must)\b", re.I)}
NEEDED = {"sv": re.compile(r" behövs\.?$"), "en": re.compile(r" (is|are) needed\.?$")}


# ---------------------------------------------------------------- messages

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def message_parts(message: str, lang: str) -> Tuple[str, List[str]]:
    """(the sentence that restates where the plan lies, or "", the other sentences)."""
    sentences = [s.strip() for s in _SENTENCE_END.split((message or "").strip()) if s.strip()]
    if sentences and sentences[0].lower().startswith(RESTATEMENT_STARTS[lang]):
        return sentences[0], sentences[1:]
    return "", sentences


def as_advice(sentence: str, lang: str) -> Optional[str]:
    """An instruction ("Pröva hur …") as an infinitive phrase ("pröva hur …"), else None."""
    first, _, rest = sentence.partition(" ")
    verb = IMPERATIVES[lang].get(first.lower())
    if verb is None:
        return None
    return f"{verb} {rest}".strip()


def as_need(sentence: str, lang: str) -> str:
    """A short "X behövs." in the region's voice: "Regionen bedömer att x behövs."; else unchanged."""
    words = sentence.rstrip(".").split()
    short = 2 <= len(words) <= 6 and "," not in sentence and not {"inte", "not"} & {w.lower() for w in words}
    if short and NEEDED[lang].search(sentence):
        return as_sentence(phrase("needed", lang, need=lower_first(sentence.rstrip("."))))
    return as_sentence(sentence)


# ---------------------------------------------------------------- facts about a plan area

def area_ref(index: int, area: PlanArea, several: bool, lang: str) -> str:
    if not several:
        return phrase("area_only", lang)
    if area.name.strip():
        return phrase("area_named", lang, name=area.name.strip())
    return phrase("area_numbered", lang, n=index + 1)


def area_name(index: int, area: PlanArea, lang: str) -> str:
    return area.name.strip() or (phrase("area_numbered", lang, n=index + 1).capitalize())


def merged_hits(hits: List[Hit]) -> Dict[str, Hit]:
    """One hit per name: the nearest distance, the summed overlap (a corridor in several parts)."""
    merged: Dict[str, Hit] = {}
    for hit in hits:
        name = (hit.name or "").strip()
        seen = merged.get(name)
        if seen is None:
            merged[name] = Hit(name, hit.distance_m, hit.overlap_m2, hit.share)
            continue
        if hit.distance_m is not None:
            seen.distance_m = hit.distance_m if seen.distance_m is None else min(seen.distance_m, hit.distance_m)
        if hit.overlap_m2 is not None:
            seen.overlap_m2 = (seen.overlap_m2 or 0.0) + hit.overlap_m2
        if hit.share is not None:
            seen.share = (seen.share or 0.0) + hit.share
    return merged


def items(texts: List[str], lang: str) -> str:
    if len(texts) > MAX_ITEMS:
        rest = len(texts) - MAX_ITEMS
        more = phrase("more_one", lang) if rest == 1 else phrase("more", lang, n=count_word(rest, lang))
        texts = texts[:MAX_ITEMS] + [more]
    return join_words(texts, lang)


_BOUNDARY_WORD = re.compile(r"^(\w*gräns)(?=\s|$)(.*)$", re.I)
_MUNICIPALITY_END = re.compile(r"s?\s+(kommun|municipality)$", re.I)


def boundary_feature(name: str, lang: str) -> str:
    """How a boundary rule's feature is named: a name that is itself a boundary keeps its words
    ("Kommungräns Kumla–Hallsberg" -> "kommungränsen Kumla–Hallsberg"; never "gränsen mot
    Kommungräns …"); a county or region as it is; a municipality "gränsen mot Hallsbergs kommun"."""
    match = _BOUNDARY_WORD.match(name.strip())
    if match:
        word = match.group(1).lower()
        return (word + "en" + match.group(2)) if lang == "sv" and not word.endswith("en") else name.strip()
    if "gräns" in name.lower() or "boundary" in name.lower():
        return name
    if any(w in name.lower() for w in ("län", "region", "county")):
        return phrase("boundary_name", lang, name=name)
    return phrase("boundary_name", lang, name=municipality_name(name, lang))


def same_municipality(name: str, host: str) -> bool:
    """"Kumla", "Kumla kommun" and "Kumlas kommun" name the same municipality."""
    def bare(text):
        return _MUNICIPALITY_END.sub("", (text or "").strip()).casefold()
    return bool(host.strip()) and bare(name) in (bare(host), bare(host) + "s")


def hit_facts(rule: AreaRule, lang: str, host: str = "") -> str:
    """What the hits say, as a verb phrase: "överlappar X med 2,4 ha och ligger 300 m från Y".
    For a boundary rule, ``host`` (the plan area's own municipality) is never named as a neighbour."""
    boundary = THEME_GROUPS.get(rule.theme) == "inter"

    def name_of(hit: Hit, overlap: bool = False) -> str:
        if not hit.name:  # an unnamed polygon is "the designated area"; a line or point is named by the rule
            return phrase("designated_area", lang) if overlap else lower_first(rule.title)
        return boundary_feature(hit.name, lang) if boundary else hit.name

    overlaps, touches, distances, within = [], [], [], []
    for hit in merged_hits(rule.hits).values():
        if boundary and same_municipality(hit.name, host):
            continue  # the plan's own municipality is no neighbour
        if hit.share is not None and hit.share >= 0.995:
            within.append(hit)  # the whole plan area lies inside the feature
        elif hit.overlap_m2:
            overlaps.append(hit)
        elif hit.distance_m is not None and hit.distance_m > 0:
            distances.append(hit)
        elif hit.distance_m is not None or hit.name:
            touches.append(hit)
    overlaps.sort(key=lambda h: -(h.overlap_m2 or 0))
    distances.sort(key=lambda h: h.distance_m)
    clauses = []
    if overlaps:
        texts = []
        for hit in overlaps:
            area = format_area(hit.overlap_m2, lang)
            if hit.share is not None:  # "(25 % av planområdet)" once, then "(2 %)"
                key = "item_overlap_share_short" if texts else "item_overlap_share"
                texts.append(phrase(key, lang, name=name_of(hit, True), area=area,
                                    share=format_share(hit.share, lang)))
            else:
                texts.append(phrase("item_overlap", lang, name=name_of(hit, True), area=area))
        clauses.append(phrase("fact_overlap", lang, items=items(texts, lang)))
    if touches:
        clauses.append(phrase("fact_touch", lang, items=items([name_of(h) for h in touches], lang)))
    if within or distances:
        texts = [phrase("item_within", lang, name=name_of(h)) for h in within]
        texts += [phrase("item_distance", lang, distance=format_distance(h.distance_m, lang), name=name_of(h))
                  for h in distances]
        clauses.append(phrase("fact_distance", lang, items=items(texts, lang)))
    if len(clauses) > 1:  # "överlappar A med 2 ha och B med 1 ha samt ligger 20 m från C"
        return phrase("clauses", lang, first=", ".join(clauses[:-1]), last=clauses[-1])
    return "".join(clauses)


def fact(index: int, area: PlanArea, rule: AreaRule, several: bool, lang: str, allow_restatement=True) -> str:
    """"planområdet Norra Mark ligger 450 m från Kumla station" (no final full stop)."""
    return f"{area_ref(index, area, several, lang)} {predicate(area, rule, lang, allow_restatement)}"


def predicate(area: PlanArea, rule: AreaRule, lang: str, allow_restatement=True, host: str = "") -> str:
    """What a fact says of its plan area: "ligger 450 m från Kumla station" (``host``: the plan's
    municipality, for an area that names none)."""
    facts = hit_facts(rule, lang, area.municipality.strip() or host)
    if not facts:
        restated, _ = message_parts(rule.message, lang)
        if restated and allow_restatement:
            # "Planen ligger mer än 1 km från …" -> "planområdet X ligger mer än 1 km från …"
            return restated.split(" ", 1)[1].rstrip(".")
        facts = phrase("fact_plain", lang, title=lower_first(rule.title))
    return facts


def plural(said: str, lang: str) -> str:
    """A fact's verb phrase for several plan areas: each clause's opening verb in the plural
    ("touches X, and lies 20 m from Y" -> "touch X, and lie 20 m from Y")."""
    verbs = PLURAL_VERBS.get(lang) or {}
    if not verbs:
        return said
    pattern = r"(^|, and |, )(" + "|".join(map(re.escape, verbs)) + r")\b"
    return re.sub(pattern, lambda m: m.group(1) + verbs[m.group(2)], said)


def grouped_facts(entries, several: bool, lang: str, allow_restatement=True, host: str = "") -> List[str]:
    """The facts of (index, area, rule) entries, plan areas that say the same thing in one fact:
    "planområdena Kumla södra och Stationsområde Kumla berör Örebro–Kumla–Hallsberg"."""
    groups: Dict[str, list] = {}
    for index, area, rule in entries:
        groups.setdefault(predicate(area, rule, lang, allow_restatement, host), []).append((index, area))
    facts = []
    for said, areas in groups.items():
        if len(areas) == 1:
            facts.append(f"{area_ref(areas[0][0], areas[0][1], several, lang)} {said}")
        elif all(a.name.strip() for _, a in areas):
            names = join_words([a.name.strip() for _, a in areas], lang)
            facts.append(f"{phrase('areas_plural', lang, names=names)} {plural(said, lang)}")
        else:
            facts.append(f"{join_words([area_ref(i, a, True, lang) for i, a in areas], lang)} {plural(said, lang)}")
    return facts


def join_facts(facts: List[str], lang: str) -> str:
    if len(facts) == 1:
        return facts[0]
    head = ", att " if lang == "sv" else ", that "
    return phrase("fact_and", lang, facts=head.join(facts[:-1]), last=facts[-1])
