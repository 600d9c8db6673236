"""A cached copy's manifest entry, a refresh's result, the cache's file names and time helpers."""

import copy
import hashlib
import os
import re
from dataclasses import asdict, dataclass, field
from dataclasses import fields as declared_fields
from typing import Dict, List, Optional

from .. import util

SCHEMA = "regionplan-cache/1"
MANIFEST = "manifest.json"
CATALOG = "catalog.json"
LOCK = ".lock"
TMP = "tmp"
LAYER = "features"
META_KEY = "REGIONPLAN_ENTRY"
RESERVED = {"fid", "geom", "rp_id"}


utc_now = util.utc_now_iso  # the old names, kept for callers of core.cache
parse_time = util.parse_iso


def safe_name(cid: str) -> str:
    """A file-name-safe, collision-free stem for a collection id (``../../x`` -> ``x-<hash>``)."""
    text = str(cid)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_-")[:48] or "collection"
    return stem + "-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass
class CacheEntry:
    """One cached copy in the manifest (``manifest.json``, as ``to_dict()``): collection
    ``collection`` stored in ``file`` (a GeoPackage in the cache folder), fetched from
    ``source_url`` at ``fetched_at`` and last confirmed current at ``checked_at`` (ISO 8601 UTC);
    ``etag``, ``last_modified``, ``version`` and ``content_hash`` say which version of the data it
    is, ``feature_count``, ``skipped`` and ``repaired`` what happened to its features."""

    collection: str
    file: str
    title: str = ""
    source_url: str = ""
    profile_id: str = ""
    fetched_at: str = ""
    checked_at: str = ""
    etag: str = ""
    last_modified: str = ""
    version: str = ""
    content_hash: str = ""
    feature_count: int = 0
    skipped: int = 0
    skip_reasons: Dict[str, int] = field(default_factory=dict)
    repaired: int = 0  # invalid features repaired with makeValid() (core/validity.py)
    crs: str = ""
    geometry_type: str = ""
    fields: List[dict] = field(default_factory=list)
    bbox: Optional[List[float]] = None
    plugin_version: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, obj) -> Optional["CacheEntry"]:
        """An entry from its JSON form, or None when it is not a usable entry."""
        if not isinstance(obj, dict):
            return None
        try:
            entry = cls(collection=str(obj["collection"]), file=str(obj["file"]))
        except (KeyError, TypeError):
            return None
        if os.path.basename(entry.file) != entry.file or not entry.file.endswith(".gpkg"):
            return None  # never follow a path out of the cache folder
        for key in _TEXTS:
            value = obj.get(key, "")
            setattr(entry, key, value if isinstance(value, str) else "")
        for key in _COUNTS:  # (no "repaired" in older manifests: 0)
            value = obj.get(key, 0)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                return None
            setattr(entry, key, value)
        reasons = obj.get("skip_reasons")
        entry.skip_reasons = {str(k): v for k, v in reasons.items() if isinstance(v, int)} if isinstance(
            reasons, dict) else {}
        fields = obj.get("fields")
        entry.fields = [f for f in fields if isinstance(f, dict)] if isinstance(fields, list) else []
        bbox = obj.get("bbox")
        if isinstance(bbox, list) and len(bbox) == 4 and all(isinstance(v, (int, float)) for v in bbox):
            entry.bbox = [float(v) for v in bbox]
        return entry

    @property
    def age_seconds(self) -> Optional[float]:
        return util.age_seconds(self.fetched_at)


# The optional fields from_dict reads by their type: texts ('' when missing), counts (0 when missing).
_TEXTS = tuple(f.name for f in declared_fields(CacheEntry) if f.type is str and f.name not in ("collection", "file"))
_COUNTS = tuple(f.name for f in declared_fields(CacheEntry) if f.type is int)


def _copy_entry(entry: CacheEntry) -> CacheEntry:
    """A copy of ``entry`` that shares no mutable value with it."""
    copied = copy.copy(entry)
    copied.skip_reasons = dict(entry.skip_reasons)
    copied.fields = [dict(item) for item in entry.fields]
    copied.bbox = list(entry.bbox) if entry.bbox is not None else None
    return copied


@dataclass
class RefreshResult:
    status: str  # "updated" or "fresh"
    entry: CacheEntry
    downloaded: bool = False
    skipped: int = 0
    skip_reasons: Dict[str, int] = field(default_factory=dict)
