"""WFS 2.0.0 and 1.1.0 behind the DataSource seam (source type ``wfs``, issue 15).

Why not QGIS's own WFS provider: it does its own networking (its own request threads,
its own paging and caching in a temporary SpatiaLite file) and takes only an ``authcfg``,
not our :class:`~..http.HttpClient` with its timeouts, retries, size limits, cancelling and
translated errors; nor can it yield pages for the cache's spool. So the requests are ours
and the parsing is OGR's: GetFeature answers are written to ``/vsimem/`` and read with
OGR's ``GeoJSON`` or ``GML`` driver (``ogrread.py``); no XML geometry parser of our own.
The capabilities document (metadata only) is read with ElementTree.

* collections: every feature type, id = its name without namespace prefix (``kommuner``
  for ``ms:kommuner``) unless two types share it; either spelling is accepted;
* paging: ``STARTINDEX``/``COUNT`` (1.1.0: ``MAXFEATURES``) where the server advertises
  ``ImplementsResultPaging`` (capped by ``CountDefault``); a page shorter than asked ends
  it; ``numberMatched="unknown"`` is fine;
* CRS: ``srsName`` = the profile CRS when the type offers it (2.0.0: the URN form, northing
  first for EPSG:3006; 1.1.0: the type's own spelling), else its default CRS; the axis order
  of what comes back is checked against the type's WGS84 extent (``ogrread.fits_swapped``);
* bbox: ``BBOX=miny,minx,maxy,maxx,urn:ogc:def:crs:EPSG::3006`` (the URN's axis order) in
  2.0.0, ``EPSG:4326`` longitude first is avoided entirely;
* output: GeoJSON when the server lists it (MapServer ``geojson``, QGIS Server
  ``application/vnd.geo+json``), else GML read with the type's DescribeFeatureType schema so
  that numbers typed as numbers stay numbers;
* freshness: ETag/Last-Modified of the first page when sent (conditional requests), else the
  cache's content hash.
"""

import re
import xml.etree.ElementTree as ET
from typing import Dict, Iterator, List, Optional

from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext, QgsRectangle

from .. import util
from ..errors import Cancelled, NetworkError
from ..http import safe_url
from ..i18n import tr
from .base import Page, RemoteVersion, answered_page, answered_version, conditional_headers
from .crs import CRS84, normalize_crs, qgs_crs
from .ogcapi import with_params
from .ogrread import OgrFeatureReader, read_ogr
from .paging import PageAhead, PagingGuard, pages_ahead
from .registry import register

DEFAULT_COUNT = 1000
_NUMBER_MATCHED = re.compile(rb'numberMatched"?\s*[=:]\s*"?(\d+)')
_NUMBER_RETURNED = re.compile(rb'numberReturned"?\s*[=:]\s*"?(\d+)')


def _more_announced(body: bytes, start: int, count: int, matched: Optional[int], full_before: bool) -> bool:
    """Whether a page that began ``body`` (asked from ``start``, ``count`` a page) is, before it is
    read, known or likely not to be the last: the counts it announces say so; without them, the
    page before it was full (a page that ends the paging says so in the counts of most servers:
    MapServer's GeoJSON gives numberMatched on the last page only)."""
    returned = _NUMBER_RETURNED.search(body[:4096])
    if returned is not None and int(returned.group(1)) < count:
        return False
    if matched is not None:
        return start + count < matched
    return full_before or returned is not None
_GEOJSON_FORMATS = ("application/vnd.geo+json", "application/geo+json", "geojson", "application/json")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem, name: str):
    return [c for c in elem if _local(c.tag) == name]


def _child_text(elem, name: str) -> str:
    for c in elem:
        if _local(c.tag) == name:
            return (c.text or "").strip()
    return ""


def _all(elem, name: str):
    return [e for e in elem.iter() if _local(e.tag) == name]


def strip_prefix(name: str) -> str:
    return name.split(":", 1)[1] if ":" in name else name


def exception_text(body: bytes) -> str:
    """The text of an OWS ``ExceptionReport`` (or ``ServiceExceptionReport``), or ""."""
    head = body[:4096].decode("utf-8", "replace")
    if "ExceptionReport" not in head and "ServiceException" not in head:
        return ""
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return "ExceptionReport"
    texts = [" ".join((e.text or "").split()) for e in root.iter() if _local(e.tag) in ("ExceptionText",
                                                                                   "ServiceException")]
    text = "; ".join(t for t in texts if t) or "ExceptionReport"
    return text[:200]


class WfsSource:
    """A WFS at ``spec_or_url`` (a ``SourceSpec`` or an endpoint URL), ``version`` 2.0.0 or 1.1.0."""

    def __init__(self, spec_or_url, http, version: str = "2.0.0"):
        url = spec_or_url if isinstance(spec_or_url, str) else spec_or_url.url
        version = (getattr(spec_or_url, "version", "") or version) if not isinstance(spec_or_url, str) else version
        self.base_url = url.strip()
        self.version = "1.1.0" if str(version).startswith("1.") else "2.0.0"
        self.http = http
        self._collections: Optional[List[dict]] = None
        self._by_name: Dict[str, dict] = {}
        self._formats: List[str] = []
        self._paging = False
        self._count_default: Optional[int] = None
        self._schemas: Dict[str, bytes] = {}

    # -- requests
    def _url(self, request: str, **params) -> str:
        base = {"SERVICE": "WFS", "VERSION": self.version, "REQUEST": request}
        base.update(params)
        return with_params(self.base_url, base)

    def _get(self, url: str, feedback=None, headers=None, accept=(200,), ahead: Optional[PageAhead] = None):
        response = ahead.take(url) if ahead is not None else None
        if response is None:
            response = self.http.get(url, headers=headers or {}, feedback=feedback, accept=accept)
        if response.status == 200:
            problem = exception_text(response.body)
            if problem:
                raise NetworkError(tr(
                    "The WFS at {url} answered with an error instead of data ({detail}); nothing was changed."
                ).format(url=safe_url(url), detail=problem), kind="json", url=url)
        return response

    # -- catalogue
    def collections(self, feedback=None, refresh: bool = False) -> List[dict]:
        if self._collections is not None and not refresh:
            return self._collections
        url = self._url("GetCapabilities")
        response = self._get(url, feedback)
        try:
            root = ET.fromstring(response.body)
        except ET.ParseError:
            raise NetworkError(tr("The service at {url} answered, but not as a WFS.").format(url=safe_url(url)),
                               kind="json", url=url) from None
        if self.version == "2.0.0" and str(root.get("version", "")).startswith("1.1"):
            self.version = "1.1.0"  # a server without WFS 2.0 (QGIS Server 3.22) answers in 1.1.0
        self._read_operations(root)
        types = _all(root, "FeatureType")
        names = [_child_text(t, "Name") for t in types]
        locals_ = [strip_prefix(n) for n in names]
        result, by_name = [], {}
        for elem, name, local in zip(types, names, locals_):
            if not name:
                continue
            cid = local if locals_.count(local) == 1 else name
            item = self._collection_doc(elem, name, cid)
            result.append(item)
            by_name[name] = by_name[cid] = item
            by_name.setdefault(local, item)
        self._collections, self._by_name = result, by_name
        return result

    def _read_operations(self, root) -> None:
        formats = []
        for op in _all(root, "Operation"):
            if op.get("name") != "GetFeature":
                continue
            for param in _children(op, "Parameter"):
                if param.get("name", "").lower() == "outputformat":
                    formats += [(v.text or "").strip() for v in _all(param, "Value")]
        self._formats = formats
        for constraint in _all(root, "Constraint"):
            value = " ".join((v.text or "").strip() for v in _all(constraint, "DefaultValue"))
            if constraint.get("name") == "ImplementsResultPaging":
                self._paging = value.upper() == "TRUE"
            elif constraint.get("name") == "CountDefault" and value.isdigit():
                self._count_default = int(value)
        if self.version == "1.1.0":
            self._paging = True  # not advertised in 1.1.0; a server that ignores STARTINDEX is caught below

    def _collection_doc(self, elem, name: str, cid: str) -> dict:
        default = _child_text(elem, "DefaultCRS") or _child_text(elem, "DefaultSRS")
        others = [(e.text or "").strip() for e in elem if _local(e.tag) in ("OtherCRS", "OtherSRS")]
        crs = [c for c in [default] + others if c]
        bbox = None
        for box in _children(elem, "WGS84BoundingBox"):
            try:
                lower = [float(v) for v in _child_text(box, "LowerCorner").split()]
                upper = [float(v) for v in _child_text(box, "UpperCorner").split()]
                bbox = [lower[0], lower[1], upper[0], upper[1]]
            except (ValueError, IndexError):
                bbox = None
        words = [(k.text or "").strip() for k in _all(elem, "Keyword") if (k.text or "").strip()]
        formats = [(f.text or "").strip() for f in _all(elem, "Format")]
        doc = {
            "id": cid,
            "title": _child_text(elem, "Title") or cid,
            "description": _child_text(elem, "Abstract"),
            "keywords": words,
            "crs": crs,
            "storageCrs": default,
            "links": [],
            "typename": name,
            "outputFormats": formats,
        }
        if bbox is not None:
            doc["extent"] = {"spatial": {"bbox": [bbox], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}
        return doc

    def collection(self, cid: str, feedback=None) -> dict:
        if self._collections is None:
            self.collections(feedback)
        item = self._by_name.get(str(cid)) or self._by_name.get(strip_prefix(str(cid)))
        if item is None:
            raise NetworkError(tr("The WFS at {url} has no feature type {name}.").format(
                url=safe_url(self.base_url), name=cid), kind="http", url=self.base_url, status=404)
        return item

    # -- features
    def _output_format(self, collection: dict) -> str:
        if collection.get("geojsonWithoutIds"):
            return ""
        offered = list(collection.get("outputFormats") or []) + self._formats
        for wanted in _GEOJSON_FORMATS:
            for fmt in offered:
                if fmt.lower() == wanted or (wanted == "geojson" and "geojson" in fmt.lower()):
                    return fmt
        return ""

    def _srs(self, collection: dict, crs: str) -> str:
        want = normalize_crs(crs)
        for item in collection.get("crs") or []:
            if normalize_crs(item) == want:
                if self.version == "2.0.0" and want.startswith("EPSG:"):
                    return "urn:ogc:def:crs:EPSG::" + want.split(":", 1)[1]
                return item
        return collection.get("storageCrs") or ""

    def _bbox_param(self, bbox, bbox_crs: str, srs: str) -> str:
        rect = bbox if isinstance(bbox, QgsRectangle) else QgsRectangle(*[float(v) for v in bbox])
        target = normalize_crs(srs) or normalize_crs(bbox_crs)
        if target != normalize_crs(bbox_crs):
            ct = QgsCoordinateTransform(qgs_crs(bbox_crs), qgs_crs(target), QgsCoordinateTransformContext())
            rect = ct.transformBoundingBox(rect)
        values = [rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()]
        if target == CRS84 or not target.startswith("EPSG:"):
            return ",".join(repr(v) for v in values) + ",urn:ogc:def:crs:OGC:1.3:CRS84"
        # the URN form: the CRS's own axis order (EPSG:3006 is northing first)
        if qgs_crs(target).hasAxisInverted():
            values = [values[1], values[0], values[3], values[2]]
        return ",".join(repr(v) for v in values) + ",urn:ogc:def:crs:EPSG::" + target.split(":", 1)[1]

    def page_url(self, collection: dict, crs: str, bbox=None, bbox_crs=None, count=None, start=0) -> str:
        srs = self._srs(collection, crs)
        params = {"TYPENAMES" if self.version == "2.0.0" else "TYPENAME": collection["typename"]}
        if srs:
            params["SRSNAME"] = srs
        fmt = self._output_format(collection)
        if fmt:
            params["OUTPUTFORMAT"] = fmt
        if count:
            params["COUNT" if self.version == "2.0.0" else "MAXFEATURES"] = int(count)
            if self._paging:
                params["STARTINDEX"] = int(start)
        if bbox is not None:
            params["BBOX"] = self._bbox_param(bbox, bbox_crs or crs, srs)
        return self._url("GetFeature", **params)

    def _schema(self, collection: dict, feedback=None) -> bytes:
        name = collection["typename"]
        if name not in self._schemas:
            key = "TYPENAMES" if self.version == "2.0.0" else "TYPENAME"
            try:
                body = self._get(self._url("DescribeFeatureType", **{key: name}), feedback).body
            except NetworkError as error:
                if error.kind == "cancelled":
                    raise
                body = b""
            self._schemas[name] = body if b"schema" in body[:2048] else b""
        return self._schemas[name]

    def _rows(self, body: bytes, fmt: str, collection: dict, url: str, feedback=None) -> List[dict]:
        try:
            if fmt:
                return read_ogr(body, "GeoJSON", ".json")
            return read_ogr(body, "GML", ".gml", xsd=self._schema(collection, feedback))
        except ValueError as exc:
            head = body[:200].decode("utf-8", "replace")
            detail = re.sub(r"<[^>]*>", " ", head)
            raise NetworkError(tr(
                "The WFS at {url} sent something that is not features ({detail}); nothing was changed."
            ).format(url=safe_url(url), detail=" ".join(detail.split())[:120] or str(exc)), kind="json",
                url=url) from None

    @staticmethod
    def _number_matched(body: bytes) -> Optional[int]:
        match = _NUMBER_MATCHED.search(body[:4096])  # GML's attribute or GeoJSON's member
        return int(match.group(1)) if match else None

    def iter_pages(self, cid: str, crs: str, bbox=None, bbox_crs=None, limit: int = DEFAULT_COUNT, feedback=None,
                   headers=None) -> Iterator[Page]:
        collection = self.collection(cid, feedback)
        count = max(1, int(limit or DEFAULT_COUNT))
        if self._count_default:
            count = min(count, self._count_default)
        srs = self._srs(collection, crs) or crs
        wgs84 = (((collection.get("extent") or {}).get("spatial") or {}).get("bbox") or [None])[0]

        prefix = strip_prefix(collection["typename"]) + "."
        geojson = bool(self._output_format(collection))

        def id_of(row):
            props = row["properties"]
            value = props.pop("gml_id", None) if "gml_id" in props else None
            if value is None and isinstance(props.get("id"), (str, int)) and geojson \
                    and not collection.get("geojsonWithoutIds"):
                value = props.pop("id")
            value = str(value if value is not None else row["fid"])
            return value[len(prefix):] if value.startswith(prefix) else value  # "kommuner.12" -> "12"

        reader = OgrFeatureReader(srs, crs, wgs84, id_of, name=cid, feedback=feedback)
        yield from pages_ahead(self.http, feedback, lambda ahead: self._pages(
            cid, collection, crs, bbox, bbox_crs, count, headers, reader, ahead, feedback))

    def _pages(self, cid, collection, crs, bbox, bbox_crs, count, headers, reader, ahead, feedback):
        srs = self._srs(collection, crs) or crs
        start, number = 0, 0
        guard = PagingGuard(cid, whole=bbox is None)  # numberMatched: a page cap, a short download refused
        while True:
            if util.is_canceled(feedback):
                raise Cancelled(tr("Cancelled."))
            fmt = self._output_format(collection)
            url = self.page_url(collection, crs, bbox, bbox_crs, count, start)
            req_headers = dict(headers or {}) if number == 0 else {}
            response = self._get(url, feedback, req_headers, accept=(200, 304), ahead=ahead)
            page = answered_page(response, url, number, normalize_crs(srs) or srs)
            if page.not_modified:
                yield page
                return
            page.number_matched = self._number_matched(response.body)
            if self._paging and (not fmt or b'"id"' in response.body) and _more_announced(
                    response.body, start, count, page.number_matched, number > 0):
                # the next page is asked for before this one is read (abandoned if it ends the paging)
                ahead.send(self.page_url(collection, crs, bbox, bbox_crs, count, start + count), {}, (200, 304))
            rows = self._rows(response.body, fmt, collection, url, feedback)
            if fmt and rows and b'"id"' not in response.body:
                # GeoJSON without feature ids (MapServer's simple GeoJSON): GML has them (gml:id);
                # the collection remembers it, so only this page is asked twice
                collection["geojsonWithoutIds"] = True
                continue
            reader.parse_page(rows, page, tr(
                "The WFS repeats the same features for {name} whatever page is asked for (it ignores "
                "STARTINDEX); the download was stopped and nothing was changed.").format(name=cid))
            following = self.page_url(collection, crs, bbox, bbox_crs, count, start + len(rows))
            more = self._paging and bool(rows) and len(rows) >= count
            guard.counted(len(rows), page.number_matched)
            guard.next_link(following if more else "", False)
            if not ahead.follow(more, following):
                yield page
                return
            yield page
            number, start = number + 1, start + len(rows)

    def remote_version(self, cid: str, feedback=None, crs: str = "", bbox=None,
                       known: Optional[RemoteVersion] = None, url: str = "") -> RemoteVersion:
        """ETag/Last-Modified of the first page (asked conditionally with ``known``); WFS has no
        version of its own, so without them the cache compares content hashes."""
        remote = RemoteVersion()
        if (not url and not crs) or (known is not None and not known.etag and not known.last_modified):
            return remote  # nothing to compare with: the cache compares content hashes
        url = url if url.startswith(self.base_url.split("?")[0]) else self.page_url(
            self.collection(cid, feedback), crs, bbox, count=DEFAULT_COUNT)
        response = self._get(url, feedback, conditional_headers(known), accept=(200, 304))
        return answered_version(response, known)


register("wfs", lambda spec, http: WfsSource(spec, http))
