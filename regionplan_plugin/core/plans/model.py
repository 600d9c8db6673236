"""The common result of every plan reader: :class:`PlanAreas`, and its plan layer.

Contract section 6: a polygon layer with the fields ``name``, ``purpose`` (the ``applies_to``
vocabulary, empty when unknown), ``use_code`` (the provision's own wording or code),
``plan_id`` and ``status``; mode ``whole`` (one area for the whole plan) or ``per_use`` (one
per use provision of a detaljplan, one per use area of an ÖP).
"""

from dataclasses import dataclass, field
from typing import List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..errors import RegionplanError
from ..i18n import tr
from ..purposes import combine
from ..util import new_field, owned_by_main_thread

WHOLE = "whole"
PER_USE = "per_use"
#: The import modes, in the order of ``regionplan:importplan``'s ``MODE`` enum.
MODES = (WHOLE, PER_USE)
#: The plan layer's fields, in order (contract section 6).
FIELD_NAMES = ("name", "purpose", "use_code", "plan_id", "status")


class PlanFileError(RegionplanError):
    """A plan file cannot be read. ``kind``: ``unreadable`` (not a file we can open),
    ``invalid`` (it breaks its format: the message names the object and the problem),
    ``empty`` (no polygon in it), ``crs_needed`` (it says nothing of its coordinate system:
    the caller must choose one, see ``files.CRS_CHOICES``) or ``mode`` (an unknown mode)."""

    def __init__(self, message: str, kind: str, path: str = ""):
        super().__init__(message)
        self.kind = kind
        self.path = path


class CrsNeededError(PlanFileError):
    """The file has no coordinate reference system: ask the user for one and read it again with ``crs=``."""

    def __init__(self, message: str, path: str = ""):
        super().__init__(message, "crs_needed", path)


@dataclass
class PlanArea:
    """One area of a plan: a use provision, an ÖP use area, or a feature of a plan file."""

    geometry: QgsGeometry
    name: str = ""
    purpose: str = ""
    use_code: str = ""
    ident: str = ""


@dataclass
class PlanAreas:
    """A plan as read from a file: its outline (``outline``, the plan area), the areas it is
    made of, and what the file says about the plan. ``crs`` is an authid (``EPSG:3006``)."""

    crs: str
    name: str = ""
    plan_id: str = ""
    status: str = ""
    kind: str = ""  # "detaljplan", "op-model" or "file"
    source: str = ""
    areas: List[PlanArea] = field(default_factory=list)
    outline: Optional[QgsGeometry] = None
    notes: List[str] = field(default_factory=list)

    def whole(self) -> QgsGeometry:
        """The plan area: the outline when the file gives one, else the union of the areas."""
        if self.outline is not None and not self.outline.isEmpty():
            return QgsGeometry(self.outline)
        return union([area.geometry for area in self.areas])

    def purpose(self) -> str:
        """The whole plan's purpose: the one purpose its areas share, ``mixed`` when they differ,
        ``''`` when any is unknown."""
        return combine(area.purpose for area in self.areas) if self.areas else ""

    def rows(self, mode: str = WHOLE):
        """``(geometry, {field: value})`` for each feature of the plan layer in ``mode``."""
        if mode not in MODES:
            raise PlanFileError(tr("Unknown import mode {mode}: use whole or per_use.").format(mode=mode), "mode")
        if mode == WHOLE:
            codes = []
            for area in self.areas:
                if area.use_code and area.use_code not in codes:
                    codes.append(area.use_code)
            values = {"name": self.name, "purpose": self.purpose(), "use_code": ", ".join(codes),
                      "plan_id": self.plan_id, "status": self.status}
            return [(self.whole(), values)]
        rows = []
        for area in self.areas:
            name = area.name or (f"{self.name} \u2013 {area.use_code}" if self.name and area.use_code else
                                 self.name or area.use_code)
            values = {"name": name, "purpose": area.purpose, "use_code": area.use_code,
                      "plan_id": self.plan_id, "status": self.status}
            rows.append((QgsGeometry(area.geometry), values))
        return rows

    def features(self, mode: str = WHOLE, crs: Optional[str] = None) -> List[QgsFeature]:
        """The plan layer's features in ``mode``, transformed to ``crs`` when given."""
        fields = plan_fields()
        transform = None
        if crs and crs != self.crs:
            transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(self.crs),
                                               QgsCoordinateReferenceSystem(crs), QgsCoordinateTransformContext())
        features = []
        for geometry, values in self.rows(mode):
            if geometry is None or geometry.isEmpty():
                continue
            geometry = QgsGeometry(geometry)
            if transform is not None:
                try:
                    geometry.transform(transform)
                except QgsCsException:
                    raise PlanFileError(tr("The plan cannot be transformed from {source} to {target}: its coordinates "
                                           "do not fit {source}. Check the file's coordinate system.").format(
                        source=self.crs, target=crs), "invalid", self.source) from None
            geometry.convertToMultiType()
            feature = QgsFeature(fields)
            feature.setGeometry(geometry)
            for name in FIELD_NAMES:
                feature[name] = values.get(name) or ""
            features.append(feature)
        return features

    def to_layer(self, mode: str = WHOLE, crs: Optional[str] = None, name: str = "") -> QgsVectorLayer:
        """A memory MultiPolygon layer of the plan in ``mode``, in ``crs`` (else the file's)."""
        target = crs or self.crs
        layer = owned_by_main_thread(QgsVectorLayer(
            f"MultiPolygon?crs={target}", name or self.name or tr("Plan"), "memory"))
        layer.dataProvider().addAttributes(list(plan_fields()))
        layer.updateFields()
        layer.dataProvider().addFeatures(self.features(mode, target))
        layer.updateExtents()
        return layer


def plan_fields() -> QgsFields:
    fields = QgsFields()
    for name in FIELD_NAMES:
        field_ = new_field(name, "text")
        field_.setLength(0)
        fields.append(field_)
    return fields


def union(geometries) -> QgsGeometry:
    parts = [g for g in geometries if g is not None and not g.isEmpty()]
    if not parts:
        return QgsGeometry()
    result = QgsGeometry.unaryUnion(parts)
    if result.isNull() or not result.isGeosValid():
        result = QgsGeometry.unaryUnion([g.makeValid() for g in parts])
    return result


def polygons_only(geometry: QgsGeometry) -> QgsGeometry:
    """The polygon parts of ``geometry`` (valid, 2D), or an empty geometry."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return QgsGeometry()
    if QgsWkbTypes.geometryType(geometry.wkbType()) != QgsWkbTypes.PolygonGeometry:
        if geometry.isMultipart() or QgsWkbTypes.flatType(geometry.wkbType()) == QgsWkbTypes.GeometryCollection:
            geometry = QgsGeometry(geometry)
            geometry.convertGeometryCollectionToSubclass(QgsWkbTypes.PolygonGeometry)
            if geometry.isEmpty():
                return QgsGeometry()
        else:
            return QgsGeometry()
    geometry = QgsGeometry(geometry)
    if QgsWkbTypes.hasZ(geometry.wkbType()) or QgsWkbTypes.hasM(geometry.wkbType()):
        geometry.get().dropZValue()
        geometry.get().dropMValue()
    if QgsWkbTypes.isCurvedType(geometry.wkbType()):
        geometry = QgsGeometry(geometry.constGet().segmentize())
    if not geometry.isGeosValid():
        geometry = geometry.makeValid()
        if QgsWkbTypes.flatType(geometry.wkbType()) == QgsWkbTypes.GeometryCollection:
            geometry.convertGeometryCollectionToSubclass(QgsWkbTypes.PolygonGeometry)
    return geometry
