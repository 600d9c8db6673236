"""Is pygeoapi (the reference service) practical for the 100k-feature caching benchmark?

Writes the same generated 100k polygons as one GeoJSON file (pygeoapi's GeoJSON provider,
as the demo service uses), serves it with ``scripts/serve.py`` (the demo's own launcher,
with a configuration template of this one collection) and times single pages of 1000
features at a few offsets. A full download is 100 such pages.
"""

import json
import os
import re
import shutil
import subprocess
import time
import urllib.request

from bench.common import OUT_DIR, ROOT

SERVICE_PYTHON = os.path.join(ROOT, ".venv-service", "bin", "python")
SERVE_SCRIPT = os.path.join(ROOT, "scripts", "serve.py")
TEMPLATE = os.path.join(ROOT, "resources", "service", "pygeoapi-config.yml")
PROBE_DIR = os.path.join(OUT_DIR, "pygeoapi-probe")


def write_data(count: int) -> str:
    from bench.oapi_server import _feature_json, _features

    os.makedirs(PROBE_DIR, exist_ok=True)
    path = os.path.join(PROBE_DIR, f"bench_{count // 1000}k.geojson")
    stamp = path + ".count"
    if os.path.exists(path) and os.path.exists(stamp) and open(stamp).read() == str(count):
        return path
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{"type":"FeatureCollection","features":[')
        for index, (fid, props, _ring, lonlat) in enumerate(_features(count, seed=count + 11)):
            if index:
                handle.write(",")
            handle.write(_feature_json(fid, props, lonlat, False))
        handle.write("]}")
    with open(stamp, "w") as handle:
        handle.write(str(count))
    return path


def write_template(cid: str, filename: str) -> str:
    with open(TEMPLATE, encoding="utf-8") as handle:
        text = handle.read()
    head = text.split("\nresources:", 1)[0]
    head = re.sub(r"max_items: \d+", "max_items: 10000", head)
    resource = f"""
resources:
  {cid}:
    type: collection
    title: "{cid}"
    description: "Generated polygons for the Regionplan benchmark"
    keywords:
      - theme:bench
    links: []
    extents:
      spatial:
        bbox: [14.0, 58.6, 16.4, 59.6]
        crs: http://www.opengis.net/def/crs/OGC/1.3/CRS84
    providers:
      - type: feature
        name: GeoJSON
        data: @DATA_DIR@/{filename}
        id_field: id
"""
    path = os.path.join(PROBE_DIR, "pygeoapi-config.yml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(head + "\n" + resource)
    return path


def probe(count: int = 100000, log=print) -> dict:
    import socket

    if not os.path.exists(SERVICE_PYTHON):
        return {"error": ".venv-service is missing"}
    data = write_data(count)
    cid = f"bench_{count // 1000}k"
    template = write_template(cid, os.path.basename(data))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.Popen([SERVICE_PYTHON, SERVE_SCRIPT, "--port", str(port), "--host", "127.0.0.1",
                             "--config", template, "--data-dir", PROBE_DIR, "--exit-with-parent"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}/"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    result = {"count": count, "file_mb": os.path.getsize(data) / 1e6, "pages": []}
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                opener.open(base + "collections?f=json", timeout=5).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    return {"error": "pygeoapi did not start"}
                time.sleep(0.3)
        for offset in (0, count // 2, count - 1000):
            url = f"{base}collections/{cid}/items?f=json&limit=1000&offset={offset}"
            start = time.perf_counter()
            body = opener.open(url, timeout=600).read()
            elapsed = time.perf_counter() - start
            returned = len(json.loads(body).get("features", []))
            result["pages"].append({"offset": offset, "seconds": elapsed, "features": returned})
            log(f"    pygeoapi page offset {offset}: {elapsed:.2f} s, {returned} features")
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)
    return result


def markdown(result: dict) -> list:
    lines = ["### pygeoapi at 100k", ""]
    if "error" in result:
        return lines + [f"Not measured: {result['error']}.", ""]
    pages = result["pages"]
    mean = sum(p["seconds"] for p in pages) / max(1, len(pages))
    pages_total = result["count"] // 1000
    total = mean * pages_total
    cells = ", ".join(f"offset {p['offset']:,}: {p['seconds']:.2f} s ({p['features']} features)" for p in pages)
    lines += [f"pygeoapi 0.21 (`scripts/serve.py`, GeoJSON provider as in the demo service) serving the same "
              f"{result['count']:,} polygons from one {result['file_mb']:.0f} MB GeoJSON file answers a page of "
              f"1000 in {cells}. Its GeoJSON provider reads and parses the whole file for every request, so one "
              f"full download ({pages_total} pages) would take ≈{total:.0f} s of server time for either client, "
              "and the comparison would mostly measure the server. Hence the small server above; both clients "
              "talk to the same one.", ""]
    return lines


if __name__ == "__main__":
    import sys

    sys.path.insert(0, ROOT)
    print(markdown(probe()))
    shutil.rmtree(PROBE_DIR, ignore_errors=True)
