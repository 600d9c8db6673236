"""One plan feature P measured against one feature F, and the finding made of it."""

from typing import Optional

from qgis.core import QgsGeometry, QgsPointXY, QgsWkbTypes

from .features import feature_id, feature_name, is_polygon, polygon_parts
from .results import Finding, PlanFeature


def _first_point(line: QgsGeometry) -> QgsPointXY:
    vertex = line.vertexAt(0)
    return QgsPointXY(vertex.x(), vertex.y())


def _touch_point(line: QgsGeometry) -> QgsGeometry:
    return QgsGeometry.fromPointXY(_first_point(line))


def _shortest_geometry(plan: QgsGeometry, other: QgsGeometry) -> QgsGeometry:
    line = plan.shortestLine(other)
    if line.isNull() or line.isEmpty():
        return QgsGeometry(plan)
    if line.length() <= 0:
        return _touch_point(line)
    return line


class Measure:
    """P measured against one F: intersects, distance, overlap."""

    def __init__(self, plan: PlanFeature):
        self.plan = plan
        self.engine = QgsGeometry.createGeometryEngine(plan.geometry.constGet())
        self.engine.prepareGeometry()

    def intersects(self, other: QgsGeometry) -> bool:
        return self.engine.intersects(other.constGet())

    def distance(self, other: QgsGeometry, intersects: Optional[bool] = None) -> float:
        if intersects is None:
            intersects = self.intersects(other)
        if intersects:
            return 0.0
        return float(self.plan.geometry.distance(other))

    def overlap(self, other: QgsGeometry) -> QgsGeometry:
        """P ∩ F: P when it lies inside F, F when it lies inside P (prepared tests, no overlay;
        a 2D F: the overlay drops Z and M), else their intersection."""
        if not QgsWkbTypes.hasZ(other.wkbType()) and not QgsWkbTypes.hasM(other.wkbType()):
            const = other.constGet()
            if self.engine.within(const):
                return polygon_parts(QgsGeometry(self.plan.geometry))
            if self.engine.contains(const):
                return polygon_parts(other)
        return polygon_parts(self.plan.geometry.intersection(other))


def make_finding(plan: PlanFeature, rule, message, feature, geometry, measure, intersects, distance, text=None,
                 overlap=None):
    """The finding of P and F (F None: P itself, a ``beyond_distance`` finding with no F).
    ``text``: the layer's ``FeatureText`` (else the fields are looked up on the feature);
    ``overlap``: P ∩ F when it was already computed (``Measure.overlap``)."""
    if feature is None:
        fid = name = ""
    elif text is not None:
        fid = text.feature_id(feature)
        name = text.feature_name(feature, fid)
    else:
        fid = feature_id(feature)
        name = feature_name(feature, fid)
    overlap_m2 = None
    share = None
    if feature is not None and is_polygon(geometry):
        if not intersects:
            overlap_geometry = QgsGeometry()
        elif overlap is not None:
            overlap_geometry = QgsGeometry(overlap)
        else:
            overlap_geometry = measure.overlap(geometry)
        overlap_m2 = overlap_geometry.area() if not overlap_geometry.isNull() else 0.0
        share = overlap_m2 / plan.area_m2 if plan.area_m2 > 0 else None
        if overlap_m2 > 0:
            shape = overlap_geometry
        else:
            shape = _shortest_geometry(plan.geometry, geometry)
    elif feature is not None:
        shape = _shortest_geometry(plan.geometry, geometry)
    else:
        shape = QgsGeometry(plan.geometry)
    return Finding(
        plan_fid=plan.fid,
        plan_name=plan.name,
        rule_id=rule.id,
        severity=rule.severity,
        collection=rule.collection,
        feature_id=fid,
        feature_name=name,
        relation=rule.relation,
        distance_m=distance,
        overlap_m2=overlap_m2,
        overlap_share=share,
        message=message,
        geometry=shape,
        plan_index=plan.index,
    )
