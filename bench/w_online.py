"""Worker: the 10 demo sample plans (the 8 areas of ``plan_samples`` one by one, ``plan_sample_3009``
and ``plan_sample_4326``) checked against the full bundled rule set straight from the reference
service, nothing cached (issue 18, item 4).

* ``mode: ours``: ``open_pipeline(service_url=url)`` with an empty cache folder; per plan a new
  ``DataAccess`` (the region's datasets fetched by bbox from the OGC API, the county board's
  from the ZIP download) and ``run_check``.
* ``mode: native``: what a planner would do in QGIS: the region's collections as layers of
  QGIS' OAPIF provider, the ZIP downloaded (once) and opened with OGR (``/vsizip/``), each plan
  reprojected to EPSG:3006 (``native:reprojectlayer``) and answered by the native pipeline of
  ``w_op_native.check`` (rules and statistics). The layers are opened anew for each plan, as
  our check asks the service anew in each run (nothing cached between plans on either side);
  ``keep_layers``: the layers opened once for all 10 plans (the provider keeps what it read).

Timed: everything after QGIS start-up (the service's landing page and collections included).
``answers``: per plan and rule the feature ids, for the comparison.
"""

import os
import shutil
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import ROOT, emit, worker_args  # noqa: E402
from bench.qgis_env import start_qgis  # noqa: E402

DEMO = os.path.join(ROOT, "resources", "demo", "orebro_demo.gpkg")
SAMPLES = 8  # features of plan_samples


def plan_layers(folder: str):
    """(label, layer) of the 10 sample plans, one at a time, from a copy of the demo GeoPackage."""
    from qgis.core import QgsVectorLayer

    demo = os.path.join(folder, "demo.gpkg")
    if not os.path.exists(demo):
        shutil.copyfile(DEMO, demo)
    for fid in range(1, SAMPLES + 1):
        layer = QgsVectorLayer(f"{demo}|layername=plan_samples|subset=fid = {fid}", f"sample {fid}", "ogr")
        yield f"plan_samples:{fid}", layer
    for name in ("plan_sample_3009", "plan_sample_4326"):
        yield name, QgsVectorLayer(f"{demo}|layername={name}", name, "ogr")


def ours(url: str):
    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.pipeline import open_pipeline

    folder = tempfile.mkdtemp(prefix="regionplan-bench-online-")
    try:
        start = time.perf_counter()
        pipeline = open_pipeline(None, service_url=url, cache_root=folder)
        found = {}
        for label, plan in plan_layers(folder):
            result = run_check(pipeline.profile, plan, pipeline.data_access(), lang="sv")
            for finding in result.findings:
                found.setdefault(label, {}).setdefault(finding.rule_id, []).append(finding.feature_id)
        return time.perf_counter() - start, found
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def native(url: str, keep_layers: bool = False):
    import json

    import processing
    from qgis.core import QgsVectorLayer

    from bench.w_op_native import PROFILE, check

    with open(PROFILE, encoding="utf-8") as handle:
        profile = json.load(handle)
    folder = tempfile.mkdtemp(prefix="regionplan-bench-online-")
    try:
        start = time.perf_counter()
        lst = {d["id"] for d in profile.get("datasets", []) if d.get("source") == "lst"}
        zip_path = os.path.join(folder, "lansstyrelsen.zip")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(url + "downloads/lansstyrelsen.zip", timeout=60) as answer, open(zip_path, "wb") as out:
            out.write(answer.read())
        layers = {}

        def data(cid):
            if cid not in layers:
                if cid in lst:
                    uri = f"/vsizip/{zip_path}/lansstyrelsen/lansstyrelsen.gpkg|layername={cid}"
                    layers[cid] = QgsVectorLayer(uri, cid, "ogr")
                else:
                    layers[cid] = QgsVectorLayer(f"url='{url}' typename='{cid}' pageSize='1000'", cid, "OAPIF")
                if not layers[cid].isValid():
                    raise RuntimeError(f"{cid} cannot be opened")
            return layers[cid]

        found = {}
        for label, plan in plan_layers(folder):
            if not keep_layers:
                layers.clear()  # each plan from nothing, as our check (a new DataAccess per run)
            metric = processing.run("native:reprojectlayer", {"INPUT": plan, "TARGET_CRS": "EPSG:3006",
                                                              "OUTPUT": "memory:"})["OUTPUT"]
            answers, _steps = check(profile, metric, data, id_field="id")
            for rule, pairs in answers["pairs"].items():
                found.setdefault(label, {})[rule] = [feature for _fid, feature in pairs]
        return time.perf_counter() - start, found
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    args = worker_args()
    t0 = time.perf_counter()
    start_qgis(processing=args["mode"] == "native")
    init_s = time.perf_counter() - t0
    profiler = None
    if args.get("profile_out"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    if args["mode"] == "ours":
        elapsed, found = ours(args["url"])
    else:
        elapsed, found = native(args["url"], bool(args.get("keep_layers")))
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args["profile_out"])
    found = {label: {rule: sorted(str(v) for v in ids) for rule, ids in rules.items()}
             for label, rules in found.items()}
    emit({"time_s": elapsed, "init_s": init_s, "answers": found,
          "findings": sum(len(ids) for rules in found.values() for ids in rules.values())})


if __name__ == "__main__":
    main()
