"""Plan statistics (contract section 4): one number per (plan area, profile statistic).

``measure`` of a statistic, over the features of its collection that pass its filter, planar
in the profile CRS; the "zone" is the plan area, or the plan area grown by ``distance_m``:

* ``area_ha``: the area of the matching polygons inside the zone (overlaps counted once); of a
  point or line collection with ``distance_m``: the part of the plan area within that distance
  of the matching features (e.g. within walking distance of a frequent public transport node);
* ``share``: that area over the plan area's own area, 0 to 1;
* ``count``: the matching features that intersect the plan area, or lie within ``distance_m``;
* ``length_km``: the length of the matching lines inside the zone;
* ``sum:<field>``: the sum of a numeric attribute, each polygon weighted by the share of its
  area inside the zone (a line by the share of its length; a point inside counts whole).
"""

from operator import itemgetter
from typing import Optional

from qgis.core import QgsGeometry, QgsWkbTypes

from ..errors import CheckError
from ..i18n import translate
from .extent import cached_extent, format_extent
from .matcher import Matcher
from .results import PlanFeature, StatisticValue
from .sweep import PlanFinder

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


class _Whole:
    """One feature read by a statistics sweep: what its parts need (its size, whether it is a
    grid square, its numbers), each found once however many zones it meets."""

    __slots__ = ("feature", "geometry", "box", "const", "kind", "fid", "_size", "_square", "_numbers", "_circles")

    def __init__(self, feature, geometry: QgsGeometry, box):
        self.feature = feature
        self.geometry = geometry
        self.box = box
        self.const = geometry.constGet()
        self.kind = geometry.type()
        self.fid = feature.id()
        self._size = self._square = None
        self._numbers = {}
        self._circles = {}  # distance -> the feature buffered by it

    def size(self) -> float:
        """A polygon's area, a line's length (0 for a point)."""
        if self._size is None:
            self._size = (self.geometry.area() if self.kind == QgsWkbTypes.PolygonGeometry
                          else self.geometry.length() if self.kind == QgsWkbTypes.LineGeometry else 0.0)
        return self._size

    def square(self) -> bool:
        """A polygon that fills its bbox (a grid square): cut by the box, not by overlay."""
        if self._square is None:
            self._square = self.kind == QgsWkbTypes.PolygonGeometry and abs(
                self.size() - self.box.area()) <= 1e-9 * self.box.area()
        return self._square

    def number(self, field: str) -> Optional[float]:
        if field not in self._numbers:
            self._numbers[field] = _number(self.feature[field]) if self.feature.fields().indexOf(field) >= 0 else None
        return self._numbers[field]

    def reached(self, plan: PlanFeature, distance: float, engine, own):
        """A point or line: the part of the plan area within ``distance`` of it (the share of a plan
        within walking distance of a public transport node); ``engine``: the zone prepared, ``own``:
        the plan area prepared. The feature's circle is made once for all the areas it reaches."""
        if distance <= 0 or not engine.intersects(self.const):
            return None
        circle = self._circles.get(distance)
        if circle is None:
            circle = self._circles[distance] = self.geometry.buffer(distance, BUFFER_SEGMENTS)
        if own.within(circle.constGet()):
            return plan.geometry  # (the value then takes the plan area, without a union)
        return plan.geometry.intersection(circle)

    def cut(self, area: QgsGeometry, engine):
        """``(part inside the zone or None, wholly inside)``: the zone ``area`` prepared as
        ``engine``; the feature itself when it lies inside, the zone clipped to the box of a grid
        square, else their intersection."""
        if engine.contains(self.const):
            return self.geometry, True
        if self.square():  # (a square outside the zone clips to nothing)
            piece = area.clipped(self.box)
            return (None if piece.isEmpty() else piece), False
        if not engine.intersects(self.const):
            return None, False
        return area.intersection(self.geometry), False


class _Entry:
    """One statistic of a sweep: its filter, distance, the grown boxes and zones of its areas."""

    __slots__ = ("statistic", "id", "matcher", "distance", "boxes", "zones", "measure", "field", "parts")

    def __init__(self, statistic, matcher, distance: float, boxes: dict, zones: dict, parts: dict):
        self.statistic = statistic
        self.id = statistic.id
        self.matcher = matcher
        self.distance = distance
        self.boxes = boxes  # PlanFeature.index -> the area's bbox grown by the distance
        self.zones = zones  # PlanFeature.index -> (zone, prepared engine), shared by the distance
        self.measure = statistic.measure
        self.field = statistic.sum_field
        self.parts = parts  # PlanFeature.index -> [(feature id, part)]


class _Zones:
    """Each plan area's zone per distance and its prepared engine, made once (the statistics
    with the same distance share them)."""

    def __init__(self):
        self.made = {}  # distance -> {PlanFeature.index: (zone, prepared engine)}

    def of(self, distance: float) -> dict:
        """The zones of one distance, by PlanFeature.index (filled by :meth:`get`)."""
        return self.made.setdefault(distance, {})

    def get(self, plan: PlanFeature, distance: float, made: Optional[dict] = None):
        made = self.of(distance) if made is None else made
        found = made.get(plan.index)
        if found is None:
            area = zone(plan, distance)
            engine = QgsGeometry.createGeometryEngine(area.constGet())
            engine.prepareGeometry()
            found = made[plan.index] = (area, engine)
        return found


class StatisticsSweep:
    """The statistics on one collection, measured in one pass over its features near the plan
    areas (issue 18): each feature is read once, each filter evaluated once, and a feature's part
    inside a zone is cut once for every statistic with that zone. The values are those of asking
    the layer once per (statistic, plan area) for the features in the plan area's box grown by the
    statistic's distance: a feature outside that box cannot meet the zone nor lie within the
    distance. The parts are summed in the order of the features' ids."""

    def __init__(self, layer, zones: _Zones, finder, feedback=None):
        self.layer = layer
        self.finder = finder
        self.zones = zones
        self.feedback = feedback
        self.entries = []  # [_Entry]
        self.parts = {}  # statistic id -> {PlanFeature.index: [(feature id, part)]}
        self.reach = 0.0  # the largest distance of the statistics: the one the features are read for

    def add(self, statistic, matcher, plans) -> None:
        distance = float(statistic.distance_m or 0)
        boxes = {plan.index: self.finder.grown(plan, distance) for plan in plans}
        parts = self.parts[statistic.id] = {plan.index: [] for plan in plans}
        self.entries.append(_Entry(statistic, matcher, distance, boxes, self.zones.of(distance), parts))

    def run(self) -> None:
        wanted = {index for entry in self.entries for index in entry.boxes}
        reach = self.reach = max((entry.distance for entry in self.entries), default=0.0)
        for feature, geometry, box, close in self.finder.features_near(self.layer, wanted, reach, self.feedback):
            self._measure(feature, geometry, box, close)

    def _measure(self, feature, geometry, box, close) -> None:
        whole = _Whole(feature, geometry, box)
        inside = {}  # distance -> {PlanFeature.index: Whole.cut of that zone}
        for entry in self.entries:
            boxes = entry.boxes
            if entry.distance == self.reach:  # ``close`` holds just these (and some within SLACK_M more)
                plans = [plan for plan in close if plan.index in boxes]
            else:
                plans = [plan for plan in close if plan.index in boxes and boxes[plan.index].intersects(box)]
            if not plans or not entry.matcher(feature):
                continue
            part_of = _PARTS.get(entry.measure, _sum)
            cuts = inside.setdefault(entry.distance, {})
            parts = entry.parts
            for plan in plans:
                part = part_of(self.zones, entry, plan, whole, cuts)
                if part is not None:
                    parts[plan.index].append((whole.fid, part))

    def value(self, statistic, plan: PlanFeature) -> float:
        """The statistic's value for one plan area, from the parts the pass collected."""
        parts = [part for _fid, part in sorted(self.parts.get(statistic.id, {}).get(plan.index, []),
                                                key=itemgetter(0))]
        measure = statistic.measure
        if measure in ("area_ha", "share"):
            if any(part is plan.geometry for part in parts):  # (Whole.reached: all of the plan area)
                covered = _polygon_area(plan.geometry)
            else:
                covered = _polygon_area(QgsGeometry.unaryUnion(parts)) if parts else 0.0
            if measure == "share":
                return min(1.0, covered / plan.area_m2) if plan.area_m2 > 0 else 0.0
            return covered / 10000.0
        total = 0.0
        for part in parts:
            total += part
        if measure == "length_km":
            return total / 1000.0
        return total


def _zone(zones: _Zones, entry: _Entry, plan: PlanFeature):
    found = entry.zones.get(plan.index)
    return found if found is not None else zones.get(plan, entry.distance, entry.zones)


def _cut(zones: _Zones, entry: _Entry, plan: PlanFeature, whole: _Whole, cuts: dict):
    """The feature's part inside the entry's zone of ``plan`` (``Whole.cut``), once per zone
    (``cuts``: PlanFeature.index -> cut, of the entry's distance)."""
    cut = cuts.get(plan.index)
    if cut is None:
        found = entry.zones.get(plan.index) or zones.get(plan, entry.distance, entry.zones)
        cut = cuts[plan.index] = whole.cut(*found)
    return cut


def _count(zones, entry, plan, whole, cuts):
    engine = _zone(zones, entry, plan)[1]
    distance = entry.distance
    near = engine.intersects(whole.const) or (distance > 0 and plan.geometry.distance(whole.geometry) <= distance)
    return 1.0 if near else None


def _cover(zones, entry, plan, whole, cuts):
    """``area_ha``/``share``: the polygon's part inside the zone (a point's or line's: the plan area
    within the distance of it)."""
    if whole.kind != QgsWkbTypes.PolygonGeometry:
        engine = _zone(zones, entry, plan)[1]
        return whole.reached(plan, entry.distance, engine, zones.get(plan, 0.0)[1])
    piece = _cut(zones, entry, plan, whole, cuts)[0]
    return None if piece is None else QgsGeometry(piece)


def _length(zones, entry, plan, whole, cuts):
    piece = _cut(zones, entry, plan, whole, cuts)[0]
    return _line_length(piece) if piece is not None and whole.kind == QgsWkbTypes.LineGeometry else None


def _sum(zones, entry, plan, whole, cuts):
    """``sum:<field>``: the value weighted by the share of the polygon's area (line's length)
    inside the zone; a point inside counts whole."""
    value = whole.number(entry.field) if entry.field is not None else None
    if value is None:
        return None
    piece, contained = _cut(zones, entry, plan, whole, cuts)
    if piece is None:
        return None
    kind = whole.kind
    if kind == QgsWkbTypes.PointGeometry:
        return value
    size = whole.size()
    if size <= 0:
        return 0.0
    if contained:
        return value
    inner = piece.area() if kind == QgsWkbTypes.PolygonGeometry else _line_length(piece)  # (not empty)
    return value * (inner / size)


_PARTS = {"count": _count, "area_ha": _cover, "share": _cover, "length_km": _length}


def compute_statistics(profile, checked, sources, failed, result, partial: bool, feedback=None,
                       finder=None) -> None:
    """``result.statistics``: one :class:`StatisticValue` per (checked plan area, statistic).
    ``sources`` {collection: (layer, provenance)}; ``failed`` {collection: why it could not be
    had} (a partial run: the value is None with that reason). A cached copy cut to an extent
    that does not hold the zone gives None with the reason too (refuses the run when not partial)."""
    if not checked:
        return  # (no data was loaded; the areas outside the region get their reason from the engine)
    planned = []  # (statistic, its Matcher, [(plan, reason or None)])
    for statistic in profile.statistics:
        if statistic.collection in failed:
            planned.append((statistic, None, [(plan, failed[statistic.collection]) for plan in checked]))
            continue
        layer, provenance = sources[statistic.collection]
        matcher = Matcher(statistic, layer)
        limit = cached_extent(provenance)
        rows = []
        for plan in checked:
            reason = None
            if limit is not None and not limit.contains(
                    plan.geometry.boundingBox().buffered(float(statistic.distance_m or 0))):
                reason = translate("the offline copy of {name} covers only the area {extent}, and the plan area "
                                   "reaches outside it", result.lang).format(
                    name=statistic.collection, extent=format_extent(limit, result.crs))
                if not partial:
                    raise CheckError(translate("Statistic {statistic}: {reason}. Cache a larger area, or the whole "
                                               "dataset, and check again.", result.lang).format(
                        statistic=statistic.id, reason=reason))
            rows.append((plan, reason))
        planned.append((statistic, matcher, rows))
    sweeps = _sweeps(planned, sources, finder or _finder(checked), feedback)
    for statistic, _matcher, rows in planned:
        for plan, reason in rows:
            value = None if reason else sweeps[statistic.collection].value(statistic, plan)
            result.statistics.append(StatisticValue(plan.index, plan.fid, statistic.id, value, statistic.unit,
                                                    reason or ""))


def _finder(checked):
    return PlanFinder(checked)


def _sweeps(planned, sources, finder, feedback) -> dict:
    """{collection: its StatisticsSweep, run}: one pass per collection for all its statistics."""
    zones = _Zones()
    sweeps = {}
    for statistic, matcher, rows in planned:
        if matcher is None:  # its data could not be had
            continue
        layer = sources[statistic.collection][0]
        if statistic.collection not in sweeps:
            sweeps[statistic.collection] = StatisticsSweep(layer, zones, finder, feedback)
        sweep = sweeps[statistic.collection]
        sweep.add(statistic, matcher, [plan for plan, reason in rows if not reason])
    for sweep in sweeps.values():
        sweep.run()
    return sweeps
