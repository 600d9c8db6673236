"""Reading features of a rule's dataset: attributes, ids, names, polygon parts, bbox candidates."""

from qgis.core import QgsFeature, QgsFeatureRequest, QgsGeometry, QgsRectangle, QgsVectorLayer, QgsWkbTypes

FEATURE_NAME_FIELDS = ("namn", "name", "title")
FEATURE_ID_FIELDS = ("rp_id", "id")


def attribute_text(feature: QgsFeature, names) -> str:
    """The first non-empty value of the fields ``names`` (exact name first, else any case) as text."""
    return _first_text(feature, _positions(feature.fields(), names))


def _positions(fields, names) -> list:
    lowered = {fields.at(i).name().lower(): i for i in range(fields.count())}
    positions = []
    for name in names:
        index = fields.indexOf(name)
        if index < 0:
            index = lowered.get(name.lower(), -1)
        positions.append(index)
    return positions


def _first_text(feature: QgsFeature, positions) -> str:
    for index in positions:
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


class FeatureText:
    """Ids, names and other texts of one layer's features, the field positions looked up once
    (``attribute_text`` looks them up per feature)."""

    def __init__(self, fields):
        self.fields = fields
        self.positions = {}

    def text(self, feature: QgsFeature, names) -> str:
        names = tuple(names)
        if names not in self.positions:
            self.positions[names] = _positions(self.fields, names)
        return _first_text(feature, self.positions[names])

    def feature_id(self, feature: QgsFeature) -> str:
        return self.text(feature, FEATURE_ID_FIELDS) or str(feature.id())

    def feature_name(self, feature: QgsFeature, fid: str) -> str:
        return self.text(feature, FEATURE_NAME_FIELDS) or fid


def polygon_parts(geometry: QgsGeometry) -> QgsGeometry:
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


def feature_id(feature: QgsFeature) -> str:
    return attribute_text(feature, FEATURE_ID_FIELDS) or str(feature.id())


def feature_name(feature: QgsFeature, fid: str) -> str:
    return attribute_text(feature, FEATURE_NAME_FIELDS) or fid


def is_polygon(geometry: QgsGeometry) -> bool:
    return geometry.type() == QgsWkbTypes.PolygonGeometry


def candidates(layer: QgsVectorLayer, rect: QgsRectangle):
    request = QgsFeatureRequest().setFilterRect(rect)
    return layer.getFeatures(request)
