"""Plan statistics (contract section 4): one number per (plan area, profile statistic).

``measure`` of a statistic, over the features of its collection that pass its filter, planar
in the profile CRS; the "zone" is the plan area, or the plan area grown by ``distance_m``:

* ``area_ha``: the area of the matching polygons inside the zone (overlaps counted once);
* ``share``: that area over the plan area's own area, 0 to 1;
* ``count``: the matching features that intersect the plan area, or lie within ``distance_m``;
* ``length_km``: the length of the matching lines inside the zone;
* ``sum:<field>``: the sum of a numeric attribute, each polygon weighted by the share of its
  area inside the zone (a line by the share of its length; a point inside counts whole).
"""

from typing import Optional

from qgis.core import QgsGeometry, QgsWkbTypes

from ..errors import CheckError
from ..i18n import translate
from .extent import cached_extent, format_extent
from .matcher import Matcher, matching
from .results import PlanFeature, StatisticValue

BUFFER_SEGMENTS = 32


def zone(plan: PlanFeature, distance_m: float) -> QgsGeometry:
    """The plan area, or the plan area grown by ``distance_m``."""
    if distance_m > 0:
        return plan.geometry.buffer(distance_m, BUFFER_SEGMENTS)
    return plan.geometry


def _number(value) -> Optional[float]:
    if value is None:
        return None
    try:
        if value.isNull():
            return None
    except AttributeError:
        pass
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None


def _polygon_area(geometry: QgsGeometry) -> float:
    if geometry.isNull() or geometry.isEmpty():
        return 0.0
    return geometry.area() if geometry.type() == QgsWkbTypes.PolygonGeometry else sum(
        part.area() for part in geometry.asGeometryCollection() if part.type() == QgsWkbTypes.PolygonGeometry)


def _line_length(geometry: QgsGeometry) -> float:
    if geometry.isNull() or geometry.isEmpty():
        return 0.0
    return geometry.length() if geometry.type() == QgsWkbTypes.LineGeometry else sum(
        part.length() for part in geometry.asGeometryCollection() if part.type() == QgsWkbTypes.LineGeometry)


def measure_statistic(statistic, plan: PlanFeature, layer, matcher: Matcher) -> float:
    """The value of ``statistic`` for one plan area, from the features of ``layer``."""
    distance = float(statistic.distance_m or 0)
    area = zone(plan, distance)
    engine = QgsGeometry.createGeometryEngine(area.constGet())
    engine.prepareGeometry()
    rect = plan.geometry.boundingBox().buffered(distance)
    measure = statistic.measure
    field = statistic.sum_field
    pieces, total = [], 0.0
    for feature, geometry in matching(layer, rect, matcher):
        if measure == "count":
            if engine.intersects(geometry.constGet()) or (
                    distance > 0 and plan.geometry.distance(geometry) <= distance):
                total += 1
            continue
        if not engine.intersects(geometry.constGet()):
            continue
        inside = area.intersection(geometry)
        kind = geometry.type()
        if measure in ("area_ha", "share"):
            if kind == QgsWkbTypes.PolygonGeometry:
                pieces.append(inside)
        elif measure == "length_km":
            if kind == QgsWkbTypes.LineGeometry:
                total += _line_length(inside)
        elif field is not None:
            value = _number(feature[field]) if feature.fields().indexOf(field) >= 0 else None
            if value is None:
                continue
            if kind == QgsWkbTypes.PolygonGeometry:
                whole = geometry.area()
                total += value * (_polygon_area(inside) / whole if whole > 0 else 0.0)
            elif kind == QgsWkbTypes.LineGeometry:
                whole = geometry.length()
                total += value * (_line_length(inside) / whole if whole > 0 else 0.0)
            else:
                total += value
    if measure in ("area_ha", "share"):
        covered = _polygon_area(QgsGeometry.unaryUnion(pieces)) if pieces else 0.0
        if measure == "share":
            return min(1.0, covered / plan.area_m2) if plan.area_m2 > 0 else 0.0
        return covered / 10000.0
    if measure == "length_km":
        return total / 1000.0
    return total


def compute_statistics(profile, checked, sources, failed, result, partial: bool) -> None:
    """``result.statistics``: one :class:`StatisticValue` per (checked plan area, statistic).
    ``sources`` {collection: (layer, provenance)}; ``failed`` {collection: why it could not be
    had} (a partial run: the value is None with that reason). A cached copy cut to an extent
    that does not hold the zone gives None with the reason too (refuses the run when not partial)."""
    if not checked:
        return  # (no data was loaded; the areas outside the region get their reason from the engine)
    for statistic in profile.statistics:
        if statistic.collection in failed:
            for plan in checked:
                result.statistics.append(StatisticValue(plan.index, plan.fid, statistic.id, None, statistic.unit,
                                                        failed[statistic.collection]))
            continue
        layer, provenance = sources[statistic.collection]
        matcher = Matcher(statistic, layer)
        limit = cached_extent(provenance)
        for plan in checked:
            reach = plan.geometry.boundingBox().buffered(float(statistic.distance_m or 0))
            if limit is not None and not limit.contains(reach):
                reason = translate("the offline copy of {name} covers only the area {extent}, and the plan area "
                                   "reaches outside it", result.lang).format(
                    name=statistic.collection, extent=format_extent(limit, result.crs))
                if not partial:
                    raise CheckError(translate("Statistic {statistic}: {reason}. Cache a larger area, or the whole "
                                               "dataset, and check again.", result.lang).format(
                        statistic=statistic.id, reason=reason))
                result.statistics.append(StatisticValue(plan.index, plan.fid, statistic.id, None, statistic.unit,
                                                        reason))
                continue
            value = measure_statistic(statistic, plan, layer, matcher)
            result.statistics.append(StatisticValue(plan.index, plan.fid, statistic.id, value, statistic.unit))
