"""The draft statement (core/statement.py): what a region official reads, in both languages.

Pure and fast: no QGIS, no server. The inputs (tests/helpers/statement_cases.py) use the bundled
Örebro profile's own rule texts:
(a) a multi-area ÖP: housing near a node, industry across a corridor with a water protection
    area (a state matter), a centre; the cloudburst rule could not be checked;
(b) a detaljplan that affects nothing;
(c) case (a) with no header fields given.
"""

import dataclasses
import datetime
import importlib.util
import os
import re
import subprocess
import sys

import pytest

from regionplan_plugin.core.statement import (
    SECTION_KEYS,
    Hit,
    PlanArea,
    StatementHeader,
    StatementInput,
    draft_statement,
    format_area,
    format_distance,
    statement_markdown,
    statement_text,
    statement_title,
)
from tests.helpers.statement_cases import ROOT, case_a, case_b, case_c, header_kumla, rule

pytestmark = pytest.mark.timeout(60)


def sections(inp, lang="sv"):
    return {s.key: s for s in draft_statement(inp, lang)}


def keys(inp, lang="sv"):
    return [s.key for s in draft_statement(inp, lang)]


def full_text(inp, lang="sv"):
    return statement_text(draft_statement(inp, lang))


# ---------------------------------------------------------------- structure

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_multi_area_plan_has_every_section_in_order(lang):
    assert keys(case_a(lang), lang) == ["header", "position", "points", "state", "not_checked", "data", "signature"]
    assert SECTION_KEYS == ("header", "position", "points", "state", "municipality", "not_checked", "resolved",
                            "data", "signature")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_plan_that_affects_nothing_has_no_not_checked_or_municipal_section(lang):
    # the state section remains: it says which of Länsstyrelsen's matters the plan does not affect
    assert keys(case_b(lang), lang) == ["header", "position", "points", "state", "data", "signature"]


def test_resolved_and_municipal_sections_appear_when_there_is_something_to_say():
    inp = case_b()
    inp.previous_resolved = ["Reservat för infrastruktur (planområdet Norra Mark)"]
    inp.areas[0].rules.append(rule("cloudburst-risk", "affected", [Hit("Lågpunkt Skolgatan", overlap_m2=2_400,
                                                                       share=0.13)], authority="municipality"))
    got = sections(inp)
    assert list(got) == ["header", "position", "points", "state", "municipality", "resolved", "data", "signature"]
    assert got["resolved"].text == ("Jämfört med föregående version har följande frågor lösts:\n"
                                   "– Reservat för infrastruktur (planområdet Norra Mark)")
    municipal = got["municipality"].text
    assert municipal.startswith("Följande fråga ansvarar kommunen själv för och redovisas här som information:\n"
                                "– Risk vid skyfall: planområdet överlappar Lågpunkt Skolgatan med 0,24 ha "
                                "(13 % av planområdet).")
    assert "Kommunen kan i det fortsatta arbetet visa hur dagvatten och höjdsättning hanteras." in municipal
    assert "skyfall" not in got["points"].text.lower() and "skyfall" not in got["position"].text.lower()


# ---------------------------------------------------------------- header and title

@pytest.mark.parametrize("plan_type, stage, name, municipality, lang, expected", [
    ("op", "samrad", "", "Kumla", "sv", "Yttrande över samrådshandling för översiktsplan för Kumla kommun"),
    ("op", "granskning", "", "Hallsberg", "sv",
     "Yttrande över granskningshandling för översiktsplan för Hallsbergs kommun"),
    ("fop", "samrad", "Hallsbergs tätort", "Hallsbergs kommun", "sv",
     "Yttrande över samrådshandling för fördjupad översiktsplan för Hallsbergs tätort, Hallsbergs kommun"),
    ("dp", "granskning", "Kvarteret Hjorten", "Kumla", "sv",
     "Yttrande över granskningshandling för detaljplan för Kvarteret Hjorten, Kumla kommun"),
    ("other", "other", "Vindbruksplan", "Lekeberg", "sv", "Yttrande över förslag till Vindbruksplan, Lekebergs kommun"),
    ("dp", "samrad", "", "", "sv", "Yttrande över samrådshandling för detaljplan för [plannamn], [kommun]"),
    ("op", "samrad", "", "Kumla", "en",
     "Statement on the consultation draft of the comprehensive plan for Kumla Municipality"),
    ("dp", "granskning", "Kvarteret Hjorten", "Kumla kommun", "en",
     "Statement on the exhibition draft of the detailed development plan for Kvarteret Hjorten, Kumla Municipality"),
    ("fop", "other", "Hallsbergs tätort", "Hallsbergs kommun", "en",
     "Statement on the proposal for the in-depth comprehensive plan for Hallsbergs tätort, Hallsberg Municipality"),
    ("op", "samrad", "", "", "en", "Statement on the consultation draft of the comprehensive plan for [municipality]"),
])
def test_title_line_for_plan_types_and_stages(plan_type, stage, name, municipality, lang, expected):
    header = StatementHeader(plan_type=plan_type, stage=stage, plan_name=name, municipality=municipality)
    assert statement_title(header, lang) == expected
    inp = StatementInput(header=header, region_name="Region Örebro län")
    first = draft_statement(inp, lang)[0]
    assert (first.key, first.heading) == ("header", expected)
    assert statement_text(draft_statement(inp, lang)).splitlines()[0] == expected


def test_header_block_lists_region_date_case_numbers_and_addressee():
    assert sections(case_a())["header"].text == (
        "Region: Region Örebro län\nDatum: 2026-12-01\nDiarienummer: RS 2026/01234\n"
        "Kommunens diarienummer: KS 2026/0456\nTill: Kumla kommun, kommunstyrelsen")
    assert sections(case_a("en"), "en")["header"].text.splitlines()[1] == "Date: 1 December 2026"


@pytest.mark.parametrize("lang, municipality, addressee, line", [
    ("sv", "Kumla", "", "Till: Kumla kommun"),
    ("sv", "Hallsberg", "", "Till: Hallsbergs kommun"),
    ("sv", "Kumla", "Kumla kommun, kommunstyrelsen", "Till: Kumla kommun, kommunstyrelsen"),
    ("sv", "", "", "Till: [mottagare]"),
    ("en", "Kumla", "", "To: Kumla Municipality"),
    ("en", "Kumla", "Kumla Municipal Executive Board", "To: Kumla Municipal Executive Board"),
    ("en", "", "", "To: [addressee]"),
])
def test_the_addressee_is_the_plans_municipality_unless_given(lang, municipality, addressee, line):
    """A known municipality (the plan's, as the title names it) is the addressee by default; the
    user's value wins; with neither, the placeholder stays."""
    inp = StatementInput(header=header_kumla(municipality=municipality, addressee=addressee),
                         region_name="Region Örebro län")
    assert sections(inp, lang)["header"].text.splitlines()[-1] == line


@pytest.mark.parametrize("lang, placeholders", [
    ("sv", ["[diarienummer]", "[kommunens diarienummer]", "[handläggare]", "[titel]", "[mottagare]", "[plannamn]",
            "[kommun]", "[datum]", "[region]"]),
    ("en", ["[case number]", "[municipality's case number]", "[officer]", "[title]", "[addressee]", "[plan name]",
            "[municipality]", "[date]", "[region]"]),
])
def test_missing_header_fields_are_visible_placeholders(lang, placeholders):
    got = sections(case_c(lang), lang)
    for placeholder in placeholders:
        assert placeholder in statement_text(list(got.values())), placeholder
    header = got["header"].text.splitlines()
    assert header == [f"{label}: {value}" for label, value in zip(
        ["Region", "Datum", "Diarienummer", "Kommunens diarienummer", "Till"] if lang == "sv" else
        ["Region", "Date", "Case number", "Municipality's case number", "To"],
        [placeholders[8], placeholders[7], placeholders[0], placeholders[1], placeholders[4]])]
    assert got["signature"].text.splitlines()[:2] == placeholders[2:4]


# ---------------------------------------------------------------- what the statement may say

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_state_matters_appear_only_under_their_own_heading(lang):
    got = sections(case_a(lang), lang)
    state = got["state"].text
    words = ["vattenskydd", "Skyddsföreskrifterna"] if lang == "sv" else ["water protection", "Its regulations"]
    for word in words + ["Kumla vattenskyddsområde"]:
        assert word.lower() in state.lower()
        for key, section in got.items():
            if key not in ("state", "data"):  # the data section lists the dataset itself
                assert word.lower() not in section.text.lower(), (key, word)
    if lang == "sv":
        # the profile's state matters (authority "state"): the dangerous goods route and the water protection area
        assert state.startswith("Följande frågor bevakas av Länsstyrelsen och redovisas här som information:\n"
                                "– Primärt godsstråk (farligt gods): planområdet Västra verksamhetsområdet ligger "
                                "96 m från väg 50. Se Länsstyrelserna")
        assert ("\n– Vattenskyddsområde: planområdet Västra verksamhetsområdet överlappar Kumla vattenskyddsområde "
                "med 4,3 ha (12 % av planområdet).") in state
        assert state.endswith("Regionen tar inte ställning till dessa frågor och hänvisar till Länsstyrelsens "
                              "yttrande.")
        assert "Avstämningen visar att planförslaget inte berör skyddad natur." in state
        # no position of the region on a state matter
        assert "Regionen bedömer" not in state and "invändning" not in state
        assert "Länsstyrelsen" not in got["points"].text + got["position"].text


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("case", [case_a, case_b, case_c])
def test_no_internal_labels_or_checker_jargon(case, lang):
    text = full_text(case(lang), lang)
    forbidden = ["(konflikt)", "konflikt", "att beakta)", "i linje med RUS)", "Observera", "uppm.", "iakttagelse",
                 "plangranskning", "granskningstid", "Conflict", "conflict", "Attention", "(support)", "severity",
                 "not_checked", "not_affected", "water-protection", "primary-corridor"]
    for word in forbidden:
        assert word not in text, word
    # the rules' instructions are in the region's voice, not the checker's imperative
    for verb in ("Pröva ", "Bevaka ", "Samråd ", "Visa ", "Beakta ", "Consider ", "Safeguard ", "Show "):
        assert not re.search(rf"(^|[.:] ){verb}", text, re.M), verb


def _with_one_rule_not_checked(inp):
    inp.areas[0].rules.append(rule("dangerous-goods-route", "not_checked",
                                   reason="Tjänsten svarade inte (HTTP 503)."))
    return inp


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("case", [case_a, lambda lang: _with_one_rule_not_checked(case_b(lang))])
def test_a_rule_not_checked_is_said_and_rules_out_any_all_clear(case, lang):
    got = sections(case(lang), lang)
    text = statement_text(list(got.values())).lower()
    for claim in ("inga invändningar", "inga konflikter", "inga synpunkter på planförslaget", "no objections",
                  "no conflicts", "no further comments on the plan proposal"):
        assert claim not in text, claim
    position = got["position"].text
    title = got["not_checked"].text.split("\n– ")[1].split(":")[0]
    title = title.replace(" (", ", ").replace(")", "")
    if lang == "sv":
        assert f"En fråga ({title[0].lower() + title[1:]}) har inte kunnat stämmas av, och regionen tar därför " \
               "inte ställning till den (se nedan)." in position
    else:
        assert f"One matter ({title[0].lower() + title[1:]}) could not be checked, and the Region therefore " \
               "takes no position on it (see below)." in position
    assert "not_checked" in got
    assert got["not_checked"].text.count("\n– ") == 1


def test_plan_with_one_rule_not_checked_and_nothing_found_is_worded_as_far_as_it_goes():
    got = sections(_with_one_rule_not_checked(case_b()))
    assert got["position"].text == (
        "Region Örebro län har inte funnit att planförslaget berör de regionala intressen som har kunnat stämmas "
        "av. En fråga (primärt godsstråk, farligt gods) har inte kunnat stämmas av, och regionen tar därför inte "
        "ställning till den (se nedan).")
    assert got["not_checked"].text == (
        "Följande fråga har inte kunnat stämmas av, och yttrandet tar därför inte ställning till den:\n"
        "– Primärt godsstråk (farligt gods): Tjänsten svarade inte (HTTP 503).\n\n"
        "Regionen kan behöva återkomma i denna fråga.")


def test_plan_that_affects_nothing_says_so_briefly():
    got = sections(case_b())
    assert got["position"].text == ("Region Örebro län har inga invändningar mot planförslaget utifrån de "
                                    "regionala intressen som har stämts av.")
    # not-affected rules: one sentence, only those the region has reason to name (its conflict rules)
    assert got["points"].text == ("Planförslaget berör inte brukningsvärd jordbruksmark eller reservat för "
                                  "infrastruktur. Regionen har i övrigt inga synpunkter på planförslaget.")
    assert got["state"].text == ("Avstämningen visar att planförslaget inte berör följande frågor som "
                                 "Länsstyrelsen bevakar: vattenskyddsområde och skyddad natur.")
    text = full_text(case_b())
    assert text.count("granskning") == 1 and "granskningshandling för detaljplan" in text.splitlines()[0]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_granskning_is_only_the_stage_word(lang):
    text = full_text(case_a(lang), lang)
    assert "granskning" not in text.lower()
    inp = case_a(lang)
    inp.header = header_kumla(stage="granskning")
    lines = full_text(inp, lang).lower().splitlines()
    assert [i for i, line in enumerate(lines) if "granskning" in line] == ([0] if lang == "sv" else [])
    assert "avstämning" in full_text(case_a())


def test_points_are_grouped_by_theme_in_the_regions_voice_and_name_each_area():
    points = sections(case_a())["points"]
    assert points.subheadings == ("RUS och strukturbilderna", "Transporter och kollektivtrafik", "Gods och logistik",
                                  "Mellankommunala och regionöverskridande frågor", "Planeringsunderlag")
    text = points.text
    assert text.startswith("Planförslaget omfattar tre planområden som regionen har stämt av var för sig: Norra "
                           "Mark (bostäder, 12,4 ha), Västra verksamhetsområdet (industri, 35,2 ha) och "
                           "Stationskvarteret (blandad bebyggelse, 860 m²).")
    paragraphs = text.split("\n\n")
    # a conflict is an objection, with what to do about it
    assert ("Brukningsvärd jordbruksmark\nRegion Örebro län har invändningar mot att planområdet Norra Mark "
            "överlappar Jordbruksblock 4521 med 3,1 ha (25 % av planområdet).") in text
    assert "Regionen anser att planförslaget behöver ändras i denna del" in text
    # attention: a point to consider; the rule's instruction becomes the region's assessment
    assert ("Regionen vill uppmärksamma kommunen på att planområdet Västra verksamhetsområdet berör Stråket "
            "Örebro–Hallsberg. Regionen bedömer att kommunen i det fortsatta arbetet behöver pröva hur planen "
            "kan stärka stråket (täthet, kollektivtrafik, gång och cykel) utan att försvåra framtida "
            "kapacitetsutbyggnad.") in text
    assert "stärker stråket" not in text  # the plan near a corridor is not said to strengthen it
    assert ("the municipality needs to consider how the plan can strengthen the corridor (density, public "
            "transport, walking and cycling) without hindering future capacity upgrades.") in full_text(case_a("en"),
                                                                                                       "en")
    # a region's rule that says what is needed: the region's assessment, without a second generic closing sentence
    for lang, said in (("sv", "Regionen vill uppmärksamma kommunen på att planområdet Verksamhetsområde Kumla södra "
                              "ligger 96 m från väg 50. Regionen bedömer att en riskutredning behövs. Se "
                              "Länsstyrelserna"),
                       ("en", "The Region considers that a risk assessment is needed. See Länsstyrelserna")):
        goods = rule("dangerous-goods-route", "affected", [Hit("väg 50", distance_m=96.0)], lang=lang,
                     authority="region")
        assert said in sections(_two_areas(goods, rule("dangerous-goods-route", lang=lang)), lang)["points"].text
    # support: positive, worded as what was measured
    assert ("Region Örebro län ser positivt på att planområdet Norra Mark ligger 450 m från Kumla station och att "
            "planområdet Stationskvarteret ligger 120 m från Kumla station.") in text
    assert "Regionen noterar att planområdet Västra verksamhetsområdet ligger 1,2 km från gränsen mot Hallsbergs " \
           "kommun." in text
    # groups in the given order, each point under its group
    order = [paragraphs.index(h) for h in points.subheadings]
    assert order == sorted(order)
    assert paragraphs.index("Gods och logistik") < paragraphs.index(
        next(p for p in paragraphs if p.startswith("Nära godsnod\n")))
    assert "Primärt godsstråk" not in text  # a state matter (the profile's authority), not the region's point


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_support_is_never_stronger_than_a_distance(lang):
    text = full_text(case_a(lang), lang)
    assert "stärker en regional kärna" not in text and "strengthens a regional core" not in text
    assert "Planen " not in text and "The plan lies" not in text
    core = "ligger 2,3 km från Kumla" if lang == "sv" else "lies 2.3 km from Kumla"
    assert core in text


def test_position_derives_from_the_outcomes():
    assert sections(case_a())["position"].text.startswith(
        "Region Örebro län har invändningar mot planförslaget när det gäller planområdena Norra Mark och Västra "
        "verksamhetsområdet och lämnar även synpunkter som kommunen bör beakta i det fortsatta arbetet.")
    # a reviewer lowers both conflicts to "attention": no objection any more
    inp = case_a()
    for area in inp.areas:
        for r in area.rules:
            if r.severity == "conflict" and r.authority == "region":
                r.decided_severity = "attention"
    got = sections(inp)
    assert got["position"].text.startswith("Region Örebro län lämnar synpunkter på planförslaget som kommunen bör "
                                           "beakta i det fortsatta arbetet.")
    assert "invändning" not in got["points"].text
    assert "Regionen vill uppmärksamma kommunen på att planområdet Norra Mark överlappar Jordbruksblock 4521" in \
        got["points"].text
    # only support: positive, and the all-clear only because every rule was checked
    only_support = StatementInput(header=header_kumla(), region_name="Region Örebro län", areas=[PlanArea(
        name="Station", purpose="mixed", rules=[rule("public-transport-walking-distance", "affected",
                                                     [Hit("Kumla station", distance_m=80)])])])
    assert sections(only_support)["position"].text == (
        "Region Örebro län ser positivt på planförslaget i de delar som redovisas nedan och har inga invändningar "
        "utifrån de regionala intressen som har stämts av.")
    assert "ligger 80 m från Kumla station" in sections(only_support)["points"].text


def test_many_hits_are_listed_compactly():
    inp = case_b()
    inp.areas[0].rules.append(rule("logistics-area", "affected", [
        Hit("Logistikområde Hallsberg–Kumla", overlap_m2=120_000, share=0.34), Hit("A", overlap_m2=1_200, share=0.01),
        Hit("B", distance_m=20), Hit("C", overlap_m2=3_000, share=0.02), Hit("D", overlap_m2=400, share=0.001),
        Hit("C", overlap_m2=1_000, share=0.01)]))
    inp.areas[0].rules.append(rule("cloudburst-risk", "affected", [Hit("", overlap_m2=500)], authority="municipality"))
    got = sections(inp)
    assert ("Regionen vill uppmärksamma kommunen på att planområdet överlappar Logistikområde Hallsberg–Kumla med "
            "12,0 ha (34 % av planområdet), C med 0,40 ha (3 %), A med 0,12 ha (1 %) och ytterligare ett objekt samt "
            "ligger 20 m från B. Markanvändningen bör inte försvåra logistikutveckling.") in got["points"].text
    assert "– Risk vid skyfall: planområdet överlappar det utpekade området med 500 m²." in got["municipality"].text


def test_an_unknown_severity_is_information_and_never_an_all_clear():
    inp = case_b()
    inp.areas[0].rules.append(rule("wind-power-area", "affected", [Hit("Vindkraftsområde Blacksta", distance_m=640)],
                                   severity="", decided_severity="important"))
    got = sections(inp)
    assert got["position"].text.startswith("Region Örebro län har inga invändningar mot planförslaget utifrån de "
                                           "regionala intressen som har stämts av, men lämnar några upplysningar")
    assert "Regionen noterar att planområdet ligger 640 m från Vindkraftsområde Blacksta." in got["points"].text


def test_reviewer_decisions_drop_and_reweigh_points():
    text = full_text(case_a())
    # not relevant: the wind power point is gone
    assert "Vindkraft" not in text and "Blacksta" not in text
    # severity changed from attention to information: a short notice, not a point to consider
    assert "Regionen noterar att planområdet Västra verksamhetsområdet ligger 3,9 km från Hallsbergs rangerbangård." \
        in text
    assert "uppmärksamma kommunen på att planområdet Västra verksamhetsområdet ligger 3,9 km" not in text


def test_not_applicable_and_not_affected_rules_are_never_concerns():
    text = full_text(case_a())
    # far-from-public-transport: not affected (housing) and not applicable (industry); logistics: not applicable
    assert "Långt till kollektivtrafik" not in text and "bilberoende" not in text
    assert "Logistikområde" not in text
    # protected nature (state, not affected anywhere) is only summarised as not affected
    assert text.count("skyddad natur") == 1 and "inte berör skyddad natur" in text


# ---------------------------------------------------------------- numbers, data, signature

@pytest.mark.parametrize("value, sv, en", [
    (124_000, "12,4 ha", "12.4 ha"), (860, "860 m²", "860 m²"), (2_400, "0,24 ha", "0.24 ha"),
    (994, "990 m²", "990 m²"), (999, "0,10 ha", "0.10 ha"), (9_990, "1,0 ha", "1.0 ha"),
    (1_250_000, "125 ha", "125 ha"), (12_345_678, "1 235 ha", "1,235 ha"), (56, "56 m²", "56 m²"),
])
def test_area_format(value, sv, en):
    assert (format_area(value, "sv"), format_area(value, "en")) == (sv, en)


@pytest.mark.parametrize("value, sv, en", [
    (96, "96 m", "96 m"), (287, "290 m", "290 m"), (300, "300 m", "300 m"), (999, "1,0 km", "1.0 km"),
    (2_340, "2,3 km", "2.3 km"), (28_400, "28 km", "28 km"), (123_456, "123 km", "123 km"),
])
def test_distance_format(value, sv, en):
    assert (format_distance(value, "sv"), format_distance(value, "en")) == (sv, en)


def test_numbers_in_the_statement_follow_the_language():
    sv, en = full_text(case_a()), full_text(case_a("en"), "en")
    for text in ("12,4 ha", "35,2 ha", "860 m²", "2,3 km", "450 m", "3,1 ha (25 % av planområdet)"):
        assert text in sv
    for text in ("12.4 ha", "35.2 ha", "2.3 km", "3.1 ha (25% of the plan area)"):
        assert text in en
    assert not re.search(r"\d\.\d", sv.split("Underlag")[0].replace("2026-12-01", ""))


def test_data_section_gives_dates_caveats_and_limited_extent():
    data = sections(case_a())["data"].text
    # fetched 23:30 UTC on 30 November = 1 December in Sweden
    assert "– Vattenskyddsområden (Länsstyrelsen i Örebro län, version 2026-10-14, hämtat 2026-12-01). Gränserna " \
           "är ungefärliga." in data
    assert ("– Brukningsvärd jordbruksmark (Jordbruksverket, version 2023, hämtat 2026-12-01). Underlaget har "
            "hämtats bara för ett område kring planförslaget; förhållanden utanför det området har inte stämts "
            "av.") in data
    assert "– Skyfallskartering (Region Örebro län)." in data
    en = sections(case_a("en"), "en")["data"].text
    assert "fetched 1 December 2026" in en and "The data was fetched only for an area around the plan" in en
    area = dataclasses.replace(case_b().areas[0], purpose="")
    unknown = StatementInput(header=header_kumla(), areas=[area])
    assert "För planområdet saknas uppgift om användning; där har samtliga regler stämts av." in \
        sections(unknown)["data"].text


def test_signature_names_the_officer_and_the_method_without_granskning():
    got = sections(case_a())["signature"]
    assert got.heading == "För Region Örebro län"
    assert got.text.startswith("Anna Lindqvist\nSamhällsplanerare\n\nDetta yttrande har tagits fram med stöd av en "
                               "avstämning av planförslaget mot RUS")
    assert "granskning" not in got.text


# ---------------------------------------------------------------- rendering

def test_text_and_markdown_rendering():
    parts = draft_statement(case_a())
    text = statement_text(parts)
    for part in parts:
        assert f"{part.heading}\n\n{part.text}" in text
    md = statement_markdown(parts)
    assert md.startswith("# Yttrande över samrådshandling för översiktsplan för Kumla kommun\n\nRegion: Region "
                         "Örebro län  \nDatum: 2026-12-01  \n")
    for line in ("## Regionens ställningstagande", "### RUS och strukturbilderna", "**Regional kärna**  ",
                 "- Vattenskyddsområde: planområdet", "## Frågor som inte har kunnat stämmas av", "## Underlag"):
        assert f"\n{line}" in md, line
    assert "\n– " not in md


def test_example_document_is_current():
    spec = importlib.util.spec_from_file_location("statement_example",
                                                  os.path.join(ROOT, "scripts", "statement_example.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(module.PATH, encoding="utf-8") as handle:
        assert handle.read() == module.render(), "run: python3 scripts/statement_example.py"


def test_statement_module_needs_no_qgis():
    code = ("import sys; import regionplan_plugin.core.statement as s; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6', 'sip')]; "
            "assert not bad, bad; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert out.stdout.strip() == "ok", out.stderr


def test_date_is_a_date():
    assert sections(StatementInput(header=StatementHeader(date=datetime.date(2027, 1, 5))))["header"].text \
        .splitlines()[1] == "Datum: 2027-01-05"


# ---------------------------------------------------------------- review of the demo's statement (g1)

def _two_areas(rule_one, rule_two, municipality=""):
    return StatementInput(header=header_kumla(), areas=[
        PlanArea("Verksamhetsområde Kumla södra", "industry", "industri", 960000.0, municipality, [rule_one]),
        PlanArea("Stationsområde Kumla", "mixed", "blandad bebyggelse", 300000.0, municipality, [rule_two])])


def test_areas_that_share_a_hit_are_named_together():
    corridor = [Hit("Örebro–Kumla–Hallsberg (pendeltåg)", 0.0)]
    text = sections(_two_areas(rule("primary-corridor", "affected", corridor),
                               rule("primary-corridor", "affected", corridor)))["points"].text
    assert ("planområdena Verksamhetsområde Kumla södra och Stationsområde Kumla berör Örebro–Kumla–Hallsberg "
            "(pendeltåg).") in text
    assert "och att planområdet" not in text
    # different facts stay one per area
    text = sections(_two_areas(rule("primary-corridor", "affected", corridor),
                               rule("primary-corridor", "affected", [Hit("Stråket Örebro–Hallsberg", 0.0)])))
    assert "berör Örebro–Kumla–Hallsberg (pendeltåg) och att planområdet Stationsområde Kumla berör Stråket" in \
        text["points"].text


def test_a_boundary_feature_is_never_the_boundary_with_a_boundary_nor_the_host():
    named = [Hit("Kommungräns Kumla–Hallsberg", 1300.0)]
    text = sections(_two_areas(rule("municipal-boundary", "affected", named),
                               rule("municipal-boundary", "affected", [Hit("Kumla", 0.0), Hit("Hallsberg", 800.0)]),
                               municipality="Kumla"))["points"].text
    assert "gränsen mot Kommungräns" not in text and "ligger 1,3 km från kommungränsen Kumla–Hallsberg" in text
    assert "gränsen mot Kumla" not in text and "inom" not in text
    assert "planområdet Stationsområde Kumla ligger 800 m från gränsen mot Hallsbergs kommun" in text
    en = sections(_two_areas(rule("municipal-boundary", "affected", named, lang="en"),
                             rule("municipal-boundary", "affected", [Hit("Kumla kommun", 0.0)], lang="en"),
                             municipality="Kumla"), "en")["points"].text
    assert "boundary with Kumla" not in en and "boundary with Kommungräns" not in en


def test_the_plans_municipality_from_the_header_is_never_a_neighbour():
    inp = _two_areas(rule("municipal-boundary", "affected", [Hit("Kumla", 0.0), Hit("Hallsberg", 900.0)]),
                     rule("municipal-boundary", "affected", [Hit("Kumla kommun", 0.0)]))  # no area municipality
    text = sections(inp)["points"].text
    assert "gränsen mot Kumla" not in text and "900 m från gränsen mot Hallsbergs kommun" in text


def test_areas_named_together_take_a_plural_verb_in_english():
    """"the plan areas A and B touch X" (never "touches"); Swedish verbs have one form."""
    corridor = [Hit("Örebro–Kumla–Hallsberg (pendeltåg)", 0.0)]
    near = [Hit("Kumla station", 300.0)]
    en = sections(_two_areas(rule("primary-corridor", "affected", corridor, lang="en"),
                             rule("primary-corridor", "affected", corridor, lang="en")), "en")["points"].text
    assert ("the plan areas Verksamhetsområde Kumla södra and Stationsområde Kumla touch Örebro–Kumla–Hallsberg "
            "(pendeltåg).") in en
    en = sections(_two_areas(rule("public-transport-walking-distance", "affected", near, lang="en"),
                             rule("public-transport-walking-distance", "affected", near, lang="en")), "en")
    assert "Verksamhetsområde Kumla södra and Stationsområde Kumla lie 300 m from Kumla station." in en["points"].text
    state = sections(_two_areas(rule("water-protection", "affected", [Hit("Vattenskydd", 10.0, 500.0, 0.2)],
                                     lang="en"),
                                rule("water-protection", "affected", [Hit("Vattenskydd", 10.0, 500.0, 0.2)],
                                     lang="en")), "en")["state"].text
    assert "Stationsområde Kumla overlap Vattenskydd by 500 m² (20% of the plan area)." in state
    one = sections(_two_areas(rule("primary-corridor", "affected", corridor, lang="en"),
                              rule("primary-corridor", "affected", near, lang="en")), "en")["points"].text
    assert "the plan area Verksamhetsområde Kumla södra touches Örebro" in one
    sv = sections(_two_areas(rule("public-transport-walking-distance", "affected", near),
                             rule("public-transport-walking-distance", "affected", near)))["points"].text
    assert "planområdena Verksamhetsområde Kumla södra och Stationsområde Kumla ligger 300 m från Kumla station." in sv


@pytest.mark.parametrize("lang, need, see", [
    ("sv", "En riskutredning behövs", "Se Länsstyrelserna, Riskhantering i detaljplaneprocessen"),
    ("en", "A risk assessment is needed", "See Länsstyrelserna, Riskhantering i detaljplaneprocessen")])
def test_a_state_matter_says_what_the_plan_touches_never_what_is_needed(lang, need, see):
    """Under Länsstyrelsen's heading the region "takes no position": a rule's "En riskutredning
    behövs." would be one, so it stays out; the facts, the caveat and the reference stay."""
    goods = rule("dangerous-goods-route", "affected", [Hit("Godsstråket genom Bergslagen", 0.0)], lang=lang,
                 authority="state")
    state = sections(_two_areas(goods, rule("dangerous-goods-route", "not_affected", lang=lang,
                                            authority="state")), lang)["state"].text
    assert "Godsstråket genom Bergslagen" in state and see in state
    assert need not in state and need.lower() not in state.lower()


def test_in_english_what_the_plan_does_not_affect_reads_as_english():
    """"does not affect any water protection area or protected nature", never "does not affect
    water protection area" (a rule title is a countable noun without an article)."""
    text = full_text(case_a("en"), "en")
    assert "The plan proposal does not affect any infrastructure reservation." not in text  # affected in case (a)
    assert "The check shows that the plan proposal does not affect any protected nature." in text
    inp = case_b("en")
    assert "The plan proposal does not affect any productive agricultural land or infrastructure reservation." \
        in full_text(inp, "en")
    assert "does not affect water" not in full_text(inp, "en") + text
    # Swedish has no article to add
    assert "Avstämningen visar att planförslaget inte berör skyddad natur." in full_text(case_a())


@pytest.mark.parametrize("lang, see", [
    ("sv", "Se Länsplan för regional transportinfrastruktur; Miljöbalken 3 kap. 8 §"),
    ("en", "See Länsplan för regional transportinfrastruktur; Miljöbalken 3 kap. 8 §")])
def test_the_regions_objection_rests_first_on_its_own_plan(lang, see):
    """The infrastructure reservation is the region's matter through its länsplan; the national
    interest (riksintresse, Miljöbalken) is Länsstyrelsen's and is cited after it, never as the
    region's first ground."""
    text = sections(case_a(lang), lang)["points"].text
    assert see in text
    assert "Miljöbalken 3 kap. 8 §, riksintresse för kommunikationer; Länsplan" not in text
