"""Coordinate reference systems of the sources: names, URIs, axis order, and sniffing the
CRS a server really sent its coordinates in (issue 11, item 13)."""

import math
from urllib.parse import urlsplit

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsPointXY,
    QgsRectangle,
)

CRS84 = "OGC:CRS84"
CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"


def normalize_crs(value) -> str:
    """``EPSG:3006`` / ``OGC:CRS84`` for any of the URI, URN or short forms; "" if unknown."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    low = text.lower()
    if not low:
        return ""
    if "crs84h" in low:
        return "OGC:CRS84h"
    if low.endswith("crs84") or low in ("ogc:crs84", "crs84"):
        return CRS84
    if low.startswith("http://") or low.startswith("https://"):
        parts = [p for p in urlsplit(text).path.split("/") if p]
        # /def/crs/EPSG/0/3006
        if len(parts) >= 3 and parts[-3].upper() == "EPSG" and parts[-1].isdigit():
            return "EPSG:" + parts[-1]
        return ""
    if low.startswith("urn:ogc:def:crs:"):
        parts = text.split(":")
        if len(parts) >= 6 and parts[4].upper() == "EPSG" and parts[-1].isdigit():
            return "EPSG:" + parts[-1]
        if parts[-1].upper() == "CRS84":
            return CRS84
        return ""
    if low.startswith("epsg:"):
        code = text.split(":", 1)[1].strip()
        return "EPSG:" + code if code.isdigit() else ""
    return ""


def crs_uri(authid: str) -> str:
    norm = normalize_crs(authid)
    if norm == CRS84:
        return CRS84_URI
    if norm.startswith("EPSG:"):
        return "http://www.opengis.net/def/crs/EPSG/0/" + norm.split(":", 1)[1]
    return authid


def qgs_crs(authid: str) -> QgsCoordinateReferenceSystem:
    norm = normalize_crs(authid) or authid
    if norm == CRS84:
        crs = QgsCoordinateReferenceSystem("OGC:CRS84")
        if not crs.isValid():  # very old PROJ databases
            crs = QgsCoordinateReferenceSystem("EPSG:4326")
        return crs
    return QgsCoordinateReferenceSystem(norm)


def axis_inverted(authid: str) -> bool:
    """True when the CRS's own axis order is northing/latitude first (EPSG:3006, EPSG:4326)."""
    norm = normalize_crs(authid) or authid
    if norm == CRS84:
        return False
    return bool(qgs_crs(norm).hasAxisInverted())


def offered_crs(collection: dict, target: str) -> str:
    """The collection's own spelling of ``target`` in its ``crs`` list, or ""."""
    want = normalize_crs(target)
    if not want:
        return ""
    offered = collection.get("crs") if isinstance(collection, dict) else None
    if isinstance(offered, str):
        offered = [offered]
    if not isinstance(offered, list):
        return ""
    for item in offered:
        if normalize_crs(item) == want:
            return item
    return ""


def _first_xy(geom, depth=0):
    """The first finite (x, y) of a GeoJSON geometry as sent, or None."""
    coords = geom.get("coordinates") if isinstance(geom, dict) else None
    if isinstance(geom, dict) and geom.get("type") == "GeometryCollection":
        parts = geom.get("geometries")
        return _first_xy(parts[0], depth + 1) if isinstance(parts, list) and parts and depth < 4 else None
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        coords = coords[0]
    if isinstance(coords, list) and len(coords) >= 2:
        a, b = coords[0], coords[1]
        for value in (a, b):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                return None
        return float(a), float(b)
    return None


def _declared_extent(collection: dict):
    """``(QgsRectangle, crs)`` of the collection's declared spatial extent (CRS84 unless it says
    otherwise), or None when there is none or it is degenerate."""
    extent = collection.get("extent") if isinstance(collection, dict) else None
    try:
        spatial = extent["spatial"]
        bbox = spatial["bbox"][0]
        west, south, east, north = (float(bbox[i]) for i in ((0, 1, 2, 3) if len(bbox) == 4 else (0, 1, 3, 4)))
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (west, south, east, north)) or east <= west or north <= south:
        return None
    crs = normalize_crs(spatial.get("crs")) if isinstance(spatial, dict) and spatial.get("crs") else CRS84
    if not crs or not qgs_crs(crs).isValid():
        return None
    return QgsRectangle(west, south, east, north), crs


def sniff_coordinates(features, collection: dict, declared: str):
    """How the coordinates of a page really come: ``(crs, swap)`` of the reading that puts the
    most of the first 50 features inside the collection's declared extent (grown by 10 %).

    Tried in this order (the first wins a tie): ``declared`` in its own axis order, swapped
    (QGIS Server 3.22 sends EPSG:3006 as easting, northing), then CRS84 longitude/latitude and
    latitude/longitude (a server that ignores ``crs=``). Without a usable extent the declared
    CRS's area of use stands in (to choose a reading, never to refuse one). None when nothing
    can tell (no extent, no coordinates); ``("", False)`` when no reading fits the extent."""
    known = _declared_extent(collection)
    stand_in = known is None
    if stand_in:
        area = qgs_crs(declared).bounds() if declared and declared != CRS84 else None
        if area is None or area.isEmpty() or not area.isFinite():
            return None
        known = (area, CRS84)
    rect84, extent_crs = known
    points = []
    for feature in features[:50] if isinstance(features, list) else []:
        xy = _first_xy(feature.get("geometry")) if isinstance(feature, dict) else None
        if xy is not None:
            points.append(xy)
    if not points:
        return None
    candidates = []
    if declared and qgs_crs(declared).isValid():
        own = axis_inverted(declared)
        candidates += [(declared, own), (declared, not own)]
    if declared != CRS84:
        candidates += [(CRS84, False), (CRS84, True)]
    rects = {}
    best, best_score = ("", False), 0
    for crs, swap in candidates:
        if crs not in rects:
            rects[crs] = None
            try:
                ct = QgsCoordinateTransform(qgs_crs(extent_crs), qgs_crs(crs), QgsCoordinateTransformContext())
                rect = ct.transformBoundingBox(rect84)
            except QgsCsException:
                rect = None
            if rect is not None and rect.isFinite():
                rect.grow(max(rect.width(), rect.height(), 1e-9) * 0.1)
                rects[crs] = rect
        rect = rects[crs]
        if rect is None:
            continue
        score = sum(1 for a, b in points if rect.contains(QgsPointXY(b, a) if swap else QgsPointXY(a, b)))
        if score > best_score:
            best, best_score = (crs, swap), score
    return None if stand_in and not best[0] else best
