"""Source types ``download`` and ``atom`` (issue 15): a zip of the demo's state layers on a
plain static server (no Range support), read through profile version 2 next to the region's
OGC API service (pygeoapi). What a user sees: the catalogue, the cached copies, and the same
findings as when the same data come from the OGC API service."""

import copy
import json
import os
import zipfile

import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsVectorLayer

from regionplan_plugin.core import paths
from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.pipeline import open_pipeline
from regionplan_plugin.core.profile import parse_profile
from regionplan_plugin.core.profile.sources import SourceSpec
from regionplan_plugin.core.sources.download import DownloadSource
from regionplan_plugin.core.sources.multi import MultiSource
from tests.fixtures.static import StaticServer

DEMO = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "demo",
                    "orebro_demo.gpkg")
STATE = ("vattenskydd", "skyfall_risk", "gron_infrastruktur")
gdal.UseExceptions()


def shapefile(folder, layer, where=None, out_name=None):
    """The demo layer as a Shapefile in ``folder``; returns the .shp path."""
    path = os.path.join(str(folder), (out_name or layer) + ".shp")
    gdal.VectorTranslate(path, DEMO, layers=[layer], format="ESRI Shapefile", layerName=out_name or layer,
                         where=where)
    return path


def zip_shapefiles(zip_path, shp_paths, folder_in_zip="", drop=()):
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for shp in shp_paths:
            stem = os.path.splitext(shp)[0]
            for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                if os.path.exists(stem + ext) and ext not in drop:
                    archive.write(stem + ext, posixjoin(folder_in_zip, os.path.basename(stem) + ext))


def posixjoin(folder, name):
    return f"{folder}/{name}" if folder else name


def state_zip(tmp_path, name="state.zip"):
    """The demo's state layers as a zip: two Shapefiles in a nested folder and a GeoPackage."""
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    shps = [shapefile(work, layer) for layer in STATE[:2]]
    gpkg = str(work / "natur.gpkg")
    gdal.VectorTranslate(gpkg, DEMO, layers=[STATE[2]], format="GPKG")
    zip_path = tmp_path / "static" / name
    zip_shapefiles(zip_path, shps, folder_in_zip="lst/data")
    with zipfile.ZipFile(zip_path, "a") as archive:
        archive.write(gpkg, "natur/natur.gpkg")
    return zip_path


def v2_profile(region_url, state_url, caveat=True):
    """The bundled profile as version 2: the state datasets from ``state_url``."""
    with open(paths.bundled_profile_path(), encoding="utf-8") as handle:
        obj = json.load(handle)
    obj = copy.deepcopy(obj)
    obj["schema"] = "regionplan-profile/2"
    obj.pop("service", None)
    obj.pop("datasets", None)
    obj["sources"] = [{"id": "region", "type": "ogcapi-features", "url": region_url},
                      {"id": "lst", "type": "download", "url": state_url}]
    obj["datasets"] = [{"id": name, "source": "lst", "name": name} for name in STATE]
    if caveat:
        obj["datasets"][0]["caveat"] = {"sv": "Gränserna är ungefärliga.", "en": "Boundaries are approximate."}
        obj["datasets"][0]["title"] = {"sv": "Vattenskyddsområden", "en": "Water protection areas"}
        obj["datasets"][0]["kind"] = "interest"
    return obj


def write_profile(tmp_path, obj):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return str(path)


def plan_layer():
    return QgsVectorLayer(f"{DEMO}|layername=plan_samples", "plan", "ogr")


def summary(result):
    return sorted((f.rule_id, f.plan_fid, f.feature_name, f.overlap_m2 or 0.0, f.distance_m or 0.0)
                  for f in result.findings)


def assert_same_findings(got, expected):
    """The same findings; areas and distances within what the OGC API's coordinate rounding explains."""
    got, expected = summary(got), summary(expected)
    assert [row[:3] for row in got] == [row[:3] for row in expected]
    for mine, theirs in zip(got, expected):
        assert mine[3:] == pytest.approx(theirs[3:], rel=1e-4, abs=0.5), mine[:3]


@pytest.fixture
def static(static_server):
    return static_server


@pytest.mark.timeout(150)
def test_download_catalogue_cache_and_checks_match_the_ogc_api(tmp_path, static, pygeoapi_service, cache_dir):
    state_zip(tmp_path)
    profile_path = write_profile(tmp_path, v2_profile(pygeoapi_service, static.url("state.zip")))
    online = open_pipeline(profile_path, timeout_s=20, cache_root=str(tmp_path / "cache"))
    catalog = online.catalog()
    by_id = {d.id: d for d in catalog.datasets}
    assert {"vattenskydd", "skyfall_risk", "gron_infrastruktur", "rus_person_2030_strak"} <= set(by_id)
    water = by_id["vattenskydd"]
    assert water.source_id == "lst" and water.caveat["sv"] == "Gränserna är ungefärliga."
    assert water.kind == "interest" and water.title in ("Vattenskyddsområden", "Water protection areas")
    assert by_id["rus_person_2030_strak"].source_id == "region"
    assert not any(headers.get("Range") for _path, headers in static.requests)

    # the same findings as with every dataset from the OGC API service (the bundled v1 profile)
    reference = open_pipeline(None, service_url=pygeoapi_service, timeout_s=20, cache_root=str(tmp_path / "c1"))
    expected = run_check(reference.profile, plan_layer(), reference.data_access())
    data = online.data_access()
    got = run_check(online.profile, plan_layer(), data)
    assert_same_findings(got, expected)
    assert any(f.rule_id == "water-protection" for f in got.findings)
    # the caveat travels with the data into the check result (report and statement read it there)
    assert got.datasets["vattenskydd"].caveat["sv"] == "Gränserna är ungefärliga."
    layer, provenance = data.source("vattenskydd")
    assert provenance.caveat == {"sv": "Gränserna är ungefärliga.", "en": "Boundaries are approximate."}
    assert provenance.source == static.url("state.zip")

    # cache every dataset the rules use, then check offline: the same findings again
    for cid in online.profile.collections_needed():
        online.cache.refresh(online.service, cid, online.profile.crs)
    assert online.cache.check(online.service, "vattenskydd") == "fresh"
    offline = open_pipeline(profile_path, offline=True, cache_root=str(tmp_path / "cache"))
    assert_same_findings(run_check(offline.profile, plan_layer(), offline.data_access()), expected)


def download(server, name, **limits):
    return DownloadSource(SourceSpec("lst", "download", server.url(name)), HttpClient(timeout_s=10), **limits)


@pytest.mark.timeout(60)
def test_zip_bomb_is_refused_from_the_directory(tmp_path, static):
    with zipfile.ZipFile(tmp_path / "static" / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.geojson", b" " * (20 * 1024 * 1024))
    with pytest.raises(NetworkError) as info:
        download(static, "bomb.zip").collections()
    assert "it was refused as a possible zip bomb" in str(info.value)
    with pytest.raises(NetworkError) as info:
        download(static, "bomb.zip", max_unzipped=1024 * 1024, max_ratio=10 ** 9).collections()
    assert "would unpack to 20.0 MB" in str(info.value)


@pytest.mark.timeout(60)
def test_path_traversal_in_an_archive_is_refused(tmp_path, static):
    for name, member in (("up.zip", "../../etc/evil.geojson"), ("abs.zip", "/tmp/evil.geojson")):
        with zipfile.ZipFile(tmp_path / "static" / name, "w") as archive:
            archive.writestr(member, b'{"type": "FeatureCollection", "features": []}')
        with pytest.raises(NetworkError) as info:
            download(static, name).collections()
        assert "holds a file whose name leads outside the archive" in str(info.value)
        assert info.value.kind == "archive"


@pytest.mark.timeout(60)
def test_download_over_the_size_limit_is_refused(tmp_path, static):
    state_zip(tmp_path)
    with pytest.raises(NetworkError) as info:
        download(static, "state.zip", max_bytes=10 * 1024).collections()
    assert info.value.kind == "too_large" and "is larger than the limit of" in str(info.value)


def _shapefile_cp1252_without_cpg(folder):
    """A Shapefile whose DBF holds 'Örebro' in CP1252, with no .cpg and no code page in its header."""
    path = os.path.join(str(folder), "orter.shp")
    driver = ogr.GetDriverByName("ESRI Shapefile")
    source = driver.CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    layer = source.CreateLayer("orter", srs, ogr.wkbPoint, options=["ENCODING=CP1252"])
    layer.CreateField(ogr.FieldDefn("namn", ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("namn", "Örebro")
    feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (513000 6570000)"))
    layer.CreateFeature(feature)
    source = None
    stem = os.path.splitext(path)[0]
    if os.path.exists(stem + ".cpg"):
        os.remove(stem + ".cpg")
    with open(stem + ".dbf", "rb") as handle:
        data = bytearray(handle.read())
    data[29] = 0  # no language driver id: the code page is unknown
    data = data.replace("Örebro".encode(), "Örebro ".encode("cp1252"))  # same width, in CP1252
    with open(stem + ".dbf", "wb") as handle:
        handle.write(bytes(data))
    with open(stem + ".dbf", "rb") as handle:
        assert "Örebro".encode("cp1252") in handle.read()
    return path


@pytest.mark.timeout(60)
def test_cp1252_dbf_and_prj_without_epsg(tmp_path, static):
    shp = _shapefile_cp1252_without_cpg(tmp_path)
    prj = os.path.splitext(shp)[0] + ".prj"
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    srs.MorphToESRI()  # SWEREF 99 TM written out, as ESRI software does: no EPSG code in it
    with open(prj, "w", encoding="ascii") as handle:
        handle.write(srs.ExportToWkt())
    assert "AUTHORITY" not in open(prj, encoding="ascii").read()
    zip_shapefiles(tmp_path / "static" / "orter.zip", [shp])
    source = download(static, "orter.zip")
    assert source.collections()[0]["crs"] == ["EPSG:3006"]
    feature = next(source.iter_pages("orter", "EPSG:3006")).features[0]
    assert feature.properties["namn"] == "Örebro"
    assert feature.geometry.asPoint().x() == pytest.approx(513000) and feature.geometry.asPoint().y() == pytest.approx(
        6570000)
    # asked in another CRS: transformed from the written-out SWEREF 99 TM
    point = next(source.iter_pages("orter", "EPSG:3857")).features[0].geometry.asPoint()
    assert 1_650_000 < point.x() < 1_750_000 and 8_150_000 < point.y() < 8_350_000


@pytest.mark.timeout(60)
def test_multi_layer_archive_with_nested_folders(tmp_path, static):
    state_zip(tmp_path)
    source = download(static, "state.zip")
    ids = [c["id"] for c in source.collections()]
    assert sorted(ids) == sorted(STATE)
    pages = list(source.iter_pages("gron_infrastruktur", "EPSG:3006", limit=2))
    assert len(pages) >= 2 and all(len(p.features) <= 2 for p in pages)
    assert not any(headers.get("Range") for _path, headers in static.requests)


@pytest.mark.timeout(60)
def test_no_etag_no_last_modified_means_a_content_hash(tmp_path):
    (tmp_path / "static").mkdir()
    state_zip(tmp_path)
    server = StaticServer(tmp_path / "static", etag=False, last_modified=False)
    try:
        source = download(server, "state.zip")
        version = [w for w in source.collection("vattenskydd")["keywords"] if w.startswith("version:")]
        assert version and version[0].startswith("version:sha256-")
    finally:
        server.close()


def test_profile_v2_refuses_a_rule_on_a_background_source(pygeoapi_service):
    obj = v2_profile("http://127.0.0.1:1/", "http://127.0.0.1:1/state.zip", caveat=False)
    obj["sources"].append({"id": "lm", "type": "wms", "url": "http://127.0.0.1:1/wms", "layers": ["topo"]})
    obj["rules"][0]["collection"] = "lm:topo"
    with pytest.raises(Exception) as info:
        parse_profile(obj)
    assert "rules[0].collection: 'lm:topo' is in the wms source 'lm'; background sources never take part in a rule" \
        in str(info.value)


FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:inspire_dls="http://inspire.ec.europa.eu/schemas/inspire_dls/1.0">
  <title>Länsstyrelsen i Örebro län: nedladdning</title>
  <id>{base}feed.xml</id>
  <updated>2026-11-01T00:00:00Z</updated>
  <entry>
    <id>https://example.se/id/vattenskydd</id>
    <title>Vattenskyddsområden</title>
    <summary>Beslutade vattenskyddsområden i Örebro län.</summary>
    <updated>2026-10-01T00:00:00Z</updated>
    <inspire_dls:spatial_dataset_identifier_code>VSO</inspire_dls:spatial_dataset_identifier_code>
    <link rel="alternate" type="application/zip" href="vso.zip"/>
  </entry>
  <entry>
    <id>https://example.se/id/skyfall</id>
    <title>Skyfallskartering</title>
    <updated>2026-09-15T00:00:00Z</updated>
    <link rel="alternate" type="application/atom+xml" href="skyfall-feed.xml"/>
  </entry>
</feed>
"""

DATASET_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Skyfallskartering</title><id>{base}skyfall-feed.xml</id><updated>2026-09-15T00:00:00Z</updated>
  <entry><id>{base}skyfall.gpkg</id><title>GeoPackage</title><updated>2026-09-15T00:00:00Z</updated>
    <link rel="alternate" type="application/geopackage+sqlite3" href="{base}skyfall.gpkg"/></entry>
</feed>
"""


@pytest.mark.timeout(90)
def test_atom_feed_with_two_entries(tmp_path, static):
    static_dir = tmp_path / "static"
    work = tmp_path / "work"
    work.mkdir()
    zip_shapefiles(static_dir / "vso.zip", [shapefile(work, "vattenskydd")])
    gdal.VectorTranslate(str(static_dir / "skyfall.gpkg"), DEMO, layers=["skyfall_risk"], format="GPKG")
    (static_dir / "feed.xml").write_text(FEED.format(base=static.url()), encoding="utf-8")
    (static_dir / "skyfall-feed.xml").write_text(DATASET_FEED.format(base=static.url()), encoding="utf-8")
    obj = v2_profile("http://127.0.0.1:1/", "http://127.0.0.1:1/x.zip", caveat=False)
    obj["sources"][1] = {"id": "lst", "type": "atom", "url": static.url("feed.xml")}
    obj["datasets"] = [{"id": "vattenskydd", "source": "lst", "name": "https://example.se/id/vattenskydd",
                        "caveat": {"sv": "Ungefärliga gränser."}},
                       {"id": "skyfall_risk", "source": "lst", "name": "https://example.se/id/skyfall"}]
    profile = parse_profile(obj)

    multi = MultiSource.open(profile, HttpClient(timeout_s=10))
    lst = multi.sources["lst"]
    docs = {c["id"]: c for c in lst.collections()}
    assert set(docs) == {"https://example.se/id/vattenskydd", "https://example.se/id/skyfall"}
    assert docs["https://example.se/id/vattenskydd"]["title"] == "Vattenskyddsområden"
    assert "version:2026-10-01T00:00:00Z" in docs["https://example.se/id/vattenskydd"]["keywords"]
    pages = list(multi.iter_pages("vattenskydd", "EPSG:3006"))
    names = {f.properties["namn"] for page in pages for f in page.features}
    assert "Lillåns och Glanshammarsåsens vattenskyddsområde" in names
    assert sum(len(p.features) for p in multi.iter_pages("skyfall_risk", "EPSG:3006")) > 0
    assert multi.remote_version("skyfall_risk").version == "2026-09-15T00:00:00Z"
    assert lst.collection("VSO")["title"] == "Vattenskyddsområden"  # by its INSPIRE code as well


def refusal(call):
    """The status (or kind) of the NetworkError ``call`` raises (no traceback kept: it would hold
    the test's layers past the QGIS session)."""
    try:
        call()
    except NetworkError as error:
        return error.status or error.kind
    return None


@pytest.mark.timeout(90)
def test_basic_auth_per_source_and_nothing_secret_stored(tmp_path, basic_authcfg, cache_dir):
    from qgis.core import QgsSettings

    from regionplan_plugin.core import settings
    from tests.fixtures.netfixtures import BASIC_PASSWORD, BASIC_USER

    (tmp_path / "static").mkdir()
    (tmp_path / "open").mkdir()
    state_zip(tmp_path)
    gdal.VectorTranslate(str(tmp_path / "open" / "region.gpkg"), DEMO, layers=["kommuner"], format="GPKG")
    protected = StaticServer(tmp_path / "static", auth=(BASIC_USER, BASIC_PASSWORD))
    public = StaticServer(tmp_path / "open")
    try:
        obj = v2_profile(public.url("region.gpkg"), protected.url("state.zip"), caveat=False)
        obj["sources"][0]["type"] = "download"
        obj["sources"][1]["auth"] = "basic"
        obj["rules"] = [r for r in obj["rules"] if r["collection"] in STATE]
        obj["statistics"] = []
        profile_path = write_profile(tmp_path, obj)
        settings.set_source_authcfg("orebro", "lst", "")
        without = open_pipeline(profile_path, timeout_s=10, cache_root=str(tmp_path / "c0"), authcfg="")
        # without its credentials the protected source is left out of the catalogue, and says why
        listed = {c["id"] for c in without.service.collections()}
        assert "kommuner" in listed and "vattenskydd" not in listed
        failure = without.service.failed["lst"]
        assert failure.status == 401 or failure.kind == "auth"
        del failure
        assert refusal(lambda: list(without.service.iter_pages("vattenskydd", "EPSG:3006"))) in (401, "auth")

        settings.set_source_authcfg("orebro", "lst", basic_authcfg)
        pipeline = open_pipeline(profile_path, timeout_s=10, cache_root=str(tmp_path / "cache"), authcfg="")
        ids = {d.id for d in pipeline.catalog().datasets}
        assert {"kommuner", "vattenskydd"} <= ids
        pipeline.cache.refresh(pipeline.service, "vattenskydd", pipeline.profile.crs)
        data = pipeline.data_access()
        assert data.source("vattenskydd")[0].featureCount() == 6
        data.release()
        # the credentials went to the protected server only, never to the other source's server
        assert any(h.get("Authorization") for _p, h in protected.requests)
        assert not any(h.get("Authorization") for _p, h in public.requests)
        assert settings.source_authcfgs("orebro") == {"lst": basic_authcfg}
        qsettings = QgsSettings()
        stored = " ".join(str(qsettings.value(k)) for k in qsettings.allKeys() if k.startswith("regionplan"))
        assert BASIC_PASSWORD not in stored
        for root, _dirs, files in os.walk(str(tmp_path / "cache")):
            for name in files:
                if name.endswith((".json", ".log", ".txt")):
                    assert BASIC_PASSWORD not in open(os.path.join(root, name), encoding="utf-8",
                                                      errors="replace").read()
    finally:
        settings.set_source_authcfg("orebro", "lst", "")
        protected.close()
        public.close()


@pytest.mark.timeout(60)
def test_a_downloaded_layer_reads_the_same_column_by_column_as_feature_by_feature(tmp_path):
    """The columnar read (OGR's Arrow interface, issue 18) gives every value as the feature by feature
    read does: integers, 64-bit integers, reals, text with Swedish letters, booleans, nulls, a missing
    and an empty geometry; a layer with a date field takes the feature by feature path."""
    from regionplan_plugin.core.sources import ogrread

    path = str(tmp_path / "values.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    for name, with_date in (("plain", False), ("dated", True)):
        layer = ds.CreateLayer(name, srs, ogr.wkbPolygon)
        for field, kind in (("i", ogr.OFTInteger), ("i64", ogr.OFTInteger64), ("r", ogr.OFTReal),
                            ("s", ogr.OFTString)) + ((("d", ogr.OFTDate),) if with_date else ()):
            layer.CreateField(ogr.FieldDefn(field, kind))
        flag = ogr.FieldDefn("b", ogr.OFTInteger)
        flag.SetSubType(ogr.OFSTBoolean)
        layer.CreateField(flag)
        rows = [(1, 2 ** 40, 1.5, "Åsa älv", 1, "POLYGON((0 0,1 0,1 1,0 0))"), (None,) * 5 + (None,),
                (3, -4, 0.0, "", 0, "POLYGON EMPTY")]
        for values in rows:
            feature = ogr.Feature(layer.GetLayerDefn())
            for field, value in zip(("i", "i64", "r", "s", "b"), values[:5]):
                if value is None:
                    feature.SetFieldNull(field)
                else:
                    feature.SetField(field, value)
            if with_date:
                feature.SetField("d", "2024-05-17")
            if values[5]:
                feature.SetGeometry(ogr.CreateGeometryFromWkt(values[5]))
            layer.CreateFeature(feature)
    ds = None
    ds = gdal.OpenEx(path, gdal.OF_VECTOR)
    plain, dated = ds.GetLayerByName("plain"), ds.GetLayerByName("dated")
    assert ogrread._columns(plain, 2) is not None and ogrread._columns(dated, 2) is None
    plain.ResetReading()
    columnar = list(ogrread.layer_rows(plain, 2))
    plain.ResetReading()
    fields = ("i", "i64", "r", "s", "b")
    expected = [(f.GetFID(), {k: f.GetField(k) if f.IsFieldSetAndNotNull(k) else None for k in fields},
                 bytes(f.GetGeometryRef().ExportToIsoWkb()) if f.GetGeometryRef() is not None else None)
                for f in plain]
    assert [(fid, props) for fid, props, _wkb in columnar] == [(fid, props) for fid, props, _wkb in expected]
    assert columnar[0][1] == {"i": 1, "i64": 2 ** 40, "r": 1.5, "s": "Åsa älv", "b": True}
    assert columnar[1][2] is None  # no geometry: skipped as "no geometry" by the download source
    assert columnar[0][2] == expected[0][2]
    dated_rows = list(ogrread.layer_rows(dated, 2))
    assert dated_rows[0][1]["d"] == "2024/05/17" and dated_rows[0][1]["b"] is True
