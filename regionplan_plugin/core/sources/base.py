"""The seam between the data sources and their users (issue 12, deliver item 3).

* :class:`DataSource`: what the catalogue (``Catalog.load``), the cache (``Cache.refresh``,
  ``Cache.check``) and :class:`~.access.DataAccess` need from any kind of source. The OGC
  API - Features client (``ogcapi.OgcFeaturesService``) is the first implementation; a new
  kind of source implements these methods and nothing else changes;
* :class:`DataAccessLike`: what the check needs from its data object (``DataAccess``,
  ``LayerData``);
* the types they yield: ``ParsedFeature`` (one feature, geometry in the target CRS),
  ``Page`` (one page of a download), ``RemoteVersion`` (what a server says about a
  collection's version), :class:`Provenance` (where a dataset the check read came from),
  and the collection keyword helpers (``version:``, ``kind:``) every source describes its
  collections by. A collection is a dict in the shape of an
  OGC API collection document (``id``, ``title``, ``keywords``, ``extent``, ``links``...).
"""

from dataclasses import dataclass, field, fields
from typing import Dict, Iterator, List, Optional, Protocol, Tuple, runtime_checkable

from qgis.core import QgsGeometry, QgsRectangle, QgsVectorLayer


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
class LocalLayer:
    """A downloaded layer as OGR opens it (``path``, layer ``index``, open ``options``), where it
    came from and the identity of its content (``key``)."""

    path: str
    index: int
    options: tuple
    url: str
    etag: str
    last_modified: str
    key: str
    not_modified: bool = False


@dataclass
class RemoteVersion:
    etag: str = ""
    last_modified: str = ""
    version: str = ""

    def comparable(self) -> bool:
        return bool(self.etag or self.last_modified or self.version)


def conditional_headers(known: Optional[RemoteVersion], headers: Optional[dict] = None) -> dict:
    """``headers`` plus those that let the server answer 304 for the copy ``known`` describes."""
    headers = dict(headers or {})
    if known is not None and known.etag:
        headers["If-None-Match"] = known.etag
    if known is not None and known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return headers


def answered_page(response, url: str, number: int, crs: str = "") -> Page:
    """Page ``number`` of a paged download as ``response`` begins it: its ETag and
    Last-Modified, and ``not_modified`` on a 304 (the paging then ends with it)."""
    return Page(url=url, number=number, crs=crs, etag=response.header("etag") or "",
                last_modified=response.header("last-modified") or "", not_modified=response.status == 304)


def answered_version(response, known: Optional[RemoteVersion], version: str = "") -> RemoteVersion:
    """What a conditional request's answer tells: ``known``'s validators on a 304, else the
    answer's ETag and Last-Modified; ``version`` is the source's own version, if any."""
    if response.status == 304 and known is not None:
        return RemoteVersion(etag=known.etag, last_modified=known.last_modified, version=version)
    return RemoteVersion(etag=response.header("etag") or "", last_modified=response.header("last-modified") or "",
                         version=version)



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


@dataclass
class Provenance:
    """Where the features of one dataset the check read came from (the report's sources table).

    ``origin``: ``service``, ``cache`` or ``layer``; ``bbox``: the box asked of the service
    ([xmin, ymin, xmax, ymax] in the profile CRS, None = the whole collection); ``extent``:
    the box a cached copy was cut to when cached (None = the whole collection). A value the
    origin cannot know is None."""

    collection: str
    title: str = ""
    origin: str = ""
    source: str = ""
    fetched_at: Optional[str] = None
    cache_age_s: Optional[float] = None
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    version: Optional[str] = None
    content_hash: Optional[str] = None
    feature_count: Optional[int] = None
    skipped: Optional[int] = None
    repaired: Optional[int] = None
    bbox: Optional[List[float]] = None
    extent: Optional[List[float]] = None
    caveat: Optional[Dict[str, str]] = None  # the declared dataset's caveat {lang: text} (profile version 2)

    def as_dict(self) -> dict:
        """The record as a plain dict (the case file's provenance rows, JSON)."""
        return {name: getattr(self, name) for name in sorted(_PROVENANCE_KEYS)}


_PROVENANCE_KEYS = frozenset(f.name for f in fields(Provenance))


@runtime_checkable
class DataSource(Protocol):
    """A source of collections of features: the seam the catalogue, the cache and DataAccess use.

    ``feedback`` is a ``QgsFeedback`` (or None) for progress and cancelling; failures raise
    ``NetworkError`` (kind ``cancelled`` when cancelled)."""

    base_url: str  # where the source is, as recorded in the cache's manifest and the provenance

    def collections(self, feedback=None, refresh: bool = False) -> List[dict]:
        """Every collection (``refresh``: ask again rather than reuse the last answer)."""

    def collection(self, cid: str, feedback=None) -> dict:
        """One collection's document."""

    def iter_pages(self, cid: str, crs: str, bbox=None, bbox_crs=None, limit: int = 1000, feedback=None,
                   headers=None) -> Iterator[Page]:
        """The collection's features page by page in ``crs`` (x = easting), only those meeting
        ``bbox`` (in ``bbox_crs``) when given. ``headers`` (``If-None-Match``,
        ``If-Modified-Since``) go with the first request; an unchanged collection yields one
        page with ``not_modified=True``. ``Page.url`` of the first page is what
        ``remote_version(url=...)`` asks again later."""

    def remote_version(self, cid: str, feedback=None, crs: str = "", bbox=None,
                       known: Optional[RemoteVersion] = None, url: str = "") -> RemoteVersion:
        """What the source says about the collection's current version, cheaply where it can
        (``known``: the cached copy's, for a conditional request)."""


@runtime_checkable
class DataAccessLike(Protocol):
    """What the check needs from its data object (``DataAccess``, ``LayerData``)."""

    notes: List[str]  # shown in the report (e.g. the service was unreachable, the cache was used)

    def has(self, cid: str) -> bool:
        """Whether the dataset ``cid`` can be had."""

    def kind(self, cid: str) -> str:
        """The dataset's ``kind:`` keyword (``boundary``, ``interest``...) or ""."""

    def source(self, cid: str, rect: Optional[QgsRectangle] = None,
               feedback=None) -> Tuple[QgsVectorLayer, "Provenance"]:
        """A layer in the profile CRS holding at least every feature of ``cid`` whose bbox
        meets ``rect`` (it may hold more), and where it came from."""

    def extent(self, cid: str, feedback=None) -> Optional[QgsRectangle]:
        """The dataset's extent in the profile CRS, or None when unknown."""

    def release(self) -> None:
        """Drop the layers held (call it when a check run is done with the object)."""
