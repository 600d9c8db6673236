"""Issue 11, items 14, 16 and 18 for every kind of source the cache now has: a ZIP download (copied
by OGR into the spool, or read page by page for an extent), WFS (MapServer 8) and ArcGIS
(Koop), and the offline background map.

* 16: a cache folder whose name holds ``%`` and two hex digits (and other URI characters)
  caches, verifies, opens and refreshes every one of them.
* 14: invalid features from WFS and ArcGIS are repaired and counted as from OGC API (a ZIP's
  copied by OGR: tests/test_cache_ogrcopy.py).
* 18: a refresh that fails half-way (a download cut off, a later page answered with an error,
  a cancel) leaves no file of the cache open, nothing in ``tmp`` and the
  previous copy current.
"""

import json
import os
import urllib.parse
import urllib.request

import pytest
from qgis.core import QgsFeedback

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.errors import Cancelled, NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile.sources import SourceSpec
from regionplan_plugin.core.sources.arcgis import ArcGisSource
from regionplan_plugin.core.sources.download import DownloadSource
from regionplan_plugin.core.sources.wfs import WfsSource
from tests.fixtures.static import StaticServer
from tests.test_cache_ogrcopy import _zip
from tests.test_reliability2_data import multipolygon_mapserver  # noqa: F401 (a fixture)
from tests.test_reliability2_paging import open_files_under

pytestmark = pytest.mark.timeout(120)
needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
PERCENT = "Mina data %41 %2F # ?x=1 &"
EVERYWHERE = (0, 0, 2_000_000, 10_000_000)  # EPSG:3006: every feature, read page by page
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _download(url):
    return DownloadSource(SourceSpec("lst", "download", url), HttpClient(timeout_s=10, retries=0))


@needs_proc
@pytest.mark.parametrize("kind", ["zip copied by OGR", "zip read page by page", "wfs", "arcgis"])
def test_r2_16_percent_in_the_cache_folder_for_every_source(kind, tmp_path, koop_service, mapserver_service):
    root = tmp_path / PERCENT
    root.mkdir()
    server = None
    try:
        if kind.startswith("zip"):
            server = StaticServer(_zip(tmp_path))
            source, cid = _download(server.url("omr.zip")), "omr"
        elif kind == "wfs":
            source, cid = WfsSource(mapserver_service.replace("/ogcapi/", "?"), HttpClient(), "2.0.0"), "vattenskydd"
        else:
            source, cid = ArcGisSource(koop_service + "vattenskydd/FeatureServer", HttpClient()), "0"
        bbox = EVERYWHERE if kind == "zip read page by page" else None
        first = Cache("orebro", str(root)).refresh(source, cid, "EPSG:3006", bbox=bbox)
        assert first.status == "updated" and first.entry.feature_count > 0
        again = Cache("orebro", str(root))
        assert again.verify(cid) is None  # not "damaged"
        layer = again.layer(cid)
        assert layer.isValid() and layer.featureCount() == first.entry.feature_count
        del layer
        second = again.refresh(source, cid, "EPSG:3006", bbox=bbox, force=True)
        assert second.entry.file != first.entry.file and again.verify(cid) is None
        assert second.entry.feature_count == first.entry.feature_count
        assert open_files_under(root) == [] and os.listdir(os.path.join(again.dir, "tmp")) == []
        assert not os.path.exists(os.path.join(str(root), "M"))  # %41 / %2F never decoded into a path
    finally:
        if server is not None:
            server.close()


def test_r2_16_percent_in_the_cache_folder_for_the_background_map(tmp_path, qgis_server_service):
    from regionplan_plugin.core.basemap import BasemapStore, background_layers, report_background_layers
    from tests.test_basemap import AREA, _non_transparent, _pixels, _profile_with_background, _wms_url

    root = tmp_path / PERCENT
    root.mkdir()
    profile = _profile_with_background(_wms_url(qgis_server_service), "jordbruksmark,kommuner,skyfall_risk")
    refs = ["bg:jordbruksmark,kommuner,skyfall_risk"]
    for _time in range(2):  # made, then replaced
        BasemapStore(Cache(profile.id, root=str(root))).save(background_layers(profile, refs), refs, AREA, 20000,
                                                             "EPSG:3006")
    offline = report_background_layers(profile, Cache(profile.id, root=str(root)), AREA, offline=True)
    assert [layer.providerType() for layer in offline] == ["gdal"] and offline[0].isValid()
    assert _non_transparent(_pixels(offline[0], AREA, 200, 150)) > 2000
    layer = BasemapStore(Cache(profile.id, root=str(root))).layer()
    assert layer is not None and layer.isValid()
    del offline, layer


def _zip_failing(fault_server, tmp_path, broken, how):
    good = (_zip(tmp_path) / "omr.zip").read_bytes()

    def handler(_request):
        answer = {"body": good, "content_type": "application/zip"}
        if broken and how == "cut off":
            answer["reset_after_bytes"] = len(good) // 2
        return answer

    fault_server.route("/omr.zip", handler=handler)
    return "omr", lambda: _download(fault_server.url_for("/omr.zip"))


def _wfs_failing(fault_server, mapserver_service, broken):
    upstream = mapserver_service.replace("/ogcapi/", "?")
    error = (b'<?xml version="1.0"?><ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1"><ows:Exception>'
             b'<ows:ExceptionText>msDrawMap(): Database connection lost</ows:ExceptionText></ows:Exception>'
             b'</ows:ExceptionReport>')

    def handler(request):
        query = {k: v[0] for k, v in request.query.items()}
        if broken and query.get("STARTINDEX", "0") != "0":
            return {"body": error, "content_type": "text/xml"}
        with OPENER.open(upstream + urllib.parse.urlencode(query), timeout=30) as answer:
            return {"body": answer.read(), "content_type": answer.headers.get("Content-Type")}

    fault_server.route("*", handler=handler)
    return "kollektivtrafik_noder", lambda: WfsSource(fault_server.url_for("/wfs"), HttpClient(retries=0), "2.0.0")


def _arcgis_failing(fault_server, koop_service, broken):
    upstream = koop_service + "vattenskydd/FeatureServer"

    def handler(request):
        query = {k: v[0] for k, v in request.query.items()}
        path = request.path.split("/FeatureServer", 1)[1]
        if broken and path == "/0/query" and query.get("resultOffset", "0") != "0":
            return {"body": {"error": {"code": 500, "message": "Unable to complete operation."}},
                    "content_type": "application/json"}
        with OPENER.open(upstream + path + "?" + urllib.parse.urlencode(query), timeout=30) as answer:
            obj = json.loads(answer.read())
        if path == "/0":
            obj["maxRecordCount"], obj["supportedQueryFormats"] = 2, "JSON"  # pages of 2 features
        return {"body": obj, "content_type": "application/json"}

    fault_server.route("*", handler=handler)
    url = fault_server.url_for("/arcgis/rest/services/vattenskydd/FeatureServer")
    return "0", lambda: ArcGisSource(url, HttpClient(retries=0))


@needs_proc
@pytest.mark.parametrize("kind", ["zip cut off", "zip cancelled", "wfs", "arcgis"])
def test_r2_18_a_failed_refresh_of_every_source_leaves_nothing_open(kind, tmp_path, fault_server, koop_service,
                                                                   mapserver_service):
    broken = []
    if kind.startswith("zip"):
        cid, source = _zip_failing(fault_server, tmp_path, broken, "cut off" if "cut" in kind else "")
    elif kind == "wfs":
        cid, source = _wfs_failing(fault_server, mapserver_service, broken)
    else:
        cid, source = _arcgis_failing(fault_server, koop_service, broken)
    root = tmp_path / "cache"
    cache = Cache("orebro", str(root))
    limit = {"limit": 5} if kind == "wfs" else {}
    first = cache.refresh(source(), cid, "EPSG:3006", **limit).entry
    broken.append(True)
    feedback = None
    if "cancelled" in kind:
        feedback = QgsFeedback()
        feedback.progressChanged.connect(lambda value: feedback.cancel() if value >= 30 else None)
    with pytest.raises((NetworkError, Cancelled)) as error:
        cache.refresh(source(), cid, "EPSG:3006", force=True, feedback=feedback, **limit)
    if kind != "zip cancelled":
        assert isinstance(error.value, NetworkError) and str(error.value)
    assert open_files_under(root) == []  # while the caller still holds the error
    assert os.listdir(os.path.join(cache.dir, "tmp")) == []
    again = Cache("orebro", str(root))
    assert again.entry(cid).file == first.file and again.verify(cid) is None  # the previous copy stays
    assert [name for name in os.listdir(cache.dir) if ".gpkg" in name] == [first.file]


# --------------------------------------------------------------------------- 14: WFS and ArcGIS


def test_r2_14_the_same_multipolygon_over_mapserver_wfs_is_valid_and_whole(multipolygon_mapserver,  # noqa: F811
                                                                            cache_dir):
    """MapServer's WFS (GML) keeps the two-part MultiPolygon its OGC API breaks: nothing to repair,
    both parts (2 km² and 0.25 km²) cached, in WFS 2.0.0 and 1.1.0."""
    wfs = multipolygon_mapserver.replace("/ogcapi/", "?")
    for version in ("2.0.0", "1.1.0"):
        cache = Cache("t14wfs" + version.replace(".", ""))
        result = cache.refresh(WfsSource(wfs, HttpClient(), version), "zoner", "EPSG:3006")
        assert (result.entry.feature_count, result.entry.repaired, result.skipped) == (2, 0, 0)
        layer = cache.layer("zoner")
        areas = {f["namn"]: round(f.geometry().area() / 1e4) for f in layer.getFeatures()}
        assert all(f.geometry().isGeosValid() for f in layer.getFeatures())
        del layer
        assert areas == {"Två delar": 200, "En del": 25}


def test_r2_14_an_invalid_polygon_from_arcgis_is_repaired_and_counted(koop_service, fault_server, cache_dir):
    """Koop's first vattenskydd feature turned into a bow tie (Esri JSON rings) on its way: cached
    repaired (valid, its area kept) and counted in the entry."""
    upstream = koop_service + "vattenskydd/FeatureServer"

    def handler(request):
        query = {k: v[0] for k, v in request.query.items()}
        path = request.path.split("/FeatureServer", 1)[1]
        with OPENER.open(upstream + path + "?" + urllib.parse.urlencode(query), timeout=30) as answer:
            obj = json.loads(answer.read())
        if path == "/0":
            obj["supportedQueryFormats"] = "JSON"
        elif path == "/0/query" and obj.get("features"):
            ring = obj["features"][0]["geometry"]["rings"][0]
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            obj["features"][0]["geometry"]["rings"] = [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]]
        return {"body": obj, "content_type": "application/json"}

    fault_server.route("*", handler=handler)
    source = ArcGisSource(fault_server.url_for("/arcgis/rest/services/vattenskydd/FeatureServer"), HttpClient())
    cache = Cache("t14arcgis")
    result = cache.refresh(source, "0", "EPSG:3006")
    assert result.entry.repaired == 1 and result.skipped == 0
    layer = cache.layer("0")
    assert layer.featureCount() == result.entry.feature_count > 1
    assert all(f.geometry().isGeosValid() and f.geometry().area() > 0 for f in layer.getFeatures())
    del layer
