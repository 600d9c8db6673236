"""Source type ``arcgis-featureserver`` (issue 15, C6b): ``ArcGisSource`` against Koop 10
(``@koopjs/koop-core`` + ``@koopjs/provider-file-geojson``, fixture ``koop_service``) serving the
demo datasets, one FeatureServer each, and a fault server in front of Koop where an ArcGIS
Server behaves otherwise (no ``f=geojson``, a small ``maxRecordCount``, no pagination, errors).

What Koop does: ``maxRecordCount`` 2000, ``f=geojson`` listed (no ``exceededTransferLimit``
in it: a full page means more), ``exceededTransferLimit`` in ``f=json``, object ids = the
``idField`` property (strings pass through: hash ids), errors as HTTP 200 ``{"error": ...}``."""

import json
import urllib.parse
import urllib.request

import pytest
from qgis.core import QgsRectangle, QgsVectorLayer

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.sources import OgcFeaturesService
from regionplan_plugin.core.sources.arcgis import ArcGisSource
from regionplan_plugin.core.sources.registry import SOURCE_TYPES
from tests.fixtures.koop import KOOP_DATASETS
from tests.fixtures.service import DEMO_GPKG, OREBRO_C_3006
from tests.helpers.source_check import ByName, assert_same_findings, findings

pytestmark = pytest.mark.timeout(120)
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _service(koop, name):
    return ArcGisSource(koop + name + "/FeatureServer", HttpClient())


def demo_layer(name):
    layer = QgsVectorLayer(DEMO_GPKG + "|layername=" + name, "demo", "ogr")
    assert layer.isValid()
    names = [f.name() for f in layer.fields() if f.name() != "fid"]
    rows = {str(f.id()): {n: f[n] for n in names} for f in layer.getFeatures()}
    return rows, names, {str(f.id()): f.geometry() for f in layer.getFeatures()}


def _proxy(fault_server, koop, name, change_info=None, change_query=None):
    """``fault_server`` in front of Koop's FeatureServer ``name``: every request passed on,
    the layer document changed by ``change_info(dict)`` and query answers by
    ``change_query(query, dict) -> dict | bytes``. Returns the proxied FeatureServer URL."""
    def handler(request):
        path = request.path.split("/FeatureServer", 1)[1]
        query = {k: v[0] for k, v in request.query.items()}
        url = koop + name + "/FeatureServer" + path + "?" + urllib.parse.urlencode(query)
        with OPENER.open(url, timeout=30) as answer:
            obj = json.loads(answer.read())
        if path == "/0" and change_info:
            change_info(obj)
        if path == "/0/query" and change_query:
            obj = change_query(query, obj)
        return {"body": obj if not isinstance(obj, bytes) else obj, "content_type": "application/json"}

    fault_server.route("*", handler=handler)
    return fault_server.url_for("/arcgis/rest/services/" + name + "/FeatureServer")


def test_registered_as_arcgis_featureserver():
    assert "arcgis-featureserver" in SOURCE_TYPES


def test_catalogue_lists_the_layer_with_title_extent_and_limits(koop_service):
    source = _service(koop_service, "kommuner")
    (layer,) = source.collections()
    assert layer["id"] == "0" and layer["title"] == "kommuner"
    assert layer["description"] == "Demo data, not official."
    assert layer["maxRecordCount"] == 2000 and "geojson" in layer["queryFormats"]
    assert layer["objectIdField"] == "fid"
    xmin, ymin, xmax, ymax = layer["extent"]["spatial"]["bbox"][0]
    # the county: Örebro län's extent (its east edge at ~15.86 since the outline has the real size)
    assert 14.1 < xmin < 14.3 and 58.6 < ymin < 58.8 and 15.8 < xmax < 16.0 and 60.1 < ymax < 60.2


@pytest.mark.parametrize("name", ["kollektivtrafik_noder", "jordbruksmark", "kommungranser"])
def test_cached_layer_matches_the_demo_geopackage(koop_service, tmp_path, name):
    """Pages of 7 by ``resultOffset``/``resultRecordCount`` (f=geojson, outSR=3006)."""
    source = _service(koop_service, name)
    cache = Cache("orebro", str(tmp_path))
    result = cache.refresh(source, "0", "EPSG:3006", limit=7)
    want, names, geoms = demo_layer(name)
    assert result.entry.feature_count == len(want) > 7 and result.skipped == 0
    assert "resultOffset=0" in result.entry.source_url and "outSR=3006" in result.entry.source_url
    assert "f=geojson" in result.entry.source_url
    got = {}
    for feature in cache.layer("0").getFeatures():
        got[feature["rp_id"]] = {n: feature[n] for n in names}
        assert feature.geometry().hausdorffDistance(geoms[feature["rp_id"]]) < 0.05
    assert got == want
    # Koop's ETag: asked again, the layer is unchanged
    assert cache.check(source, "0") == "fresh"


def test_hash_object_ids_are_the_feature_ids(koop_service):
    source = _service(koop_service, "kommuner_hash")
    pages = list(source.iter_pages("0", "EPSG:3006", limit=5))
    ids = [f.id for p in pages for f in p.features]
    assert len(pages) == 3 and len(ids) == len(set(ids)) == 12
    assert all(len(i) == 16 and not i.isdigit() for i in ids)


def test_bbox_read_for_an_online_check(koop_service):
    source = _service(koop_service, "kollektivtrafik_noder")
    x, y = OREBRO_C_3006
    box = QgsRectangle(x - 3000, y - 3000, x + 3000, y + 3000)
    pages = list(source.iter_pages("0", "EPSG:3006", bbox=box, bbox_crs="EPSG:3006"))
    assert "geometryType=esriGeometryEnvelope" in pages[0].url and "inSR=3006" in pages[0].url
    assert "spatialRel=esriSpatialRelIntersects" in pages[0].url
    _want, _names, geoms = demo_layer("kollektivtrafik_noder")
    inside = {fid for fid, g in geoms.items() if g.intersects(box)}
    assert inside and len(inside) < len(geoms)
    assert {f.id for p in pages for f in p.features} == inside


def test_esri_json_paged_by_exceeded_transfer_limit_under_max_record_count(koop_service, fault_server):
    """A server without f=geojson and a maxRecordCount of 4: Esri JSON read by OGR, pages of 4
    (not the 1000 asked), ended by ``exceededTransferLimit`` false."""
    def info(obj):
        obj["supportedQueryFormats"] = "JSON"
        obj["maxRecordCount"] = 4

    url = _proxy(fault_server, koop_service, "vattenskydd", change_info=info)
    source = ArcGisSource(url, HttpClient())
    pages = list(source.iter_pages("0", "EPSG:3006", limit=1000))
    want, names, geoms = demo_layer("vattenskydd")
    assert "f=json" in pages[0].url and "resultRecordCount=4" in pages[0].url
    assert len(pages) == -(-len(want) // 4)
    got = {f.id: f for p in pages for f in p.features}
    assert got.keys() == want.keys()
    for fid, feature in got.items():
        assert feature.geometry.hausdorffDistance(geoms[fid]) < 0.05
        assert {n: feature.properties.get(n) for n in names if n in feature.properties} == \
            {n: want[fid][n] for n in names if n in feature.properties}


def test_exceeded_transfer_limit_without_pagination_is_refused(koop_service, fault_server, tmp_path):
    def info(obj):
        obj["advancedQueryCapabilities"]["supportsPagination"] = False
        obj["supportedQueryFormats"] = "JSON"

    def query(params, obj):
        obj["features"] = obj["features"][:3]
        obj["exceededTransferLimit"] = True
        return obj

    url = _proxy(fault_server, koop_service, "jordbruksmark", change_info=info, change_query=query)
    with pytest.raises(NetworkError, match="holds more features than the service sends in one answer"):
        Cache("orebro", str(tmp_path)).refresh(ArcGisSource(url, HttpClient()), "0", "EPSG:3006")


def test_error_answer_gives_a_clear_message_and_keeps_the_cached_copy(koop_service, fault_server, tmp_path):
    broken = []

    def query(params, obj):
        if broken:
            return {"error": {"code": 500, "message": "Unable to complete operation.", "details": []}}
        return obj

    url = _proxy(fault_server, koop_service, "vattenskydd", change_query=query)
    source = ArcGisSource(url, HttpClient(retries=0))
    cache = Cache("orebro", str(tmp_path))
    before = cache.refresh(source, "0", "EPSG:3006").entry
    broken.append(True)
    with pytest.raises(NetworkError) as caught:
        cache.refresh(source, "0", "EPSG:3006", force=True)
    assert "answered with an error (500: Unable to complete operation.)" in str(caught.value)
    assert cache.entry("0").file == before.file
    assert cache.layer("0").featureCount() == before.feature_count == len(demo_layer("vattenskydd")[0])


@pytest.mark.timeout(180)
def test_the_same_rules_give_the_same_findings_as_ogc_api(koop_service, pygeoapi_service, demo_plans, tmp_path):
    reference = findings(OgcFeaturesService(pygeoapi_service, HttpClient()), demo_plans, tmp_path / "ogc")
    koop = ByName({name: _service(koop_service, name) for name in KOOP_DATASETS})
    assert_same_findings(reference, findings(koop, demo_plans, tmp_path / "koop"), tolerance_m=0.05)
