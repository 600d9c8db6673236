"""A small, fast OGC API - Features server for the caching benchmark (loopback only).

Serves generated polygon collections (the same generator as ``gen_data.py``) from
pre-serialised GeoJSON kept in memory, so that the server is never the bottleneck of
the comparison: ``/``, ``/conformance``, ``/collections``, ``/collections/{id}``,
``/collections/{id}/items?limit=&offset=&crs=`` with ``next`` links, ``numberMatched``,
``Content-Crs`` and a strong ``ETag``. CRS: CRS84 (lon, lat) and EPSG:3006 (Part 2;
northing, easting as the CRS defines).

``python bench/oapi_server.py '{"port": 0, "collections": {"bench_100k": 100000}}'``
prints ``LISTENING <port>`` once it serves.
"""

import hashlib
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import gen_data  # noqa: E402

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG3006 = "http://www.opengis.net/def/crs/EPSG/0/3006"
MAX_LIMIT = 10000


def _features(count: int, seed: int):
    """(id, properties, ring in EPSG:3006 x/y, ring in CRS84 lon/lat) per feature."""
    from osgeo import osr

    src = osr.SpatialReference()
    src.ImportFromEPSG(3006)
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(4326)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(src, dst)
    for index, ring, rng in gen_data._generated_polygons(count, seed=seed):
        lonlat = [(p[0], p[1]) for p in transform.TransformPoints(ring)]
        props = {"namn": f"Område {index + 1}", "klass": gen_data.KLASSER[index % 3], "ar": 2020 + index % 11,
                 "varde": round(rng.uniform(0, 100), 3)}
        yield f"{index + 1}", props, ring, lonlat


def _feature_json(fid, props, coords, swap: bool) -> str:
    if swap:
        text = ",".join(f"[{y:.2f},{x:.2f}]" for x, y in coords)
    else:
        text = ",".join(f"[{x:.7f},{y:.7f}]" for x, y in coords)
    geometry = '{"type":"Polygon","coordinates":[[' + text + "]]}"
    return ('{"type":"Feature","id":' + json.dumps(fid) + ',"geometry":' + geometry
            + ',"properties":' + json.dumps(props, ensure_ascii=False) + "}")


class Store:
    def __init__(self, collections: dict):
        self.collections = {}
        for cid, count in collections.items():
            by_crs = {"crs84": [], "3006": []}
            for fid, props, ring, lonlat in _features(int(count), seed=int(count) + 11):
                by_crs["crs84"].append(_feature_json(fid, props, lonlat, False))
                by_crs["3006"].append(_feature_json(fid, props, ring, True))
            digest = hashlib.sha256("".join(by_crs["3006"][:50]).encode()).hexdigest()[:16]
            self.collections[cid] = {"count": int(count), "features": by_crs, "etag": f'"{cid}-{digest}"'}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    store: Store = None

    def log_message(self, fmt, *args):
        if os.environ.get("BENCH_SERVER_LOG"):
            sys.stderr.write("bench-server: " + (fmt % args) + "\n")

    def _send(self, status: int, body: bytes, ctype="application/json", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, obj, headers=None, ctype="application/json"):
        self._send(200, json.dumps(obj).encode("utf-8"), ctype, headers)

    def _base(self) -> str:
        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_address[1]}"
        return "http://" + host

    def _collection_doc(self, cid: str) -> dict:
        base = self._base()
        return {
            "id": cid,
            "title": cid,
            "description": "Generated polygons for the Regionplan benchmark",
            "keywords": ["theme:bench", "kind:knowledge"],
            "extent": {"spatial": {"bbox": [[14.0, 58.6, 16.4, 59.6]], "crs": CRS84}},
            "crs": [CRS84, EPSG3006],
            "storageCrs": EPSG3006,
            "itemType": "feature",
            "links": [
                {"rel": "self", "type": "application/json", "href": f"{base}/collections/{cid}?f=json"},
                {"rel": "items", "type": "application/geo+json", "href": f"{base}/collections/{cid}/items?f=json"},
            ],
        }

    def _openapi(self) -> dict:
        limit = {"name": "limit", "in": "query", "required": False,
                 "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 10}}
        paths = {}
        for cid in self.store.collections:
            paths[f"/collections/{cid}/items"] = {"get": {"parameters": [limit], "responses": {"200": {
                "description": "features"}}}}
        return {"openapi": "3.0.2", "info": {"title": "Regionplan bench service", "version": "1"},
                "servers": [{"url": self._base()}], "paths": paths}

    def do_HEAD(self):  # noqa: N802
        self.do_GET()

    def do_GET(self):  # noqa: N802
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        path = parts.path.rstrip("/")
        base = self._base()
        store = self.store
        if path in ("", "/"):
            return self._json({
                "title": "Regionplan bench service",
                "links": [
                    {"rel": "self", "type": "application/json", "href": f"{base}/?f=json"},
                    {"rel": "conformance", "type": "application/json", "href": f"{base}/conformance?f=json"},
                    {"rel": "data", "type": "application/json", "href": f"{base}/collections?f=json"},
                    {"rel": "service-desc", "type": "application/vnd.oai.openapi+json;version=3.0",
                     "href": f"{base}/api?f=json"},
                ],
            })
        if path == "/api":
            return self._json(self._openapi(), ctype="application/vnd.oai.openapi+json;version=3.0")
        if path == "/conformance":
            return self._json({"conformsTo": [
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            ]})
        if path == "/collections":
            return self._json({"collections": [self._collection_doc(c) for c in store.collections],
                               "links": [{"rel": "self", "href": f"{base}/collections?f=json"}]})
        pieces = path.split("/")
        if len(pieces) >= 3 and pieces[1] == "collections" and pieces[2] in store.collections:
            cid = pieces[2]
            if len(pieces) == 3:
                return self._json(self._collection_doc(cid))
            if len(pieces) == 4 and pieces[3] == "items":
                return self._items(cid, query)
        self._send(404, b'{"code":"NotFound"}')

    def _items(self, cid: str, query: dict):
        coll = self.store.collections[cid]
        etag = coll["etag"]
        try:
            limit = max(1, min(MAX_LIMIT, int(query.get("limit", 10))))
            offset = max(0, int(query.get("offset", 0)))
        except ValueError:
            return self._send(400, b'{"code":"InvalidParameterValue"}')
        crs = query.get("crs", CRS84)
        if crs not in (CRS84, EPSG3006):
            return self._send(400, b'{"code":"InvalidParameterValue","description":"crs"}')
        key = "3006" if crs == EPSG3006 else "crs84"
        page_etag = '"' + f"{etag.strip(chr(34))}-{key}-{offset}-{limit}" + '"'
        if self.headers.get("If-None-Match") == page_etag:
            return self._send(304, b"", headers={"ETag": page_etag})
        features = coll["features"][key][offset:offset + limit]
        links = [{"rel": "self", "type": "application/geo+json",
                  "href": f"{self._base()}/collections/{cid}/items?f=json&limit={limit}&offset={offset}"}]
        if offset + limit < coll["count"]:
            href = f"{self._base()}/collections/{cid}/items?f=json&limit={limit}&offset={offset + limit}"
            if key == "3006":
                href += "&crs=" + EPSG3006
            links.append({"rel": "next", "type": "application/geo+json", "href": href})
        body = ('{"type":"FeatureCollection","numberMatched":' + str(coll["count"]) + ',"numberReturned":'
                + str(len(features)) + ',"links":' + json.dumps(links) + ',"features":[' + ",".join(features)
                + "]}").encode("utf-8")
        self._send(200, body, "application/geo+json",
                   {"ETag": page_etag, "Content-Crs": f"<{crs}>"})


def _exit_with_parent() -> None:
    """End this server when the process that started it is gone (no server left behind)."""
    import time

    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def serve(port: int, collections: dict):
    _exit_with_parent()
    Handler.store = Store(collections)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    sys.stdout.write(f"LISTENING {server.server_address[1]}\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    finally:
        server.server_close()


class BenchServer:
    """Start the server in a child process (``with BenchServer({...}) as url:``)."""

    def __init__(self, collections: dict, python: str = None):
        self.collections = collections
        self.python = python or sys.executable
        self.proc = None
        self.url = ""

    def __enter__(self) -> str:
        import subprocess

        self.proc = subprocess.Popen(
            [self.python, os.path.abspath(__file__), json.dumps({"port": 0, "collections": self.collections})],
            stdout=subprocess.PIPE, stderr=None if os.environ.get("BENCH_SERVER_LOG") else subprocess.DEVNULL,
            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        )
        line = self.proc.stdout.readline().decode()
        if not line.startswith("LISTENING"):
            self.__exit__(None, None, None)
            raise RuntimeError("bench server did not start")
        self.url = f"http://127.0.0.1:{line.split()[1]}/"
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        return self.url

    def __exit__(self, *exc):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except Exception:  # noqa: BLE001
                self.proc.kill()
                self.proc.wait(timeout=10)
        return False


if __name__ == "__main__":
    config = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {"port": 0, "collections": {"bench_1k": 1000}}
    serve(int(config.get("port", 0)), config["collections"])
