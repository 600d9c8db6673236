"""The offline basemaps of a profile's cache: ``<cache dir>/basemaps/`` with its own manifest
(entries of kind ``basemap``), written atomically under the cache's lock; and the background
layers of a report."""

import math
import os
import re
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsRasterLayer, QgsRectangle

from .. import util
from ..cache.durable import atomic_write_json, file_lock
from ..i18n import tr
from .render import cache_basemap
from .sources import background_layers, background_refs

FOLDER = "basemaps"
MANIFEST = "manifest.json"
SCHEMA = "regionplan-basemaps/1"
REPORT_OPACITY = 0.5


@dataclass
class BasemapEntry:
    id: str
    file: str
    kind: str = "basemap"
    layers: List[str] = field(default_factory=list)
    extent: List[float] = field(default_factory=list)
    crs: str = ""
    max_scale: float = 0.0
    width: int = 0
    height: int = 0
    fetched_at: str = ""

    @property
    def age_seconds(self) -> Optional[float]:
        return util.age_seconds(self.fetched_at)

    @classmethod
    def from_dict(cls, obj) -> Optional["BasemapEntry"]:
        if not isinstance(obj, dict) or obj.get("kind") != "basemap":
            return None
        try:
            entry = cls(id=str(obj["id"]), file=str(obj["file"]))
        except KeyError:
            return None
        if os.path.basename(entry.file) != entry.file or not entry.file.endswith(".gpkg"):
            return None
        layers = obj.get("layers", [])
        entry.layers = [v for v in layers if isinstance(v, str)] if isinstance(layers, list) else []
        try:  # a damaged manifest: the entry is left out, as a cache entry would be, never a traceback
            extent = obj.get("extent", [])
            entry.extent = [float(v) for v in extent] if isinstance(extent, list) and len(extent) == 4 else []
            entry.max_scale = float(obj.get("max_scale", 0) or 0)
            entry.width, entry.height = int(obj.get("width", 0) or 0), int(obj.get("height", 0) or 0)
        except (TypeError, ValueError, OverflowError):
            return None
        if not all(math.isfinite(v) for v in entry.extent + [entry.max_scale]):
            return None
        entry.crs = str(obj.get("crs", ""))
        entry.fetched_at = str(obj.get("fetched_at", ""))
        return entry


class BasemapStore:
    """The basemaps kept in ``cache`` (a ``core.cache.Cache``)."""

    def __init__(self, cache):
        self.cache = cache
        self.dir = os.path.join(cache.dir, FOLDER)
        self.manifest_path = os.path.join(self.dir, MANIFEST)

    def entries(self) -> Dict[str, BasemapEntry]:
        try:
            import json
            with open(self.manifest_path, "rb") as handle:
                obj = json.loads(handle.read().decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            return {}
        entries = obj.get("entries", {}) if isinstance(obj, dict) else {}
        found = {}
        for key, raw in (entries.items() if isinstance(entries, dict) else ()):
            entry = BasemapEntry.from_dict(raw)
            if entry is not None and entry.id == key and os.path.exists(os.path.join(self.dir, entry.file)):
                found[key] = entry
        return found

    def entry(self, basemap_id: str = "default") -> Optional[BasemapEntry]:
        return self.entries().get(basemap_id)

    def path(self, basemap_id: str = "default") -> Optional[str]:
        entry = self.entry(basemap_id)
        return os.path.join(self.dir, entry.file) if entry else None

    def layer(self, basemap_id: str = "default", name: str = "") -> Optional[QgsRasterLayer]:
        path = self.path(basemap_id)
        if not path:
            return None
        layer = QgsRasterLayer(path, name or tr("Background map (offline)"), "gdal")
        util.owned_by_main_thread(layer)
        return layer if layer.isValid() else None

    def status_text(self, basemap_id: str = "default") -> str:
        """'Saved offline 3 days ago' or 'not saved offline'."""
        entry = self.entry(basemap_id)
        if entry is None:
            return tr("not saved offline")
        age = entry.age_seconds or 0
        days = int(age // 86400)
        if days >= 1:
            return tr("saved offline {n} days ago").format(n=days)
        return tr("saved offline {n} hours ago").format(n=int(age // 3600))

    def save(self, layers, refs, extent: QgsRectangle, max_scale: float, crs: str, feedback=None,
             basemap_id: str = "default") -> BasemapEntry:
        """Render ``layers`` into this store under ``basemap_id`` and record it; the previous
        basemap of that id stays in use when anything fails."""
        os.makedirs(self.dir, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9_-]+", "_", basemap_id)[:48] or "basemap"
        final = os.path.join(self.dir, f"{safe}.gpkg")
        cache_basemap(layers, extent, max_scale, final, feedback, QgsCoordinateReferenceSystem(crs))
        from osgeo import gdal
        ds = gdal.Open(final)
        width, height = (ds.RasterXSize, ds.RasterYSize) if ds is not None else (0, 0)
        ds = None
        entry = BasemapEntry(id=basemap_id, file=os.path.basename(final), layers=list(refs),
                             extent=[extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()],
                             crs=crs, max_scale=float(max_scale), width=width, height=height,
                             fetched_at=util.utc_now_iso())
        with file_lock(os.path.join(self.dir, ".lock")):
            entries = {key: asdict(value) for key, value in self.entries().items()}
            entries[basemap_id] = asdict(entry)
            atomic_write_json(self.manifest_path, {"schema": SCHEMA, "entries": entries})
        return entry


def report_background_ref(profile) -> str:
    """The background the profile names for reports (``report_background``, validated by the
    profile's validator), else its first."""
    named = getattr(profile, "report_background", "") or ""
    if named:
        return str(named)
    refs = background_refs(profile)
    return refs[0] if refs else ""


def report_background_layers(profile, cache, extent=None, offline: bool = False, lang: str = "sv") -> List:
    """The background of a report map, lighter (opacity 0.5), to pass as ``context_layers``
    after the data layers: the cached basemap when there is one, else (online) the profile's
    report background. [] when the profile has none."""
    layers = []
    if cache is not None:
        stored = BasemapStore(cache).layer()
        if stored is not None:
            layers = [stored]
    if not layers and not offline:
        ref = report_background_ref(profile)
        layers = [layer for layer in background_layers(profile, [ref], lang) if layer.isValid()] if ref else []
    for layer in layers:
        layer.setOpacity(REPORT_OPACITY)
    return layers
