"""Inputs for the draft statement (core/statement.py) built from the bundled Örebro profile's
rule texts: used by tests/test_statement.py and scripts/statement_example.py (which writes
docs/yttrande-exempel.md). Pure Python, no QGIS."""

import datetime
import json
import os

from regionplan_plugin.core.statement import (
    AreaRule,
    DataUse,
    Hit,
    PlanArea,
    StatementHeader,
    StatementInput,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROFILE = os.path.join(ROOT, "resources", "profiles", "orebro.json")

# Where each rule's data sits in the profile's themes (the collections' theme: keywords); who
# answers for it is the profile's own ``authority``.
THEMES = {
    "primary-corridor": "transport", "secondary-corridor": "transport", "dangerous-goods-route": "logistics",
    "freight-node": "logistics", "logistics-area": "logistics", "infrastructure-reservation": "transport",
    "agricultural-land": "agriculture", "cloudburst-risk": "climate", "water-protection": "water",
    "protected-nature": "nature", "green-infrastructure": "nature", "wind-power-area": "energy",
    "public-transport-walking-distance": "transport", "far-from-public-transport": "transport",
    "regional-core": "structure", "municipal-boundary": "boundaries",
}


def _profile():
    with open(PROFILE, encoding="utf-8") as handle:
        return json.load(handle)


def rule(rule_id, state="not_affected", hits=(), lang="sv", **changes) -> AreaRule:
    """An AreaRule with the bundled profile's title, message and reference for ``rule_id``."""
    profile = _profile()
    raw = next(r for r in profile["rules"] if r["id"] == rule_id)
    theme = THEMES.get(rule_id, "")
    titles = {t["id"]: t["title"] for t in profile["themes"]}
    values = dict(
        rule_id=rule_id, title=raw["title"][lang], theme=theme, theme_title=titles.get(theme, {}).get(lang, ""),
        authority=raw.get("authority", "region"), severity=raw["severity"], state=state,
        message=raw["message"][lang], reference=raw.get("reference", ""), hits=list(hits),
    )
    values.update(changes)
    return AreaRule(**values)


def header_kumla(**changes) -> StatementHeader:
    values = dict(
        region="Region Örebro län", date=datetime.date(2026, 12, 1), case_id="RS 2026/01234",
        municipality_case_id="KS 2026/0456", municipality="Kumla", addressee="Kumla kommun, kommunstyrelsen",
        plan_name="", plan_type="op", stage="samrad", officer="Anna Lindqvist", officer_title="Samhällsplanerare",
    )
    values.update(changes)
    return StatementHeader(**values)


def data_uses():
    fetched = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.timezone.utc)  # 1 December in Sweden
    return [
        DataUse("Strukturbild persontransporter 2030", "Region Örebro län", "2025-03", fetched),
        DataUse("Strukturbild godstransporter och logistik 2030", "Region Örebro län", "2025-03", fetched),
        DataUse("ÖMS 2050, regionala kärnor", "Region Örebro län", "2024", fetched),
        DataUse("Kollektivtrafiknoder", "Länstrafiken Örebro", "", fetched),
        DataUse("Skyfallskartering", "Region Örebro län", "", None),
        DataUse("Vattenskyddsområden", "Länsstyrelsen i Örebro län", "2026-10-14", fetched,
                caveat="Gränserna är ungefärliga."),
        DataUse("Brukningsvärd jordbruksmark", "Jordbruksverket", "2023", fetched, limited_extent=True),
    ]


NOT_CHECKED_REASON = ("Skyfallskarteringen kunde inte hämtas (tjänsten svarade inte inom tidsgränsen) och "
                      "finns inte sparad offline.")


def case_a(lang="sv") -> StatementInput:
    """A multi-area ÖP for Kumla: housing near a node, an industrial area across a corridor with a
    water protection area (state), a centre area; the cloudburst rule could not be checked."""
    def r(rule_id, state="not_affected", hits=(), **changes):
        return rule(rule_id, state, hits, lang=lang, **changes)

    cloudburst = dict(state="not_checked", reason=NOT_CHECKED_REASON)
    housing = PlanArea(
        name="Norra Mark", purpose="housing", purpose_label="bostäder" if lang == "sv" else "housing",
        area_m2=124_000, municipality="Kumla",
        rules=[
            r("regional-core", "affected", [Hit("Kumla", distance_m=2_340)]),
            r("public-transport-walking-distance", "affected", [Hit("Kumla station", distance_m=452)]),
            r("far-from-public-transport"),
            r("primary-corridor"),
            r("agricultural-land", "affected", [Hit("Jordbruksblock 4521", overlap_m2=31_200, share=0.252)]),
            r("infrastructure-reservation"),
            r("water-protection"),
            r("protected-nature"),
            r("cloudburst-risk", **cloudburst),
            r("municipal-boundary"),
            r("logistics-area", "not_applicable"),
        ])
    industry = PlanArea(
        name="Västra verksamhetsområdet", purpose="industry",
        purpose_label="industri" if lang == "sv" else "industry", area_m2=352_400, municipality="Kumla",
        rules=[
            r("regional-core", "not_applicable"),
            r("public-transport-walking-distance", "not_applicable"),
            r("far-from-public-transport", "not_applicable"),
            r("primary-corridor", "affected", [Hit("Stråket Örebro–Hallsberg", distance_m=0.0),
                                               Hit("Stråket Örebro–Hallsberg", distance_m=0.0)]),
            r("dangerous-goods-route", "affected", [Hit("väg 50", distance_m=96.0)]),
            r("freight-node", "affected", [Hit("Hallsbergs rangerbangård", distance_m=3_850.0)],
              severity="attention", decided_severity="info"),
            r("agricultural-land"),
            r("infrastructure-reservation", "affected",
              [Hit("reservatet för dubbelspår Hallsberg–Örebro", overlap_m2=18_300, share=0.052)]),
            r("water-protection", "affected", [Hit("Kumla vattenskyddsområde", overlap_m2=42_600, share=0.121)]),
            r("protected-nature"),
            r("cloudburst-risk", **cloudburst),
            r("wind-power-area", "affected", [Hit("Vindkraftsområde Blacksta", distance_m=840.0)],
              not_relevant=True),
            r("municipal-boundary", "affected", [Hit("Hallsberg", distance_m=1_210.0)]),
        ])
    centre = PlanArea(
        name="Stationskvarteret", purpose="mixed",
        purpose_label="blandad bebyggelse" if lang == "sv" else "mixed development", area_m2=860, municipality="Kumla",
        rules=[
            r("regional-core", "affected", [Hit("Kumla", distance_m=0.0, overlap_m2=860, share=1.0)]),
            r("public-transport-walking-distance", "affected", [Hit("Kumla station", distance_m=118.0)]),
            r("agricultural-land"),
            r("infrastructure-reservation"),
            r("water-protection"),
            r("protected-nature"),
            r("cloudburst-risk", **cloudburst),
        ])
    return StatementInput(header=header_kumla(), region_name="Region Örebro län" if lang == "sv" else
                          "Region Örebro County", areas=[housing, industry, centre], data=data_uses())


def case_b(lang="sv") -> StatementInput:
    """One detaljplan area that affects nothing (every rule checked)."""
    area = PlanArea(
        name="Kvarteret Hjorten", purpose="housing", purpose_label="bostäder", area_m2=18_500, municipality="Kumla",
        rules=[rule(rid, lang=lang) for rid in ("regional-core", "primary-corridor", "agricultural-land",
                                                 "infrastructure-reservation", "water-protection",
                                                 "protected-nature", "cloudburst-risk")]
        + [rule("logistics-area", "not_applicable", lang=lang)])
    return StatementInput(
        header=header_kumla(plan_type="dp", stage="granskning", plan_name="Kvarteret Hjorten"),
        region_name="Region Örebro län", areas=[area], data=data_uses()[:3])


def case_c(lang="sv") -> StatementInput:
    """Case (a)'s plan, with no header fields given at all."""
    inp = case_a(lang)
    inp.header = StatementHeader(plan_type="dp", stage="samrad")
    inp.region_name = ""
    return inp
