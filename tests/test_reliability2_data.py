"""Issue 11, items 13 and 14: the region's data as real servers deliver it.

* 13: a server that lists EPSG:3006 but ignores ``crs=`` (serves CRS84 lon/lat), or answers
  with a ``Content-Crs`` nobody knows: the features are read correctly or the download is
  refused with a message, never silently misplaced.
* 14: MapServer 8 serves a valid two-part MultiPolygon as polygons whose second part is a
  "hole" outside the shell. Every dataset feature is validated once and repaired with
  ``makeValid()``; the repairs are counted in the manifest, the provenance and the report.
"""

import json
import os

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

from regionplan_plugin.core import report
from regionplan_plugin.core.cache import Cache, read_embedded_entry
from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import parse_profile
from regionplan_plugin.core.service import OgcFeaturesService
from regionplan_plugin.core.sources import DataAccess, open_data
from tests.fixtures.service import run_mapserver

pytestmark = pytest.mark.timeout(120)

X0, Y0 = 500000.0, 6570000.0


def square(x, y, w, h=None):
    h = w if h is None else h
    return f"(({x} {y},{x + w} {y},{x + w} {y + h},{x} {y + h},{x} {y}))"


def profile_for(url, collection, relation="intersects", distance_m=None, pid="test14"):
    rule = {"id": "r1", "title": {"sv": "Zon", "en": "Zone"}, "collection": collection, "relation": relation,
            "severity": "conflict", "message": {"sv": "Planen berör en zon.", "en": "The plan touches a zone."}}
    if distance_m is not None:
        rule["distance_m"] = distance_m
    return parse_profile({
        "schema": "regionplan-profile/1", "id": pid, "name": {"sv": "Test", "en": "Test"},
        "service": {"type": "ogcapi-features", "url": url}, "crs": "EPSG:3006", "rules": [rule],
    })


def plan_layer(*wkts):
    layer = QgsVectorLayer("Polygon?crs=EPSG:3006&field=namn:string", "Plan", "memory")
    features = []
    for i, wkt in enumerate(wkts):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([f"Plan {i + 1}"])
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


# --------------------------------------------------------------------------- 14: invalid features

# Feature 1 has two parts, A and B, 2 km apart; the plan overlaps B by 700 m x 1000 m = 70 ha.
PART_A = square(X0, Y0, 1000)
PART_B = square(X0 + 3000, Y0, 1000)
PLAN_14 = f"POLYGON({square(X0 + 3300, Y0, 1000)[1:-1]})"
OVERLAP_M2 = 700 * 1000
MAPFILE_14 = """MAP
  NAME "t14"
  EXTENT 13 58 17 61
  SHAPEPATH "@DATA_DIR@"
  PROJECTION
    "init=epsg:4326"
  END
  WEB
    METADATA
      "ows_enable_request" "*"
      "oga_enable_request" "*"
      "oga_onlineresource" "@BASE_URL@"
    END
  END
  LAYER
    NAME "zoner"
    TYPE POLYGON
    STATUS ON
    TEMPLATE "void"
    CONNECTIONTYPE OGR
    CONNECTION "zoner.gpkg"
    DATA "SELECT CAST(fid AS TEXT) AS rp_fid, * FROM zoner"
    PROJECTION
      "init=epsg:3006"
    END
    METADATA
      "ows_title" "Zoner"
      "gml_include_items" "all"
      "gml_featureid" "rp_fid"
      "gml_exclude_items" "rp_fid"
    END
  END
END
"""


@pytest.fixture(scope="module")
def multipolygon_mapserver(tmp_path_factory):
    """MapServer 8 serving ``zoner`` (MultiPolygon, EPSG:3006): one two-part feature and one
    plain square, from a GeoPackage made here (not the demo data)."""
    from osgeo import ogr, osr

    folder = tmp_path_factory.mktemp("mapserver14")
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(folder / "zoner.gpkg"))
    layer = ds.CreateLayer("zoner", srs, ogr.wkbMultiPolygon)
    layer.CreateField(ogr.FieldDefn("namn", ogr.OFTString))
    for name, wkt in (("Två delar", f"MULTIPOLYGON({PART_A},{PART_B})"),
                      ("En del", f"MULTIPOLYGON({square(X0 + 10000, Y0, 500)})")):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("namn", name)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    ds = None
    (folder / "zoner.map").write_text(MAPFILE_14, encoding="utf-8")
    with run_mapserver({"t14": str(folder / "zoner.map")}, data_dir=str(folder)) as url:
        yield url + "t14/ogcapi/"


def test_r2_14_mapserver_serves_the_multipolygon_invalid(multipolygon_mapserver):
    """The server's side of the story: the feature as it arrives is not valid."""
    service = OgcFeaturesService(multipolygon_mapserver, HttpClient())
    features = {f.properties["namn"]: f.geometry for p in service.iter_pages("zoner", "EPSG:3006")
                for f in p.features}
    assert not features["Två delar"].isGeosValid()
    assert features["En del"].isGeosValid()


def _overlaps(result):
    return sorted(round(f.overlap_m2 or 0.0) for f in result.findings)


@pytest.mark.parametrize("origin", ["service", "cache"])
def test_r2_14_invalid_multipolygon_is_repaired_and_counted(multipolygon_mapserver, cache_dir, tmp_path, origin):
    profile = profile_for(multipolygon_mapserver, "zoner")
    http = HttpClient()
    cache = Cache(profile.id)
    if origin == "cache":
        cache.refresh(OgcFeaturesService(multipolygon_mapserver, http), "zoner", "EPSG:3006")
        data = DataAccess(profile, cache, offline=True)
    else:
        data = open_data(profile, http=http, cache=cache)
    plan = plan_layer(PLAN_14)
    result = run_check(profile, plan, data, lang="en")
    try:
        assert result.datasets["zoner"].origin == origin
        # the 70 ha overlap with part B is found (six decimals of a degree on the server: within 0.5 %)
        assert _overlaps(result) == [pytest.approx(OVERLAP_M2, rel=0.005)]
        assert result.datasets["zoner"].repaired == 1
        assert result.datasets["zoner"].feature_count == (2 if origin == "cache" else 1)  # (online: the plan's box)
        path = tmp_path / "report.html"
        report.write_html(result, str(path), "en")
    finally:
        result.layers.clear()
        data.release()
    row = [line for line in path.read_text(encoding="utf-8").splitlines()
           if line.startswith("<tr><td>") and "<code>zoner</code>" in line]
    assert len(row) == 1 and "1 feature repaired" in row[0], row
    if origin == "cache":
        entry = cache.entry("zoner")
        assert entry.feature_count == 2 and entry.repaired == 1 and entry.skipped == 0
        manifest = json.loads((cache_dir / profile.id / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["entries"]["zoner"]["repaired"] == 1
        assert read_embedded_entry(cache.path("zoner")).repaired == 1  # the GeoPackage's own metadata


def test_r2_14_a_feature_that_cannot_be_repaired_is_skipped_and_counted(fault_server, cache_dir):
    """A polygon collapsed to a line has nothing polygonal left after makeValid: skipped, counted."""
    good = [{"type": "Feature", "id": str(i), "properties": {"namn": f"Zon {i}"},
             "geometry": {"type": "Polygon", "coordinates": [[[15.0 + i / 10, 59.2], [15.05 + i / 10, 59.2],
                                                               [15.05 + i / 10, 59.25], [15.0 + i / 10, 59.2]]]}}
            for i in range(3)]
    flat = {"type": "Feature", "id": "flat", "properties": {"namn": "Platt"},
            "geometry": {"type": "Polygon", "coordinates": [[[15.0, 59.3], [15.1, 59.3], [15.0, 59.3],
                                                             [15.0, 59.3]]]}}
    base = fault_server.ogc(items={"zoner": good + [flat]})
    http = HttpClient(timeout_s=5, retries=0, authcfg="")
    result = Cache("test14").refresh(OgcFeaturesService(base, http), "zoner", "EPSG:3006")
    assert result.entry.feature_count == 3 and result.skipped == 1 and result.entry.repaired == 0
    assert result.skip_reasons == {"invalid geometry that cannot be repaired": 1}
    profile = profile_for(base, "zoner", pid="test14b")
    data = open_data(profile, http=http, cache=Cache("test14b"))
    layer, provenance = data.source("zoner", QgsGeometry.fromWkt(PLAN_14).boundingBox().buffered(1e6))
    try:
        assert sorted(f["rp_id"] for f in layer.getFeatures()) == ["0", "1", "2"]
        assert provenance.skipped == 1 and provenance.repaired == 0
    finally:
        del layer
        data.release()


def test_r2_14_old_manifest_without_repaired_is_still_read(cache_dir):
    from regionplan_plugin.core.cache import CacheEntry

    entry = CacheEntry.from_dict({"collection": "a", "file": "a-1.gpkg", "feature_count": 3})
    assert entry is not None and entry.repaired == 0
    assert os.path.basename(entry.file) == "a-1.gpkg"


# --------------------------------------------------------------------------- 13: the CRS the server really used

CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG3006_URI = "http://www.opengis.net/def/crs/EPSG/0/3006"
UNKNOWN_URI = "http://www.opengis.net/def/crs/EPSG/0/99999"
PLAN_4326 = "POLYGON((15.0 59.1,15.5 59.1,15.5 59.5,15.0 59.5,15.0 59.1))"


def twenty_points():
    """20 points near Örebro: ``[(lon, lat)]`` and the same as EPSG:3006 ``(northing, easting)``."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

    lonlat = [(15.1 + (i % 5) * 0.05, 59.2 + (i // 5) * 0.05) for i in range(20)]
    ct = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:3006"),
                                QgsProject.instance())
    north_east = []
    for lon, lat in lonlat:
        p = ct.transform(QgsPointXY(lon, lat))
        north_east.append((round(p.y(), 2), round(p.x(), 2)))
    return lonlat, north_east


def point_features(coords):
    return [{"type": "Feature", "id": str(i), "properties": {"namn": f"Nod {i}"},
             "geometry": {"type": "Point", "coordinates": list(xy)}} for i, xy in enumerate(coords)]


COLLECTION_13 = {
    "title": "Noder",
    "crs": [CRS84_URI, EPSG3006_URI],
    "extent": {"spatial": {"bbox": [[15.05, 59.15, 15.4, 59.45]], "crs": CRS84_URI}},
}

# name: (coordinates served, Content-Crs header or None, how the plugin must read them)
CRS_CASES = {
    "lists EPSG:3006, ignores crs=, sends lon/lat": ("lonlat", None, "note"),
    "lists EPSG:3006, ignores crs=, says it is EPSG:3006": ("lonlat", EPSG3006_URI, "note"),
    "unknown Content-Crs, lon/lat coordinates": ("lonlat", UNKNOWN_URI, "note"),
    "unknown Content-Crs, EPSG:3006 coordinates as asked": ("north_east", UNKNOWN_URI, "note"),
    "honest EPSG:3006 (pygeoapi)": ("north_east", EPSG3006_URI, "silent"),
    "coordinates that fit nothing": ("web_mercator", None, "refuse"),
    "no extent, ignores crs=, sends lon/lat": ("lonlat", None, "note"),  # EPSG:3006's area of use decides
}


@pytest.mark.parametrize("case", list(CRS_CASES))
def test_r2_13_a_server_that_ignores_crs_is_read_right_or_refused(fault_server, cache_dir, case):
    from regionplan_plugin.core.errors import NetworkError

    served, header, expect = CRS_CASES[case]
    lonlat, north_east = twenty_points()
    coords = {"lonlat": lonlat, "north_east": north_east,
              "web_mercator": [(1690000.0 + x * 1000, 8230000.0 + y * 1000) for x, y in lonlat]}[served]
    collection = dict(COLLECTION_13)
    if case.startswith("no extent"):
        del collection["extent"]
    base = fault_server.ogc(collections={"noder": collection}, items={"noder": point_features(coords)},
                            items_headers={"noder": {"Content-Crs": f"<{header}>"}} if header else None)
    profile = profile_for(base, "noder", pid="test13")
    plan = QgsVectorLayer("Polygon?crs=EPSG:4326&field=namn:string", "Plan", "memory")
    feature = QgsFeature(plan.fields())
    feature.setAttributes(["Plan"])
    feature.setGeometry(QgsGeometry.fromWkt(PLAN_4326))
    plan.dataProvider().addFeatures([feature])
    http = HttpClient(timeout_s=5, retries=0, authcfg="")
    data = open_data(profile, http=http, cache=Cache(profile.id))
    if expect == "refuse":
        with pytest.raises(NetworkError) as error:
            run_check(profile, plan, data, lang="en")
        message = str(error.value)
        assert "noder" in message and "neither as EPSG:3006" in message and "Nothing was downloaded" in message
        with pytest.raises(NetworkError):  # the offline cache refuses it too
            Cache(profile.id).refresh(OgcFeaturesService(base, http), "noder", "EPSG:3006")
        assert Cache(profile.id).entry("noder") is None
        return
    result = run_check(profile, plan, data, lang="en")
    try:
        assert len(result.findings) == 20  # never silently 0 of 20
        notes = [n for n in result.notes if "not in the coordinate system it declares" in n]
        assert len(notes) == (1 if expect == "note" else 0), result.notes
    finally:
        result.layers.clear()
        data.release()
    # the cached copy has every point where it belongs
    cached = Cache(profile.id).refresh(OgcFeaturesService(base, http), "noder", "EPSG:3006")
    assert cached.entry.feature_count == 20
    layer = Cache(profile.id).layer("noder")
    got = {f["rp_id"]: f.geometry().asPoint() for f in layer.getFeatures()}
    for i, (north, east) in enumerate(north_east):
        assert abs(got[str(i)].x() - east) < 0.5 and abs(got[str(i)].y() - north) < 0.5


# WFS and ArcGIS: the same two servers behind a fault server that ignores srsName / outSR and
# sends longitude/latitude (read right, with a note) or coordinates that fit nothing (refused):
# ArcGIS sends Web Mercator; MapServer's WFS (EPSG:3006 and 4326 only) degrees times 100
SERVED_CRS = {"lonlat": ("4326", "urn:ogc:def:crs:EPSG::4326"), "nothing": ("3857", "urn:ogc:def:crs:EPSG::4326")}


def _times_100(body: bytes) -> bytes:
    """GML coordinates (``gml:pos``/``gml:posList``) or GeoJSON ones, each times 100."""
    import re

    def scaled(match):
        numbers = " ".join(repr(float(n) * 100) for n in match.group(2).split())
        return match.group(1) + numbers.encode() + match.group(3)

    if body.lstrip().startswith(b"{"):
        obj = json.loads(body)

        def walk(value):
            if isinstance(value, list) and value and all(isinstance(v, (int, float)) for v in value):
                return [v * 100 for v in value]
            return [walk(v) for v in value] if isinstance(value, list) else value

        for feature in obj.get("features") or []:
            if feature.get("geometry"):
                feature["geometry"]["coordinates"] = walk(feature["geometry"]["coordinates"])
        return json.dumps(obj).encode()
    return re.sub(rb"(<gml:pos(?:List)?[^>]*>)([^<]*)(</gml:pos(?:List)?>)", scaled, body)


def _ignoring_crs(fault_server, kind, upstream, served):
    """``upstream`` behind the fault server, every ``outSR`` (ArcGIS) or ``SRSNAME`` (WFS) it is
    asked for replaced by the CRS ``served``; the source to read it with."""
    import urllib.parse
    import urllib.request

    from regionplan_plugin.core.sources.arcgis import ArcGisSource
    from regionplan_plugin.core.sources.wfs import WfsSource

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    wkid, urn = SERVED_CRS[served]

    def handler(request):
        pairs = []
        for key, values in request.query.items():
            for value in values:
                if key.lower() == "outsr":
                    value = wkid
                elif key.upper() == "SRSNAME":
                    value = urn
                pairs.append((key, value))
        if kind == "arcgis":
            url = upstream + request.path.split("/FeatureServer", 1)[1] + "?" + urllib.parse.urlencode(pairs)
        else:
            url = upstream + urllib.parse.urlencode(pairs)
        with opener.open(url, timeout=30) as answer:
            body = answer.read()
            if kind == "wfs" and served == "nothing" and "GetFeature" in url:
                body = _times_100(body)
            return {"body": body, "content_type": answer.headers.get("Content-Type")}

    fault_server.route("*", handler=handler)
    http = HttpClient(timeout_s=10, retries=0, authcfg="")
    if kind == "arcgis":
        return ArcGisSource(fault_server.url_for("/arcgis/rest/services/vattenskydd/FeatureServer"), http), "0"
    return WfsSource(fault_server.url_for("/wfs"), http, "2.0.0"), "vattenskydd"


@pytest.mark.parametrize("served", ["lonlat", "nothing"])
@pytest.mark.parametrize("kind", ["arcgis", "wfs"])
def test_r2_13_wfs_and_arcgis_that_ignore_the_crs_asked_for(kind, served, fault_server, koop_service,
                                                            mapserver_service, cache_dir):

    from regionplan_plugin.core.errors import NetworkError
    from tests.fixtures.service import DEMO_GPKG

    upstream = koop_service + "vattenskydd/FeatureServer" if kind == "arcgis" else \
        mapserver_service.replace("/ogcapi/", "?")
    source, cid = _ignoring_crs(fault_server, kind, upstream, served)
    cache = Cache("test13" + kind)

    from tests.test_importplan import Warnings

    feedback = Warnings()
    if served == "nothing":
        with pytest.raises(NetworkError) as error:
            cache.refresh(source, cid, "EPSG:3006", feedback=feedback)
        assert "neither as EPSG:3006" in str(error.value) and "Nothing was downloaded" in str(error.value)
        assert cache.entry(cid) is None
        return
    pages = list(source.iter_pages(cid, "EPSG:3006"))
    assert any("not in the coordinate system it declares (EPSG:3006)" in note for note in pages[0].notes)
    result = cache.refresh(source, cid, "EPSG:3006", feedback=feedback)
    assert [w for w in feedback.warnings if "fit the collection's extent as OGC:CRS84" in w]
    demo = QgsVectorLayer(DEMO_GPKG + "|layername=vattenskydd", "demo", "ogr")
    want = sorted(round(f.geometry().centroid().asPoint().x()) for f in demo.getFeatures())
    layer = cache.layer(cid)
    got = sorted(round(f.geometry().centroid().asPoint().x()) for f in layer.getFeatures())
    assert result.entry.feature_count == demo.featureCount() and len(got) == len(want)
    assert all(abs(a - b) <= 2 for a, b in zip(got, want))  # every feature where it belongs
    del layer, demo
