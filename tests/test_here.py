""""What applies here" (issue 16 item 5): the card from the offline cache, against the
demo data served by the reference service and cached once."""

import statistics
import time

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.catalog import Catalog
from regionplan_plugin.core.here import card_html, what_applies
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.service import OgcFeaturesService
from regionplan_plugin.core.sources import DataAccess
from tests.fixtures.service import PROFILE_PATH

NEAR_KUMLA_STATION = QgsPointXY(508271, 6554035)  # 200 m east of Kumla station, 32 m from the corridors
IN_KUMLA_WATER = QgsPointXY(504708, 6553280)  # inside Kumla vattenskyddsområde


@pytest.fixture(scope="module")
def here_cache(pygeoapi_service, tmp_path_factory):
    """Every dataset a rule uses, cached from the reference service, and the catalogue."""
    profile = load_profile(PROFILE_PATH).with_service_url(pygeoapi_service)
    cache = Cache(profile.id, root=str(tmp_path_factory.mktemp("here_cache")))
    service = OgcFeaturesService(pygeoapi_service, HttpClient())
    Catalog.load(profile, service=service, cache=cache)
    for cid in profile.collections_used():
        cache.refresh(service, cid, profile.crs)
    # offline from here on: the service address is a closed port
    return profile.with_service_url("http://127.0.0.1:9/"), cache


@pytest.fixture
def offline_data(here_cache):
    profile, cache = here_cache
    data = DataAccess(profile, cache, offline=True)
    yield profile, data
    data.release()


@pytest.mark.timeout(120)
def test_card_next_to_a_node_inside_corridor_buffers(offline_data):
    profile, data = offline_data
    card = what_applies(profile, data, NEAR_KUMLA_STATION, purpose="housing", lang="en")
    station = card.item("Kumla station")
    assert station is not None and station.collection == "kollektivtrafik_noder"
    assert station.distance_m == pytest.approx(200.0, abs=0.5)
    assert [hit.rule_id for hit in station.hits] == ["public-transport-walking-distance"]
    assert station.hits[0].message == profile.rule("public-transport-walking-distance").message_in("en")
    corridor = card.item("Örebro–Kumla–Hallsberg (pendeltåg)")
    assert corridor is not None and 0 < corridor.distance_m < 300
    assert [hit.rule_id for hit in corridor.hits] == ["primary-corridor"]
    cloudburst = card.item("Kumla centrum lågpunkt")
    assert cloudburst.distance_m == 0 and [h.rule_id for h in cloudburst.hits] == ["cloudburst-risk"]
    # grouped by the catalogue's themes, in the profile's order
    titles = [group.title for group in card.groups]
    assert "Transport and corridors" in titles and "Climate adaptation" in titles
    transport = next(g for g in card.groups if g.theme == "transport")
    assert station in transport.items
    assert card.absent == []  # a high-frequency node is near: far-from-public-transport does not trigger
    html = card_html(card)
    assert "Kumla station" in html and "&lt;" not in "Kumla station"


@pytest.mark.timeout(120)
def test_card_inside_water_protection_and_far_from_nodes(offline_data):
    profile, data = offline_data
    card = what_applies(profile, data, IN_KUMLA_WATER, purpose="housing", lang="sv")
    water = card.item("Kumla vattenskyddsområde")
    assert water.distance_m == 0
    assert [hit.rule_id for hit in water.hits] == ["water-protection"]
    assert water.hits[0].message == profile.rule("water-protection").message_in("sv")
    # the declared dataset's caveat (profile version 2) is shown with its features
    assert water.caveat == "Demodata, inte Länsstyrelsens officiella gränser."
    assert "<i>Demodata, inte Länsstyrelsens officiella gränser.</i>" in card_html(card)
    assert [hit.rule_id for hit in card.absent] == ["far-from-public-transport"]
    # a small drawn area works the same way
    area = QgsGeometry.fromRect(QgsRectangle(504698, 6553270, 504718, 6553290))
    assert card_html(what_applies(profile, data, area, purpose="housing")).count("Kumla vattenskyddsområde") == 1


@pytest.mark.timeout(120)
def test_purpose_filters_the_rules(offline_data):
    profile, data = offline_data
    card = what_applies(profile, data, NEAR_KUMLA_STATION, purpose="agriculture-forestry", lang="en")
    station = card.item("Kumla station")
    assert station is not None and station.hits == []  # walking distance concerns housing etc., not farming
    assert card.item("Kumla centrum lågpunkt").hits == []
    assert [h.rule_id for h in card.item("Örebro–Kumla–Hallsberg (pendeltåg)").hits] == ["primary-corridor"]
    assert profile.rule("public-transport-walking-distance").title_in("en") in card.not_applicable
    # no purpose: every rule applies
    every = what_applies(profile, data, NEAR_KUMLA_STATION, lang="en")
    assert [h.rule_id for h in every.item("Kumla station").hits] == ["public-transport-walking-distance"]


@pytest.mark.timeout(120)
def test_card_is_fast_from_the_cache(here_cache):
    profile, cache = here_cache
    times = []
    for _ in range(5):
        data = DataAccess(profile, cache, offline=True)  # a new run: the copies are opened again
        started = time.perf_counter()
        what_applies(profile, data, NEAR_KUMLA_STATION, purpose="housing")
        times.append(time.perf_counter() - started)
        data.release()
    median = statistics.median(times)
    print(f"what_applies from the cache: median {median:.3f} s of {len(times)}")
    assert median < 2.0


@pytest.mark.timeout(120)
def test_r2_09_a_copy_cut_to_an_extent_never_says_nothing_near(pygeoapi_service, tmp_path):
    """Issue 11 item 9 in "What applies here": the copies cut to a box of 600 m around a place
    600 m east of Kumla station (the station outside the box). The card must not claim that no
    frequent public transport lies within 1 km (it does: the station), and says why."""
    place = QgsPointXY(NEAR_KUMLA_STATION.x() + 400, NEAR_KUMLA_STATION.y())
    box = [place.x() - 300, place.y() - 300, place.x() + 300, place.y() + 300]
    profile = load_profile(PROFILE_PATH).with_service_url(pygeoapi_service)
    whole = DataAccess(profile, Cache(profile.id, root=str(tmp_path / "empty")),
                       service=OgcFeaturesService(pygeoapi_service, HttpClient()))
    online = what_applies(profile, whole, place, purpose="housing", lang="en")
    whole.release()
    assert online.item("Kumla station").distance_m == pytest.approx(600.0, abs=1)
    assert "far-from-public-transport" not in [hit.rule_id for hit in online.absent]
    cache = Cache(profile.id, root=str(tmp_path))
    service = OgcFeaturesService(pygeoapi_service, HttpClient())
    for cid in profile.collections_used():
        cache.refresh(service, cid, profile.crs, bbox=box)
    data = DataAccess(profile.with_service_url("http://127.0.0.1:9/"), cache, offline=True)
    try:
        card = what_applies(profile, data, place, purpose="housing", lang="en")
    finally:
        data.release()
    assert card.item("Kumla station") is None  # not in the copy
    assert "far-from-public-transport" not in [hit.rule_id for hit in card.absent]
    extent = f"{box[0]:.0f}, {box[1]:.0f} – {box[2]:.0f}, {box[3]:.0f} EPSG:3006"
    note = [n for n in card.notes if n.startswith("kollektivtrafik_noder: the offline copy covers only")]
    assert note and extent in note[0] and "not shown" in note[0]
    assert note[0] in card_html(card)
