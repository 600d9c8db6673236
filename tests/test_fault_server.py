"""The fault_server fixture itself: OGC helper, faults, request log, clean shutdown."""

import threading
import time
import urllib.error
import urllib.request
from urllib.parse import quote

from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient
from tests.fixtures.faults import HOSTILE_TEXT, FaultServer, big_string, garbage_features


def _features(count):
    return [{"type": "Feature", "id": f"f{i}", "properties": {"namn": f"n{i}"},
             "geometry": {"type": "Point", "coordinates": [15.0 + i / 1000, 59.0]}} for i in range(count)]


def test_ogc_service_paging(fault_server):
    base = fault_server.ogc(collections={"noder": {"title": "Noder", "keywords": ["theme:transport"]}},
                            items={"noder": _features(25)}, page_size=10)
    client = HttpClient(timeout_s=5, retries=0)
    landing = client.get_json(base + "/")
    assert any(link["rel"] == "data" for link in landing["links"])
    collections = client.get_json(base + "/collections?f=json")["collections"]
    assert [c["id"] for c in collections] == ["noder"]
    assert collections[0]["keywords"] == ["theme:transport"]
    url, ids = base + "/collections/noder/items?f=json", []
    while url:
        page = client.get_json(url)
        ids += [f["id"] for f in page["features"]]
        url = next((link["href"] for link in page["links"] if link["rel"] == "next"), None)
    assert ids == [f"f{i}" for i in range(25)]
    assert fault_server.count("/collections/noder/items") == 3


def test_ogc_etag_and_path_ids(fault_server):
    cid = "../../x y"
    base = fault_server.ogc(items={cid: _features(3)}, etag=True)
    client = HttpClient(timeout_s=5, retries=0)
    url = f"{base}/collections/{quote(cid, safe='')}/items"
    first = client.get(url, accept=(200, 304))
    assert first.status == 200 and first.headers["etag"]
    second = client.get(url, headers={"If-None-Match": first.headers["etag"]}, accept=(200, 304))
    assert second.status == 304
    assert fault_server.requests[-1].path == f"/collections/{cid}/items"


def test_faulty_bodies_are_served(fault_server):
    fault_server.ogc(items={"bad": garbage_features()}, page_size=100)
    fault_server.route("/big", body={"namn": big_string()})
    fault_server.route("/hostile", body={"title": HOSTILE_TEXT})
    client = HttpClient(timeout_s=5, retries=0)
    page = client.get_json(fault_server.url_for("/collections/bad/items"))
    assert len(page["features"]) == len(garbage_features())
    assert len(client.get_json(fault_server.url_for("/big"))["namn"]) == 512 * 1024
    assert client.get_json(fault_server.url_for("/hostile"))["title"] == HOSTILE_TEXT


def test_route_times_and_handler(fault_server):
    fault_server.route("/x", status=503, times=1)
    fault_server.route("/x", handler=lambda request: {"body": {"q": request.query.get("a", [""])[0]}})
    client = HttpClient(timeout_s=5, retries=0)
    try:
        client.get(fault_server.url_for("/x"))
    except NetworkError as error:
        assert error.status == 503
    assert client.get_json(fault_server.url_for("/x?a=1")) == {"q": "1"}
    assert fault_server.paths() == ["/x", "/x?a=1"]


def test_shutdown_with_slow_handler_in_flight():
    server = FaultServer()
    server.route("/slow", body={}, delay_s=60)
    errors = []

    def fetch():
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            opener.open(server.url_for("/slow"), timeout=30).read()
        except (urllib.error.URLError, OSError) as error:
            errors.append(error)

    thread = threading.Thread(target=fetch)
    thread.start()
    deadline = time.monotonic() + 5
    while not server.requests and time.monotonic() < deadline:
        time.sleep(0.02)
    start = time.monotonic()
    server.close()
    assert time.monotonic() - start < 3
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_ogc_loop_and_other_host_next(fault_server):
    base = fault_server.ogc(items={"a": _features(4)}, page_size=2, loop_next=True)
    client = HttpClient(timeout_s=5, retries=0)
    first = client.get_json(base + "/collections/a/items")
    second = client.get_json(next(link["href"] for link in first["links"] if link["rel"] == "next"))
    back = next(link["href"] for link in second["links"] if link["rel"] == "next")
    assert "offset=0" in back
    other = FaultServer()
    try:
        base2 = other.ogc(items={"b": _features(4)}, page_size=2, next_base=other.other_host_url(""))
        page = client.get_json(base2 + "/collections/b/items")
        assert next(link["href"] for link in page["links"] if link["rel"] == "next").startswith(
            f"http://localhost:{other.port}/collections/b/items?")
    finally:
        other.close()


def test_route_first_overrides_ogc_path(fault_server):
    base = fault_server.ogc(items={"a": _features(2)})
    fault_server.route("/collections/a/items", status=502, times=1, first=True)
    client = HttpClient(timeout_s=5, retries=1, backoff_s=0.01)
    assert len(client.get_json(base + "/collections/a/items")["features"]) == 2
    assert fault_server.count("/collections/a/items") == 2


def test_ogc_paging_fault_modes(fault_server):
    client = HttpClient(timeout_s=5, retries=0)
    base = fault_server.ogc(items={"a": _features(6), "b": _features(6), "c": _features(6)}, page_size=2,
                            ignore_offset=True, number_matched="unknown")
    url, pages = base + "/collections/a/items", []
    for _ in range(5):  # never ends: the same features, a new next link each time
        page = client.get_json(url)
        pages.append(page)
        url = next(link["href"] for link in page["links"] if link["rel"] == "next")
    assert all([f["id"] for f in p["features"]] == ["f0", "f1"] for p in pages)
    assert all(p["numberMatched"] == "unknown" for p in pages) and "offset=10" in url
    fault_server.clear_log()
    other = FaultServer()
    try:
        base = other.ogc(items={"a": _features(6)}, page_size=2, exception_on_page=2, number_matched=None)
        first = client.get_json(base + "/collections/a/items")
        assert "numberMatched" not in first and len(first["features"]) == 2
        second = client.get_json(next(link["href"] for link in first["links"] if link["rel"] == "next"))
        assert "features" not in second and second["code"] == "NoApplicableCode"
    finally:
        other.close()
    other = FaultServer()
    try:
        base = other.ogc(items={"a": _features(6)}, page_size=2, empty_from_page=1)
        page = client.get_json(base + "/collections/a/items")
        assert page["features"] == [] and page["numberMatched"] == 6
    finally:
        other.close()
