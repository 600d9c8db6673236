"""Plan input: read the plan layer or source, validate it, repair and reproject its geometries."""

from typing import Optional, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingFeatureSource,
    QgsVectorLayer,
    QgsWkbTypes,
)

from .. import util
from ..errors import Cancelled, CheckError
from ..i18n import tr, translate
from .features import FeatureText, polygon_parts
from .results import CheckResult, PlanFeature, Repair

PLAN_NAME_FIELDS = ("name", "namn", "plannamn", "planname", "benamning")
PLAN_MUNICIPALITY_FIELDS = ("kommun", "kommunnamn", "municipality")


def read_plan(plan, selected_only: bool, crs: QgsCoordinateReferenceSystem, result: CheckResult, feedback,
              name_field=None, purpose_field=None):
    """Read and validate the plan, and return its features ready for the check (also
    ``result.plan_features``); fills the result's plan name, plan CRS and repairs. The areas'
    names come from ``name_field`` (else the first of ``PLAN_NAME_FIELDS``), their purpose
    words (``PlanFeature.purpose_value``) from ``purpose_field``."""
    reader = PlanReader(plan, selected_only)
    reader.name_fields = (name_field,) if name_field else PLAN_NAME_FIELDS
    reader.purpose_fields = (purpose_field,) if purpose_field else ()
    reader.validate()
    result.plan_name = reader.name
    result.plan_crs = reader.crs.authid() or reader.crs.description()
    result.plan_features = prepare_plan(reader, crs, result, feedback)
    return result.plan_features


def _validity_error(geometry: QgsGeometry) -> str:
    engine = getattr(QgsGeometry, "ValidatorGeos", None)
    if engine is None:  # QGIS >= 3.36 spelling
        engine = Qgis.GeometryValidationEngine.Geos
    errors = geometry.validateGeometry(engine)
    if errors:
        return errors[0].what()
    return ""


class PlanReader:
    """The plan: a ``QgsVectorLayer`` (optionally its selection) or any ``QgsFeatureSource``."""

    def __init__(self, plan, selected_only: bool):
        self.plan = plan
        self.selected_only = selected_only
        self.name_fields = PLAN_NAME_FIELDS
        self.purpose_fields = ()
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


def prepare_plan(reader: PlanReader, crs: QgsCoordinateReferenceSystem, result: CheckResult, feedback):
    """The plan's polygons in the profile CRS, 2D, straight-edged and valid, each keyed by its
    position in the source (``PlanFeature.index``); what had to be repaired or left out goes
    to ``result.repairs``."""
    lang = result.lang
    transform = None
    if reader.crs != crs:
        transform = QgsCoordinateTransform(reader.crs, crs, QgsCoordinateTransformContext())
    plans = []
    seen = 0
    text = None  # the plan's field positions, looked up once
    for feature in reader.features():
        if util.is_canceled(feedback):
            raise Cancelled(tr("The check was cancelled."))
        index = seen
        seen += 1
        fid = int(feature.id())
        if text is None:
            text = FeatureText(feature.fields())
        name = text.text(feature, reader.name_fields)
        geometry, reason = _checkable(QgsGeometry(feature.geometry()), transform, lang)
        if reason:
            result.repairs.append(Repair(fid, name, reason))
        if geometry is not None:
            plans.append(PlanFeature(fid, name, geometry, geometry.area(),
                                     municipality=text.text(feature, PLAN_MUNICIPALITY_FIELDS), index=index,
                                     purpose_value=text.text(feature, reader.purpose_fields),
                                     number=seen))
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


def _checkable(geometry: QgsGeometry, transform, lang: str) -> Tuple[Optional[QgsGeometry], str]:
    """The plan geometry as the check measures it (polygonal, straight-edged, 2D, in the profile
    CRS, valid) and what was done to it; ``None`` and why when it cannot be checked."""
    if geometry.isNull() or geometry.isEmpty():
        return None, translate("The plan feature has no geometry; it was not checked.", lang)
    if geometry.type() != QgsWkbTypes.PolygonGeometry:
        return None, translate("The plan feature is not a polygon; it was not checked.", lang)
    reasons = []
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
            return None, translate("The plan feature cannot be transformed to the profile CRS; it was not checked.",
                                   lang)
    if not geometry.isGeosValid():
        error = _validity_error(geometry) or translate("invalid geometry", lang)
        repaired = polygon_parts(geometry.makeValid())
        reasons.append(translate("invalid geometry repaired with makeValid ({error})", lang).format(error=error))
        geometry = repaired
    geometry = polygon_parts(geometry)
    if geometry.isNull() or geometry.isEmpty() or geometry.area() <= 0:
        reasons.append(translate("nothing of the area was left; it was not checked", lang))
        return None, "; ".join(reasons)
    return geometry, "; ".join(reasons)
