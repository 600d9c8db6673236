"""Worker (issue 18, item 1): the peer of a caching benchmark, one or more command lines run one
after the other (e.g. ``curl`` then ``ogr2ogr``), timed together. Peak memory: the largest
``ru_maxrss`` of the commands (``tool_peak_mb``). Counts the features of ``out`` (layer
``features``) afterwards, untimed.

Args: ``{"commands": [[…], …], "out": "<name>.gpkg" (in a temporary folder: ``{tmp}`` in the
commands is that folder)}``."""

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
    workdir = tempfile.mkdtemp(prefix="regionplan-bench-tool-")
    env = dict(os.environ, no_proxy="127.0.0.1,localhost")
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(var, None)
    try:
        peak = 0.0
        start = time.perf_counter()
        cpu = 0.0
        for command in args["commands"]:
            command = [part.replace("{tmp}", workdir) for part in command]
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            err = proc.stderr.read()
            _pid, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"{command[0]} failed: " + err.decode("utf-8", "replace")[-2000:])
            peak = max(peak, usage.ru_maxrss / 1024.0)
            cpu += usage.ru_utime + usage.ru_stime
        elapsed = time.perf_counter() - start
        from osgeo import ogr

        out = os.path.join(workdir, args["out"])
        source = ogr.Open(out)
        features = source.GetLayerByName("features").GetFeatureCount()
        source = None
        emit({"time_s": elapsed, "cpu_s": cpu, "features": features, "tool_peak_mb": peak,
              "gpkg_mb": os.path.getsize(out) / 1e6})
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
