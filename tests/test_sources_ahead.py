"""Paged sources ask for the next page while this one is read and written (issue 18, item 1):
the server works on it meanwhile. WFS 2.0.0 (MapServer 8) and ArcGIS FeatureServer (Koop 10),
each behind a fault server that passes every request on and records it; the request sent ahead
keeps the client's guarantees (a failure is retried, a cancel is prompt, an abandoned request
leaves nothing behind), and every page is still asked for once."""

import time
import urllib.parse
import urllib.request

import pytest
from qgis.core import QgsFeedback

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.errors import Cancelled
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.sources.arcgis import ArcGisSource
from regionplan_plugin.core.sources.wfs import WfsSource
from tests.fixtures.faults import relay as _passing_on

pytestmark = pytest.mark.timeout(120)
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
NODES = 22  # kollektivtrafik_noder in the demo data




def _asked(fault_server, key):
    """The values of query parameter ``key`` of the feature requests, in arrival order."""
    return [int(r.query[key][0]) for r in list(fault_server.requests) if key in r.query]


def _wait_for(condition, seconds=10.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)  # no Qt events run here: the request travels by itself
    return condition()


def test_wfs_asks_for_the_next_page_while_the_caller_holds_this_one(mapserver_wfs, fault_server):
    fault_server.route("/wfs", handler=_passing_on(mapserver_wfs))
    source = WfsSource(fault_server.url_for("/wfs"), HttpClient(), "2.0.0")
    pages = source.iter_pages("kollektivtrafik_noder", "EPSG:3006", limit=5)
    first = next(pages)
    assert len(first.features) == 5
    assert _wait_for(lambda: 5 in _asked(fault_server, "STARTINDEX"))
    ids = [f.id for f in first.features] + [f.id for page in pages for f in page.features]
    assert len(ids) == len(set(ids)) == NODES
    starts = _asked(fault_server, "STARTINDEX")
    assert sorted(set(starts)) == [0, 5, 10, 15, 20]
    assert starts.count(5) == starts.count(10) == starts.count(15) == starts.count(20) == 1


def test_a_failed_request_sent_ahead_is_retried(mapserver_wfs, fault_server, tmp_path):
    failed = []

    def once_503(request):
        if request.query.get("STARTINDEX") == ["10"] and not failed:
            failed.append(True)
            return {"status": 503, "body": b"busy"}
        return None

    fault_server.route("/wfs", handler=_passing_on(mapserver_wfs, once_503))
    source = WfsSource(fault_server.url_for("/wfs"), HttpClient(backoff_s=0.05), "2.0.0")
    entry = Cache("orebro", str(tmp_path)).refresh(source, "kollektivtrafik_noder", "EPSG:3006", limit=5).entry
    assert entry.feature_count == NODES and failed
    assert _asked(fault_server, "STARTINDEX").count(10) == 2


def test_a_cancel_does_not_wait_for_the_page_sent_ahead(mapserver_wfs, fault_server, tmp_path):
    """The next page is slow (5 s); the user cancels while the first is being written: the
    refresh ends at once with Cancelled, the copy is untouched and the client works on."""
    def slow_later_pages(request):
        if request.query.get("STARTINDEX", ["0"]) != ["0"]:
            time.sleep(5)
        return None

    fault_server.route("/wfs", handler=_passing_on(mapserver_wfs, slow_later_pages))
    http = HttpClient()
    source = WfsSource(fault_server.url_for("/wfs"), http, "2.0.0")
    cache = Cache("orebro", str(tmp_path))
    feedback = QgsFeedback()
    pages = source.iter_pages("kollektivtrafik_noder", "EPSG:3006", limit=5, feedback=feedback)
    next(pages)
    assert _wait_for(lambda: 5 in _asked(fault_server, "STARTINDEX"))
    feedback.cancel()
    start = time.monotonic()
    with pytest.raises(Cancelled):
        next(pages)
    assert time.monotonic() - start < 2.0
    assert cache.entry("kollektivtrafik_noder") is None
    assert http.get(fault_server.url_for("/wfs?SERVICE=WFS&REQUEST=GetCapabilities")).status == 200


def test_arcgis_asks_for_the_next_page_while_the_caller_holds_this_one(koop_service, fault_server):
    layer = koop_service + "kollektivtrafik_noder/FeatureServer"
    fault_server.route("*", handler=_passing_on(layer))
    source = ArcGisSource(fault_server.url_for("/arcgis/rest/services/kollektivtrafik_noder/FeatureServer"),
                          HttpClient())
    pages = source.iter_pages("0", "EPSG:3006", limit=5)
    assert len(next(pages).features) == 5
    assert _wait_for(lambda: 5 in _asked(fault_server, "resultOffset"))
    assert sum(len(page.features) for page in pages) == NODES - 5
    offsets = _asked(fault_server, "resultOffset")
    assert sorted(offsets) == [0, 5, 10, 15, 20]


def test_get_ahead_overlaps_the_callers_work_and_can_be_abandoned(fault_server):
    fault_server.route("/slow", body=b"late", delay_s=1.0)
    fault_server.route("/never", body=b"x", delay_s=30)
    fault_server.route("/now", body=b"now")
    http = HttpClient()
    start = time.monotonic()
    ahead = http.get_ahead(fault_server.url_for("/slow"))
    time.sleep(1.0)  # the caller's work
    assert ahead.result().body == b"late"
    assert time.monotonic() - start < 1.8  # one second of waiting, not two
    abandoned = http.get_ahead(fault_server.url_for("/never"))
    start = time.monotonic()
    abandoned.discard()
    assert http.get(fault_server.url_for("/now")).body == b"now"
    assert time.monotonic() - start < 2.0


def test_geojson_without_ids_is_asked_once_then_every_page_once_as_gml(mapserver_wfs, fault_server):
    """A WFS whose GeoJSON carries no feature ids (MapServer's simple GeoJSON without an ``id``
    column): the first page is asked again as GML (gml:id), every later page once, as GML only,
    the pages sent ahead included."""
    import json

    def no_ids(request):
        if "geojson" not in request.query.get("OUTPUTFORMAT", [""])[0].lower():
            return None
        query = urllib.parse.urlencode([(k, v) for k, vs in request.query.items() for v in vs])
        with OPENER.open(mapserver_wfs + query, timeout=30) as reply:
            doc = json.loads(reply.read())
        for feature in doc.get("features", []):
            feature.pop("id", None)
            feature.get("properties", {}).pop("id", None)
        return {"body": json.dumps(doc).encode(), "content_type": "application/json; subtype=geojson"}

    fault_server.route("/wfs", handler=_passing_on(mapserver_wfs, no_ids))
    source = WfsSource(fault_server.url_for("/wfs"), HttpClient(), "2.0.0")
    ids = [f.id for page in source.iter_pages("kollektivtrafik_noder", "EPSG:3006", limit=5) for f in page.features]
    assert len(ids) == len(set(ids)) == NODES
    pages = [(r.query.get("OUTPUTFORMAT", ["GML"])[0], int(r.query["STARTINDEX"][0]))
             for r in list(fault_server.requests) if "STARTINDEX" in r.query]
    geojson = [start for fmt, start in pages if "geojson" in fmt.lower()]
    gml = [start for fmt, start in pages if "geojson" not in fmt.lower()]
    assert geojson == [0]
    assert sorted(gml) == [0, 5, 10, 15, 20]
