"""Worker: GDAL's ``ogr2ogr -f GPKG out.gpkg OAPIF:<url> <collection>`` (pages of 1000,
reprojected to EPSG:3006 as our cache stores it: GDAL 3.6's OAPIF driver reads CRS84).
Timed: the whole ogr2ogr process. Peak memory: ogr2ogr's own ``ru_maxrss`` (reported as
``tool_peak_mb``; the runner's ``peak_rss_mb`` is this small Python worker's)."""

import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import emit, worker_args  # noqa: E402


def main():
    args = worker_args()
    workdir = tempfile.mkdtemp(prefix="regionplan-bench-ogr2ogr-")
    out = os.path.join(workdir, args["cid"] + ".gpkg")
    command = ["ogr2ogr", "-f", "GPKG", out, "OAPIF:" + args["url"].rstrip("/"), args["cid"],
               "-oo", "PAGE_SIZE=1000", "-t_srs", "EPSG:3006", "-nln", "features"]
    env = dict(os.environ, no_proxy="127.0.0.1,localhost")
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        err = proc.stderr.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit("ogr2ogr failed: " + err.decode("utf-8", "replace")[-2000:])
        from osgeo import ogr

        source = ogr.Open(out)
        features = source.GetLayerByName("features").GetFeatureCount()
        source = None
        emit({"time_s": elapsed, "cpu_s": usage.ru_utime + usage.ru_stime, "features": features,
              "tool_peak_mb": usage.ru_maxrss / 1024.0,
              "gpkg_mb": os.path.getsize(out) / 1e6})
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
