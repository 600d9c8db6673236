"""The reference service (pygeoapi) and QGIS Server serve the demo collections.

Plain urllib without any proxy: the plugin's own HTTP client is tested elsewhere.
"""

import json
import urllib.parse
import urllib.request

import pytest
from osgeo import ogr

from tests.fixtures.service import (
    COLLECTION_IDS,
    CRS84,
    DEMO_GPKG,
    EPSG3006_URI,
    OREBRO_C_3006,
    OREBRO_C_ID,
)

ogr.UseExceptions()
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
KINDS = {"structure-plan", "interest", "knowledge", "boundary"}


def get_json(url):
    with _OPENER.open(url, timeout=30) as resp:
        assert resp.status == 200
        return json.loads(resp.read().decode("utf-8")), dict(resp.headers)


def gpkg_features(layer_name):
    ds = ogr.Open(DEMO_GPKG)
    layer = ds.GetLayerByName(layer_name)
    out = {}
    for feat in layer:
        out[feat.GetFID()] = (feat.items(), feat.GetGeometryRef().Clone())
    ds = None
    return out


def _first_coord(geometry):
    coords = geometry["coordinates"]
    while isinstance(coords[0], list):
        coords = coords[0]
    return coords


# --------------------------------------------------------------------------- pygeoapi
@pytest.fixture(scope="module")
def collections(pygeoapi_service):
    doc, _headers = get_json(pygeoapi_service + "collections?f=json")
    return {c["id"]: c for c in doc["collections"]}


def test_collections_list_every_demo_collection(collections):
    assert sorted(collections) == sorted(COLLECTION_IDS)


def test_collections_carry_facets_extents_crs_and_licence(collections):
    for cid, coll in collections.items():
        keywords = coll["keywords"]
        themes = [k for k in keywords if k.startswith("theme:")]
        kinds = [k.split(":", 1)[1] for k in keywords if k.startswith("kind:")]
        years = [k.split(":", 1)[1] for k in keywords if k.startswith("year:")]
        assert len(themes) == 1, cid
        assert len(kinds) == 1 and kinds[0] in KINDS, cid
        assert len(years) == 1 and 2020 <= int(years[0]) <= 2060, cid
        assert coll["title"] and "not official" in coll["description"].lower()
        bbox = coll["extent"]["spatial"]["bbox"][0]
        # Inside/around Örebro County in lon/lat.
        assert 13.0 < bbox[0] < bbox[2] < 17.5 and 58.0 < bbox[1] < bbox[3] < 61.5, (cid, bbox)
        interval = coll["extent"]["temporal"]["interval"][0]
        assert interval[0] < interval[1]
        assert CRS84 in coll["crs"] and EPSG3006_URI in coll["crs"]
        assert coll["storageCrs"] == CRS84
        licences = [link for link in coll["links"] if link["rel"] == "license"]
        assert licences and licences[0]["href"].startswith("https://creativecommons.org/")


def test_facet_values_of_known_collections(collections):
    assert "theme:transport" in collections["rus_person_2030_strak"]["keywords"]
    assert "kind:structure-plan" in collections["rus_person_2030_strak"]["keywords"]
    assert "year:2030" in collections["rus_person_2030_strak"]["keywords"]
    assert "kind:boundary" in collections["kommuner"]["keywords"]
    assert "year:2050" in collections["oms_2050_karnor"]["keywords"]


def test_items_in_epsg3006_match_the_geopackage(pygeoapi_service):
    """With crs=EPSG:3006 pygeoapi answers in northing, easting order (OGC API Part 2)."""
    url = (pygeoapi_service + "collections/kollektivtrafik_noder/items?f=json&limit=100&crs="
           + urllib.parse.quote(EPSG3006_URI, safe=""))
    doc, headers = get_json(url)
    assert EPSG3006_URI in headers.get("Content-Crs", "")
    by_id = {str(f["id"]): f for f in doc["features"]}
    orebro_c = by_id[OREBRO_C_ID]
    assert orebro_c["properties"]["namn"] == "Örebro C"
    northing, easting = orebro_c["geometry"]["coordinates"][:2]
    assert abs(easting - OREBRO_C_3006[0]) < 0.5 and abs(northing - OREBRO_C_3006[1]) < 0.5
    gpkg = gpkg_features("kollektivtrafik_noder")
    assert len(by_id) == len(gpkg) == 22
    for fid, (attrs, geom) in gpkg.items():
        feature = by_id[str(fid)]
        assert feature["properties"]["namn"] == attrs["namn"]
        assert feature["properties"]["avgangar_per_dygn"] == attrs["avgangar_per_dygn"]
        n, e = feature["geometry"]["coordinates"][:2]
        assert abs(e - geom.GetX()) < 0.5 and abs(n - geom.GetY()) < 0.5, attrs["namn"]


def test_polygon_items_in_epsg3006_match_the_geopackage(pygeoapi_service):
    url = (pygeoapi_service + "collections/kommuner/items?f=json&limit=20&crs="
           + urllib.parse.quote(EPSG3006_URI, safe=""))
    doc, _headers = get_json(url)
    gpkg = {attrs["kommunkod"]: geom for attrs, geom in gpkg_features("kommuner").values()}
    assert sorted(f["id"] for f in doc["features"]) == sorted(gpkg)
    for feature in doc["features"]:
        n, e = _first_coord(feature["geometry"])[:2]
        ring = gpkg[feature["id"]].GetGeometryRef(0)
        x, y = ring.GetX(0), ring.GetY(0)
        assert abs(e - x) < 0.5 and abs(n - y) < 0.5, feature["properties"]["namn"]


def test_items_default_to_crs84_lon_lat(pygeoapi_service):
    doc, _headers = get_json(pygeoapi_service + f"collections/kollektivtrafik_noder/items/{OREBRO_C_ID}?f=json")
    lon, lat = doc["geometry"]["coordinates"][:2]
    assert 15.20 < lon < 15.22 and 59.27 < lat < 59.29


def test_paging_follows_rel_next(pygeoapi_service):
    url = pygeoapi_service + "collections/kommungranser/items?f=json&limit=10"
    seen = []
    pages = 0
    while url:
        doc, _headers = get_json(url)
        pages += 1
        seen.extend(str(f["id"]) for f in doc["features"])
        nxt = [link["href"] for link in doc["links"] if link["rel"] == "next"]
        assert len(doc["features"]) <= 10
        url = nxt[0] if nxt else None
        if url and "f=" not in url:
            url += "&f=json"
        assert pages < 20
    assert pages >= 2
    assert len(seen) == len(set(seen)) == len(gpkg_features("kommungranser"))


def test_bbox_filter(pygeoapi_service):
    # A small box around Örebro C returns the central Örebro stops only.
    url = pygeoapi_service + "collections/kollektivtrafik_noder/items?f=json&bbox=15.19,59.26,15.23,59.29"
    doc, _headers = get_json(url)
    names = sorted(f["properties"]["namn"] for f in doc["features"])
    assert "Örebro C" in names and "Kumla station" not in names


# --------------------------------------------------------------------------- QGIS Server
def test_qgis_server_lists_collections_and_serves_items(qgis_server_service):
    doc, _headers = get_json(qgis_server_service + "collections?f=json")
    ids = [c["id"] for c in doc["collections"]]
    # QGIS Server uses the layers' short names as collection ids.
    assert sorted(ids) == sorted(COLLECTION_IDS)
    coll = {c["id"]: c for c in doc["collections"]}["kollektivtrafik_noder"]
    assert any(uri.endswith("/3006") for uri in coll["crs"])
    items, _headers = get_json(qgis_server_service + "collections/kollektivtrafik_noder/items?f=json&limit=50")
    names = {f["properties"]["namn"]: f for f in items["features"]}
    assert len(names) == 22
    lon, lat = names["Örebro C"]["geometry"]["coordinates"][:2]
    assert 15.20 < lon < 15.22 and 59.27 < lat < 59.29


def test_qgis_server_items_in_epsg3006(qgis_server_service):
    """QGIS Server 3.22 lists EPSG:3006 with a versioned URI and answers in easting, northing."""
    doc, _headers = get_json(qgis_server_service + "collections?f=json")
    coll = {c["id"]: c for c in doc["collections"]}["kollektivtrafik_noder"]
    uri = [u for u in coll["crs"] if u.endswith("/3006")][0]
    url = (qgis_server_service + "collections/kollektivtrafik_noder/items?f=json&limit=50&crs="
           + urllib.parse.quote(uri, safe=""))
    items, _headers = get_json(url)
    feature = [f for f in items["features"] if f["properties"]["namn"] == "Örebro C"][0]
    a, b = feature["geometry"]["coordinates"][:2]
    coords = sorted([a, b])
    assert abs(coords[0] - OREBRO_C_3006[0]) < 0.5 and abs(coords[1] - OREBRO_C_3006[1]) < 0.5
