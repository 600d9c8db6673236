"""The spool of a fetch: its features in a temporary SQLite table, one column per property,
geometries already in GeoPackage form, so that the copy is written by one ``INSERT … SELECT``
(``writer.py``) with no Python per feature (issue 18, item 1).

Per page, in Python: the validity check (``sources/validity.py``), the GeoPackage geometry blob
(header with the envelope + the WKB), and the properties column by column: a column of one
kind (all text, all 64-bit integers, all finite reals) is stored as it came, anything else
value by value (:func:`_cell`). The kinds are merged in feature order exactly as
``fieldtypes.merge_kind`` does (it is not associative: ``bool, int, real`` is ``real`` but
``real, bool, int`` is ``text``). A cell keeps enough to give the field's value whatever kind
the column ends with: booleans as ``'true'``/``'false'``, integers beyond 64 bits and non-finite
reals as their text, objects and arrays as JSON text (``fieldtypes.to_text``).

The content hash covers, page by page, the ids, the geometries as written and the property
values by name: the same content served in the same pages gives the same hash.
"""

import hashlib
import math
import os
import queue
import sqlite3
import struct
import threading
from collections import Counter
from itertools import chain
from typing import Dict, Optional

from osgeo import ogr
from qgis.core import QgsGeometry, QgsRectangle, QgsWkbTypes

from .. import geomtypes
from ..fieldtypes import INT64_MAX, INT64_MIN, merge_kind, to_text, value_kind
from ..sources import validity
from ..sources.geojson import no_gc

_GP_HEADER = struct.Struct("<2sBBi4d")  # GeoPackage binary: magic, version, flags (LE, xy envelope), srs_id, envelope
HEADER_SIZE = _GP_HEADER.size  # 40
_NONE = type(None)
_FAST_KINDS = {
    frozenset({str}): "text", frozenset({str, _NONE}): "text",
    frozenset({int}): "int", frozenset({int, _NONE}): "int",
    frozenset({float}): "real", frozenset({float, _NONE}): "real",
    frozenset({_NONE}): None,
}
SIMPLE_WKB = frozenset(range(1, 8))  # 2D Point … GeometryCollection: copied by SQL
RTREE_SUFFIX = "-rtree"  # the background R-tree's file, next to the spool


def _cell(value):
    """One property value as the spool stores it (see the module)."""
    if value is None or isinstance(value, str) and "\x00" not in value:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value if INT64_MIN <= value <= INT64_MAX else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return to_text(value)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def new_rtree(path: str) -> sqlite3.Connection:
    """A new SQLite file at ``path`` with an empty R-tree ``rt`` in the GeoPackage's layout (id,
    minx, maxx, miny, maxy), written without a journal (a temporary file)."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE rt USING rtree(id, minx, maxx, miny, maxy)")
    return con


class _RtreeBuilder(threading.Thread):
    """Fills an SQLite R-tree (the GeoPackage's own layout: id, minx, maxx, miny, maxy) with
    the spooled envelopes in the background while the next pages are fetched and parsed, as
    GDAL's GeoPackage driver does with its R-tree thread; ``writer.py`` copies its tables into
    the copy when the copy's fids are the spool's rows. SQLite inserts without the GIL."""

    def __init__(self, path: str):
        super().__init__(name="regionplan-rtree", daemon=True)
        self.path = path
        self.queue: queue.Queue = queue.Queue(maxsize=8)
        self.error: Optional[BaseException] = None
        self.done = False
        self.ended = False

    def run(self) -> None:
        # every put is taken, up to the final None, whatever fails: the producer never blocks
        con = None
        try:
            con = new_rtree(self.path)
            con.execute("BEGIN")
        except BaseException as exc:  # noqa: BLE001 - kept; the writer then fills the R-tree itself
            self.error = exc
        try:
            while True:
                rows = self.queue.get()
                if rows is None:
                    break
                if self.error is None:
                    try:
                        con.executemany("INSERT INTO rt VALUES (?, ?, ?, ?, ?)", rows)
                    except BaseException as exc:  # noqa: BLE001 - e.g. the disk is full
                        self.error = exc
            if self.error is None:
                try:
                    con.execute("COMMIT")
                except BaseException as exc:  # noqa: BLE001
                    self.error = exc
            self.done = self.error is None
        finally:
            if con is not None:
                con.close()

    def put(self, rows) -> None:
        if self.is_alive():
            self.queue.put(rows)

    def end(self) -> None:
        """No more rows: the builder ends by itself (see :meth:`finish`)."""
        if self.is_alive() and not self.ended:
            self.ended = True
            self.queue.put(None)

    def finish(self) -> bool:
        """Wait for the builder; True when its R-tree holds every row put."""
        self.end()
        if self.is_alive():
            self.join()
        return self.done


class _Spool:
    """Features of a fetch in a temporary SQLite table at ``path``; infers the schema and
    hashes the content. ``kinds``: property name -> kind, in order of first appearance."""

    def __init__(self, path: str, rect: Optional[QgsRectangle]):
        self.path = path
        self.rect = rect
        self.rect_geom = QgsGeometry.fromRect(rect) if rect is not None else None
        self.con = None
        self.error: Optional[OSError] = None  # the spool is incomplete: it must not be written
        self.rtree: Optional[_RtreeBuilder] = None
        for stale in (path, path + RTREE_SUFFIX):
            if os.path.exists(stale):
                os.unlink(stale)  # a new spool, as a file opened for writing would be
        try:
            self.con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.con.execute("PRAGMA journal_mode=OFF")
            self.con.execute("PRAGMA synchronous=OFF")
            self.con.execute("CREATE TABLE s (id TEXT, g BLOB, t INTEGER, fam INTEGER, rep INTEGER, "
                             "x0 REAL, x1 REAL, y0 REAL, y1 REAL)")
            self.con.execute("BEGIN")
            self.rtree = _RtreeBuilder(path + RTREE_SUFFIX)
            self.rtree.start()
        except sqlite3.Error as exc:
            self.close()
            raise OSError(str(exc)) from None
        self.count = 0
        self.seen = 0
        self.skipped = 0
        self.skip_reasons: Dict[str, int] = {}
        self.repaired = 0
        self.kinds: Dict[str, Optional[str]] = {}
        self.columns: Dict[str, str] = {}  # property -> spool column
        self.bools = set()  # properties with a boolean value somewhere
        self.had_real = set()  # properties with a real value somewhere
        self.geom_types = set()
        self.families: Dict[int, int] = {}
        self.hash = hashlib.sha256()
        self._types: Dict[bytes, tuple] = {}  # WKB type bytes -> (flat type, family, WKB code)
        self._codes: Dict[int, int] = {}  # WKB code -> flat type

    def _type_of(self, key: bytes, geom: QgsGeometry) -> tuple:
        """``(flat type, family, WKB code)`` of a geometry whose WKB type bytes are ``key``."""
        flat = QgsWkbTypes.flatType(geom.wkbType())
        code = int.from_bytes(key, "little")
        self._codes[code] = flat
        info = self._types[key] = (flat, geomtypes.family(flat), code)
        return info

    def add(self, page) -> None:
        try:
            with no_gc():
                self._add(page)
        except sqlite3.Error as exc:  # e.g. the disk is full: an OSError for the caller
            self.error = OSError(str(exc))
            raise self.error from None

    def _add(self, page) -> None:
        self.seen += len(page.features) + page.skipped
        self.skipped += page.skipped
        for reason, count in page.skip_reasons.items():
            self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + count
        rect, rect_geom = self.rect, self.rect_geom
        checked, repaired_state = validity.checked, validity.REPAIRED
        pack, type_of = _GP_HEADER.pack, self._type_of
        head, props = [], []  # per feature: (id, blob, WKB type, family, repaired, x0, x1, y0, y1)
        keep, keep_props, types = head.append, props.append, self._types
        for feature in page.features:
            geom = feature.geometry
            if rect is not None and not geom.boundingBox().intersects(rect):
                continue
            geom, state = checked(geom)  # once per feature: an invalid one would mislead the check
            if geom is None:
                self.skipped += 1
                self.skip_reasons[validity.SKIP_REASON] = self.skip_reasons.get(validity.SKIP_REASON, 0) + 1
                continue
            if rect_geom is not None and not geom.intersects(rect_geom):
                continue
            wkb = geom.asWkb().data()
            info = types.get(wkb[1:5]) or type_of(wkb[1:5], geom)
            box = geom.boundingBox()
            x0, x1, y0, y1 = box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum()
            keep((feature.id, pack(b"GP", 0, 3, 0, x0, x1, y0, y1) + wkb, info[2], info[1],
                  1 if state == repaired_state else 0, x0, x1, y0, y1))
            keep_props(feature.properties)
        if not head:
            return
        columns = list(zip(*head))
        ids, blobs, codes, fams, reps = columns[:5]
        for code in set(codes):
            self.geom_types.add(self._codes[code])
        for family, count in Counter(fams).items():
            self.families[family] = self.families.get(family, 0) + count
        self.repaired += sum(reps)
        names, cells = self._columns(props)
        first = self.count + 1  # the rows' rowids: the spool only appends
        if self.rtree is not None:
            self.rtree.put(list(zip(range(first, first + len(head)), *columns[5:])))
        names_sql = ", ".join(["id", "g", "t", "fam", "rep", "x0", "x1", "y0", "y1"]
                              + [_quote(self.columns[name]) for name in names])
        marks = ", ".join("?" * (9 + len(names)))
        self.con.executemany(f"INSERT INTO s ({names_sql}) VALUES ({marks})", zip(*columns, *cells))
        digest = self.hash.update
        digest(repr(ids).encode("utf-8"))
        digest(repr(reps).encode("ascii"))
        digest(b"".join(blobs))
        for name, column in sorted(zip(names, cells), key=lambda item: item[0]):
            digest(repr((name, column)).encode("utf-8", "surrogatepass"))
        self.count += len(head)

    def _columns(self, props: list):
        """The page's property names (first appearance first) and their columns of cells;
        merges the kinds and adds spool columns for new names."""
        names = list(dict.fromkeys(chain.from_iterable(props)))
        cells = []
        kinds = self.kinds
        for name in names:
            values = [p.get(name) for p in props]
            kind = _FAST_KINDS.get(frozenset(map(type, values)), "?")
            if kind == "int":
                numbers = [v for v in values if v is not None]
                if min(numbers) < INT64_MIN or max(numbers) > INT64_MAX:
                    kind = "?"
            elif kind == "real":
                self.had_real.add(name)
                if not all(map(math.isfinite, filter(None, values))):
                    kind = "?"
            elif kind == "text":
                if "\x00" in "".join(filter(None, values)):
                    kind = "?"
            if kind != "?":
                kinds[name] = merge_kind(kinds.get(name), kind)  # idempotent: once for the page
            else:
                merged = kinds.get(name)
                for value in values:
                    merged = merge_kind(merged, value_kind(value))
                    if value is True or value is False:
                        self.bools.add(name)
                    elif type(value) is float:
                        self.had_real.add(name)
                kinds[name] = merged
                values = [_cell(v) for v in values]
            if name not in self.columns:
                column = self.columns[name] = f"c{len(self.columns)}"
                self.con.execute(f"ALTER TABLE s ADD COLUMN {column}")
            cells.append(values)
        return names, cells

    def rtree_pending(self) -> Optional[str]:
        """The file the R-tree is built in (perhaps still being built), or None."""
        return None if self.rtree is None else self.path + RTREE_SUFFIX

    def rtree_path(self) -> Optional[str]:
        """The R-tree of every spooled row (rowid = spool row), once the spool is closed; None
        when the builder failed."""
        if self.rtree is None or not self.rtree.finish():
            return None
        return self.path + RTREE_SUFFIX

    def close(self, wait: bool = True) -> None:
        """End the spool (idempotent, never raises: it runs in ``finally`` blocks); a failed
        commit is kept in ``error`` for the writer. ``wait=False``: the R-tree may still be built
        in the background (the writer waits for it in :meth:`rtree_path`, after its ``INSERT``)."""
        if self.rtree is not None:
            if wait:
                self.rtree.finish()
            else:
                self.rtree.end()
        if self.con is not None:
            try:
                if self.con.in_transaction:
                    self.con.execute("COMMIT")
            except sqlite3.Error as exc:
                self.error = self.error or OSError(str(exc))
            finally:
                self.con.close()
                self.con = None

    def digest(self) -> str:
        return "sha256:" + self.hash.hexdigest()

    def dominant_family(self) -> Optional[int]:
        """The geometry family most features have (None: mixed collections are kept as they are)."""
        return geomtypes.dominant_family(self.families)

    def layer_type(self):
        family = self.dominant_family()
        flat = {geomtypes.wkb_type(t) for t in self.geom_types if family is None or geomtypes.family(t) == family}
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
