"""Worker (issue 18, item 1): cache one dataset of a WFS, an ArcGIS FeatureServer or a download
with our real path: ``open_source(SourceSpec(type, url))`` (the profile's source registry:
``core/sources/{wfs,arcgis,download}.py``) and ``Cache.refresh(source, name, "EPSG:3006",
force=True)`` (spool, GeoPackage, full check, atomic swap). Timed: the whole refresh, the
capabilities/layer documents included. Peak memory: the process.

Args: ``{"type": "wfs"|"arcgis-featureserver"|"download", "url": …, "name": …, "limit": …,
"version": …, "profile_out": …}``."""

import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import emit, worker_args  # noqa: E402
from bench.qgis_env import start_qgis  # noqa: E402


def fetch(args: dict, workdir: str) -> dict:
    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.http import HttpClient
    from regionplan_plugin.core.profile.sources import SourceSpec
    from regionplan_plugin.core.sources.registry import open_source

    spec = SourceSpec("bench", args["type"], args["url"], version=args.get("version", ""))
    source = open_source(spec, HttpClient(timeout_s=300))
    cache = Cache("benchsrc", root=workdir)
    result = cache.refresh(source, args["name"], "EPSG:3006", limit=args.get("limit"), force=True)
    return {"features": result.entry.feature_count, "skipped": result.entry.skipped, "path": cache.path(args["name"])}


def main():
    args = worker_args()
    start_qgis()
    workdir = tempfile.mkdtemp(prefix="regionplan-bench-srcfetch-")
    try:
        profiler = None
        if args.get("profile_out"):
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        start, cpu = time.perf_counter(), time.process_time()
        info = fetch(args, workdir)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args["profile_out"])
        emit({"time_s": elapsed, "cpu_s": cpu, "features": info["features"], "skipped": info["skipped"],
              "gpkg_mb": os.path.getsize(info["path"]) / 1e6})
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
