"""(No longer run: the fixes are in core/ now, see RESULTS.md "Profiling: fixes applied".)

Prototypes of the fixes proposed for the hot spots the profiles show (part 4), applied
*inside a benchmark worker only* (monkeypatching ``core`` classes in that process), so
RESULTS.md can show what each fix would save before its owner lands it in ``core/``.
Nothing here is imported by the plugin.

1. ``Cache._read_raw``: the manifest is parsed again on every ``entry()`` call (51 times
   to open the catalogue, 114 times in the demo check). Keep the parsed entries and
   re-read only when the manifest's (inode, mtime_ns, size) changes (``atomic_write_json``
   replaces the file, so the inode changes on every write).
2. ``Cache.status``: answering "is there an intact copy?" for the catalogue verifies every
   cached file in full (``PRAGMA quick_check`` + ``COUNT(*)`` + opening a QgsVectorLayer,
   ≈10 ms each). Use a light check for the status (file present, SQLite header, size > 0)
   and leave the full check to ``Cache.layer()``, i.e. to the moment a copy is opened.
3. ``Cache._check_uncached`` opens a throw-away ``QgsVectorLayer`` to see that the layer
   opens and counts right; ``Cache.layer()`` then opens another. Check the SQLite side
   only there and validate the layer ``layer()`` returns (valid + feature count).
4. ``DataAccess.source``/``extent`` (cache path): a new ``QgsVectorLayer`` per call (40
   opens for 16 rules in the demo check: ``_nearest`` asks for the source and the extent
   on every search round). Open each cached dataset once per ``DataAccess``.
"""

import copy
import os


def apply(which=("manifest", "status", "verify", "sources")) -> None:
    from regionplan_plugin.core import cache as cm
    from regionplan_plugin.core import sources as sm
    from regionplan_plugin.core.errors import CacheError
    from regionplan_plugin.core.i18n import tr

    if "manifest" in which:
        original_read_raw = cm.Cache._read_raw

        def _read_raw(self):
            try:
                stat = os.stat(self.manifest_path)
            except OSError:
                return original_read_raw(self)
            key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
            memo = self.__dict__.get("_manifest_memo")
            if memo is None or memo[0] != key:
                entries, damaged = original_read_raw(self)
                memo = (key, entries, damaged)
                self.__dict__["_manifest_memo"] = memo
            return {cid: copy.copy(entry) for cid, entry in memo[1].items()}, memo[2]

        cm.Cache._read_raw = _read_raw

    if "status" in which:
        def _light_problem(self, entry):
            try:
                path = self._file(entry.file)
                with open(path, "rb") as handle:
                    header = handle.read(16)
            except (OSError, CacheError):
                return "missing"
            return None if header == b"SQLite format 3\x00" else "corrupt"

        def status(self, cid, remote=None):
            entry = self.entry(cid)
            if entry is None:
                return "missing"
            problem = _light_problem(self, entry)
            if problem is not None:
                return problem
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

        cm.Cache.status = status

    if "verify" in which:
        import sqlite3

        def _check_uncached(self, entry, path):
            corrupt = tr("The cached copy of {name} is damaged ({detail}). Refresh it while online.")
            try:
                uri = "file:" + path.replace("?", "%3f").replace("#", "%23") + "?mode=ro"
                con = sqlite3.connect(uri, uri=True, timeout=10)
                try:
                    result = con.execute("PRAGMA quick_check").fetchone()
                    if not result or result[0] != "ok":
                        return corrupt.format(name=entry.collection, detail="quick_check")
                    count = con.execute('SELECT COUNT(*) FROM "features"').fetchone()[0]
                finally:
                    con.close()
            except sqlite3.Error as exc:
                return corrupt.format(name=entry.collection, detail=str(exc))
            if count != entry.feature_count:
                return corrupt.format(name=entry.collection, detail="count")
            return None

        original_layer = cm.Cache.layer

        def layer(self, cid, name=None):
            result = original_layer(self, cid, name)
            entry = self.entry(cid)
            if entry is not None and result.featureCount() != entry.feature_count:
                raise CacheError(tr("The cached copy of {name} cannot be opened ({path}).").format(
                    name=cid, path=entry.file))
            return result

        cm.Cache._check_uncached = _check_uncached
        cm.Cache.layer = layer

    if "sources" in which:
        original_source = sm.DataAccess.source
        original_extent = sm.DataAccess.extent

        def source(self, cid, rect=None, feedback=None):
            if self._use_cache(cid, feedback):
                memo = self.__dict__.setdefault("_cached_sources", {})
                if cid not in memo:
                    memo[cid] = original_source(self, cid, rect, feedback)
                return memo[cid]
            return original_source(self, cid, rect, feedback)

        def extent(self, cid, feedback=None):
            if self._use_cache(cid, feedback):
                entry = self.cache.entry(cid)
                if entry is not None and entry.bbox is None:
                    return source(self, cid, None, feedback)[0].extent()
            return original_extent(self, cid, feedback)

        sm.DataAccess.source = source
        sm.DataAccess.extent = extent
