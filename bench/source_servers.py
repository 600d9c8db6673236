"""Data and servers for the caching benchmark of the other source types (issue 18, item 1).

The same generated polygons as ``bench/oapi_server.py`` (``_features``: id, ``namn``, ``klass``,
``ar``, ``varde``), published the way each kind of server publishes them:

* ``ensure_data(count)``: ``bench/out/data/src_<label>.gpkg`` (EPSG:3006, the data behind
  MapServer), ``…geojson`` (EPSG:3006, its ``crs`` member, Koop's ``metadata.idField``) and ``…zip`` (a
  Shapefile in EPSG:3006 with ``.prj`` and ``.cpg``: what a region's download page offers);
* ``MapServerWfs(counts)``: MapServer 8 (Debian ``cgi-mapserver``) through the CGI wrapper
  of the tests (``tests/helpers/mapserver_cgi.py``), WFS 2.0.0 with result paging, layers
  ``src_<label>``, EPSG:3006 first; yields the WFS endpoint URL;
* ``KoopServer(counts)``: Koop (``tests/koop/server.js``, provider-file-geojson); yields the
  services folder URL (``<url>src_<label>/FeatureServer/0``);
* ``RangeServer(folder)``: a static HTTP/1.1 file server that honours ``Range`` (what nginx
  or Apache do, and what GDAL's ``/vsicurl/`` relies on); yields its base URL.

Every server runs in a child process that dies with this one (``PR_SET_PDEATHSIG`` /
``--exit-with-parent``) and is stopped when the ``with`` block ends.
"""

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import DATA_DIR, ROOT, ensure_dirs  # noqa: E402

DATA_VERSION = 2
KOOP_DIR = os.path.join(ROOT, "tests", "koop")
MAPSERV = "/usr/lib/cgi-bin/mapserv"


def label(count: int) -> str:
    return f"src_{count // 1000}k" if count % 1000 == 0 else f"src_{count}"


def paths(count: int, data_dir: str = DATA_DIR) -> dict:
    base = os.path.join(data_dir, label(count))
    return {"gpkg": base + ".gpkg", "geojson": base + ".geojson", "zip": base + ".zip", "stamp": base + ".json"}


def _current(count: int, data_dir: str = DATA_DIR) -> bool:
    p = paths(count, data_dir)
    try:
        with open(p["stamp"], encoding="utf-8") as handle:
            stamp = json.load(handle)
    except (OSError, ValueError):
        return False
    return stamp.get("version") == DATA_VERSION and all(os.path.exists(p[k]) for k in ("gpkg", "geojson", "zip"))


def ensure_data(count: int, log=print, data_dir: str = DATA_DIR) -> dict:
    """Write the three publications of ``count`` polygons once (in ``data_dir``); returns their paths."""
    from osgeo import gdal, ogr, osr

    from bench.oapi_server import _features

    p = paths(count, data_dir)
    if _current(count, data_dir):
        return p
    ensure_dirs()
    os.makedirs(data_dir, exist_ok=True)
    log(f"  generating {label(count)} (GeoPackage, GeoJSON, zipped Shapefile)")
    for key in ("gpkg", "geojson", "zip"):
        if os.path.exists(p[key]):
            os.remove(p[key])
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3006)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(p["gpkg"])
    layer = ds.CreateLayer(label(count), srs, ogr.wkbPolygon, ["GEOMETRY_NAME=geom", "FID=fid"])
    for name, kind in (("id", ogr.OFTInteger), ("namn", ogr.OFTString), ("klass", ogr.OFTString),
                       ("ar", ogr.OFTInteger), ("varde", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    defn = layer.GetLayerDefn()
    ds.StartTransaction()
    for fid, props, ring, _lonlat in _features(int(count), seed=int(count) + 11):
        feature = ogr.Feature(defn)
        feature.SetFID(int(fid))
        feature.SetField("id", int(fid))
        for key, value in props.items():
            feature.SetField(key, value)
        geom = ogr.Geometry(ogr.wkbPolygon)
        lin = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in ring:
            lin.AddPoint_2D(x, y)
        geom.AddGeometry(lin)
        feature.SetGeometryDirectly(geom)
        layer.CreateFeature(feature)
    ds.CommitTransaction()
    ds = layer = None
    # Koop: stored in SWEREF 99 TM as many Swedish authorities' layers are (the ``crs`` member; Koop
    # 10 reprojects every request's whole dataset in JavaScript, ≈30 s for 20,000 polygons, so a
    # layer stored in another CRS would measure Koop), the id as the metadata's idField
    gdal.VectorTranslate(p["geojson"] + ".tmp", p["gpkg"], format="GeoJSON",
                         layerCreationOptions=["COORDINATE_PRECISION=3", "RFC7946=NO"])
    with open(p["geojson"] + ".tmp", encoding="utf-8") as handle:
        doc = json.load(handle)
    os.remove(p["geojson"] + ".tmp")
    doc.pop("name", None)
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}
    doc["metadata"] = {"idField": "id", "name": label(count), "description": "Generated for the benchmark."}
    with open(p["geojson"], "w", encoding="utf-8") as handle:
        json.dump(doc, handle)
    # the download: a zipped Shapefile in EPSG:3006
    folder = tempfile.mkdtemp(prefix="regionplan-bench-shp-")
    try:
        shp = os.path.join(folder, label(count) + ".shp")
        gdal.VectorTranslate(shp, p["gpkg"], format="ESRI Shapefile", layerCreationOptions=["ENCODING=UTF-8"])
        with zipfile.ZipFile(p["zip"], "w", zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(os.listdir(folder)):
                archive.write(os.path.join(folder, name), name)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    with open(p["stamp"], "w", encoding="utf-8") as handle:
        json.dump({"version": DATA_VERSION, "count": count}, handle)
    return p


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent():
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _env():
    env = dict(os.environ)
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(var, None)
    env["no_proxy"] = "127.0.0.1,localhost"
    return env


def _wait(url: str, proc, timeout_s: float = 120.0) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}) before answering {url}")
        try:
            opener.open(url, timeout=30).read()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url}")


@contextlib.contextmanager
def _running(cmd, cwd, ready_url):
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=log, stderr=subprocess.STDOUT,
                            preexec_fn=_die_with_parent)
    try:
        try:
            _wait(ready_url, proc)
        except RuntimeError as exc:
            log.seek(0)
            raise RuntimeError(f"{exc}\n{log.read()[-2000:].decode('utf-8', 'replace')}") from None
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        log.close()


_MAP_HEAD = """MAP
  NAME "bench"
  STATUS ON
  EXTENT 13.0 58.1 17.1 60.7
  UNITS DD
  SHAPEPATH "@DATA_DIR@"
  PROJECTION
    "init=epsg:4326"
  END
  WEB
    METADATA
      "ows_title"              "Benchmark"
      "ows_enable_request"     "*"
      "oga_enable_request"     "*"
      "ows_srs"                "EPSG:3006 EPSG:4326"
      "wfs_getfeature_formatlist" "geojson"
      "ows_encoding"           "UTF-8"
      "oga_onlineresource"     "@BASE_URL@"
      "wfs_onlineresource"     "@WFS_URL@"
      "wfs_maxfeatures"        "100000000"
    END
  END
  OUTPUTFORMAT
    NAME "geojson"
    DRIVER "OGR/GEOJSON"
    MIMETYPE "application/json; subtype=geojson"
    FORMATOPTION "STORAGE=stream"
    FORMATOPTION "FORM=SIMPLE"
  END
"""

_MAP_LAYER = """  LAYER
    NAME "{name}"
    TYPE POLYGON
    STATUS ON
    CONNECTIONTYPE OGR
    CONNECTION "{file}"
    DATA "{name}"
    PROJECTION
      "init=epsg:3006"
    END
    METADATA
      "ows_title"          "{name}"
      "ows_srs"            "EPSG:3006 EPSG:4326"
      "gml_include_items"  "all"
      "gml_types"          "auto"
      "gml_featureid"      "id"
    END
    TEMPLATE "void"
  END
"""


@contextlib.contextmanager
def MapServerWfs(counts):  # noqa: N802 - used like a class
    """MapServer 8 serving ``src_<label>`` for each count over WFS; yields the WFS endpoint."""
    if not os.path.exists(MAPSERV):
        raise RuntimeError(f"{MAPSERV} is missing: install the Debian package cgi-mapserver")
    folder = tempfile.mkdtemp(prefix="regionplan-bench-map-")
    try:
        text = _MAP_HEAD + "".join(_MAP_LAYER.format(name=label(c), file=os.path.basename(paths(c)["gpkg"]))
                                   for c in counts) + "END\n"
        template = os.path.join(folder, "bench.map")
        with open(template, "w", encoding="utf-8") as handle:
            handle.write(text)
        port = free_port()
        cmd = [sys.executable, "-m", "tests.helpers.mapserver_cgi", "--port", str(port), "--exit-with-parent",
               "--map", f"bench={template}", "--data-dir", DATA_DIR]
        url = f"http://127.0.0.1:{port}/bench?"
        with _running(cmd, ROOT, url + "SERVICE=WFS&REQUEST=GetCapabilities"):
            yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def KoopServer(counts):  # noqa: N802
    """Koop serving ``src_<label>.geojson`` for each count; yields the services folder URL."""
    node = shutil.which("node")
    if node is None or not os.path.isdir(os.path.join(KOOP_DIR, "node_modules", "@koopjs", "koop-core")):
        raise RuntimeError("Koop is missing: run `npm ci --prefix tests/koop`")
    folder = tempfile.mkdtemp(prefix="regionplan-bench-koop-")
    try:
        for count in counts:
            os.symlink(paths(count)["geojson"], os.path.join(folder, label(count) + ".geojson"))
        port = free_port()
        url = f"http://127.0.0.1:{port}/file-geojson/rest/services/"
        with _running([node, os.path.join(KOOP_DIR, "server.js"), str(port)], folder,
                      url + label(counts[0]) + "/FeatureServer?f=json"):
            yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def RangeServer(folder):  # noqa: N802
    """``python bench/source_servers.py serve <folder> <port>``: static files with Range."""
    port = free_port()
    cmd = [sys.executable, os.path.abspath(__file__), "serve", folder, str(port)]
    url = f"http://127.0.0.1:{port}/"
    with _running(cmd, ROOT, url):
        yield url


def _serve(folder: str, port: int) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args):
            pass

        def do_HEAD(self):  # noqa: N802
            self.do_GET(head=True)

        def do_GET(self, head=False):  # noqa: N802
            path = os.path.normpath(os.path.join(folder, self.path.split("?")[0].lstrip("/")))
            if not path.startswith(folder) or not os.path.isfile(path):
                self.send_response(404 if self.path != "/" else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            size = os.path.getsize(path)
            start, end, status = 0, size - 1, 200
            match = re.match(r"bytes=(\d*)-(\d*)$", self.headers.get("Range", ""))
            if match and (match.group(1) or match.group(2)):
                if match.group(1):
                    start = int(match.group(1))
                    end = min(int(match.group(2)), size - 1) if match.group(2) else size - 1
                else:
                    start = max(0, size - int(match.group(2)))
                status = 206
            self.send_response(status)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Last-Modified", self.date_time_string(int(os.path.getmtime(path))))
            if status == 206:
                self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
            self.send_header("Content-Length", str(end - start + 1))
            self.end_headers()
            if head:
                return
            with open(path, "rb") as handle:
                handle.seek(start)
                left = end - start + 1
                while left > 0:
                    chunk = handle.read(min(left, 1 << 20))
                    if not chunk:
                        break
                    self.wfile.write(chunk)
                    left -= len(chunk)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_a: sys.exit(0))
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "serve":
        _serve(os.path.realpath(sys.argv[2]), int(sys.argv[3]))
    else:
        for n in [int(a) for a in sys.argv[1:]] or [20000, 100000]:
            print(ensure_data(n))
