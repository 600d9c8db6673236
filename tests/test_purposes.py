"""core/purposes.py: real purpose values from detaljplaner, översiktsplaner and Boverket's
models map to the purpose vocabulary of ``applies_to``; nothing ever raises."""

import ast
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regionplan_plugin.core import purposes
from regionplan_plugin.core.purposes import PURPOSES, combine, is_purpose, purpose_of

CASES = [
    # the codes themselves, as written by people
    ("housing", "housing"), ("public-services", "public-services"), ("Public services", "public-services"),
    ("agriculture_forestry", "agriculture-forestry"), ("OTHER", "other"), ("Mixed use", "mixed"),
    # Boverket's letters for kvartersmark (BFS 2014:5, BFS 2020:5), with precisions
    ("B", "housing"), ("B1", "housing"), ("C", "centre"), ("D", "public-services"), ("E", "infrastructure"),
    ("E1", "infrastructure"), ("G", "retail"), ("H", "retail"), ("J", "industry"), ("K", "workplaces"),
    ("L", "agriculture-forestry"), ("M", "other"), ("N", "recreation"), ("O", "centre"),
    ("P", "infrastructure"), ("R", "recreation"), ("S", "public-services"), ("T", "infrastructure"),
    ("V", "infrastructure"), ("Z", "workplaces"), ("A", "public-services"), ("(C)", "centre"),
    # combined codes: mixed when the purposes differ, the one purpose when they agree
    ("BC", "mixed"), ("B/C", "mixed"), ("BK", "mixed"), ("C1B", "mixed"), ("B1C2", "mixed"), ("B, K", "mixed"),
    ("B C", "mixed"), ("bk", "mixed"), ("H1H2", "retail"), ("GH", "retail"), ("B/B1", "housing"),
    ("DS", "public-services"), ("JZ", "mixed"), ("E/T", "infrastructure"),
    # allmän plats and vattenområde
    ("GATA", "infrastructure"), ("LOKALGATA", "infrastructure"), ("GÅGATA", "infrastructure"),
    ("GC-VÄG", "infrastructure"), ("TORG", "centre"), ("PARK", "recreation"), ("NATUR", "recreation"),
    ("PARKERING", "infrastructure"), ("SKYDD", "other"), ("Allmän plats PARK", "recreation"),
    ("W", "other"), ("WB", "recreation"), ("WS", "recreation"), ("WV", "infrastructure"),
    # Boverket's ÖP-modell: categories and subcategories
    ("Mångfunktionell bebyggelse", "mixed"), ("Sammanhängande bostadsbebyggelse", "housing"),
    ("Verksamheter och industri", "industry"), ("Transportinfrastruktur", "infrastructure"),
    ("Teknisk anläggning", "infrastructure"), ("Areell näring", "agriculture-forestry"),
    ("Grönområde och park", "recreation"), ("Natur och friluftsliv", "recreation"),
    ("Landsbygd", "agriculture-forestry"), ("Vatten", "other"), ("Företagsområde", "workplaces"),
    ("Transportintensiv verksamhet", "industry"), ("Materialutvinning", "industry"),
    ("Besöksanläggning", "recreation"), ("Tillfällig vistelse", "centre"), ("Begravningsplats", "other"),
    ("Annat samhällsviktigt ändamål", "public-services"), ("Energiproduktion", "energy"),
    ("Ytkrävande anläggning/offentlig verksamhet", "public-services"),
    # words of översiktsplaner
    ("bostäder", "housing"), ("Bostadsbebyggelse", "housing"), ("Nya bostäder", "housing"),
    ("Bostadsområde", "housing"), ("nya bostadsområden", "housing"), ("Fritidshusområde", "housing"),
    ("verksamheter", "workplaces"), ("Verksamhetsområde", "workplaces"), ("nya verksamhetsområden", "workplaces"),
    ("Industri", "industry"), ("Industriområde", "industry"), ("Logistik", "industry"),
    ("blandad bebyggelse", "mixed"), ("Stadsbebyggelse", "mixed"), ("Tätortsbebyggelse", "mixed"),
    ("Stationsområde", "mixed"), ("bostäder och handel", "mixed"), ("Bostäder och verksamheter", "mixed"),
    ("Centrum", "centre"), ("Handel", "retail"), ("Externhandel", "retail"), ("Område för handel", "retail"),
    ("Service", "public-services"), ("Skola", "public-services"), ("Grönområde", "recreation"),
    ("Natur", "recreation"), ("Rekreation", "recreation"), ("Friluftsliv", "recreation"),
    ("Jordbruk", "agriculture-forestry"), ("Skogsbruk", "agriculture-forestry"),
    ("Jord- och skogsbruk", "agriculture-forestry"), ("Vindkraft", "energy"), ("Solenergi", "energy"),
    ("Solcellspark", "energy"), ("Infrastruktur", "infrastructure"), ("Väg", "infrastructure"),
    ("Järnväg", "infrastructure"), ("Teknisk försörjning", "infrastructure"),
    # case, diacritics and spaces
    ("  BOSTÄDER  ", "housing"), ("bostader", "housing"), ("VERKSAMHETER   OCH  INDUSTRI", "industry"),
    ("Grönområde\u00a0och\tpark", "recreation"),
    # English
    ("Residential", "housing"), ("Industrial", "industry"), ("Offices", "workplaces"), ("Retail", "retail"),
    ("Wind power", "energy"), ("Farmland", "agriculture-forestry"),
    # unknown: every rule applies
    ("", ""), ("   ", ""), ("X", ""), ("Q", ""), ("Bostäder, Kumla norra", ""), ("Planområde 3", ""),
    ("ÖP Örebro – Törsjö verksamhetsområde", ""), ("B/X", ""), ("?", ""), ("123", ""),
]


@pytest.mark.parametrize("value,expected", CASES)
def test_real_values(value, expected):
    assert purpose_of(value) == expected


def test_values_of_other_types():
    assert purpose_of(None) == ""
    assert purpose_of(3) == ""
    assert purpose_of(True) == ""
    assert purpose_of(["B"]) == ""
    assert purpose_of("B" * 1000) == ""


def test_profile_table_takes_precedence():
    extra = {"Kolonilotter": "agriculture-forestry", "BZ": "industry", "Verksamheter": "industry",
             "broken": "not-a-purpose", 3: "housing"}
    assert purpose_of("kolonilotter", extra) == "agriculture-forestry"
    assert purpose_of("Kolonilotter") == "recreation"
    assert purpose_of("bz", extra) == "industry"
    assert purpose_of("BZ") == "mixed"
    assert purpose_of("Nya verksamheter", extra) == "industry"
    assert purpose_of("bostäder/verksamheter", extra) == "mixed"
    assert purpose_of("broken", extra) == ""
    assert purpose_of("B", "not a table") == "housing"


def test_combine():
    assert combine(["housing", "housing"]) == "housing"
    assert combine(["housing", "retail"]) == "mixed"
    assert combine([]) == ""
    assert combine(["housing", ""]) == ""


def test_vocabulary_is_the_contracts():
    assert PURPOSES == ("housing", "mixed", "centre", "workplaces", "industry", "retail", "public-services",
                        "recreation", "infrastructure", "energy", "agriculture-forestry", "other")
    assert all(is_purpose(code) for code in PURPOSES)
    assert not is_purpose("") and not is_purpose("Housing") and not is_purpose(None)
    assert set(purposes.WORDS.values()) <= set(PURPOSES)
    assert set(purposes.USE_LETTERS.values()) <= set(PURPOSES)
    for code in PURPOSES:
        assert purpose_of(code) == code


def test_pure_python():
    """The module imports nothing from QGIS or Qt (the engine, the profile and importplan share it)."""
    path = purposes.__file__
    tree = ast.parse(open(path, encoding="utf-8").read())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not [name for name in imported if name.startswith(("qgis", "PyQt")) or name.startswith(".")], imported
    assert os.path.basename(path) == "purposes.py"


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.one_of(st.text(max_size=60), st.text(alphabet="BCDEGHJKLMNOPRSTVZWbk0123456789/,;+& ()-", max_size=20)),
       st.one_of(st.none(), st.dictionaries(st.text(max_size=10), st.one_of(st.sampled_from(PURPOSES), st.text()),
                                            max_size=4)))
def test_never_raises(text, extra):
    code = purpose_of(text, extra)
    assert code == "" or code in PURPOSES
