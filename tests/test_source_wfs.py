"""Source type ``wfs`` (issue 15, C6b): ``WfsSource`` against MapServer 8 (WFS 2.0.0 and
1.1.0, GML with ``ms:`` prefixed type names, ``numberMatched="unknown"``) and QGIS Server 3.22
(WFS 1.1.0 only, GeoJSON in longitude/latitude whatever ``srsName`` asks), both serving the
demo GeoPackage, and a fault server for a server's error page."""

import pytest
from qgis.core import QgsRectangle, QgsVectorLayer

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.sources import OgcFeaturesService
from regionplan_plugin.core.sources.registry import SOURCE_TYPES
from regionplan_plugin.core.sources.wfs import WfsSource
from tests.fixtures.service import DEMO_GPKG, OREBRO_C_3006
from tests.helpers.source_check import assert_same_findings, findings

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def mapserver_wfs(mapserver_service):
    return mapserver_service.replace("/ogcapi/", "?")


@pytest.fixture(scope="module")
def qgis_wfs(qgis_server_service):
    return qgis_server_service.replace("/wfs3/", "/")


def _source(which, version, mapserver_wfs, qgis_wfs):
    return WfsSource(mapserver_wfs if which == "mapserver" else qgis_wfs, HttpClient(), version)


def demo_rows(layer_name):
    layer = QgsVectorLayer(DEMO_GPKG + "|layername=" + layer_name, "demo", "ogr")
    assert layer.isValid()
    names = [f.name() for f in layer.fields() if f.name() != "fid"]
    rows = {str(f.id()): {n: f[n] for n in names} for f in layer.getFeatures()}
    return rows, names, {str(f.id()): f.geometry() for f in layer.getFeatures()}


def test_registered_as_wfs():
    assert "wfs" in SOURCE_TYPES


@pytest.mark.parametrize("which,version", [("mapserver", "2.0.0"), ("mapserver", "1.1.0"), ("qgis", "1.1.0")])
def test_catalogue_lists_the_demo_types_with_titles_and_extents(mapserver_wfs, qgis_wfs, which, version):
    source = _source(which, version, mapserver_wfs, qgis_wfs)
    collections = {c["id"]: c for c in source.collections()}
    assert {"kommuner", "jordbruksmark", "kollektivtrafik_noder", "vattenskydd"} <= collections.keys()
    kommuner = collections["kommuner"]
    assert kommuner["title"] == "Kommuner i Örebro län"
    xmin, ymin, xmax, ymax = kommuner["extent"]["spatial"]["bbox"][0]
    # the county: Örebro län's extent (its east edge at ~15.86 since the outline has the real size)
    assert 14.1 < xmin < 14.3 and 58.6 < ymin < 58.8 and 15.8 < xmax < 16.0 and 60.1 < ymax < 60.2
    assert any("3006" in crs for crs in kommuner["crs"])


def test_type_names_with_and_without_namespace_prefix(mapserver_wfs):
    source = WfsSource(mapserver_wfs, HttpClient(), "2.0.0")
    source.collections()
    assert source.collection("kommuner")["typename"] == "ms:kommuner"
    assert source.collection("ms:kommuner") is source.collection("kommuner")
    one = [f.id for p in source.iter_pages("ms:kommuner", "EPSG:3006") for f in p.features]
    other = [f.id for p in source.iter_pages("kommuner", "EPSG:3006") for f in p.features]
    assert sorted(one) == sorted(other) and len(one) == 12
    with pytest.raises(NetworkError, match="has no feature type xx:nothing"):
        source.collection("xx:nothing")


def test_qgis_server_without_wfs_2_is_read_as_1_1_0(qgis_wfs):
    source = WfsSource(qgis_wfs, HttpClient(), "2.0.0")
    source.collections()
    assert source.version == "1.1.0"
    pages = list(source.iter_pages("kommuner", "EPSG:3006", limit=5))
    assert sum(len(p.features) for p in pages) == 12 and len(pages) == 3


@pytest.mark.parametrize("which,version,cid", [
    ("mapserver", "2.0.0", "kollektivtrafik_noder"),
    ("mapserver", "1.1.0", "jordbruksmark"),
    ("qgis", "1.1.0", "kommungranser"),
    ("qgis", "1.1.0", "jordbruksmark"),
])
def test_cached_type_matches_the_demo_geopackage(mapserver_wfs, qgis_wfs, tmp_path, which, version, cid):
    """Several pages of 7 (MapServer: ``numberMatched="unknown"``, so paging ends on a short
    page), in EPSG:3006 with easting first, every attribute as in the GeoPackage."""
    source = _source(which, version, mapserver_wfs, qgis_wfs)
    cache = Cache("orebro", str(tmp_path))
    result = cache.refresh(source, cid, "EPSG:3006", limit=7)
    want, names, geoms = demo_rows(cid)
    assert result.entry.feature_count == len(want) > 7 and result.skipped == 0
    assert result.entry.title == source.collection(cid)["title"]
    layer = cache.layer(cid)
    got = {}
    for feature in layer.getFeatures():
        got[feature["rp_id"]] = {n: feature[n] for n in names}
        assert feature.geometry().hausdorffDistance(geoms[feature["rp_id"]]) < 0.2
    assert got.keys() == want.keys()
    for fid, row in want.items():  # MapServer serves numbers as text ("8"): the same text
        assert {n: str(v) for n, v in row.items()} == {n: str(v) for n, v in got[fid].items()}, fid


def test_paging_with_number_matched_unknown(mapserver_wfs):
    source = WfsSource(mapserver_wfs, HttpClient(), "2.0.0")
    pages = list(source.iter_pages("kollektivtrafik_noder", "EPSG:3006", limit=5))
    want, _names, _geoms = demo_rows("kollektivtrafik_noder")
    assert len(pages) == -(-len(want) // 5) + (1 if len(want) % 5 == 0 else 0)
    assert pages[0].number_matched is None  # "unknown" (MapServer knows it on the last page only)
    assert "STARTINDEX=5" in pages[1].url and "COUNT=5" in pages[1].url
    assert sorted(f.id for p in pages for f in p.features) == sorted(want)


@pytest.mark.parametrize("which,version", [("mapserver", "2.0.0"), ("mapserver", "1.1.0"), ("qgis", "1.1.0")])
def test_bbox_read_for_an_online_check_in_either_axis_order(mapserver_wfs, qgis_wfs, which, version):
    """The box goes as ``urn:ogc:def:crs:EPSG::3006``, northing first (2.0.0 and 1.1.0); what
    comes back is read easting first whether the server sent northing first (MapServer GML
    in the URN) or easting first (QGIS Server GeoJSON, in degrees)."""
    source = _source(which, version, mapserver_wfs, qgis_wfs)
    x, y = OREBRO_C_3006
    box = QgsRectangle(x - 3000, y - 3000, x + 3000, y + 3000)
    pages = list(source.iter_pages("kollektivtrafik_noder", "EPSG:3006", bbox=box, bbox_crs="EPSG:3006"))
    assert f"BBOX={y - 3000!r},{x - 3000!r}" in pages[0].url.replace("%2C", ",")
    got = {f.id: f.geometry for p in pages for f in p.features}
    _want, _names, geoms = demo_rows("kollektivtrafik_noder")
    inside = {fid for fid, g in geoms.items() if g.intersects(box)}
    assert inside and len(inside) < len(geoms)
    assert set(got) == inside
    for fid, geom in got.items():
        assert geom.hausdorffDistance(geoms[fid]) < 0.2


@pytest.mark.parametrize("sent,crs,reading", [
    ((512070.0, 6571172.0), "EPSG:3006", ("EPSG:3006", False)),  # "EPSG:3006" in 1.1.0: easting first
    ((6571172.0, 512070.0), "EPSG:3006", ("EPSG:3006", True)),   # the URN's order: northing first
    ((15.2118, 59.2793), "EPSG:3006", ("OGC:CRS84", False)),      # degrees whatever srsName asked
    ((59.2793, 15.2118), "EPSG:4326", ("EPSG:4326", True)),
    ((0.5, 0.5), "EPSG:3006", ("", False)),                       # fits no reading: refused (issue 11, 13)
])
def test_axis_order_is_read_from_where_the_coordinates_fit(sent, crs, reading):
    from qgis.core import QgsGeometry, QgsPointXY

    from regionplan_plugin.core.sources.ogrread import sniff_reading

    point = QgsGeometry.fromPointXY(QgsPointXY(*sent))
    assert sniff_reading(point, crs, [14.2, 58.7, 15.97, 60.13]) == reading


@pytest.mark.timeout(180)
def test_the_same_rules_give_the_same_findings_as_ogc_api(pygeoapi_service, mapserver_wfs, qgis_wfs,
                                                          demo_plans, tmp_path):
    reference = findings(OgcFeaturesService(pygeoapi_service, HttpClient()), demo_plans, tmp_path / "ogc")
    for which, version in (("mapserver", "2.0.0"), ("mapserver", "1.1.0"), ("qgis", "1.1.0")):
        got = findings(_source(which, version, mapserver_wfs, qgis_wfs), demo_plans, tmp_path / which / version)
        assert_same_findings(reference, got)


def test_server_error_page_gives_a_clear_message_and_keeps_the_cached_copy(mapserver_wfs, fault_server,
                                                                          tmp_path):
    """A WFS that answers GetFeature with an OWS ExceptionReport (HTTP 200) after having served
    the type once (until then the fault server passes every request on to MapServer): the
    refresh fails with the server's text and the cached copy stays."""
    import urllib.parse
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    error = (b'<?xml version="1.0"?><ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" '
             b'version="2.0.0"><ows:Exception exceptionCode="NoApplicableCode"><ows:ExceptionText>'
             b'msDrawMap(): Image handling error. Database connection lost</ows:ExceptionText>'
             b'</ows:Exception></ows:ExceptionReport>')
    broken = []

    def handler(request):
        if broken and request.query.get("REQUEST", [""])[0] == "GetFeature":
            return {"body": error, "content_type": "text/xml"}
        query = urllib.parse.urlencode([(k, v) for k, vs in request.query.items() for v in vs])
        with opener.open(mapserver_wfs + query, timeout=30) as answer:
            return {"body": answer.read(), "content_type": answer.headers.get("Content-Type")}

    fault_server.route("/wfs", handler=handler)
    source = WfsSource(fault_server.url_for("/wfs"), HttpClient(retries=0), "2.0.0")
    cache = Cache("orebro", str(tmp_path))
    before = cache.refresh(source, "vattenskydd", "EPSG:3006").entry
    assert before.feature_count == len(demo_rows("vattenskydd")[0])
    broken.append(True)
    with pytest.raises(NetworkError) as caught:
        cache.refresh(source, "vattenskydd", "EPSG:3006", force=True)
    assert "answered with an error instead of data (msDrawMap(): Image handling error. Database connection " \
           "lost)" in str(caught.value)
    assert cache.entry("vattenskydd").file == before.file
    assert cache.layer("vattenskydd").featureCount() == before.feature_count


def test_a_server_that_ignores_startindex_is_refused_not_taken_as_whole(mapserver_wfs, fault_server, tmp_path):
    """MapServer behind a fault server that drops STARTINDEX: every page is the first one. The
    download stops with a clear message instead of caching the first page as the whole."""
    import urllib.parse
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def handler(request):
        pairs = [(k, v) for k, vs in request.query.items() for v in vs if k.upper() != "STARTINDEX"]
        with opener.open(mapserver_wfs + urllib.parse.urlencode(pairs), timeout=30) as answer:
            return {"body": answer.read(), "content_type": answer.headers.get("Content-Type")}

    fault_server.route("/wfs", handler=handler)
    source = WfsSource(fault_server.url_for("/wfs"), HttpClient(), "2.0.0")
    with pytest.raises(NetworkError, match="ignores STARTINDEX"):
        Cache("orebro", str(tmp_path)).refresh(source, "kollektivtrafik_noder", "EPSG:3006", limit=5)


def test_ogr_never_fetches_the_schema_itself(fault_server):
    """A GML answer names its DescribeFeatureType in xsi:schemaLocation; OGR's GML driver would
    download it on its own (outside the plugin's HTTP client, its proxy and authcfg)."""
    from regionplan_plugin.core.sources.ogrread import read_ogr

    schema_url = fault_server.url_for("/wfs?SERVICE=WFS&amp;REQUEST=DescribeFeatureType&amp;TYPENAME=t")
    gml = (
        '<?xml version="1.0"?><wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" '
        'xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:ms="http://mapserver.gis.umn.edu/mapserver" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="http://mapserver.gis.umn.edu/mapserver {schema_url}" numberMatched="unknown" '
        'numberReturned="1"><wfs:member><ms:t gml:id="t.1"><ms:geom><gml:Point gml:id="p1" '
        'srsName="urn:ogc:def:crs:EPSG::3006"><gml:pos>6571172 512070</gml:pos></gml:Point></ms:geom>'
        '<ms:n>42</ms:n></ms:t></wfs:member></wfs:FeatureCollection>'
    ).encode()
    (row,) = read_ogr(gml, "GML", ".gml")
    assert row["properties"]["gml_id"] == "t.1" and str(row["properties"]["n"]) == "42"
    assert fault_server.requests == []


def test_numbers_keep_the_type_the_server_declares(mapserver_wfs, tmp_path):
    """MapServer sends attributes as text unless a layer declares ``gml_types``; the type the
    server's DescribeFeatureType gives is kept: text "8" by default, the number 8 when typed."""
    import os

    from tests.fixtures.service import MAPFILE, run_mapserver

    with open(MAPFILE, encoding="utf-8") as fh:
        text = fh.read()
    marker = '"ows_title"          "Jordbruksmark"'
    assert marker in text
    typed = tmp_path / "typed.map"
    typed.write_text(text.replace(marker, marker + '\n      "gml_types" "auto"'), encoding="utf-8")
    plain = WfsSource(mapserver_wfs, HttpClient(), "2.0.0")
    first = next(iter(plain.iter_pages("jordbruksmark", "EPSG:3006", limit=3))).features[0]
    assert isinstance(first.properties["klass"], str) and first.properties["klass"].isdigit()
    with run_mapserver({"typed": str(typed)}, data_dir=os.path.dirname(DEMO_GPKG)) as url:
        source = WfsSource(url + "typed?", HttpClient(), "2.0.0")
        got = next(iter(source.iter_pages("jordbruksmark", "EPSG:3006", limit=3))).features[0]
    assert got.id == first.id and got.properties["klass"] == int(first.properties["klass"])
