"""Validity of the region's dataset features: checked once, repaired where possible.

A feature whose geometry is not valid (GEOS) would silently give wrong answers in the
check: MapServer 8.0 serves a valid two-part MultiPolygon as polygons whose second part is
a "hole" outside the shell, and an overlap with that part is then never found. Every
dataset feature is therefore validated once, when it is written into the offline cache
(``core/cache.py``) and when it is read from the service for a check (``core/sources/layers.py``):

* valid -> kept as it is;
* invalid -> ``makeValid()``, keeping only the parts of the feature's own geometry family
  (polygons stay polygons: the lines and points makeValid may add are dropped) -> counted
  as *repaired*;
* nothing of its family is left -> skipped, counted with :data:`SKIP_REASON`.
"""

from typing import Optional, Tuple

from qgis.core import QgsGeometry, QgsWkbTypes

REPAIRED = "repaired"
SKIPPED = "skipped"
VALID = "valid"
SKIP_REASON = "invalid geometry that cannot be repaired"


def _family(geometry: QgsGeometry):
    return QgsWkbTypes.geometryType(geometry.wkbType())


def _parts_of(geometry: QgsGeometry, family) -> Optional[QgsGeometry]:
    """The parts of ``geometry`` in ``family``, as one geometry (multi when more than one)."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    flat = QgsWkbTypes.flatType(geometry.wkbType())
    if flat != QgsWkbTypes.GeometryCollection and _family(geometry) == family:
        return geometry
    parts = [part for part in geometry.asGeometryCollection()
             if not part.isEmpty() and _family(part) == family]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return QgsGeometry.collectGeometry(parts)


def checked(geometry: QgsGeometry) -> Tuple[Optional[QgsGeometry], str]:
    """``(geometry to use, VALID | REPAIRED | SKIPPED)``; the geometry is None when skipped.

    Points are always valid here (the parser has refused non-finite coordinates)."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None, SKIPPED
    if geometry.isGeosValid():  # the common case first: the family is only needed otherwise
        return geometry, VALID
    family = _family(geometry)
    if family == QgsWkbTypes.PointGeometry:
        return geometry, VALID
    fixed = geometry.makeValid()
    if family in (QgsWkbTypes.UnknownGeometry, QgsWkbTypes.NullGeometry):  # a mixed collection stays mixed
        repaired = None if fixed.isNull() or fixed.isEmpty() else fixed
    else:
        repaired = _parts_of(fixed, family)
    if repaired is None or not repaired.isGeosValid():
        return None, SKIPPED
    return repaired, REPAIRED
