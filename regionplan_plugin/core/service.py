"""OGC API - Features client: landing page, conformance, collections and items.

Liberal in what it accepts (pygeoapi, QGIS Server, GeoServer, ldproxy...):

* items are paged by ``links[rel=next]``, followed only on the service's own origin
  (scheme, host, port) and never twice (a loop ends the paging); a server that repeats
  pages, sends fewer features than its ``numberMatched`` or answers with an exception
  document is refused (``core/paging.py``), never paged endlessly nor taken as complete;
* features are requested in the profile CRS (``crs=`` in the URI form the collection
  itself lists) when the collection offers it, else in CRS84 and transformed locally;
  the axis order is the CRS's own (``hasAxisInverted()``), so EPSG:3006 output is read
  as northing, easting and CRS84 as longitude, latitude;
* GeoJSON features are parsed into :class:`ParsedFeature` with a ``QgsGeometry`` in the
  target CRS (x = easting). Bad features (NaN/inf coordinates, wrong nesting, empty or
  unsupported geometries, too-short rings) are skipped and counted by reason; unclosed
  rings are closed; a feature without id gets a stable synthetic id (hash of its
  content); duplicates are dropped and counted.
* freshness: ``ETag``/``Last-Modified`` with conditional requests where the server sends
  them, else a ``version:`` keyword of the collection (the caller hashes the content as
  a last resort, see ``core/cache.py``).
"""

import hashlib
import json
import math
import struct
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
)

from . import util
from .errors import Cancelled, NetworkError
from .http import safe_url
from .i18n import tr
from .paging import PagingGuard, error_detail, number_matched

CRS84 = "OGC:CRS84"
CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GEOJSON_ACCEPT = "application/geo+json, application/json;q=0.9, */*;q=0.1"
DEFAULT_LIMIT = 1000

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


@dataclass
class ParsedFeature:
    id: str
    properties: dict
    geometry: QgsGeometry


@dataclass
class Page:
    features: List[ParsedFeature] = field(default_factory=list)
    skipped: int = 0
    skip_reasons: Dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    url: str = ""
    number: int = 0
    number_matched: Optional[int] = None
    crs: str = ""
    notes: List[str] = field(default_factory=list)  # e.g. the coordinates were not in the declared CRS


@dataclass
class RemoteVersion:
    etag: str = ""
    last_modified: str = ""
    version: str = ""

    def comparable(self) -> bool:
        return bool(self.etag or self.last_modified or self.version)


class _BadGeometry(Exception):
    pass


# --------------------------------------------------------------------------- CRS helpers


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


# --------------------------------------------------------------------------- URL helpers


def origin(url: str):
    parts = urlsplit(url)
    scheme = (parts.scheme or "").lower()
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def with_params(url: str, params: dict) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, str(v)) for k, v in params.items() if v is not None]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, safe=":/,"), parts.fragment))


def keywords(collection: dict) -> List[str]:
    """The collection's keywords as strings (list of strings or of ``{"keyword": ...}``)."""
    raw = collection.get("keywords") if isinstance(collection, dict) else None
    out = []
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, list):
        for item in raw:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                value = item.get("keyword") or item.get("value")
                if isinstance(value, str):
                    out.append(value)
    return out


def keyword_value(collection: dict, prefix: str) -> str:
    prefix = prefix.lower() + ":"
    for word in keywords(collection):
        if word.lower().startswith(prefix):
            return word[len(prefix):].strip()
    return ""


# --------------------------------------------------------------------------- GeoJSON -> WKB


def _num(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _BadGeometry("invalid coordinate")
    value = float(value)
    if not math.isfinite(value):
        raise _BadGeometry("non-finite coordinate")
    return value


_FLOATS = {float}


def _points(coords, swap: bool) -> List[float]:
    if not isinstance(coords, list):
        raise _BadGeometry("invalid coordinates")
    # fast path (issue 18, item 1): positions of plain finite floats, checked in bulk; anything
    # else (ints, bools, text, short or odd positions, NaN/inf, overflow) takes the exact path below
    try:
        if swap:
            flat = [v for c in coords for v in (c[1], c[0])]
        else:
            flat = [v for c in coords for v in (c[0], c[1])]
        if set(map(type, flat)) <= _FLOATS and math.isfinite(sum(flat)) and all(
                type(c) is list for c in coords):
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
    return struct.pack(f"<I{len(flat)}d", len(flat) // 2, *flat)


def _ring(coords, swap: bool) -> bytes:
    flat = _points(coords, swap)
    if len(flat) >= 4 and (flat[0] != flat[-2] or flat[1] != flat[-1]):
        flat += flat[:2]  # close an unclosed ring
    if len(flat) < 8:
        raise _BadGeometry("ring with fewer than 4 points")
    return _pack_points(flat)


def _wkb(geom, swap: bool, depth: int = 0) -> Optional[bytes]:
    """WKB for a GeoJSON geometry, None when it is empty."""
    if not isinstance(geom, dict):
        raise _BadGeometry("invalid geometry")
    gtype = geom.get("type")
    if gtype not in _WKB:
        raise _BadGeometry("unsupported geometry type")
    head = struct.pack("<BI", 1, _WKB[gtype])
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
        return head + struct.pack("<I", len(rings)) + b"".join(_ring(r, swap) for r in rings)
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
    if isinstance(fid, bool):
        fid = None
    if isinstance(fid, float) and math.isfinite(fid) and fid.is_integer():
        fid = int(fid)
    if isinstance(fid, (int, float)) or (isinstance(fid, str) and fid.strip()):
        return str(fid)
    return ""


def _first_xy(geom, depth=0):
    coords = geom.get("coordinates") if isinstance(geom, dict) else None
    if isinstance(geom, dict) and geom.get("type") == "GeometryCollection":
        parts = geom.get("geometries")
        return _first_xy(parts[0], depth + 1) if isinstance(parts, list) and parts and depth < 4 else None
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        coords = coords[0]
    if isinstance(coords, list) and len(coords) >= 2:
        try:
            a, b = _num(coords[0]), _num(coords[1])
        except _BadGeometry:
            return None
        return a, b
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

    def parse(self, features, page: Page) -> None:
        reasons = Counter()
        for feature in features if isinstance(features, list) else []:
            parsed = None
            try:
                parsed = self._one(feature)
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

    def _one(self, feature) -> Optional[ParsedFeature]:
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
        fid = _feature_id(feature) or _content_id(feature)
        return ParsedFeature(fid, props, geometry)


# --------------------------------------------------------------------------- the client


def _decode_json(body: bytes, url: str):
    try:
        text = body.decode("utf-8", errors="replace") if isinstance(body, (bytes, bytearray)) else str(body)
        return json.loads(text)
    except ValueError:
        raise NetworkError(
            tr("The service at {url} did not answer with valid JSON. Check the service address.").format(url=url),
            kind="json",
            url=url,
        ) from None


class OgcFeaturesService:
    """A client of one OGC API - Features service at ``base_url`` (using ``http`` for every request)."""

    def __init__(self, base_url: str, http):
        base = (base_url or "").strip()
        if not base.endswith("/"):
            base += "/"
        self.base_url = base
        self.http = http
        self._origin = origin(base)
        self._collections = None

    # -- plain documents
    def url(self, path: str, **params) -> str:
        url = urljoin(self.base_url, path.lstrip("/"))
        return with_params(url, params) if params else url

    def _json(self, url: str, feedback=None):
        response = self.http.get(url, headers={"Accept": "application/json"}, feedback=feedback)
        return _decode_json(response.body, url)

    def _wrong_shape(self, url: str):
        return NetworkError(
            tr("The service at {url} answered, but not as an OGC API - Features service.").format(url=url),
            kind="json",
            url=url,
        )

    def landing(self, feedback=None) -> dict:
        url = self.url("", f="json")
        obj = self._json(url, feedback)
        if not isinstance(obj, dict):
            raise self._wrong_shape(url)
        return obj

    def conformance(self, feedback=None) -> List[str]:
        url = self.url("conformance", f="json")
        obj = self._json(url, feedback)
        classes = obj.get("conformsTo") if isinstance(obj, dict) else None
        if not isinstance(classes, list):
            raise self._wrong_shape(url)
        return [c for c in classes if isinstance(c, str)]

    def collections(self, feedback=None, refresh: bool = False) -> List[dict]:
        if self._collections is not None and not refresh:
            return self._collections
        url = self.url("collections", f="json")
        obj = self._json(url, feedback)
        if isinstance(obj, dict):
            items = obj.get("collections")
        else:
            items = obj
        if not isinstance(items, list):
            raise self._wrong_shape(url)
        result = []
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), (str, int)):
                item = dict(item)
                item["id"] = str(item["id"])
                result.append(item)
        self._collections = result
        return result

    def collection(self, cid: str, feedback=None) -> dict:
        for item in self._collections or []:
            if item["id"] == cid:
                return item
        url = self.url("collections/" + quote(str(cid), safe=""), f="json")
        obj = self._json(url, feedback)
        if not isinstance(obj, dict):
            raise self._wrong_shape(url)
        obj = dict(obj)
        obj["id"] = str(obj.get("id") or cid)
        return obj

    # -- items
    def items_url(self, collection: dict) -> str:
        cid = collection.get("id", "")
        for link in collection.get("links") or []:
            if not isinstance(link, dict) or link.get("rel") not in ("items", "item"):  # QGIS Server 3.22: "item"
                continue
            href = link.get("href")
            ltype = (link.get("type") or "").lower()
            if isinstance(href, str) and ("json" in ltype or not ltype):
                url = urljoin(self.base_url, href)
                if origin(url) == self._origin and "/collections/" in urlsplit(url).path:
                    return url
        return self.url("collections/" + quote(str(cid), safe="") + "/items")

    def request_crs(self, collection: dict, target_crs: str) -> str:
        """The ``crs=`` value to send (the collection's own spelling), or "" for CRS84."""
        if normalize_crs(target_crs) == CRS84:
            return ""
        return offered_crs(collection, target_crs)

    def first_page_url(self, collection: dict, crs: str, bbox=None, bbox_crs=None, limit=DEFAULT_LIMIT) -> str:
        params = {"f": "json", "limit": int(limit)}
        request_crs = self.request_crs(collection, crs)
        if request_crs:
            params["crs"] = request_crs
        if bbox is not None:
            params.update(self._bbox_params(collection, bbox, bbox_crs or crs))
        return with_params(self.items_url(collection), params)

    def _bbox_params(self, collection: dict, bbox, bbox_crs: str) -> dict:
        """``bbox`` as CRS84 lon/lat, outward-rounded, with ``bbox-crs`` = CRS84 when the
        collection offers CRSs (Part 2).

        Real servers disagree on the axis order of a ``bbox-crs`` in EPSG:3006 (pygeoapi
        0.21 follows the CRS, northing first; QGIS Server 3.22 takes easting first), while
        CRS84 is longitude, latitude everywhere. So a bbox in another CRS is transformed to
        CRS84 first; the caller filters exactly afterwards (the cache keeps only features
        intersecting the extent).
        """
        rect = bbox if isinstance(bbox, QgsRectangle) else QgsRectangle(*[float(v) for v in bbox])
        norm = normalize_crs(bbox_crs) or bbox_crs
        if norm != CRS84:
            ct = QgsCoordinateTransform(qgs_crs(norm), qgs_crs(CRS84), QgsCoordinateTransformContext())
            rect = ct.transformBoundingBox(rect)
        pad = 1e-6
        values = (
            math.floor((rect.xMinimum() - pad) * 1e6) / 1e6,
            math.floor((rect.yMinimum() - pad) * 1e6) / 1e6,
            math.ceil((rect.xMaximum() + pad) * 1e6) / 1e6,
            math.ceil((rect.yMaximum() + pad) * 1e6) / 1e6,
        )
        params = {"bbox": ",".join(repr(v) for v in values)}
        if offered_crs(collection, CRS84):
            params["bbox-crs"] = offered_crs(collection, CRS84)
        return params

    def iter_pages(
        self,
        cid: str,
        crs: str,
        bbox=None,
        bbox_crs=None,
        limit: int = DEFAULT_LIMIT,
        feedback=None,
        headers=None,
    ) -> Iterator[Page]:
        """Yield the collection's features page by page, in ``crs`` (x = easting).

        ``headers`` (e.g. ``If-None-Match``) go with the first request only; a 304 answer
        yields one page with ``not_modified=True`` and ends the paging.
        """
        collection = self.collection(cid, feedback)
        url = self.first_page_url(collection, crs, bbox, bbox_crs, limit)
        requested = self.request_crs(collection, crs) or CRS84
        seen_urls = set()
        parsers = {}
        number = 0
        first_headers = dict(headers or {})
        guard = PagingGuard(cid, whole=bbox is None)
        while url:
            if util.is_canceled(feedback):
                raise Cancelled(tr("Cancelled."))
            seen_urls.add(url)
            req_headers = {"Accept": GEOJSON_ACCEPT}
            if number == 0:
                req_headers.update(first_headers)
            response = self.http.get(url, headers=req_headers, feedback=feedback, accept=(200, 304))
            page = Page(url=url, number=number)
            page.etag = response.headers.get("etag", "") or ""
            page.last_modified = response.headers.get("last-modified", "") or ""
            if response.status == 304:
                page.not_modified = True
                yield page
                return
            obj = _decode_json(response.body, url)
            features = self._page_features(obj, url)
            content_crs = (response.headers.get("content-crs", "") or "").strip().strip("<>")
            source = normalize_crs(content_crs)
            if not source or not qgs_crs(source).isValid():  # none, or one we do not know: as asked
                source = normalize_crs(requested) or CRS84
            if source not in parsers:
                parsers[source] = self._parser_for(features, collection, source, content_crs, crs, page, feedback)
                if len(parsers) > 1:  # share the seen ids
                    parsers[source].seen = next(iter(parsers.values())).seen
            page.crs = parsers[source].source_crs
            page.number_matched = number_matched(obj)
            parsers[source].parse(features, page)
            sent_ids = {_feature_id(f) for f in features if isinstance(f, dict)} - {""}
            if guard.page(page, len(features), sent_ids):
                return  # a repeated page after the last one
            yield page
            number += 1
            if not features:
                guard.finish()
                return
            url, looped = self._next_url(obj, url, seen_urls, cid)
            guard.next_link(url, looped)

    def _page_features(self, obj, url: str) -> list:
        """The ``features`` list of an items page; NetworkError for anything else (an
        exception document sent with status 200 must not pass for an empty page)."""
        if isinstance(obj, dict) and isinstance(obj.get("features"), list):
            return obj["features"]
        detail = error_detail(obj)
        if detail:
            raise NetworkError(tr(
                "The service at {url} answered with an error instead of features ({detail}); the download "
                "was stopped and nothing was changed."
            ).format(url=safe_url(url), detail=detail), kind="json", url=url)
        raise self._wrong_shape(url)

    def _parser_for(self, features, collection: dict, source: str, content_crs: str, crs: str, page: Page,
                    feedback=None) -> "FeatureParser":
        """The parser for pages declared in ``source``, after checking the first page's
        coordinates against the collection's declared extent (issue 11, item 13): a server
        that ignores ``crs=`` and sends CRS84, or names a CRS nobody knows, is read in the CRS
        its coordinates fit (with a note); when they fit no reading the download is refused."""
        cid = collection.get("id", "")
        found = sniff_coordinates(features, collection, source)
        if found is None:  # the extent cannot tell: the declared CRS in its own axis order
            return FeatureParser(source, crs)
        used, swap = found
        declared = normalize_crs(content_crs) or content_crs or source
        if not used:
            raise NetworkError(tr(
                "The coordinates the service sent for {name} fit the collection's extent neither as {crs} (in "
                "either axis order) nor as longitude/latitude, so the service does not say which coordinate "
                "system it used. Nothing was downloaded, so that no feature is misplaced. Report this to the "
                "service's provider."
            ).format(name=cid, crs=declared), kind="crs", url=page.url)
        if used != source or (content_crs and declared != source):
            note = tr(
                "{name}: the service's coordinates are not in the coordinate system it declares ({declared}); "
                "they fit the collection's extent as {used} and were read as such."
            ).format(name=cid, declared=declared, used=used)
            page.notes.append(note)
            util.push_warning(feedback, note)
        return FeatureParser(used, crs, swap)

    def _next_url(self, obj: dict, current: str, seen: set, cid: str = ""):
        """``(url, looped)`` of the next page: ``("", False)`` at the end, ``("", True)`` on a loop.

        A next link to another origin or scheme is refused with a NetworkError: following it
        could send requests (and credentials) elsewhere, and stopping silently would cache
        an incomplete dataset."""
        for link in obj.get("links") or []:
            if not isinstance(link, dict) or str(link.get("rel", "")).lower() != "next":
                continue
            href = link.get("href")
            ltype = (link.get("type") or "").lower()
            if not isinstance(href, str) or (ltype and "json" not in ltype):
                continue
            url = urljoin(current, href)
            if origin(url) != self._origin:
                scheme = (urlsplit(url).scheme or "").lower()
                where = f"{scheme}://{urlsplit(url).hostname or ''}" if scheme in ("http", "https") else scheme + ":"
                raise NetworkError(tr(
                    "The service's link to the next page of {name} points elsewhere ({where}); it was not "
                    "followed, the download was stopped and nothing was changed."
                ).format(name=cid, where=where), kind="redirect" if scheme in ("http", "https") else "scheme",
                    url=current)
            if url in seen:
                return "", True
            return url, False
        return "", False

    def remote_version(self, cid: str, feedback=None, crs: str = "", bbox=None, known=None,
                       url: str = "") -> RemoteVersion:
        """What the server says about the collection's current version, without a download
        where possible: its ``version:`` keyword, and the ETag/Last-Modified of the first
        items page (``url``, else the one for ``crs``/``bbox``; asked conditionally with
        ``known``'s values, 304 = unchanged)."""
        collection = self.collection(cid, feedback)
        remote = RemoteVersion(version=keyword_value(collection, "version"))
        if url and origin(url) != self._origin:
            url = ""
        if not crs and not url:
            return remote
        url = url or self.first_page_url(collection, crs, bbox)
        headers = {"Accept": GEOJSON_ACCEPT}
        if known is not None and known.etag:
            headers["If-None-Match"] = known.etag
        if known is not None and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        response = self.http.get(url, headers=headers, feedback=feedback, accept=(200, 304))
        if response.status == 304 and known is not None:
            remote.etag = known.etag
            remote.last_modified = known.last_modified
        else:
            remote.etag = response.headers.get("etag", "") or ""
            remote.last_modified = response.headers.get("last-modified", "") or ""
        return remote
