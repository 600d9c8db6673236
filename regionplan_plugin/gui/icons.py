"""Small icons drawn with QPainter: cache status and severity colours."""

from qgis.core import Qgis, QgsWkbTypes
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from ..core.i18n import tr

# Cache states shown in the catalogue.
FRESH = "fresh"
STALE = "stale"
NOT_CACHED = "not_cached"
OFFLINE = "offline"

_STATUS_COLOURS = {
    FRESH: ("#2e9e44", True),
    STALE: ("#e08a00", True),
    NOT_CACHED: ("#8a8a8a", False),
    OFFLINE: ("#2a6fc9", True),
}

SEVERITY_COLOURS = {
    "conflict": "#d7191c",
    "attention": "#f29e0c",
    "support": "#1a9641",
    "info": "#2b83ba",
}

_cache = {}


def is_polygon_layer(layer) -> bool:
    """True for a polygon layer, on QGIS 3.22 (QgsWkbTypes) and 3.30+ (Qgis.GeometryType)."""
    geometry_types = getattr(Qgis, "GeometryType", None)
    polygon = geometry_types.Polygon if geometry_types is not None and hasattr(geometry_types, "Polygon") \
        else QgsWkbTypes.PolygonGeometry
    return layer is not None and layer.geometryType() == polygon


def normalize_status(value) -> str:
    """Map a cache/catalogue status to one of FRESH, STALE, NOT_CACHED, OFFLINE."""
    text = str(getattr(value, "value", value) or "").lower().replace("-", "_").replace(" ", "_")
    if text in ("fresh", "cached", "ok", "current", "up_to_date"):
        return FRESH
    if text in ("stale", "outdated", "old", "changed", "expired"):
        return STALE
    if text in ("offline", "offline_copy", "unknown", "cached_unverified", "unverified"):
        return OFFLINE
    return NOT_CACHED


def status_label(status: str) -> str:
    return {
        FRESH: tr("Cached, up to date"),
        STALE: tr("Cached, an update is available"),
        NOT_CACHED: tr("Not cached"),
        OFFLINE: tr("Offline copy"),
    }.get(status, tr("Not cached"))


def status_icon(status: str) -> QIcon:
    key = ("status", status)
    if key not in _cache:
        colour, filled = _STATUS_COLOURS.get(status, _STATUS_COLOURS[NOT_CACHED])
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
        elif status == OFFLINE:  # a white dot: "local copy"
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
        painter.setBrush(QColor(SEVERITY_COLOURS.get(severity, "#777777")))
        painter.drawRoundedRect(QRectF(1, 1, 12, 12), 3, 3)
        painter.end()
        _cache[key] = QIcon(pixmap)
    return _cache[key]


def severity_label(severity: str) -> str:
    return {
        "conflict": tr("Conflict"),
        "attention": tr("Attention"),
        "support": tr("Support"),
        "info": tr("Information"),
    }.get(severity, severity)


def kind_label(kind: str) -> str:
    return {
        "structure-plan": tr("Structure plan"),
        "interest": tr("Regional interest"),
        "knowledge": tr("Planning basis"),
        "boundary": tr("Boundary"),
    }.get(kind or "", tr("Other"))
