"""Issue 11, items 3, 4, 5 and 7 on the paged sources other than OGC API - Features: WFS 2.0.0
(MapServer 8, or a small WFS of the fault server's own) and ArcGIS FeatureServer (Koop 10),
whose next page is asked for while this one is read (``HttpClient.get_ahead``).

Every fault comes from ``fault_server`` (a real server on loopback) in front of the real
servers; nothing of our own code is mocked. Each test first makes a good copy and then
asserts that the faulty answers leave it current, with one clear message."""

import time
import urllib.parse
import urllib.request

import pytest

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.sources.arcgis import ArcGisSource
from regionplan_plugin.core.sources.wfs import WfsSource
from tests.fixtures.faults import relay as passing_on

pytestmark = pytest.mark.timeout(120)
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
NODES = 22  # kollektivtrafik_noder in the demo data
CID = "kollektivtrafik_noder"
CRS = "EPSG:3006"
EMPTY_GML = (b'<?xml version="1.0" encoding="UTF-8"?><wfs:FeatureCollection '
             b'xmlns:wfs="http://www.opengis.net/wfs/2.0" numberMatched="22" numberReturned="0"/>')




def param(request, name, default="0"):
    return request.query.get(name, [default])[0]


class Copy:
    """A good cached copy of ``cid`` from ``source``; ``assert_kept()`` after a failed refresh."""

    def __init__(self, root, source, cid, count):
        self.root = str(root)
        self.cache = Cache("orebro", self.root)
        self.cid, self.count = cid, count
        self.entry = self.cache.refresh(source, cid, CRS, limit=5).entry
        assert self.entry.feature_count == count

    def refused(self, source, **kwargs):
        with pytest.raises(NetworkError) as info:
            self.cache.refresh(source, self.cid, CRS, force=True, limit=5, **kwargs)
        text = str(info.value)
        assert "\n" not in text.strip() and "Traceback" not in text
        return info.value

    def assert_kept(self):
        cache = Cache("orebro", self.root)
        entry = cache.entry(self.cid)
        assert entry.file == self.entry.file and entry.feature_count == self.count
        assert cache.verify(self.cid) is None
        layer = cache.layer(self.cid)
        try:
            assert layer.featureCount() == self.count
        finally:
            del layer


# --------------------------------------------------------------------------- item 7: no items page


@pytest.mark.parametrize("from_start", [0, 10])
def test_r2_07_wfs_an_empty_page_keeps_the_cached_copy(mapserver_wfs, fault_server, tmp_path, from_start):
    """A GetFeature answer that is an empty collection announcing 22 features, from the first
    page on or from the third: refused, the copy of 22 stays (it was replaced by 0 or 10)."""
    broken = []

    def empty(request):
        if broken and param(request, "REQUEST", "") == "GetFeature" and int(param(request, "STARTINDEX")) >= from_start:
            return {"body": EMPTY_GML, "content_type": "text/xml; subtype=gml/3.2.1"}
        return None

    fault_server.route("/wfs", handler=passing_on(mapserver_wfs, empty))
    source = WfsSource(fault_server.url_for("/wfs"), HttpClient(retries=0), "2.0.0")
    copy = Copy(tmp_path, source, CID, NODES)
    broken.append(True)
    error = copy.refused(source)
    assert str(error).startswith(f"The service announced 22 features of {CID} but sent only {from_start};")
    assert "nothing was changed" in str(error)
    copy.assert_kept()


@pytest.mark.parametrize("from_offset", [0, 10])
def test_r2_07_arcgis_an_empty_page_keeps_the_cached_copy(koop_service, fault_server, tmp_path, from_offset):
    """Koop's f=geojson pages have no ``exceededTransferLimit``: a full page means more. An empty
    answer from the first or the third page on: the layer's count (``returnCountOnly``) shows the
    download short, it is refused and the copy stays."""
    broken = []

    def empty(request):
        if broken and "resultOffset" in request.query and int(param(request, "resultOffset")) >= from_offset:
            return {"body": {"type": "FeatureCollection", "features": []}}
        return None

    fault_server.route("*", handler=passing_on(koop_service + CID + "/FeatureServer", empty))
    url = fault_server.url_for(f"/arcgis/rest/services/{CID}/FeatureServer")
    source = ArcGisSource(url, HttpClient(retries=0))
    copy = Copy(tmp_path, source, "0", NODES)
    broken.append(True)
    error = copy.refused(source)
    assert str(error).startswith(f"The service announced 22 features of 0 but sent only {from_offset};")
    copy.assert_kept()


def test_r2_07_arcgis_count_is_not_compared_for_an_extent_nor_without_one(koop_service, fault_server, tmp_path):
    """With an extent the count is not asked; a server that cannot count is not refused."""
    def no_count(request):
        if param(request, "returnCountOnly", "") == "true":
            return {"status": 400, "body": {"error": {"code": 400, "message": "not supported"}}}
        return None

    fault_server.route("*", handler=passing_on(koop_service + CID + "/FeatureServer", no_count))
    url = fault_server.url_for(f"/arcgis/rest/services/{CID}/FeatureServer")
    cache = Cache("orebro", str(tmp_path))
    assert cache.refresh(ArcGisSource(url, HttpClient(retries=0)), "0", CRS, limit=5).entry.feature_count == NODES
    fault_server.clear_log()
    box = [400000, 6500000, 600000, 6700000]
    cache.refresh(ArcGisSource(url, HttpClient(retries=0)), "0", CRS, bbox=box, limit=5, force=True)
    assert not any("returnCountOnly" in path for path in fault_server.paths())


# --------------------------------------------------------------------------- item 3: paging that never ends


def test_r2_03_wfs_and_arcgis_ignoring_the_offset_are_refused_and_keep_the_copy(mapserver_wfs, koop_service,
                                                                               fault_server, tmp_path):
    """Every page is the first one (STARTINDEX / resultOffset ignored), while the next page is
    asked for ahead: refused after a few requests, the copies stay."""
    ignoring = []

    def first_page(request):
        if not ignoring:
            return None
        keys = ("STARTINDEX", "resultOffset")
        pairs = [(k, v) for k, vs in request.query.items() for v in vs if k not in keys]
        request.query = {k: [v] for k, v in pairs} | {k: ["0"] for k in keys if k in request.query}
        return None

    fault_server.route("/wfs", handler=passing_on(mapserver_wfs, first_page))
    fault_server.route("*", handler=passing_on(koop_service + CID + "/FeatureServer", first_page))
    wfs = WfsSource(fault_server.url_for("/wfs"), HttpClient(retries=0), "2.0.0")
    arcgis = ArcGisSource(fault_server.url_for(f"/arcgis/rest/services/{CID}/FeatureServer"), HttpClient(retries=0))
    copies = [Copy(tmp_path / "wfs", wfs, CID, NODES), Copy(tmp_path / "arcgis", arcgis, "0", NODES)]
    ignoring.append(True)
    for copy, source, words in zip(copies, (wfs, arcgis), ("ignores STARTINDEX", "whatever page is asked for")):
        fault_server.clear_log()
        started = time.monotonic()
        assert words in str(copy.refused(source))
        assert time.monotonic() - started < 10
        pages = [p for p in fault_server.paths() if "GetFeature" in p or "/query" in p]
        assert len(pages) <= 5, pages
        copy.assert_kept()


CAPABILITIES = """<?xml version="1.0" encoding="UTF-8"?>
<wfs:WFS_Capabilities xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1"
  version="2.0.0">
 <ows:OperationsMetadata>
  <ows:Operation name="GetFeature"><ows:Parameter name="outputFormat"><ows:AllowedValues>
   <ows:Value>application/json</ows:Value></ows:AllowedValues></ows:Parameter></ows:Operation>
  <ows:Constraint name="ImplementsResultPaging"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue>
  </ows:Constraint>
 </ows:OperationsMetadata>
 <wfs:FeatureTypeList><wfs:FeatureType><wfs:Name>pts</wfs:Name><wfs:Title>Points</wfs:Title>
  <wfs:DefaultCRS>urn:ogc:def:crs:EPSG::4326</wfs:DefaultCRS>
  <ows:WGS84BoundingBox><ows:LowerCorner>14 58</ows:LowerCorner><ows:UpperCorner>17 61</ows:UpperCorner>
  </ows:WGS84BoundingBox></wfs:FeatureType></wfs:FeatureTypeList>
</wfs:WFS_Capabilities>"""


def endless_wfs(fault_server, matched=50):
    """A WFS of the fault server's own (GeoJSON pages): every page is full of new features,
    whatever STARTINDEX, and announces ``matched`` of them: the pages never end."""
    def handler(request):
        if param(request, "REQUEST", "") == "GetCapabilities":
            return {"body": CAPABILITIES, "content_type": "text/xml"}
        start, count = int(param(request, "STARTINDEX")), int(param(request, "COUNT", "10"))
        features = [{"type": "Feature", "id": f"pts.{n}", "properties": {"n": n},
                     "geometry": {"type": "Point", "coordinates": [59.2, 15.0 + n / 10000]}}
                    for n in range(start, start + count)]
        return {"body": {"type": "FeatureCollection", "numberMatched": matched, "numberReturned": count,
                         "features": features}, "content_type": "application/geo+json"}

    fault_server.route("/endless", handler=handler)
    return WfsSource(fault_server.url_for("/endless"), HttpClient(retries=0), "2.0.0")


def test_r2_03_wfs_pages_that_never_end_stop_at_a_cap_from_number_matched(fault_server, cache_dir):
    """50 announced, pages of 5 that never end: stopped at 2 x 10 + 2 pages, nothing cached."""
    source = endless_wfs(fault_server)
    with pytest.raises(NetworkError) as info:
        Cache("orebro", str(cache_dir)).refresh(source, "pts", CRS, limit=5)
    assert str(info.value).startswith(
        "The service's pages of pts do not end: 22 pages brought 110 features, more than the 50 it announced.")
    starts = sorted(int(r.query["STARTINDEX"][0]) for r in fault_server.requests if "STARTINDEX" in r.query)
    assert starts[:22] == list(range(0, 110, 5)) and len(starts) <= 23  # (one more may have been sent ahead)
    assert Cache("orebro", str(cache_dir)).entry("pts") is None


# --------------------------------------------------------------------------- items 4, 5: the page sent ahead


def _wfs_and_arcgis(fault_server, mapserver_wfs, koop_service, answer):
    """((source, collection id) of WFS, of ArcGIS) behind the fault server, whose second page
    (asked for ahead) gets ``answer`` (route arguments); each test gives them its own client."""
    def second_page(request):
        return answer if "5" in (param(request, "STARTINDEX", ""), param(request, "resultOffset", "")) else None

    fault_server.route("/wfs", handler=passing_on(mapserver_wfs, second_page))
    fault_server.route("*", handler=passing_on(koop_service + CID + "/FeatureServer", second_page))
    return (WfsSource(fault_server.url_for("/wfs"), HttpClient(), "2.0.0"), CID), \
        (ArcGisSource(fault_server.url_for(f"/arcgis/rest/services/{CID}/FeatureServer"), HttpClient()), "0")


def test_r2_04_a_page_sent_ahead_refused_for_a_day_fails_at_once(mapserver_wfs, koop_service, fault_server,
                                                                 tmp_path):
    for n, (source, cid) in enumerate(_wfs_and_arcgis(fault_server, mapserver_wfs, koop_service, {
            "status": 429, "body": b"slow down", "retry_after": 86400})):
        source.http = HttpClient(timeout_s=5)
        fault_server.clear_log()
        started = time.monotonic()
        with pytest.raises(NetworkError) as info:
            Cache("orebro", str(tmp_path / str(n))).refresh(source, cid, CRS, limit=5)
        assert time.monotonic() - started < 5
        assert info.value.kind == "refused" and "asks to wait 24 hours" in str(info.value)
        assert sum(1 for p in fault_server.paths() if "STARTINDEX=5&" in p + "&" or "resultOffset=5&" in p) == 1
        fault_server.clear_log()  # the origin is remembered: nothing more is sent to it in the run
        with pytest.raises(NetworkError):
            Cache("orebro", str(tmp_path / str(n))).refresh(source, cid, CRS, limit=5)
        assert fault_server.paths() == []


def test_r2_05_a_page_sent_ahead_trickling_fails_at_the_deadline(mapserver_wfs, koop_service, fault_server,
                                                                 tmp_path):
    for n, (source, cid) in enumerate(_wfs_and_arcgis(fault_server, mapserver_wfs, koop_service, {
            "body": b"x" * 200, "trickle_s": 0.5})):
        source.http = HttpClient(timeout_s=2, deadline_s=4)
        started = time.monotonic()
        with pytest.raises(NetworkError) as info:
            Cache("orebro", str(tmp_path / str(n))).refresh(source, cid, CRS, limit=5)
        assert 3.5 < time.monotonic() - started < 8
        assert info.value.kind == "timeout" and "did not finish its answer within 4.0 s" in str(info.value)
