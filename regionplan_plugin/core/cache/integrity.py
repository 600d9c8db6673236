"""Is a cached copy intact? The light check (header, size), the full one (SQLite
``quick_check``, feature count, the layer opens), the process-wide memo of full checks and
the memo across sessions (``memo.py``)."""

import os
import sqlite3
import threading
from typing import Optional

from qgis.core import QgsVectorLayer

from ..errors import CacheError
from ..i18n import tr, trn
from .entry import CacheEntry
from .memo import IntegrityMemo
from .uris import _layer_uri, _sqlite_uri

# full checks done in this process: (path, st_dev, st_ino, st_mtime_ns, st_ctime_ns, st_size,
# feature_count) -> problem
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


def _key(path: str, stat, entry: CacheEntry) -> tuple:
    return (path, stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, entry.feature_count)


class IntegrityMixin:
    """The integrity checks of ``Cache`` (uses ``self._file``)."""

    def _check_file(self, entry: CacheEntry, full: bool = True, force: bool = False) -> Optional[str]:
        """None if the entry's file is intact, else a translated message.

        Always a light check (present, SQLite header, size matching the header's page
        count); then, when ``full`` (or the file is small, see ``STATUS_FULL_CHECK_BYTES``),
        the SQLite integrity check and the feature count. A full result is remembered for
        the process, keyed by the file's (path, st_dev, st_ino, st_mtime_ns, st_ctime_ns,
        st_size), and a pass also across sessions (``memo.py``: same identity, and a
        fingerprint of sampled pages read again each time). ``force``: check in full even so."""
        try:
            path = self._file(entry.file)
        except CacheError as exc:
            return str(exc)
        try:
            stat = os.stat(path)
        except OSError:
            return tr("The cached copy of {name} is missing ({path}).").format(name=entry.collection, path=path)
        key = _key(path, stat, entry)
        if not force:
            with _verified_lock:
                if key in _verified:
                    return _verified[key]
        problem = _light_problem(entry, path, stat.st_size)
        if problem is None and not force and self._memo().passed(entry.file, path, stat, entry.feature_count):
            with _verified_lock:
                _verified[key] = None
            return None
        if problem is None and not full and not force and stat.st_size > STATUS_FULL_CHECK_BYTES:
            return None  # a large copy is checked in full when it is opened
        if problem is None:
            problem = self._check_uncached(entry, path, open_layer=False)
        with _verified_lock:
            _verified[key] = problem
        if problem is None:
            self._memo().remember(entry.file, path, entry.feature_count)
        else:
            self._memo().forget(entry.file)
        return problem

    def _memo(self) -> IntegrityMemo:
        memo = getattr(self, "_integrity_memo", None)
        if memo is None or memo.path != os.path.join(self.dir, "integrity.json"):
            memo = self._integrity_memo = IntegrityMemo(self.dir)
        return memo

    def _remember_check(self, path: str, entry: CacheEntry, problem: Optional[str],
                        superseded: Optional[str] = None) -> None:
        try:
            stat = os.stat(path)
        except OSError:
            return
        with _verified_lock:
            _verified[_key(path, stat, entry)] = problem
        if problem is None:
            self._memo().remember(entry.file, path, entry.feature_count, drop=superseded)

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
