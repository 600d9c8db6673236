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
