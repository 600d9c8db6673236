#!/bin/sh
# pygeoapi under gunicorn: (2 x cores) + 1 worker processes, a few threads each, bound to
# loopback behind nginx. Run as an unprivileged user (see pygeoapi.service).
#   PYGEOAPI_CONFIG   this folder's pygeoapi-config.yml (filled in for the region)
#   PYGEOAPI_OPENAPI  written once per config change: pygeoapi openapi generate "$PYGEOAPI_CONFIG" -f json > "$PYGEOAPI_OPENAPI"
#   PYGEOAPI_DB_PASSWORD  the database password of user pygeoapi (read-only role)
set -eu
: "${PYGEOAPI_CONFIG:?}" "${PYGEOAPI_OPENAPI:?}"
WORKERS=${WORKERS:-$(( $(nproc) * 2 + 1 ))}
exec /opt/pygeoapi/venv/bin/gunicorn \
    --workers "$WORKERS" --worker-class gthread --threads 4 \
    --bind 127.0.0.1:5000 --timeout 120 --graceful-timeout 30 \
    --max-requests 2000 --max-requests-jitter 200 \
    --access-logfile - --log-level warning \
    pygeoapi.flask_app:APP
