"""``Cache``: the offline store of one profile, composed of the manifest, integrity, refresh and
layer parts."""

import errno
import json
import os
import re
import time
from typing import Dict, List, Optional

from qgis.core import QgsVectorLayer

from .. import settings, util
from ..errors import CacheError
from ..i18n import N_, tr
from .durable import _write_error, atomic_write_json, fcntl, file_lock
from .entry import CATALOG, LOCK, MANIFEST, TMP, CacheEntry
from .integrity import IntegrityMixin
from .layers import LayersMixin
from .manifest import ManifestMixin, read_embedded_entry
from .refresh import RefreshMixin
from .spool import RTREE_SUFFIX
from .uris import _layer_uri


class Cache(ManifestMixin, IntegrityMixin, RefreshMixin, LayersMixin):
    """The offline cache of one profile: ``Cache(profile_id, root=None)`` (root = the cache folder setting)."""

    def __init__(self, profile_id: str, root: Optional[str] = None):
        self.profile_id = str(profile_id)
        self.root = root or settings.cache_dir()
        folder = re.sub(r"[^a-z0-9_-]", "_", self.profile_id.lower())[:64] or "profile"
        self.dir = os.path.join(self.root, folder)
        self.problems: List[str] = []
        # (stat key, entries, damaged) of the last manifest parsed; see _read_raw()
        self._manifest_memo = None

    # -- locations

    @property
    def manifest_path(self) -> str:
        return os.path.join(self.dir, MANIFEST)

    def _ensure_dir(self) -> None:
        try:
            os.makedirs(os.path.join(self.dir, TMP), exist_ok=True)
        except OSError as exc:
            raise _write_error(self.dir, exc) from None
        if not os.access(self.dir, os.W_OK) or not os.access(os.path.join(self.dir, TMP), os.W_OK):
            raise _write_error(self.dir, PermissionError(errno.EACCES, "read-only"))

    def _file(self, name: str) -> str:
        path = os.path.realpath(os.path.join(self.dir, name))
        if os.path.dirname(path) != os.path.realpath(self.dir):
            raise CacheError(tr("A cache file name points outside the cache folder: {name}.").format(name=name))
        return path

    def entries(self) -> Dict[str, CacheEntry]:
        return self._entries()

    def entry(self, cid: str) -> Optional[CacheEntry]:
        return self._entries(str(cid)).get(str(cid))

    def path(self, cid: str) -> Optional[str]:
        entry = self.entry(cid)
        return self._file(entry.file) if entry is not None else None

    def verify(self, cid: str) -> Optional[str]:
        """None when the current copy of ``cid`` is intact (full check, done again even when
        remembered, and it opens as a layer), else a translated message."""
        entry = self.entry(cid)
        if entry is None:
            return tr("{name} is not in the offline cache.").format(name=cid)
        problem = self._check_file(entry, force=True)
        if problem is not None:
            return problem
        try:
            self._open_checked(entry, None)
        except CacheError as exc:
            return str(exc)
        return None

    def status(self, cid: str, remote=None) -> str:
        """``missing``, ``corrupt``, ``fresh``, ``stale`` or ``unknown`` (no remote information).

        A light check of the file (see ``_check_file``): a large copy damaged inside is
        found when it is opened (``layer()``, ``verify()``), with a clear message."""
        entry = self.entry(cid)
        if entry is None:
            return "missing"
        problem = self._check_file(entry, full=False)
        if problem is not None:
            return "missing" if not os.path.exists(self._file(entry.file)) else "corrupt"
        if remote is None:
            return "unknown"
        if remote.version and entry.version:
            return "fresh" if remote.version == entry.version else "stale"
        if remote.etag and entry.etag:
            same = remote.etag.replace("W/", "", 1) == entry.etag.replace("W/", "", 1)
            return "fresh" if same else "stale"
        if remote.last_modified and entry.last_modified:
            return "fresh" if remote.last_modified == entry.last_modified else "stale"
        return "unknown"

    def layer(self, cid: str, name: Optional[str] = None) -> QgsVectorLayer:
        """The cached dataset as a read-only layer; CacheError when missing or damaged."""
        entry = self.entry(cid)
        if entry is None:
            raise CacheError.of(
                N_("{name} is not in the offline cache. Connect to the network and cache it first."), {"name": cid})
        layer = self._open_checked(entry, name)
        layer.setReadOnly(True)
        layer.setCustomProperty("regionplan/collection", entry.collection)
        layer.setCustomProperty("regionplan/fetched_at", entry.fetched_at)
        return layer

    def _open_checked(self, entry: CacheEntry, name: Optional[str]) -> QgsVectorLayer:
        """The copy as a layer after the full check; the layer itself must be valid and
        hold the manifest's feature count. CacheError otherwise."""
        problem = self._check_file(entry)
        if problem is not None:
            raise CacheError(problem)
        path = self._file(entry.file)
        layer = util.owned_by_main_thread(
            QgsVectorLayer(_layer_uri(path), name or entry.title or entry.collection, "ogr"))
        if not layer.isValid():
            raise CacheError(tr("The cached copy of {name} cannot be opened ({path}).").format(
                name=entry.collection, path=path))
        if layer.featureCount() != entry.feature_count:
            raise CacheError(tr("The cached copy of {name} is damaged ({detail}). Refresh it while online.").format(
                name=entry.collection, detail=tr("the layer does not open")))
        return layer

    def save_catalog(self, obj, fetched_at: str = "") -> None:
        """Keep the catalogue ``obj`` fetched at ``fetched_at`` (default: now)."""
        self._ensure_dir()
        try:
            atomic_write_json(os.path.join(self.dir, CATALOG),
                              {"fetched_at": fetched_at or util.utc_now_iso(), "catalog": obj})
        except OSError as exc:
            raise _write_error(self.dir, exc) from None

    def load_catalog(self):
        """``(obj, fetched_at)`` of the cached catalogue, or ``(None, None)``."""
        try:
            with open(os.path.join(self.dir, CATALOG), "rb") as handle:
                obj = json.loads(handle.read().decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return None, None
        if not isinstance(obj, dict) or "catalog" not in obj:
            return None, None
        return obj["catalog"], obj.get("fetched_at") if isinstance(obj.get("fetched_at"), str) else None

    def remove(self, cid: str) -> None:
        self._ensure_dir()
        with file_lock(os.path.join(self.dir, LOCK)):
            entries, _ = self._read_raw()
            old = entries.pop(str(cid), None)
            try:
                self._write_manifest(entries)
            except OSError as exc:
                raise _write_error(self.dir, exc) from None
        if old is not None:
            self._retire(old.file, None)

    def clean_up(self) -> None:
        """Delete files no manifest entry references (superseded copies, killed fetches).

        Call from the main thread (e.g. a task's ``finished()``)."""
        if not os.path.isdir(self.dir):
            return
        try:
            with file_lock(os.path.join(self.dir, LOCK)):
                entries, damaged = self._read_raw()
                if damaged:
                    return
                current = {e.file for e in entries.values()}
                for name in os.listdir(self.dir):
                    if name.endswith(".gpkg") and name not in current:
                        self._retire(name, self._new_path_for(name, entries))
                tmp = os.path.join(self.dir, TMP)
                for name in os.listdir(tmp) if os.path.isdir(tmp) else []:
                    self._remove_orphan(os.path.join(tmp, name))
        except (CacheError, OSError):
            pass

    def _new_path_for(self, name: str, entries) -> Optional[str]:
        embedded = read_embedded_entry(os.path.join(self.dir, name))
        if embedded is not None and embedded.collection in entries:
            return self._file(entries[embedded.collection].file)
        return None

    @staticmethod
    def _remove_orphan(path: str) -> None:
        """Remove a temp file whose writer is gone (its flock can be taken)."""
        if fcntl is None:
            if time.time() - os.path.getmtime(path) > 86400:
                os.unlink(path)
            return
        base = path[:-5] if path.endswith(".lock") else path
        try:
            fd = os.open(base + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return  # a writer is alive
        try:
            for suffix in ("", "-journal", "-wal", "-shm", ".spool", ".spool" + RTREE_SUFFIX, ".lock"):
                try:
                    os.unlink(base + suffix)
                except OSError:
                    pass
        finally:
            os.close(fd)

    def clean_up_tmp(self) -> None:
        tmp = os.path.join(self.dir, TMP)
        try:
            names = os.listdir(tmp)
        except OSError:
            return
        for name in names:
            if name.endswith(".lock"):
                self._remove_orphan(os.path.join(tmp, name))
