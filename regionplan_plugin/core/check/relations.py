"""The relations of a rule (contract §2), one function each: the findings of one plan feature P.

Each takes the rule's :class:`RuleRun`, P and P's prepared :class:`Measure`, and returns P's
findings for that rule (empty: P is not affected). ``RELATION_CHECKS`` maps a relation code of
``vocabulary.RELATIONS`` to its function.
"""

from dataclasses import dataclass, field
from typing import List, Optional

from qgis.core import QgsVectorLayer

from ..errors import CheckError
from ..vocabulary import BEYOND_DISTANCE, INTERSECTS, WITHIN_DISTANCE
from .extent import note_nearest_search
from .features import is_polygon
from .matcher import Matcher, matching
from .measure import Measure, make_finding
from .municipalities import boundary_sides
from .nearest import nearest
from .results import CheckResult, Finding, PlanFeature, RuleOutcome


@dataclass
class RuleRun:
    """One rule being checked: the rule, the layer of its collection near the plan, where its
    findings are counted, and (for the boundary rule) where its hits are collected."""

    rule: object
    outcome: RuleOutcome
    layer: QgsVectorLayer
    provenance: dict
    data: object
    result: CheckResult
    feedback: object = None
    boundary_hits: Optional[list] = None  # the boundary rule's (PlanFeature.index, sides, distance_m, overlap_m2)
    matchers: dict = field(default_factory=dict, repr=False)  # id(layer) -> Matcher

    def __post_init__(self):
        self.matcher_for(self.layer)  # a filter that cannot be read fails before any plan feature

    @property
    def distance_m(self) -> float:
        return float(self.rule.distance_m or 0)

    @property
    def min_overlap_m2(self) -> float:
        return float(getattr(self.rule, "min_overlap_m2", 0) or 0)

    def matcher_for(self, layer: QgsVectorLayer) -> Matcher:
        """The rule's filter prepared for ``layer`` (the nearest search asks for other layers)."""
        key = id(layer)
        if key not in self.matchers:
            self.matchers[key] = Matcher(self.rule, layer)
        return self.matchers[key]

    def near(self, plan: PlanFeature, reach: float):
        """``(feature, geometry)`` of the matching features whose bbox meets P's grown by ``reach``."""
        rect = plan.geometry.boundingBox().buffered(reach)
        return matching(self.layer, rect, self.matcher_for(self.layer), counted=self.outcome)

    def finding(self, plan: PlanFeature, measure: Measure, feature=None, geometry=None, touches=False,
                distance=None) -> Finding:
        return make_finding(plan, self.rule, self.outcome.message, feature, geometry, measure, touches, distance)


def intersects(run: RuleRun, plan: PlanFeature, measure: Measure) -> List[Finding]:
    """Every F that intersects P (a polygon F: by at least the rule's ``min_overlap_m2``)."""
    found = []
    for feature, geometry in run.near(plan, 0.0):
        if not measure.intersects(geometry):
            continue
        if is_polygon(geometry) and run.min_overlap_m2 > 0:
            overlap = measure.overlap(geometry)
            if overlap.isNull() or overlap.area() < run.min_overlap_m2:
                continue
        found.append(run.finding(plan, measure, feature, geometry, True, 0.0))
    return found


def within_distance(run: RuleRun, plan: PlanFeature, measure: Measure) -> List[Finding]:
    """Every F within the rule's distance of P (0 m when they intersect)."""
    found = []
    for feature, geometry in run.near(plan, run.distance_m):
        touches = measure.intersects(geometry)
        distance = measure.distance(geometry, touches)
        if distance > run.distance_m:
            continue
        finding = run.finding(plan, measure, feature, geometry, touches, distance)
        found.append(finding)
        if run.boundary_hits is not None:
            sides = boundary_sides(feature, finding.feature_name)
            run.boundary_hits.append((plan.index, sides, distance, finding.overlap_m2))
    return found


def beyond_distance(run: RuleRun, plan: PlanFeature, measure: Measure) -> List[Finding]:
    """No F within the rule's distance of P: one finding with the nearest F of the whole
    collection (P itself when there is none at all); else nothing."""
    for _feature, geometry in run.near(plan, run.distance_m):
        if measure.distance(geometry) <= run.distance_m:
            return []
    return _beyond(run, plan, measure)


def _beyond(run: RuleRun, plan: PlanFeature, measure: Measure) -> List[Finding]:
    """The finding of ``beyond_distance`` when nothing lies within the distance."""
    best, _layer = nearest(run.data, run.rule, plan, run.matcher_for, run.feedback, max(run.distance_m * 2, 1000.0))
    note_nearest_search(run.rule, plan, best, run.provenance, run.result)
    if best is None:
        return [run.finding(plan, measure)]
    feature, distance = best
    return [run.finding(plan, measure, feature, feature.geometry(), False, distance)]


def from_sweep(run: RuleRun, plan: PlanFeature, measure: Measure, pair) -> List[Finding]:
    """P's findings for the rule from the collection's one pass (``sweep.Pair``): what
    ``RELATION_CHECKS`` would find asking the layer for P alone; the boundary rule's hits are
    collected; ``beyond_distance`` with nothing near searches the nearest F."""
    if pair.error is not None:
        raise CheckError(str(pair.error))
    if run.rule.relation == BEYOND_DISTANCE:
        return [] if pair.near else _beyond(run, plan, measure)
    found = []
    for finding, sides in pair.findings:
        found.append(finding)
        if run.boundary_hits is not None and sides is not None:
            run.boundary_hits.append((plan.index, sides, finding.distance_m, finding.overlap_m2))
    return found


RELATION_CHECKS = {INTERSECTS: intersects, WITHIN_DISTANCE: within_distance, BEYOND_DISTANCE: beyond_distance}
