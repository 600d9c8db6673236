"""Boverket's ÖP model (issue 16 item 2) read from a file built to the published vocabulary of
ÖP-modell 2.1 (tests/data/plans/op_model_2_1.gpkg from scripts/make_plan_samples.py; the
sources of the names are in docs/plans.md, "ÖP model: where the names come from")."""

import os
import shutil

import pytest

from regionplan_plugin.core.plans import PER_USE, WHOLE, PlanFileError, is_op_model, read_op_model, read_plan
from regionplan_plugin.core.plans.opmodel import use_of
from regionplan_plugin.core.purposes import purpose_of
from tests.fixtures.base import ROOT

DATA = os.path.join(ROOT, "tests", "data", "plans")
OP21 = os.path.join(DATA, "op_model_2_1.gpkg")

pytestmark = pytest.mark.timeout(60)

#: The ten categories of mark- och vattenanvändning in ÖP-modell 2.1, in Boverket's wording and
#: order, and the purpose each is read as.
CATEGORIES = {
    "Mångfunktionell bebyggelse": "mixed",
    "Sammanhängande bostadsbebyggelse": "housing",
    "Verksamheter och industri": "industry",
    "Transportinfrastruktur": "infrastructure",
    "Teknisk anläggning": "infrastructure",
    "Areell näring": "agriculture-forestry",
    "Grönområde och park": "recreation",
    "Natur och friluftsliv": "recreation",
    "Landsbygd": "agriculture-forestry",
    "Vatten": "other",
}
#: Subcategories published for Mångfunktionell bebyggelse, Sammanhängande bostadsbebyggelse and
#: Areell näring ("Annan användning" is the model's open choice: the category decides).
SUBCATEGORIES = {
    "Bostäder": "housing", "Centrum": "centre", "Begravningsplats": "other", "Parkering": "infrastructure",
    "Kontor": "workplaces", "Handel": "retail", "Verksamheter": "workplaces", "Besöksanläggning": "recreation",
    "Skola": "public-services", "Tillfällig vistelse": "centre", "Vård": "public-services",
    "Annat samhällsviktigt ändamål": "public-services", "Skydd": "other",
    "Jordbruk": "agriculture-forestry", "Skogsbruk": "agriculture-forestry", "Rennäring": "agriculture-forestry",
    "Vattenbruk": "agriculture-forestry", "Yrkesfiske": "agriculture-forestry",
}
#: Utvecklingsinriktning: its three categories.
DEVELOPMENT = {"Bebyggelse": "mixed", "Natur och friluftsliv": "recreation", "Kommunikationer": "infrastructure"}


@pytest.mark.parametrize("wording, purpose", list(CATEGORIES.items()) + list(SUBCATEGORIES.items())
                         + list(DEVELOPMENT.items()))
def test_every_published_category_has_its_purpose(wording, purpose):
    assert purpose_of(wording) == purpose
    assert purpose_of(wording.upper()) == purpose  # as some databases write it


def test_a_subcategory_precises_and_the_open_one_leaves_it_to_the_category():
    assert use_of("Mångfunktionell bebyggelse", "Bostäder") == ("housing", "Mångfunktionell bebyggelse (Bostäder)")
    assert use_of("Areell näring", "Annan användning") == ("agriculture-forestry", "Areell näring (Annan användning)")
    assert use_of("Mångfunktionell bebyggelse", "Odlingslotter i kvarteret") == (
        "mixed", "Mångfunktionell bebyggelse (Odlingslotter i kvarteret)")  # unknown precision: the category
    assert use_of(None, "Handel") == ("retail", "Handel")
    assert use_of("Kommunens egen kategori", None) == ("", "Kommunens egen kategori")  # unknown: every rule applies
    assert use_of(None, None) == ("", "")


def test_the_published_model_file_is_found_and_its_layers_picked():
    assert is_op_model(OP21)
    plan = read_plan(OP21)
    assert plan.kind == "op-model" and plan.crs == "EPSG:3006"
    assert plan.plan_id == "1880-OP-2026" and plan.status == "granskning"
    # 15 use areas of "Mark- och vattenanvändning" and 4 of "Utvecklingsinriktning"; not the transport
    # line of "Mark- och vattenanvändning, linjer" (listed first), not the code list table, not the riksintresse layer
    assert len(plan.areas) == 19
    assert "Yrkesfiske" not in {area.use_code for area in plan.areas}
    assert plan.whole().area() == pytest.approx(1000 * 600)  # the land use, not the riksintresse around it


def test_every_category_of_the_file_reads_as_its_purpose_with_names():
    plan = read_op_model(OP21)
    landuse = {area.name: (area.use_code, area.purpose) for area in plan.areas if area.name.startswith("Område")}
    assert len(landuse) == 15
    categories = {code: purpose for code, purpose in landuse.values() if "(" not in code}
    assert categories == CATEGORIES
    assert landuse["Område 11"] == ("Mångfunktionell bebyggelse (Bostäder)", "housing")
    assert landuse["Område 12"] == ("Mångfunktionell bebyggelse (Annan användning)", "mixed")
    assert landuse["Område 13"] == ("Sammanhängande bostadsbebyggelse (Skola)", "public-services")
    assert landuse["Område 14"] == ("Areell näring (Rennäring)", "agriculture-forestry")
    assert landuse["Område 15"] == ("Areell näring (Yrkesfiske)", "agriculture-forestry")


def test_development_directions_by_category_else_by_the_land_use_under_them():
    plan = read_op_model(OP21)
    development = {area.name: (area.use_code, area.purpose) for area in plan.areas
                   if not area.name.startswith("Område")}
    assert development == {
        "Stråket mot Örebro": ("Bebyggelse", "mixed"),
        "Gröna kilen": ("Natur och friluftsliv", "recreation"),
        "Nya stationen": ("Kommunikationer", "infrastructure"),
        "Verksamhetsområde öst": ("development direction", "industry"),  # over Verksamheter och industri
    }


def test_per_use_and_whole_layers_of_the_published_model():
    plan = read_op_model(OP21)
    whole, per_use = plan.to_layer(WHOLE), plan.to_layer(PER_USE)
    try:
        assert whole.featureCount() == 1 and per_use.featureCount() == 19
        feature = next(whole.getFeatures())
        assert feature["purpose"] == "mixed" and feature["plan_id"] == "1880-OP-2026"
        assert feature["status"] == "granskning"
        rows = {f["name"]: (f["purpose"], f["use_code"]) for f in per_use.getFeatures()}
        assert rows["Område 10"] == ("other", "Vatten")
        assert rows["Område 6"] == ("agriculture-forestry", "Areell näring")
    finally:
        del whole, per_use


def test_only_lines_in_the_land_use_layers_is_a_clear_error(tmp_path):
    from osgeo import ogr

    target = str(tmp_path / "linjer.gpkg")
    shutil.copy(OP21, target)
    ds = ogr.Open(target, 1)
    for name in ("Mark- och vattenanvändning", "Utvecklingsinriktning"):
        ds.DeleteLayer(name)
    ds = None
    assert is_op_model(target)
    with pytest.raises(PlanFileError) as caught:
        read_op_model(target)
    assert caught.value.kind == "empty" and "linjer.gpkg has no use areas" in str(caught.value)


def test_land_use_layers_in_two_coordinate_systems_are_named(tmp_path):
    from osgeo import ogr, osr

    target = str(tmp_path / "tva_system.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(target)
    layers = (("Mark- och vattenanvändning", 3006, 512000), ("Mark- och vattenanvändning norr", 3010, 150000))
    for name, epsg, x in layers:
        ref = osr.SpatialReference()
        ref.ImportFromEPSG(epsg)
        layer = ds.CreateLayer(name, ref, ogr.wkbPolygon)
        layer.CreateField(ogr.FieldDefn("Kategori", ogr.OFTString))
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("Kategori", "Landsbygd")
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            f"POLYGON(({x} 6571000,{x + 100} 6571000,{x + 100} 6571100,{x} 6571000))"))
        layer.CreateFeature(feature)
    ds = None
    with pytest.raises(PlanFileError) as caught:
        read_op_model(target)
    message = str(caught.value)
    assert caught.value.kind == "invalid"
    assert "Mark- och vattenanvändning norr" in message and "EPSG:3006" in message and "EPSG:3010" in message
