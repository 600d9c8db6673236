"""Bringing a cached copy up to date from a data source, and asking a source whether a copy is
fresh: the only module of ``core/cache`` that talks to a data source."""

import os
import time
import uuid
from typing import Optional

from qgis.core import QgsRectangle

from .. import paths, util
from ..errors import CacheError, Cancelled, NetworkError
from ..i18n import tr, trn
from ..sources import DEFAULT_LIMIT, DataSource, RemoteVersion, keyword_value, qgs_crs
from ..sources.geojson import no_gc
from .durable import _fsync_dir, _fsync_file, _release_frames, _write_error, fcntl, file_lock
from .entry import LOCK, TMP, CacheEntry, RefreshResult, safe_name
from .ogrcopy import RAW_SUFFIX, spool_layer
from .spool import RTREE_SUFFIX
from .writer import _Spool, _write_gpkg


class RefreshMixin:
    """``Cache.check``, ``Cache.refresh`` and their bookkeeping."""

    def check(self, service: DataSource, cid: str, feedback=None, collection: Optional[dict] = None) -> str:
        """The status of ``cid`` asking the server as cheaply as it allows: its ``version:``
        keyword, else one conditional request for the copy's first page (ETag /
        Last-Modified; 304 = fresh). ``unknown`` when the server cannot tell or cannot be
        reached."""
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

    def refresh(self, service: DataSource, cid: str, crs: str, bbox=None, feedback=None, force: bool = False,
                limit: Optional[int] = None) -> RefreshResult:
        """Bring ``cid`` up to date from ``service``; ``"fresh"`` when nothing changed.

        ``bbox`` (in ``crs``; QgsRectangle or 4 numbers) keeps only intersecting features.
        A failure raises (NetworkError, CacheError, Cancelled) and leaves the previous copy current.
        """
        cid = str(cid)
        self._ensure_dir()
        self.clean_up_tmp()
        rect = None
        bbox_list = None
        if bbox is not None:
            rect = bbox if isinstance(bbox, QgsRectangle) else QgsRectangle(*[float(v) for v in bbox])
            bbox_list = [rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()]
        old = self.entry(cid)
        old_ok = old is not None and self._check_file(old, force=True) is None
        same = old_ok and old.bbox == bbox_list and old.crs == crs
        collection = service.collection(cid, feedback)
        version = keyword_value(collection, "version")
        if same and not force and version and old.version == version:
            return self._confirm(old, {}, feedback)
        headers = _conditional_headers(old) if same and not force else {}
        token = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:8]
        name = safe_name(cid) + "-" + token + ".gpkg"
        tmp_dir = os.path.join(self.dir, TMP)
        part = os.path.join(tmp_dir, name)
        spool_path = part + ".spool"
        lock_fd = None
        spool = pages = None
        try:
            try:
                lock_fd = os.open(part + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
                if fcntl is not None:
                    fcntl.flock(lock_fd, fcntl.LOCK_EX)
                spool = _Spool(spool_path, rect)
            except OSError as exc:
                raise _write_error(self.dir, exc) from None
            local = _local_layer(service, cid, crs, rect, headers, feedback)
            try:
                if local is not None and (local.not_modified or spool_layer(spool, local, feedback)):
                    # a local file: OGR copies it
                    first_url, etag, last_modified = local.url, local.etag, local.last_modified
                    not_modified = local.not_modified
                    spool.close(wait=False)  # the R-tree is waited for by the writer, after its INSERT
                else:
                    pages = service.iter_pages(cid, crs, bbox=rect, bbox_crs=crs if rect is not None else None,
                                               limit=limit or DEFAULT_LIMIT, feedback=feedback, headers=headers)
                    with no_gc():  # a page's objects live until spooled: no collection walks them meanwhile
                        first_url, etag, last_modified, not_modified = _spool_pages(pages, spool, cid, feedback)
            except OSError as exc:
                raise _write_error(self.dir, exc) from None
            if not_modified:
                return self._confirm(old, {"etag": etag or old.etag,
                                           "last_modified": last_modified or old.last_modified}, feedback)
            if same and not force and spool.digest() == old.content_hash:
                return self._confirm(old, {"etag": etag, "last_modified": last_modified}, feedback)
            entry = CacheEntry(
                collection=cid,
                file=name,
                title=str(collection.get("title") or cid),
                source_url=first_url,
                profile_id=self.profile_id,
                fetched_at=util.utc_now_iso(),
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
                _write_gpkg(part, spool, entry, feedback, qgs_crs(crs).toWkt())
                _fsync_file(part)
            except (OSError, RuntimeError) as exc:
                raise _write_error(self.dir, exc) from None
            problem = self._check_uncached(entry, part)
            if problem is not None:
                raise CacheError(problem)
            final = os.path.join(self.dir, name)
            superseded = self._install(entry, part, final)
            if superseded:
                self._retire(superseded, final)
            util.set_progress(feedback, 100)
            return RefreshResult("updated", entry, True, entry.skipped, dict(entry.skip_reasons))
        except BaseException as exc:
            _release_frames(exc)
            raise
        finally:
            if hasattr(pages, "close"):
                pages.close()  # a request a source sent ahead is abandoned now, not when collected
            if spool is not None:
                spool.close()
            _discard_part(part, lock_fd)

    def _install(self, entry: CacheEntry, part: str, final: str) -> Optional[str]:
        """Under the lock: move the checked copy ``part`` to ``final`` and make it current in
        the manifest (rebuilt first when damaged). Returns the superseded file name, if any;
        on failure the previous copy stays current."""
        with file_lock(os.path.join(self.dir, LOCK)):
            entries, damaged = self._read_raw()
            if damaged:
                entries = self._recover(entries)
            current = entries.get(entry.collection)
            try:
                os.replace(part, final)
                _fsync_dir(self.dir)
                # checked in full above (same file); the superseded copy's memo record goes
                self._remember_check(os.path.realpath(final), entry, None,
                                     superseded=current.file if current is not None else None)
                entries[entry.collection] = entry
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
        if current is not None and current.file != entry.file:
            return current.file
        return None

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
                    current.checked_at = util.utc_now_iso()
                    self._write_manifest(entries)
                    entry = current
        except (CacheError, OSError):
            pass  # a read-only cache still reports "fresh"
        util.set_progress(feedback, 100)
        util.push_info(feedback, tr("{name} is already up to date.").format(name=old.collection))
        return RefreshResult("fresh", entry, False)


def _conditional_headers(old: CacheEntry) -> dict:
    """The headers that let the server answer 304 for the copy ``old``."""
    headers = {}
    if old.etag:
        headers["If-None-Match"] = old.etag
    if old.last_modified:
        headers["If-Modified-Since"] = old.last_modified
    return headers


def _local_layer(service, cid: str, crs: str, rect, headers, feedback):
    """The source's local copy of ``cid`` (a downloaded file) when OGR can copy it as it is (the
    whole layer: no bbox), or says it is not modified; else None."""
    local = getattr(service, "local_layer", None)
    if local is None or rect is not None:
        return None
    return local(cid, crs, feedback, headers)


def _spool_pages(pages, spool: _Spool, cid: str, feedback):
    """Spool every page; ``(first page URL, ETag, Last-Modified, not_modified)``. Stops at a
    304 on the first page (nothing spooled). Cancelled when the user cancels."""
    first_url = ""
    etag = last_modified = ""
    for page in pages:
        if page.number == 0:
            first_url = page.url
            etag, last_modified = page.etag, page.last_modified
            if page.not_modified:
                spool.close()
                return first_url, etag, last_modified, True
        spool.add(page)
        if util.is_canceled(feedback):
            raise Cancelled(tr("Cancelled."))
        if page.number_matched:
            util.set_progress(feedback, 80.0 * min(1.0, spool.seen / max(1, page.number_matched)))
        util.push_info(feedback, trn("{name}: {count} feature downloaded",
                                     "{name}: {count} features downloaded",
                                     spool.count).format(name=cid, count=spool.count))
    spool.close()
    return first_url, etag, last_modified, False


def _discard_part(part: str, lock_fd: Optional[int]) -> None:
    """Remove what a fetch leaves in ``tmp/`` (spool, unfinished copy, SQLite side files)
    and release its lock file."""
    spool = part + ".spool"
    for path in (spool, spool + RTREE_SUFFIX, spool + RAW_SUFFIX, part, part + "-journal", part + "-wal",
                 part + "-shm"):
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
