"""core/pipeline.py: the one place that puts profile -> http -> service -> catalogue -> cache ->
data access together, against the reference service (pygeoapi) online and offline."""

import json

import pytest

from regionplan_plugin.core import paths
from regionplan_plugin.core.catalog import Catalog
from regionplan_plugin.core.errors import CacheError, NetworkError
from regionplan_plugin.core.pipeline import open_pipeline, pipeline_for
from tests.fixtures.base import free_port
from tests.fixtures.service import COLLECTION_IDS


def names_of(layer) -> set:
    return {feature["namn"] for feature in layer.getFeatures()}


def serve_profile(fault_server, service_url: str) -> str:
    """The bundled profile, pointing at ``service_url``, served as a URL profile."""
    with open(paths.bundled_profile_path(), encoding="utf-8") as handle:
        obj = json.load(handle)
    for source in obj["sources"]:  # the region's service, and the download the same server serves
        source["url"] = source["url"].replace("http://127.0.0.1:5000/", service_url)
    fault_server.route("/profile.json", body=json.dumps(obj).encode("utf-8"),
                       content_type="application/json")
    return fault_server.url_for("/profile.json")


@pytest.mark.timeout(120)
def test_url_profile_online_then_offline_without_any_request(pygeoapi_service, fault_server, cache_dir):
    url = serve_profile(fault_server, pygeoapi_service)
    online = open_pipeline(url, timeout_s=10)
    assert online.profile.service_url == pygeoapi_service and not online.offline
    assert online.service.http is online.http and online.service.base_url == pygeoapi_service
    catalog = online.catalog()
    assert not catalog.from_cache and not online.offline
    assert sorted(d.id for d in catalog.datasets) == sorted(COLLECTION_IDS)
    online.cache.refresh(online.service, "kollektivtrafik_noder", online.profile.crs)
    layer, _provenance = online.data_access().source("kollektivtrafik_noder")
    assert layer.featureCount() == 22 and "Örebro C" in names_of(layer)

    fault_server.clear_log()
    offline = open_pipeline(url, offline=True)
    assert offline.offline and offline.profile.service_url == pygeoapi_service
    assert offline.profile.warnings[0].startswith("Offline: the copy of the profile downloaded on")
    cached = offline.catalog()
    assert cached.from_cache and not cached.error and not offline.offline_reason
    assert sorted(d.id for d in cached.datasets) == sorted(COLLECTION_IDS)
    data = offline.data_access()
    assert data.offline and data.service is None
    layer, _provenance = data.source("kollektivtrafik_noder")
    assert layer.featureCount() == 22 and "Örebro C" in names_of(layer)
    with pytest.raises(CacheError) as info:
        data.source("jordbruksmark")
    assert "jordbruksmark is not in the offline cache" in str(info.value)
    assert fault_server.paths() == []  # offline: not even the profile was asked for


@pytest.mark.timeout(120)
def test_unreachable_service_falls_back_to_the_cached_catalogue(pygeoapi_service, cache_dir):
    open_pipeline(service_url=pygeoapi_service).catalog()  # saved for offline use
    closed = f"http://127.0.0.1:{free_port()}/"
    pipeline = open_pipeline(service_url=closed, timeout_s=3)
    catalog = pipeline.catalog()
    assert catalog.from_cache and pipeline.offline
    assert "127.0.0.1" in pipeline.offline_reason and pipeline.offline_reason == catalog.error
    assert sorted(d.id for d in catalog.datasets) == sorted(COLLECTION_IDS)
    data = pipeline.data_access()
    assert data.offline and data.service is None


@pytest.mark.timeout(60)
def test_nothing_cached_is_a_clear_error_online_and_offline(cache_dir):
    closed = f"http://127.0.0.1:{free_port()}/"
    with pytest.raises(NetworkError) as info:
        open_pipeline(service_url=closed, timeout_s=3).catalog()
    assert info.value.kind == "unreachable" and "127.0.0.1" in str(info.value)
    with pytest.raises(CacheError) as info:
        open_pipeline(service_url=closed, offline=True).catalog()
    assert "The catalogue is not in the offline cache yet" in str(info.value)


@pytest.mark.timeout(60)
def test_catalog_load_has_no_hidden_defaults(cache_dir):
    pipeline = open_pipeline(offline=True)
    with pytest.raises(ValueError):
        Catalog.load(pipeline.profile, cache=pipeline.cache)
    with pytest.raises(ValueError):
        Catalog.load(pipeline.profile, service=pipeline.service)
    assert pipeline_for(pipeline.profile, cache=pipeline.cache).cache is pipeline.cache
