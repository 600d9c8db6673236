"""The few GeoPackage rules the case file needs, written with ``sqlite3`` only.

A case file is a plain GeoPackage 1.3 (application id ``GPKG``): QGIS, GDAL and any other
GeoPackage reader open it. Writing it through ``sqlite3`` directly (rather than GDAL) keeps every
change of a case inside one SQLite transaction: a write either happens whole or not at all.
No spatial index is kept (a case holds a few hundred features), so no GDAL SQL function is
needed to write to it.
"""

import sqlite3
import struct

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10300  # GeoPackage 1.3.0
SQLITE_MAGIC = b"SQLite format 3\x00"

_CORE = (
    """CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
    organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
    definition TEXT NOT NULL, description TEXT)""",
    """CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
    identifier TEXT UNIQUE, description TEXT DEFAULT '',
    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
    CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
    geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
    CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
    CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
)

_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AUTHORITY["EPSG","4326"]]'
)


def init_geopackage(conn: sqlite3.Connection, crs: QgsCoordinateReferenceSystem) -> int:
    """Make an empty database a GeoPackage whose layers use ``crs``; returns its srs_id."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    for ddl in _CORE:
        conn.execute(ddl)
    rows = [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
        ("WGS 84 geodetic", 4326, "EPSG", 4326, _WGS84_WKT, "longitude/latitude coordinates in decimal degrees"),
    ]
    auth, _, code = crs.authid().partition(":")
    srs_id = int(code) if auth.upper() == "EPSG" and code.isdigit() else 100000
    if srs_id != 4326:
        wkt = crs.toWkt(QgsCoordinateReferenceSystem.WKT1_GDAL) or crs.toWkt()
        rows.append((crs.description() or crs.authid(), srs_id, auth.upper() or "NONE",
                     srs_id, wkt, crs.authid()))
    conn.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", rows)
    return srs_id


def add_table(conn: sqlite3.Connection, name: str, columns: tuple, geometry: str = "",
              srs_id: int = 0) -> None:
    """Create a feature table (``geometry`` = a GeoPackage type name such as ``MULTIPOLYGON``)
    or an attribute table, and register it. ``columns`` are ``(name, sql type)`` pairs."""
    cols = ['"fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL']
    if geometry:
        cols.append(f'"geom" {geometry}')
    cols += [f'"{col}" {kind}' for col, kind in columns]
    conn.execute(f'CREATE TABLE "{name}" ({", ".join(cols)})')
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?,?,?,?)",
        (name, "features" if geometry else "attributes", name, srs_id if geometry else None),
    )
    if geometry:
        conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?,?,?,?,0,0)", (name, "geom", geometry, srs_id))


def geometry_blob(geometry, srs_id: int):
    """A QgsGeometry as GeoPackage binary (little endian, with its xy envelope), None for none."""
    if geometry is None or geometry.isNull():
        return None
    if geometry.isEmpty():
        return struct.pack("<2sBBi", b"GP", 0, 0b00010001, srs_id) + bytes(geometry.asWkb())
    box = geometry.boundingBox()
    header = struct.pack("<2sBBi4d", b"GP", 0, 0b00000011, srs_id,
                         box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum())
    return header + bytes(geometry.asWkb())


_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def blob_geometry(blob) -> QgsGeometry:
    """A GeoPackage binary geometry as QgsGeometry (a null geometry for None or garbage)."""
    geometry = QgsGeometry()
    if not blob or len(blob) < 8 or bytes(blob[:2]) != b"GP":
        return geometry
    flags = blob[3]
    size = _ENVELOPE_BYTES.get((flags >> 1) & 0b111)
    if size is None:
        return geometry
    geometry.fromWkb(bytes(blob[8 + size:]))
    return geometry


def update_extent(conn: sqlite3.Connection, table: str) -> None:
    """Store the table's extent in gpkg_contents (QGIS zooms to it)."""
    boxes = [blob_geometry(blob).boundingBox() for (blob,) in conn.execute(f'SELECT geom FROM "{table}"')]
    boxes = [box for box in boxes if not box.isNull()]
    if not boxes:
        return
    conn.execute(
        "UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
        "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
        (min(b.xMinimum() for b in boxes), min(b.yMinimum() for b in boxes),
         max(b.xMaximum() for b in boxes), max(b.yMaximum() for b in boxes), table),
    )
