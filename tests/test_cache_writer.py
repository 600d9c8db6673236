"""core/cache/writer.py on its own: pages in memory -> spool -> GeoPackage, no server."""

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsVectorLayer

from regionplan_plugin.core.cache.entry import CacheEntry
from regionplan_plugin.core.cache.writer import _Spool, _write_gpkg
from regionplan_plugin.core.service import Page, ParsedFeature


@pytest.mark.timeout(60)
def test_pages_in_memory_become_a_geopackage(tmp_path):
    features = [ParsedFeature(f"z{i}", {"n": i, "big": 2 ** 64 if i else 1, "flag": i % 2 == 0},
                              QgsGeometry.fromWkt(f"POLYGON(({i} 0, {i} 1, {i + 1} 1, {i + 1} 0, {i} 0))"))
                for i in range(3)]
    features.append(ParsedFeature("p", {}, QgsGeometry.fromWkt("POINT(0 0)")))
    features.append(ParsedFeature("bad", {}, QgsGeometry.fromWkt("POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))")))
    spool = _Spool(str(tmp_path / "x.spool"), None)
    spool.add(Page(features=features[:2], skipped=1, skip_reasons={"no geometry": 1}))
    spool.add(Page(features=features[2:]))
    spool.close()
    entry = CacheEntry("zones", "x.gpkg", crs="EPSG:3006", skipped=spool.skipped, skip_reasons=dict(spool.skip_reasons))
    path = str(tmp_path / "x.gpkg")
    _write_gpkg(path, spool, entry, None, QgsCoordinateReferenceSystem("EPSG:3006").toWkt())
    assert {f["name"]: f["type"] for f in entry.fields} == {"n": "int", "big": "string", "flag": "bool"}
    assert entry.geometry_type == "Multi Polygon" and entry.feature_count == 4 and entry.repaired == 1
    assert entry.skipped == 2
    assert entry.skip_reasons == {"no geometry": 1, "geometry type differs from the collection": 1}
    layer = QgsVectorLayer(path + "|layername=features", "x", "ogr")
    rows = {f["rp_id"]: f for f in layer.getFeatures()}
    assert sorted(rows) == ["bad", "z0", "z1", "z2"]
    assert rows["z1"]["big"] == str(2 ** 64) and rows["z0"]["big"] == "1" and rows["z2"]["n"] == 2
    assert layer.crs().authid() == "EPSG:3006"


# property values whose field kind depends on their order (fieldtypes.merge_kind is not
# associative), reals and booleans in text fields, non-finite reals, NUL, big integers, JSON
_TRICKY = {
    "bool_int_real": [True, 1, 1.5],
    "real_bool_int": [1.5, True, 1],
    "int_bool_real": [1, True, 2.5],
    "text_mix": ["x", 0.1 + 0.2, 1e20, 5, True, None, {"k": [1, 2]}, float("nan")],
    "real_nan": [1.5, float("nan"), float("inf"), 2],
    "nul": ["x\x00y", "plain", None],
    "big": [2 ** 63, -2 ** 63, 2 ** 63 - 1],
    "flags": [True, False, None],
    "json": [[1, "x"], {"z": 1, "a": None}, None],
    "json_text": [[1], "s", None],
}


def _expected(kind, value):
    from regionplan_plugin.core.fieldtypes import field_value

    value = field_value(value, {"string": "text"}.get(kind, kind))
    return int(value) if kind == "bool" and value is not None else value


@pytest.mark.timeout(60)
@pytest.mark.parametrize("page_size", [1, 2, 8])
def test_sql_copy_gives_every_field_the_value_fieldtypes_gives(tmp_path, page_size):
    """The copy is SQL (issue 18, item 1): each value must still be ``fieldtypes.field_value`` of
    the property in the field's kind, whatever the pages; the geometries are real GeoPackage
    blobs that the R-tree indexes (a blob typed as text is read but never indexed)."""
    import sqlite3

    from osgeo import ogr

    from regionplan_plugin.core.fieldtypes import merge_kind, value_kind

    count = max(len(v) for v in _TRICKY.values())
    props = [{name: values[i] for name, values in _TRICKY.items() if i < len(values)} for i in range(count)]
    features = [ParsedFeature(f"f{i}", p, QgsGeometry.fromWkt(f"POLYGON(({i} 0, {i} 1, {i + 1} 1, {i + 1} 0, {i} 0))"))
                for i, p in enumerate(props)]
    spool = _Spool(str(tmp_path / "x.spool"), None)
    for start in range(0, count, page_size):
        spool.add(Page(features=features[start:start + page_size]))
    spool.close()
    entry = CacheEntry("tricky", "x.gpkg", crs="EPSG:3006")
    path = str(tmp_path / "x.gpkg")
    _write_gpkg(path, spool, entry, None, QgsCoordinateReferenceSystem("EPSG:3006").toWkt())
    kinds = {}
    for name, values in _TRICKY.items():
        for value in values:
            kinds[name] = merge_kind(kinds.get(name), value_kind(value))
    plan = {f["name"]: f["type"] for f in entry.fields}
    assert plan == {name: {"text": "string"}.get(kind, kind) for name, kind in kinds.items()}
    assert plan["bool_int_real"] == "real" and plan["real_bool_int"] == "string"
    source = ogr.Open(path)
    layer = source.GetLayerByName("features")
    got = {}
    for feature in layer:
        row = {}
        for name in plan:
            index = feature.GetFieldIndex(name)
            row[name] = None if not feature.IsFieldSetAndNotNull(index) else {
                "int": feature.GetFieldAsInteger64, "bool": feature.GetFieldAsInteger,
                "real": feature.GetFieldAsDouble}.get(plan[name], feature.GetFieldAsString)(index)
        got[feature.GetField("rp_id")] = row
    source = None
    for i, p in enumerate(props):
        assert got[f"f{i}"] == {name: _expected(plan[name], p.get(name)) for name in plan}, i
    assert got["f1"]["text_mix"] == "0.30000000000000004" and got["f4"]["text_mix"] == "true"
    assert got["f0"]["nul"] == "x\ufffdy" and got["f1"]["real_nan"] is None
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT DISTINCT typeof(geom) FROM features").fetchall() == [("blob",)]
        assert con.execute("SELECT COUNT(*) FROM rtree_features_geom").fetchone()[0] == count
        assert con.execute("SELECT feature_count FROM gpkg_ogr_contents").fetchone()[0] == count
    finally:
        con.close()
    layer = QgsVectorLayer(path + "|layername=features", "x", "ogr")
    from qgis.core import QgsFeatureRequest, QgsRectangle

    request = QgsFeatureRequest().setFilterRect(QgsRectangle(2.2, 0.2, 2.8, 0.8))
    assert [f["rp_id"] for f in layer.getFeatures(request)] == ["f2"]
    assert layer.featureCount() == count and layer.extent() == QgsRectangle(0, 0, count, 1)


@pytest.mark.timeout(60)
def test_geometries_sql_cannot_convert_are_written_by_ogr(tmp_path):
    """3D and curved geometries keep the old path (OGR, one by one): forced to the layer's
    multi type, indexed, in the extent."""
    wkts = ["POLYGON Z((0 0 1, 0 1 1, 1 1 2, 1 0 1, 0 0 1))",
            "CURVEPOLYGON(CIRCULARSTRING(2 0, 3 1, 4 0, 3 -1, 2 0))",
            "POLYGON((5 0, 5 1, 6 1, 6 0, 5 0))"]
    features = [ParsedFeature(f"g{i}", {"i": i}, QgsGeometry.fromWkt(w)) for i, w in enumerate(wkts)]
    spool = _Spool(str(tmp_path / "x.spool"), None)
    spool.add(Page(features=features))
    spool.close()
    entry = CacheEntry("odd", "x.gpkg", crs="EPSG:3006")
    path = str(tmp_path / "x.gpkg")
    _write_gpkg(path, spool, entry, None, QgsCoordinateReferenceSystem("EPSG:3006").toWkt())
    assert entry.geometry_type == "Multi Polygon" and entry.feature_count == 3
    layer = QgsVectorLayer(path + "|layername=features", "x", "ogr")
    geoms = {f["rp_id"]: f.geometry() for f in layer.getFeatures()}
    assert geoms["g0"].asWkt().replace("MultiPolygon Z", "MultiPolygonZ") == (  # QGIS 3.40 writes "MultiPolygon Z"
        "MultiPolygonZ (((0 0 1, 0 1 1, 1 1 2, 1 0 1, 0 0 1)))")
    assert geoms["g1"].asWkt().startswith("MultiPolygon (((2 0, ") and geoms["g2"].asWkt().startswith("MultiPolygon")
    from qgis.core import QgsFeatureRequest, QgsRectangle

    request = QgsFeatureRequest().setFilterRect(QgsRectangle(2.5, -0.5, 3.5, 0.5))
    assert [f["rp_id"] for f in layer.getFeatures(request)] == ["g1"]
    assert layer.extent().xMinimum() == 0 and layer.extent().xMaximum() == 6


@pytest.mark.timeout(60)
def test_rtree_indexes_the_written_rows_when_some_are_left_out(tmp_path):
    """The background R-tree holds every spooled row; when some are not written (another
    geometry family) the copy's R-tree is built from the spooled envelopes of those written,
    under their own fids."""
    import sqlite3

    from qgis.core import QgsFeatureRequest, QgsRectangle

    features = [ParsedFeature("p", {}, QgsGeometry.fromWkt("POINT(0.5 0.5)"))]
    features += [ParsedFeature(f"z{i}", {}, QgsGeometry.fromRect(QgsRectangle(i, 0, i + 1, 1))) for i in range(1, 4)]
    spool = _Spool(str(tmp_path / "x.spool"), None)
    spool.add(Page(features=features))
    spool.close()
    entry = CacheEntry("zones", "x.gpkg", crs="EPSG:3006")
    path = str(tmp_path / "x.gpkg")
    _write_gpkg(path, spool, entry, None, QgsCoordinateReferenceSystem("EPSG:3006").toWkt())
    assert entry.feature_count == 3 and entry.skip_reasons == {"geometry type differs from the collection": 1}
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT rtreecheck('rtree_features_geom')").fetchone()[0] == "ok"
        assert con.execute("SELECT r.id, f.rp_id, r.minx FROM rtree_features_geom r JOIN features f ON f.fid = r.id "
                           "ORDER BY r.id").fetchall() == [(1, "z1", 1.0), (2, "z2", 2.0), (3, "z3", 3.0)]
    finally:
        con.close()
    layer = QgsVectorLayer(path + "|layername=features", "x", "ogr")
    request = QgsFeatureRequest().setFilterRect(QgsRectangle(3.2, 0.2, 3.8, 0.8))
    assert [f["rp_id"] for f in layer.getFeatures(request)] == ["z3"]
