"""core/profile.py and core/profile_parts.py: a rule's ``applies_to`` and ``authority``, the
profile's ``statistics[]`` and ``purposes{}`` (contract sections 1 and 4), with the exact
messages a region's profile author sees."""

import copy

import pytest

from regionplan_plugin.core.errors import ProfileError
from regionplan_plugin.core.profile import AUTHORITIES, MEASURES, Statistic, parse_profile
from regionplan_plugin.core.purposes import PURPOSES
from tests.test_profile import VALID
from tests.test_profile_fuzz import FULL


def full():
    return copy.deepcopy(FULL)


def problem(obj) -> str:
    with pytest.raises(ProfileError) as info:
        parse_profile(obj)
    return str(info.value)


# -- valid ------------------------------------------------------------------------------------------


def test_the_new_parts_are_read():
    profile = parse_profile(full())
    assert profile.warnings == []
    rule = profile.rule("primary-corridor")
    assert rule.applies_to == ("housing", "mixed")
    assert rule.authority == "state"
    farmland = profile.rule("farmland")
    assert farmland.applies_to == () and farmland.authority == "region"
    assert [s.id for s in profile.statistics] == ["farmland-ha", "population"]
    first, second = profile.statistics
    assert isinstance(first, Statistic)
    assert (first.collection, first.filter, first.measure, first.distance_m) == (
        "jordbruksmark", "\"klass\" >= 6", "area_ha", None)
    assert first.unit == "ha" and first.sum_field is None
    assert first.title_in("en") == "Farmland" and second.title_in("en") == "Befolkning"
    assert first.expression().referencedColumns() == {"klass"}
    assert (second.measure, second.sum_field, second.unit, second.distance_m) == (
        "sum:bef_2030", "bef_2030", "sum", 1000.0)
    assert second.expression() is None
    assert profile.statistic("population") is second and profile.statistic("x") is None
    assert profile.purposes == {"Kolonilotter": "recreation", "BZ": "industry"}
    assert profile.purpose_of("kolonilotter") == "recreation"
    assert profile.purpose_of("BZ") == "industry"
    assert profile.purpose_of("B") == "housing"
    assert profile.collections_used() == ["rus_person_2030_strak", "jordbruksmark", "rus_person_2030_noder"]
    assert profile.collections_needed() == ["rus_person_2030_strak", "jordbruksmark", "rus_person_2030_noder",
                                            "befolkning"]
    assert AUTHORITIES == ("region", "state", "municipality")
    assert MEASURES == ("area_ha", "share", "count", "length_km")


def test_a_profile_without_them_is_unchanged():
    profile = parse_profile(copy.deepcopy(VALID))
    assert profile.statistics == [] and profile.purposes == {}
    assert all(rule.applies_to == () and rule.authority == "region" for rule in profile.rules)
    assert profile.purpose_of("Kolonilotter") == "recreation"


def test_rule_applies():
    profile = parse_profile(full())
    housing_only = profile.rule("primary-corridor")
    every_plan = profile.rule("farmland")
    assert housing_only.applies("housing") and housing_only.applies("mixed")
    assert not housing_only.applies("industry") and not housing_only.applies("other")
    assert housing_only.applies("")  # unknown purpose: every rule applies
    assert housing_only.applies("bostäder")  # not a code: unknown
    assert every_plan.applies("industry") and every_plan.applies("")


@pytest.mark.parametrize("authority", ["region", "state", "municipality"])
def test_every_authority(authority):
    obj = full()
    obj["rules"][1]["authority"] = authority
    assert parse_profile(obj).rule("farmland").authority == authority


def test_null_means_absent():
    obj = full()
    obj["rules"][0]["applies_to"] = None
    obj["rules"][0]["authority"] = None
    obj["statistics"] = None
    obj["purposes"] = None
    profile = parse_profile(obj)
    assert profile.rules[0].applies_to == () and profile.rules[0].authority == "region"
    assert profile.statistics == [] and profile.purposes == {}


@pytest.mark.parametrize("measure", ["area_ha", "share", "count", "length_km", "sum:bef_2030", "sum:Antal invånare"])
def test_every_measure(measure):
    obj = full()
    obj["statistics"][0]["measure"] = measure
    assert parse_profile(obj).statistics[0].measure == measure


def test_unknown_keys_in_a_statistic_are_warnings():
    obj = full()
    obj["statistics"][0]["unit"] = "ha"
    assert parse_profile(obj).warnings == ["statistics[0].unit: unknown key, ignored"]


# -- each violation gives a clear message ----------------------------------------------------------------


def _with(path_value):
    obj = full()
    for path, value in path_value:
        target = obj
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return obj


@pytest.mark.parametrize("change,message", [
    ((("rules", 0, "applies_to"), "housing"),
     "rules[0].applies_to (rule 'primary-corridor'): must be a list of plan purposes, like [\"housing\", \"mixed\"]"),
    ((("rules", 0, "applies_to"), []),
     "rules[0].applies_to (rule 'primary-corridor'): lists no plan purpose; leave the key out for a rule that "
     "concerns every plan"),
    ((("rules", 0, "applies_to"), ["housing", "houses"]),
     "rules[0].applies_to[1] (rule 'primary-corridor'): 'houses' is not a plan purpose; use one of housing, mixed, "
     "centre, workplaces, industry, retail, public-services, recreation, infrastructure, energy, "
     "agriculture-forestry, other"),
    ((("rules", 0, "applies_to"), ["bostäder"]),
     "rules[0].applies_to[0] (rule 'primary-corridor'): 'bostäder' is not a plan purpose; did you mean 'housing'?"),
    ((("rules", 0, "applies_to"), ["Housing"]),
     "rules[0].applies_to[0] (rule 'primary-corridor'): 'Housing' is not a plan purpose; did you mean 'housing'?"),
    ((("rules", 0, "applies_to"), ["housing", 3]),
     "rules[0].applies_to[1] (rule 'primary-corridor'): must be a plan purpose, not 3"),
    ((("rules", 0, "applies_to"), ["housing", "housing"]),
     "rules[0].applies_to[1] (rule 'primary-corridor'): 'housing' is listed twice"),
    ((("rules", 0, "authority"), "lansstyrelsen"),
     "rules[0].authority: 'lansstyrelsen' is not one of region, state, municipality"),
    ((("rules", 0, "authority"), 1),
     "rules[0].authority: must be a string, not a number"),
    ((("statistics",), {"id": "x"}), "statistics: must be a list, not an object"),
    ((("statistics", 0), "farmland"), "statistics[0]: must be an object, not a string"),
    ((("statistics", 1, "id"), "farmland-ha"),
     "statistics[1].id: the statistic id 'farmland-ha' is already used by statistics[0]"),
    ((("statistics", 0, "id"), "Jordbruk!"),
     "statistics[0].id: 'Jordbruk!' must be 1 to 64 characters from a-z, 0-9, _ and -"),
    ((("statistics", 0, "title"), "Jordbruksmark"),
     "statistics[0].title: must be an object of texts by language, like {\"sv\": \"...\", \"en\": \"...\"}, "
     "not a string"),
    ((("statistics", 0, "collection"), " "),
     "statistics[0].collection: must be a collection id of 1 to 256 characters"),
    ((("statistics", 0, "measure"), "hectares"),
     "statistics[0].measure: 'hectares' is not one of area_ha, share, count, length_km, sum:<field>"),
    ((("statistics", 0, "measure"), "sum:"),
     "statistics[0].measure: 'sum:' must name the field to add up, like 'sum:bef_2030'"),
    ((("statistics", 0, "measure"), "sum: bef"),
     "statistics[0].measure: 'sum: bef' must name the field to add up, like 'sum:bef_2030'"),
    ((("statistics", 0, "distance_m"), 0), "statistics[0].distance_m: must be greater than 0, not 0"),
    ((("statistics", 0, "distance_m"), "800"), "statistics[0].distance_m: must be a number, not a string"),
    ((("statistics", 0, "filter"), "eval('1') = 1"),
     "statistics[0].filter: the function eval() is not allowed in a rule filter; use comparisons, boolean logic, "
     "arithmetic and text functions on the collection's attributes"),
    ((("statistics", 0, "filter"), "\"klass\" >= "),
     None),  # a parser error: its text comes from QGIS
    ((("purposes",), ["housing"]), "purposes: must be an object of plan purposes by word, like "
                                   "{\"Bostäder, verksamheter\": \"mixed\"}, not a list"),
    ((("purposes", "Kolonilotter"), "allotments"),
     "purposes.Kolonilotter: 'allotments' is not a plan purpose; use one of housing, mixed, centre, workplaces, "
     "industry, retail, public-services, recreation, infrastructure, energy, agriculture-forestry, other"),
    ((("purposes", "Kolonilotter"), 5), "purposes.Kolonilotter: must be a plan purpose, not a number"),
    ((("purposes", " "), "housing"), "purposes: the word must have 1 to 200 characters"),
])
def test_violations(change, message):
    text = problem(_with([change]))
    if message is None:
        assert text.startswith("statistics[0].filter: the expression cannot be parsed")
    else:
        assert text == message


def test_a_statistic_needs_its_keys():
    obj = full()
    obj["statistics"][0] = {}
    assert problem(obj).splitlines() == [
        "statistics[0].id: required, but missing",
        "statistics[0].title: required, but missing",
        "statistics[0].collection: required, but missing",
        "statistics[0].measure: required, but missing",
    ]


def test_all_problems_are_listed_together():
    obj = full()
    obj["rules"][0]["applies_to"] = ["houses"]
    obj["rules"][2]["authority"] = "kommunen"
    obj["statistics"][1]["measure"] = "people"
    error = pytest.raises(ProfileError, parse_profile, obj).value
    assert [line.split(":")[0] for line in error.problems] == [
        "rules[0].applies_to[0] (rule 'primary-corridor')", "rules[2].authority", "statistics[1].measure"]


# -- the bundled Örebro profile ---------------------------------------------------------------------------


def test_bundled_profile_purposes_and_authorities():
    from regionplan_plugin.core.profile import load_profile
    from tests.fixtures.service import COLLECTION_IDS

    profile = load_profile()
    assert profile.warnings == []
    assert {r.id for r in profile.rules if r.authority == "state"} == {
        "dangerous-goods-route", "cloudburst-risk", "water-protection", "protected-nature", "green-infrastructure"}
    assert {r.authority for r in profile.rules} <= {"region", "state"}
    far = profile.rule("far-from-public-transport")
    # an industrial area is no longer told that housing there risks car dependency
    assert not far.applies("industry") and not far.applies(profile.purpose_of("J"))
    assert far.applies("housing") and far.applies(profile.purpose_of("B")) and far.applies("")
    assert far.filter == "\"turtathet\" IN ('hog', 'medel')"
    farmland = profile.rule("agricultural-land")
    assert farmland.applies("housing") and farmland.applies("energy") and not farmland.applies("agriculture-forestry")
    assert profile.rule("water-protection").applies_to == ()  # every plan
    assert all(set(rule.applies_to) <= set(PURPOSES) for rule in profile.rules)
    ids = [s.id for s in profile.statistics]
    assert ids[0] == "farmland-ha" and [f"farmland-class-{n}-ha" for n in range(10, 0, -1)] == ids[1:11]
    assert ids[11:] == ["frequent-node-walking-share", "frequent-nodes-800m", "primary-corridor-km", "population-2040",
                        "population-2040-1km"]
    assert {s.collection for s in profile.statistics} <= set(COLLECTION_IDS)
    nodes = profile.statistic("frequent-nodes-800m")
    assert (nodes.measure, nodes.distance_m, nodes.filter) == ("count", 800.0, far.filter)
    assert profile.statistic("primary-corridor-km").unit == "km"
    # population from the demo's population grid, in the plan and within 1 km of it
    people = profile.statistic("population-2040-1km")
    assert (people.collection, people.sum_field, people.distance_m) == ("befolkning_ruta", "bef_2040", 1000.0)
