"""Load test of the reference service (issue 18, item 6): simulated planners against pygeoapi
with the GeoJSON provider, the GeoPackage (SQLiteGPKG) provider and PostGIS.

Run: ``make bench-service`` (or ``python3 bench/load_service.py [--sizes 10000,50000,100000]``).
Not part of ``make test``. For each county dataset size it generates a dataset of polygons
over Örebro län (CRS84, string ids, a text, an integer and a real attribute), then for each
stack starts pygeoapi under gunicorn on loopback (same workers/threads for every stack) and
runs ``--clients`` simulated planners at once for ``--duration`` seconds (and at most
``--max-requests`` requests):

- most planners browse: the catalogue (``/collections``), then bbox item pages
  (a ~5 km window, ``limit=100``);
- ``--downloaders`` of them download the whole collection page by page (``limit=1000``).

It reports throughput and p50/p95/p99 latency per stack and size, and writes
``bench/SERVICE.md``. PostGIS: Debian ``postgresql`` + ``postgis`` are installed with apt when
missing; a throwaway cluster is initialised in a temporary folder as the ``postgres`` user on
a free port, loaded with ``ogr2ogr`` and stopped and removed at the end. Every process this
script starts is stopped by its id before it returns.
"""

import argparse
import glob
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVICE_DIR = os.path.join(ROOT, "resources", "service")
SVC_BIN = os.path.join(ROOT, ".venv-service", "bin")
OUT_MD = os.path.join(ROOT, "bench", "SERVICE.md")
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG3006 = "http://www.opengis.net/def/crs/EPSG/0/3006"
BBOX = (14.22, 58.7, 15.95, 60.13)  # Örebro län, lon/lat
STACKS = ("geojson", "gpkg", "postgis")
WORKERS, THREADS = 2, 4
NOTES_MARKER = "<!-- notes: kept when the table above is rewritten -->"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- data

def write_county_geojson(path, count, seed=18):
    """``count`` disjoint small polygons (8 vertices) on a grid over the county, CRS84."""
    rnd = random.Random(seed)
    cols = int((count * 1.2) ** 0.5) + 1
    rows = count // cols + 1
    dx, dy = (BBOX[2] - BBOX[0]) / cols, (BBOX[3] - BBOX[1]) / rows
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"type":"FeatureCollection","name":"county","features":[\n')
        for n in range(count):
            cx = BBOX[0] + (n % cols + 0.5) * dx
            cy = BBOX[1] + (n // cols + 0.5) * dy
            ring = []
            for k in range(8):
                r = 0.35 + 0.1 * rnd.random()
                a = k * 0.785398
                ring.append([round(cx + r * dx * math.cos(a), 7), round(cy + r * dy * math.sin(a), 7)])
            ring.append(ring[0])
            feat = {"type": "Feature", "id": f"k{n + 1}",
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                    "properties": {"namn": f"Område {n + 1}", "klass": rnd.randint(1, 10),
                                   "areal_ha": round(rnd.uniform(1, 90), 2)}}
            fh.write(("," if n else "") + json.dumps(feat, ensure_ascii=False, separators=(",", ":")) + "\n")
        fh.write("]}\n")


def write_county_gpkg(geojson, gpkg):
    subprocess.run(["ogr2ogr", "-f", "GPKG", gpkg, geojson, "-nln", "county", "-lco", "FID=fid",
                    "-lco", "GEOMETRY_NAME=geom", "-a_srs", "EPSG:4326"], check=True)


# ---------------------------------------------------------------- PostGIS

class PostGIS:
    """A throwaway PostgreSQL cluster with PostGIS in a temp folder, as user postgres."""

    def __init__(self):
        self.dir = None
        self.port = free_port()

    def _as_postgres(self, cmd, **kw):
        return subprocess.run(["runuser", "-u", "postgres", "--"] + cmd, check=True,
                              stdout=subprocess.DEVNULL, **kw)

    def start(self):
        if not glob.glob("/usr/share/postgresql/*/extension/postgis.control") or not shutil.which("ogr2ogr"):
            log("installing postgresql postgis gdal-bin (apt)")
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql", "postgis", "gdal-bin"], check=True,
                           env=env, stdout=subprocess.DEVNULL)
        bindir = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        self.bin = bindir
        self.dir = tempfile.mkdtemp(prefix="regionplan-pg-")
        shutil.chown(self.dir, "postgres", "postgres")
        data = os.path.join(self.dir, "data")
        self._as_postgres([f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8"])
        self._as_postgres([f"{bindir}/pg_ctl", "-D", data, "-l", os.path.join(self.dir, "log"), "-w", "start",
                           "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                                 "-c shared_buffers=128MB -c fsync=off"])
        self._as_postgres([f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "bench"])
        self.psql("CREATE EXTENSION postgis")

    def psql(self, sql):
        self._as_postgres(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-d", "bench", "-qc", sql])

    def load(self, gpkg, table):
        subprocess.run(["ogr2ogr", "-f", "PostgreSQL",
                        f"PG:host=127.0.0.1 port={self.port} dbname=bench user=postgres", gpkg, "county",
                        "-nln", table, "-overwrite", "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid"],
                       check=True)
        # The feature id is the key (pygeoapi orders pages by id_field: without an index every page
        # sorts the table); the integer fid would otherwise be sent as a property.
        self.psql(f"ALTER TABLE {table} DROP COLUMN fid; ALTER TABLE {table} ADD PRIMARY KEY (id); ANALYZE {table}")

    def stop(self):
        if self.dir:
            try:
                self._as_postgres([f"{self.bin}/pg_ctl", "-D", os.path.join(self.dir, "data"), "-m", "fast",
                                   "-w", "stop"])
            except subprocess.CalledProcessError:
                pass
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


# ---------------------------------------------------------------- pygeoapi under gunicorn

def provider_yaml(stack, data, pg_port=None, table="county"):
    common = (f"        id_field: id\n        crs:\n          - {CRS84}\n          - {EPSG3006}\n"
              f"        storage_crs: {CRS84}\n")
    if stack == "geojson":
        return f"      - type: feature\n        name: GeoJSON\n        data: {data}\n" + common
    if stack == "gpkg":
        return (f"      - type: feature\n        name: regionplan_sqlite.RegionplanGPKGProvider\n"
                f"        data: {data}\n        table: county\n" + common)
    return (f"      - type: feature\n        name: PostgreSQL\n        data:\n          host: 127.0.0.1\n"
            f"          port: {pg_port}\n          dbname: bench\n          user: postgres\n"
            f"          password: ''\n          search_path: [public]\n        table: {table}\n"
            f"        geom_field: geom\n" + common)


def write_config(path, port, provider):
    text = f"""server:
  bind: {{host: 127.0.0.1, port: {port}}}
  url: http://127.0.0.1:{port}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  languages: [en-US]
  limits: {{default_items: 50, max_items: 10000}}
  map: {{url: 'http://127.0.0.1/{{z}}/{{x}}/{{y}}.png', attribution: none}}
logging: {{level: ERROR}}
metadata:
  identification: {{title: bench, description: bench, keywords: [bench], keywords_type: theme,
                   terms_of_service: 'https://example.org', url: 'https://example.org'}}
  license: {{name: CC0, url: 'https://creativecommons.org/publicdomain/zero/1.0/'}}
  provider: {{name: bench, url: 'https://example.org'}}
  contact: {{name: bench}}
resources:
  county:
    type: collection
    title: County dataset
    description: generated polygons
    keywords: [theme:bench]
    extents:
      spatial: {{bbox: [{BBOX[0]}, {BBOX[1]}, {BBOX[2]}, {BBOX[3]}], crs: '{CRS84}'}}
    providers:
{provider}"""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def start_pygeoapi(workdir, stack, data, pg_port=None, table="county"):
    port = free_port()
    cfg = os.path.join(workdir, f"{stack}.yml")
    write_config(cfg, port, provider_yaml(stack, data, pg_port, table))
    openapi = os.path.join(workdir, f"{stack}-openapi.json")
    env = dict(os.environ, PYGEOAPI_CONFIG=cfg, PYGEOAPI_OPENAPI=openapi, PYTHONPATH=SERVICE_DIR)
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(var, None)
    with open(openapi, "w") as fh:
        subprocess.run([os.path.join(SVC_BIN, "pygeoapi"), "openapi", "generate", cfg, "-f", "json"],
                       env=env, stdout=fh, check=True)
    errlog = os.path.join(workdir, f"{stack}.log")
    with open(errlog, "w") as err:
        proc = subprocess.Popen([os.path.join(SVC_BIN, "gunicorn"), "-w", str(WORKERS), "-k", "gthread",
                                 "--threads", str(THREADS), "-b", f"127.0.0.1:{port}", "--timeout", "120",
                                 "--graceful-timeout", "5", "--log-level", "error", "pygeoapi.flask_app:APP"],
                                env=env, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            NO_PROXY.open(url + "/collections/county?f=json", timeout=5).read()
            return proc, url
        except (OSError, urllib.error.URLError):
            if proc.poll() is not None:
                with open(errlog) as fh:
                    raise RuntimeError(f"gunicorn ({stack}) exited: {fh.read()[-400:]}") from None
            time.sleep(0.5)
    stop(proc)
    raise RuntimeError(f"pygeoapi ({stack}) did not start")


def stop(proc):
    """Stop gunicorn and its workers: its own process group (started with start_new_session),
    killed when the master has not stopped them within 15 s (a worker busy in a request)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            pass
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


# ---------------------------------------------------------------- the planners

def run_load(url, count, clients, downloaders, duration, max_requests, timeout):
    opener = NO_PROXY
    lock = threading.Lock()
    samples = []  # (kind, seconds, ok, bytes)
    state = {"n": 0, "downloads": 0}
    end = time.time() + duration

    def get(kind, path):
        with lock:
            if state["n"] >= max_requests or time.time() >= end:
                return False
            state["n"] += 1
        t0 = time.perf_counter()
        ok, size = True, 0
        try:
            with opener.open(url + path, timeout=timeout) as resp:
                size = len(resp.read())
        except (OSError, urllib.error.URLError):
            ok = False
        with lock:
            samples.append((kind, time.perf_counter() - t0, ok, size))
        return True

    def browser(seed):
        rnd = random.Random(seed)
        while time.time() < end:
            if not get("catalogue", "/collections?f=json"):
                return
            for _ in range(3):
                x = rnd.uniform(BBOX[0], BBOX[2] - 0.1)
                y = rnd.uniform(BBOX[1], BBOX[3] - 0.05)
                if not get("bbox", f"/collections/county/items?f=json&limit=100&bbox={x:.4f},{y:.4f},"
                                   f"{x + 0.1:.4f},{y + 0.05:.4f}"):
                    return

    def downloader(_seed):
        while time.time() < end:
            for offset in range(0, count, 1000):
                if not get("page", f"/collections/county/items?f=json&limit=1000&offset={offset}"):
                    return
            with lock:
                state["downloads"] += 1

    threads = [threading.Thread(target=downloader if i < downloaders else browser, args=(i,), daemon=True)
               for i in range(clients)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + timeout + 5)
    wall = time.time() - t0
    return summarise(samples, wall, state["downloads"])


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def summarise(samples, wall, downloads):
    out = {"wall_s": round(wall, 1), "downloads": downloads}
    for kind in ("all", "catalogue", "bbox", "page"):
        sel = [s for s in samples if kind == "all" or s[0] == kind]
        lat = [s[1] for s in sel]
        out[kind] = {"n": len(sel), "errors": sum(1 for s in sel if not s[2]),
                     "p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99)}
    ok = [s for s in samples if s[2]]
    out["rps"] = round(len(ok) / wall, 1) if wall else 0.0
    out["mb_s"] = round(sum(s[3] for s in ok) / wall / 1e6, 2) if wall else 0.0
    return out


# ---------------------------------------------------------------- report

def fmt(v):
    return "–" if v is None else (f"{v * 1000:.0f} ms" if v < 1 else f"{v:.2f} s")


def write_report(results, args, started):
    lines = [
        "# Reference service under load (issue 18, item 6)",
        "",
        f"Written by `bench/load_service.py` (`make bench-service`), run {started} UTC. "
        f"{args.clients} simulated planners at once for {args.duration:.0f} s per run (at most "
        f"{args.max_requests} requests, client timeout {args.timeout:.0f} s: a timed-out request counts as an "
        f"error with its waiting time): {args.clients - args.downloaders} browse (catalogue, then 3 bbox item "
        f"pages of a ~5 km window, `limit=100`), {args.downloaders} download the whole collection "
        "(`limit=1000`, `offset` paging). pygeoapi 0.21 under gunicorn, "
        f"{WORKERS} workers × {THREADS} threads (`gthread`) for every stack, loopback.",
        "",
        f"**Machine:** {os.cpu_count()} cores, **shared with other benchmark/test runs** of other helpers "
        "while this ran, and the load generator (Python threads) runs on the same cores: absolute numbers are "
        "pessimistic, the ratios between stacks are what matters.",
        "",
        "| size | stack | req/s | MB/s | p50 | p95 | p99 | catalogue p95 | bbox p95 | page p95 | requests | errors "
        "| full downloads |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (size, stack), r in results.items():
        if "error" in r:
            lines.append(f"| {size:,} | {stack} | failed: {r['error']} |||||||||||")
            continue
        a = r["all"]
        lines.append(f"| {size:,} | {stack} | {r['rps']} | {r['mb_s']} | {fmt(a['p50'])} | {fmt(a['p95'])} | "
                     f"{fmt(a['p99'])} | {fmt(r['catalogue']['p95'])} | {fmt(r['bbox']['p95'])} | "
                     f"{fmt(r['page']['p95'])} | {a['n']} | {a['errors']} | {r['downloads']} |")
    lines += ["", "**Largest county dataset size with p95 under 1 s** (all requests of the mix, tested sizes "
              f"{', '.join(f'{s:,}' for s in args.sizes)}):", ""]
    for stack in STACKS:
        ok = [s for (s, st), r in results.items() if st == stack and "error" not in r
              and r["all"]["p95"] is not None and r["all"]["p95"] < 1.0 and r["all"]["errors"] == 0]
        lines.append(f"- {stack}: {max(ok):,}" if ok else f"- {stack}: none of the tested sizes")
    lines.append("")
    if os.path.exists(OUT_MD):  # the hand-written reading below the marker is kept
        with open(OUT_MD, encoding="utf-8") as fh:
            old = fh.read()
        if NOTES_MARKER in old:
            lines.append(NOTES_MARKER + old.split(NOTES_MARKER, 1)[1].rstrip("\n"))
    with open(OUT_MD + ".tmp", "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    with open(os.path.join(ROOT, "bench", "out", "service_load.json"), "w") as fh:
        json.dump({f"{k[0]}:{k[1]}": v for k, v in results.items()}, fh, indent=1)
    return OUT_MD + ".tmp"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--stacks", default=",".join(STACKS))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--downloaders", type=int, default=5)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--merge", action="store_true",
                        help="keep the results of other stacks/sizes from bench/out/service_load.json")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",")]
    stacks = args.stacks.split(",")
    started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    os.makedirs(os.path.join(ROOT, "bench", "out"), exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="regionplan-load-")
    pg = PostGIS() if "postgis" in stacks else None
    results = {}
    previous = os.path.join(ROOT, "bench", "out", "service_load.json")
    if args.merge and os.path.exists(previous):
        with open(previous) as fh:
            for key, value in json.load(fh).items():
                size, stack = key.split(":")
                results[(int(size), stack)] = value
    try:
        if pg:
            pg.start()
        for size in args.sizes:
            gj = os.path.join(workdir, f"county_{size}.geojson")
            gpkg = os.path.join(workdir, f"county_{size}.gpkg")
            log(f"data: {size:,} features")
            write_county_geojson(gj, size)
            write_county_gpkg(gj, gpkg)
            if pg:
                pg.load(gpkg, f"county_{size}")
            for stack in stacks:
                data = {"geojson": gj, "gpkg": gpkg, "postgis": None}[stack]
                proc = None
                try:
                    proc, url = start_pygeoapi(workdir, stack, data, pg.port if pg else None, f"county_{size}")
                    log(f"{stack} {size:,}: load")
                    r = run_load(url, size, args.clients, args.downloaders, args.duration, args.max_requests,
                                 args.timeout)
                    log(f"{stack} {size:,}: {r['rps']} req/s, p50 {fmt(r['all']['p50'])}, "
                        f"p95 {fmt(r['all']['p95'])}, p99 {fmt(r['all']['p99'])}, errors {r['all']['errors']}")
                    results[(size, stack)] = r
                    results = dict(sorted(results.items(), key=lambda kv: (kv[0][0], STACKS.index(kv[0][1]))))
                except (RuntimeError, subprocess.CalledProcessError) as exc:
                    log(f"{stack} {size:,}: failed: {exc}")
                    results[(size, stack)] = {"error": str(exc)[:200]}
                finally:
                    if proc:
                        stop(proc)
            tmp = write_report(results, args, started)
            os.replace(tmp, OUT_MD)
    finally:
        if pg:
            pg.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    log(f"wrote {OUT_MD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
