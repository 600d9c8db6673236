"""One pass per collection (issue 18): every feature of a rule's collection near the plan is read
once, its filters evaluated once per rule, and it is measured only against the plan areas whose
box (grown by the rule's distance) its box meets.

The findings are those of asking the layer once per (rule, plan area) for the features in the
plan area's box grown by the rule's distance (``relations.py``): a feature outside that box
cannot intersect the plan area nor lie within the distance. P ∩ F and "does F touch P" are
computed once per (F, P) and shared by the rules on the collection.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from qgis.core import QgsFeatureRequest, QgsRectangle, QgsSpatialIndex

from .. import util
from ..errors import Cancelled, CheckError, RegionplanError
from ..i18n import tr
from ..vocabulary import BEYOND_DISTANCE, INTERSECTS, WITHIN_DISTANCE
from .features import FeatureText, is_polygon
from .measure import make_finding
from .municipalities import boundary_sides

CANCEL_EVERY = 1000  # features read between two looks at the cancel flag
LINEAR_PLANS = 16  # up to this many plan areas a list is searched; more get a spatial index
SLACK_M = 0.001  # the plan finder's box is this much larger than the rules' own (rounding)


@dataclass
class Pair:
    """What one rule found for one plan area in the sweep."""

    findings: list = field(default_factory=list)  # [(Finding, boundary sides or None)]
    near: bool = False  # beyond_distance: a matching F lies within the distance
    error: Optional[RegionplanError] = None  # the filter failed on a candidate: raised for this pair


@dataclass
class _Entry:
    """One rule of the sweep: its filter, reach and the boxes of the plan areas it checks."""

    rule: object
    matcher: object
    message: str
    boundary: bool
    reach: float
    min_overlap_m2: float
    boxes: Dict[int, QgsRectangle] = field(default_factory=dict)  # PlanFeature.index -> grown bbox
    candidates: int = 0


def reach_of(rule) -> float:
    return 0.0 if rule.relation == INTERSECTS else float(rule.distance_m or 0)


class Sweep:
    """The rules on one collection, measured in one pass over its features near the plan."""

    def __init__(self, layer, finder: "PlanFinder", feedback=None):
        self.layer = layer
        self.finder = finder
        self.feedback = feedback
        self.text = FeatureText(layer.fields())
        self.entries: List[_Entry] = []
        self.pairs: Dict[tuple, Pair] = {}
        self.rules = set()

    def add(self, rule, matcher, message: str, plans, boundary: bool = False) -> None:
        """A rule and the plan areas it checks (those its purpose applies to and that can be checked)."""
        reach = reach_of(rule)
        entry = _Entry(rule, matcher, message, boundary, reach, float(getattr(rule, "min_overlap_m2", 0) or 0))
        for plan in plans:
            entry.boxes[plan.index] = self.finder.grown(plan, reach)
            self.pairs[(rule.id, plan.index)] = Pair()
        self.entries.append(entry)
        self.rules.add(rule.id)

    def pair(self, rule_id: str, plan_index: int) -> Pair:
        return self.pairs.get((rule_id, plan_index)) or Pair()

    def candidates(self, rule_id: str) -> int:
        return sum(entry.candidates for entry in self.entries if entry.rule.id == rule_id)

    def run(self, measures) -> None:
        """Read the features in the union of the grown boxes once and measure each against the
        plan areas near it. ``measures``: PlanFeature.index -> Measure."""
        wanted = {index for entry in self.entries for index in entry.boxes}
        reach = max((entry.reach for entry in self.entries), default=0.0)
        for feature, geometry, box, close in self.finder.features_near(self.layer, wanted, reach, self.feedback):
            _Feature(self, feature, geometry, box, measures).measure(close)


class PlanFinder:
    """The checked plan areas by bbox: those whose bbox grown by a reach meets a feature's bbox
    (a superset: the rules test their own grown boxes), with a spatial index when there are many."""

    def __init__(self, plans):
        self.list = list(plans)
        self.boxes = [plan.geometry.boundingBox() for plan in self.list]
        self.by_index = {plan.index: box for plan, box in zip(self.list, self.boxes)}
        self.grown_boxes = {}  # (PlanFeature.index, reach) -> bbox grown by reach
        self.index = None
        if len(self.list) > LINEAR_PLANS:
            self.index = QgsSpatialIndex()
            for position, box in enumerate(self.boxes):
                self.index.addFeature(position, box)

    def box(self, plan) -> QgsRectangle:
        """The plan area's bbox (computed once)."""
        box = self.by_index.get(plan.index)
        return box if box is not None else plan.geometry.boundingBox()

    def grown(self, plan, reach: float) -> QgsRectangle:
        """The plan area's bbox grown by ``reach`` (made once per reach)."""
        key = (plan.index, reach)
        box = self.grown_boxes.get(key)
        if box is None:
            box = self.grown_boxes[key] = self.box(plan).buffered(reach)
        return box

    def extent(self, wanted, reach: float) -> QgsRectangle:
        """The bbox of the ``wanted`` plan areas (PlanFeature.index) grown by ``reach``."""
        union = None
        for plan, box in zip(self.list, self.boxes):
            if plan.index in wanted:
                if union is None:
                    union = QgsRectangle(box)
                else:
                    union.combineExtentWith(box)
        return union.buffered(reach) if union is not None else QgsRectangle()

    def features_near(self, layer, wanted, reach: float, feedback=None):
        """``(feature, geometry, bbox, [PlanFeature])`` for each feature of ``layer`` with a
        geometry that lies within ``reach`` of one of the ``wanted`` plan areas' boxes, read once
        from the union of those boxes; Cancelled when ``feedback`` is."""
        if not wanted:
            return
        request = QgsFeatureRequest().setFilterRect(self.extent(wanted, reach))
        for count, feature in enumerate(layer.getFeatures(request)):
            if count % CANCEL_EVERY == 0 and util.is_canceled(feedback):
                raise Cancelled(tr("The check was cancelled."))
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty():
                continue
            box = geometry.boundingBox()
            close = self.near(box, reach, wanted)
            if close:
                yield feature, geometry, box, close

    def near(self, box: QgsRectangle, reach: float, wanted) -> list:
        """The ``wanted`` plan areas, in plan order, whose bbox grown by ``reach`` may meet ``box``."""
        grown = box.buffered(reach + SLACK_M)
        if self.index is None:
            return [plan for plan, own in zip(self.list, self.boxes) if plan.index in wanted and own.intersects(grown)]
        found = (self.list[position] for position in sorted(self.index.intersects(grown)))
        return [plan for plan in found if plan.index in wanted]


class _Feature:
    """One feature F of the collection measured against the plan areas near it, for every rule."""

    def __init__(self, sweep: Sweep, feature, geometry, box, measures):
        self.sweep = sweep
        self.feature = feature
        self.geometry = geometry
        self.box = box
        self.measures = measures
        self.polygon = is_polygon(geometry)
        self.touching = {}  # PlanFeature.index -> F intersects P
        self.overlaps = {}  # PlanFeature.index -> P ∩ F

    def touches(self, plan) -> bool:
        if plan.index not in self.touching:
            self.touching[plan.index] = self.measures[plan.index].intersects(self.geometry)
        return self.touching[plan.index]

    def overlap(self, plan):
        if plan.index not in self.overlaps:
            self.overlaps[plan.index] = self.measures[plan.index].overlap(self.geometry)
        return self.overlaps[plan.index]

    def measure(self, close) -> None:
        for entry in self.sweep.entries:
            matches = None
            for plan in close:
                box = entry.boxes.get(plan.index)
                if box is None or not box.intersects(self.box):
                    continue
                pair = self.sweep.pairs[(entry.rule.id, plan.index)]
                if matches is None:
                    try:
                        matches = bool(entry.matcher(self.feature))
                    except CheckError as error:
                        matches = error
                if isinstance(matches, CheckError):
                    pair.error = pair.error or matches
                    continue
                if not matches:
                    continue
                entry.candidates += 1
                if pair.error is None:
                    self._relate(entry, plan, pair)

    def _relate(self, entry: _Entry, plan, pair: Pair) -> None:
        relation = entry.rule.relation
        measure = self.measures[plan.index]
        if relation == BEYOND_DISTANCE:
            if not pair.near and measure.distance(self.geometry, self.touches(plan)) <= entry.reach:
                pair.near = True
            return
        touches = self.touches(plan)
        if relation == INTERSECTS:
            if not touches:
                return
            if self.polygon and entry.min_overlap_m2 > 0:
                overlap = self.overlap(plan)
                if overlap.isNull() or overlap.area() < entry.min_overlap_m2:
                    return
            distance = 0.0
        elif relation == WITHIN_DISTANCE:
            distance = measure.distance(self.geometry, touches)
            if distance > entry.reach:
                return
        else:
            return
        overlap = self.overlap(plan) if self.polygon and touches else None
        finding = make_finding(plan, entry.rule, entry.message, self.feature, self.geometry, measure, touches,
                               distance, self.sweep.text, overlap)
        sides = boundary_sides(self.feature, finding.feature_name) if entry.boundary else None
        pair.findings.append((finding, sides))
