"""GeoJSON features -> :class:`ParsedFeature` with a ``QgsGeometry`` (through WKB) in the
target CRS. Bad features are skipped and counted by reason, unclosed rings closed,
features without id given a stable synthetic id, duplicates dropped and counted."""

import gc
import hashlib
import json
import math
import struct
import sys
from array import array
from collections import Counter
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter
from typing import List, Optional, Set

from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext, QgsCsException, QgsGeometry

from .base import Page, ParsedFeature
from .crs import axis_inverted, normalize_crs, qgs_crs

# WKB type codes (2D)
_WKB = {
    "Point": 1,
    "LineString": 2,
    "Polygon": 3,
    "MultiPoint": 4,
    "MultiLineString": 5,
    "MultiPolygon": 6,
    "GeometryCollection": 7,
}



class _BadGeometry(Exception):
    pass


@contextmanager
def no_gc():
    """The cyclic garbage collector paused while a page's objects are built (issue 18, item 1):
    a page of 1000 features makes ~15,000 containers, and the collections they would trigger
    walk every object of QGIS's process. JSON values hold no cycles, so nothing is kept longer.
    Re-enabled only by whoever paused it."""
    was = gc.isenabled()
    if was:
        gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _num(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _BadGeometry("invalid coordinate")
    value = float(value)
    if not math.isfinite(value):
        raise _BadGeometry("non-finite coordinate")
    return value


_FLOATS = {float}
_HEAD = {name: struct.pack("<BI", 1, code) for name, code in _WKB.items()}  # byte order, type
_LITTLE = sys.byteorder == "little"  # WKB here is little-endian: array's native doubles are
_COUNT = struct.Struct("<I")
_LISTS = {list}
_XY = itemgetter(0, 1)
_YX = itemgetter(1, 0)


def _points(coords, swap: bool) -> List[float]:
    if not isinstance(coords, list):
        raise _BadGeometry("invalid coordinates")
    # fast path (issue 18, item 1): positions of plain finite floats, checked in bulk; anything
    # else (ints, bools, text, short or odd positions, NaN/inf, overflow) takes the exact path below
    try:
        if set(map(type, coords)) <= _LISTS:
            flat = list(chain.from_iterable(map(_YX if swap else _XY, coords)))
            if set(map(type, flat)) <= _FLOATS and math.isfinite(sum(flat)):
                return flat
    except (TypeError, KeyError, IndexError):
        pass
    flat = []
    append = flat.append
    for c in coords:
        if not isinstance(c, (list, tuple)) or len(c) < 2:
            raise _BadGeometry("invalid coordinates")
        a = _num(c[0])
        b = _num(c[1])
        if swap:
            append(b)
            append(a)
        else:
            append(a)
            append(b)
    return flat


def _pack_points(flat: List[float]) -> bytes:
    if _LITTLE:
        return _COUNT.pack(len(flat) // 2) + array("d", flat).tobytes()
    return struct.pack(f"<I{len(flat)}d", len(flat) // 2, *flat)


def _ring(coords, swap: bool) -> bytes:
    flat = _points(coords, swap)
    size = len(flat)
    if size >= 4 and (flat[0] != flat[-2] or flat[1] != flat[-1]):
        flat += flat[:2]  # close an unclosed ring
        size += 2
    if size < 8:
        raise _BadGeometry("ring with fewer than 4 points")
    if _LITTLE:
        return _COUNT.pack(size // 2) + array("d", flat).tobytes()
    return _pack_points(flat)


def _wkb(geom, swap: bool, depth: int = 0) -> Optional[bytes]:
    """WKB for a GeoJSON geometry, None when it is empty."""
    if not isinstance(geom, dict):
        raise _BadGeometry("invalid geometry")
    gtype = geom.get("type")
    if gtype not in _WKB:
        raise _BadGeometry("unsupported geometry type")
    head = _HEAD[gtype]
    if gtype == "GeometryCollection":
        if depth > 4:
            raise _BadGeometry("invalid geometry")
        parts = geom.get("geometries")
        if not isinstance(parts, list):
            raise _BadGeometry("invalid geometry")
        wkbs = [w for w in (_wkb(p, swap, depth + 1) for p in parts) if w]
        if not wkbs:
            return None
        return head + struct.pack("<I", len(wkbs)) + b"".join(wkbs)
    coords = geom.get("coordinates")
    if not isinstance(coords, list):
        raise _BadGeometry("invalid coordinates")
    if gtype == "Point":
        if not coords:
            return None
        flat = _points([coords], swap)
        return head + struct.pack("<2d", *flat)
    if gtype == "LineString":
        if not coords:
            return None
        flat = _points(coords, swap)
        if len(flat) < 4:
            raise _BadGeometry("line with fewer than 2 points")
        return head + _pack_points(flat)
    if gtype == "Polygon":
        rings = [coords[0]] + [r for r in coords[1:] if r] if coords else []
        if not rings or not rings[0]:
            return None
        return head + _COUNT.pack(len(rings)) + b"".join([_ring(r, swap) for r in rings])
    # Multi*: drop empty parts
    part_type = gtype[5:]
    wkbs = []
    for part in coords:
        sub = _wkb({"type": part_type, "coordinates": part}, swap, depth + 1)
        if sub:
            wkbs.append(sub)
    if not wkbs:
        return None
    return head + struct.pack("<I", len(wkbs)) + b"".join(wkbs)


def _content_id(feature: dict) -> str:
    text = json.dumps(
        {"p": feature.get("properties"), "g": feature.get("geometry")}, sort_keys=True, ensure_ascii=True, default=str
    )
    return "h" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _feature_id(feature: dict) -> str:
    fid = feature.get("id")
    if type(fid) is str and fid.strip():  # the common case first
        return fid
    if isinstance(fid, bool):
        fid = None
    if isinstance(fid, float) and math.isfinite(fid) and fid.is_integer():
        fid = int(fid)
    if isinstance(fid, (int, float)) or (isinstance(fid, str) and fid.strip()):
        return str(fid)
    return ""



class FeatureParser:
    """Turns GeoJSON feature dicts into :class:`ParsedFeature` in ``target_crs``.

    ``source_crs`` is the CRS of the coordinates as delivered; its axis order decides
    whether the two first ordinates are swapped. One parser keeps the ids it has seen, so
    duplicates across pages are dropped.
    """

    def __init__(self, source_crs: str, target_crs: str, swap: Optional[bool] = None):
        self.source_crs = normalize_crs(source_crs) or source_crs
        self.target_crs = normalize_crs(target_crs) or target_crs
        self.swap = axis_inverted(self.source_crs) if swap is None else swap
        self.transform = None
        src = qgs_crs(self.source_crs)
        dst = qgs_crs(self.target_crs)
        if src != dst:
            self.transform = QgsCoordinateTransform(src, dst, QgsCoordinateTransformContext())
        self.seen = set()

    def parse(self, features, page: Page) -> Set[str]:
        """Append the good features of ``features`` to ``page`` (the others counted by reason);
        the ids the features were sent with."""
        reasons = Counter()
        sent = set()
        for feature in features if isinstance(features, list) else []:
            parsed = None
            fid = _feature_id(feature) if isinstance(feature, dict) else ""
            if fid:
                sent.add(fid)
            try:
                parsed = self._one(feature, fid)
            except _BadGeometry as exc:
                reasons[str(exc)] += 1
                continue
            if parsed is None:
                continue
            if parsed.id in self.seen:
                page.duplicates += 1
                reasons["duplicate id"] += 1
                continue
            self.seen.add(parsed.id)
            page.features.append(parsed)
        if not isinstance(features, list):
            reasons["features is not a list"] += 1
        page.skipped += sum(reasons.values())
        for reason, count in reasons.items():
            page.skip_reasons[reason] = page.skip_reasons.get(reason, 0) + count
        return sent

    def _one(self, feature, fid: str = "") -> Optional[ParsedFeature]:
        if not isinstance(feature, dict):
            raise _BadGeometry("not a feature")
        geom = feature.get("geometry")
        if geom is None:
            raise _BadGeometry("no geometry")
        wkb = _wkb(geom, self.swap)
        if not wkb:
            raise _BadGeometry("empty geometry")
        geometry = QgsGeometry()
        geometry.fromWkb(wkb)
        if geometry.isNull() or geometry.isEmpty():
            raise _BadGeometry("empty geometry")
        if self.transform is not None:
            try:
                geometry.transform(self.transform)
            except QgsCsException:
                raise _BadGeometry("cannot transform") from None
        props = feature.get("properties")
        if props is None:
            props = {}
        if not isinstance(props, dict):
            raise _BadGeometry("properties is not an object")
        return ParsedFeature(fid or _content_id(feature), props, geometry)
