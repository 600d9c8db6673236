"""The plan check engine: rules x plan features -> findings (``shared/contract/profile.md`` §2).

``run_check(profile, plan, data, ...)`` measures every plan feature P against every
matching feature F of each rule's collection, planar in the profile CRS:

* the plan is a ``QgsVectorLayer`` (optionally only its selection) or any
  ``QgsFeatureSource`` (Processing hands a ``QgsProcessingFeatureSource`` that already
  honours "selected features only"); plan features are transformed into the profile
  CRS, curves are segmentized, Z/M dropped, invalid geometries repaired with
  ``makeValid()`` (each repair is recorded);
* ``data`` gives the regional datasets (see ``core/sources.py``): ``source(cid, rect,
  feedback) -> (QgsVectorLayer in the profile CRS, provenance dict)`` with at least every
  feature whose bbox meets ``rect``, and ``extent(cid, feedback) -> QgsRectangle | None``;
* candidates are found by bbox (``setFilterRect``, backed by the GeoPackage R-tree or a
  memory layer's index), the rule filter is evaluated only on those, and the plan
  geometry is tested through a prepared GEOS engine: cost grows with the features near
  the plan, not with the size of the dataset.

Findings geometry: P ∩ F for a polygon F that overlaps P; the shortest line P-F
otherwise (a point where they touch); P itself for a ``beyond_distance`` finding with no
F at all. The findings *layer* has the geometry type ``GeometryCollection`` (each feature
holds one part) because one layer has to carry polygons, lines and points; QGIS does not
draw GeometryCollection layers, so maps use :func:`display_layers` (one styled layer per
geometry type). See docs/INTERNALS.md.
"""

import datetime
import math
import os
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsGeometryCollection,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsProcessingFeatureSource,
    QgsRectangle,
    QgsRendererCategory,
    QgsVectorLayer,
    QgsWkbTypes,
)

from . import paths, util, vocabulary
from .errors import Cancelled, CheckError, RegionplanError
from .i18n import localized, tr, translate, translaten
from .vocabulary import RELATIONS, SEVERITIES, SEVERITY_COLOURS, SEVERITY_LABELS

PLAN_NAME_FIELDS = ("name", "namn", "planname")
FEATURE_NAME_FIELDS = ("namn", "name", "title")
FEATURE_ID_FIELDS = ("rp_id", "id")
BOUNDARY_COLLECTIONS = ("kommuner", "kommungranser")
MUNICIPALITY_POLYGONS = "kommuner"
SIDE_FIELDS = ("kommun_a", "kommun_b")
PLAN_MUNICIPALITY_FIELDS = ("kommun", "kommunnamn", "municipality")

FIELD_NAMES = (
    "plan_fid",
    "plan_name",
    "rule_id",
    "severity",
    "collection",
    "feature_id",
    "feature_name",
    "relation",
    "distance_m",
    "overlap_m2",
    "overlap_share",
    "message",
)


def findings_fields() -> QgsFields:
    """The exact fields of a findings layer (contract §2)."""
    fields = QgsFields()
    for name in FIELD_NAMES:
        if name == "plan_fid":
            fields.append(util.new_field(name, "int"))
        elif name in ("distance_m", "overlap_m2", "overlap_share"):
            fields.append(util.new_field(name, "real"))
        else:
            fields.append(util.new_field(name, "text"))
    return fields


FINDINGS_WKB_TYPE = QgsWkbTypes.GeometryCollection


@dataclass
class Finding:
    """One finding: a plan feature, a rule, its severity and geometry (the contract's fields)."""

    plan_fid: int
    plan_name: str
    rule_id: str
    severity: str
    collection: str
    feature_id: str
    feature_name: str
    relation: str
    distance_m: Optional[float]
    overlap_m2: Optional[float]
    overlap_share: Optional[float]
    message: str
    geometry: QgsGeometry

    def attributes(self) -> list:
        return [getattr(self, name) for name in FIELD_NAMES]

    def to_feature(self, fields: Optional[QgsFields] = None) -> QgsFeature:
        feature = QgsFeature(fields or findings_fields())
        feature.setAttributes(self.attributes())
        feature.setGeometry(as_collection(self.geometry))
        return feature


@dataclass
class PlanFeature:
    """A plan feature as checked: its id, name and (repaired) geometry in the profile CRS."""

    fid: int
    name: str
    geometry: QgsGeometry  # in the profile CRS, valid, polygonal
    area_m2: float
    checked: bool = True
    municipality: str = ""
    index: int = 0  # position in the plan source: the key inside the engine (fids need not be unique)


@dataclass
class Repair:
    """A plan geometry that had to be repaired before the check, and why."""

    plan_fid: int
    plan_name: str
    reason: str


@dataclass
class RuleOutcome:
    """What one rule found, and which plan features it did not affect."""

    rule: object
    title: str
    message: str
    findings: List[Finding] = field(default_factory=list)
    not_affected: List[PlanFeature] = field(default_factory=list)
    candidates: int = 0
    seconds: float = 0.0


@dataclass
class CheckResult:
    """The outcome of :func:`run_check`."""

    profile: object
    lang: str
    plan_name: str = ""
    plan_crs: str = ""
    crs: str = ""
    selected_only: bool = False
    plan_features: List[PlanFeature] = field(default_factory=list)
    findings: List[Finding] = field(default_factory=list)
    outcomes: List[RuleOutcome] = field(default_factory=list)
    repairs: List[Repair] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    disabled_rules: List[str] = field(default_factory=list)
    datasets: Dict[str, dict] = field(default_factory=dict)
    boundary_rule: str = ""
    host_municipalities: List[str] = field(default_factory=list)
    neighbours: List[tuple] = field(default_factory=list)  # (name, distance_m)
    hosts_by_plan: Dict[int, str] = field(default_factory=dict)  # PlanFeature.index -> municipality
    neighbours_by_plan: Dict[int, list] = field(default_factory=dict)  # PlanFeature.index -> [(name, m)]
    outside_region: bool = False
    region_extent: Optional[QgsRectangle] = None
    timings: Dict[str, float] = field(default_factory=dict)
    kinds: Dict[str, str] = field(default_factory=dict)  # collection -> catalogue kind (structure-plan...)
    layers: Dict[str, object] = field(default_factory=dict, repr=False)  # collection -> layer used
    started_at: str = ""
    finished_at: str = ""
    qgis_version: str = ""
    plugin_version: str = ""

    @property
    def counts(self) -> Dict[str, int]:
        counts = {severity: 0 for severity in SEVERITIES}
        for finding in self.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        return counts

    @property
    def verdict(self) -> str:
        """``conflict``, ``attention`` or ``ok`` (see ``vocabulary.verdict``)."""
        return vocabulary.verdict(self.counts)

    def verdict_text(self, lang: Optional[str] = None) -> str:
        lang = lang or self.lang
        return vocabulary.verdict_text(self.verdict, lang)

    def rule_titles(self) -> Dict[str, str]:
        return {outcome.rule.id: outcome.title for outcome in self.outcomes}

    def to_layer(self, name: str = "") -> QgsVectorLayer:
        """The findings as a memory layer (GeometryCollection, contract fields)."""
        return findings_layer(self.findings, self.crs, name or translate("Findings", self.lang))


def as_collection(geometry: QgsGeometry) -> QgsGeometry:
    """Wrap one geometry (any type) into a GeometryCollection for the findings layer."""
    if geometry is None or geometry.isNull():
        return QgsGeometry()
    if QgsWkbTypes.flatType(geometry.wkbType()) == QgsWkbTypes.GeometryCollection:
        return QgsGeometry(geometry)
    collection = QgsGeometryCollection()
    collection.addGeometry(geometry.constGet().clone())
    return QgsGeometry(collection)


def findings_layer(findings, crs: str, name: str) -> QgsVectorLayer:
    layer = util.owned_by_main_thread(QgsVectorLayer(f"GeometryCollection?crs={crs}", name, "memory"))
    layer.setCrs(QgsCoordinateReferenceSystem(crs))  # the memory provider ignores crs= for collections
    provider = layer.dataProvider()
    provider.addAttributes(list(findings_fields()))
    layer.updateFields()
    fields = layer.fields()
    provider.addFeatures([finding.to_feature(fields) for finding in findings])
    layer.updateExtents()
    return layer


def _severity_symbol(kind: str, colour: str):
    if kind == "polygon":
        return QgsFillSymbol.createSimple(
            {"color": colour + "99", "outline_color": colour, "outline_width": "0.6", "style": "solid"}
        )
    if kind == "line":
        return QgsLineSymbol.createSimple({"line_color": colour, "line_width": "0.8", "line_style": "dash"})
    return QgsMarkerSymbol.createSimple({"color": colour, "size": "3", "outline_color": "#222222"})


def apply_severity_style(layer: QgsVectorLayer, lang: str = "sv") -> None:
    """A categorized renderer on ``severity`` with the project's colours (conflict red,
    attention orange, support green, info blue). Uses ``resources/styles/findings_<type>.qml``
    when it exists."""
    kind = {
        QgsWkbTypes.PolygonGeometry: "polygon",
        QgsWkbTypes.LineGeometry: "line",
        QgsWkbTypes.PointGeometry: "point",
    }.get(layer.geometryType(), "polygon")
    labels = {severity: translate(text, lang) for severity, text in SEVERITY_LABELS.items()}
    for candidate in (f"findings_{kind}.qml", f"findings_{kind}s.qml"):
        qml = paths.resource("styles", candidate)
        if os.path.exists(qml):
            _message, ok = layer.loadNamedStyle(qml)
            renderer = layer.renderer()
            if ok and renderer is not None:
                # the bundled style's labels are bilingual ("Konflikt / conflict"): one language only
                if isinstance(renderer, QgsCategorizedSymbolRenderer):
                    for index, category in enumerate(renderer.categories()):
                        label = labels.get(str(category.value()))
                        if label:
                            renderer.updateCategoryLabel(index, label)
                return
    categories = [
        QgsRendererCategory(severity, _severity_symbol(kind, SEVERITY_COLOURS[severity]), labels[severity])
        for severity in SEVERITIES
    ]
    layer.setRenderer(QgsCategorizedSymbolRenderer("severity", categories))


def display_layers(findings, crs: str, lang: str = "sv", name: str = "") -> List[QgsVectorLayer]:
    """Findings split by geometry type into styled memory layers (polygons, lines, points),
    because QGIS draws no GeometryCollection layer. Only non-empty layers are returned."""
    base = name or translate("Findings", lang)
    groups = {"Polygon": [], "LineString": [], "Point": []}
    for finding in findings:
        geometry = finding.geometry
        if geometry is None or geometry.isNull():
            continue
        kind = {
            QgsWkbTypes.PolygonGeometry: "Polygon",
            QgsWkbTypes.LineGeometry: "LineString",
            QgsWkbTypes.PointGeometry: "Point",
        }.get(geometry.type())
        if kind:
            groups[kind].append(finding)
    titles = {
        "Polygon": translate("overlaps", lang),
        "LineString": translate("distances", lang),
        "Point": translate("contact points", lang),
    }
    layers = []
    for kind, items in groups.items():
        if not items:
            continue
        wkb = {"Polygon": "MultiPolygon", "LineString": "MultiLineString", "Point": "MultiPoint"}[kind]
        layer = util.owned_by_main_thread(QgsVectorLayer(f"{wkb}?crs={crs}", f"{base} ({titles[kind]})", "memory"))
        provider = layer.dataProvider()
        provider.addAttributes(list(findings_fields()))
        layer.updateFields()
        features = []
        for finding in items:
            feature = QgsFeature(layer.fields())
            feature.setAttributes(finding.attributes())
            geometry = QgsGeometry(finding.geometry)
            geometry.convertToMultiType()
            feature.setGeometry(geometry)
            features.append(feature)
        provider.addFeatures(features)
        layer.updateExtents()
        apply_severity_style(layer, lang)
        layers.append(layer)
    return layers


# ----------------------------------------------------------------------------------------
# plan input


def _attr(feature: QgsFeature, names) -> str:
    fields = feature.fields()
    lowered = {fields.at(i).name().lower(): i for i in range(fields.count())}
    for name in names:
        index = fields.indexOf(name)
        if index < 0:
            index = lowered.get(name.lower(), -1)
        if index >= 0:
            value = feature.attribute(index)
            if value is not None and value == value and str(value) not in ("", "NULL"):
                try:
                    if value.isNull():  # QVariant NULL
                        continue
                except AttributeError:
                    pass
                return str(value)
    return ""


def _polygon_parts(geometry: QgsGeometry) -> QgsGeometry:
    """Only the polygonal parts of ``geometry`` (makeValid may add lines and points)."""
    if geometry.isNull() or geometry.isEmpty():
        return QgsGeometry()
    if geometry.type() == QgsWkbTypes.PolygonGeometry and QgsWkbTypes.flatType(
        geometry.wkbType()
    ) in (QgsWkbTypes.Polygon, QgsWkbTypes.MultiPolygon):
        return geometry
    parts = [part for part in geometry.asGeometryCollection() if part.type() == QgsWkbTypes.PolygonGeometry]
    if not parts:
        return QgsGeometry()
    if len(parts) == 1:
        return parts[0]
    return QgsGeometry.collectGeometry(parts)


def _validity_error(geometry: QgsGeometry) -> str:
    engine = getattr(QgsGeometry, "ValidatorGeos", None)
    if engine is None:  # QGIS >= 3.36 spelling
        engine = Qgis.GeometryValidationEngine.Geos
    errors = geometry.validateGeometry(engine)
    if errors:
        return errors[0].what()
    return ""


class _PlanReader:
    def __init__(self, plan, selected_only: bool):
        self.plan = plan
        self.selected_only = selected_only
        if isinstance(plan, QgsVectorLayer):
            if not plan.isValid():
                raise CheckError(tr("The plan layer cannot be read. Check that its file or source is available."))
            self.name = plan.name()
            self.crs = plan.crs()
            self.wkb_type = plan.wkbType()
        elif plan is not None and hasattr(plan, "getFeatures") and hasattr(plan, "sourceCrs"):
            self.name = plan.sourceName() if hasattr(plan, "sourceName") else ""
            self.crs = plan.sourceCrs()
            self.wkb_type = plan.wkbType()
        else:
            raise CheckError(tr("No plan layer was given. Choose a polygon layer with the plan area."))

    def validate(self) -> None:
        geometry_type = QgsWkbTypes.geometryType(self.wkb_type)
        if geometry_type in (QgsWkbTypes.PointGeometry, QgsWkbTypes.LineGeometry) or (
            geometry_type == QgsWkbTypes.NullGeometry
        ):
            raise CheckError(
                tr(
                    "The plan layer {name} is not a polygon layer. Choose a layer whose features are the plan areas "
                    "as polygons."
                ).format(name=self.name)
            )
        if not self.crs.isValid():
            raise CheckError(
                tr(
                    "The plan layer {name} has no coordinate reference system. Set its CRS (Layer Properties > "
                    "Source) and run the check again."
                ).format(name=self.name)
            )
        if self.selected_only and isinstance(self.plan, QgsVectorLayer) and self.plan.selectedFeatureCount() == 0:
            raise CheckError(
                tr(
                    "No features are selected in the plan layer {name}. Select the plan areas to check, or check "
                    "the whole layer."
                ).format(name=self.name)
            )

    def features(self):
        # Never let a feature iterator throw: QGIS' invalid-geometry check (Processing's default
        # setting) throws a C++ exception from inside the iterator, which corrupts the Python
        # interpreter (the next processing.run crashes). The engine repairs invalid geometries itself.
        request = QgsFeatureRequest()
        request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
        if self.selected_only and isinstance(self.plan, QgsVectorLayer):
            return self.plan.getSelectedFeatures(request)
        if isinstance(self.plan, QgsProcessingFeatureSource):
            return self.plan.getFeatures(request, _skip_validity_checks())
        return self.plan.getFeatures(request)


def _skip_validity_checks():
    """``QgsProcessingFeatureSource``'s flag that turns the invalid-geometry check off
    (the scoped spelling of QGIS >= 3.36 first, then the one of 3.22)."""
    scoped = getattr(getattr(Qgis, "ProcessingFeatureSourceFlag", None), "SkipGeometryValidityChecks", None)
    if scoped is not None:
        return scoped
    return QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks


def _prepare_plan(reader: _PlanReader, crs: QgsCoordinateReferenceSystem, result: CheckResult, feedback):
    lang = result.lang
    transform = None
    if reader.crs != crs:
        transform = QgsCoordinateTransform(reader.crs, crs, QgsCoordinateTransformContext())
    plans = []
    seen = 0
    for feature in reader.features():
        if util.is_canceled(feedback):
            raise Cancelled(tr("The check was cancelled."))
        index = seen
        seen += 1
        fid = int(feature.id())
        name = _attr(feature, PLAN_NAME_FIELDS)
        geometry = QgsGeometry(feature.geometry())
        if geometry.isNull() or geometry.isEmpty():
            result.repairs.append(
                Repair(fid, name, translate("The plan feature has no geometry; it was not checked.", lang))
            )
            continue
        reasons = []
        if geometry.type() != QgsWkbTypes.PolygonGeometry:
            result.repairs.append(
                Repair(fid, name, translate("The plan feature is not a polygon; it was not checked.", lang))
            )
            continue
        if QgsWkbTypes.isCurvedType(geometry.wkbType()):
            geometry = QgsGeometry(geometry.constGet().segmentize())
            reasons.append(translate("curved segments were converted to straight segments", lang))
        if QgsWkbTypes.hasZ(geometry.wkbType()) or QgsWkbTypes.hasM(geometry.wkbType()):
            abstract = geometry.constGet().clone()
            abstract.dropZValue()
            abstract.dropMValue()
            geometry = QgsGeometry(abstract)
            reasons.append(translate("Z and M values were dropped (the check is 2D)", lang))
        if transform is not None:
            try:
                geometry.transform(transform)
            except QgsCsException:
                result.repairs.append(
                    Repair(
                        fid,
                        name,
                        translate(
                            "The plan feature cannot be transformed to the profile CRS; it was not checked.", lang
                        ),
                    )
                )
                continue
        if not geometry.isGeosValid():
            error = _validity_error(geometry) or translate("invalid geometry", lang)
            repaired = _polygon_parts(geometry.makeValid())
            reasons.append(translate("invalid geometry repaired with makeValid ({error})", lang).format(error=error))
            geometry = repaired
        geometry = _polygon_parts(geometry)
        if geometry.isNull() or geometry.isEmpty() or geometry.area() <= 0:
            reasons.append(translate("nothing of the area was left; it was not checked", lang))
            result.repairs.append(Repair(fid, name, "; ".join(reasons)))
            continue
        if reasons:
            result.repairs.append(Repair(fid, name, "; ".join(reasons)))
        plans.append(PlanFeature(fid, name, geometry, geometry.area(),
                                 municipality=_attr(feature, PLAN_MUNICIPALITY_FIELDS), index=index))
    if seen == 0:
        if reader.selected_only:
            raise CheckError(
                tr("No features are selected in the plan layer {name}. Select the plan areas to check.").format(
                    name=reader.name
                )
            )
        raise CheckError(
            tr("The plan layer {name} has no features. Draw or load the plan area first.").format(name=reader.name)
        )
    if not plans:
        raise CheckError(
            tr("No feature of the plan layer {name} has a usable polygon geometry.").format(name=reader.name)
        )
    return plans


# ----------------------------------------------------------------------------------------
# rules


class _Matcher:
    """Evaluates a rule's filter (a QGIS expression, never Python) on candidate features."""

    def __init__(self, rule, layer: QgsVectorLayer):
        self.rule = rule
        self.expression = None
        self.cache = {}
        text = (getattr(rule, "filter", "") or "").strip()
        if not text:
            return
        expression = QgsExpression(text)
        if expression.hasParserError():
            raise CheckError(
                tr("The filter of rule {rule} cannot be read: {error}. Fix the profile.").format(
                    rule=rule.id, error=expression.parserErrorString()
                )
            )
        self.context = QgsExpressionContext()
        self.context.appendScope(QgsExpressionContextUtils.layerScope(layer))
        self.context.appendScope(QgsExpressionContextScope())
        expression.prepare(self.context)
        if expression.hasEvalError() and layer.featureCount() == 0:
            # nothing fetched in this box (a service layer then has no fields): nothing can match
            self.expression = expression
            self.cache = _AlwaysFalse()
            return
        if expression.hasEvalError():
            raise CheckError(
                tr("The filter of rule {rule} cannot be evaluated on {collection}: {error}. Fix the profile.").format(
                    rule=rule.id, collection=rule.collection, error=expression.evalErrorString()
                )
            )
        self.expression = expression

    def __call__(self, feature: QgsFeature) -> bool:
        if self.expression is None:
            return True
        key = feature.id()
        if key in self.cache:
            return self.cache[key]
        self.context.setFeature(feature)
        value = self.expression.evaluate(self.context)
        if self.expression.hasEvalError():
            raise CheckError(
                tr("The filter of rule {rule} cannot be evaluated on {collection}: {error}. Fix the profile.").format(
                    rule=self.rule.id, collection=self.rule.collection, error=self.expression.evalErrorString()
                )
            )
        ok = _truthy(value)
        self.cache[key] = ok
        return ok


class _AlwaysFalse(dict):
    def __contains__(self, key):
        return True

    def __getitem__(self, key):
        return False


def _truthy(value) -> bool:
    if value is None:
        return False
    try:
        if value.isNull():
            return False
    except AttributeError:
        pass
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "f", "no")
    return bool(value)


def _feature_id(feature: QgsFeature) -> str:
    return _attr(feature, FEATURE_ID_FIELDS) or str(feature.id())


def _feature_name(feature: QgsFeature, fid: str) -> str:
    return _attr(feature, FEATURE_NAME_FIELDS) or fid


def _is_polygon(geometry: QgsGeometry) -> bool:
    return geometry.type() == QgsWkbTypes.PolygonGeometry


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


class _Measure:
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
        return _polygon_parts(self.plan.geometry.intersection(other))


def _make_finding(plan: PlanFeature, rule, message, feature, geometry, measure, intersects, distance):
    fid = _feature_id(feature) if feature is not None else ""
    name = _feature_name(feature, fid) if feature is not None else ""
    overlap_m2 = None
    share = None
    if feature is not None and _is_polygon(geometry):
        overlap_geometry = measure.overlap(geometry) if intersects else QgsGeometry()
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
    )


def _candidates(layer: QgsVectorLayer, rect: QgsRectangle):
    request = QgsFeatureRequest().setFilterRect(rect)
    return layer.getFeatures(request)


def _nearest(data, rule, plan: PlanFeature, matcher_for, feedback, start: float):
    """The nearest matching feature of the whole collection: grow a search box around P
    until a match is found, then make sure nothing nearer lies outside the box searched."""
    extent = data.extent(rule.collection, feedback)
    bbox = plan.geometry.boundingBox()
    radius = max(start, 100.0)
    best = None
    for _round in range(40):
        if util.is_canceled(feedback):
            raise Cancelled(tr("The check was cancelled."))
        rect = bbox.buffered(radius)
        layer, _provenance = data.source(rule.collection, rect, feedback)
        matcher = matcher_for(layer)
        measure = _Measure(plan)
        best = None
        for feature in _candidates(layer, rect):
            if not matcher(feature):
                continue
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty():
                continue
            distance = measure.distance(geometry)
            if best is None or distance < best[1]:
                best = (QgsFeature(feature), distance)
        if best is not None:
            if best[1] <= radius:
                return best, layer
            radius = best[1] * 1.0001 + 1.0
            continue
        covered = extent is not None and (
            rect.xMinimum() <= extent.xMinimum() and rect.yMinimum() <= extent.yMinimum()
            and rect.xMaximum() >= extent.xMaximum() and rect.yMaximum() >= extent.yMaximum()
        )  # (an unknown extent: keep growing up to the limit)
        if covered or radius > 5.0e6:
            return None, layer
        radius *= 4.0
    return best, None


def _cached_extent(provenance) -> Optional[QgsRectangle]:
    """The extent a cached copy was cut to (profile CRS), or None for a whole dataset."""
    box = (provenance or {}).get("extent")
    if not box:
        return None
    return QgsRectangle(*[float(value) for value in box])


def _format_extent(rect: QgsRectangle, crs: str) -> str:
    return f"{rect.xMinimum():.0f}, {rect.yMinimum():.0f} – {rect.xMaximum():.0f}, {rect.yMaximum():.0f} {crs}"


def _check_partial_copies(rules, checked, data, sources, search, result, feedback) -> None:
    """A cached copy cut to an extent answers only inside it: refuse the check when a plan
    feature grown by a rule's distance reaches outside the extent of that rule's copy (the
    check would conclude "nothing there" from data it does not have); otherwise name the
    extent in the notes. Fills ``sources`` ({collection: (layer, provenance)})."""
    lang = result.lang
    short = []
    for rule in rules:
        if rule.relation not in RELATIONS:
            continue  # (the rule loop says so)
        if rule.collection not in sources:
            sources[rule.collection] = data.source(rule.collection, search, feedback)
        limit = _cached_extent(sources[rule.collection][1])
        if limit is None:
            continue
        reach = 0.0 if rule.relation == "intersects" else float(rule.distance_m or 0)
        inside = all(limit.contains(p.geometry.boundingBox().buffered(reach)) for p in checked)
        if not inside and rule.collection not in short:
            short.append(rule.collection)
    if short:
        raise CheckError(translate(
            "The offline copies of {names} cover only part of the region, and the plan (grown by the rules' "
            "distances) reaches outside that area: the check would miss what lies there. Cache a larger area, "
            "or the whole datasets, and check again.", lang).format(names=", ".join(short)))
    for cid, (_layer, provenance) in sources.items():
        limit = _cached_extent(provenance)
        if limit is not None:
            result.notes.append(translate(
                "{name}: the offline copy covers only the area {extent}; the plan and the rules' distances lie "
                "inside it.", lang).format(name=cid, extent=_format_extent(limit, result.crs)))


def _boundary_rule(profile, data, rules):
    kind = getattr(data, "kind", None)
    for rule in rules:
        if rule.relation != "within_distance":
            continue
        if callable(kind) and kind(rule.collection) == "boundary":
            return rule
        if rule.collection in BOUNDARY_COLLECTIONS:
            return rule
    return None


def _boundary_collections(data, rules):
    kind = getattr(data, "kind", None)
    found = []
    for rule in rules:
        if rule.collection in BOUNDARY_COLLECTIONS or (callable(kind) and kind(rule.collection) == "boundary"):
            if rule.collection not in found:
                found.append(rule.collection)
    for cid in BOUNDARY_COLLECTIONS:
        if cid not in found and callable(getattr(data, "has", None)) and data.has(cid):
            found.append(cid)
    return found


def _region_extent(data, rules, feedback) -> Optional[QgsRectangle]:
    collections = _boundary_collections(data, rules) or list(dict.fromkeys(rule.collection for rule in rules))
    region = None
    for cid in collections:
        try:
            rect = data.extent(cid, feedback)
        except Exception:  # noqa: BLE001 - the extent is only a hint for a note
            rect = None
        if rect is None or rect.isEmpty():
            continue
        if region is None:
            region = QgsRectangle(rect)
        else:
            region.combineExtentWith(rect)
    return region


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def run_check(
    profile, plan, data, lang: str = "sv", selected_only: bool = False, disabled_rules=(), feedback=None
) -> CheckResult:
    """Check ``plan`` against the profile's rules with the datasets from ``data``."""
    started = time.monotonic()
    lang = lang if lang in ("sv", "en") else "sv"
    result = CheckResult(profile=profile, lang=lang, selected_only=selected_only, started_at=_now())
    result.qgis_version = Qgis.QGIS_VERSION
    result.plugin_version = paths.plugin_version()
    crs = QgsCoordinateReferenceSystem(profile.crs)
    result.crs = crs.authid() or str(profile.crs)

    reader = _PlanReader(plan, selected_only)
    reader.validate()
    result.plan_name = reader.name
    result.plan_crs = reader.crs.authid() or reader.crs.description()
    plans = _prepare_plan(reader, crs, result, feedback)
    result.plan_features = plans
    result.timings["plan"] = time.monotonic() - started

    disabled = set(disabled_rules or ())
    rules = [rule for rule in profile.rules if rule.id not in disabled]
    result.disabled_rules = [rule.id for rule in profile.rules if rule.id in disabled]
    max_distance = max([float(rule.distance_m or 0) for rule in rules] + [0.0])

    # Where is the region? Plan features far outside are not checked (and say so).
    t0 = time.monotonic()
    region = _region_extent(data, rules, feedback) if rules else None
    result.region_extent = region
    if region is not None:
        grown = region.buffered(max_distance)
        for plan_feature in plans:
            if not grown.intersects(plan_feature.geometry.boundingBox()):
                plan_feature.checked = False
        outside = [p for p in plans if not p.checked]
        if outside and len(outside) == len(plans):
            result.outside_region = True
            result.notes.append(
                translate(
                    "The plan lies outside the extent of the profile's region ({region}); nothing was checked.", lang
                ).format(region=localized(profile.name, lang))
            )
        elif outside:
            result.notes.append(
                translaten("{count} plan feature lies outside the region of {region} and was not checked: {fids}.",
                           "{count} plan features lie outside the region of {region} and were not checked: {fids}.",
                           len(outside), lang).format(
                    count=len(outside),
                    region=localized(profile.name, lang),
                    fids=", ".join(str(p.fid) for p in outside),
                )
            )
    result.timings["region"] = time.monotonic() - t0
    checked = [p for p in plans if p.checked]

    if not rules:
        result.notes.append(translate("The profile has no rules to check (or every rule was disabled).", lang))

    search = None
    for plan_feature in checked:
        rect = plan_feature.geometry.boundingBox()
        if search is None:
            search = QgsRectangle(rect)
        else:
            search.combineExtentWith(rect)
    if search is not None:
        search = search.buffered(max_distance)

    sources = {}
    if checked:
        _check_partial_copies(rules, checked, data, sources, search, result, feedback)
    boundary = _boundary_rule(profile, data, rules)
    boundary_hits = []
    total = max(1, len(rules) * max(1, len(checked)))
    step = 0
    measures = {p.index: _Measure(p) for p in checked}
    for rule in rules:
        t_rule = time.monotonic()
        outcome = RuleOutcome(rule=rule, title=localized(rule.title, lang), message=localized(rule.message, lang))
        result.outcomes.append(outcome)
        if rule.relation not in RELATIONS:
            raise CheckError(tr("Rule {rule} has an unknown relation {relation}.").format(
                rule=rule.id, relation=rule.relation))
        if not checked:
            continue
        if util.is_canceled(feedback):
            raise Cancelled(tr("The check was cancelled."))
        util.push_info(feedback, translate("Checking rule {rule}…", lang).format(rule=rule.id))
        if rule.collection not in sources:
            sources[rule.collection] = data.source(rule.collection, search, feedback)
        layer, provenance = sources[rule.collection]
        result.datasets[rule.collection] = provenance
        result.layers[rule.collection] = layer
        kind = getattr(data, "kind", None)
        result.kinds[rule.collection] = (kind(rule.collection) if callable(kind) else "") or ""
        matchers = {}

        def matcher_for(lyr, rule=rule, matchers=matchers):
            key = id(lyr)
            if key not in matchers:
                matchers[key] = _Matcher(rule, lyr)
            return matchers[key]

        matcher = matcher_for(layer)
        distance_m = float(rule.distance_m or 0)
        min_overlap = float(getattr(rule, "min_overlap_m2", 0) or 0)
        for plan_feature in checked:
            if util.is_canceled(feedback):
                raise Cancelled(tr("The check was cancelled."))
            measure = measures[plan_feature.index]
            reach = 0.0 if rule.relation == "intersects" else distance_m
            rect = plan_feature.geometry.boundingBox().buffered(reach)
            found = []
            near_any = False
            for feature in _candidates(layer, rect):
                if not matcher(feature):
                    continue
                outcome.candidates += 1
                geometry = feature.geometry()
                if geometry.isNull() or geometry.isEmpty():
                    continue
                intersects = measure.intersects(geometry)
                if rule.relation == "intersects":
                    if not intersects:
                        continue
                    if _is_polygon(geometry) and min_overlap > 0:
                        overlap = measure.overlap(geometry)
                        if overlap.isNull() or overlap.area() < min_overlap:
                            continue
                    found.append(
                        _make_finding(plan_feature, rule, outcome.message, feature, geometry, measure, True, 0.0)
                    )
                else:
                    distance = measure.distance(geometry, intersects)
                    if distance > distance_m:
                        continue
                    if rule.relation == "within_distance":
                        found.append(
                            _make_finding(
                                plan_feature, rule, outcome.message, feature, geometry, measure, intersects, distance
                            )
                        )
                        if boundary is rule:
                            sides = [_attr(feature, (side,)) for side in SIDE_FIELDS]
                            sides = [side for side in sides if side] or [found[-1].feature_name]
                            boundary_hits.append((plan_feature.index, sides, distance, found[-1].overlap_m2))
                    else:
                        near_any = True
                        break
            if rule.relation == "beyond_distance" and not near_any:
                best, _lyr = _nearest(data, rule, plan_feature, matcher_for, feedback, max(distance_m * 2, 1000.0))
                limit = _cached_extent(provenance)
                if limit is not None and (best is None or not limit.contains(
                        plan_feature.geometry.boundingBox().buffered(best[1]))):
                    note = translate("Rule {rule}: the nearest feature of {collection} was searched for only in the "
                                     "cached area ({extent}); a nearer one may lie outside it.", lang).format(
                        rule=rule.id, collection=rule.collection, extent=_format_extent(limit, result.crs))
                    if note not in result.notes:
                        result.notes.append(note)
                if best is None:
                    found.append(_make_finding(plan_feature, rule, outcome.message, None, None, measure, False, None))
                else:
                    feature, distance = best
                    geometry = feature.geometry()
                    found.append(
                        _make_finding(
                            plan_feature, rule, outcome.message, feature, geometry, measure, False, distance
                        )
                    )
            found.sort(key=lambda f: (f.distance_m if f.distance_m is not None else math.inf, f.feature_id))
            if found:
                outcome.findings.extend(found)
            else:
                outcome.not_affected.append(plan_feature)
            step += 1
            util.set_progress(feedback, 100.0 * step / total)
        outcome.seconds = time.monotonic() - t_rule
        result.timings[f"rule:{rule.id}"] = outcome.seconds
        result.findings.extend(outcome.findings)

    if boundary is not None:
        result.boundary_rule = boundary.id
        try:
            _municipalities(result, checked, data, boundary_hits, search, feedback)
        except (CheckError, RegionplanError) as error:
            result.notes.append(str(error))
    for note in getattr(data, "notes", None) or []:
        if note not in result.notes:
            result.notes.append(note)
    result.timings["total"] = time.monotonic() - started
    result.finished_at = _now()
    util.set_progress(feedback, 100)
    return result


def _municipalities(result: CheckResult, checked, data, hits, search, feedback) -> None:
    """The plan's own municipality (from the ``kommuner`` polygons, largest overlap, else
    the plan's ``kommun`` attribute) and the neighbours within the boundary rule's
    distance, for the draft statement's "Mellankommunala frågor"."""
    hosts = {}
    has = getattr(data, "has", None)
    if callable(has) and has(MUNICIPALITY_POLYGONS) and search is not None:
        layer, _provenance = data.source(MUNICIPALITY_POLYGONS, search, feedback)
        for plan_feature in checked:
            measure = _Measure(plan_feature)
            best = None
            for feature in _candidates(layer, plan_feature.geometry.boundingBox()):
                geometry = feature.geometry()
                if geometry.isNull() or not measure.intersects(geometry):
                    continue
                overlap = measure.overlap(geometry)
                area = overlap.area() if not overlap.isNull() else 0.0
                if best is None or area > best[1]:
                    best = (_feature_name(feature, _feature_id(feature)), area)
            if best is not None:
                hosts[plan_feature.index] = best[0]
    for plan_feature in checked:
        if plan_feature.index not in hosts and plan_feature.municipality:
            hosts[plan_feature.index] = plan_feature.municipality
    if not hosts:  # polygons as the boundary collection: the largest overlap is the host
        for index, sides, _distance, overlap in hits:
            if overlap and (index not in hosts or overlap > hosts[index][1]):
                hosts[index] = (sides[0], overlap)
        hosts = {index: value[0] for index, value in hosts.items()}
    host_names = list(dict.fromkeys(hosts[p.index] for p in checked if p.index in hosts))
    neighbours = {}
    per_plan = {}
    for index, sides, distance, _overlap in hits:
        for name in sides:
            if name == hosts.get(index):
                continue
            if name not in neighbours or distance < neighbours[name]:
                neighbours[name] = distance
            mine = per_plan.setdefault(index, {})
            if name not in mine or distance < mine[name]:
                mine[name] = distance
    result.host_municipalities = host_names
    result.hosts_by_plan = dict(hosts)
    result.neighbours_by_plan = {
        index: sorted(items.items(), key=lambda item: (item[1], item[0])) for index, items in per_plan.items()
    }
    result.neighbours = sorted(neighbours.items(), key=lambda item: (item[1], item[0]))
