"""Where the check's data comes from.

Every data access object (a ``base.DataAccessLike``) has

* ``source(cid, rect, feedback) -> (QgsVectorLayer in the profile CRS, base.Provenance)``:
  a layer holding at least every feature of ``cid`` whose bbox meets ``rect`` (it may hold
  more: a cached copy is the whole dataset); the check filters by rect itself;
* ``extent(cid, feedback) -> QgsRectangle | None``: the dataset's extent in the profile CRS
  (used to know when a ``beyond_distance`` search has seen everything, and for the
  region extent);
* ``kind(cid) -> str`` (``boundary``, ``interest``... or "") and ``has(cid) -> bool``;
* ``release()`` (drop the layers held) and ``notes`` (said in the report).

:class:`DataAccess` serves the datasets of a profile: from the offline cache when the
cached copy is fresh or when working offline, else from the service, fetching only the
features in the requested box (the check asks for the plan's bbox grown by the largest
rule distance; ``beyond_distance`` asks again with growing boxes until it finds the
nearest feature). :class:`LayerData` serves plain layers (a GeoPackage, tests).
"""

import hashlib
import json
from dataclasses import replace
from datetime import datetime, timezone
from typing import Dict, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsRectangle,
    QgsVectorLayer,
)

from ..errors import CacheError, NetworkError
from ..i18n import N_, tr
from .base import DataSource, Provenance, keyword_value
from .layers import _reprojected, memory_layer_from_features


class DataAccess:
    """The datasets of ``profile`` (a ``DataAccessLike``): from ``cache`` (a
    ``core.cache.Cache``) when fresh or offline, else from ``service`` (any
    :class:`~.base.DataSource`, e.g. an ``OgcFeaturesService``) within the asked box."""

    def __init__(self, profile, cache, service: Optional[DataSource] = None, offline: bool = False):
        self.profile = profile
        self.cache = cache
        self.service = service
        self.offline = offline or service is None
        self.crs_id = str(profile.crs)
        self._fresh: Dict[str, bool] = {}
        self._fetched: Dict[str, tuple] = {}  # cid -> (rect, layer, provenance)
        # cid -> (layer, provenance) of a cached copy, opened once per DataAccess (a cached copy
        # is the whole dataset, so it serves any rect). A DataAccess belongs to one check run
        # (one thread); release() drops the layers.
        self._cached: Dict[str, tuple] = {}
        self._collections = None
        self.notes = []  # shown in the report (e.g. the service was unreachable, the cache was used)
        # source id ("" for a single service) -> the NetworkError that showed that source cannot be
        # reached or refuses: stop asking it, and only it (a profile's other sources are other servers)
        self._down: Dict[str, NetworkError] = {}
        # cid -> the NetworkError of a definite failure for that dataset (after the client's own
        # bounded retries): its documents are not asked for again in this run
        self._failed: Dict[str, NetworkError] = {}
        self._noted = set()  # cids whose failure is in the notes

    # -- metadata
    def _collection(self, cid: str, feedback=None) -> Optional[dict]:
        if self.offline or self.service is None or self._down_for(cid) is not None or cid in self._failed:
            return None
        try:
            return self.service.collection(cid, feedback)
        except NetworkError as error:
            if error.kind == "cancelled":
                raise
            self._note_down(cid, error)
            self._failed[cid] = error
            return None

    def _source_of(self, cid: str) -> str:
        """The id of the profile's source ``cid`` comes from when the service is several (a
        ``MultiSource``), else ""."""
        resolve = getattr(self.profile, "resolve", None)
        if resolve is None or not hasattr(self.service, "sources"):
            return ""
        try:
            spec = resolve(cid)[0]
        except Exception:  # noqa: BLE001 - an unknown reference: the service answers for it
            return ""
        return spec.id if spec is not None else ""

    def _down_for(self, cid: str) -> Optional[NetworkError]:
        return self._down.get(self._source_of(cid))

    def _note_down(self, cid: str, error) -> None:
        busy = getattr(error, "kind", "") == "http" and getattr(error, "status", None) == 429  # asked to wait
        key = self._source_of(cid)
        down = busy or getattr(error, "kind", "") in ("unreachable", "timeout", "tls", "refused")
        if down and key not in self._down:
            self._down[key] = error
            self.notes.append(
                tr("The service could not be reached ({error}); the offline copies in the cache were used.").format(
                    error=str(error))
            )

    def _catalog_collection(self, cid: str) -> Optional[dict]:
        if self._collections is None:
            self._collections = {}
            try:
                obj, _fetched_at = self.cache.load_catalog()
            except Exception:  # noqa: BLE001 - a missing or damaged catalogue is only a lost hint
                obj = None
            items = []
            if isinstance(obj, dict):
                items = obj.get("collections") or []
            elif isinstance(obj, list):
                items = obj
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self._collections[item["id"]] = item
        return self._collections.get(cid)

    def has(self, cid: str) -> bool:
        if self.cache is not None and self.cache.entry(cid) is not None:
            return True
        return self._collection(cid) is not None

    def kind(self, cid: str) -> str:
        collection = self._collection(cid) or self._catalog_collection(cid)
        if not collection:
            return ""
        try:
            return keyword_value(collection, "kind")
        except Exception:  # noqa: BLE001
            return ""

    def extent(self, cid: str, feedback=None) -> Optional[QgsRectangle]:
        if self._use_cache(cid, feedback):
            entry = self.cache.entry(cid)
            if entry is not None and entry.bbox is None:
                return QgsRectangle(self._cached_source(cid)[0].extent())
        collection = self._collection(cid, feedback)
        if not collection:
            return None
        try:
            bbox = collection["extent"]["spatial"]["bbox"][0]
            rect = QgsRectangle(float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3]))
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        transform = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("OGC:CRS84"), QgsCoordinateReferenceSystem(self.crs_id),
            QgsCoordinateTransformContext()
        )
        try:
            return transform.transformBoundingBox(rect)
        except Exception:  # noqa: BLE001
            return None

    # -- data
    def _use_cache(self, cid: str, feedback=None) -> bool:
        if self.cache is None:
            return False
        if self.offline:
            return True
        if self._down_for(cid) is not None and self.cache.entry(cid) is not None:
            return True
        if cid not in self._fresh:
            fresh = False
            entry = self.cache.entry(cid)
            if entry is not None and entry.bbox is None:  # a whole copy, not one cut to an extent
                collection = self._collection(cid, feedback)
                if collection is None and (cid in self._failed or self._down_for(cid) is not None):
                    self._note_failed(cid, self._failed.get(cid) or self._down_for(cid))
                    fresh = True  # the service failed for it: the cached copy, with a note
                else:
                    try:
                        fresh = self.cache.check(self.service, cid, feedback, collection=collection) == "fresh"
                    except NetworkError as error:
                        if error.kind == "cancelled":
                            raise
                        fresh = False
            self._fresh[cid] = fresh
        return self._fresh[cid]

    def _note_failed(self, cid: str, error) -> None:
        """Say once per dataset that the service failed for it and the cached copy was used."""
        self._note_down(cid, error)
        if self._down_for(cid) is None and cid not in self._noted:
            self._noted.add(cid)
            self.notes.append(
                tr("{name}: the service failed ({error}); the offline copy was used.").format(
                    name=cid, error=str(error))
            )

    def _cache_provenance(self, cid: str) -> Provenance:
        entry = self.cache.entry(cid)
        return Provenance(
            collection=cid,
            title=entry.title or cid,
            origin="cache",
            source=entry.source_url,
            fetched_at=entry.fetched_at,
            cache_age_s=entry.age_seconds,
            etag=entry.etag,
            last_modified=entry.last_modified,
            version=entry.version,
            content_hash=entry.content_hash,
            feature_count=entry.feature_count,
            skipped=entry.skipped,
            repaired=entry.repaired,
            # a copy cut to an extent when cached: [xmin, ymin, xmax, ymax] in the profile CRS, else None
            extent=self._cached_extent(entry),
            caveat=self._caveat(cid),
        )

    def _caveat(self, cid: str):
        resolve = getattr(self.profile, "resolve", None)
        dataset = resolve(cid)[2] if resolve is not None else None
        return dict(dataset.caveat) if dataset is not None and dataset.caveat else None

    def _cached_extent(self, entry):
        if entry.bbox is None:
            return None
        rect = QgsRectangle(*entry.bbox)
        if entry.crs and entry.crs != self.crs_id:
            transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(entry.crs),
                                               QgsCoordinateReferenceSystem(self.crs_id),
                                               QgsCoordinateTransformContext())
            try:
                rect = transform.transformBoundingBox(rect)
            except QgsCsException:
                return [0.0, 0.0, 0.0, 0.0]  # unknown in the profile CRS: covers nothing, so nothing is assumed
        return [rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()]

    def source(self, cid: str, rect=None, feedback=None) -> Tuple[QgsVectorLayer, Provenance]:
        if self._use_cache(cid, feedback):
            if self.cache.entry(cid) is None:
                raise CacheError.of(
                    N_("{name} is not in the offline cache. Connect to the network and cache it first."),
                    {"name": cid})
            return self._cached_source(cid)
        if self.service is None:
            raise CacheError.of(N_("{name} is not in the offline cache."), {"name": cid})
        down = self._down_for(cid)
        if down is not None and down.status == 429:  # (a cached copy was used above if there is one)
            raise down  # the service asked us to wait: do not ask again in this run
        known = self._fetched.get(cid)
        if known is not None:
            known_rect = known[0]
            if known_rect is None or (rect is not None and known_rect.contains(rect)):
                return known[1], known[2]
            if rect is not None and known_rect is not None:
                rect = QgsRectangle(rect)
                rect.combineExtentWith(known_rect)
        try:
            if cid in self._failed:
                raise self._failed[cid]  # failed already in this run: not asked again
            return self._fetch(cid, rect, feedback)
        except NetworkError as error:
            if error.kind != "cancelled":
                self._failed.setdefault(cid, error)
            if error.kind == "cancelled" or self.cache is None or self.cache.entry(cid) is None:
                raise
            # the service failed: the cached copy is better than nothing, and the report says so
            self._note_failed(cid, error)
            self._fresh[cid] = True
            return self._cached_source(cid)

    def _cached_source(self, cid: str) -> Tuple[QgsVectorLayer, Provenance]:
        """``(layer in the profile CRS, provenance)`` of the cached copy of ``cid``, opened (and
        fully checked by ``Cache.layer()``) once per DataAccess."""
        known = self._cached.get(cid)
        if known is None:
            layer = self.cache.layer(cid)
            known = (_reprojected(layer, QgsCoordinateReferenceSystem(self.crs_id)), self._cache_provenance(cid))
            self._cached[cid] = known
        return known[0], replace(known[1])  # a copy: the caller may keep it

    def release(self) -> None:
        """Drop the layers this DataAccess holds (cached copies and fetched features). Call it
        when a check run is done with it, in the thread that used it, while QGIS is running."""
        self._cached.clear()
        self._fetched.clear()

    def _fetch(self, cid: str, rect, feedback) -> Tuple[QgsVectorLayer, Provenance]:
        features = []
        etag = ""
        last_modified = ""
        skipped = 0
        digest = hashlib.sha256()
        for page in self.service.iter_pages(
            cid, self.profile.crs, bbox=rect, bbox_crs=self.profile.crs if rect is not None else None,
            feedback=feedback
        ):
            if page.number == 0:
                etag, last_modified = page.etag, page.last_modified
            skipped += page.skipped
            self.notes.extend(note for note in page.notes if note not in self.notes)
            for feature in page.features:
                features.append(feature)
                digest.update(feature.id.encode("utf-8", "replace"))
                digest.update(json.dumps(feature.properties, sort_keys=True, default=str).encode("utf-8"))
                digest.update(bytes(feature.geometry.asWkb()) if feature.geometry is not None else b"")
        counts = {}
        layer, wrong_type = memory_layer_from_features(cid, features, self.crs_id, counts)
        skipped += wrong_type
        collection = self._collection(cid, feedback) or {}
        provenance = Provenance(
            collection=cid,
            title=collection.get("title") or cid,
            origin="service",
            source=self.service.source_url(cid) if hasattr(self.service, "source_url") else self.service.base_url,
            fetched_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            cache_age_s=None,
            etag=etag,
            last_modified=last_modified,
            version=keyword_value(collection, "version") if collection else "",
            content_hash=digest.hexdigest(),
            feature_count=layer.featureCount(),
            skipped=skipped,
            repaired=counts["repaired"],
            bbox=None if rect is None else [rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()],
            caveat=self._caveat(cid),
        )
        self._fetched[cid] = (None if rect is None else QgsRectangle(rect), layer, provenance)
        return layer, provenance


def open_data(profile, offline: bool = False, http=None, cache=None) -> DataAccess:
    """A :class:`DataAccess` for ``profile`` with the plugin's cache folder and HTTP client."""
    from ..pipeline import pipeline_for  # here, not at the top: the pipeline imports this package

    return pipeline_for(profile, offline=offline, http=http, cache=cache).data_access()
