"""Where the check's data comes from.

Every data access object has

* ``source(cid, rect, feedback) -> (QgsVectorLayer in the profile CRS, provenance dict)``:
  a layer holding at least every feature of ``cid`` whose bbox meets ``rect`` (it may hold
  more: a cached copy is the whole dataset); the check filters by rect itself;
* ``extent(cid, feedback) -> QgsRectangle | None``: the dataset's extent in the profile CRS
  (used to know when a ``beyond_distance`` search has seen everything, and for the
  region extent);
* ``kind(cid) -> str`` (``boundary``, ``interest``... or "") and ``has(cid) -> bool``.

:class:`DataAccess` serves the datasets of a profile: from the offline cache when the
cached copy is fresh or when working offline, else from the service, fetching only the
features in the requested box (the check asks for the plan's bbox grown by the largest
rule distance; ``beyond_distance`` asks again with growing boxes until it finds the
nearest feature). :class:`LayerData` serves plain layers (a GeoPackage, tests).
"""

import json
from typing import Dict, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeature,
    QgsRectangle,
    QgsVectorLayer,
)

from .errors import CacheError, NetworkError
from .i18n import tr
from .util import new_field, owned_by_main_thread

ID_FIELD = "rp_id"


def _reprojected(layer: QgsVectorLayer, crs: QgsCoordinateReferenceSystem) -> QgsVectorLayer:
    """``layer`` itself when it is in ``crs``, else a memory copy transformed into ``crs``."""
    if layer.crs() == crs:
        return layer
    transform = QgsCoordinateTransform(layer.crs(), crs, QgsCoordinateTransformContext())
    copy = owned_by_main_thread(QgsVectorLayer(f"{_wkb_name(layer)}?crs={crs.authid()}", layer.name(), "memory"))
    copy.dataProvider().addAttributes(list(layer.fields()))
    copy.updateFields()
    features = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        try:
            geometry.transform(transform)
        except QgsCsException:
            raise CacheError(tr("A feature of {name} cannot be transformed to {crs}.").format(
                name=layer.name(), crs=crs.authid())) from None
        out = QgsFeature(copy.fields())
        out.setAttributes(feature.attributes())
        out.setGeometry(geometry)
        features.append(out)
    copy.dataProvider().addFeatures(features)
    copy.dataProvider().createSpatialIndex()
    copy.updateExtents()
    return copy


def _wkb_name(layer: QgsVectorLayer) -> str:
    from qgis.core import QgsWkbTypes

    name = QgsWkbTypes.displayString(layer.wkbType())
    return name or "Unknown"


class LayerData:
    """Datasets from plain layers: ``{collection id: QgsVectorLayer}``."""

    def __init__(self, layers: Dict[str, QgsVectorLayer], crs: str, kinds: Optional[Dict[str, str]] = None,
                 label: str = ""):
        # keep the CRS as text: a QgsCoordinateReferenceSystem that outlives QgsApplication crashes on exit
        self.crs_id = str(crs)
        self.layers = dict(layers)
        self.kinds = dict(kinds or {})
        self.label = label
        self._ready = {}

    @classmethod
    def from_geopackage(cls, path: str, crs: str, collections=None, kinds=None) -> "LayerData":
        """One layer per collection id, named like the collection, from a GeoPackage."""
        probe = QgsVectorLayer(path, "probe", "ogr")
        if not probe.isValid():
            raise CacheError(tr("{path} cannot be opened as a GeoPackage.").format(path=path))
        sep = "!!::!!"
        names = [item.split(sep)[1] for item in probe.dataProvider().subLayers() if sep in item]
        del probe
        layers = {}
        for name in names:
            if collections is not None and name not in collections:
                continue
            layer = owned_by_main_thread(QgsVectorLayer(f"{path}|layername={name}", name, "ogr"))
            if layer.isValid():
                layers[name] = layer
        return cls(layers, crs, kinds=kinds, label=path)

    def has(self, cid: str) -> bool:
        return cid in self.layers

    def kind(self, cid: str) -> str:
        return self.kinds.get(cid, "")

    def _layer(self, cid: str) -> QgsVectorLayer:
        if cid not in self.layers:
            raise CacheError(tr("The dataset {name} is not available.").format(name=cid))
        if cid not in self._ready:
            self._ready[cid] = _reprojected(self.layers[cid], QgsCoordinateReferenceSystem(self.crs_id))
        return self._ready[cid]

    def source(self, cid: str, rect=None, feedback=None):
        layer = self._layer(cid)
        provenance = {
            "collection": cid,
            "title": cid,
            "origin": "layer",
            "source": self.label or self.layers[cid].source(),
            "feature_count": layer.featureCount(),
        }
        return layer, provenance

    def extent(self, cid: str, feedback=None) -> Optional[QgsRectangle]:
        if cid not in self.layers:
            return None
        return self._layer(cid).extent()


# ----------------------------------------------------------------------------------------


def _field_kind(values) -> str:
    kind = None
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool):
            this = "bool"
        elif isinstance(value, int):
            this = "int"
        elif isinstance(value, float):
            this = "real"
        else:
            this = "text"
        if kind is None:
            kind = this
        elif kind != this:
            if {kind, this} == {"int", "real"}:
                kind = "real"
            elif {kind, this} == {"int", "bool"}:
                kind = "int"
            else:
                kind = "text"
    return kind or "text"


def _value(value, kind: str):
    if value is None:
        return None
    if kind == "text":
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False)
        return str(value)
    if kind == "real":
        return float(value)
    if kind == "int":
        return int(value)
    return value


def memory_layer_from_features(cid: str, features, crs: str, counts: Optional[dict] = None):
    """A memory layer (with spatial index) from ParsedFeatures: ``rp_id`` + the properties.

    The layer's geometry type is the collection's most common one (points, lines or
    polygons, as multi-types); a feature of another type is left out and counted. Each
    feature is validated once (``core/validity.py``): an invalid one is repaired with
    makeValid(), or skipped when nothing of its type is left. Returns ``(layer, skipped)``;
    ``counts`` (a dict), when given, gets the number ``repaired``."""
    from qgis.core import QgsWkbTypes

    from . import validity
    from .service import ParsedFeature

    kinds = {}
    for feature in features:
        if feature.geometry is not None and not feature.geometry.isNull():
            kind = QgsWkbTypes.geometryType(feature.geometry.wkbType())
            if kind not in kinds:
                kinds[kind] = [0, QgsWkbTypes.multiType(QgsWkbTypes.flatType(feature.geometry.wkbType()))]
            kinds[kind][0] += 1
    if kinds:
        main_kind = max(kinds, key=lambda k: kinds[k][0])  # (max keeps the first of equals)
        geometry_type = QgsWkbTypes.displayString(kinds[main_kind][1])
    else:
        main_kind = QgsWkbTypes.PolygonGeometry
        geometry_type = "MultiPolygon"
    kept = []
    skipped = repaired = 0
    for feature in features:
        geometry = feature.geometry
        if geometry is None or geometry.isNull() or QgsWkbTypes.geometryType(geometry.wkbType()) != main_kind:
            skipped += 1
            continue
        geometry, state = validity.checked(geometry)  # once per feature read from the service
        if geometry is None:
            skipped += 1
            continue
        if state == validity.REPAIRED:
            repaired += 1
            feature = ParsedFeature(feature.id, feature.properties, geometry)
        kept.append(feature)
    if counts is not None:
        counts["repaired"] = repaired
    names = []
    values = {}
    for feature in kept:
        for key, value in (feature.properties or {}).items():
            if key not in values:
                names.append(key)
                values[key] = []
            values[key].append(value)
    types = {name: _field_kind(values[name]) for name in names}
    layer = owned_by_main_thread(QgsVectorLayer(f"{geometry_type}?crs={crs}", cid, "memory"))
    provider = layer.dataProvider()
    fields = [new_field(ID_FIELD, "text")]
    fields += [new_field(name, types[name]) for name in names if name != ID_FIELD]
    provider.addAttributes(fields)
    layer.updateFields()
    out = []
    for feature in kept:
        qfeature = QgsFeature(layer.fields())
        attributes = [str(feature.id)]
        for name in names:
            if name == ID_FIELD:
                continue
            attributes.append(_value((feature.properties or {}).get(name), types[name]))
        qfeature.setAttributes(attributes)
        geometry = type(feature.geometry)(feature.geometry)
        geometry.convertToMultiType()
        qfeature.setGeometry(geometry)
        out.append(qfeature)
    provider.addFeatures(out)
    provider.createSpatialIndex()
    layer.updateExtents()
    return layer, skipped


class DataAccess:
    """The datasets of ``profile``: from ``cache`` (a ``core.cache.Cache``) when fresh or
    offline, else from ``service`` (an ``OgcFeaturesService``) within the asked box."""

    def __init__(self, profile, cache, service=None, offline: bool = False):
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
        self._down = None  # the NetworkError that showed the service cannot be reached: stop asking it
        # cid -> the NetworkError of a definite failure for that dataset (after the client's own
        # bounded retries): its documents are not asked for again in this run
        self._failed: Dict[str, NetworkError] = {}
        self._noted = set()  # cids whose failure is in the notes

    # -- metadata
    def _collection(self, cid: str, feedback=None) -> Optional[dict]:
        if self.offline or self.service is None or self._down is not None or cid in self._failed:
            return None
        try:
            return self.service.collection(cid, feedback)
        except NetworkError as error:
            if error.kind == "cancelled":
                raise
            self._note_down(error)
            self._failed[cid] = error
            return None

    def _note_down(self, error) -> None:
        busy = getattr(error, "kind", "") == "http" and getattr(error, "status", None) == 429  # asked to wait
        if (busy or getattr(error, "kind", "") in ("unreachable", "timeout", "tls", "refused")) and self._down is None:
            self._down = error
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
        from .service import keyword_value

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
        if self._down is not None and self.cache.entry(cid) is not None:
            return True
        if cid not in self._fresh:
            fresh = False
            entry = self.cache.entry(cid)
            if entry is not None and entry.bbox is None:  # a whole copy, not one cut to an extent
                collection = self._collection(cid, feedback)
                if collection is None and (cid in self._failed or self._down is not None):
                    self._note_failed(cid, self._failed.get(cid) or self._down)
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
        self._note_down(error)
        if self._down is None and cid not in self._noted:
            self._noted.add(cid)
            self.notes.append(
                tr("{name}: the service failed ({error}); the offline copy was used.").format(
                    name=cid, error=str(error))
            )

    def _cache_provenance(self, cid: str) -> dict:
        entry = self.cache.entry(cid)
        return {
            "collection": cid,
            "title": entry.title or cid,
            "origin": "cache",
            "source": entry.source_url,
            "fetched_at": entry.fetched_at,
            "cache_age_s": entry.age_seconds,
            "etag": entry.etag,
            "last_modified": entry.last_modified,
            "version": entry.version,
            "content_hash": entry.content_hash,
            "feature_count": entry.feature_count,
            "skipped": entry.skipped,
            "repaired": entry.repaired,
            # a copy cut to an extent when cached: [xmin, ymin, xmax, ymax] in the profile CRS, else None
            "extent": self._cached_extent(entry),
        }

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

    def source(self, cid: str, rect=None, feedback=None):
        if self._use_cache(cid, feedback):
            if self.cache.entry(cid) is None:
                raise CacheError(
                    tr("{name} is not in the offline cache. Connect to the network and cache it first.").format(
                        name=cid)
                )
            return self._cached_source(cid)
        if self.service is None:
            raise CacheError(tr("{name} is not in the offline cache.").format(name=cid))
        if self._down is not None and self._down.status == 429:  # (a cached copy was used above if there is one)
            raise self._down  # the service asked us to wait: do not ask again in this run
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

    def _cached_source(self, cid: str):
        """``(layer in the profile CRS, provenance)`` of the cached copy of ``cid``, opened (and
        fully checked by ``Cache.layer()``) once per DataAccess."""
        known = self._cached.get(cid)
        if known is None:
            layer = self.cache.layer(cid)
            known = (_reprojected(layer, QgsCoordinateReferenceSystem(self.crs_id)), self._cache_provenance(cid))
            self._cached[cid] = known
        return known[0], dict(known[1])

    def release(self) -> None:
        """Drop the layers this DataAccess holds (cached copies and fetched features). Call it
        when a check run is done with it, in the thread that used it, while QGIS is running."""
        self._cached.clear()
        self._fetched.clear()

    def _fetch(self, cid: str, rect, feedback):
        import hashlib
        from datetime import datetime, timezone

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
        from .service import keyword_value

        provenance = {
            "collection": cid,
            "title": collection.get("title") or cid,
            "origin": "service",
            "source": self.service.base_url,
            "fetched_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            "cache_age_s": None,
            "etag": etag,
            "last_modified": last_modified,
            "version": keyword_value(collection, "version") if collection else "",
            "content_hash": digest.hexdigest(),
            "feature_count": layer.featureCount(),
            "skipped": skipped,
            "repaired": counts["repaired"],
            "bbox": None if rect is None else [rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()],
        }
        self._fetched[cid] = (None if rect is None else QgsRectangle(rect), layer, provenance)
        return layer, provenance


def open_data(profile, offline: bool = False, http=None, cache=None) -> DataAccess:
    """A :class:`DataAccess` for ``profile`` with the plugin's cache folder and HTTP client."""
    from .cache import Cache
    from .http import HttpClient
    from .service import OgcFeaturesService

    cache = cache if cache is not None else Cache(profile.id)
    service = None
    if not offline:
        service = OgcFeaturesService(profile.service_url, http if http is not None else HttpClient())
    return DataAccess(profile, cache, service=service, offline=offline)
