"""Plain layers as a data source (:class:`LayerData`: a GeoPackage, tests) and memory layers
from parsed features (:func:`memory_layer_from_features`)."""

from typing import Dict, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeature,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..errors import CacheError
from ..fieldtypes import field_kind, field_value
from ..geomtypes import dominant_family
from ..i18n import N_, tr
from ..util import new_field, owned_by_main_thread
from . import validity
from .base import ParsedFeature, Provenance

ID_FIELD = "rp_id"


def _reprojected(layer: QgsVectorLayer, crs: QgsCoordinateReferenceSystem) -> QgsVectorLayer:
    """``layer`` itself when it is in ``crs``, else a memory copy transformed into ``crs``."""
    if layer.crs() == crs:
        return layer
    transform = QgsCoordinateTransform(layer.crs(), crs, QgsCoordinateTransformContext())
    copy = owned_by_main_thread(QgsVectorLayer(f"{_wkb_name(layer)}?crs={crs.authid()}", layer.name(), "memory"))
    copy.dataProvider().addAttributes(list(layer.fields()))
    copy.updateFields()
    features = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        try:
            geometry.transform(transform)
        except QgsCsException:
            raise CacheError(tr("A feature of {name} cannot be transformed to {crs}.").format(
                name=layer.name(), crs=crs.authid())) from None
        out = QgsFeature(copy.fields())
        out.setAttributes(feature.attributes())
        out.setGeometry(geometry)
        features.append(out)
    copy.dataProvider().addFeatures(features)
    copy.dataProvider().createSpatialIndex()
    copy.updateExtents()
    return copy


def _wkb_name(layer: QgsVectorLayer) -> str:
    name = QgsWkbTypes.displayString(layer.wkbType())
    return name or "Unknown"


class LayerData:
    """Datasets from plain layers: ``{collection id: QgsVectorLayer}`` (a ``DataAccessLike``)."""

    def __init__(self, layers: Dict[str, QgsVectorLayer], crs: str, kinds: Optional[Dict[str, str]] = None,
                 label: str = ""):
        # keep the CRS as text: a QgsCoordinateReferenceSystem that outlives QgsApplication crashes on exit
        self.crs_id = str(crs)
        self.layers = dict(layers)
        self.kinds = dict(kinds or {})
        self.label = label
        self.notes = []  # (DataAccessLike) plain layers have nothing to say in the report
        self._ready = {}

    @classmethod
    def from_geopackage(cls, path: str, crs: str, collections=None, kinds=None) -> "LayerData":
        """One layer per collection id, named like the collection, from a GeoPackage."""
        probe = QgsVectorLayer(path, "probe", "ogr")
        if not probe.isValid():
            raise CacheError(tr("{path} cannot be opened as a GeoPackage.").format(path=path))
        sep = "!!::!!"
        names = [item.split(sep)[1] for item in probe.dataProvider().subLayers() if sep in item]
        del probe
        layers = {}
        for name in names:
            if collections is not None and name not in collections:
                continue
            layer = owned_by_main_thread(QgsVectorLayer(f"{path}|layername={name}", name, "ogr"))
            if layer.isValid():
                layers[name] = layer
        return cls(layers, crs, kinds=kinds, label=path)

    def has(self, cid: str) -> bool:
        return cid in self.layers

    def kind(self, cid: str) -> str:
        return self.kinds.get(cid, "")

    def _layer(self, cid: str) -> QgsVectorLayer:
        if cid not in self.layers:
            raise CacheError.of(N_("The dataset {name} is not available."), {"name": cid})
        if cid not in self._ready:
            self._ready[cid] = _reprojected(self.layers[cid], QgsCoordinateReferenceSystem(self.crs_id))
        return self._ready[cid]

    def source(self, cid: str, rect=None, feedback=None) -> Tuple[QgsVectorLayer, Provenance]:
        layer = self._layer(cid)
        provenance = Provenance(
            collection=cid,
            title=cid,
            origin="layer",
            source=self.label or self.layers[cid].source(),
            feature_count=layer.featureCount(),
        )
        return layer, provenance

    def extent(self, cid: str, feedback=None) -> Optional[QgsRectangle]:
        if cid not in self.layers:
            return None
        return self._layer(cid).extent()

    def release(self) -> None:
        """Drop the reprojected copies this LayerData holds (the given layers stay)."""
        self._ready.clear()


# ----------------------------------------------------------------------------------------


_FIELD_KINDS = {"bool": "bool", "int": "int", "real": "real"}  # json and text: a text field


def memory_layer_from_features(cid: str, features, crs: str, counts: Optional[dict] = None):
    """A memory layer (with spatial index) from ParsedFeatures: ``rp_id`` + the properties.

    The layer's geometry type is the collection's most common one (points, lines or polygons,
    as multi-types; ``geomtypes.dominant_family``, as in the cache); a
    feature of another type is left out and counted. Field types come from
    ``fieldtypes.field_kind`` (as in the cache). Each feature is validated once
    (``validity.py``): an invalid one is repaired with
    makeValid(), or skipped when nothing of its type is left. Returns ``(layer, skipped)``;
    ``counts`` (a dict), when given, gets the number ``repaired``."""
    families = {}
    multi = {}  # family -> the multi type of its first feature
    for feature in features:
        if feature.geometry is not None and not feature.geometry.isNull():
            kind = QgsWkbTypes.geometryType(feature.geometry.wkbType())
            if kind not in families:
                families[kind] = 0
                multi[kind] = QgsWkbTypes.multiType(QgsWkbTypes.flatType(feature.geometry.wkbType()))
            families[kind] += 1
    if families:
        main_kind = dominant_family(families)
        geometry_type = QgsWkbTypes.displayString(multi[main_kind])
    else:
        main_kind = QgsWkbTypes.PolygonGeometry
        geometry_type = "MultiPolygon"
    kept = []
    skipped = repaired = 0
    for feature in features:
        geometry = feature.geometry
        if geometry is None or geometry.isNull() or QgsWkbTypes.geometryType(geometry.wkbType()) != main_kind:
            skipped += 1
            continue
        geometry, state = validity.checked(geometry)  # once per feature read from the service
        if geometry is None:
            skipped += 1
            continue
        if state == validity.REPAIRED:
            repaired += 1
            feature = ParsedFeature(feature.id, feature.properties, geometry)
        kept.append(feature)
    if counts is not None:
        counts["repaired"] = repaired
    names = []
    values = {}
    for feature in kept:
        for key, value in (feature.properties or {}).items():
            if key not in values:
                names.append(key)
                values[key] = []
            values[key].append(value)
    types = {name: field_kind(values[name]) for name in names}
    layer = owned_by_main_thread(QgsVectorLayer(f"{geometry_type}?crs={crs}", cid, "memory"))
    provider = layer.dataProvider()
    fields = [new_field(ID_FIELD, "text")]
    fields += [new_field(name, _FIELD_KINDS.get(types[name], "text")) for name in names if name != ID_FIELD]
    provider.addAttributes(fields)
    layer.updateFields()
    out = []
    for feature in kept:
        qfeature = QgsFeature(layer.fields())
        attributes = [str(feature.id)]
        for name in names:
            if name == ID_FIELD:
                continue
            attributes.append(field_value((feature.properties or {}).get(name), types[name]))
        qfeature.setAttributes(attributes)
        geometry = type(feature.geometry)(feature.geometry)
        geometry.convertToMultiType()
        qfeature.setGeometry(geometry)
        out.append(qfeature)
    provider.addFeatures(out)
    provider.createSpatialIndex()
    layer.updateExtents()
    return layer, skipped
