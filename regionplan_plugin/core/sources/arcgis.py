"""ArcGIS FeatureServer and MapServer layers behind the DataSource seam (source type
``arcgis-featureserver``, issue 15).

Why not QGIS's own ArcGIS Feature Service provider: it does its own requests (its own
paging, no cancelling or size limits of ours, errors in its own words) and cannot yield pages
for the cache's spool. So the requests go through our :class:`~..http.HttpClient` (proxy,
``authcfg``) and the answers are read by OGR (``GeoJSON`` or ``ESRIJSON`` via ``/vsimem/``,
``ogrread.py``): no Esri JSON parser of our own.

* collections: the service's layers (``?f=json``), each described by its layer document
  (``/<id>?f=json``: name, description, extent, fields, ``objectIdField``, ``maxRecordCount``,
  pagination, query formats, ``editingInfo.lastEditDate``); the id is the layer id (``"0"``);
* paging: ``resultOffset``/``resultRecordCount`` at most the layer's ``maxRecordCount`` (and
  2,000) a request; ``exceededTransferLimit`` says whether more follow (a server without it:
  a full page means more); a layer without pagination that exceeds the limit is refused
  (an incomplete copy is never taken for the whole);
* ``outSR`` = the profile CRS's wkid; ``f=geojson`` where the layer lists it (Koop infers
  field types from values in ``f=json``, e.g. a code "1880" becomes a date), else ``f=json``;
* feature ids: the ``objectIdField`` value, also when it is a string (hash ids);
* bbox: ``geometry=xmin,ymin,xmax,ymax`` ``geometryType=esriGeometryEnvelope`` ``inSR``
  ``spatialRel=esriSpatialRelIntersects``;
* freshness: ``editingInfo.lastEditDate`` as the collection's ``version:`` keyword, and the
  query's ETag/Last-Modified when sent; else the cache's content hash.
"""

import re
from typing import Dict, Iterator, List, Optional

from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext, QgsCsException, QgsRectangle

from .. import util
from ..errors import Cancelled, NetworkError
from ..http import decode_json, safe_url
from ..i18n import tr
from .base import Page, RemoteVersion, answered_page, answered_version, conditional_headers, keyword_value
from .crs import CRS84, normalize_crs, qgs_crs
from .ogcapi import with_params
from .ogrread import OgrFeatureReader, read_ogr
from .paging import PagingGuard, pages_ahead
from .registry import register

MAX_PAGE = 2000
_EXCEEDED = re.compile(rb'"exceededTransferLimit"\s*:\s*(true|false)')


_AHEAD_HEADERS = {"Accept": "application/json"}  # of every page after the first


def _wkid(crs: str) -> str:
    norm = normalize_crs(crs)
    return norm.split(":", 1)[1] if norm.startswith("EPSG:") else "4326"


def _error_of(obj) -> str:
    error = obj.get("error") if isinstance(obj, dict) else None
    if not isinstance(error, dict):
        return ""
    parts = [str(error.get("code", "")).strip(), str(error.get("message", "")).strip()]
    parts += [str(d) for d in error.get("details") or [] if isinstance(d, str)]
    text = ": ".join(p for p in parts if p)
    return text[:200] or "error"


class ArcGisSource:
    """The layers of an ArcGIS FeatureServer or MapServer at ``spec_or_url``."""

    def __init__(self, spec_or_url, http):
        url = spec_or_url if isinstance(spec_or_url, str) else spec_or_url.url
        self.base_url = url.strip().split("?", 1)[0].rstrip("/")
        self.http = http
        self._collections: Optional[List[dict]] = None
        self._by_id: Dict[str, dict] = {}

    # -- documents
    def _json(self, url: str, feedback=None) -> dict:
        response = self.http.get(url, headers={"Accept": "application/json"}, feedback=feedback)
        obj = decode_json(response.body, url, response.status, lenient_text=True)
        self._raise_error(obj, url)
        if not isinstance(obj, dict):
            raise NetworkError(tr("The service at {url} answered, but not as an ArcGIS service.").format(
                url=safe_url(url)), kind="json", url=url)
        return obj

    @staticmethod
    def _raise_error(obj, url: str) -> None:
        detail = _error_of(obj)
        if detail:
            raise NetworkError(tr(
                "The ArcGIS service at {url} answered with an error ({detail}); nothing was changed."
            ).format(url=safe_url(url), detail=detail), kind="json", url=url)

    def collections(self, feedback=None, refresh: bool = False) -> List[dict]:
        if self._collections is not None and not refresh:
            return self._collections
        service = self._json(with_params(self.base_url, {"f": "json"}), feedback)
        result = []
        for layer in service.get("layers") or []:
            if not isinstance(layer, dict) or layer.get("id") is None:
                continue
            if layer.get("subLayerIds"):  # a group layer has no features of its own
                continue
            result.append(self._layer_doc(str(layer["id"]), feedback))
        self._collections = result
        self._by_id = {c["id"]: c for c in result}
        return result

    def _layer_doc(self, lid: str, feedback=None) -> dict:
        info = self._json(with_params(self.base_url + "/" + lid, {"f": "json"}), feedback)
        words = []
        editing = info.get("editingInfo")
        edited = editing.get("lastEditDate") if isinstance(editing, dict) else None
        if edited is not None:
            words.append("version:" + str(edited))
        advanced = info.get("advancedQueryCapabilities") or {}
        doc = {
            "id": lid,
            "title": str(info.get("name") or lid),
            "description": str(info.get("description") or ""),
            "keywords": words,
            "links": [],
            "crs": [],
            "objectIdField": info.get("objectIdField") or "",
            "maxRecordCount": info.get("maxRecordCount"),
            "supportsPagination": advanced.get("supportsPagination", info.get("supportsPagination")),
            "queryFormats": [f.strip().lower() for f in str(info.get("supportedQueryFormats") or "").split(",")],
            "geometryType": info.get("geometryType") or "",
            "fields": [f for f in info.get("fields") or [] if isinstance(f, dict)],
        }
        bbox = self._extent_crs84(info.get("extent"))
        if bbox is not None:
            doc["extent"] = {"spatial": {"bbox": [bbox], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}
        return doc

    @staticmethod
    def _extent_crs84(extent) -> Optional[List[float]]:
        if not isinstance(extent, dict):
            return None
        try:
            rect = QgsRectangle(float(extent["xmin"]), float(extent["ymin"]), float(extent["xmax"]),
                                float(extent["ymax"]))
            sr = extent.get("spatialReference") or {}
            wkid = str(sr.get("latestWkid") or sr.get("wkid") or "4326")
            if wkid == "102100":
                wkid = "3857"
            if wkid != "4326":
                ct = QgsCoordinateTransform(qgs_crs("EPSG:" + wkid), qgs_crs(CRS84), QgsCoordinateTransformContext())
                rect = ct.transformBoundingBox(rect)
        except (KeyError, TypeError, ValueError, QgsCsException):
            return None
        return [rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()]

    def collection(self, cid: str, feedback=None) -> dict:
        if self._collections is None:
            self.collections(feedback)
        item = self._by_id.get(str(cid))
        if item is None:
            raise NetworkError(tr("The ArcGIS service at {url} has no layer {name}.").format(
                url=safe_url(self.base_url), name=cid), kind="http", url=self.base_url, status=404)
        return item

    # -- features
    def page_size(self, collection: dict, limit: int) -> int:
        size = min(int(limit or MAX_PAGE), MAX_PAGE)
        server = collection.get("maxRecordCount")
        if isinstance(server, int) and server > 0:
            size = min(size, server)
        return max(1, size)

    def query_url(self, collection: dict, crs: str, bbox=None, bbox_crs=None, count=None, offset=0) -> str:
        params = {"where": "1=1", "outFields": "*", "returnGeometry": "true", "outSR": _wkid(crs),
                  "f": "geojson" if "geojson" in collection.get("queryFormats", []) else "json"}
        if count and collection.get("supportsPagination") is not False:
            params["resultOffset"] = int(offset)
            params["resultRecordCount"] = int(count)
        if bbox is not None:
            rect = bbox if isinstance(bbox, QgsRectangle) else QgsRectangle(*[float(v) for v in bbox])
            params.update({
                "geometry": ",".join(repr(v) for v in (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(),
                                                       rect.yMaximum())),
                "geometryType": "esriGeometryEnvelope", "inSR": _wkid(bbox_crs or crs),
                "spatialRel": "esriSpatialRelIntersects"})
        return with_params(self.base_url + "/" + collection["id"] + "/query", params)

    def _rows(self, body: bytes, geojson: bool, url: str) -> List[dict]:
        if body.lstrip()[:1] == b"{" and b'"error"' in body[:200]:
            self._raise_error(decode_json(body, url, 200, lenient_text=True), url)
        try:
            if geojson:
                return read_ogr(body, "GeoJSON", ".json")
            return read_ogr(body, "ESRIJSON", ".json")
        except ValueError as exc:
            raise NetworkError(tr(
                "The ArcGIS service at {url} sent something that is not features ({detail}); nothing was changed."
            ).format(url=safe_url(url), detail=str(exc)[:120]), kind="json", url=url) from None

    def iter_pages(self, cid: str, crs: str, bbox=None, bbox_crs=None, limit: int = MAX_PAGE, feedback=None,
                   headers=None) -> Iterator[Page]:
        collection = self.collection(cid, feedback)
        size = self.page_size(collection, limit)
        oid = collection.get("objectIdField") or ""
        wgs84 = (((collection.get("extent") or {}).get("spatial") or {}).get("bbox") or [None])[0]

        def id_of(row):
            value = row["properties"].get(oid) if oid else None
            return str(value if value is not None else row["fid"])

        reader = OgrFeatureReader("EPSG:" + _wkid(crs), crs, wgs84, id_of, name=collection.get("title") or cid,
                                  feedback=feedback)
        yield from pages_ahead(self.http, feedback, lambda ahead: self._pages(
            cid, collection, crs, bbox, bbox_crs, size, headers, reader, ahead, feedback))

    def _pages(self, cid, collection, crs, bbox, bbox_crs, size, headers, reader, ahead, feedback):
        paged = collection.get("supportsPagination") is not False
        geojson = "geojson" in collection.get("queryFormats", [])
        offset, number = 0, 0
        guard = PagingGuard(cid, whole=bbox is None)
        while True:
            if util.is_canceled(feedback):
                raise Cancelled(tr("Cancelled."))
            url = self.query_url(collection, crs, bbox, bbox_crs, size if paged else None, offset)
            req_headers = {"Accept": "application/json"}
            if number == 0:
                req_headers.update(headers or {})
            response = ahead.take(url) or self.http.get(url, headers=req_headers, feedback=feedback,
                                                        accept=(200, 304))
            page = answered_page(response, url, number, normalize_crs(crs))
            if page.not_modified:
                yield page
                return
            match = _EXCEEDED.search(response.body[-4096:]) or _EXCEEDED.search(response.body[:4096])
            exceeded = None if match is None else match.group(1) == b"true"
            if exceeded and paged:  # more to come: asked before this one is read
                ahead.send(self.query_url(collection, crs, bbox, bbox_crs, size, offset + size), _AHEAD_HEADERS,
                           (200, 304))
            rows = self._rows(response.body, geojson, url)
            if exceeded and not paged:
                raise NetworkError(tr(
                    "The ArcGIS layer {name} holds more features than the service sends in one answer, and it "
                    "cannot page; nothing was changed."
                ).format(name=cid), kind="paging", url=url)
            reader.parse_page(rows, page, tr(
                "The ArcGIS service repeats the same features for {name} whatever page is asked for; the "
                "download was stopped and nothing was changed.").format(name=cid))
            more = paged and bool(rows) and (exceeded if exceeded is not None else len(rows) >= size)
            guard.counted(len(rows), None)
            if not more and guard.whole:
                # the answers hold no count: the layer's is asked once, and a short download refused
                # (an empty answer, or one that ends early, never replaces a whole copy; issue 11 item 7)
                guard.matched = self._count(collection, feedback)
                guard.finish()
            more = ahead.follow(more, self.query_url(collection, crs, bbox, bbox_crs, size, offset + len(rows)),
                                _AHEAD_HEADERS)
            yield page
            if not more:
                return
            number, offset = number + 1, offset + len(rows)

    def _count(self, collection: dict, feedback=None) -> Optional[int]:
        """The layer's number of features (``returnCountOnly``), or None when the server cannot say."""
        url = with_params(self.base_url + "/" + collection["id"] + "/query",
                          {"where": "1=1", "returnCountOnly": "true", "f": "json"})
        try:
            count = self._json(url, feedback).get("count")
        except NetworkError as error:
            if error.kind in ("cancelled", "refused"):
                raise
            return None
        return count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else None

    def remote_version(self, cid: str, feedback=None, crs: str = "", bbox=None,
                       known: Optional[RemoteVersion] = None, url: str = "") -> RemoteVersion:
        """The layer's ``editingInfo.lastEditDate`` (asked again), and the ETag/Last-Modified of
        the first query page (``url``) when the server sends them."""
        fresh = self._layer_doc(str(cid), feedback)
        if str(cid) in self._by_id:
            self._by_id[str(cid)].update(fresh)
        remote = RemoteVersion(version=keyword_value(fresh, "version"))
        if not url.startswith(self.base_url + "/") or (known is not None and not known.etag
                                                      and not known.last_modified):
            return remote
        headers = conditional_headers(known, {"Accept": "application/json"})
        response = self.http.get(url, headers=headers, feedback=feedback, accept=(200, 304))
        return answered_version(response, known, remote.version)


register("arcgis-featureserver", lambda spec, http: ArcGisSource(spec, http))
