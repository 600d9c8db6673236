"""Small icons drawn with QPainter: cache status and severity colours."""

from qgis.core import Qgis, QgsWkbTypes
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from ..core import vocabulary
from ..core.vocabulary import FRESH, MISSING, STALE, UNKNOWN

_cache = {}


def is_polygon_layer(layer) -> bool:
    """True for a polygon layer, on QGIS 3.22 (QgsWkbTypes) and 3.30+ (Qgis.GeometryType)."""
    geometry_types = getattr(Qgis, "GeometryType", None)
    polygon = geometry_types.Polygon if geometry_types is not None and hasattr(geometry_types, "Polygon") \
        else QgsWkbTypes.PolygonGeometry
    return layer is not None and layer.geometryType() == polygon


def normalize_status(value) -> str:
    """A cache status from core (``vocabulary.CACHE_STATUSES``) as the catalogue shows it:
    a damaged copy cannot be used, so it shows as not saved offline."""
    text = str(value or "")
    if text in (FRESH, STALE, UNKNOWN):
        return text
    return MISSING


def status_label(status: str) -> str:
    return vocabulary.cache_status_label(normalize_status(status))


def status_icon(status: str) -> QIcon:
    key = ("status", status)
    if key not in _cache:
        status = normalize_status(status)
        colour, filled = vocabulary.CACHE_STATUS_COLOURS[status], status != MISSING
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(colour))
        pen.setWidthF(2.0)
        painter.setPen(pen)
        if filled:
            painter.setBrush(QColor(colour))
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(2.5, 2.5, 11, 11))
        if status == STALE:  # a white bar: "needs attention"
            painter.setPen(QPen(QColor("white"), 2.0))
            painter.drawLine(8, 5, 8, 9)
            painter.drawPoint(8, 11)
        elif status == UNKNOWN:  # a white dot: "local copy, currency unknown"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("white"))
            painter.drawEllipse(QRectF(6, 6, 4, 4))
        painter.end()
        _cache[key] = QIcon(pixmap)
    return _cache[key]


def severity_icon(severity: str) -> QIcon:
    key = ("severity", severity)
    if key not in _cache:
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(vocabulary.severity_colour(severity)))
        painter.drawRoundedRect(QRectF(1, 1, 12, 12), 3, 3)
        painter.end()
        _cache[key] = QIcon(pixmap)
    return _cache[key]


def severity_label(severity: str) -> str:
    return vocabulary.severity_label(severity)


def kind_label(kind: str) -> str:
    return vocabulary.kind_label(kind)
