"""Issue 11, item 7 for ZIP downloads: a download that is not whole never replaces a good cached
copy. A ZIP whose Shapefile is cut short (its ``.shp``, ``.dbf`` or ``.shx``), whose ``.shx``
or ``.dbf`` is missing, or whose FlatGeobuf is cut short was cached with 20 of 41 features (23 counted as
"no geometry"), or none at all, and reported as updated. Now the refresh is refused with a
message naming the dataset and saying the copy cached before stays; the copy keeps every
feature, whether the ZIP is copied by OGR (no extent) or read page by page (an extent, or the
file of an ATOM feed's entry).
The ZIP is served by the fault server on loopback."""

import io
import zipfile

import pytest
from osgeo import gdal, ogr
from qgis.core import QgsVectorLayer

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.cache.ogrcopy import spool_layer
from regionplan_plugin.core.cache.writer import _Spool
from regionplan_plugin.core.errors import NetworkError
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile.sources import SourceSpec
from regionplan_plugin.core.sources.atom import AtomSource
from regionplan_plugin.core.sources.base import LocalLayer
from regionplan_plugin.core.sources.download import DownloadSource
from regionplan_plugin.core.sources.ogrread import layer_rows
from regionplan_plugin.core.sources.whole import OgrReadError
from tests.test_cache_ogrcopy import _zip

pytestmark = pytest.mark.timeout(90)
EVERYWHERE = (0, 0, 2_000_000, 10_000_000)  # EPSG:3006: every feature, read page by page
PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def _zipped(parts: dict) -> bytes:
    """A ZIP of ``{member: bytes}`` (whole and valid as an archive: only its content is cut)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _shapefile(tmp_path) -> dict:
    _zip(tmp_path)
    return {"omr" + ext: (tmp_path / "work" / ("omr" + ext)).read_bytes() for ext in PARTS}


def _flatgeobuf(tmp_path) -> bytes:
    _zip(tmp_path)
    out = str(tmp_path / "omr.fgb")
    before = gdal.GetUseExceptions()
    gdal.DontUseExceptions()  # as GDAL's default: with exceptions GDAL 3.10 stops at a feature without geometry
    try:
        gdal.VectorTranslate(out, gdal.OpenEx(str(tmp_path / "work" / "omr.shp")), format="FlatGeobuf")
    finally:
        if before:
            gdal.UseExceptions()
    return (tmp_path / "omr.fgb").read_bytes()


def _half(data: bytes) -> bytes:
    return data[:len(data) // 2]


def _cases(tmp_path, case):
    """``(good zip, broken zip)`` of layer ``omr``."""
    if case == "fgb cut short":
        whole = _flatgeobuf(tmp_path)
        return _zipped({"omr.fgb": whole}), _zipped({"omr.fgb": whole[:len(whole) * 2 // 3]})
    parts = _shapefile(tmp_path)
    broken = dict(parts)
    if case.endswith("missing"):
        del broken["omr." + case.split()[0]]
    else:
        member = "omr." + case.split()[0]
        broken[member] = _half(parts[member])
    return _zipped(parts), _zipped(broken)


def _ids(cache, cid):
    layer = QgsVectorLayer(cache.path(cid) + "|layername=features", "copy", "ogr")
    assert layer.isValid()
    ids = sorted(f["rp_id"] for f in layer.getFeatures())
    del layer
    return ids


FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Nedladdning</title><id>{url}</id><updated>{updated}</updated>
  <entry><id>https://example.se/id/omr</id><title>Områden</title><updated>{updated}</updated>
    <link rel="alternate" type="application/zip" href="omr.zip"/></entry>
</feed>
"""


@pytest.mark.parametrize("path", ["copied by OGR", "page by page", "atom feed"])
@pytest.mark.parametrize("case", ["shp cut short", "dbf cut short", "shx cut short", "shx missing", "dbf missing",
                                  "fgb cut short"])
def test_r2_07_zip_cut_short_never_replaces_the_cached_copy(case, path, tmp_path, fault_server):
    good, broken = _cases(tmp_path, case)
    served = {"body": good, "updated": "2026-10-01T00:00:00Z"}
    fault_server.route("/omr.zip", handler=lambda _request: {"body": served["body"],
                                                             "content_type": "application/zip"})
    fault_server.route("/feed.xml", handler=lambda _request: {
        "body": FEED.format(url=fault_server.url_for("/feed.xml"), updated=served["updated"]),
        "content_type": "application/atom+xml"})
    url = fault_server.url_for("/omr.zip")
    cid = "https://example.se/id/omr" if path == "atom feed" else "omr"

    def source():
        if path == "atom feed":  # read page by page (an ATOM entry's file is never copied by OGR)
            return AtomSource(SourceSpec("lst", "atom", fault_server.url_for("/feed.xml")), HttpClient(retries=0))
        return DownloadSource(SourceSpec("lst", "download", url), HttpClient(timeout_s=10, retries=0))

    bbox = EVERYWHERE if path == "page by page" else None
    cache = Cache("orebro", str(tmp_path / "cache"))
    first = cache.refresh(source(), cid, "EPSG:3006", bbox=bbox).entry
    assert first.feature_count == 41
    before = _ids(cache, cid)
    served["body"], served["updated"] = broken, "2026-11-01T00:00:00Z"
    with pytest.raises(NetworkError) as error:
        cache.refresh(source(), cid, "EPSG:3006", bbox=bbox)
    message = str(error.value)
    assert message.startswith("The download of omr (" + url + ") is not whole: ")
    assert "It was refused and nothing was changed: a copy cached before stays as it was." in message
    expected = {"shp cut short": "omr.shp is cut short", "dbf cut short": "omr.dbf is cut short",
                "shx cut short": "omr.shx is cut short", "shx missing": "omr.shx is missing.",
                "dbf missing": "omr.dbf is missing.",
                "fgb cut short": "GDAL could not read all of it"}[case]
    assert expected in message
    again = Cache("orebro", str(tmp_path / "cache"))
    entry = again.entry(cid)
    assert (entry.file, entry.feature_count, entry.content_hash) == (first.file, 41, first.content_hash)
    assert again.verify(cid) is None and _ids(again, cid) == before and len(before) == 41


def _cut_shapefile(tmp_path, dated: bool) -> str:
    """A Shapefile (a date field: read feature by feature) whose ``.shp`` is cut in half."""
    path = str(tmp_path / ("cut-dated.shp" if dated else "cut.shp"))
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(path)
    layer = ds.CreateLayer("cut", None, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("n", ogr.OFTInteger))
    if dated:
        layer.CreateField(ogr.FieldDefn("d", ogr.OFTDate))
    for i in range(40):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("n", i)
        if dated:
            feature.SetField("d", "2024-05-17")
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POLYGON(({i} 0,{i + 1} 0,{i + 1} 1,{i} 0))"))
        layer.CreateFeature(feature)
    ds = None
    data = open(path, "rb").read()
    with open(path, "wb") as handle:
        handle.write(data[:len(data) // 2])
    return path


@pytest.fixture(params=[False, True], ids=["GDAL's exceptions off", "GDAL's exceptions on"])
def gdal_exceptions(request):
    """GDAL's Python exceptions as another plugin (or a test module) may have switched them."""
    before = gdal.GetUseExceptions()
    if request.param:
        gdal.UseExceptions()
    else:
        gdal.DontUseExceptions()
    yield request.param
    if before:
        gdal.UseExceptions()
    else:
        gdal.DontUseExceptions()


@pytest.mark.parametrize("dated", [False, True], ids=["column by column", "feature by feature"])
def test_r2_07_gdal_failing_to_read_is_never_a_short_layer(dated, tmp_path, gdal_exceptions):
    """Behind the header checks: a read GDAL fails (the same ``.shp`` cut short) raises in both
    reads of the page path, and the copy by OGR is not taken (the page path then refuses it),
    whether GDAL's exceptions are on or off."""
    path = _cut_shapefile(tmp_path, dated)
    ds = gdal.OpenEx(path, gdal.OF_VECTOR)
    with pytest.raises(OgrReadError, match="fread|gzip|read"):
        list(layer_rows(ds.GetLayer(0), 7))
    ds = None
    if dated:
        return  # a date field is never copied by OGR
    spool = _Spool(str(tmp_path / "s.spool"), None)
    try:
        assert not spool_layer(spool, LocalLayer(path, 0, (), "", "", "", "k"))
        assert spool.count == 0 and spool.seen == 0
    finally:
        spool.close()


@pytest.mark.timeout(90)
def test_r2_07_cachelayers_reports_a_zip_cut_short_as_a_failure(qgis_processing, tmp_path, fault_server, cache_dir):
    """Through Processing, as a planner runs it: the cut download is reported as failed (not as
    "N features cached"), and the copy cached before stays."""
    from qgis.core import QgsProcessingException

    from tests.test_cachelayers import Log, run
    from tests.test_source_download import v2_profile, write_profile

    good, broken = _cases(tmp_path, "shp cut short")
    served = {"body": good}
    fault_server.route("/omr.zip", handler=lambda _request: {"body": served["body"],
                                                             "content_type": "application/zip"})
    url = fault_server.url_for("/omr.zip")
    obj = v2_profile("http://127.0.0.1:1/", url, caveat=False)
    obj["datasets"].append({"id": "omr", "source": "lst", "name": "omr"})
    profile = write_profile(tmp_path, obj)
    log = Log()
    assert run({"PROFILE": profile, "COLLECTIONS": "omr"}, log)["CACHED"] == 1
    assert "omr: 41 features cached." in log.text()
    cache = Cache(obj["id"], str(cache_dir))
    first = cache.entry("omr")
    served["body"] = broken
    log = Log()
    with pytest.raises(QgsProcessingException) as info:
        run({"PROFILE": profile, "COLLECTIONS": "omr"}, log)
    assert str(info.value) == "No dataset could be cached: omr."
    assert f"omr: The download of omr ({url}) is not whole: omr.shp is cut short: " in log.text()
    assert "features cached" not in log.text()
    entry = Cache(obj["id"], str(cache_dir)).entry("omr")
    assert (entry.file, entry.feature_count) == (first.file, 41)
