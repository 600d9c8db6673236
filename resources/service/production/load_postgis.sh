#!/bin/sh
# Publish the region's layers into PostGIS (Debian: apt-get install postgresql postgis gdal-bin).
# One table per collection, CRS84 (EPSG:4326, lon/lat), a text column "id" with the feature id,
# geometry column "geom" with a GiST index. Run as a user that may write schema "publicering";
# pygeoapi connects as the read-only role "pygeoapi".
#   ./load_postgis.sh regiondata /path/to/orebro_service.gpkg
# Once, as postgres:
#   createdb regiondata; psql regiondata -c 'CREATE EXTENSION postgis'
#   psql regiondata -c "CREATE SCHEMA publicering; CREATE ROLE pygeoapi LOGIN PASSWORD '...';
#     GRANT USAGE ON SCHEMA publicering TO pygeoapi;
#     ALTER DEFAULT PRIVILEGES IN SCHEMA publicering GRANT SELECT ON TABLES TO pygeoapi"
set -eu
DB=$1
SRC=$2
for layer in $(ogrinfo -ro -q "$SRC" | sed -n 's/^[0-9]*: \([^ ]*\).*/\1/p'); do
    ogr2ogr -f PostgreSQL "PG:dbname=$DB" "$SRC" "$layer" -nln "publicering.$layer" -overwrite \
        -t_srs EPSG:4326 -lco GEOMETRY_NAME=geom -lco FID=fid -lco SPATIAL_INDEX=GIST
    # "id" is the key: pygeoapi orders item pages by id_field (an index, not a sort per page), and
    # the integer fid would otherwise be served as a property.
    psql -q -d "$DB" -c "ALTER TABLE publicering.$layer DROP COLUMN fid;
        ALTER TABLE publicering.$layer ADD PRIMARY KEY (id); ANALYZE publicering.$layer"
done
