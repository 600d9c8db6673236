"""The one rule for a dataset's geometry type: the family (points, lines, polygons) most of
its features have. Used by the cache writer and the memory layers of an online read.

Tie-break (documented, independent of the order of the features): on equal counts the higher
dimension wins, polygons before lines before points; geometry collections (kept as they are,
``COLLECTION``) come last. ``dominant_family`` is pure; ``family`` asks QGIS for the family of
a WKB type."""

from typing import Mapping, Optional

from qgis.core import Qgis, QgsWkbTypes

POINT, LINE, POLYGON = 0, 1, 2  # the values of QgsWkbTypes.PointGeometry/LineGeometry/PolygonGeometry
COLLECTION = -1
_WKB_TYPE = getattr(Qgis, "WkbType", None)  # QGIS 3.30+: geometryType() takes this enum, not an int
_TIE_RANK = {POLYGON: 3, LINE: 2, POINT: 1, COLLECTION: 0}


def wkb_type(value):
    """``value`` as QGIS's WKB type (a type read as an int from SQL or OGR; QGIS 3.30+ refuses an
    int where its enum is expected)."""
    if _WKB_TYPE is not None and type(value) is int:
        return _WKB_TYPE(value)
    return value


def family(flat_type) -> int:
    """Point/line/polygon family of a flat WKB type; ``COLLECTION`` for a geometry collection."""
    if flat_type == QgsWkbTypes.GeometryCollection:
        return COLLECTION
    value = QgsWkbTypes.geometryType(wkb_type(flat_type))
    return int(getattr(value, "value", value))  # Qt6 enums are not ints


def dominant_family(counts: Mapping[int, int]) -> Optional[int]:
    """The family with the most features (``counts``: family -> number of features); on a tie
    the higher dimension (see the module). None when there are no features."""
    if not counts:
        return None
    return max(counts, key=lambda fam: (counts[fam], _TIE_RANK.get(fam, -1), -fam))
