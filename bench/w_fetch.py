"""Worker: make one collection of a local OGC API - Features service available offline as
a GeoPackage in EPSG:3006, either with our cache (``Cache.refresh``) or with QGIS's own
OAPIF provider + ``QgsVectorFileWriter.writeAsVectorFormatV3`` (the same end product: a
GeoPackage in EPSG:3006). Timed: the whole fetch-and-write. Peak memory: the process."""

import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import emit, worker_args  # noqa: E402
from bench.qgis_env import start_qgis  # noqa: E402

PAGE_SIZE = 1000


def with_cache(url: str, cid: str, workdir: str) -> dict:
    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.http import HttpClient
    from regionplan_plugin.core.service import OgcFeaturesService

    cache = Cache("benchfetch", root=workdir)
    service = OgcFeaturesService(url, HttpClient(timeout_s=120))
    result = cache.refresh(service, cid, "EPSG:3006", limit=PAGE_SIZE, force=True)
    return {"features": result.entry.feature_count, "path": cache.path(cid)}


def with_oapif(url: str, cid: str, workdir: str) -> dict:
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsProject,
        QgsVectorFileWriter,
        QgsVectorLayer,
    )

    uri = f"url='{url.rstrip('/')}' typename='{cid}' pageSize='{PAGE_SIZE}'"
    layer = QgsVectorLayer(uri, cid, "OAPIF")
    if not layer.isValid():
        raise RuntimeError("OAPIF layer not valid: " + layer.error().summary())
    path = os.path.join(workdir, cid + ".gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "features"
    target = QgsCoordinateReferenceSystem("EPSG:3006")
    options.ct = QgsCoordinateTransform(layer.crs(), target, QgsProject.instance().transformContext())
    result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsProject.instance().transformContext(), options)
    if result[0] != QgsVectorFileWriter.NoError:
        raise RuntimeError("writer failed: " + str(result))
    out = QgsVectorLayer(path + "|layername=features", "out", "ogr")
    return {"features": out.featureCount(), "path": path}


def _cpu() -> float:
    """CPU seconds of this process, every thread (the network's and the R-tree's too)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    args = worker_args()
    start_qgis()
    workdir = tempfile.mkdtemp(prefix="regionplan-bench-fetch-")
    try:
        profiler = None
        if args.get("profile_out"):
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        start = time.perf_counter()
        cpu = _cpu()
        if args["mode"] == "cache":
            info = with_cache(args["url"], args["cid"], workdir)
        else:
            info = with_oapif(args["url"], args["cid"], workdir)
        elapsed = time.perf_counter() - start
        cpu = _cpu() - cpu
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args["profile_out"])
        size = os.path.getsize(info["path"]) if info.get("path") else None
        emit({"time_s": elapsed, "cpu_s": cpu, "features": info["features"], "gpkg_mb": size / 1e6 if size else None})
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
