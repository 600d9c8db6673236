"""A small OGC API - Features server on loopback for tests and benchmarks.

It serves collections from Python data (a list of features per CRS) or generated on
the fly (``count`` + ``make(i, crs)``), with offset paging, optional ETags and
conditional requests (304), ``Content-Crs`` and an optional delay per page. It records
every request path so tests can assert what was (not) downloaded.

Runs in a thread (``with OgcServer({...}) as server: server.url``) or as a script:
``python -m tests.helpers.ogc_server --generated 200000 --port 0`` prints its URL.
"""

import argparse
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Dict, List, Optional
from urllib.parse import parse_qs, unquote, urlsplit

EPSG3006 = "http://www.opengis.net/def/crs/EPSG/0/3006"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"


@dataclass
class Collection:
    id: str
    title: str = ""
    description: str = ""
    keywords: List[str] = field(default_factory=list)
    crs: List[str] = field(default_factory=lambda: [CRS84, EPSG3006])
    features: Optional[Dict[str, list]] = None  # crs uri -> list of features
    count: int = 0
    make: Optional[Callable] = None  # make(i, crs_uri) -> feature
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    page_delay: float = 0.0
    max_limit: int = 10000
    extra: dict = field(default_factory=dict)

    def total(self) -> int:
        if self.features is not None:
            return len(next(iter(self.features.values())))
        return self.count

    def slice(self, crs: str, start: int, stop: int) -> list:
        if self.features is not None:
            feats = self.features.get(crs) or self.features.get(CRS84) or next(iter(self.features.values()))
            return feats[start:stop]
        return [self.make(i, crs) for i in range(start, min(stop, self.count))]


class OgcServer:
    def __init__(self, collections, port: int = 0):
        self.collections = {c.id: c for c in collections}
        self.requests: List[str] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                with server.lock:
                    server.requests.append(self.path)
                try:
                    server.handle(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.thread = None

    # -- lifecycle
    def start(self):
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def item_requests(self, cid=None) -> List[str]:
        with self.lock:
            return [p for p in self.requests if "/items" in p and (cid is None or "/" + cid + "/" in p)]

    # -- responses
    def send(self, handler, status, obj=None, headers=None, ctype="application/json"):
        body = b"" if obj is None else json.dumps(obj).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Connection", "close")
        handler.close_connection = True
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        if body:
            handler.wfile.write(body)

    def coll_doc(self, c: Collection) -> dict:
        doc = {
            "id": c.id,
            "title": c.title or c.id,
            "description": c.description,
            "keywords": c.keywords,
            "crs": c.crs,
            "extent": {"spatial": {"bbox": [[14.0, 58.6, 15.9, 60.2]]}},
            "links": [
                {"rel": "items", "type": "application/geo+json", "href": self.url + f"collections/{c.id}/items"},
                {"rel": "license", "type": "text/html", "title": "CC0 1.0",
                 "href": "https://creativecommons.org/publicdomain/zero/1.0/"},
            ],
        }
        doc.update(c.extra)
        return doc

    def handle(self, h):
        parts = urlsplit(h.path)
        path = unquote(parts.path).strip("/")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        segs = path.split("/") if path else []
        if not segs:
            return self.send(h, 200, {"title": "test", "links": []})
        if segs == ["conformance"]:
            return self.send(h, 200, {"conformsTo": [
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"]})
        if segs == ["collections"]:
            return self.send(h, 200, {"collections": [self.coll_doc(c) for c in self.collections.values()],
                                      "links": []})
        if segs[0] == "collections" and len(segs) >= 2:
            cid = "/".join(segs[1:-1]) if segs[-1] == "items" else "/".join(segs[1:])
            c = self.collections.get(cid)
            if c is None:
                return self.send(h, 404, {"code": "NotFound"})
            if segs[-1] != "items":
                return self.send(h, 200, self.coll_doc(c))
            return self.items(h, c, query)
        return self.send(h, 404, {"code": "NotFound"})

    def items(self, h, c: Collection, query):
        headers = {}
        if c.etag:
            headers["ETag"] = c.etag
            if h.headers.get("If-None-Match") == c.etag:
                return self.send(h, 304, None, headers)
        if c.last_modified:
            headers["Last-Modified"] = c.last_modified
            if h.headers.get("If-Modified-Since") == c.last_modified:
                return self.send(h, 304, None, headers)
        crs = query.get("crs", CRS84)
        if crs not in c.crs:
            return self.send(h, 400, {"code": "InvalidParameterValue"})
        headers["Content-Crs"] = f"<{crs}>"
        limit = min(int(query.get("limit", 10)), c.max_limit)
        offset = int(query.get("offset", 0))
        total = c.total()
        if c.page_delay:
            time.sleep(c.page_delay)
        feats = c.slice(crs, offset, offset + limit)
        links = []
        if offset + limit < total:
            nxt = f"collections/{c.id}/items?limit={limit}&offset={offset + limit}"
            if "crs" in query:
                nxt += "&crs=" + crs
            links.append({"rel": "next", "type": "application/geo+json", "href": self.url + nxt})
        obj = {"type": "FeatureCollection", "features": feats, "numberMatched": total,
               "numberReturned": len(feats), "links": links}
        return self.send(h, 200, obj, headers, "application/geo+json")


def grid_point(i: int, crs: str) -> dict:
    """Point i of a generated grid in SWEREF 99 TM (served as northing, easting for EPSG:3006)."""
    e = 480000.0 + (i % 500) * 20.0
    n = 6540000.0 + (i // 500) * 20.0
    coords = [n, e] if crs == EPSG3006 else [e, n]
    return {"type": "Feature", "id": f"p{i}",
            "geometry": {"type": "Point", "coordinates": coords},
            "properties": {"n": i, "namn": f"punkt {i}", "klass": "a" if i % 2 else "b", "v": i * 0.5}}


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--generated", type=int, default=1000)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--etag", default=None)
    args = parser.parse_args(argv)
    coll = Collection("grid", "Grid", crs=[EPSG3006], count=args.generated, make=grid_point,
                      page_delay=args.delay, etag=args.etag)
    server = OgcServer([coll], port=args.port)
    print(server.url, flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
