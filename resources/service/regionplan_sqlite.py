"""pygeoapi provider of the reference service: pygeoapi's SQLite/GeoPackage provider, made to
answer exactly like the GeoJSON provider it replaces, and safe under concurrent requests.

pygeoapi's GeoJSON provider parses the whole file on every request (4.6 s a page at 100,000
features); ``SQLiteGPKG`` reads only the rows a request asks for. Configured as
``name: regionplan_sqlite.RegionplanGPKGProvider`` (``scripts/serve.py`` puts this folder on
``sys.path``; under gunicorn set ``PYTHONPATH``). What differs from pygeoapi 0.21's
``SQLiteGPKGProvider``:

- the GeoPackage is opened **read-only**; geometries are read with ``GeomFromGPB()``.
  pygeoapi's ``AutoGPKGStart()`` creates ``vgpkg_*`` virtual tables,
  i.e. it writes into the served file, and fails (HTTP 500) when two requests open the file
  at the same time;
- one connection per thread and file, kept between requests (no SpatiaLite load per request);
- a ``bbox`` goes through the GeoPackage's R-tree index (``rtree_<table>_<geom>``) before the
  exact ``Intersects`` (with the table's SRID and ``= 1``: with pygeoapi's SRID-less ``BuildMbr``
  ``Intersects`` answers -1, which SQLite takes as true): a bbox page no longer scans the whole
  table and returns the same features as the GeoJSON provider (shapely ``intersects``);
- coordinates are written with 7 decimals, as in the GeoJSON files (SpatiaLite's default
  would print ``59.27929919999999`` for ``59.2792992``), an integral one as ``15.0``;
- the GeoPackage's integer primary key (``fid``) is not sent as a property: the feature id
  is the text column named by ``id_field`` (``id``), as in the GeoJSON files;
- items pages carry ``numberMatched`` (a ``COUNT(*)`` with the same filter), so pygeoapi
  sends no ``rel=next`` link after the last page, as with the GeoJSON provider;
- pages are ``ORDER BY fid LIMIT ? OFFSET ?`` without pygeoapi's ``DISTINCT``, which computed
  (and encoded) every skipped row: the last pages of a download were the slowest.

``limit``/``offset``, properties filters and ``crs=`` (through ``storage_crs``) are pygeoapi's.
"""

import json
import os
import sqlite3
import threading

from pygeoapi.plugin import InvalidPluginError
from pygeoapi.provider.base import ProviderConnectionError, ProviderItemNotFoundError
from pygeoapi.provider.sqlite import SPATIALITE_EXTENSION, SQLiteGPKGProvider
from pygeoapi.util import crs_transform

PRIMARY_KEY = "fid"
DECIMALS = 7
_LOCAL = threading.local()


def _connection(path):
    """A read-only connection to ``path`` with SpatiaLite loaded, one per thread."""
    conns = getattr(_LOCAL, "conns", None)
    if conns is None:
        conns = _LOCAL.conns = {}
    conn = conns.get(path)
    if conn is None:
        if not os.path.exists(path):
            raise InvalidPluginError(f"{path} does not exist")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            conn.enable_load_extension(True)
            conn.execute(f"SELECT load_extension('{SPATIALITE_EXTENSION}')")
        except (AttributeError, sqlite3.OperationalError) as err:
            conn.close()
            raise ProviderConnectionError(f"SpatiaLite: {err}") from err
        conns[path] = conn
    return conn


class RegionplanGPKGProvider(SQLiteGPKGProvider):
    def _SQLiteGPKGProvider__load(self):  # replaces the private loader (name-mangled)
        conn = _connection(self.data)
        cursor = conn.cursor()
        self.application_id = cursor.execute("PRAGMA application_id").fetchone()[0]
        row = cursor.execute("SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?",
                             (self.table,)).fetchone()
        if row is None:
            raise ProviderConnectionError(f"no geometry column for table {self.table}")
        self.geom_col, self.srs_id = row[0], int(row[1])
        names = [r[1] for r in cursor.execute(f'PRAGMA table_info("{self.table}")').fetchall()]
        if self.id_field not in names:
            raise InvalidPluginError(f"id_field {self.id_field} not in {self.table}")
        geojson = f"AsGeoJSON({self.geom_col})"
        columns = [f'"{n}"' for n in names if n not in (PRIMARY_KEY, self.geom_col)]
        self.columns = ",".join(columns + [f'AsGeoJSON(GeomFromGPB("{self.geom_col}"), {DECIMALS}) AS "{geojson}"'])
        rtree = f"rtree_{self.table}_{self.geom_col}"
        self.rtree = rtree if cursor.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                                             (rtree,)).fetchone() else None
        return cursor

    def get_fields(self):
        fields = super().get_fields()
        fields.pop(PRIMARY_KEY, None)
        fields.pop(self.id_field, None)  # the feature id, not a property (as with GeoJSON)
        return fields

    def _SQLiteGPKGProvider__get_where_clauses(self, properties=[], bbox=[]):  # noqa: B006
        clauses, values = [], ()
        for key, value in properties:
            clauses.append(f'"{key}" = ?')
            values += (value,)
        if bbox:
            if self.rtree:
                clauses.append(f'"{PRIMARY_KEY}" IN (SELECT id FROM "{self.rtree}" WHERE minx <= ? AND maxx >= ? '
                               "AND miny <= ? AND maxy >= ?)")
                values += (bbox[2], bbox[0], bbox[3], bbox[1])
            # "= 1": Intersects() answers -1 (true for SQLite) on an error, e.g. SRIDs that differ
            clauses.append(f'Intersects(GeomFromGPB("{self.geom_col}"), BuildMbr(?, ?, ?, ?, {self.srs_id})) = 1')
            values += tuple(bbox)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", values

    @crs_transform
    def query(self, offset=0, limit=10, resulttype="results", bbox=[], datetime_=None,  # noqa: B006
              properties=[], sortby=[], select_properties=[], skip_geometry=False,  # noqa: B006
              q=None, **kwargs):
        where, values = self._SQLiteGPKGProvider__get_where_clauses(properties=properties, bbox=bbox)
        hits = self.cursor.execute(f'SELECT COUNT(*) FROM "{self.table}" {where}', values).fetchone()[0]
        result = {"type": "FeatureCollection", "features": [], "numberMatched": hits}
        if resulttype == "hits":
            return result
        # pygeoapi's "SELECT DISTINCT ... LIMIT ? OFFSET ?" computes every skipped row (the DISTINCT
        # needs all columns): a page at offset 99,000 encoded 99,000 geometries. Ordered by the
        # primary key (the rowid), SQLite skips rows without reading their columns.
        rows = self.cursor.execute(f'SELECT {self.columns} FROM "{self.table}" {where} '
                                   f'ORDER BY "{PRIMARY_KEY}" LIMIT ? OFFSET ?', values + (limit, offset))
        result["features"] = [self._feature(row, skip_geometry) for row in rows]
        return result

    @crs_transform
    def get(self, identifier, **kwargs):
        row = self.cursor.execute(f'SELECT {self.columns} FROM "{self.table}" WHERE "{self.id_field}" = ?',
                                  (identifier,)).fetchone()
        if row is None:
            raise ProviderItemNotFoundError(f"item {identifier} not found")
        return self._feature(row)

    def _feature(self, row, skip_geometry=False):
        props = dict(row)
        text = props.pop(f"AsGeoJSON({self.geom_col})")
        # parse_int=float: an integral coordinate stays 15.0 (the GeoJSON files' value), not 15
        geometry = None if skip_geometry or text is None else json.loads(text, parse_int=float)
        fid = props.pop(self.id_field)
        return {"type": "Feature", "geometry": geometry, "properties": props, "id": fid}
