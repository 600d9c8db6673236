"""Run the reference OGC API - Features service (pygeoapi) on the demo data, and serve the
demo's download source (``resources/service/downloads/``) as plain files under ``/downloads/``.

Run with the service venv (never QGIS's Python)::

    .venv-service/bin/python scripts/serve.py --port 5000 [--host 127.0.0.1]

It writes a temporary pygeoapi configuration from ``resources/service/pygeoapi-config.yml``
with the server URL and the absolute data folder filled in (the collections are served by
pygeoapi's SQLite/GeoPackage provider from ``data/orebro_service.gpkg`` through
``resources/service/regionplan_sqlite.py``), generates the OpenAPI document
pygeoapi needs, and serves pygeoapi's Flask app with a threaded werkzeug server until
SIGTERM or SIGINT. Nothing here needs the internet.
"""

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVICE_DIR = os.path.join(ROOT, "resources", "service")


class _Stop(Exception):
    pass


def _raise_stop(_signum, _frame):
    raise _Stop()


def _watch_parent():
    """Send ourselves SIGTERM when our parent dies (a killed test run leaves no server behind)."""
    import threading
    import time

    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def write_config(template_path, data_dir, host, port, out_dir):
    with open(template_path, encoding="utf-8") as fh:
        text = fh.read()
    url_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    text = (text.replace("@SERVER_URL@", f"http://{url_host}:{port}")
            .replace("@BIND_HOST@", host)
            .replace("@BIND_PORT@", str(port))
            .replace("@DATA_DIR@", os.path.abspath(data_dir)))
    config_path = os.path.join(out_dir, "pygeoapi-config.yml")
    with open(config_path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return config_path


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve the Regionplan demo data with pygeoapi.")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--config", default=os.path.join(SERVICE_DIR, "pygeoapi-config.yml"),
                        help="pygeoapi configuration template")
    parser.add_argument("--data-dir", default=os.path.join(SERVICE_DIR, "data"),
                        help="folder of orebro_service.gpkg (and the <collection>.geojson files)")
    parser.add_argument("--downloads-dir", default=os.path.join(SERVICE_DIR, "downloads"),
                        help="folder served as plain files under /downloads/ (the demo's download source)")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="stop when the process that started this one ends (used by the tests)")
    args = parser.parse_args(argv)
    if args.exit_with_parent:
        _watch_parent()

    workdir = tempfile.mkdtemp(prefix="regionplan-pygeoapi-")
    try:
        config_path = write_config(args.config, args.data_dir, args.host, args.port, workdir)
        openapi_path = os.path.join(workdir, "openapi.json")
        os.environ["PYGEOAPI_CONFIG"] = config_path
        os.environ["PYGEOAPI_OPENAPI"] = openapi_path
        if SERVICE_DIR not in sys.path:  # the provider module regionplan_sqlite
            sys.path.insert(0, SERVICE_DIR)
        from pathlib import Path

        from pygeoapi.openapi import generate_openapi_document

        with open(openapi_path, "w", encoding="utf-8") as fh:
            fh.write(generate_openapi_document(Path(config_path), "json"))

        from pygeoapi.flask_app import APP  # reads PYGEOAPI_CONFIG / PYGEOAPI_OPENAPI on import
        from werkzeug.middleware.shared_data import SharedDataMiddleware
        from werkzeug.serving import make_server

        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        app = APP
        if os.path.isdir(args.downloads_dir):  # plain files, as a static server serves them (ETag, no ranges)
            app = SharedDataMiddleware(APP, {"/downloads": os.path.abspath(args.downloads_dir)})
        server = make_server(args.host, args.port, app, threaded=True)
        signal.signal(signal.SIGTERM, _raise_stop)
        signal.signal(signal.SIGINT, _raise_stop)
        print(f"pygeoapi serving http://{args.host}:{args.port}/", flush=True)
        try:
            server.serve_forever()
        except _Stop:
            pass
        finally:
            server.server_close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
