"""The GeoPackage writer: the spool (``spool.py``) becomes the cached copy with one
``INSERT … SELECT`` inside SQLite, then the R-tree in bulk. Testable with pages in memory: no
server.

OGR creates the file, the layer and its fields (the same schema as always); the rows are copied
by SQL, each field's value converted from the spool's cells by its kind (``_value_sql``), each
geometry given the file's ``srs_id`` and, for a multi layer, wrapped as a one-part multi geometry
(2D WKB). Geometries SQL cannot convert (3D, measured, curved) are written by OGR, one by one,
as before; so is the layer's metadata."""

import json
import re
import sqlite3
import struct
from typing import Dict, List, Optional

from osgeo import gdal, ogr, osr

from .. import util
from ..errors import Cancelled
from ..i18n import tr
from .entry import LAYER, META_KEY, RESERVED, CacheEntry
from .spool import HEADER_SIZE, SIMPLE_WKB, _Spool  # noqa: F401  (_Spool: the old import path)

# the manifest (entry.fields) names the text kind "string", as it always has
_MANIFEST_KIND = {"text": "string"}
_FIELD_KIND = {"string": "text"}


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
        plan.append({"name": out, "source": source, "type": _MANIFEST_KIND.get(kind or "text", kind)})
    return plan




# a one-part multi geometry around a 2D point, line or polygon (little-endian WKB)
_MULTI_HEAD = {1: "010400000001000000", 2: "010500000001000000", 3: "010600000001000000"}
_SIMPLE = ", ".join(str(code) for code in sorted(SIMPLE_WKB))  # WKB types SQL copies


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _value_sql(column: str, kind: str, has_bool: bool) -> str:
    """The SQL giving a field of ``kind`` its value from a spool column (see ``spool.py``:
    booleans are 'true'/'false', non-finite reals their text, big integers text)."""
    if kind == "bool":
        return f"CASE {column} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END"
    if kind == "int":
        return f"CASE {column} WHEN 'true' THEN 1 WHEN 'false' THEN 0 ELSE {column} END" if has_bool else column
    if kind == "real":
        return (f"CASE WHEN typeof({column}) = 'text' THEN (CASE {column} WHEN 'true' THEN 1.0 "
                f"WHEN 'false' THEN 0.0 END) ELSE CAST({column} AS REAL) END")
    return column  # text and JSON: the column's TEXT affinity makes integers their decimal text


def _create_layer(path: str, crs_wkt: str, geom_type, plan: List[dict]) -> List[str]:
    """Create the GeoPackage, its layer and fields with OGR (no rows yet; an empty R-tree and its
    triggers); the column name of each field of ``plan``."""
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.CreateDataSource(path)
    if ds is None:
        raise OSError(gdal.GetLastErrorMsg() or "cannot create " + path)
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    layer = ds.CreateLayer(LAYER, srs, geom_type, ["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES"])
    if layer is None:
        raise OSError(gdal.GetLastErrorMsg() or "cannot create layer")
    if layer.CreateField(ogr.FieldDefn("rp_id", ogr.OFTString)) != 0:
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
    names = [layer_defn.GetFieldDefn(layer_defn.GetFieldIndex(item["name"])).GetName() for item in plan]
    ds.FlushCache()
    layer = None
    ds = None
    return names


def _copy_rows(path: str, spool: _Spool, plan: List[dict], names: List[str], family: Optional[int],
               force: bool, feedback) -> tuple:
    """Copy the spooled rows of ``family`` (None: all) into the layer by SQL; ``(written,
    repaired)``. Rows whose geometry SQL cannot convert get none here (``_exotic_rows``)."""
    con = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        con.execute("PRAGMA synchronous=OFF")
        con.execute("ATTACH DATABASE ? AS sp", (spool.path,))
        pending = spool.rtree_pending()  # perhaps still being built: waited for after the INSERT
        if pending is not None:
            con.execute("ATTACH DATABASE ? AS rt", (pending,))
        srs_id = con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)",
                             (LAYER,)).fetchone()[0]
        con.execute("BEGIN")  # deferred: the R-tree's file is not locked here (its builder may be writing it)
        for item in plan:  # a real in a text field: Python's text of it, as fieldtypes.to_text gives
            column = spool.columns[item["source"]]
            if item["type"] == "string" and item["source"] in spool.had_real:
                fixes = [(str(value), rowid) for rowid, value in
                         con.execute(f"SELECT rowid, {column} FROM sp.s WHERE typeof({column}) = 'real'")]
                con.executemany(f"UPDATE sp.s SET {column} = ? WHERE rowid = ?", fixes)
        where = "WHERE s.fam = :family" if family is not None else ""
        srs = struct.pack("<i", int(srs_id)).hex()
        head = f"substr(s.g, 1, 4) || x'{srs}' || substr(s.g, 9, {HEADER_SIZE - 8})"
        body = f"substr(s.g, {HEADER_SIZE + 1})"
        if force:
            wrap = " ".join(f"WHEN {code} THEN x'{hexa}'" for code, hexa in _MULTI_HEAD.items())
            body = f"CASE s.t {wrap} ELSE x'' END || {body}"
        geom = f"CASE WHEN s.t IN ({_SIMPLE}) THEN CAST({head} || {body} AS BLOB) END"  # || gives text
        values = [_value_sql("s." + spool.columns[item["source"]], item["type"], item["source"] in spool.bools)
                  for item in plan]
        targets = ", ".join(["fid", "geom", "rp_id"] + [_quote(name) for name in names])
        triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                               "lower(tbl_name) = lower(?) AND sql IS NOT NULL", (LAYER,)).fetchall()
        written, repaired = con.execute(f"SELECT COUNT(*), TOTAL(s.rep) FROM sp.s AS s {where}",
                                        {"family": family}).fetchone()
        whole = written == spool.count  # every spooled row is written: its fid is its rowid
        for name, _sql in triggers:  # feature count and R-tree: the count is set once, the R-tree filled below
            con.execute(f"DROP TRIGGER {_quote(name)}")
        fid = "s.rowid" if whole else "ROW_NUMBER() OVER (ORDER BY s.rowid)"
        con.execute(f"INSERT INTO {_quote(LAYER)} ({targets}) SELECT {fid}, "
                    f"{geom}, s.id{''.join(', ' + v for v in values)} FROM sp.s AS s {where} ORDER BY s.rowid",
                    {"family": family})
        if util.is_canceled(feedback):
            raise Cancelled(tr("Cancelled."))
        built = spool.rtree_path() if pending is not None else None  # waits for the builder
        _fill_rtree(con, where, family, built is not None and whole)
        # the extent of the rows written here; OGR adds that of the others as it writes them
        x0, y0, x1, y1 = con.execute(
            f"SELECT MIN(s.x0), MIN(s.y0), MAX(s.x1), MAX(s.y1) FROM sp.s AS s {where} "
            f"{'AND' if where else 'WHERE'} s.t IN ({_SIMPLE})", {"family": family}).fetchone()
        for _name, sql in triggers:
            con.execute(sql)
        con.execute("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)",
                    (written, LAYER))
        if x0 is not None:
            con.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
                        "WHERE lower(table_name) = lower(?)", (x0, y0, x1, y1, LAYER))
        con.execute("COMMIT")
    except sqlite3.Error as exc:
        raise OSError(str(exc)) from None
    finally:
        con.close()
    return written, int(repaired)


def _fill_rtree(con, where: str, family: Optional[int], built: bool) -> None:
    """Fill the layer's (empty) R-tree: a copy of the one the spool built in the background
    (``built``: attached as ``rt``, and the fids are the spool's rows), else row by row from the
    spooled envelopes. Rows with no geometry yet (``_exotic_rows``) get theirs from OGR's
    update trigger. A copy that SQLite's ``rtreecheck`` does not pass is not kept."""
    name = f"rtree_{LAYER}_geom"
    if built:
        con.execute("SAVEPOINT rtree_copy")
        try:
            for part in ("node", "parent", "rowid"):
                con.execute(f"DELETE FROM {_quote(name + '_' + part)}")
                con.execute(f"INSERT INTO {_quote(name + '_' + part)} SELECT * FROM rt.{_quote('rt_' + part)}")
            if con.execute("SELECT rtreecheck('main', ?)", (name,)).fetchone()[0] == "ok":
                con.execute("RELEASE rtree_copy")
                return
        except sqlite3.Error:
            pass
        con.execute("ROLLBACK TO rtree_copy")
        con.execute("RELEASE rtree_copy")
    con.execute(f"INSERT INTO {_quote(name)} SELECT n, x0, x1, y0, y1 FROM (SELECT ROW_NUMBER() OVER (ORDER BY "
                f"s.rowid) AS n, s.x0, s.x1, s.y0, s.y1, s.t FROM sp.s AS s {where}) WHERE t IN ({_SIMPLE})",
                {"family": family})


def _exotic_rows(spool: _Spool, family: Optional[int]):
    """``(fid, WKB)`` of the written rows whose geometry SQL did not convert."""
    con = sqlite3.connect(spool.path)
    try:
        where = "WHERE fam = ?" if family is not None else ""
        query = (f"SELECT n, substr(g, {HEADER_SIZE + 1}) FROM (SELECT ROW_NUMBER() OVER (ORDER BY rowid) AS n, "
                 f"g, t FROM s {where}) WHERE t NOT IN ({_SIMPLE})")
        yield from con.execute(query, (family,) if family is not None else ())
    finally:
        con.close()


def _finish(path: str, spool: _Spool, entry: CacheEntry, family: Optional[int], force) -> None:
    """With OGR: the geometries SQL did not write (the R-tree's triggers index them), the entry
    as metadata."""
    ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    if ds is None:
        raise OSError(gdal.GetLastErrorMsg() or "cannot open " + path)
    layer = ds.GetLayerByName(LAYER)
    if ds.StartTransaction() != 0:
        raise OSError(gdal.GetLastErrorMsg())
    for fid, wkb in _exotic_rows(spool, family):
        feature = layer.GetFeature(fid)
        geom = ogr.CreateGeometryFromWkb(bytes(wkb))
        if geom is not None and force is not None:
            geom = force(geom)
        feature.SetGeometryDirectly(geom)
        if layer.SetFeature(feature) != 0:
            raise OSError(gdal.GetLastErrorMsg() or "write failed")
    if ds.CommitTransaction() != 0:
        raise OSError(gdal.GetLastErrorMsg() or "commit failed")
    layer.SetMetadataItem(META_KEY, json.dumps(entry.to_dict(), ensure_ascii=False))
    ds.FlushCache()
    layer = None
    ds = None


def _write_gpkg(path: str, spool: _Spool, entry: CacheEntry, feedback, crs_wkt: str) -> None:
    """Write the spooled features to a new GeoPackage at ``path`` in the CRS ``crs_wkt`` (the
    WKT of ``entry.crs``); fills ``entry``'s fields, geometry type, counts and embeds it."""
    spool.close(wait=False)
    if spool.error is not None:
        raise spool.error
    geom_type, force = spool.layer_type()
    plan = _field_plan(spool.kinds)
    entry.fields = plan
    entry.geometry_type = ogr.GeometryTypeToName(geom_type)
    family = spool.dominant_family()
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        gdal.ErrorReset()
        names = _create_layer(path, crs_wkt, geom_type, plan)
        util.set_progress(feedback, 82)
        written, entry.repaired = _copy_rows(path, spool, plan, names, family, force is not None, feedback)
        util.set_progress(feedback, 92)
        entry.feature_count = written
        other = spool.count - written  # a geometry type that does not belong to the collection
        if other:
            reason = "geometry type differs from the collection"
            entry.skipped += other
            entry.skip_reasons[reason] = entry.skip_reasons.get(reason, 0) + other
        _finish(path, spool, entry, family, force)
        if gdal.GetLastErrorType() >= gdal.CE_Failure and gdal.GetLastErrorMsg():
            raise OSError(gdal.GetLastErrorMsg())
    finally:
        gdal.PopErrorHandler()
