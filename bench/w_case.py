"""Worker (issue 18, item 5): opening a case file with 5 versions through ``core/case``.

``{"mode": "prepare", "path": …, "areas": 200, "findings": 400}`` writes the case (not timed):
5 versions of an ÖP land-use map (``areas`` plan areas each, a few change between versions),
``findings`` findings per version with outcomes, statistics, provenance, a decision on every
tenth finding and an edited statement section.

``{"path": …}`` times what opening the case shows: ``open_case``, the case info, every
version with its plan areas, the latest version's findings, outcomes, statistics, provenance,
decided view, the statement, and the comparison of the last two versions (``compare_versions``).
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import emit, worker_args  # noqa: E402
from bench.qgis_env import start_qgis  # noqa: E402

BASE_X, BASE_Y = 500000, 6550000


def square(x, y, size):
    from qgis.core import QgsGeometry

    return QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))")


def prepare(path: str, areas: int, per_version: int) -> dict:
    from regionplan_plugin.core.case import CaseInfo, create_case

    if os.path.exists(path):
        os.remove(path)
    info = CaseInfo(case_id="RÖ 2026-00999", municipality="Örebro", plan_name="Översiktsplan Örebro 2050",
                    plan_type="op", stage="samrad", profile_id="orebro")
    case = create_case(path, info)
    side = int(areas ** 0.5) + 1
    rules = ["primary-corridor", "nature-reserve", "arable-land", "flood-risk", "water-protection"]
    for version in range(1, 6):
        plan = [(f"Område {i}", square(BASE_X + (i % side) * 800, BASE_Y + (i // side) * 800,
                                       800 - (version * 7 if i % 17 == 0 else 0)))
                for i in range(areas)]
        findings = []
        for j in range(per_version):
            fid = 1 + (j * 7) % areas
            findings.append({"plan_fid": fid, "plan_name": f"Område {fid - 1}", "rule_id": rules[j % 5],
                             "severity": ("conflict", "attention", "support")[j % 3], "collection": f"c{j % 5}",
                             "feature_id": str(j // 5), "feature_name": f"Objekt {j // 5}",
                             "relation": "intersects", "distance_m": 0.0, "overlap_m2": 100.0 + j,
                             "overlap_share": None, "message": "Planen berör objektet.",
                             "geometry": square(BASE_X + (fid % side) * 800, BASE_Y + (fid // side) * 800, 50)})
        outcomes = [{"plan_fid": i + 1, "rule_id": r, "state": "affected" if (i + len(r)) % 4 == 0 else "not_affected",
                     "findings": 0, "reason": "", "collection": "c", "data_version": "v1",
                     "fetched_at": "2026-11-30T10:00:00Z"} for i in range(areas) for r in rules]
        statistics = [{"plan_fid": i + 1, "statistic_id": "population", "value": float(i), "unit": "sum"}
                      for i in range(areas)]
        provenance = [{"collection": f"c{k}", "title": f"Data {k}", "source": "https://example.se/ogc/",
                       "version": "v1", "fetched_at": "2026-11-30T10:00:00Z", "caveat": ""} for k in range(17)]
        case.add_version(f"Version {version}", plan, "EPSG:3006", findings, outcomes, statistics, provenance)
        for j in range(0, per_version, 10):
            item = findings[j]
            case.decide(version, item["rule_id"], item["feature_id"], item["plan_fid"], "agree",
                        "Godtas efter samråd.")
    case.save_statement_section("position", "sv", "Regionen har inga invändningar.")
    case.close()
    return {"size_mb": os.path.getsize(path) / 1e6}


def open_and_show(path: str) -> dict:
    from regionplan_plugin.core.case import compare_versions, open_case

    case = open_case(path)
    try:
        case.info()
        versions = case.versions()
        latest = versions[-1].version
        findings = case.findings(latest)
        case.outcomes(latest)
        case.statistics(latest)
        case.provenance(latest)
        decided = case.decided_view(latest)
        case.statement("sv")
        comparison = compare_versions(case, versions[-2].version, latest)
    finally:
        case.close()
    return {"versions": len(versions), "areas": len(versions[-1].areas), "findings": len(findings),
            "decided": len(decided), "comparison": type(comparison).__name__}


def main():
    args = worker_args()
    start_qgis()
    if args.get("mode") == "prepare":
        emit(prepare(args["path"], int(args.get("areas", 200)), int(args.get("findings", 400))))
        return
    import regionplan_plugin.core.case  # noqa: F401 - the import is not what is measured

    start = time.perf_counter()
    cpu = time.process_time()
    info = open_and_show(args["path"])
    info.update({"time_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu})
    emit(info)


if __name__ == "__main__":
    main()
