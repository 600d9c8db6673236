"""Peak memory of caching a dataset: 200k features vs 20k features (target: ratio <= 1.5).

Each fetch runs in a fresh process (QGIS initialised, ``Cache.refresh`` of a generated
point collection from a small local OGC API - Features server running in its own
process) and reports its peak resident memory (``ru_maxrss``). A third run with 100
features gives the baseline of QGIS itself.

    .venv/bin/python bench/bench_cache_memory.py [--small 20000] [--large 200000]

Not part of ``make test``.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def worker(url: str, root: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, ROOT)
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.http import HttpClient
    from regionplan_plugin.core.service import OgcFeaturesService

    start = time.monotonic()
    service = OgcFeaturesService(url, HttpClient(timeout_s=120))
    result = Cache("bench", root).refresh(service, "grid", "EPSG:3006", limit=1000)
    elapsed = time.monotonic() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"features": result.entry.feature_count, "seconds": round(elapsed, 2), "peak_kb": peak_kb}))
    app.exitQgis()
    return 0


def measure(count: int) -> dict:
    env = dict(os.environ, PYTHONPATH=ROOT, QT_QPA_PLATFORM="offscreen")
    server = subprocess.Popen([sys.executable, "-m", "tests.helpers.ogc_server", "--generated", str(count)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory(prefix="regionplan-bench-") as root:
            done = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", url, root],
                                  cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
            if done.returncode != 0:
                raise SystemExit(f"worker failed for {count} features:\n{done.stderr[-3000:]}")
            line = [x for x in done.stdout.splitlines() if x.startswith("{")][-1]
            return json.loads(line)
    finally:
        server.terminate()
        server.wait(timeout=10)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=20000)
    parser.add_argument("--large", type=int, default=200000)
    parser.add_argument("--worker", nargs=2, metavar=("URL", "ROOT"))
    args = parser.parse_args(argv)
    if args.worker:
        return worker(*args.worker)
    base = measure(100)
    small = measure(args.small)
    large = measure(args.large)
    for name, run in (("baseline", base), ("small", small), ("large", large)):
        peak = run["peak_kb"] / 1024
        print(f"{name:9s} {run['features']:>8d} features  {run['seconds']:>7.1f} s  peak {peak:7.1f} MiB")
    ratio = large["peak_kb"] / small["peak_kb"]
    growth_small = max(1, small["peak_kb"] - base["peak_kb"])
    growth_large = large["peak_kb"] - base["peak_kb"]
    print(f"peak memory ratio {args.large} / {args.small} features: {ratio:.2f}x (target <= 1.5x)")
    print(f"above the QGIS baseline: {growth_small / 1024:.1f} MiB vs {growth_large / 1024:.1f} MiB")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
