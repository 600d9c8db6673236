"""Processing ``regionplan:cachelayers`` (run through processing.run with the algorithm itself)."""

import os

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.processing.cachelayers import CacheLayersAlgorithm
from tests.fixtures.base import free_port
from tests.fixtures.service import OREBRO_C_3006, PROFILE_PATH


class Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines = []
        self.progress = []
        self.progressChanged.connect(self.progress.append)

    def pushInfo(self, info):
        self.lines.append(info)

    def pushWarning(self, warning):
        self.lines.append(warning)

    def reportError(self, error, fatalError=False):
        self.lines.append(error)

    def text(self):
        return "\n".join(self.lines)


def run(params, feedback=None):
    import processing

    return processing.run(CacheLayersAlgorithm(), params, feedback=feedback or Log())


def test_parameters_and_output_per_contract(qgis_processing):
    alg = CacheLayersAlgorithm()
    alg.initAlgorithm()
    assert alg.name() == "cachelayers"
    assert [p.name() for p in alg.parameterDefinitions()] == ["PROFILE", "SERVICE_URL", "COLLECTIONS", "EXTENT"]
    assert all(p.flags() & p.FlagOptional for p in alg.parameterDefinitions())
    assert alg.parameterDefinition("PROFILE").defaultValue() == ""
    assert [o.name() for o in alg.outputDefinitions()] == ["CACHED"]
    assert alg.displayName() and alg.group() and "offline" in alg.shortHelpString()


def test_cache_two_collections_then_already_fresh(qgis_processing, pygeoapi_service, cache_dir):
    log = Log()
    result = run({"SERVICE_URL": pygeoapi_service, "COLLECTIONS": "kommuner, jordbruksmark"}, log)
    assert result["CACHED"] == 2
    cache = Cache("orebro")
    assert cache.layer("kommuner").featureCount() == 12
    assert cache.layer("jordbruksmark").featureCount() == 11
    files = {cid: cache.entry(cid).file for cid in ("kommuner", "jordbruksmark")}
    assert "12 features cached" in log.text()
    assert log.progress and log.progress[-1] == 100
    again = Log()
    result = run({"PROFILE": PROFILE_PATH, "SERVICE_URL": pygeoapi_service, "COLLECTIONS": "kommuner,jordbruksmark"},
                 again)
    assert result["CACHED"] == 2
    assert again.text().count("already fresh") == 2
    assert {cid: cache.entry(cid).file for cid in files} == files


def test_second_run_uses_conditional_requests(qgis_processing, fault_server, cache_dir):
    feats = [{"type": "Feature", "id": str(i), "properties": {"namn": f"n{i}"},
              "geometry": {"type": "Point", "coordinates": [15.0 + i / 100, 59.2]}} for i in range(25)]
    url = fault_server.ogc(items={"punkter": feats}, etag=True, page_size=10)
    assert run({"SERVICE_URL": url, "COLLECTIONS": "punkter"})["CACHED"] == 1
    fault_server.clear_log()
    log = Log()
    assert run({"SERVICE_URL": url, "COLLECTIONS": "punkter"}, log)["CACHED"] == 1
    items = [r for r in fault_server.requests if r.path.endswith("/items")]
    assert len(items) == 1 and items[0].headers.get("if-none-match")
    assert "already fresh" in log.text()


def test_default_collections_are_rule_collections_plus_boundaries(qgis_processing, pygeoapi_service, cache_dir):
    from regionplan_plugin.core.profile import load_profile

    profile = load_profile()
    result = run({"SERVICE_URL": pygeoapi_service})
    cached = set(Cache("orebro").entries())
    # what a rule or a statistic uses (the population grid only for the statistics), plus the boundaries
    expected = {r.collection for r in profile.rules} | {s.collection for s in profile.statistics}
    expected |= {"kommuner", "kommungranser", "grannlan"}
    assert "befolkning_ruta" in expected
    assert cached == expected
    assert result["CACHED"] == len(expected)


def test_extent_limits_the_features(qgis_processing, pygeoapi_service, cache_dir):
    x, y = OREBRO_C_3006
    extent = f"{x - 50},{x + 50},{y - 50},{y + 50} [EPSG:3006]"
    result = run({"SERVICE_URL": pygeoapi_service, "COLLECTIONS": "kollektivtrafik_noder", "EXTENT": extent})
    assert result["CACHED"] == 1
    cache = Cache("orebro")
    assert [f["namn"] for f in cache.layer("kollektivtrafik_noder").getFeatures()] == ["Örebro C"]
    bbox = cache.entry("kollektivtrafik_noder").bbox
    assert bbox == [x - 50, y - 50, x + 50, y + 50]


def test_extent_in_another_crs_is_transformed(qgis_processing, pygeoapi_service, cache_dir):
    extent = "15.2110,15.2126,59.2788,59.2798 [EPSG:4326]"
    run({"SERVICE_URL": pygeoapi_service, "COLLECTIONS": "kollektivtrafik_noder", "EXTENT": extent})
    assert [f["namn"] for f in Cache("orebro").layer("kollektivtrafik_noder").getFeatures()] == ["Örebro C"]


def test_unreachable_service_is_a_clear_error(qgis_processing, cache_dir):
    with pytest.raises(QgsProcessingException) as info:
        run({"SERVICE_URL": f"http://127.0.0.1:{free_port()}/", "COLLECTIONS": "kommuner"})
    assert "kommuner" in str(info.value)
    assert not os.listdir(str(cache_dir)) or Cache("orebro").entries() == {}


def test_one_missing_collection_does_not_stop_the_others(qgis_processing, pygeoapi_service, cache_dir):
    log = Log()
    result = run({"SERVICE_URL": pygeoapi_service, "COLLECTIONS": "no_such_collection,kommuner"}, log)
    assert result["CACHED"] == 1
    assert "no_such_collection" in log.text()
    assert Cache("orebro").status("no_such_collection") == "missing"


def test_bad_profile_is_a_clear_error(qgis_processing, tmp_path, cache_dir):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "regionplan-profile/1", "id": "BAD ID"}', encoding="utf-8")
    with pytest.raises(QgsProcessingException) as info:
        run({"PROFILE": str(bad), "COLLECTIONS": "kommuner"})
    assert "id" in str(info.value)


def test_cancel_keeps_the_previous_copies(qgis_processing, cache_dir):
    from tests.helpers.ogc_server import EPSG3006, Collection, OgcServer, grid_point

    coll = Collection("grid", "Grid", crs=[EPSG3006], count=3000, make=grid_point, page_delay=0.05, max_limit=100)
    with OgcServer([coll]) as server:
        assert run({"SERVICE_URL": server.url, "COLLECTIONS": "grid"})["CACHED"] == 1
        old = Cache("orebro").entry("grid").file
        coll.count = 3500
        log = Log()
        log.progressChanged.connect(lambda value: log.cancel() if 5 < value < 100 else None)
        with pytest.raises(QgsProcessingException) as info:
            run({"SERVICE_URL": server.url, "COLLECTIONS": "grid"}, log)
    assert "Cancelled" in str(info.value)
    cache = Cache("orebro")
    assert cache.entry("grid").file == old and cache.layer("grid").featureCount() == 3000
