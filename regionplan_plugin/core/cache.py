"""The offline store: one GeoPackage per dataset and a manifest, under ``<cache_dir>/<profile id>/``.

Durability rules (nothing the user had is ever lost):

* A fetch streams the service's pages to a spool file on disk (memory does not grow
  with the size of the dataset), then writes a new GeoPackage under a new, unique file
  name in ``tmp/``. Only a complete, verified copy is moved next to the others and made
  current, in one atomic manifest update (temp file + fsync + ``os.replace``) done under
  an exclusive lock (``fcntl.flock`` on ``.lock``) after re-reading the manifest. A
  failed, cancelled or killed fetch leaves the previous copy current and readable.
* Each GeoPackage also carries its own manifest entry (layer metadata), so a manifest
  edited into garbage is rebuilt from the files that can be verified.
* On open, a copy is verified (``PRAGMA quick_check``, the layer opens, the feature count
  matches the manifest). A corrupt copy is reported, never silently used.
* Superseded copies are deleted once no layer of the current project uses them; layers
  pointing at a superseded copy are repointed to the new one first.

Field types are inferred over *all* features while spooling (first pass), so the
GeoPackage is created with its final schema (second pass): integers -> Integer64,
numbers -> Real, booleans -> Integer(Boolean), text -> String, objects/arrays -> String
(JSON). A property whose values disagree is widened: int + real -> Real, bool + int ->
Integer64, anything else -> String (values written as text, objects as JSON).
Features without geometry are skipped (and counted) by the service client. Every feature is
validated once while spooling (``core/validity.py``): an invalid one is repaired with
``makeValid()`` (counted in ``CacheEntry.repaired``) or, when nothing of its geometry type is
left, skipped and counted.
"""

import base64
import copy
import errno
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import threading
import time
import traceback
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Dict, List, Optional
from urllib.parse import quote

from qgis.core import QgsGeometry, QgsProject, QgsRectangle, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import QCoreApplication, QObject, QThread, pyqtSignal, pyqtSlot

from . import paths, settings, util
from .errors import CacheError, Cancelled
from .i18n import tr, trn
from .sources import DataSource, validity

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

SCHEMA = "regionplan-cache/1"
MANIFEST = "manifest.json"
CATALOG = "catalog.json"
LOCK = ".lock"
TMP = "tmp"
LAYER = "features"
META_KEY = "REGIONPLAN_ENTRY"
RESERVED = {"fid", "geom", "rp_id"}

# full checks done in this process: (path, st_ino, st_mtime_ns, st_size, feature_count) -> problem
_verified = {}
_verified_lock = threading.Lock()
# Cache.status() also runs the full SQLite check for copies up to this size (≈1 ms a MB);
# larger copies get the light check there and the full one when opened.
STATUS_FULL_CHECK_BYTES = 4 * 1024 * 1024
_SQLITE_HEADER = b"SQLite format 3\x00"


def _light_problem(entry, path: str, size: int) -> Optional[str]:
    """A message when the file is plainly not an intact SQLite database: empty, no SQLite
    header, or a size that does not match the page count its header declares (truncated)."""
    corrupt = tr("The cached copy of {name} is damaged ({detail}). Refresh it while online.")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        return corrupt.format(name=entry.collection, detail=str(exc))
    if size <= 0 or len(header) < 100 or header[:16] != _SQLITE_HEADER:
        return corrupt.format(name=entry.collection, detail=tr("not a GeoPackage"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    if counter_valid and pages > 0 and size < page_size * pages:
        return corrupt.format(name=entry.collection, detail=tr("the file is truncated"))
    return None


def _sqlite_uri(path: str) -> str:
    """A read-only SQLite URI for a file path: every reserved character (``%``, ``?``, ``#``,
    spaces...) percent-escaped, so any cache folder name works. The authority stays empty
    (``file:///C:/x``, ``file:////server/share/x`` for a UNC path), as SQLite requires."""
    text = os.path.abspath(path).replace(os.sep, "/")
    if not text.startswith("/"):
        text = "/" + text
    return "file://" + quote(text, safe="/:") + "?mode=ro"


def _layer_uri(path: str) -> str:
    """The OGR provider URI of a cached GeoPackage.

    QGIS opens a GeoPackage read-only with GDAL's ``NOLOCK``, for which GDAL (3.6 at
    least) builds an SQLite URI without escaping ``%``: in a folder whose name holds
    ``%41`` it opens no file at all. Such a folder is reached through a ``%``-free symbolic
    link (the user's own, in the temp folder); ``_layer_path()`` resolves it again."""
    if "%" in path:
        path = _percent_free(path)
    return path + "|layername=" + LAYER


def _percent_free(path: str) -> str:
    """``path`` through a symbolic link to its folder whose path has no ``%``; ``path``
    itself when no such link can be made (e.g. Windows without the right to make one)."""
    folder, name = os.path.split(os.path.realpath(path))
    uid = os.getuid() if hasattr(os, "getuid") else None
    links = os.path.join(tempfile.gettempdir(), "regionplan-links-" + ("user" if uid is None else str(uid)))
    alias = os.path.join(links, hashlib.sha256(folder.encode("utf-8")).hexdigest()[:20])
    if "%" in alias:
        return path
    try:
        os.makedirs(links, mode=0o700, exist_ok=True)
        info = os.lstat(links)
        if uid is not None and (info.st_uid != uid or info.st_mode & 0o022):
            return path  # not a folder of this user's own: never follow links others could place
        if not os.path.lexists(alias):
            try:
                os.symlink(folder, alias, target_is_directory=True)
            except FileExistsError:
                pass
        if os.path.realpath(alias) != folder:
            return path
    except (OSError, NotImplementedError):
        return path
    return os.path.join(alias, name)


def _release_frames(exc) -> None:
    """Free what the frames of a failed fetch still hold (the spool, an open GeoPackage):
    an error keeps its traceback's frames alive as long as the caller keeps the error, and
    with them open files (which Windows then cannot delete)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__context__


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_time(text) -> Optional[datetime]:
    if not isinstance(text, str) or not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


def safe_name(cid: str) -> str:
    """A file-name-safe, collision-free stem for a collection id (``../../x`` -> ``x-<hash>``)."""
    text = str(cid)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_-")[:48] or "collection"
    return stem + "-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass
class CacheEntry:
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
        for key in ("title", "source_url", "profile_id", "fetched_at", "checked_at", "etag", "last_modified",
                    "version", "content_hash", "crs", "geometry_type", "plugin_version"):
            value = obj.get(key, "")
            setattr(entry, key, value if isinstance(value, str) else "")
        for key in ("feature_count", "skipped", "repaired"):  # (no "repaired" in older manifests: 0)
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
        when = parse_time(self.fetched_at)
        if when is None:
            return None
        return max(0.0, (datetime.now(timezone.utc) - when).total_seconds())


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


# --------------------------------------------------------------------------- small helpers


@contextmanager
def file_lock(path: str):
    """An exclusive inter-process lock on ``path`` (created if needed)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise _write_error(os.path.dirname(path), exc) from None
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            except OSError:
                pass
        os.close(fd)


def _fsync_dir(path: str) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_json(path: str, obj) -> None:
    """Write ``obj`` as JSON to ``path`` atomically (temp file, fsync, os.replace)."""
    folder = os.path.dirname(path)
    data = json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_dir(folder)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _is_disk_full(exc) -> bool:
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):
        return True
    text = str(exc).lower()
    return any(word in text for word in ("no space", "disk is full", "database or disk is full",
                                         "file too large", "disk i/o"))


def _write_error(folder: str, exc) -> CacheError:
    if _is_disk_full(exc):
        return CacheError(tr(
            "The offline cache could not be written because the disk is full (in {path}). "
            "Free some space and try again; the previous cached copy is still in use."
        ).format(path=folder))
    if isinstance(exc, PermissionError) or getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM, errno.EROFS):
        return CacheError(tr(
            "The cache folder {path} cannot be written (permission denied or read-only). "
            "Choose another cache folder in the Regionplan settings or fix its permissions; "
            "the previous cached copy is still in use."
        ).format(path=folder))
    return CacheError(tr(
        "The offline cache in {path} could not be written: {error}. The previous cached copy is still in use."
    ).format(path=folder, error=str(exc)))


def _value_kind(value) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if -(2 ** 63) <= value < 2 ** 63 else "string"
    if isinstance(value, float):
        return "real"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (dict, list)):
        return "json"
    return "string"


def _merge_kind(old: Optional[str], new: Optional[str]) -> Optional[str]:
    if old is None:
        return new
    if new is None or old == new:
        return old
    pair = {old, new}
    if pair <= {"int", "real", "bool"}:
        return "real" if "real" in pair else "int"
    return "string"


def _is_main_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


class _MainThreadRunner(QObject):
    """Runs callables on the main thread (queued from worker threads such as QgsTask.run)."""

    call = pyqtSignal(object)

    def __init__(self):
        super().__init__()
        self.call.connect(self._run)

    @pyqtSlot(object)  # a real Qt slot: runs in the thread this object lives in (no PyQt proxy)
    def _run(self, func):
        try:
            func()
        except Exception:  # noqa: BLE001 - a clean-up must never break the caller
            pass


_runner = None
_runner_lock = threading.Lock()


def _on_main_thread(func) -> None:
    global _runner
    app = QCoreApplication.instance()
    if app is None:
        return
    if _is_main_thread():
        func()
        return
    with _runner_lock:
        if _runner is None:
            runner = _MainThreadRunner()
            runner.moveToThread(app.thread())
            _runner = runner
    _runner.call.emit(func)


def _layer_path(layer) -> str:
    source = layer.source() if layer is not None else ""
    return os.path.realpath(source.split("|", 1)[0]) if source else ""


# --------------------------------------------------------------------------- the cache


class Cache:
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

    # -- manifest
    def _read_raw(self):
        """(entries dict, damaged: bool). The parsed manifest is kept with its file's
        (st_ino, st_mtime_ns, st_size) and parsed again only when that changes (every write
        replaces the file: a new inode) or after a write through this Cache; callers get
        copies of the entries."""
        try:
            with open(self.manifest_path, "rb") as handle:
                stat = os.fstat(handle.fileno())
                key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
                memo = self._manifest_memo
                if memo is not None and memo[0] == key:
                    return {cid: _copy_entry(entry) for cid, entry in memo[1].items()}, memo[2]
                data = handle.read()
        except FileNotFoundError:
            self._manifest_memo = None
            return {}, False
        except OSError as exc:
            raise CacheError(tr("The cache manifest {path} cannot be read: {error}.").format(
                path=self.manifest_path, error=str(exc))) from None
        entries, damaged = self._parse_manifest(data)
        self._manifest_memo = (key, entries, damaged)
        return {cid: _copy_entry(entry) for cid, entry in entries.items()}, damaged

    @staticmethod
    def _parse_manifest(data: bytes):
        try:
            obj = json.loads(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return {}, True
        if not isinstance(obj, dict) or not isinstance(obj.get("entries", {}), dict):
            return {}, True
        entries = {}
        damaged = False
        for cid, raw in obj.get("entries", {}).items():
            entry = CacheEntry.from_dict(raw)
            if entry is None or entry.collection != cid:
                damaged = True
                continue
            entries[cid] = entry
        return entries, damaged

    def _entries(self) -> Dict[str, CacheEntry]:
        entries, damaged = self._read_raw()
        if damaged:
            message = tr(
                "The cache manifest {path} was damaged; it has been rebuilt from the cached files "
                "that could be verified."
            ).format(path=self.manifest_path)
            if message not in self.problems:
                self.problems.append(message)
            entries = self._rebuild(entries)
        return entries

    def _rebuild(self, known: Dict[str, CacheEntry]) -> Dict[str, CacheEntry]:
        """Entries recovered from the GeoPackages' own metadata (only verified copies); the
        damaged manifest is kept as ``manifest.json.damaged`` and replaced when writable."""
        found = self._recover(known)
        try:
            self._ensure_dir()
            with file_lock(os.path.join(self.dir, LOCK)):
                entries, damaged = self._read_raw()
                if damaged:
                    self._replace_damaged(found)
        except (CacheError, OSError):
            pass  # read-only: use the rebuilt entries in memory
        return found

    def _replace_damaged(self, entries: Dict[str, CacheEntry]) -> None:
        """Under the lock: keep the damaged manifest for inspection and write ``entries``."""
        self._manifest_memo = None
        try:
            os.replace(self.manifest_path, self.manifest_path + ".damaged")
        except OSError:
            pass
        self._write_manifest(entries)

    def _recover(self, known: Dict[str, CacheEntry]) -> Dict[str, CacheEntry]:
        found = dict(known)
        try:
            names = sorted(os.listdir(self.dir))
        except OSError:
            return found
        for name in names:
            if not name.endswith(".gpkg"):
                continue
            entry = read_embedded_entry(os.path.join(self.dir, name))
            if entry is None or entry.file != name:
                continue
            if self._check_file(entry) is not None:
                continue
            current = found.get(entry.collection)
            if current is None or (entry.fetched_at, entry.file) > (current.fetched_at, current.file):
                found[entry.collection] = entry
        return found

    def _write_manifest(self, entries: Dict[str, CacheEntry]) -> None:
        obj = {
            "schema": SCHEMA,
            "profile_id": self.profile_id,
            "updated_at": utc_now(),
            "entries": {cid: e.to_dict() for cid, e in sorted(entries.items())},
        }
        self._manifest_memo = None
        try:
            atomic_write_json(self.manifest_path, obj)
        finally:
            self._manifest_memo = None

    def entries(self) -> Dict[str, CacheEntry]:
        return self._entries()

    def entry(self, cid: str) -> Optional[CacheEntry]:
        return self._entries().get(str(cid))

    def path(self, cid: str) -> Optional[str]:
        entry = self.entry(cid)
        return self._file(entry.file) if entry is not None else None

    # -- integrity
    def _check_file(self, entry: CacheEntry, full: bool = True) -> Optional[str]:
        """None if the entry's file is intact, else a translated message.

        Always a light check (present, SQLite header, size matching the header's page
        count); then, when ``full`` (or the file is small, see ``STATUS_FULL_CHECK_BYTES``),
        the SQLite integrity check and the feature count. A full result is remembered for
        the process, keyed by the file's (path, st_ino, st_mtime_ns, st_size), so opening
        an unchanged copy again is cheap."""
        try:
            path = self._file(entry.file)
        except CacheError as exc:
            return str(exc)
        try:
            stat = os.stat(path)
        except OSError:
            return tr("The cached copy of {name} is missing ({path}).").format(name=entry.collection, path=path)
        key = (path, stat.st_ino, stat.st_mtime_ns, stat.st_size, entry.feature_count)
        with _verified_lock:
            if key in _verified:
                return _verified[key]
        problem = _light_problem(entry, path, stat.st_size)
        if problem is None and not full and stat.st_size > STATUS_FULL_CHECK_BYTES:
            return None  # a large copy is checked in full when it is opened
        if problem is None:
            problem = self._check_uncached(entry, path, open_layer=False)
        with _verified_lock:
            _verified[key] = problem
        return problem

    def _remember_check(self, path: str, entry: CacheEntry, problem: Optional[str]) -> None:
        try:
            stat = os.stat(path)
        except OSError:
            return
        with _verified_lock:
            _verified[(path, stat.st_ino, stat.st_mtime_ns, stat.st_size, entry.feature_count)] = problem

    def _check_uncached(self, entry: CacheEntry, path: str, open_layer: bool = True) -> Optional[str]:
        corrupt = tr("The cached copy of {name} is damaged ({detail}). Refresh it while online.")
        try:
            uri = _sqlite_uri(path)
            con = sqlite3.connect(uri, uri=True, timeout=10)
            try:
                result = con.execute("PRAGMA quick_check").fetchone()
                if not result or result[0] != "ok":
                    return corrupt.format(name=entry.collection, detail="quick_check: " + str(result and result[0]))
                count = con.execute('SELECT COUNT(*) FROM "features"').fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error as exc:
            return corrupt.format(name=entry.collection, detail=str(exc))
        if count != entry.feature_count:
            return corrupt.format(
                name=entry.collection,
                detail=trn("{found} feature instead of {expected}", "{found} features instead of {expected}",
                           count).format(found=count, expected=entry.feature_count),
            )
        if open_layer:
            layer = QgsVectorLayer(_layer_uri(path), "check", "ogr")
            if not layer.isValid() or layer.featureCount() != entry.feature_count:
                return corrupt.format(name=entry.collection, detail=tr("the layer does not open"))
        return None

    def verify(self, cid: str) -> Optional[str]:
        """None when the current copy of ``cid`` is intact (full check, and it opens as a
        layer), else a translated message."""
        entry = self.entry(cid)
        if entry is None:
            return tr("{name} is not in the offline cache.").format(name=cid)
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

    def check(self, service: DataSource, cid: str, feedback=None, collection: Optional[dict] = None) -> str:
        """The status of ``cid`` asking the server as cheaply as it allows: its ``version:``
        keyword, else one conditional request for the copy's first page (ETag /
        Last-Modified; 304 = fresh). ``unknown`` when the server cannot tell or cannot be
        reached."""
        from .errors import NetworkError
        from .service import RemoteVersion, keyword_value

        entry = self.entry(cid)
        local = self.status(cid)
        if entry is None or local in ("missing", "corrupt"):
            return local
        try:
            if collection is None:
                collection = service.collection(cid, feedback)
            version = keyword_value(collection, "version")
            if version:
                return self.status(cid, RemoteVersion(version=version))
            if (entry.etag or entry.last_modified) and entry.source_url:
                remote = service.remote_version(cid, feedback, url=entry.source_url,
                                                known=RemoteVersion(etag=entry.etag,
                                                                    last_modified=entry.last_modified))
                return self.status(cid, remote)
        except NetworkError as exc:
            if exc.kind == "cancelled":
                raise
        return "unknown"

    # -- reading
    def layer(self, cid: str, name: Optional[str] = None) -> QgsVectorLayer:
        """The cached dataset as a read-only layer; CacheError when missing or damaged."""
        entry = self.entry(cid)
        if entry is None:
            raise CacheError(tr(
                "{name} is not in the offline cache. Connect to the network and cache it first."
            ).format(name=cid))
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

    # -- catalogue
    def save_catalog(self, obj) -> None:
        self._ensure_dir()
        try:
            atomic_write_json(os.path.join(self.dir, CATALOG), {"fetched_at": utc_now(), "catalog": obj})
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

    # -- removal / clean-up
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

    def _retire(self, name: str, new_path: Optional[str]) -> None:
        """Delete a superseded file once no project layer uses it (repointing them first)."""
        try:
            path = self._file(name)
        except CacheError:
            return
        if not _is_main_thread():
            # the project's layers belong to the main thread: repoint and delete there
            _on_main_thread(lambda: self._retire(name, new_path))
            return
        users = [layer for layer in QgsProject.instance().mapLayers().values()
                 if layer.providerType() == "ogr" and _layer_path(layer) == path]
        for layer in users:
            if new_path:
                layer.setDataSource(_layer_uri(new_path), layer.name(), "ogr")
        if any(_layer_path(layer) == path for layer in users):
            return  # still used (no new copy to point at): clean_up() later
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(path + suffix)
            except FileNotFoundError:
                pass
            except OSError:
                break  # in use (Windows): clean_up() later

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
            for suffix in ("", "-journal", "-wal", "-shm", ".spool", ".lock"):
                try:
                    os.unlink(base + suffix)
                except OSError:
                    pass
        finally:
            os.close(fd)

    # -- fetching
    def refresh(self, service: DataSource, cid: str, crs: str, bbox=None, feedback=None, force: bool = False,
                limit: Optional[int] = None) -> RefreshResult:
        """Bring ``cid`` up to date from ``service``; ``"fresh"`` when nothing changed.

        ``bbox`` (in ``crs``; QgsRectangle or 4 numbers) keeps only intersecting features.
        A failure raises (NetworkError, CacheError, Cancelled) and leaves the previous copy current.
        """
        from .service import DEFAULT_LIMIT, keyword_value

        cid = str(cid)
        self._ensure_dir()
        self.clean_up_tmp()
        rect = None
        bbox_list = None
        if bbox is not None:
            rect = bbox if isinstance(bbox, QgsRectangle) else QgsRectangle(*[float(v) for v in bbox])
            bbox_list = [rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()]
        old = self.entry(cid)
        old_ok = old is not None and self._check_file(old) is None
        same = old_ok and old.bbox == bbox_list and old.crs == crs
        collection = service.collection(cid, feedback)
        version = keyword_value(collection, "version")
        if same and not force and version and old.version == version:
            return self._confirm(old, {}, feedback)
        headers = {}
        if same and not force:
            if old.etag:
                headers["If-None-Match"] = old.etag
            if old.last_modified:
                headers["If-Modified-Since"] = old.last_modified

        token = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:8]
        name = safe_name(cid) + "-" + token + ".gpkg"
        tmp_dir = os.path.join(self.dir, TMP)
        part = os.path.join(tmp_dir, name)
        spool_path = part + ".spool"
        lock_fd = None
        spool = None
        try:
            try:
                lock_fd = os.open(part + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
                if fcntl is not None:
                    fcntl.flock(lock_fd, fcntl.LOCK_EX)
            except OSError as exc:
                raise _write_error(self.dir, exc) from None
            spool = _Spool(spool_path, rect)
            first_url = ""
            etag = last_modified = ""
            try:
                for page in service.iter_pages(cid, crs, bbox=rect, bbox_crs=crs if rect is not None else None,
                                               limit=limit or DEFAULT_LIMIT, feedback=feedback, headers=headers):
                    if page.number == 0:
                        first_url = page.url
                        etag, last_modified = page.etag, page.last_modified
                        if page.not_modified:
                            spool.close()
                            return self._confirm(old, {"etag": etag or old.etag,
                                                       "last_modified": last_modified or old.last_modified}, feedback)
                    spool.add(page)
                    if util.is_canceled(feedback):
                        raise Cancelled(tr("Cancelled."))
                    if page.number_matched:
                        util.set_progress(feedback, 80.0 * min(1.0, spool.seen / max(1, page.number_matched)))
                    util.push_info(feedback, trn("{name}: {count} feature downloaded",
                                                 "{name}: {count} features downloaded",
                                                 spool.count).format(name=cid, count=spool.count))
                spool.close()
            except OSError as exc:
                raise _write_error(self.dir, exc) from None
            if same and not force and spool.digest() == old.content_hash:
                return self._confirm(old, {"etag": etag, "last_modified": last_modified}, feedback)
            entry = CacheEntry(
                collection=cid,
                file=name,
                title=str(collection.get("title") or cid),
                source_url=first_url,
                profile_id=self.profile_id,
                fetched_at=utc_now(),
                etag=etag,
                last_modified=last_modified,
                version=version,
                content_hash=spool.digest(),
                feature_count=spool.count,
                skipped=spool.skipped,
                skip_reasons=dict(spool.skip_reasons),
                crs=crs,
                bbox=bbox_list,
                plugin_version=paths.plugin_version(),
            )
            entry.checked_at = entry.fetched_at
            try:
                _write_gpkg(part, spool, entry, feedback)
                _fsync_file(part)
            except (OSError, RuntimeError) as exc:
                raise _write_error(self.dir, exc) from None
            problem = self._check_uncached(entry, part)
            if problem is not None:
                raise CacheError(problem)
            final = os.path.join(self.dir, name)
            superseded = None
            with file_lock(os.path.join(self.dir, LOCK)):
                entries, damaged = self._read_raw()
                if damaged:
                    entries = self._recover(entries)
                current = entries.get(cid)
                try:
                    os.replace(part, final)
                    _fsync_dir(self.dir)
                    self._remember_check(os.path.realpath(final), entry, None)  # checked in full above (same file)
                    entries[cid] = entry
                    if damaged:
                        self._replace_damaged(entries)
                    else:
                        self._write_manifest(entries)
                except OSError as exc:
                    if os.path.exists(final) and not os.path.exists(part):
                        try:
                            os.replace(final, part)
                        except OSError:
                            pass
                    raise _write_error(self.dir, exc) from None
                if current is not None and current.file != name:
                    superseded = current.file
            if superseded:
                self._retire(superseded, final)
            util.set_progress(feedback, 100)
            return RefreshResult("updated", entry, True, entry.skipped, dict(entry.skip_reasons))
        except BaseException as exc:
            _release_frames(exc)
            raise
        finally:
            if spool is not None:
                spool.close()
            for path in (spool_path, part, part + "-journal", part + "-wal", part + "-shm"):
                try:
                    os.unlink(path)
                except OSError:
                    pass
            if lock_fd is not None:
                try:
                    os.unlink(part + ".lock")
                except OSError:
                    pass
                os.close(lock_fd)

    def _confirm(self, old: CacheEntry, changes: dict, feedback) -> RefreshResult:
        """The server says (or the content shows) nothing changed: note when it was checked."""
        entry = old
        try:
            with file_lock(os.path.join(self.dir, LOCK)):
                entries, damaged = self._read_raw()
                current = entries.get(old.collection)
                if current is not None and current.file == old.file and not damaged:
                    for key, value in changes.items():
                        if value:
                            setattr(current, key, value)
                    current.checked_at = utc_now()
                    self._write_manifest(entries)
                    entry = current
        except (CacheError, OSError):
            pass  # a read-only cache still reports "fresh"
        util.set_progress(feedback, 100)
        util.push_info(feedback, tr("{name} is already up to date.").format(name=old.collection))
        return RefreshResult("fresh", entry, False)

    def clean_up_tmp(self) -> None:
        tmp = os.path.join(self.dir, TMP)
        try:
            names = os.listdir(tmp)
        except OSError:
            return
        for name in names:
            if name.endswith(".lock"):
                self._remove_orphan(os.path.join(tmp, name))


# --------------------------------------------------------------------------- spool + writer


def _family(flat_type) -> int:
    """Point/line/polygon family of a flat WKB type; -1 for a geometry collection."""
    if flat_type == QgsWkbTypes.GeometryCollection:
        return -1
    value = QgsWkbTypes.geometryType(flat_type)
    return int(getattr(value, "value", value))  # Qt6 enums are not ints


class _Spool:
    """Features of a fetch, one JSON line each, on disk; infers the schema and hashes the content."""

    def __init__(self, path: str, rect: Optional[QgsRectangle]):
        self.path = path
        self.rect = rect
        self.rect_geom = QgsGeometry.fromRect(rect) if rect is not None else None
        self.handle = open(path, "w", encoding="utf-8")
        self.count = 0
        self.seen = 0
        self.skipped = 0
        self.skip_reasons: Dict[str, int] = {}
        self.repaired = 0
        self.kinds: Dict[str, Optional[str]] = {}
        self.geom_types = set()
        self.families: Dict[int, int] = {}
        self.hash = hashlib.sha256()

    def add(self, page) -> None:
        self.seen += len(page.features) + page.skipped
        self.skipped += page.skipped
        for reason, count in page.skip_reasons.items():
            self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + count
        write = self.handle.write
        kinds = self.kinds
        for feature in page.features:
            geom = feature.geometry
            if self.rect is not None and not geom.boundingBox().intersects(self.rect):
                continue
            geom, state = validity.checked(geom)  # once per feature: an invalid one would mislead the check
            if geom is None:
                self.skipped += 1
                self.skip_reasons[validity.SKIP_REASON] = self.skip_reasons.get(validity.SKIP_REASON, 0) + 1
                continue
            if self.rect is not None and not geom.intersects(self.rect_geom):
                continue
            for key, value in feature.properties.items():
                kinds[key] = _merge_kind(kinds.get(key), _value_kind(value))
            flat = QgsWkbTypes.flatType(geom.wkbType())
            family = _family(flat)
            self.geom_types.add(flat)
            self.families[family] = self.families.get(family, 0) + 1
            wkb = bytes(geom.asWkb())
            props = json.dumps(feature.properties, ensure_ascii=False, sort_keys=True, default=str,
                               allow_nan=True)
            head = [feature.id, base64.b64encode(wkb).decode("ascii"), family]
            if state == validity.REPAIRED:
                head.append(1)
            line = json.dumps(head) + "\t" + props + "\n"
            self.hash.update(line.encode("utf-8"))
            write(line)
            self.count += 1

    def close(self) -> None:
        if not self.handle.closed:
            self.handle.flush()
            self.handle.close()

    def digest(self) -> str:
        return "sha256:" + self.hash.hexdigest()

    def rows(self):
        with open(self.path, encoding="utf-8") as handle:
            for line in handle:
                head, _, props = line.rstrip("\n").partition("\t")
                fid, wkb, family, *repaired = json.loads(head)
                yield fid, base64.b64decode(wkb), family, json.loads(props), bool(repaired)

    def dominant_family(self) -> Optional[int]:
        """The geometry family most features have (None: mixed collections are kept as they are)."""
        if not self.families:
            return None
        return max(self.families.items(), key=lambda kv: (kv[1], -kv[0]))[0]

    def layer_type(self):
        from osgeo import ogr

        family = self.dominant_family()
        flat = {t for t in self.geom_types if family is None or _family(t) == family}
        types = {QgsWkbTypes.geometryType(t) for t in flat}
        if flat == {QgsWkbTypes.Point}:
            return ogr.wkbPoint, None
        if types == {QgsWkbTypes.PointGeometry} and QgsWkbTypes.GeometryCollection not in flat:
            return ogr.wkbMultiPoint, ogr.ForceToMultiPoint
        if types == {QgsWkbTypes.LineGeometry} and QgsWkbTypes.GeometryCollection not in flat:
            return ogr.wkbMultiLineString, ogr.ForceToMultiLineString
        if types == {QgsWkbTypes.PolygonGeometry} and QgsWkbTypes.GeometryCollection not in flat:
            return ogr.wkbMultiPolygon, ogr.ForceToMultiPolygon
        return ogr.wkbUnknown, None


_OGR_TYPES = {"int": "Integer64", "real": "Real", "bool": "Integer", "string": "String", "json": "String"}


def _field_plan(kinds: Dict[str, Optional[str]]) -> List[dict]:
    plan = []
    used = set(RESERVED)
    for source, kind in kinds.items():
        base = re.sub(r"[\x00-\x1f]", "", str(source)).strip() or "field"
        out = base
        n = 2
        while out.lower() in used:
            out = f"{base}_{n}"
            n += 1
        used.add(out.lower())
        plan.append({"name": out, "source": source, "type": kind or "string"})
    return plan


def _to_text(value) -> str:
    """Text for a string column. A NUL (legal in JSON as \\u0000) would end the C string that
    OGR stores, silently losing the rest: it becomes U+FFFD instead."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return text.replace("\x00", "\ufffd")


def _write_gpkg(path: str, spool: _Spool, entry: CacheEntry, feedback) -> None:
    from osgeo import gdal, ogr, osr

    from .service import qgs_crs

    geom_type, force = spool.layer_type()
    plan = _field_plan(spool.kinds)
    entry.fields = plan
    entry.geometry_type = ogr.GeometryTypeToName(geom_type)
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        gdal.ErrorReset()
        driver = ogr.GetDriverByName("GPKG")
        ds = driver.CreateDataSource(path)
        if ds is None:
            raise OSError(gdal.GetLastErrorMsg() or "cannot create " + path)
        srs = osr.SpatialReference()
        srs.ImportFromWkt(qgs_crs(entry.crs).toWkt())
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        layer = ds.CreateLayer(LAYER, srs, geom_type, ["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES"])
        if layer is None:
            raise OSError(gdal.GetLastErrorMsg() or "cannot create layer")
        rp = ogr.FieldDefn("rp_id", ogr.OFTString)
        if layer.CreateField(rp) != 0:
            raise OSError(gdal.GetLastErrorMsg())
        for item in plan:
            kind = item["type"]
            defn = ogr.FieldDefn(item["name"], {"int": ogr.OFTInteger64, "real": ogr.OFTReal,
                                                "bool": ogr.OFTInteger}.get(kind, ogr.OFTString))
            if kind == "bool":
                defn.SetSubType(ogr.OFSTBoolean)
            elif kind == "json":
                defn.SetSubType(ogr.OFSTJSON)
            if layer.CreateField(defn) != 0:
                raise OSError(gdal.GetLastErrorMsg())
        layer_defn = layer.GetLayerDefn()
        index = [(item["source"], layer_defn.GetFieldIndex(item["name"]), item["type"]) for item in plan]
        batch = 0
        written = 0
        if ds.StartTransaction() != 0:
            raise OSError(gdal.GetLastErrorMsg())
        family = spool.dominant_family()
        other = 0
        entry.repaired = 0
        for fid, wkb, fam, props, repaired in spool.rows():
            if family is not None and fam != family:
                other += 1  # a geometry type that does not belong to the collection
                continue
            entry.repaired += repaired
            feature = ogr.Feature(layer_defn)
            feature.SetField(0, fid)
            for source, idx, kind in index:
                value = props.get(source)
                if value is None:
                    continue
                if kind == "int":
                    feature.SetFieldInteger64(idx, int(value))
                elif kind == "real":
                    value = float(value)
                    if value == value and value not in (float("inf"), float("-inf")):
                        feature.SetField(idx, value)
                elif kind == "bool":
                    feature.SetField(idx, 1 if value else 0)
                else:
                    feature.SetField(idx, _to_text(value))
            geom = ogr.CreateGeometryFromWkb(wkb)
            if geom is not None and force is not None:
                geom = force(geom)
            feature.SetGeometryDirectly(geom)
            if layer.CreateFeature(feature) != 0:
                raise OSError(gdal.GetLastErrorMsg() or "write failed")
            written += 1
            batch += 1
            if batch >= 5000:
                if ds.CommitTransaction() != 0:
                    raise OSError(gdal.GetLastErrorMsg() or "commit failed")
                if util.is_canceled(feedback):
                    raise Cancelled(tr("Cancelled."))
                if ds.StartTransaction() != 0:
                    raise OSError(gdal.GetLastErrorMsg())
                batch = 0
                util.set_progress(feedback, 80 + 19 * written / max(1, spool.count))
        if ds.CommitTransaction() != 0:
            raise OSError(gdal.GetLastErrorMsg() or "commit failed")
        entry.feature_count = written
        if other:
            reason = "geometry type differs from the collection"
            entry.skipped += other
            entry.skip_reasons[reason] = entry.skip_reasons.get(reason, 0) + other
        layer.SetMetadataItem(META_KEY, json.dumps(entry.to_dict(), ensure_ascii=False))
        ds.FlushCache()
        layer = None
        ds = None
        if gdal.GetLastErrorType() >= gdal.CE_Failure and gdal.GetLastErrorMsg():
            raise OSError(gdal.GetLastErrorMsg())
    finally:
        gdal.PopErrorHandler()


def read_embedded_entry(path: str) -> Optional[CacheEntry]:
    """The manifest entry a GeoPackage carries in its own metadata, or None."""
    try:
        uri = _sqlite_uri(path)
        con = sqlite3.connect(uri, uri=True, timeout=5)
        try:
            rows = con.execute("SELECT metadata FROM gpkg_metadata").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    for (text,) in rows:
        if not isinstance(text, str) or META_KEY not in text:
            continue
        match = re.search(r'<(MDI|Item) (?:key|name)="' + META_KEY + r'"[^>]*>(.*?)</\1>', text, re.S)
        if not match:
            continue
        import html

        try:
            return CacheEntry.from_dict(json.loads(html.unescape(match.group(2))))
        except ValueError:
            return None
    return None
