"""The catalogue a planner browses: the service's collections with facets, grouped by theme.

Facets come from the collections' keywords: ``theme:<id>``, ``kind:<kind>`` and
``year:<yyyy>``. A theme the profile does not list, or no theme at all, falls into the
group "other" (after the profile's themes, in the profile's order); a missing kind is
"other"; a missing year is None.

The catalogue is cached (``catalog.json`` in the profile's cache folder), so it opens
offline with its age; a live fetch that fails falls back to the cached copy
(``from_cache=True``, ``error`` holds the reason).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from . import util
from .errors import CacheError, NetworkError
from .i18n import tr, translate
from .sources import DataSource, RemoteVersion, keywords
from .vocabulary import BOUNDARY, CACHED_STATUSES, CORRUPT, KINDS, MISSING, OTHER  # noqa: F401 (KINDS re-exported)


def fold(text) -> str:
    """Lower case without diacritics: ``Örebro`` -> ``orebro``, ``Jordbruksmark`` -> ``jordbruksmark``."""
    text = unicodedata.normalize("NFKD", str(text or "").casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@dataclass
class CatalogTheme:
    id: str
    title: dict


@dataclass
class Dataset:
    id: str
    title: str = ""
    description: str = ""
    theme: str = OTHER
    kind: str = OTHER
    year: Optional[int] = None
    licence: str = ""
    licence_url: str = ""
    extent: dict = field(default_factory=dict)  # {"bbox": [minx, miny, maxx, maxy] CRS84, "temporal": [start, end]}
    crs_list: List[str] = field(default_factory=list)
    keywords: List[str] = field(default_factory=list)
    links: List[dict] = field(default_factory=list)  # [{href, rel, type, title}] of the collection, http(s) only
    version: str = ""
    used_by_rules: List[str] = field(default_factory=list)
    status: str = MISSING
    feature_count: Optional[int] = None
    fetched_at: str = ""
    cache_problem: str = ""
    source_id: str = ""  # the profile source it comes from (profile version 2)
    caveat: Dict[str, str] = field(default_factory=dict)  # the declared dataset's caveat {lang: text}

    @property
    def used(self) -> bool:
        return bool(self.used_by_rules)

    @property
    def cached(self) -> bool:
        return self.status in CACHED_STATUSES

    def matches(self, words: List[str]) -> bool:
        hay = fold(" ".join([self.id, self.title, self.description] + list(self.keywords)))
        return all(word in hay for word in words)


def _keyword_values(words: List[str], prefix: str) -> List[str]:
    prefix = prefix + ":"
    return [w[len(prefix):].strip() for w in words if w.lower().startswith(prefix) and w[len(prefix):].strip()]


def _extent(collection: dict) -> dict:
    out = {}
    extent = collection.get("extent")
    if not isinstance(extent, dict):
        return out
    spatial = extent.get("spatial")
    if isinstance(spatial, dict):
        bbox = spatial.get("bbox")
        if isinstance(bbox, list) and bbox and isinstance(bbox[0], list):
            bbox = bbox[0]
        if isinstance(bbox, list) and len(bbox) in (4, 6) and all(isinstance(v, (int, float)) for v in bbox):
            bbox = [float(v) for v in bbox]
            out["bbox"] = bbox if len(bbox) == 4 else [bbox[0], bbox[1], bbox[3], bbox[4]]
    temporal = extent.get("temporal")
    if isinstance(temporal, dict):
        interval = temporal.get("interval")
        if isinstance(interval, list) and interval and isinstance(interval[0], list):
            interval = interval[0]
        if isinstance(interval, list) and len(interval) == 2:
            out["temporal"] = [v if isinstance(v, str) else None for v in interval]
    return out


def _links(collection: dict) -> List[dict]:
    """The collection's links as ``{href, rel, type, title}`` (strings), http(s) ones only."""
    out = []
    links = collection.get("links")
    for link in links if isinstance(links, list) else []:
        if not isinstance(link, dict):
            continue
        href = link.get("href")
        if not isinstance(href, str) or not re.match(r"(?i)^https?://[^\s]+$", href.strip()):
            continue
        out.append({key: (link.get(key) if isinstance(link.get(key), str) else "")
                    for key in ("rel", "type", "title")})
        out[-1]["href"] = href.strip()
    return out


def dataset_from_collection(collection: dict, theme_ids) -> Dataset:
    words = keywords(collection)
    ds = Dataset(id=str(collection.get("id", "")))
    title = collection.get("title")
    ds.title = title if isinstance(title, str) and title.strip() else ds.id
    description = collection.get("description")
    ds.description = description if isinstance(description, str) else ""
    ds.keywords = words
    themes = [t for t in _keyword_values(words, "theme") if t in theme_ids]
    ds.theme = themes[0] if themes else OTHER
    kinds = _keyword_values(words, "kind")
    ds.kind = kinds[0] if kinds else OTHER
    for value in _keyword_values(words, "year"):
        if value[:4].isdigit():
            ds.year = int(value[:4])
            break
    versions = _keyword_values(words, "version")
    ds.version = versions[0] if versions else ""
    for link in collection.get("links") or []:
        if isinstance(link, dict) and str(link.get("rel", "")).lower() in ("license", "licence"):
            href = link.get("href")
            ds.licence_url = href if isinstance(href, str) else ""
            ltitle = link.get("title")
            ds.licence = ltitle if isinstance(ltitle, str) and ltitle else ds.licence_url
            break
    if not ds.licence and isinstance(collection.get("license"), str):
        ds.licence = collection["license"]
    ds.links = _links(collection)
    ds.source_id = collection.get("source_id") if isinstance(collection.get("source_id"), str) else ""
    caveat = collection.get("caveat")
    ds.caveat = {str(k): v for k, v in caveat.items() if isinstance(v, str)} if isinstance(caveat, dict) else {}
    ds.extent = _extent(collection)
    crs = collection.get("crs")
    if isinstance(crs, str):
        crs = [crs]
    ds.crs_list = [c for c in crs if isinstance(c, str)] if isinstance(crs, list) else []
    return ds


def _kept(cache, source_ids: set, listed: set) -> List[dict]:
    """The collections of the sources ``source_ids`` that have a cached copy, as the cached catalogue
    lists them (none already in ``listed``)."""
    try:
        obj, _fetched_at = cache.load_catalog()
        saved = obj.get("collections") if isinstance(obj, dict) else None
        return [c for c in saved or [] if isinstance(c, dict) and c.get("source_id") in source_ids
                and c.get("id") not in listed and cache.entry(str(c.get("id"))) is not None]
    except CacheError:
        return []


class Catalog:
    """Datasets of a profile's service, with facets, cache status and search."""

    def __init__(self, profile, datasets: List[Dataset], fetched_at: str = "", from_cache: bool = False,
                 error: str = ""):
        self.profile = profile
        self.datasets = datasets
        self.fetched_at = fetched_at
        self.from_cache = from_cache
        self.error = error

    # -- building
    @classmethod
    def load(cls, profile, service: Optional[DataSource] = None, cache=None, offline: bool = False,
             feedback=None) -> "Catalog":
        """The catalogue, live from ``service`` (and saved in ``cache`` for offline use), or from
        the cache (``service`` may be None offline). :func:`core.pipeline.open_pipeline` builds both.

        Offline, or when the service cannot be reached, the cached catalogue is used
        (``from_cache=True``); with none cached the error is raised.
        """
        if cache is None or (service is None and not offline):
            # no hidden defaults: core.pipeline is the one place that puts the parts together
            raise ValueError("Catalog.load needs the cache, and the service unless offline (see core.pipeline)")
        if not offline:
            try:
                collections = service.collections(feedback=feedback, refresh=True)
            except NetworkError as exc:
                if exc.kind == "cancelled":
                    raise
                catalog = cls._from_cache(profile, cache, str(exc))
                if catalog is None:
                    raise
                return catalog
            fetched_at = _now()
            failed = getattr(service, "failed", None) or {}
            for failure in failed.values():  # another publisher was unreachable
                util.push_warning(feedback, str(failure))
            if failed:  # its datasets saved offline stay listed (as the catalogue saved them) and usable
                collections = list(collections) + _kept(cache, set(failed), {c.get("id") for c in collections})
            try:
                # the same time as the online catalogue's: offline it says when it was fetched
                cache.save_catalog({"service_url": service.base_url, "collections": collections}, fetched_at)
            except CacheError as exc:
                util.push_warning(feedback, str(exc))
            catalog = cls(profile, cls._datasets(profile, collections), fetched_at, False)
            catalog._set_status(cache, online=True, service=service, feedback=feedback)
            return catalog
        catalog = cls._from_cache(profile, cache, "")
        if catalog is None:
            raise CacheError(tr(
                "The catalogue is not in the offline cache yet. Connect to the network and open the catalogue once."
            ))
        return catalog

    @classmethod
    def _from_cache(cls, profile, cache, error: str) -> Optional["Catalog"]:
        obj, fetched_at = cache.load_catalog()
        if not isinstance(obj, dict) or not isinstance(obj.get("collections"), list):
            return None
        collections = [c for c in obj["collections"] if isinstance(c, dict) and "id" in c]
        catalog = cls(profile, cls._datasets(profile, collections), fetched_at or "", True, error)
        catalog._set_status(cache, online=False)
        return catalog

    @staticmethod
    def _datasets(profile, collections) -> List[Dataset]:
        theme_ids = [t.id for t in getattr(profile, "themes", []) or []]
        rules = getattr(profile, "rules", []) or []
        out = []
        for collection in collections:
            ds = dataset_from_collection(collection, theme_ids)
            ds.used_by_rules = [r.id for r in rules if r.collection == ds.id]
            out.append(ds)
        return out

    def _set_status(self, cache, online: bool, service: Optional[DataSource] = None, feedback=None) -> None:
        """Cache status per dataset. Online, a ``version:`` keyword is compared, else a copy
        fetched with an ETag/Last-Modified is checked with one conditional request."""
        for ds in self.datasets:
            try:
                entry = cache.entry(ds.id)
                if entry is None:
                    ds.status = MISSING
                    continue
                ds.fetched_at = entry.fetched_at
                ds.feature_count = entry.feature_count
                if online and ds.version:
                    ds.status = cache.status(ds.id, RemoteVersion(version=ds.version))
                elif online and service is not None:
                    ds.status = cache.check(service, ds.id, feedback)
                else:
                    ds.status = cache.status(ds.id)
                if ds.status == CORRUPT:
                    ds.cache_problem = cache.verify(ds.id) or ""
            except CacheError as exc:
                ds.status = CORRUPT
                ds.cache_problem = str(exc)

    # -- reading
    @property
    def age_seconds(self) -> Optional[float]:
        return util.age_seconds(self.fetched_at)

    def dataset(self, cid: str) -> Optional[Dataset]:
        return next((ds for ds in self.datasets if ds.id == cid), None)

    def themes(self) -> List:
        """The profile's themes in order, then "other"."""
        themes = list(getattr(self.profile, "themes", []) or [])
        themes.append(CatalogTheme(OTHER, {"sv": translate("Other", "sv"), "en": "Other"}))
        return themes

    def groups(self, datasets: Optional[List[Dataset]] = None) -> List[tuple]:
        """``[(theme, [Dataset])]`` in the profile's theme order, then "other"; empty groups left out."""
        datasets = self.datasets if datasets is None else datasets
        out = []
        for theme in self.themes():
            members = sorted((d for d in datasets if d.theme == theme.id), key=lambda d: (fold(d.title), d.id))
            if members:
                out.append((theme, members))
        return out

    def years(self) -> List[int]:
        return sorted({d.year for d in self.datasets if d.year is not None})

    def search(self, text: str = "", year: Optional[int] = None, theme: Optional[str] = None,
               kind: Optional[str] = None) -> List[Dataset]:
        """Datasets whose id, title, description or keywords contain every word of ``text``
        (case and Swedish diacritics ignored), optionally of one year, theme or kind."""
        words = fold(text).split()
        out = []
        for ds in self.datasets:
            if year is not None and ds.year != int(year):
                continue
            if theme is not None and ds.theme != theme:
                continue
            if kind is not None and ds.kind != kind:
                continue
            if ds.matches(words):
                out.append(ds)
        return out

    def rule_collections(self) -> List[str]:
        """Collections any rule or statistic uses (an offline check measures the statistics too),
        plus the boundaries (``kind:boundary``), in catalogue order."""
        items = list(getattr(self.profile, "rules", []) or []) + list(getattr(self.profile, "statistics", []) or [])
        wanted = []
        for item in items:
            if item.collection not in wanted:
                wanted.append(item.collection)
        for ds in self.datasets:
            if ds.kind == BOUNDARY and ds.id not in wanted:
                wanted.append(ds.id)
        return wanted


def _now() -> str:
    return util.utc_now_iso()
