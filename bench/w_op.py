"""Worker: our check of a whole ÖP (issue 18, item 3): the 2,000 plan areas of ``gen_op.py``
against the full Örebro rule set and its statistics (``resources/profiles/orebro.json``), the
datasets read from the offline cache (``DataAccess`` offline over ``Cache``), then the report
as ``regionplan:checkplan`` writes it: ``write_html`` and ``write_pdf`` (each with its map; the
municipalities from the cache as context).

Timed: the check (opening the plan and the cache included) and each report. Not timed: QGIS
start-up. ``answers``: per rule the (plan area, feature id) pairs, and the statistics, for the
comparison with the native pipeline (``w_op_native.py``).
"""

import hashlib
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import ROOT, emit, worker_args  # noqa: E402
from bench.qgis_env import start_qgis  # noqa: E402

PROFILE = os.path.join(ROOT, "resources", "profiles", "orebro.json")


def answers(result) -> dict:
    """Per rule: the sorted (plan fid, feature id) pairs (beyond_distance: (plan fid, nearest id));
    rounded overlap areas; per statistic the sum over the areas."""
    pairs, overlap = {}, {}
    for finding in result.findings:
        pairs.setdefault(finding.rule_id, []).append([finding.plan_fid, finding.feature_id])
        if finding.overlap_m2:
            overlap[finding.rule_id] = overlap.get(finding.rule_id, 0.0) + finding.overlap_m2
    stats = {}
    for value in result.statistics:
        if value.value is not None:
            stats[value.statistic_id] = stats.get(value.statistic_id, 0.0) + value.value
    return {"pairs": {rule: sorted(items) for rule, items in pairs.items()},
            "overlap_m2": {rule: round(area, 1) for rule, area in overlap.items()},
            "statistics": {key: round(total, 4) for key, total in stats.items()}}


def main():
    args = worker_args()
    t0 = time.perf_counter()
    start_qgis()
    from qgis.core import QgsVectorLayer

    from regionplan_plugin.core import report
    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.profile import load_profile
    from regionplan_plugin.core.sources import DataAccess

    init_s = time.perf_counter() - t0
    profile = load_profile(PROFILE)
    profiler = None
    if args.get("profile_out"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    plan = QgsVectorLayer(args["plan"] + "|layername=plan", "plan", "ogr")
    cache = Cache(profile.id, root=args["cache_root"])
    data = DataAccess(profile, cache, offline=True)
    result = run_check(profile, plan, data, lang="sv", purpose_field="purpose")
    check_s = time.perf_counter() - start
    if profiler is not None and not args.get("profile_report"):
        profiler.disable()
    html_s = pdf_s = None
    sizes = {}
    if args.get("report_dir"):
        os.makedirs(args["report_dir"], exist_ok=True)
        context = report.cached_context(cache, result.crs)
        html = os.path.join(args["report_dir"], "op.html")
        t = time.perf_counter()
        report.write_html(result, html, "sv", context_layers=context)
        html_s = time.perf_counter() - t
        pdf = os.path.join(args["report_dir"], "op.pdf")
        t = time.perf_counter()
        report.write_pdf(result, pdf, "sv", context_layers=context)
        pdf_s = time.perf_counter() - t
        sizes = {"html_mb": os.path.getsize(html) / 1e6, "pdf_mb": os.path.getsize(pdf) / 1e6}
    if profiler is not None:
        if args.get("profile_report"):
            profiler.disable()
        profiler.dump_stats(args["profile_out"])
    found = answers(result)
    digest = hashlib.sha256(json.dumps(
        [[f.plan_index, f.rule_id, f.feature_id, f.feature_name, round(f.distance_m or 0, 6),
          round(f.overlap_m2 or 0, 6), f.geometry.asWkt(3)] for f in result.findings]
        + [[o.plan_index, o.rule_id, o.state, o.findings] for o in result.area_outcomes]
        + [[s.plan_index, s.statistic_id, round(s.value or 0, 6)] for s in result.statistics]
        + [result.neighbours, sorted(result.hosts_by_plan.items())], ensure_ascii=False).encode()).hexdigest()
    emit({
        "time_s": check_s, "html_s": html_s, "pdf_s": pdf_s,
        "report_s": (html_s + pdf_s) if html_s is not None else None, "init_s": init_s,
        "areas": len(result.plan_features), "findings": len(result.findings), "counts": result.counts,
        "timings": dict(result.timings), "digest": digest, "sizes": sizes,
        "answers": found if args.get("answers") else None,
        "pairs": {rule: len(items) for rule, items in found["pairs"].items()},
    })


if __name__ == "__main__":
    main()
