"""The integrity memo: passed full checks remembered across QGIS sessions (``integrity.json``
next to the manifest), so the first check after QGIS starts does not read a whole copy again.

A record says: the file ``name`` with this identity was checked in full and passed. It is
used only while the file still has the same identity:

* ``st_dev``, ``st_ino``, ``st_size``, ``st_mtime_ns`` and ``st_ctime_ns``. The change time
  cannot be set back from user space (``os.utime`` sets it to *now*): any write to the file,
  even one that keeps its size and resets its modification time, invalidates the record;
* the feature count of the manifest entry;
* a fingerprint of the content, read on every use: the SQLite header, its change counter and
  page count, and CRC-32s of the first page, the last page and pages spread over the file
  (``SAMPLES``; ≈0.1 ms at any size), so damage in those pages that touches none of the
  above is still found;
* its age: a record older than ``MAX_AGE_S`` is checked in full again.

Only passes are remembered; a failed or missing record means a full check. The file is
written atomically (temp file + ``os.replace``) but without fsync and without the cache lock:
it is a hint, and a record lost to a crash or a concurrent writer only costs a full check
(opening a catalogue of 200 small copies without a memo wrote it 200 times: with fsync that
took seconds).
"""

import json
import os
import tempfile
import time
import zlib
from typing import Optional

MEMO = "integrity.json"
SCHEMA = "regionplan-integrity/1"
SAMPLES = 16
MAX_AGE_S = 30 * 86400


def identity(stat) -> list:
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def fingerprint(path: str, size: int) -> Optional[str]:
    """The header's change counter and page count plus CRC-32s of sampled pages, as text."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
            if len(header) < 100:
                return None
            page_size = int.from_bytes(header[16:18], "big")
            page_size = 65536 if page_size == 1 else page_size
            pages = max(1, size // max(page_size, 512))
            picks = sorted({0, pages - 1} | {pages * i // SAMPLES for i in range(1, SAMPLES)})
            crcs = []
            for index in picks:
                handle.seek(index * page_size)
                crcs.append(format(zlib.crc32(handle.read(page_size)), "08x"))
    except OSError:
        return None
    return "{}:{}:{}".format(header[24:28].hex(), header[28:32].hex(), ".".join(crcs))


class IntegrityMemo:
    """The memo of one cache folder."""

    def __init__(self, folder: str):
        self.path = os.path.join(folder, MEMO)
        self._loaded = None  # (stat key of integrity.json, records)

    def _records(self) -> dict:
        try:
            stat = os.stat(self.path)
        except OSError:
            return {}
        key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if self._loaded is not None and self._loaded[0] == key:
            return self._loaded[1]
        try:
            with open(self.path, "rb") as handle:
                obj = json.loads(handle.read().decode("utf-8"))
            records = obj["files"] if obj.get("schema") == SCHEMA and isinstance(obj.get("files"), dict) else {}
        except (OSError, ValueError, UnicodeDecodeError, AttributeError, KeyError, TypeError):
            records = {}
        self._loaded = (key, records)
        return records

    def passed(self, name: str, path: str, stat, feature_count: int) -> bool:
        """True when a full check of this very file passed and its fingerprint still matches."""
        record = self._records().get(name)
        if not isinstance(record, dict):
            return False
        if record.get("identity") != identity(stat) or record.get("features") != feature_count:
            return False
        checked = record.get("checked")
        if not isinstance(checked, (int, float)) or not 0 <= time.time() - checked <= MAX_AGE_S:
            return False
        return record.get("fingerprint") == fingerprint(path, stat.st_size)

    def remember(self, name: str, path: str, feature_count: int, drop: Optional[str] = None) -> None:
        """Note a passed full check of ``path`` (best effort); drops the record of ``drop``
        (a superseded copy) and those of files gone."""
        try:
            stat = os.stat(path)
        except OSError:
            return
        print_ = fingerprint(path, stat.st_size)
        if print_ is None:
            return
        folder = os.path.dirname(self.path)
        records = {n: r for n, r in self._records().items()
                   if n not in (name, drop) and os.path.exists(os.path.join(folder, n))}
        records[name] = {"identity": identity(stat), "features": feature_count, "checked": time.time(),
                         "fingerprint": print_}
        self._write(records)

    def forget(self, name: str) -> None:
        records = self._records()
        if name in records:
            self._write({n: r for n, r in records.items() if n != name})

    def _write(self, records: dict) -> None:
        data = json.dumps({"schema": SCHEMA, "files": records}, separators=(",", ":")).encode("utf-8")
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".tmp-integrity-", suffix=".json", dir=os.path.dirname(self.path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self.path)
            tmp = None
        except OSError:
            pass  # a read-only cache: the next session checks in full again
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
        self._loaded = None
