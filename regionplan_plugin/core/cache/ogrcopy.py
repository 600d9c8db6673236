"""A local layer into the spool without Python per feature (issue 18, item 1): a ZIP download is
a local file once downloaded, so OGR copies its layer in C++ (``gdal.VectorTranslate`` into a
temporary GeoPackage next to the spool), SQL computes each feature's envelope, WKB type and
GEOS validity (the GeoPackage driver's ``ST_MinX``… and SpatiaLite's ``ST_IsValid``), and one
``INSERT … SELECT`` fills the spool's table as :meth:`_Spool.add` would have: the writer then
makes the copy as for any source.

The same guarantees as the page path: an invalid geometry is repaired or skipped by
``sources/validity.py`` (the few invalid ones, in Python), a feature without geometry is
skipped ("no geometry"), the schema's kinds are the fields' (integers, reals, text), cancel is
honoured (OGR's progress callback), and a copy during which GDAL failed to read (a file cut
short) is not taken: the page path reads it again and refuses it (``sources/whole.py``). A
layer this path does not take (points, 3D or curved geometries, fields of other types, a spool
with a bbox) returns False before the spool is touched, and the caller reads it page by page.
The content hash is the downloaded file's.
"""

import os
import sqlite3
import threading
from typing import Optional

from osgeo import gdal, ogr
from qgis.core import QgsGeometry

from .. import geomtypes, util
from ..errors import Cancelled
from ..i18n import tr
from ..sources import validity
from ..sources.whole import GDAL_READ_ERRORS, GdalFailures, scan_failure
from .spool import _GP_HEADER, RTREE_SUFFIX, _quote, new_rtree

RAW_SUFFIX = "-raw.gpkg"  # the temporary copy of the layer, next to the spool
SOURCE_FID = "rp_source_fid"
# 2D geometries whose GeoPackage header GDAL writes with an xy envelope (40 bytes, as the spool's)
_TYPES = {ogr.wkbLineString: 2, ogr.wkbPolygon: 3, ogr.wkbMultiPoint: 4, ogr.wkbMultiLineString: 5,
          ogr.wkbMultiPolygon: 6}
_KINDS = {ogr.OFTInteger: "int", ogr.OFTInteger64: "int", ogr.OFTReal: "real", ogr.OFTString: "text"}


def _fields(layer) -> Optional[list]:
    """``[(name, kind)]`` of a layer this path takes, else None."""
    defn = layer.GetLayerDefn()
    if defn.GetGeomFieldCount() != 1 or ogr.GT_Flatten(layer.GetGeomType()) != layer.GetGeomType() \
            or layer.GetGeomType() not in _TYPES:
        return None
    fields = []
    for i in range(defn.GetFieldCount()):
        field = defn.GetFieldDefn(i)
        if field.GetType() not in _KINDS or field.GetSubType() != ogr.OFSTNone:
            return None
        fields.append((field.GetName(), _KINDS[field.GetType()]))
    names = [name.lower() for name, _kind in fields]
    return fields if len(set(names)) == len(names) and not {"fid", "geom", SOURCE_FID} & set(names) else None


def spool_layer(spool, local, feedback=None) -> bool:
    """Fill the (empty) ``spool`` with the layer ``local`` describes (``path``, ``index``,
    ``options``, ``key``: the content's identity); False when this path does not take it."""
    if spool.rect is not None or spool.count or spool.con is None:
        return False
    return _spool_layer(spool, local, spool.path + RAW_SUFFIX, feedback)  # the caller removes the copy


def _spool_layer(spool, local, raw: str, feedback) -> bool:
    def progress(fraction, _message, _data):
        util.set_progress(feedback, 60.0 * fraction)
        return 0 if util.is_canceled(feedback) else 1

    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:  # OGR's failures are None, or RuntimeError where GDAL's exceptions are on: the page path then
        source = gdal.OpenEx(local.path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=list(local.options))
        layer = source.GetLayer(local.index) if source is not None else None
        fields = _fields(layer) if layer is not None else None
        if fields is None:
            return False
        total = layer.GetFeatureCount()
        # the source's ids as a column; no R-tree (built from the envelopes while the copy is written)
        name = layer.GetName().replace('"', '""')
        with GdalFailures() as failures:  # a read that failed (a file cut short): the page path refuses it
            out = gdal.VectorTranslate(raw, source, format="GPKG", SQLDialect="OGRSQL", layerName="raw",
                                       SQLStatement=f'SELECT FID AS {SOURCE_FID}, * FROM "{name}"',
                                       layerCreationOptions=["SPATIAL_INDEX=NO", "FID=fid", "GEOMETRY_NAME=geom"],
                                       callback=progress)
        layer = source = None
        if not util.is_canceled(feedback) and out is not None and (failures.messages or (
                gdal.GetUseExceptions() and scan_failure(local.path, local.index, local.options))):
            out = None
        if out is not None and not util.is_canceled(feedback):
            out.ExecuteSQL("CREATE TABLE env AS SELECT fid, ST_MinX(geom) AS x0, ST_MaxX(geom) AS x1, ST_MinY(geom) AS "
                           "y0, ST_MaxY(geom) AS y1, ST_IsValid(geom) AS v, hex(substr(geom, 4, 1)) AS flags, "
                           "hex(substr(geom, 42, 4)) AS wkb_type, 0 AS rep FROM raw WHERE geom IS NOT NULL")
    except GDAL_READ_ERRORS:
        out = None
    finally:
        gdal.PopErrorHandler()
    if util.is_canceled(feedback):
        raise Cancelled(tr("Cancelled."))
    if out is None:
        return False
    out = None
    con = sqlite3.connect(raw, isolation_level=None)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'env'").fetchone():
            return False  # a GDAL without SpatiaLite's ST_IsValid: the page path checks each geometry
        if not _checked(con, spool, total):
            return False
        con.close()
        _start_rtree(spool, raw)
        return _fill(spool, raw, fields, local.key)
    except sqlite3.Error as exc:  # e.g. the disk is full: an OSError for the caller
        spool.error = OSError(str(exc))
        raise spool.error from None
    finally:
        con.close()


def _checked(con, spool, total: int) -> bool:
    """Repair (or drop) the invalid geometries of the copy with ``validity.checked``; False when a
    row is not what this path expects (a header without an xy envelope, an empty geometry, a
    validity GEOS could not tell, or the copy is short)."""
    count = con.execute("SELECT COUNT(*) FROM raw").fetchone()[0]
    odd = "SELECT COUNT(*) FROM env WHERE flags != '03' OR v IS NULL OR v NOT IN (0, 1)"
    if count != total or con.execute(odd).fetchone()[0]:
        return False
    codes = ", ".join(f"'{code:02X}000000'" for code in sorted(set(_TYPES.values())))
    if con.execute(f"SELECT COUNT(*) FROM env WHERE wkb_type NOT IN ({codes})").fetchone()[0]:
        return False
    con.execute("BEGIN")
    for (trigger,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f"DROP TRIGGER {_quote(trigger)}")  # OGR's: they call its SQL functions
    for fid, blob in con.execute("SELECT r.fid, r.geom FROM raw AS r JOIN env AS e USING (fid) "
                                 "WHERE e.v = 0").fetchall():
        geometry = QgsGeometry()
        geometry.fromWkb(bytes(blob[40:]))
        fixed, state = validity.checked(geometry)
        if fixed is None:
            con.execute("DELETE FROM env WHERE fid = ?", (fid,))
            spool.skip_reasons[validity.SKIP_REASON] = spool.skip_reasons.get(validity.SKIP_REASON, 0) + 1
            continue
        wkb = fixed.asWkb().data()
        box = fixed.boundingBox()
        x0, x1, y0, y1 = box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum()
        con.execute("UPDATE raw SET geom = ? WHERE fid = ?", (_GP_HEADER.pack(b"GP", 0, 3, 0, x0, x1, y0, y1) + wkb,
                                                              fid))
        con.execute("UPDATE env SET x0 = ?, x1 = ?, y0 = ?, y1 = ?, rep = 1, wkb_type = ? WHERE fid = ?",
                    (x0, x1, y0, y1, wkb[1:5].hex().upper(), fid))
    con.execute("COMMIT")
    no_geometry = total - con.execute("SELECT COUNT(*) FROM env").fetchone()[0] \
        - sum(spool.skip_reasons.values())
    if no_geometry:
        spool.skip_reasons["no geometry"] = spool.skip_reasons.get("no geometry", 0) + no_geometry
    spool.skipped = sum(spool.skip_reasons.values())
    spool.seen = total
    for code, n in con.execute("SELECT wkb_type, COUNT(*) FROM env GROUP BY wkb_type"):
        flat = int.from_bytes(bytes.fromhex(code), "little") if code else 0
        if flat:
            spool.geom_types.add(flat)
            family = geomtypes.family(flat)
            spool.families[family] = spool.families.get(family, 0) + n
    return True


def _fill(spool, raw: str, fields, key: str) -> bool:
    """The checked copy into the spool's table, one ``INSERT … SELECT``."""
    con = spool.con
    con.execute("COMMIT")  # ATTACH is not allowed inside a transaction
    con.execute("ATTACH DATABASE ? AS raw", (raw,))
    try:
        con.execute("BEGIN")
        columns = []
        for name, kind in fields:
            spool.kinds[name] = kind if con.execute(
                f"SELECT 1 FROM raw.raw WHERE {_quote(name)} IS NOT NULL LIMIT 1").fetchone() else None
            if kind == "real":
                spool.had_real.add(name)
            column = spool.columns[name] = f"c{len(spool.columns)}"
            con.execute(f"ALTER TABLE s ADD COLUMN {column}")
            columns.append(column)
        types = " ".join(f"WHEN '{code:02X}000000' THEN {code}" for code in sorted(set(_TYPES.values())))
        families = " ".join(f"WHEN '{code:02X}000000' THEN {geomtypes.family(code)}"
                            for code in sorted(set(_TYPES.values())))
        values = "".join(f", r.{_quote(name)}" for name, _kind in fields)
        con.execute(f"INSERT INTO s (id, g, t, fam, rep, x0, x1, y0, y1{''.join(', ' + c for c in columns)}) "
                    f"SELECT CAST(r.{SOURCE_FID} AS TEXT), r.geom, CASE e.wkb_type {types} END, "
                    f"CASE e.wkb_type {families} END, e.rep, e.x0, e.x1, e.y0, e.y1{values} "
                    "FROM raw.raw AS r JOIN raw.env AS e USING (fid) ORDER BY r.fid")
        con.execute("COMMIT")
    finally:
        con.execute("DETACH DATABASE raw")
    spool.count = con.execute("SELECT COUNT(*) FROM s").fetchone()[0]
    spool.repaired = con.execute("SELECT COUNT(*) FROM s WHERE rep = 1").fetchone()[0]
    con.execute("BEGIN")
    spool.hash.update(("layer:" + key + "|" + repr(sorted(spool.kinds.items(), key=str))).encode("utf-8"))
    spool.hash.update(repr(sorted(spool.skip_reasons.items())).encode("utf-8"))
    return True



class _EnvelopeRtree(threading.Thread):
    """The spool's R-tree (``spool.rtree``: ``finish()``, ``put()``) built from the copy's envelopes
    in the background while the spool and the cached copy are written; its ids are the spool's
    rows (the envelopes in order of the copy's fids)."""

    def __init__(self, path: str, raw: str):
        super().__init__(name="regionplan-rtree", daemon=True)
        self.path, self.raw = path, raw
        self.done = False

    def run(self) -> None:
        con = None
        try:
            con = new_rtree(self.path)
            con.execute("ATTACH DATABASE ? AS raw", (self.raw,))
            con.execute("BEGIN")
            con.execute("INSERT INTO rt SELECT ROW_NUMBER() OVER (ORDER BY fid), x0, x1, y0, y1 FROM raw.env")
            con.execute("COMMIT")
            self.done = True
        except sqlite3.Error:
            self.done = False  # the writer then fills the R-tree itself
        finally:
            if con is not None:
                con.close()

    def put(self, _rows) -> None:
        pass

    def end(self) -> None:
        pass

    def finish(self) -> bool:
        if self.is_alive():
            self.join()
        return self.done


def _start_rtree(spool, raw: str) -> None:
    """Replace the spool's (unfed) R-tree builder by one that reads the copy's envelopes."""
    if spool.rtree is not None:
        spool.rtree.finish()
    path = spool.path + RTREE_SUFFIX
    if os.path.exists(path):
        os.unlink(path)
    spool.rtree = _EnvelopeRtree(path, raw)
    spool.rtree.start()
