"""A downloaded layer is copied by OGR into the spool (issue 18, item 1: ``core/cache/ogrcopy.py``)
and cached exactly as when it is read page by page: the same ids, values, geometries, schema,
repaired and skipped features. The page path is the one a bbox takes; the comparison is
between two real refreshes of one ZIP served over HTTP."""

import os
import zipfile

import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsFeedback, QgsGeometry, QgsVectorLayer

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.errors import Cancelled
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile.sources import SourceSpec
from regionplan_plugin.core.sources.download import DownloadSource
from tests.fixtures.static import StaticServer

pytestmark = pytest.mark.timeout(60)
EVERYWHERE = (0, 0, 2_000_000, 10_000_000)  # EPSG:3006: keeps every feature, but reads page by page


def _zip(folder, name="omr", rows=None):
    """A zipped Shapefile in EPSG:3006: valid polygons with text, integer and real fields, a bow
    tie (repaired), a sliver (two points: skipped) and a feature without geometry."""
    work = folder / "work"
    work.mkdir(exist_ok=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(work / (name + ".shp")))
    layer = ds.CreateLayer(name, srs, ogr.wkbPolygon, ["ENCODING=UTF-8"])
    for field, kind in (("namn", ogr.OFTString), ("antal", ogr.OFTInteger), ("andel", ogr.OFTReal),
                        ("tom", ogr.OFTInteger)):
        layer.CreateField(ogr.FieldDefn(field, kind))
    square = "POLYGON(({x} 6500000,{x1} 6500000,{x1} 6500100,{x} 6500100,{x} 6500000))"
    rows = rows or [(f"Område {i} – å", i, i / 4, square.format(x=500000 + 200 * i, x1=500100 + 200 * i))
                    for i in range(40)]
    rows += [("fjäril", 40, 0.5, "POLYGON((600000 6500000,600100 6500100,600100 6500000,600000 6500100,"
                                  "600000 6500000))"),
             ("streck", 41, 0.25, "POLYGON((600000 6600000,600100 6600000,600000 6600000))"),
             ("ingen", 42, None, None)]
    for text, count, share, wkt in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("namn", text)
        feature.SetField("antal", count)
        if share is not None:
            feature.SetField("andel", share)
        if wkt:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    ds = None
    static = folder / "static"
    static.mkdir(exist_ok=True)
    with zipfile.ZipFile(static / (name + ".zip"), "w", zipfile.ZIP_DEFLATED) as archive:
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            if (work / (name + ext)).exists():
                archive.write(work / (name + ext), name + ext)
    return static


def _rows(path):
    layer = QgsVectorLayer(path + "|layername=features", "copy", "ogr")
    assert layer.isValid()
    names = [f.name() for f in layer.fields() if f.name() != "fid"]
    rows = {f["rp_id"]: ({n: f[n] for n in names}, f.geometry().asWkt(3)) for f in layer.getFeatures()}
    fields = [(f.name(), f.typeName()) for f in layer.fields()]
    del layer
    return rows, fields


@pytest.fixture
def served(tmp_path):
    server = StaticServer(_zip(tmp_path))
    yield server
    server.close()


def _source(server):
    return DownloadSource(SourceSpec("lst", "download", server.url("omr.zip")), HttpClient(timeout_s=10))


def test_the_copy_made_by_ogr_is_the_copy_made_page_by_page(tmp_path, served):
    source = _source(served)
    assert source.local_layer("omr", "EPSG:3006") is not None  # the OGR copy applies
    whole = Cache("a", str(tmp_path / "a")).refresh(source, "omr", "EPSG:3006", force=True).entry
    paged_cache = Cache("b", str(tmp_path / "b"))
    paged = paged_cache.refresh(source, "omr", "EPSG:3006", bbox=EVERYWHERE, force=True).entry
    assert (whole.feature_count, whole.repaired, whole.skipped) == (41, 1, 2)
    assert whole.skip_reasons == {"no geometry": 1, "invalid geometry that cannot be repaired": 1}
    # a bbox is a spatial filter: the feature without geometry is never read, so not counted
    assert (paged.feature_count, paged.repaired, paged.skip_reasons) == (41, 1, {
        "invalid geometry that cannot be repaired": 1})
    assert whole.fields == paged.fields and whole.geometry_type == paged.geometry_type
    mine, mine_fields = _rows(Cache("a", str(tmp_path / "a")).path("omr"))
    theirs, their_fields = _rows(paged_cache.path("omr"))
    assert mine == theirs and mine_fields == their_fields
    assert mine["3"][0]["namn"] == "Område 3 – å" and mine["3"][0]["andel"] == 0.75
    assert "41" not in mine and "42" not in mine
    assert "40" in mine and QgsGeometry.fromWkt(mine["40"][1]).isGeosValid()  # the bow tie, repaired


def test_the_same_download_again_is_fresh_and_a_spatial_query_works(tmp_path, served):
    cache = Cache("a", str(tmp_path / "a"))
    source = _source(served)
    first = cache.refresh(source, "omr", "EPSG:3006").entry
    again = cache.refresh(_source(served), "omr", "EPSG:3006")
    assert again.status == "fresh" and again.entry.file == first.file
    layer = cache.layer("omr")
    from qgis.core import QgsFeatureRequest, QgsRectangle

    hits = [f["rp_id"] for f in layer.getFeatures(QgsFeatureRequest(QgsRectangle(500150, 6500010, 500250, 6500020)))]
    assert hits == ["1"]  # the R-tree of the copy indexes every feature under its id
    del layer


def test_a_cancel_during_the_copy_leaves_nothing(tmp_path):
    big = [(f"Område {i}", i, 0.5, "POLYGON(({x} 6500000,{x1} 6500000,{x1} 6500100,{x} 6500000))".format(
        x=400000 + 10 * i, x1=400005 + 10 * i)) for i in range(20000)]
    server = StaticServer(_zip(tmp_path, "stor", big))
    try:
        feedback = QgsFeedback()
        feedback.progressChanged.connect(lambda value: feedback.cancel() if value > 0 else None)
        cache = Cache("a", str(tmp_path / "a"))
        source = DownloadSource(SourceSpec("lst", "download", server.url("stor.zip")), HttpClient(timeout_s=10))
        with pytest.raises(Cancelled):
            cache.refresh(source, "stor", "EPSG:3006", feedback=feedback)
        assert cache.entry("stor") is None
        assert os.listdir(os.path.join(cache.dir, "tmp")) == []
    finally:
        server.close()
    gdal.ErrorReset()
