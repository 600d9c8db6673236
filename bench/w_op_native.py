"""Worker: the native QGIS pipeline a planner would chain for the answers of our whole-ÖP check
(issue 18, item 3), through ``processing.run`` in a standalone QGIS, on the same GeoPackages.

Per rule of ``resources/profiles/orebro.json``: the plan areas it applies to
(``native:extractbyexpression`` on ``purpose``), the matching features (the rule's filter,
``native:extractbyexpression``), then

* ``intersects``: ``native:joinattributesbylocation`` (intersects, one-to-many) for the
  (plan area, feature) pairs; for polygons ``native:intersection`` for the overlap areas (and
  ``min_overlap_m2``);
* ``within_distance``: ``native:buffer`` (32 segments) and ``native:joinattributesbylocation``;
  for polygons the overlap areas as above;
* ``beyond_distance``: ``native:joinbynearest`` (1 neighbour): the areas whose nearest match
  is farther than the distance.

Statistics: ``native:intersection`` of the plan with ``jordbruksmark`` once (hectares per area
and class), the nodes within 800 m (buffer + join, counted), the share of each area within 800 m of
a node (the nodes buffered, ``native:intersection`` with the plan, ``native:dissolve`` per area),
the primary corridors' length inside (``native:intersection``), the population (the squares'
areas by ``native:fieldcalculator``, ``native:intersection`` with the plan or its 1 km buffer,
each square weighted by its share inside). The pipeline's best case: each algorithm once, reused where two
rules or statistics need the same output; memory outputs. Timed: opening the layers, every
step and reading the answers out of the outputs. Every memory output a later step queries gets a
spatial index (``native:createspatialindex``; without one each box query scans the whole layer).
Not timed: QGIS and Processing start-up.
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import ROOT, emit, worker_args  # noqa: E402
from bench.qgis_env import start_qgis  # noqa: E402

PROFILE = os.path.join(ROOT, "resources", "profiles", "orebro.json")
SEGMENTS = 32


def main():
    args = worker_args()
    t0 = time.perf_counter()
    start_qgis(processing=True)
    from qgis.core import QgsVectorLayer

    init_s = time.perf_counter() - t0
    with open(PROFILE, encoding="utf-8") as handle:
        profile = json.load(handle)
    start = time.perf_counter()
    plan = QgsVectorLayer(args["plan"] + "|layername=plan", "plan", "ogr")
    layers = {}

    def data(cid):
        if cid not in layers:
            layers[cid] = QgsVectorLayer(os.path.join(args["data_dir"], cid + ".gpkg") + "|layername=features",
                                         cid, "ogr")
        return layers[cid]

    answers, steps = check(profile, plan, data)
    elapsed = time.perf_counter() - start
    emit({"time_s": elapsed, "init_s": init_s, "steps": steps,
          "pairs": {rule: len(items) for rule, items in answers["pairs"].items()},
          "answers": answers if args.get("answers") else None})


def check(profile, plan, data, id_field="rp_id", statistics=True):
    """The profile's rules (and statistics) answered by the native pipeline for the plan layer
    ``plan`` (a metric CRS, field ``fid``) with the datasets ``data(collection) -> layer``:
    ``({"pairs": {rule: [[plan fid, feature id]]}, "overlap_m2": {rule: m2}, "statistics": {id:
    sum}}, {rule or "statistics": seconds})``. ``id_field``: the datasets' feature id."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()

    def run(alg, params):
        return processing.run(alg, params, context=context, feedback=feedback)["OUTPUT"]

    memo = {}

    def once(key, make):
        if key not in memo:
            memo[key] = make()
        return memo[key]

    def plans_for(rule):
        applies = rule.get("applies_to")
        if not applies or plan.fields().indexOf("purpose") < 0:  # no purposes: every rule applies
            return plan
        expression = '"purpose" IN ({})'.format(", ".join(f"'{p}'" for p in applies))
        return once(("plans", expression), lambda: indexed(run("native:extractbyexpression", {
            "INPUT": plan, "EXPRESSION": expression, "OUTPUT": "memory:"})))

    def matching(cid, expression):
        if not expression:
            return data(cid)
        return once(("data", cid, expression), lambda: indexed(run("native:extractbyexpression", {
            "INPUT": data(cid), "EXPRESSION": expression, "OUTPUT": "memory:"})))

    def indexed(layer):
        """A memory output with a spatial index (without one every box query scans it all)."""
        run("native:createspatialindex", {"INPUT": layer})
        return layer

    def buffered(plans, distance, key):
        return once(("buffer", key, distance), lambda: indexed(run("native:buffer", {
            "INPUT": plans, "DISTANCE": distance, "SEGMENTS": SEGMENTS, "END_CAP_STYLE": 0, "JOIN_STYLE": 0,
            "MITER_LIMIT": 2, "DISSOLVE": False, "OUTPUT": "memory:"})))

    def pairs(plans, join):
        out = run("native:joinattributesbylocation", {
            "INPUT": plans, "JOIN": join, "PREDICATE": [0], "JOIN_FIELDS": [id_field], "METHOD": 0,
            "DISCARD_NONMATCHING": True, "PREFIX": "j_", "OUTPUT": "memory:"})
        return sorted([int(f["fid"]), f["j_" + id_field]] for f in out.getFeatures())

    def overlaps(plans, join, key):
        def make():
            out = run("native:intersection", {"INPUT": plans, "OVERLAY": join, "INPUT_FIELDS": ["fid"],
                                              "OVERLAY_FIELDS": [id_field], "OVERLAY_FIELDS_PREFIX": "j_",
                                              "OUTPUT": "memory:"})
            areas = {}
            for feature in out.getFeatures():
                pair = (int(feature["fid"]), feature["j_" + id_field])
                areas[pair] = areas.get(pair, 0.0) + feature.geometry().area()
            return areas
        return once(("intersection", key), make)

    answers, overlap_sum, steps = {}, {}, {}
    for rule in profile["rules"]:
        t = time.perf_counter()
        plans = plans_for(rule)
        join = matching(rule["collection"], rule.get("filter"))
        polygons = join.geometryType() == 2
        key = (rule["collection"], rule.get("filter"), tuple(rule.get("applies_to") or ()))
        relation = rule["relation"]
        if relation == "intersects":
            found = pairs(plans, join)
            if polygons:
                areas = overlaps(plans, join, key)
                minimum = float(rule.get("min_overlap_m2") or 0)
                if minimum > 0:
                    found = [p for p in found if areas.get(tuple(p), 0.0) >= minimum]
                overlap_sum[rule["id"]] = round(sum(areas.get(tuple(p), 0.0) for p in found), 1)
        elif relation == "within_distance":
            found = pairs(buffered(plans, float(rule["distance_m"]), key[2]), join)
            if polygons:
                areas = overlaps(plans, join, key)
                overlap_sum[rule["id"]] = round(sum(areas.get(tuple(p), 0.0) for p in found), 1)
        else:
            out = run("native:joinbynearest", {"INPUT": plans, "INPUT_2": join, "FIELDS_TO_COPY": [id_field],
                                               "DISCARD_NONMATCHING": False, "PREFIX": "j_", "NEIGHBORS": 1,
                                               "OUTPUT": "memory:"})
            limit = float(rule["distance_m"])
            found = sorted([int(f["fid"]), f["j_" + id_field] or ""] for f in out.getFeatures()
                           if f["distance"] is None or float(f["distance"]) > limit)
        if found:
            answers[rule["id"]] = found
        steps[rule["id"]] = time.perf_counter() - t
    totals = {}
    if statistics:
        t = time.perf_counter()
        totals = native_statistics(profile, plan, matching, buffered, run, pairs, steps)
        steps["statistics"] = time.perf_counter() - t
    return {"pairs": answers, "overlap_m2": overlap_sum, "statistics": totals}, steps


def native_statistics(profile, plan, matching, buffered, run, pairs, steps=None) -> dict:
    """The sums over the plan areas of the profile's statistics (the measures it uses);
    ``steps``: the seconds of each statistic are added there ("statistic:<id>", the farmland classes
    together as "statistic:farmland")."""
    totals = {}
    steps = {} if steps is None else steps
    t = time.perf_counter()
    farmland = run("native:intersection", {"INPUT": plan, "OVERLAY": matching("jordbruksmark", None),
                                           "INPUT_FIELDS": ["fid"], "OVERLAY_FIELDS": ["klass"],
                                           "OVERLAY_FIELDS_PREFIX": "j_", "OUTPUT": "memory:"})
    by_class = {}
    for feature in farmland.getFeatures():
        klass = int(feature["j_klass"])
        by_class[klass] = by_class.get(klass, 0.0) + feature.geometry().area() / 10000.0
    steps["statistic:farmland"] = time.perf_counter() - t
    for statistic in profile.get("statistics", []):
        t = time.perf_counter()
        measure, sid = statistic["measure"], statistic["id"]
        if statistic["collection"] == "jordbruksmark" and measure == "area_ha":
            wanted = statistic.get("filter")
            value = sum(ha for klass, ha in by_class.items() if not wanted or wanted == f'"klass" = {klass}')
        elif measure == "count":
            zone = buffered(plan, float(statistic["distance_m"]), "statistic")
            value = float(len(pairs(zone, matching(statistic["collection"], statistic.get("filter")))))
        elif measure == "share" and statistic.get("distance_m"):
            value = _walking_share(plan, matching(statistic["collection"], statistic.get("filter")),
                                   float(statistic["distance_m"]), run)
        elif measure.startswith("sum:"):
            zone = buffered(plan, float(statistic["distance_m"]), "statistic") if statistic.get("distance_m") else plan
            value = _weighted_sum(zone, matching(statistic["collection"], statistic.get("filter")), measure[4:], run)
        elif measure == "length_km":
            lines = run("native:intersection", {"INPUT": matching(statistic["collection"], statistic.get("filter")),
                                                "OVERLAY": plan,
                                                "OVERLAY_FIELDS": ["fid"], "OUTPUT": "memory:"})  # lines out
            value = sum(f.geometry().length() for f in lines.getFeatures()) / 1000.0
        else:
            continue
        totals[sid] = round(value, 4)
        key = "statistic:" + ("farmland" if statistic["collection"] == "jordbruksmark" else sid)
        steps[key] = steps.get(key, 0.0) + time.perf_counter() - t
    return totals


def _walking_share(plan, points, distance, run) -> float:
    """The sum over the plan areas of the share within ``distance`` of the points: the points
    buffered, cut by the plan areas, dissolved per area."""
    zones = run("native:buffer", {"INPUT": points, "DISTANCE": distance, "SEGMENTS": SEGMENTS, "END_CAP_STYLE": 0,
                                  "JOIN_STYLE": 0, "MITER_LIMIT": 2, "DISSOLVE": False, "OUTPUT": "memory:"})
    pieces = run("native:intersection", {"INPUT": plan, "OVERLAY": zones, "INPUT_FIELDS": ["fid"],
                                         "OVERLAY_FIELDS": ["rp_id"], "OVERLAY_FIELDS_PREFIX": "j_",
                                         "OUTPUT": "memory:"})
    covered = run("native:dissolve", {"INPUT": pieces, "FIELD": ["fid"], "OUTPUT": "memory:"})
    areas = {int(f["fid"]): f.geometry().area() for f in plan.getFeatures()}
    return sum(min(1.0, f.geometry().area() / areas[int(f["fid"])]) for f in covered.getFeatures()
               if areas.get(int(f["fid"])))


def _weighted_sum(zone, cells, field, run) -> float:
    """The sum of ``field`` over the cells, each weighted by the share of its area inside the zones."""
    measured = run("native:fieldcalculator", {"INPUT": cells, "FIELD_NAME": "cell_m2", "FIELD_TYPE": 0,
                                              "FIELD_LENGTH": 20, "FIELD_PRECISION": 6, "FORMULA": "$area",
                                              "OUTPUT": "memory:"})
    pieces = run("native:intersection", {"INPUT": zone, "OVERLAY": measured, "INPUT_FIELDS": ["fid"],
                                         "OVERLAY_FIELDS": [field, "cell_m2"], "OVERLAY_FIELDS_PREFIX": "j_",
                                         "OUTPUT": "memory:"})
    return sum(float(f["j_" + field]) * f.geometry().area() / float(f["j_cell_m2"]) for f in pieces.getFeatures()
               if f["j_cell_m2"])


if __name__ == "__main__":
    main()
