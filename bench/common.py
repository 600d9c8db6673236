"""Shared helpers of the benchmarks: machine facts, fresh-process runs with peak memory,
medians. Pure standard library (the workers import QGIS, the runner does not need to)."""

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH_DIR)
OUT_DIR = os.path.join(BENCH_DIR, "out")
DATA_DIR = os.path.join(OUT_DIR, "data")
RESULT_PREFIX = "BENCH-RESULT "
# Bytecode of the workers goes here, outside the source tree (an installed plugin has its
# .pyc files after the first start; `make` sets PYTHONDONTWRITEBYTECODE for the tree).
PYCACHE_DIR = os.path.join(OUT_DIR, "pycache")


def ensure_dirs() -> None:
    os.makedirs(DATA_DIR, exist_ok=True)


def machine() -> dict:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram_gb = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    ram_gb = int(line.split()[1]) / 1024 / 1024
                    break
    except OSError:
        pass
    os_name = platform.platform()
    try:
        with open("/etc/os-release", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram_gb,
        "os": os_name,
        "python": platform.python_version(),
    }


class WorkerFailed(RuntimeError):
    pass


def run_worker(module: str, args: dict, timeout_s: float = 1800.0, python: str = None) -> dict:
    """Run ``python bench/<module>.py '<json args>'`` in a fresh process.

    The worker prints one line ``BENCH-RESULT {json}``; this returns that dict plus
    ``peak_rss_mb`` (the child's ``ru_maxrss``, read with ``wait4`` for exactly that child)
    and ``wall_s`` (the whole process, start-up included)."""
    script = os.path.join(BENCH_DIR, module + ".py")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["QGIS_OPTS"] = ""
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(var, None)
    env["no_proxy"] = "127.0.0.1,localhost"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = PYCACHE_DIR
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [python or sys.executable, script, json.dumps(args)],
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
            cwd=ROOT,
        )
        out = proc.stdout.read()
        proc.stdout.close()
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        err.seek(0)
        errtext = err.read().decode("utf-8", "replace")
    result = None
    for line in out.decode("utf-8", "replace").splitlines():
        if line.startswith(RESULT_PREFIX):
            result = json.loads(line[len(RESULT_PREFIX):])
    if proc.returncode != 0 or result is None:
        raise WorkerFailed(
            f"{module} {args} failed (exit {proc.returncode}):\n{errtext[-4000:]}"
        )
    result["peak_rss_mb"] = usage.ru_maxrss / 1024.0
    result["wall_s"] = wall
    return result


def precompile() -> None:
    """Byte-compile the plugin and the workers into PYCACHE_DIR (what a second QGIS start sees)."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=PYCACHE_DIR)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.join(ROOT, "regionplan_plugin"), BENCH_DIR],
                   env=env, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)


def emit(result: dict) -> None:
    """Called by a worker: hand its result to the runner."""
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    sys.stdout.flush()


def worker_args() -> dict:
    return json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def repeat(module: str, args: dict, runs: int, timeout_s: float = 1800.0, log=None) -> list:
    """``runs`` fresh-process runs of one worker; returns the list of result dicts."""
    results = []
    for index in range(runs):
        result = run_worker(module, args, timeout_s=timeout_s)
        results.append(result)
        if log:
            log(f"    {module} {args.get('label', '')} run {index + 1}/{runs}: "
                f"{result.get('time_s', 0):.3f} s, peak {result['peak_rss_mb']:.0f} MB")
    return results


def summarise(results: list, key: str = "time_s") -> dict:
    return {
        "median": median([r.get(key) for r in results]),
        "min": min(r.get(key) for r in results),
        "max": max(r.get(key) for r in results),
        "runs": len(results),
        "peak_rss_mb": median([r["peak_rss_mb"] for r in results]),
    }
