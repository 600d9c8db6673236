"""core/catalog.py against the reference service (pygeoapi) and offline."""

import pytest

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.catalog import Catalog, fold
from regionplan_plugin.core.errors import CacheError, NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.pipeline import pipeline_for
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.service import OgcFeaturesService
from tests.fixtures.base import free_port
from tests.fixtures.service import COLLECTION_IDS


@pytest.fixture
def profile(pygeoapi_service):
    return load_profile().with_service_url(pygeoapi_service)


def closed_port_profile(profile):
    return profile.with_service_url(f"http://127.0.0.1:{free_port()}/")


def test_fold_ignores_case_and_swedish_diacritics():
    assert fold("Örebro") == "orebro"
    assert fold("ÅÄÖ é") == "aao e"
    assert "jordbruk" in fold("Jordbruksmark")


def test_catalogue_facets_from_pygeoapi(profile, cache_dir):
    catalog = pipeline_for(profile).catalog()
    assert not catalog.from_cache and catalog.fetched_at.endswith("Z")
    assert sorted(d.id for d in catalog.datasets) == sorted(COLLECTION_IDS)
    strak = catalog.dataset("rus_person_2030_strak")
    assert (strak.theme, strak.kind, strak.year) == ("transport", "structure-plan", 2030)
    assert strak.used_by_rules == ["primary-corridor", "secondary-corridor"]
    assert strak.licence.startswith("CC0") and strak.licence_url.startswith("https://creativecommons.org/")
    assert len(strak.extent["bbox"]) == 4 and 14 < strak.extent["bbox"][0] < 16
    assert any(c.endswith("/3006") for c in strak.crs_list)
    assert strak.status == "missing"
    assert catalog.dataset("kommuner").kind == "boundary"
    assert catalog.dataset("befolkning_prognos").used_by_rules == []


def test_groups_follow_the_profile_theme_order(profile, cache_dir):
    catalog = pipeline_for(profile).catalog()
    groups = catalog.groups()
    order = [theme.id for theme, _ in groups]
    profile_order = [t.id for t in profile.themes]
    assert order == [t for t in profile_order if t in order]
    assert {d.id for _, ds in groups for d in ds} == set(COLLECTION_IDS)
    transport = dict((t.id, ds) for t, ds in groups)["transport"]
    assert "rus_person_2030_strak" in [d.id for d in transport]


def test_search_ignores_case_and_diacritics_and_filters_year(profile, cache_dir):
    catalog = pipeline_for(profile).catalog()
    assert [d.id for d in catalog.search("orebro")] == ["kommuner"]
    assert [d.id for d in catalog.search("jordbruk")] == ["jordbruksmark"]
    assert [d.id for d in catalog.search("JORDBRUKSMARK")] == ["jordbruksmark"]
    assert {d.id for d in catalog.search("grön")} == {d.id for d in catalog.search("gron")}
    assert "gron_infrastruktur" in {d.id for d in catalog.search("gron")}
    in_2030 = {d.id for d in catalog.search(year=2030)}
    assert in_2030 == {"rus_person_2030_strak", "rus_gods_2030_strak", "rus_gods_2030_noder",
                       "rus_gods_2030_logistikomraden"}
    assert {d.id for d in catalog.search("gods", year=2030)} == in_2030 - {"rus_person_2030_strak"}
    assert catalog.search("nothing-like-this") == []
    assert 2050 in catalog.years() and 2030 in catalog.years()
    assert {d.id for d in catalog.search(theme="boundaries")} == {"kommuner", "kommungranser", "grannlan"}


def test_rule_collections_include_boundaries(profile, cache_dir):
    catalog = pipeline_for(profile).catalog()
    wanted = catalog.rule_collections()
    assert "rus_person_2030_strak" in wanted and "kommuner" in wanted and "grannlan" in wanted
    assert "befolkning_prognos" not in wanted and "oms_2050_kopplingar" not in wanted
    # a statistic's dataset too: the offline check measures the population from the grid
    assert "befolkning_ruta" in wanted


def test_catalogue_and_layers_work_offline(profile, cache_dir):
    cache = Cache(profile.id)
    online = pipeline_for(profile, cache=cache).catalog()
    service = OgcFeaturesService(profile.service_url, HttpClient())
    cache.refresh(service, "kollektivtrafik_noder", profile.crs)
    # the service is gone: the profile points at a closed port
    gone = closed_port_profile(profile)
    offline = pipeline_for(gone).catalog()
    assert offline.from_cache and offline.error
    assert "127.0.0.1" in offline.error
    assert offline.fetched_at == online.fetched_at
    assert offline.age_seconds is not None and offline.age_seconds < 600
    assert sorted(d.id for d in offline.datasets) == sorted(COLLECTION_IDS)
    nodes = offline.dataset("kollektivtrafik_noder")
    assert nodes.status == "unknown" and nodes.feature_count == 22 and nodes.fetched_at
    assert offline.dataset("jordbruksmark").status == "missing"
    assert [d.id for d in offline.search("orebro")] == ["kommuner"]
    layer = Cache(profile.id).layer("kollektivtrafik_noder")
    names = {f["namn"] for f in layer.getFeatures()}
    assert "Örebro C" in names
    # explicitly offline: no request at all
    explicit = pipeline_for(gone, offline=True).catalog()
    assert explicit.from_cache and not explicit.error


def test_offline_without_a_cached_catalogue_is_a_clear_error(profile, cache_dir):
    with pytest.raises(CacheError) as info:
        Catalog.load(profile, cache=Cache(profile.id), offline=True)
    assert "not in the offline cache" in str(info.value)
    with pytest.raises(NetworkError):
        Catalog.load(closed_port_profile(profile), cache=Cache(profile.id),
                     service=OgcFeaturesService(closed_port_profile(profile).service_url,
                                                HttpClient(timeout_s=3, retries=0)))


def test_cache_status_in_the_catalogue(profile, cache_dir):
    cache = Cache(profile.id)
    service = OgcFeaturesService(profile.service_url, HttpClient())
    cache.refresh(service, "jordbruksmark", profile.crs)
    catalog = Catalog.load(profile, service=service, cache=cache)
    ds = catalog.dataset("jordbruksmark")
    assert ds.cached and ds.feature_count == 11 and ds.fetched_at
    with open(cache.path("jordbruksmark"), "r+b") as handle:
        handle.truncate(1024)
    catalog = Catalog.load(profile, service=service, cache=cache)
    ds = catalog.dataset("jordbruksmark")
    assert ds.status == "corrupt" and "damaged" in ds.cache_problem


def test_facets_fall_back_to_other(fault_server, cache_dir):
    url = fault_server.ogc(collections={
        "a": {"title": "Utan nyckelord"},
        "b": {"title": "Okänt tema", "keywords": ["theme:unknown-theme", "kind:interest", "year:20x"]},
        "c": {"title": "Känt tema", "keywords": [{"keyword": "theme:water"}, "year:2031"]},
    }, items={"a": [], "b": [], "c": []})
    profile = load_profile()
    catalog = Catalog.load(profile, service=OgcFeaturesService(url, HttpClient()), cache=Cache(profile.id))
    a, b, c = (catalog.dataset(x) for x in "abc")
    assert (a.theme, a.kind, a.year) == ("other", "other", None)
    assert (b.theme, b.kind, b.year) == ("other", "interest", None)
    assert (c.theme, c.year) == ("water", 2031)
    groups = catalog.groups()
    assert groups[-1][0].id == "other" and [d.id for d in groups[-1][1]] == ["b", "a"]


def test_etag_status_fresh_then_stale(fault_server, cache_dir):
    feats = [{"type": "Feature", "id": "1", "properties": {"namn": "a"},
              "geometry": {"type": "Point", "coordinates": [15.2, 59.3]}}]
    url = fault_server.ogc(items={"pts": feats}, etag=True)
    profile = load_profile()
    service = OgcFeaturesService(url, HttpClient())
    cache = Cache(profile.id)
    cache.refresh(service, "pts", profile.crs)
    assert Catalog.load(profile, service=service, cache=cache).dataset("pts").status == "fresh"
    feats.append({"type": "Feature", "id": "2", "properties": {"namn": "b"},
                  "geometry": {"type": "Point", "coordinates": [15.3, 59.3]}})
    assert Catalog.load(profile, service=service, cache=cache).dataset("pts").status == "stale"
    assert cache.refresh(service, "pts", profile.crs).status == "updated"
    assert Catalog.load(profile, service=service, cache=cache).dataset("pts").status == "fresh"


def test_reference_service_versions_tell_a_current_copy(profile, cache_dir):
    """The reference service publishes a ``version:`` keyword per collection (pygeoapi sends no
    ETag): a copy just cached shows as current, not as "unknown"."""
    cache = Cache(profile.id)
    cache.refresh(OgcFeaturesService(profile.service_url, HttpClient()), "kollektivtrafik_noder", profile.crs)
    assert cache.entry("kollektivtrafik_noder").version
    catalog = pipeline_for(profile, cache=cache).catalog()
    assert catalog.dataset("kollektivtrafik_noder").status == "fresh"
    assert catalog.dataset("jordbruksmark").status == "missing"


def test_dataset_links_from_the_collection(profile, cache_dir):
    """The collection's links (http(s) only) reach the Dataset: licence and describedby."""
    strak = pipeline_for(profile).catalog().dataset("rus_person_2030_strak")
    by_rel = {}
    for link in strak.links:
        assert set(link) == {"href", "rel", "type", "title"}
        assert link["href"].startswith(("http://", "https://"))
        by_rel.setdefault(link["rel"], []).append(link)
    assert by_rel["license"] == [{"href": "https://creativecommons.org/publicdomain/zero/1.0/", "rel": "license",
                                  "type": "text/html", "title": "CC0 1.0 Universal (demo data, not official)"}]
    assert by_rel["describedby"][0]["href"] == "https://www.regionorebrolan.se/"


def test_dataset_links_keep_only_http_links():
    from regionplan_plugin.core.catalog import dataset_from_collection

    ds = dataset_from_collection({"id": "x", "links": [
        {"rel": "describedby", "href": "file:///etc/passwd"},
        {"rel": "describedby", "href": "javascript:alert(1)"},
        {"rel": "about", "href": "https://example.org/om", "title": 5},
        "not a link", {"rel": "license"},
    ]}, [])
    assert ds.links == [{"rel": "about", "type": "", "title": "", "href": "https://example.org/om"}]
