"""``make demo``: the whole flow on the bundled demo data, end to end.

1. starts the reference service (pygeoapi, ``.venv-service/bin/python scripts/serve.py``)
   on a free loopback port; it also serves the state datasets' download (the bundled profile's
   second source, ``resources/service/downloads/lansstyrelsen.zip``) under ``/downloads/``;
2. caches every dataset the bundled Örebro profile's rules and statistics use (the population
   grid ``befolkning_ruta`` only for the statistics; plus the municipalities)
   into ``demo-output/cache`` (``REGIONPLAN_CACHE_DIR``);
3. checks every sample draft plan (each feature of ``plan_samples``, and the samples stored
   in EPSG:3009 and EPSG:4326) with the bundled profile, its service URL pointed at the
   local port, each with the purpose its name says (:data:`SAMPLE_PURPOSES`);
4. checks a multi-area ÖP plan (three development areas with ``namn`` and ``purpose``, built
   here from coordinates, see :data:`OP_AREAS`) with the statement's header filled in as a
   region officer would (:data:`OP_HEADER`), and the delivered demo plans
   ``demo_detaljplan.json`` and ``demo_op_model.gpkg`` read with ``core.plans.read_plan``;
5. leaves a review case (``scripts/demo_case.py``): ``demo-output/arende_demo.gpkg`` with two
   versions of the ÖP plan, two decisions, the statement ``yttrande_demo.docx`` and the
   version-2 report in ``arende_demo_version2/`` (changes since version 1, decisions appendix);
6. writes ``demo-output/<plan>/`` with the HTML and PDF reports, the findings as GeoPackage
   and CSV (Swedish, and ``rapport_findings_en.csv`` machine-friendly), and the map as PNG;
   prints a summary table per plan, the paths, and the statistics per plan area (farmland,
   public transport, corridors, the population from the population grid) of the ÖP plan and
   of the delivered detaljplan and ÖP-model files;
7. stops the service.

``--offline`` (``make demo OFFLINE=1``) does the same from the cache only, with no service
running, and fails with a clear message when the cache is empty.
"""

import argparse
import datetime
import gc
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

DEMO_GPKG = os.path.join(ROOT, "resources", "demo", "orebro_demo.gpkg")
SERVICE_PYTHON = os.path.join(ROOT, ".venv-service", "bin", "python")
SERVE = os.path.join(ROOT, "scripts", "serve.py")
PLAN_LAYERS = ("plan_samples", "plan_sample_3009", "plan_sample_4326")
EXTRA_COLLECTIONS = ("kommuner",)
PLAN_FILES = ("demo_detaljplan.json", "demo_op_model.gpkg")
OP_NAME = "Översiktsplan Kumla 2040 – utvecklingsområden (demo)"
# (namn, purpose, (xmin, ymin, xmax, ymax) in EPSG:3006): three areas of a draft ÖP for Kumla kommun
# (one municipality, as an ÖP is: the map then shows the areas, and the statement's addressee is right)
OP_AREAS = (
    ("Utvecklingsområde bostäder Kumla norra", "bostäder", (507600, 6555300, 508400, 6556100)),
    ("Verksamhetsområde Kumla södra", "industri", (508800, 6551800, 510000, 6552600)),
    ("Stationsområde Kumla", "blandad bebyggelse", (507700, 6553900, 508300, 6554400)),
)
# what each sample plan is for, as the municipality's plan says it (the samples' layer has no purpose
# field: a user gives the whole layer's purpose, Processing's PURPOSE); the ÖP for Frövi and
# Fellingsbro gives none, so its report shows how an unknown purpose reads (every rule applies)
SAMPLE_PURPOSES = {
    "ÖP Örebro – Törsjö verksamhetsområde": "verksamheter",
    "DP Kumla – Bostäder vid stationen": "bostäder",
    "DP Hällefors – Bostäder i Grythyttan norra": "bostäder",
    "DP Nora – Bostäder vid Fåsjön": "bostäder",
    "DP Örebro – Bostäder i Glanshammar": "bostäder",
    "DP Örebro – Kvarter vid Svartån": "blandad bebyggelse",
    "DP Örebro – Fritidsboende i Garphyttan": "bostäder",
    "DP Degerfors – Bostäder vid Strömtorp": "bostäder",
    "DP Laxå – Stationsområdet": "blandad bebyggelse",
}
OP_HEADER = {"case_id": "RÖL 2026/123", "municipality_case_id": "KS 2026/87", "plan_type": "op",
             "stage": "samrad", "officer": "Anna Andersson", "officer_title": "Regional planerare",
             "addressee": "Kumla kommun", "municipality": "Kumla", "plan_name": OP_NAME,
             "date": datetime.date.today().isoformat()}


def op_demo_layer():
    """The multi-area ÖP demo plan as a memory layer (fields ``namn`` and ``purpose``)."""
    from demo_case import areas_layer

    return areas_layer(OP_AREAS, OP_NAME)


def plan_file_layer(path):
    """A delivered plan file (detaljplan JSON, ÖP model) as a layer of its areas (``per_use``)."""
    from qgis.core import QgsVectorLayer

    from regionplan_plugin.core.plans import PER_USE, read_plan
    from regionplan_plugin.core.plans.model import plan_fields

    plan = read_plan(path)
    layer = QgsVectorLayer(f"MultiPolygon?crs={plan.crs}", plan.name or os.path.basename(path), "memory")
    layer.dataProvider().addAttributes(plan_fields().toList())
    layer.updateFields()
    layer.dataProvider().addFeatures(plan.features(PER_USE))
    return plan, layer


def write_all(result, folder, cache, header=None, background=(), decisions=None, comparison=None):
    from regionplan_plugin.core import report

    context = report.cached_context(cache, result.crs)  # the municipalities on the map
    context.update((f"background:{n}", bg) for n, bg in enumerate(background))  # the background map, lighter
    paths = report.write_reports(result, folder, "rapport", "sv", context_layers=context, header=header,
                                 decisions=decisions, comparison=comparison)
    paths["csv_en"] = report.write_csv(result, os.path.join(folder, "rapport_findings_en.csv"), "en")
    return paths


def free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, proc, timeout_s: float = 90.0) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"The demo service stopped at once (exit code {proc.returncode}).")
        try:
            opener.open(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The demo service did not answer at {url} within {timeout_s:.0f} s.")


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()[:50] or "plan"


def start_service(port: int):
    if not os.path.exists(SERVICE_PYTHON):
        raise SystemExit(f"{SERVICE_PYTHON} is missing: run 'make venv-service' (make demo does it).")
    log = open(os.path.join(OUT, "service.log"), "w", encoding="utf-8")  # noqa: SIM115 (closed in stop)
    proc = subprocess.Popen(
        [SERVICE_PYTHON, SERVE, "--port", str(port), "--exit-with-parent"],
        stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=dict(os.environ, PYTHONPATH=""),
    )
    proc.log = log
    return proc


def stop_service(proc) -> None:
    if proc is None:
        return
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
    proc.log.close()


def run(offline: bool, port: int) -> int:
    from demo_case import write_case
    from qgis.core import QgsVectorLayer

    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.errors import RegionplanError
    from regionplan_plugin.core.pipeline import open_pipeline
    from regionplan_plugin.core.vocabulary import SEVERITIES, severity_label

    started = time.monotonic()
    pipeline = open_pipeline(None, offline=offline)  # the bundled Region Örebro län profile
    profile, cache = pipeline.profile, pipeline.cache
    # every dataset a rule or a statistic uses (the population grid is only measured), and the municipalities
    needed = list(dict.fromkeys(list(profile.collections_needed()) + list(EXTRA_COLLECTIONS)))
    proc = wms = None
    try:
        if offline:
            missing = [cid for cid in needed if cache.entry(cid) is None]
            if missing:
                print(
                    f"The offline cache in {cache_root()} has no copy of: " + ", ".join(missing) + ".\n"
                    "Run 'make demo' once with the network (the local demo service) first.",
                    file=sys.stderr,
                )
                return 2
            print(f"Offline: using the cache in {cache_root()} (no service running).")
            data = pipeline.data_access()
        else:
            proc = start_service(port)
            url = f"http://127.0.0.1:{port}/"
            wait_http(url + "collections?f=json", proc)
            print(f"Demo service (pygeoapi) running at {url}; the state's datasets (profile source 'lst') "
                  f"downloaded from {url}downloads/lansstyrelsen.zip")
            pipeline = open_pipeline(None, service_url=url)
            profile, cache = pipeline.profile, pipeline.cache
            for cid in needed:
                result = cache.refresh(pipeline.service, cid, profile.crs)
                print(f"  cached {cid:32s} {result.status:8s} {result.entry.feature_count:6d} features")
            data = pipeline.data_access()

        from demo_background import background as demo_background  # issue 17: WMS from QGIS Server
        background, wms = demo_background(cache, offline, OUT, free_port(), wait_http)
        rows = []
        for layer_name in PLAN_LAYERS:
            layer = QgsVectorLayer(f"{DEMO_GPKG}|layername={layer_name}", layer_name, "ogr")
            if not layer.isValid():
                print(f"  (no layer {layer_name} in the demo data)")
                continue
            for feature in layer.getFeatures():
                name = str(feature["name"]) if "name" in feature.fields().names() else layer_name
                layer.selectByIds([feature.id()])
                result = run_check(profile, layer, data, lang="sv", selected_only=True,
                                   purpose=SAMPLE_PURPOSES.get(name))
                suffix = "" if layer_name == "plan_samples" else "_" + layer_name.rsplit("_", 1)[-1]
                stem = f"{layer_name}_{feature.id():02d}_{slug(name)}" if not suffix else f"{layer_name}_{slug(name)}"
                folder = os.path.join(OUT, stem)
                paths = write_all(result, folder, cache, background=background)
                rows.append((name + (f" (EPSG:{suffix[1:]})" if suffix else ""), result, paths))
                result.layers.clear()
            del layer

        # a multi-area ÖP with its statement header, and the delivered plan files
        layer = op_demo_layer()
        op_result = run_check(profile, layer, data, lang="sv", name_field="namn", purpose_field="purpose")
        rows.append((OP_NAME, op_result, write_all(op_result, os.path.join(OUT, "op_demo_omraden"), cache,
                                                  header=OP_HEADER, background=background)))
        # the review case: version 2 of the ÖP, the reviewer's decisions, the exported statement
        case_paths = write_case(OUT, profile, data, op_result, OP_AREAS, OP_NAME, OP_HEADER,
                                lambda result, folder, **kw: write_all(result, folder, cache, background=background,
                                                                       **kw))
        statistics = [(OP_NAME, op_result)]
        for filename in PLAN_FILES:
            plan, layer = plan_file_layer(os.path.join(ROOT, "resources", "demo", filename))
            result = run_check(profile, layer, data, lang="sv", name_field="name", purpose_field="purpose")
            folder = os.path.join(OUT, slug(os.path.splitext(filename)[0]))
            title = f"{plan.name or filename} ({filename})"
            rows.append((title, result, write_all(result, folder, cache, background=background)))
            statistics.append((title, result))
            result.layers.clear()
        del layer

        print()
        widths = (8, 10, 15, 11)
        labels = [severity_label(s, "sv") for s in SEVERITIES]  # "i linje med RUS": only the first letter lowered
        header = f"{'plan':58s} " + " ".join(
            f"{label[:1].lower() + label[1:]:>{w}s}" for label, w in zip(labels, widths)) + "  resultat"
        print(header)
        print("-" * len(header))
        for name, result, _paths in rows:
            counts = result.counts
            print(f"{name[:58]:58s} " + " ".join(f"{counts[s]:{w}d}" for s, w in zip(SEVERITIES, widths))
                  + f"  {result.verdict_text('sv')}")
        print()
        for name, _result, paths in rows:
            print(name)
            for kind in ("html", "pdf", "gpkg", "csv", "csv_en", "png"):
                print(f"  {kind:5s} {os.path.relpath(paths[kind], ROOT)}")
        for kind in ("case", "docx", "html", "pdf"):
            print(f"  {kind:5s} {os.path.relpath(case_paths[kind], ROOT)}")
        for title, result in statistics:
            print_statistics(result, profile, title)
        statistics.clear()
        if shutil.which("pdftoppm"):
            # page 1 and the statement's first page of the ÖP plan's report as PNG (for the README)
            render_pages(rows[-len(PLAN_FILES) - 1][2]["pdf"])
        total = {s: sum(r.counts[s] for _n, r, _p in rows) for s in SEVERITIES}
        print(f"\n{len(rows)} plans checked in {time.monotonic() - started:.1f} s "
              f"({'offline, from the cache' if offline else 'online, via the demo service'}); "
              f"findings: {total}")
        rows.clear()
        background.clear()
        return 0
    except RegionplanError as error:
        print(f"Demo failed: {error}", file=sys.stderr)
        return 1
    finally:
        stop_service(wms)
        stop_service(proc)
        if proc is not None:
            print("Demo service stopped.")


def render_pages(pdf: str) -> None:
    """``report-page-1.png`` and ``report-statement.png`` (the page headed "Utkast till yttrande")."""
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=False,
                          timeout=120).stdout
    pages = text.split("\f")
    statement = next((n + 1 for n, page in enumerate(pages) if page.lstrip().startswith("Utkast till yttrande")), 0)
    for name, page in (("report-page-1", 1), ("report-statement", statement)):
        if page:
            subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", str(page), "-l", str(page), "-singlefile", pdf,
                            os.path.join(OUT, name)], check=False, timeout=120)
            print(f"Report page {page} as PNG: {os.path.relpath(os.path.join(OUT, name + '.png'), ROOT)}")


def print_statistics(result, profile, title) -> None:
    """The statistics of each plan area, written as the report writes them (a population from the
    grid rounded to tens with "cirka", as docs/ordlista.md says)."""
    from regionplan_plugin.core.report.plan_statistics import value_text

    titles = {s.id: s.title_in("sv") for s in profile.statistics}
    statistics = {s.id: s for s in profile.statistics}
    # a part of another statistic (farmland of one class): left out where it is 0
    whole = {(s.collection, s.measure, s.distance_m) for s in profile.statistics if not s.filter}
    part = {s.id for s in profile.statistics if s.filter and (s.collection, s.measure, s.distance_m) in whole}
    print(f"\nStatistik per planområde, {title}:")
    for area in result.plan_features:
        print(f"  {area.label('sv')}:")
        for stat in (s for s in result.statistics if s.plan_index == area.index):
            if stat.statistic_id in part and stat.value == 0:
                continue
            text = value_text(stat, statistics.get(stat.statistic_id), "sv")
            print(f"    {titles.get(stat.statistic_id, stat.statistic_id)}: {text}")


def cache_root() -> str:
    return os.environ["REGIONPLAN_CACHE_DIR"]


def main(argv=None) -> int:
    global OUT
    parser = argparse.ArgumentParser(description="Regionplan demo: check the sample plans, write reports.")
    parser.add_argument("--offline", action="store_true", help="use only the cache (no service)")
    parser.add_argument("--out", default=os.path.join(ROOT, "demo-output"), help="output folder")
    parser.add_argument("--port", type=int, default=0, help="port of the demo service (default: a free one)")
    args = parser.parse_args(argv)
    OUT = os.path.abspath(args.out)
    os.makedirs(OUT, exist_ok=True)
    os.environ["REGIONPLAN_CACHE_DIR"] = os.path.join(OUT, "cache")
    os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", os.path.join(OUT, "qgis-profile"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        os.environ.pop(var, None)
    os.environ["no_proxy"] = "127.0.0.1,localhost"

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    code = run(args.offline, args.port or free_port())
    gc.collect()
    app.exitQgis()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # skip interpreter teardown of Qt objects after exitQgis


OUT = os.path.join(ROOT, "demo-output")

if __name__ == "__main__":
    main()
