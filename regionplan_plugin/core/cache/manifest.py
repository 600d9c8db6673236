"""The manifest: read (memoised on the file's stat), parse, rebuild from the GeoPackages' own
embedded entries when damaged, write atomically."""

import html
import json
import os
import re
import sqlite3
from typing import Dict, Optional

from .. import util
from ..errors import CacheError
from ..i18n import tr
from .durable import atomic_write_json, file_lock
from .entry import LOCK, META_KEY, SCHEMA, CacheEntry, _copy_entry
from .uris import _sqlite_uri


class ManifestMixin:
    """The manifest of ``Cache`` (uses ``self.manifest_path``, ``self._check_file``...)."""

    def _read_raw(self, only=None):
        """(entries dict, damaged: bool). The parsed manifest is kept with its file's
        (st_ino, st_mtime_ns, st_size) and parsed again only when that changes (every write
        replaces the file: a new inode) or after a write through this Cache; callers get
        copies of the entries (``only``: of that collection id alone, so that asking for one
        entry does not copy all of them)."""
        try:
            with open(self.manifest_path, "rb") as handle:
                stat = os.fstat(handle.fileno())
                key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
                memo = self._manifest_memo
                if memo is not None and memo[0] == key:
                    return _copies(memo[1], only), memo[2]
                data = handle.read()
        except FileNotFoundError:
            self._manifest_memo = None
            return {}, False
        except OSError as exc:
            raise CacheError(tr("The cache manifest {path} cannot be read: {error}.").format(
                path=self.manifest_path, error=str(exc))) from None
        entries, damaged = self._parse_manifest(data)
        self._manifest_memo = (key, entries, damaged)
        return _copies(entries, only), damaged

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

    def _entries(self, only=None) -> Dict[str, CacheEntry]:
        entries, damaged = self._read_raw(only)
        if damaged and only is not None:
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
            "updated_at": util.utc_now_iso(),
            "entries": {cid: e.to_dict() for cid, e in sorted(entries.items())},
        }
        self._manifest_memo = None
        try:
            atomic_write_json(self.manifest_path, obj)
        finally:
            self._manifest_memo = None


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
        try:
            return CacheEntry.from_dict(json.loads(html.unescape(match.group(2))))
        except ValueError:
            return None
    return None


def _copies(entries: Dict[str, CacheEntry], only=None) -> Dict[str, CacheEntry]:
    if only is not None:
        return {only: _copy_entry(entries[only])} if only in entries else {}
    return {cid: _copy_entry(entry) for cid, entry in entries.items()}
