"""core/cache.py: the GeoPackage store, its manifest, freshness and integrity (real servers on loopback)."""

import json
import os
import sqlite3

import pytest
from qgis.core import QgsFeedback, QgsProject, QgsRectangle, QgsVectorLayer, QgsWkbTypes

from regionplan_plugin.core.cache import Cache, safe_name
from regionplan_plugin.core.errors import CacheError, Cancelled, NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.service import OgcFeaturesService, RemoteVersion
from tests.helpers.ogc_server import EPSG3006

E0, N0 = 500000.0, 6570000.0


def square(i, props=None):
    x, y = E0 + i * 1000.0, N0
    ring = [[y, x], [y, x + 500], [y + 500, x + 500], [y + 500, x], [y, x]]  # northing, easting
    return {"type": "Feature", "id": f"z{i}", "properties": props if props is not None else {"namn": f"Zon {i}",
                                                                                             "klass": "primar"},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def service_for(fault_server, items, etag=False, collections=None, page_size=10):
    colls = {cid: {"crs": [EPSG3006], "title": cid.title()} for cid in items}
    colls.update(collections or {})
    url = fault_server.ogc(collections=colls, items=items, page_size=page_size, etag=etag)
    return OgcFeaturesService(url, HttpClient(timeout_s=5, retries=1))  # one retry: a loaded CI machine


def items_requests(fault_server, cid="zones"):
    return [r for r in fault_server.requests if r.path.endswith(f"/{cid}/items")]


def read_manifest(cache):
    with open(cache.manifest_path, encoding="utf-8") as handle:
        return json.load(handle)


def test_refresh_writes_geopackage_and_manifest(fault_server, cache_dir):
    feats = [square(i) for i in range(25)]
    service = service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    result = cache.refresh(service, "zones", "EPSG:3006", limit=10)
    assert result.status == "updated"
    assert cache.dir == os.path.join(str(cache_dir), "orebro")
    layer = cache.layer("zones")
    assert layer.isValid() and layer.featureCount() == 25
    assert layer.crs().authid() == "EPSG:3006"
    assert QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.PolygonGeometry
    names = [f.name() for f in layer.fields()]
    assert names[:2] == ["fid", "rp_id"] and "namn" in names and "klass" in names
    by_id = {f["rp_id"]: f for f in layer.getFeatures()}
    assert by_id["z3"]["namn"] == "Zon 3"
    box = by_id["z3"].geometry().boundingBox()
    assert (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()) == (E0 + 3000, N0, E0 + 3500, N0 + 500)
    assert abs(by_id["z3"].geometry().area() - 250000.0) < 1e-6
    entry = read_manifest(cache)["entries"]["zones"]
    assert entry["feature_count"] == 25 and entry["collection"] == "zones" and entry["profile_id"] == "orebro"
    assert entry["crs"] == "EPSG:3006" and entry["content_hash"].startswith("sha256:")
    assert entry["source_url"].startswith(fault_server.url) and entry["fetched_at"].endswith("Z")
    assert [f["name"] for f in entry["fields"]] == ["namn", "klass"]
    assert entry["plugin_version"] and entry["bbox"] is None
    assert os.path.exists(os.path.join(cache.dir, entry["file"]))
    assert len(items_requests(fault_server)) == 3
    assert cache.verify("zones") is None
    assert os.listdir(os.path.join(cache.dir, "tmp")) == []


def test_second_refresh_with_etag_does_not_download(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(i) for i in range(5)]}, etag=True)
    cache = Cache("orebro", str(cache_dir))
    first = cache.refresh(service, "zones", "EPSG:3006")
    assert first.entry.etag
    fault_server.clear_log()
    second = cache.refresh(service, "zones", "EPSG:3006")
    assert second.status == "fresh" and not second.downloaded
    reqs = items_requests(fault_server)
    assert len(reqs) == 1 and reqs[0].headers.get("if-none-match") == first.entry.etag
    assert second.entry.file == first.entry.file
    assert cache.status("zones", RemoteVersion(etag=first.entry.etag)) == "fresh"
    assert cache.status("zones", RemoteVersion(etag='"other"')) == "stale"
    assert cache.status("zones") == "unknown"


def test_unchanged_content_without_etag_is_fresh_by_hash(fault_server, cache_dir):
    feats = [square(i) for i in range(5)]
    service = service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    first = cache.refresh(service, "zones", "EPSG:3006")
    second = cache.refresh(service, "zones", "EPSG:3006")
    assert second.status == "fresh" and second.entry.file == first.entry.file
    assert second.entry.content_hash == first.entry.content_hash


def test_changed_content_replaces_the_copy_and_deletes_the_old_file(fault_server, cache_dir):
    feats = [square(i) for i in range(5)]
    service = service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    first = cache.refresh(service, "zones", "EPSG:3006")
    feats.append(square(9))
    second = cache.refresh(service, "zones", "EPSG:3006")
    assert second.status == "updated" and second.entry.file != first.entry.file
    assert cache.layer("zones").featureCount() == 6
    assert not os.path.exists(os.path.join(cache.dir, first.entry.file))
    assert sorted(n for n in os.listdir(cache.dir) if n.endswith(".gpkg")) == [second.entry.file]


@pytest.mark.timeout(60)
def test_a_changed_value_or_vertex_without_etag_changes_the_content_hash(fault_server, cache_dir):
    """No ETag, same number of features: one attribute value, then one vertex, changed on the
    server are found by the content hash (issue 18, item 1: the hash is over the spooled rows)."""
    feats = [square(i) for i in range(5)]
    service = service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    first = cache.refresh(service, "zones", "EPSG:3006")
    feats[3] = square(3, {"namn": "Zon 3", "klass": "sekundar"})
    second = cache.refresh(service, "zones", "EPSG:3006")
    assert second.status == "updated" and second.entry.content_hash != first.entry.content_hash
    assert {f["klass"] for f in cache.layer("zones").getFeatures() if f["rp_id"] == "z3"} == {"sekundar"}
    feats[1]["geometry"]["coordinates"][0][2][0] += 1.0
    third = cache.refresh(service, "zones", "EPSG:3006")
    assert third.status == "updated" and third.entry.content_hash != second.entry.content_hash
    assert cache.refresh(service, "zones", "EPSG:3006").status == "fresh"


def test_project_layer_on_old_copy_is_repointed(fault_server, cache_dir):
    feats = [square(i) for i in range(3)]
    service = service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    layer = cache.layer("zones", "Zoner")
    QgsProject.instance().addMapLayer(layer)
    try:
        feats.append(square(7))
        second = cache.refresh(service, "zones", "EPSG:3006")
        assert second.entry.file in layer.source()
        assert layer.isValid() and layer.featureCount() == 4 and layer.name() == "Zoner"
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_field_types_are_widened_robustly(fault_server, cache_dir):
    props = [
        {"i": 1, "r": 1, "mix": 1, "b": True, "obj": {"a": [1, 2]}, "big": 2 ** 70, "late": None},
        {"i": 2, "r": 2.5, "mix": "x", "b": False, "obj": None, "big": 1, "late": None},
    ] + [{"i": 3, "r": 3, "mix": 2.0, "b": None, "obj": [1], "big": None, "late": "sent"} for _ in range(1)]
    feats = [square(i, p) for i, p in enumerate(props)]
    service = service_for(fault_server, {"zones": feats}, page_size=1)
    cache = Cache("orebro", str(cache_dir))
    result = cache.refresh(service, "zones", "EPSG:3006", limit=1)
    types = {f["name"]: f["type"] for f in result.entry.fields}
    assert types == {"i": "int", "r": "real", "mix": "string", "b": "bool", "obj": "json", "big": "string",
                     "late": "string"}
    rows = {f["rp_id"]: f for f in cache.layer("zones").getFeatures()}
    assert rows["z0"]["i"] == 1 and rows["z1"]["r"] == 2.5 and rows["z0"]["mix"] == "1"
    assert rows["z1"]["mix"] == "x" and rows["z2"]["mix"] == "2.0"
    obj = rows["z0"]["obj"]  # a JSON field: QGIS reads it as a map
    assert (json.loads(obj) if isinstance(obj, str) else obj) == {"a": [1, 2]}
    assert rows["z0"]["big"] == str(2 ** 70) and rows["z2"]["late"] == "sent"
    assert rows["z0"]["b"] in (True, 1)


def test_reserved_and_case_clashing_property_names(fault_server, cache_dir):
    feats = [square(0, {"fid": 7, "rp_id": "spoof", "Namn": "A", "namn": "B", "geom": "x"})]
    service = service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    feature = next(cache.layer("zones").getFeatures())
    assert feature["rp_id"] == "z0"
    assert feature["fid_2"] == 7 and feature["rp_id_2"] == "spoof" and feature["geom_2"] == "x"
    assert {feature["Namn"], feature["namn_2"]} == {"A", "B"}


@pytest.mark.parametrize("cid", ["../../x", "a/b", "sp ace?#%", "..\\..\\win"])
def test_collection_ids_with_path_characters_stay_inside_the_cache(fault_server, cache_dir, cid):
    service = service_for(fault_server, {cid: [square(1)]})
    cache = Cache("orebro", str(cache_dir))
    result = cache.refresh(service, cid, "EPSG:3006")
    path = cache.path(cid)
    assert os.path.dirname(path) == os.path.realpath(cache.dir)
    assert result.entry.file.startswith(safe_name(cid))
    assert cache.layer(cid).featureCount() == 1
    outside = {os.path.join(str(cache_dir), n) for n in os.listdir(str(cache_dir))}
    assert outside == {cache.dir}
    assert not os.path.exists(os.path.join(os.path.dirname(str(cache_dir)), "x"))


def test_bbox_keeps_only_intersecting_features(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(i) for i in range(10)]})
    cache = Cache("orebro", str(cache_dir))
    rect = QgsRectangle(E0 + 2100, N0 + 100, E0 + 4200, N0 + 200)
    result = cache.refresh(service, "zones", "EPSG:3006", bbox=rect)
    assert sorted(f["rp_id"] for f in cache.layer("zones").getFeatures()) == ["z2", "z3", "z4"]
    assert result.entry.bbox == [E0 + 2100, N0 + 100, E0 + 4200, N0 + 200]
    query = items_requests(fault_server)[0].query
    assert "bbox" in query


def test_corrupt_geopackage_is_detected_and_refetched(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(i) for i in range(40)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    path = cache.path("zones")
    size = os.path.getsize(path)
    with open(path, "r+b") as handle:  # scribble over the middle of the file
        handle.seek(size // 2)
        handle.write(b"\x00garbage\xff" * 400)
    assert cache.status("zones") == "corrupt"
    message = cache.verify("zones")
    assert message and "damaged" in message
    with pytest.raises(CacheError) as info:
        cache.layer("zones")
    assert "damaged" in str(info.value) and "Refresh" in str(info.value)
    again = cache.refresh(service, "zones", "EPSG:3006")
    assert again.status == "updated"
    assert cache.layer("zones").featureCount() == 40


def test_truncated_geopackage_is_detected(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(i) for i in range(40)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    path = cache.path("zones")
    with open(path, "r+b") as handle:
        handle.truncate(2048)
    assert cache.status("zones") == "corrupt"
    with pytest.raises(CacheError):
        cache.layer("zones")


def test_feature_count_mismatch_is_corrupt(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(i) for i in range(4)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    con = sqlite3.connect(cache.path("zones"))
    con.execute("DELETE FROM features WHERE rp_id = 'z1'")
    con.commit()
    con.close()
    assert cache.status("zones") == "corrupt"
    assert "3 features instead of 4" in cache.verify("zones")


def test_garbage_manifest_is_rebuilt_from_the_files(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(i) for i in range(4)], "other": [square(1)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    cache.refresh(service, "other", "EPSG:3006")
    with open(cache.manifest_path, "wb") as handle:
        handle.write(b'{"entries": {"zones": {"file": "../../etc/passwd"\x00\xff garbage')
    fresh = Cache("orebro", str(cache_dir))
    assert fresh.layer("zones").featureCount() == 4
    assert fresh.layer("other").featureCount() == 1
    assert any("damaged" in p and "rebuilt" in p for p in fresh.problems)
    assert read_manifest(fresh)["entries"]["zones"]["feature_count"] == 4
    assert os.path.exists(fresh.manifest_path + ".damaged")


def test_manifest_entry_pointing_outside_is_ignored(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(1)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    manifest = read_manifest(cache)
    manifest["entries"]["zones"]["file"] = "../../../etc/passwd"
    with open(cache.manifest_path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle)
    fresh = Cache("orebro", str(cache_dir))
    layer = fresh.layer("zones")  # rebuilt from the GeoPackage's own metadata
    assert "etc/passwd" not in layer.source() and layer.featureCount() == 1


def test_missing_dataset_message(cache_dir):
    cache = Cache("orebro", str(cache_dir))
    assert cache.status("nothing") == "missing"
    with pytest.raises(CacheError) as info:
        cache.layer("nothing")
    assert "not in the offline cache" in str(info.value)


def test_dropped_connection_keeps_the_old_copy(fault_server, cache_dir):
    feats = [square(i) for i in range(30)]
    state = {"drop": False}

    def pages(request):
        offset = int(request.query.get("offset", ["0"])[0])
        doc = {"type": "FeatureCollection", "features": feats[offset:offset + 10], "links": []}
        if offset + 10 < len(feats):
            doc["links"].append({"rel": "next", "href": fault_server.url_for(
                f"/collections/zones/items?limit=10&offset={offset + 10}")})
        if offset == 10 and state["drop"]:
            return {"body": doc, "reset_after_bytes": 300}
        return {"body": doc}

    fault_server.route("/collections/zones/items", handler=pages)
    service = service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    first = cache.refresh(service, "zones", "EPSG:3006", limit=10)
    feats.append(square(99))
    state["drop"] = True
    with pytest.raises(NetworkError):
        cache.refresh(service, "zones", "EPSG:3006", limit=10)
    assert cache.entry("zones").file == first.entry.file
    assert cache.verify("zones") is None
    assert cache.layer("zones").featureCount() == 30
    assert os.listdir(os.path.join(cache.dir, "tmp")) == []
    assert sorted(n for n in os.listdir(cache.dir) if n.endswith(".gpkg")) == [first.entry.file]
    state["drop"] = False
    assert cache.refresh(service, "zones", "EPSG:3006", limit=10).entry.feature_count == 31


def test_cancel_keeps_the_old_copy(fault_server, cache_dir):
    feats = [square(i) for i in range(30)]
    service = service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    first = cache.refresh(service, "zones", "EPSG:3006", limit=10)
    feats.append(square(99))
    feedback = QgsFeedback()
    feedback.progressChanged.connect(lambda value: feedback.cancel() if value > 10 else None)
    with pytest.raises((Cancelled, NetworkError)):
        cache.refresh(service, "zones", "EPSG:3006", limit=10, feedback=feedback)
    assert cache.entry("zones").file == first.entry.file
    assert cache.layer("zones").featureCount() == 30


def test_catalogue_copy_round_trip(cache_dir):
    cache = Cache("orebro", str(cache_dir))
    assert cache.load_catalog() == (None, None)
    cache.save_catalog({"collections": [{"id": "a"}]})
    obj, fetched_at = cache.load_catalog()
    assert obj == {"collections": [{"id": "a"}]} and fetched_at.endswith("Z")


def test_remove(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(1)]})
    cache = Cache("orebro", str(cache_dir))
    result = cache.refresh(service, "zones", "EPSG:3006")
    cache.remove("zones")
    assert cache.status("zones") == "missing"
    assert not os.path.exists(os.path.join(cache.dir, result.entry.file))


def test_layer_is_read_only_and_tagged(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(1)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    layer = cache.layer("zones")
    assert isinstance(layer, QgsVectorLayer) and layer.readOnly()
    assert layer.customProperty("regionplan/collection") == "zones"
    assert layer.name() == "Zones"


def test_hostile_content_is_stored_as_text(fault_server, cache_dir):
    from tests.fixtures.faults import HOSTILE_TEXT, big_string

    feats = [square(0, {"namn": HOSTILE_TEXT, "lang": big_string()}), square(1, {"namn": "ok", "lang": "x"})]
    service = service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "zones", "EPSG:3006")
    rows = {f["rp_id"]: f for f in cache.layer("zones").getFeatures()}
    assert rows["z0"]["namn"] == HOSTILE_TEXT
    assert rows["z0"]["lang"] == big_string()


def test_non_utf8_bytes_are_replaced_not_fatal(fault_server, cache_dir):
    body = (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "a", '
            b'"properties": {"namn": "\xff\xfe\xc3("}, "geometry": {"type": "Point", "coordinates": [15.2, 59.3]}}]}')
    url = fault_server.ogc(items={"bytes": body})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(OgcFeaturesService(url, HttpClient(timeout_s=5, retries=0)), "bytes", "EPSG:3006")
    feature = next(cache.layer("bytes").getFeatures())
    assert feature["rp_id"] == "a" and "\ufffd" in feature["namn"]


def test_garbage_features_are_skipped_and_counted_in_the_manifest(fault_server, cache_dir):
    from tests.fixtures.faults import garbage_features

    url = fault_server.ogc(items={"bad": garbage_features()})
    cache = Cache("orebro", str(cache_dir))
    result = cache.refresh(OgcFeaturesService(url, HttpClient(timeout_s=5, retries=0)), "bad", "EPSG:3006")
    layer = cache.layer("bad")
    names = sorted(f["namn"] for f in layer.getFeatures())
    # points are the collection's type: the polygon (closed ring) and the line are dropped and counted
    assert names == ["duplicate 1", "no id"]
    assert QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.PointGeometry
    assert result.skipped == 9 and result.entry.skipped == 9
    assert result.entry.skip_reasons["geometry type differs from the collection"] == 2
    assert read_manifest(cache)["entries"]["bad"]["skip_reasons"]["duplicate id"] == 1


def test_refresh_with_a_garbage_manifest_recovers(fault_server, cache_dir):
    service = service_for(fault_server, {"zones": [square(1)], "other": [square(2)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(service, "other", "EPSG:3006")
    feedback = QgsFeedback()

    done = []

    def damage(_value):  # the manifest is damaged once while the fetch runs
        if not done:
            done.append(True)
            with open(cache.manifest_path, "w", encoding="utf-8") as handle:
                handle.write('{"schema": 7, "entries": []}')

    feedback.progressChanged.connect(damage)
    result = cache.refresh(service, "zones", "EPSG:3006", feedback=feedback)
    feedback.progressChanged.disconnect(damage)
    assert result.status == "updated"
    assert os.path.exists(cache.manifest_path + ".damaged")
    fresh = Cache("orebro", str(cache_dir))
    assert set(fresh.entries()) == {"zones", "other"} and not fresh.problems
    assert fresh.layer("other").featureCount() == 1


def test_check_asks_the_server_as_cheaply_as_it_allows(fault_server, cache_dir):
    feats = [square(i) for i in range(3)]
    service = service_for(fault_server, {"zones": feats, "plain": [square(5)]}, etag=True,
                          collections={"versioned": {"crs": [EPSG3006], "keywords": ["version:7"]}})
    cache = Cache("orebro", str(cache_dir))
    assert cache.check(service, "zones") == "missing"
    cache.refresh(service, "zones", "EPSG:3006")
    fault_server.clear_log()
    assert cache.check(service, "zones") == "fresh"
    reqs = items_requests(fault_server)
    assert len(reqs) == 1 and reqs[0].headers.get("if-none-match")
    feats.append(square(8))
    assert cache.check(service, "zones") == "stale"


def test_check_with_version_keyword(fault_server, cache_dir):
    url = fault_server.ogc(collections={"v": {"crs": [EPSG3006], "keywords": ["version:7"]}},
                           items={"v": [square(1)]})
    cache = Cache("orebro", str(cache_dir))
    cache.refresh(OgcFeaturesService(url, HttpClient()), "v", "EPSG:3006")
    service = OgcFeaturesService(url, HttpClient())
    fault_server.clear_log()
    assert cache.check(service, "v") == "fresh"
    assert items_requests(fault_server, "v") == []
    service._collections = [{"id": "v", "keywords": ["version:8"]}]
    assert cache.check(service, "v") == "stale"
    # a server without any version information cannot tell
    url2 = service_for(fault_server, {"n": [square(1)]}).base_url
    cache.refresh(OgcFeaturesService(url2, HttpClient()), "n", "EPSG:3006")
    assert cache.check(OgcFeaturesService(url2, HttpClient()), "n") == "unknown"


def test_refresh_from_a_worker_thread_repoints_on_the_main_thread(fault_server, cache_dir):
    import threading

    from qgis.PyQt.QtCore import QEventLoop, QTimer

    feats = [square(i) for i in range(3)]
    service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    url = fault_server.url
    first = cache.refresh(OgcFeaturesService(url, HttpClient()), "zones", "EPSG:3006")
    layer = cache.layer("zones", "Zoner")
    QgsProject.instance().addMapLayer(layer)
    try:
        feats.append(square(7))
        results = []

        def work():  # like QgsTask.run(): its own client, no project access
            results.append(Cache("orebro", str(cache_dir)).refresh(
                OgcFeaturesService(url, HttpClient()), "zones", "EPSG:3006"))

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(60)
        assert results and results[0].status == "updated"
        old_path = os.path.join(cache.dir, first.entry.file)
        assert os.path.exists(old_path)  # still used by the project layer until the main thread runs
        loop = QEventLoop()
        QTimer.singleShot(300, loop.quit)
        loop.exec_()
        assert results[0].entry.file in layer.source() and layer.featureCount() == 4
        assert not os.path.exists(old_path)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_last_modified_conditional_request(cache_dir):
    from tests.helpers.ogc_server import Collection, OgcServer, grid_point

    coll = Collection("grid", crs=[EPSG3006], count=30, make=grid_point, last_modified="Mon, 02 Jun 2025 10:00:00 GMT")
    with OgcServer([coll]) as server:
        service = OgcFeaturesService(server.url, HttpClient())
        cache = Cache("orebro", str(cache_dir))
        first = cache.refresh(service, "grid", "EPSG:3006")
        assert first.entry.last_modified == coll.last_modified and not first.entry.etag
        before = len(server.item_requests())
        second = cache.refresh(service, "grid", "EPSG:3006")
        assert second.status == "fresh" and not second.downloaded
        assert len(server.item_requests()) == before + 1
        assert cache.check(service, "grid") == "fresh"
        coll.last_modified = "Tue, 03 Jun 2025 10:00:00 GMT"
        coll.count = 31
        assert cache.check(service, "grid") == "stale"
        third = cache.refresh(service, "grid", "EPSG:3006")
        assert third.status == "updated" and third.entry.feature_count == 31
