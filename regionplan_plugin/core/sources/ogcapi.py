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

import math
from typing import Iterator, List
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext, QgsRectangle

from .. import util
from ..errors import Cancelled, NetworkError
from ..http import decode_json, safe_url
from ..i18n import tr
from .base import Page, RemoteVersion, answered_page, answered_version, conditional_headers, keyword_value
from .crs import CRS84, normalize_crs, offered_crs, qgs_crs, sniff_coordinates
from .geojson import FeatureParser, no_gc
from .paging import PagingGuard, error_detail, number_matched
from .registry import register

GEOJSON_ACCEPT = "application/geo+json, application/json;q=0.9, */*;q=0.1"
DEFAULT_LIMIT = 1000


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
        self._documents = {}  # cid -> the collection's document, as read for its items

    # -- plain documents
    def url(self, path: str, **params) -> str:
        url = urljoin(self.base_url, path.lstrip("/"))
        return with_params(url, params) if params else url

    def _json(self, url: str, feedback=None):
        response = self.http.get(url, headers={"Accept": "application/json"}, feedback=feedback)
        return decode_json(response.body, url, response.status, lenient_text=True)

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
        self._documents = {}
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
        collection = self._documents.get(cid)
        if collection is None:  # read once per service: a check asks for a collection's items per plan area
            collection = self._documents[cid] = self.collection(cid, feedback)
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
            page = answered_page(response, url, number)
            if page.not_modified:
                yield page
                return
            with no_gc():
                obj = decode_json(response.body, url, response.status, lenient_text=True)
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
            with no_gc():
                sent_ids = parsers[source].parse(features, page)
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
        headers = conditional_headers(known, {"Accept": GEOJSON_ACCEPT})
        response = self.http.get(url, headers=headers, feedback=feedback, accept=(200, 304))
        return answered_version(response, known, remote.version)


def _open(spec, http):
    return OgcFeaturesService(spec.url, http)


register("ogcapi-features", _open)
