"""core/service.py against real HTTP servers on loopback (fault_server, the test OGC server)."""

import math

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.service import (
    OgcFeaturesService,
    RemoteVersion,
    axis_inverted,
    normalize_crs,
)
from tests.fixtures.faults import garbage_features
from tests.helpers.ogc_server import EPSG3006, Collection, OgcServer, grid_point

E0, N0 = 500000.0, 6570000.0


def point_3006(i, northing_first=True):
    e, n = E0 + i * 100.0, N0 + i * 10.0
    return {"type": "Feature", "id": f"f{i}", "properties": {"n": i, "namn": f"Punkt {i}"},
            "geometry": {"type": "Point", "coordinates": [n, e] if northing_first else [e, n]}}


def client(url):
    return OgcFeaturesService(url, HttpClient(timeout_s=5, retries=0))


def all_features(service, cid, crs="EPSG:3006", **kw):
    pages = list(service.iter_pages(cid, crs, **kw))
    return pages, [f for p in pages for f in p.features]


def test_crs_forms_are_normalized():
    for form in ("http://www.opengis.net/def/crs/EPSG/0/3006", "https://www.opengis.net/def/crs/EPSG/0/3006",
                 "EPSG:3006", "urn:ogc:def:crs:EPSG::3006", "urn:ogc:def:crs:EPSG:6.6:3006"):
        assert normalize_crs(form) == "EPSG:3006"
    for form in ("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "urn:ogc:def:crs:OGC:1.3:CRS84", "OGC:CRS84"):
        assert normalize_crs(form) == "OGC:CRS84"
    assert axis_inverted("EPSG:3006") is True
    assert axis_inverted("OGC:CRS84") is False


def test_paging_three_pages_exact_count_and_coordinates(fault_server):
    feats = [point_3006(i) for i in range(35)]
    url = fault_server.ogc(collections={"pts": {"crs": [EPSG3006]}}, items={"pts": feats}, page_size=10)
    service = client(url)
    pages, parsed = all_features(service, "pts", limit=10)
    assert len(pages) == 4
    assert len(parsed) == 35
    assert [f.id for f in parsed] == [f"f{i}" for i in range(35)]
    for i, f in enumerate(parsed):
        pt = f.geometry.asPoint()
        assert (pt.x(), pt.y()) == (E0 + i * 100.0, N0 + i * 10.0)  # x = easting
        assert f.properties["namn"] == f"Punkt {i}"
    items = [r for r in fault_server.requests if r.path.endswith("/items")]
    assert all(r.query.get("crs") == [EPSG3006] for r in items)


def test_crs84_is_transformed_locally(fault_server):
    lonlat = [(15.2134, 59.2741), (14.5, 58.9), (15.9, 60.1)]
    feats = [{"type": "Feature", "id": str(i), "properties": {}, "geometry": {"type": "Point", "coordinates": [x, y]}}
             for i, (x, y) in enumerate(lonlat)]
    url = fault_server.ogc(items={"wgs": feats})  # no crs list: CRS84 only
    _pages, parsed = all_features(client(url), "wgs")
    ct = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:3006"),
                                QgsProject.instance())
    for (x, y), f in zip(lonlat, parsed):
        want = ct.transform(QgsPointXY(x, y))
        got = f.geometry.asPoint()
        assert abs(got.x() - want.x()) < 0.01 and abs(got.y() - want.y()) < 0.01
        assert 400000 < got.x() < 700000 and 6400000 < got.y() < 6700000
    items = [r for r in fault_server.requests if r.path.endswith("/items")]
    assert all("crs" not in r.query for r in items)


@pytest.mark.parametrize("form", ["EPSG:3006", "urn:ogc:def:crs:EPSG::3006",
                                  "https://www.opengis.net/def/crs/EPSG/0/3006"])
def test_crs_is_requested_in_the_collections_own_form(fault_server, form):
    url = fault_server.ogc(collections={"pts": {"crs": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84", form]}},
                           items={"pts": [point_3006(1)]})
    _pages, parsed = all_features(client(url), "pts")
    assert parsed[0].geometry.asPoint().x() == E0 + 100.0
    items = [r for r in fault_server.requests if r.path.endswith("/items")]
    assert items[0].query["crs"] == [form]


def test_collection_document_is_read_once_for_many_item_requests(fault_server):
    """A check online asks for a collection's items once per plan area (bbox): the collection's
    document is read once per service, not before every items request (issue 18, item 4)."""
    url = fault_server.ogc(collections={"pts": {"crs": [EPSG3006]}}, items={"pts": [point_3006(i) for i in range(3)]})
    service = client(url)
    for _round in range(4):
        _pages, parsed = all_features(service, "pts")
        assert len(parsed) == 3
    assert fault_server.count("/collections/pts/items") == 4
    assert fault_server.count("/collections/pts") == 1


def test_content_crs_header_wins(fault_server):
    """A server that ignores crs= and says so in Content-Crs: read as CRS84 and transform."""
    fault_server.route("/collections/pts/items", body={
        "type": "FeatureCollection", "links": [],
        "features": [{"type": "Feature", "id": "a", "properties": {},
                      "geometry": {"type": "Point", "coordinates": [15.0, 59.0]}}]},
        headers={"Content-Crs": "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"})
    url = fault_server.ogc(collections={"pts": {"crs": [EPSG3006]}}, items={"pts": []})
    _pages, parsed = all_features(client(url), "pts")
    pt = parsed[0].geometry.asPoint()
    assert 400000 < pt.x() < 600000 and 6500000 < pt.y() < 6600000


def test_next_link_to_another_host_is_not_followed(fault_server):
    feats = [point_3006(i) for i in range(5)]
    fault_server.route("/collections/pts/items", body={
        "type": "FeatureCollection", "features": feats,
        "links": [{"rel": "next", "type": "application/geo+json",
                   "href": fault_server.other_host_url("/collections/pts/items?offset=5")}]})
    url = fault_server.ogc(collections={"pts": {"crs": [EPSG3006]}}, items={"pts": []})
    with pytest.raises(NetworkError) as info:
        all_features(client(url), "pts")
    assert info.value.kind == "redirect" and "localhost" in str(info.value)
    assert fault_server.count("/collections/pts/items") == 1
    assert not any(r.headers.get("host", "").startswith("localhost") for r in fault_server.requests)


@pytest.mark.parametrize("href", ["file:///etc/passwd", "javascript:alert(1)", "ftp://127.0.0.1/x"])
def test_next_link_with_another_scheme_is_refused(fault_server, href):
    fault_server.route("/collections/pts/items", body={
        "type": "FeatureCollection", "features": [point_3006(1)],
        "links": [{"rel": "next", "href": href}]})
    url = fault_server.ogc(collections={"pts": {"crs": [EPSG3006]}}, items={"pts": []})
    with pytest.raises(NetworkError) as info:
        all_features(client(url), "pts")
    assert info.value.kind == "scheme"


def test_next_link_loop_with_missing_features_is_an_error(fault_server):
    fault_server.route("/collections/pts/items", body={
        "type": "FeatureCollection", "features": [point_3006(i) for i in range(3)], "numberMatched": 10,
        "links": [{"rel": "next", "href": fault_server.url_for("/collections/pts/items?f=json&limit=1000&crs="
                                                                + EPSG3006)}]})
    url = fault_server.ogc(collections={"pts": {"crs": [EPSG3006]}}, items={"pts": []})
    with pytest.raises(NetworkError) as info:
        all_features(client(url), "pts", limit=1000)
    assert "3 of 10" in str(info.value)


def test_next_link_loop_ends_paging(fault_server):
    feats = [point_3006(i) for i in range(3)]
    fault_server.route("/collections/pts/items", body={
        "type": "FeatureCollection", "features": feats,
        "links": [{"rel": "next", "href": fault_server.url_for("/collections/pts/items?f=json&limit=1000&crs="
                                                                + EPSG3006)}]})
    url = fault_server.ogc(collections={"pts": {"crs": [EPSG3006]}}, items={"pts": []})
    pages, parsed = all_features(client(url), "pts", limit=1000)
    assert len(parsed) == 3  # duplicates of the looped page are not added
    assert fault_server.count("/collections/pts/items") <= 2


def test_garbage_features_are_skipped_and_counted(fault_server):
    url = fault_server.ogc(items={"bad": garbage_features()})
    pages, parsed = all_features(client(url), "bad", crs="EPSG:3006")
    ids = [f.id for f in parsed]
    assert "unclosed" in ids  # closed, kept
    ring = parsed[ids.index("unclosed")].geometry
    assert ring.isGeosValid() and ring.area() > 0
    assert ids.count("dup") == 1
    assert [f.properties["namn"] for f in parsed if f.id == "dup"] == ["duplicate 1"]
    no_id = [f for f in parsed if f.properties.get("namn") == "no id"]
    assert len(no_id) == 1 and no_id[0].id.startswith("h")
    for bad in ("nan", "inf", "nesting", "empty", "nogeom", "badtype"):
        assert bad not in ids
    reasons = {}
    for page in pages:
        for k, v in page.skip_reasons.items():
            reasons[k] = reasons.get(k, 0) + v
    assert sum(p.skipped for p in pages) == 7
    assert reasons["duplicate id"] == 1
    assert reasons["non-finite coordinate"] == 2
    assert reasons["unsupported geometry type"] == 1


def test_synthetic_ids_are_stable(fault_server):
    feats = [{"type": "Feature", "properties": {"namn": "a"}, "geometry": {"type": "Point", "coordinates": [15, 59]}},
             {"type": "Feature", "properties": {"namn": "b"}, "geometry": {"type": "Point", "coordinates": [15, 59]}}]
    url = fault_server.ogc(items={"noid": feats})
    _p, first = all_features(client(url), "noid")
    _p, second = all_features(client(url), "noid")
    assert [f.id for f in first] == [f.id for f in second]
    assert len({f.id for f in first}) == 2


def test_etag_conditional_request_gives_not_modified(fault_server):
    url = fault_server.ogc(collections={"pts": {"crs": [EPSG3006]}}, items={"pts": [point_3006(1)]}, etag=True)
    service = client(url)
    pages = list(service.iter_pages("pts", "EPSG:3006"))
    etag = pages[0].etag
    assert etag
    again = list(service.iter_pages("pts", "EPSG:3006", headers={"If-None-Match": etag}))
    assert len(again) == 1 and again[0].not_modified and not again[0].features
    remote = service.remote_version("pts", crs="EPSG:3006", known=RemoteVersion(etag=etag))
    assert remote.etag == etag


def test_version_keyword(fault_server):
    url = fault_server.ogc(collections={"v": {"keywords": ["theme:x", "version:2024-03"]}}, items={"v": []})
    assert client(url).remote_version("v").version == "2024-03"


def test_collections_and_conformance_shapes(fault_server):
    url = fault_server.ogc(items={"a": [], "b/c": []})
    service = client(url)
    assert {c["id"] for c in service.collections()} == {"a", "b/c"}
    assert any("ogcapi-features-1" in c for c in service.conformance())
    assert isinstance(service.landing(), dict)


def test_wrong_shape_collections_is_a_clear_error(fault_server):
    fault_server.route("/collections", body={"collections": "nope"})
    with pytest.raises(NetworkError) as info:
        client(fault_server.url).collections()
    assert "OGC API - Features" in str(info.value)


def test_invalid_json_items_is_a_clear_error(fault_server):
    url = fault_server.ogc(items={"x": b'{"type": "FeatureCollection", "features": [{"ty'})
    with pytest.raises(NetworkError) as info:
        list(client(url).iter_pages("x", "EPSG:3006"))
    assert info.value.kind == "json"


def test_bbox_is_sent_as_crs84(fault_server):
    url = fault_server.ogc(collections={"pts": {"crs": [EPSG3006]}}, items={"pts": [point_3006(1)]})
    from qgis.core import QgsRectangle

    list(client(url).iter_pages("pts", "EPSG:3006", bbox=QgsRectangle(500000, 6560000, 510000, 6580000),
                                bbox_crs="EPSG:3006"))
    items = [r for r in fault_server.requests if r.path.endswith("/items")]
    lon0, lat0, lon1, lat1 = (float(v) for v in items[0].query["bbox"][0].split(","))
    assert 14.9 < lon0 < lon1 < 15.3 and 59.1 < lat0 < lat1 < 59.4


def test_large_page_is_fast():
    import time

    coll = Collection("grid", crs=[EPSG3006], count=5000, make=grid_point, max_limit=1000)
    with OgcServer([coll]) as server:
        service = client(server.url)
        start = time.monotonic()
        _pages, parsed = all_features(service, "grid", limit=1000)
        elapsed = time.monotonic() - start
    assert len(parsed) == 5000
    assert elapsed < 10, elapsed
    assert not math.isnan(parsed[-1].geometry.asPoint().x())
