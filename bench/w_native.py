"""Worker: the native QGIS pipeline a planner would chain for the same answers as the
check, run through ``processing.run`` in a standalone QGIS.

For a dataset D and the plan P (rules: D intersects P; D within ``distance_m`` of P):

1. ``native:extractbylocation`` D intersects P            -> features that intersect
2. ``native:calculatevectoroverlaps`` P over the extract  -> overlap area (polygons only;
   fed the extract, not all of D: the pipeline's best case)
3. ``native:buffer`` P by ``distance_m`` (default 5 segments per quarter circle)
4. ``native:extractbylocation`` D intersects buffer        -> features within the distance
5. ``joinbylocationsummary`` P with D (intersects, count)  -> count per plan feature

Timed: opening the layers and the five steps. Not timed: QGIS and Processing start-up.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import emit, worker_args  # noqa: E402
from bench.qgis_env import join_summary_alg_id, start_qgis  # noqa: E402


def main():
    args = worker_args()
    t0 = time.perf_counter()
    start_qgis(processing=True)
    import processing

    init_s = time.perf_counter() - t0
    join_id = join_summary_alg_id()
    polygons = args["kind"] == "polygon"
    distance = float(args["distance_m"])

    elapsed, answers = pipeline(args, processing, join_id, polygons, distance)
    again = None
    if args.get("again"):  # a second run in the same QGIS session
        again = pipeline(args, processing, join_id, polygons, distance)[0]
    answers.update({"time_s": elapsed, "again_s": again, "init_s": init_s})
    emit(answers)


def pipeline(args, processing, join_id, polygons, distance):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    start = time.perf_counter()
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    plan = QgsVectorLayer(args["plan"] + "|layername=plan", "plan", "ogr")
    data = QgsVectorLayer(args["data"] + "|layername=features", "data", "ogr")
    assert plan.isValid() and data.isValid()

    def run(alg, params):
        return processing.run(alg, params, context=context, feedback=feedback)

    inter = run("native:extractbylocation",
                {"INPUT": data, "PREDICATE": [0], "INTERSECT": plan, "OUTPUT": "memory:"})["OUTPUT"]
    overlap = None
    if polygons:
        overlay = inter if args.get("overlap_on_extract", True) else data
        overlaps = run("native:calculatevectoroverlaps",
                       {"INPUT": plan, "LAYERS": [overlay], "OUTPUT": "memory:"})["OUTPUT"]
        area_field = [f.name() for f in overlaps.fields() if f.name().endswith("_area")][0]
        overlap = sum(f[area_field] for f in overlaps.getFeatures())
    buffered = run("native:buffer", {"INPUT": plan, "DISTANCE": distance, "SEGMENTS": 5,
                                     "END_CAP_STYLE": 0, "JOIN_STYLE": 0, "MITER_LIMIT": 2,
                                     "DISSOLVE": False, "OUTPUT": "memory:"})["OUTPUT"]
    near = run("native:extractbylocation",
               {"INPUT": data, "PREDICATE": [0], "INTERSECT": buffered, "OUTPUT": "memory:"})["OUTPUT"]
    joined = run(join_id, {"INPUT": plan, "JOIN": data, "PREDICATE": [0], "JOIN_FIELDS": ["rp_id"],
                           "SUMMARIES": [0], "DISCARD_NONMATCHING": False, "OUTPUT": "memory:"})["OUTPUT"]
    count_field = [f.name() for f in joined.fields() if f.name().endswith("_count")][0]
    joined_count = sum(int(f[count_field] or 0) for f in joined.getFeatures())
    intersect_ids = sorted(f["rp_id"] for f in inter.getFeatures())
    near_ids = sorted(f["rp_id"] for f in near.getFeatures())
    elapsed = time.perf_counter() - start
    return elapsed, {
        "intersects": len(intersect_ids),
        "within": len(near_ids),
        "joined_count": joined_count,
        "overlap_m2": overlap,
        "intersect_ids": intersect_ids if args.get("ids") else None,
        "within_ids": near_ids if args.get("ids") else None,
    }


if __name__ == "__main__":
    main()
