"""pygeoapi provider of the reference service: pygeoapi's SQLite/GeoPackage provider, made to
answer exactly like the GeoJSON provider it replaces.

pygeoapi's GeoJSON provider parses the whole file on every request (4.6 s a page at 100,000
features); ``SQLiteGPKG`` reads only the rows a request asks for. Two differences are
smoothed over here (configured as ``name: regionplan_sqlite.RegionplanGPKGProvider``;
``scripts/serve.py`` puts this folder on ``sys.path``):

- coordinates are written with 7 decimals, as in the GeoJSON files;
- the GeoPackage's integer primary key (``fid``) is not sent as a property: the feature id
  is the text column named by ``id_field`` (``id``), as in the GeoJSON files;
- items pages carry ``numberMatched`` (a ``COUNT(*)`` with the same filter), so pygeoapi
  sends no ``rel=next`` link after the last page, as with the GeoJSON provider.

Everything else (bbox, ``limit``/``offset``, ``crs=`` through ``storage_crs``) is pygeoapi's.
"""

from pygeoapi.provider.sqlite import SQLiteGPKGProvider

PRIMARY_KEY = "fid"
DECIMALS = 7


class RegionplanGPKGProvider(SQLiteGPKGProvider):
    def __init__(self, provider_def):
        super().__init__(provider_def)
        geojson = f"AsGeoJSON({self.geom_col})"
        columns = [c for c in self.columns.split(",") if c not in (PRIMARY_KEY, geojson)]
        # 7 decimals, as the GeoJSON files (SpatiaLite's default 15 would print 59.27929919999999)
        self.columns = ",".join(columns + [f'AsGeoJSON({self.geom_col}, {DECIMALS}) AS "{geojson}"'])
        self._fields.pop(PRIMARY_KEY, None)

    def query(self, offset=0, limit=10, resulttype="results", bbox=[], datetime_=None,  # noqa: B006
              properties=[], sortby=[], select_properties=[], skip_geometry=False,  # noqa: B006
              q=None, **kwargs):
        result = super().query(offset=offset, limit=limit, resulttype=resulttype, bbox=bbox,
                               datetime_=datetime_, properties=properties, sortby=sortby,
                               select_properties=select_properties, skip_geometry=skip_geometry,
                               q=q, **kwargs)
        if resulttype != "hits":
            hits = super().query(resulttype="hits", bbox=bbox, properties=properties)
            result["numberMatched"] = hits["numberMatched"]
        return result
