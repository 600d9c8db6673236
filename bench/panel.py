"""Part 3 of the benchmark: start-up and panel figures against their targets, plus the
profiles (part 4) of every figure that misses its target."""

import io
import os
import pstats
import shutil
import socket
import subprocess
import time
import urllib.request

from bench.common import OUT_DIR, ROOT, median, repeat, run_worker, summarise

SERVICE_PYTHON = os.path.join(ROOT, ".venv-service", "bin", "python")
SERVE_SCRIPT = os.path.join(ROOT, "scripts", "serve.py")
PANEL_CACHE = os.path.join(OUT_DIR, "panel-cache")
LAST_ROWS = []  # the rows of the last run_part3(), for the summary at the top of RESULTS.md
PROFILE_DIR = os.path.join(OUT_DIR, "profiles")

# (mode, what, target in seconds)
FIGURES = [
    ("initgui", "`initGui()` at QGIS start-up (import + `classFactory` + `initGui`, Processing provider "
                "included, cold process)", 0.050),
    ("catalog", "opening the catalogue from the cache, in the panel (offline: dock created, `load_catalog` "
                "task, tree filled)", 0.200),
    ("catalog_core", "… the same without widgets (`open_session`: profile, `Catalog.load`, cache states)", 0.200),
    ("layers", "adding 10 cached layers (`CatalogueTab.add_to_map`: open, style, metadata, layer tree)", 1.0),
    ("check", "check of the demo's sample plans (8 features) from the cache, full Örebro rule set "
              "(16 rules)", 1.0),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_pygeoapi():
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    proc = subprocess.Popen([SERVICE_PYTHON, SERVE_SCRIPT, "--port", str(port), "--host", "127.0.0.1",
                             "--exit-with-parent"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}/"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 90
    while True:
        try:
            opener.open(url + "collections?f=json", timeout=5).read()
            return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc)
                raise RuntimeError("pygeoapi (scripts/serve.py) did not start") from None
            time.sleep(0.3)


def stop(proc) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def profile_excerpt(path: str, limit: int = 18) -> str:
    """The top of a cProfile by cumulative time, with repository paths shortened."""
    out = io.StringIO()
    stats = pstats.Stats(path, stream=out)
    stats.sort_stats("cumulative").print_stats(limit)
    text = out.getvalue().replace(ROOT + "/", "").replace("/usr/lib/python3/dist-packages/", "")
    lines = [line.rstrip() for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    head = [line for line in lines[:start] if "function calls" in line]
    return "\n".join(head + [""] + [line for line in lines[start:] if line.strip()])


def run_part3(runs: int, quick: bool, log) -> list:
    log("Part 3: start-up and panel")
    if not quick:
        runs = max(runs, 7)  # short figures: more runs against noise
    shutil.rmtree(PANEL_CACHE, ignore_errors=True)
    proc, url = start_pygeoapi()
    try:
        prepared = run_worker("w_panel", {"mode": "prepare", "url": url, "cache_root": PANEL_CACHE})
    finally:
        stop(proc)
    log(f"  cached the demo catalogue and {prepared['datasets']} datasets from pygeoapi")
    rows = []
    for mode, what, target in FIGURES:
        try:
            results = repeat("w_panel", {"mode": mode, "cache_root": PANEL_CACHE, "label": mode}, runs, log=log)
        except Exception as exc:  # noqa: BLE001 - reported in RESULTS.md, the others still run
            log(f"  {mode} failed: {exc}")
            rows.append({"mode": mode, "what": what, "target": target, "error": str(exc).strip().splitlines()[-1]})
            continue
        rows.append({"mode": mode, "what": what, "target": target, "summary": summarise(results),
                     "cpu": median([r.get("cpu_s") for r in results]), "first": results[0]})
    os.makedirs(PROFILE_DIR, exist_ok=True)
    profiles = []
    for row in rows:
        summary = row.get("summary")
        if summary is None or summary["median"] <= row["target"]:
            continue
        # The panel runs its work in a QgsTask thread, which cProfile (main thread) does not see:
        # profile the same work without widgets instead.
        mode = "catalog_core" if row["mode"] == "catalog" else row["mode"]
        if any(done["mode"] == mode for done, _text in profiles):
            continue
        path = os.path.join(PROFILE_DIR, mode + ".prof")
        try:
            run_worker("w_panel", {"mode": mode, "cache_root": PANEL_CACHE, "profile_out": path})
            row = next(r for r in rows if r["mode"] == mode)
            profiles.append((row, profile_excerpt(path)))
        except Exception as exc:  # noqa: BLE001
            log(f"  profiling {row['mode']} failed: {exc}")
    LAST_ROWS[:] = rows
    return markdown(rows, profiles, runs, prepared)


def fmt(value) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def markdown(rows, profiles, runs, prepared) -> list:
    lines = ["## 3. Start-up and panel", "",
             f"Each figure: median of {runs} fresh processes (min–max); only the operation is timed (QGIS "
             "start-up is not, except that `initGui` runs in a process that has imported nothing of the plugin "
             f"yet). The cache holds the demo catalogue and its {prepared['datasets']} datasets, fetched once "
             "from the reference service (pygeoapi, `scripts/serve.py`) before the runs; every run is offline. "
             "*CPU* is the process's CPU time over the same interval (all threads): on a busy machine the wall "
             "time includes waiting for a core, the CPU time does not; *met* is judged on the wall time.",
             "", "| figure | target | median (min–max) | CPU | peak | met | details |",
             "|---|---:|---:|---:|---:|:-:|---|"]
    for row in rows:
        if "error" in row:
            lines.append(f"| {row['what']} | {fmt(row['target'])} | not measured | – | – | – | {row['error']} |")
            continue
        s, first = row["summary"], row["first"]
        details = []
        if row["mode"] == "initgui":
            details.append(f"import {fmt(first.get('import_s'))}, classFactory+initGui {fmt(first.get('init_s'))}"
                           " (first run)")
        elif row["mode"] == "catalog":
            details.append(f"{first.get('shown')} datasets in the tree")
        elif row["mode"] == "catalog_core":
            details.append(f"{first.get('datasets')} datasets")
        elif row["mode"] == "layers":
            details.append(f"{first.get('added')} of {first.get('asked')} added, {first.get('valid')} valid "
                           "with features")
        elif row["mode"] == "check":
            counts = first.get("counts") or {}
            details.append(f"{first.get('findings')} findings ({', '.join(f'{k} {v}' for k, v in counts.items())})")
            timings = first.get("timings") or {}
            slow = sorted(((v, k) for k, v in timings.items() if k.startswith("rule:")), reverse=True)[:2]
            if slow:
                details.append("slowest rules (first run): " + ", ".join(f"{k[5:]} {fmt(v)}" for v, k in slow))
        met = "yes" if s["median"] <= row["target"] else "**no**"
        lines.append(f"| {row['what']} | {fmt(row['target'])} | {fmt(s['median'])} ({fmt(s['min'])}–"
                     f"{fmt(s['max'])}) | {fmt(row.get('cpu'))} | {s['peak_rss_mb']:.0f} MB | {met} | "
                     f"{'; '.join(details)} |")
    lines.append("")
    if profiles:
        lines += ["## 4. Profiles of the missed targets", "",
                  "One extra run of each missed figure under cProfile (`bench/out/profiles/*.prof`), top by "
                  "cumulative time (for the panel, its task's work without widgets: `catalog_core`). Analysis "
                  "and the proposed fixes: see *Hot spots* below.", ""]
        for row, text in profiles:
            lines += [f"### {row['mode']}: {row['what']}", "", "```", text, "```", ""]
    return lines
