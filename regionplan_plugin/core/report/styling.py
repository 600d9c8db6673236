"""The findings on a map: one styled memory layer per geometry type, coloured by severity."""

import os
from typing import List

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsRendererCategory,
    QgsVectorLayer,
    QgsWkbTypes,
)

from .. import paths, util
from ..check.results import findings_fields
from ..i18n import translate
from ..vocabulary import SEVERITIES, SEVERITY_COLOURS, SEVERITY_LABELS


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
