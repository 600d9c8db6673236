"""Worker: our check (``core.check.run_check``) of the bench plan against one generated
dataset, read from the offline cache (``DataAccess`` offline over ``Cache``), with the
same two rules the native pipeline answers: features intersecting the plan (with overlap
areas) and features within ``distance_m`` of it.

Timed: opening the plan, the cache and the check itself. Not timed: QGIS start-up.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import emit, worker_args  # noqa: E402
from bench.qgis_env import start_qgis  # noqa: E402


def bench_profile_obj(cid: str, distance_m: float, profile_id: str = "bench") -> dict:
    def text(sv, en):
        return {"sv": sv, "en": en}

    return {
        "schema": "regionplan-profile/1",
        "id": profile_id,
        "name": text("Benchmark", "Benchmark"),
        "service": {"type": "ogcapi-features", "url": "http://127.0.0.1:9/"},
        "crs": "EPSG:3006",
        "themes": [{"id": "bench", "title": text("Benchmark", "Benchmark")}],
        "rules": [
            {"id": "overlap", "title": text("Överlappar", "Overlaps"), "collection": cid,
             "relation": "intersects", "severity": "conflict",
             "message": text("Planen överlappar objektet.", "The plan overlaps the feature.")},
            {"id": "near", "title": text("Nära", "Near"), "collection": cid,
             "relation": "within_distance", "distance_m": float(distance_m), "severity": "attention",
             "message": text("Planen ligger nära objektet.", "The plan lies near the feature.")},
        ],
    }


def main():
    args = worker_args()
    t0 = time.perf_counter()
    start_qgis()
    from qgis.core import QgsVectorLayer

    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.profile import parse_profile
    from regionplan_plugin.core.sources import DataAccess

    init_s = time.perf_counter() - t0
    profile = parse_profile(bench_profile_obj(args["cid"], args["distance_m"]), source="bench")

    def check_once():
        plan = QgsVectorLayer(args["plan"] + "|layername=plan", "plan", "ogr")
        cache = Cache(profile.id, root=args["cache_root"])
        data = DataAccess(profile, cache, offline=True)
        return run_check(profile, plan, data, lang="en")

    if args.get("forget_integrity"):  # a session without a remembered check (issue 18, item 2)
        memo = os.path.join(Cache(profile.id, root=args["cache_root"]).dir, "integrity.json")
        if os.path.exists(memo):
            os.remove(memo)
    profiler = None
    if args.get("profile_out"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    result = check_once()
    elapsed = time.perf_counter() - start
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args["profile_out"])
    again = None
    if args.get("again"):  # a second check in the same QGIS session
        start = time.perf_counter()
        check_once()
        again = time.perf_counter() - start

    overlap_ids, near_ids = [], []
    overlap_m2 = 0.0
    for finding in result.findings:
        if finding.rule_id == "overlap":
            overlap_ids.append(finding.feature_id)
            overlap_m2 += finding.overlap_m2 or 0.0
        elif finding.rule_id == "near":
            near_ids.append(finding.feature_id)
    emit({
        "time_s": elapsed,
        "again_s": again,
        "init_s": init_s,
        "intersects": len(overlap_ids),
        "within": len(near_ids),
        "overlap_m2": overlap_m2,
        "findings": len(result.findings),
        "timings": {k: v for k, v in result.timings.items()},
        "intersect_ids": sorted(overlap_ids) if args.get("ids") else None,
        "within_ids": sorted(near_ids) if args.get("ids") else None,
    })


if __name__ == "__main__":
    main()
