"""core/geomtypes.py: the one rule for a dataset's geometry type (cache writer and memory layers)."""

import pytest
from qgis.core import QgsWkbTypes

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.geomtypes import COLLECTION, LINE, POINT, POLYGON, dominant_family, family
from tests.test_cache import E0, N0, service_for, square


def test_families_are_the_qgis_geometry_types():
    assert (POINT, LINE, POLYGON) == tuple(int(getattr(t, "value", t)) for t in (
        QgsWkbTypes.PointGeometry, QgsWkbTypes.LineGeometry, QgsWkbTypes.PolygonGeometry))
    assert family(QgsWkbTypes.MultiPolygon) == POLYGON and family(QgsWkbTypes.Point) == POINT
    assert family(QgsWkbTypes.GeometryCollection) == COLLECTION


@pytest.mark.parametrize("counts, expected", [
    ({}, None),
    ({POINT: 3, POLYGON: 1}, POINT),  # the most features win
    ({POINT: 2, POLYGON: 2}, POLYGON),  # a tie: the higher dimension
    ({POLYGON: 2, POINT: 2}, POLYGON),  # ... whatever the order the features came in
    ({LINE: 1, POINT: 1}, LINE),
    ({COLLECTION: 4, LINE: 4}, LINE),
    ({COLLECTION: 5, LINE: 4}, COLLECTION),
])
def test_dominant_family(counts, expected):
    assert dominant_family(counts) == expected


def point(i):
    return {"type": "Feature", "id": f"p{i}", "properties": {"namn": f"P {i}"},
            "geometry": {"type": "Point", "coordinates": [N0 + 100, E0 + i * 1000.0 + 100]}}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("first_points", [True, False])
def test_cache_keeps_polygons_on_a_tie(fault_server, cache_dir, first_points):
    """One point and one polygon: the cache kept the point (and dropped the polygon) where the
    memory layers kept whichever came first; both now keep the polygon."""
    feats = [point(0), square(1)] if first_points else [square(1), point(0)]
    service = service_for(fault_server, {"zones": feats})
    cache = Cache("orebro", str(cache_dir))
    result = cache.refresh(service, "zones", "EPSG:3006")
    layer = cache.layer("zones")
    assert QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.PolygonGeometry
    assert [f["rp_id"] for f in layer.getFeatures()] == ["z1"]
    assert result.entry.skip_reasons == {"geometry type differs from the collection": 1}
