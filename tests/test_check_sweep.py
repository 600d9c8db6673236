"""The one pass per collection (core/check/sweep.py, issue 18) on a plan of many areas: the same
findings as the OGR oracle of test_check.py, also where the plan areas are looked up through
the spatial index (more than 16 areas), where areas share edges with each other and with the
data, and for statistics summed over many areas."""

import gc

import pytest
from qgis.core import QgsVectorLayer
from qgis.PyQt import sip

from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.check.sweep import LINEAR_PLANS
from regionplan_plugin.core.profile import load_profile
from tests.fixtures.check_data import X0, Y0, sq
from tests.test_check import actual, assert_same, memory_plan, oracle


@pytest.fixture(autouse=True)
def _collect_cycles():
    yield
    gc.collect()


@pytest.fixture
def data(check_layers):
    return check_layers


def _mesh(columns: int, rows: int, size: float):
    """Adjacent square plan areas over the test data: {fid: (name, wkt)} (fids from 1, as the
    memory provider gives them)."""
    areas = {}
    for row in range(rows):
        for column in range(columns):
            fid = row * columns + column + 1
            x, y = X0 - 600 + column * size, Y0 - 3300 + row * size
            areas[fid] = (f"Område {fid}", f"POLYGON({sq(x, y, size)})")
    return areas


@pytest.mark.timeout(120)
def test_many_adjacent_plan_areas_give_the_oracles_findings(check_data, data):
    areas = _mesh(6, 8, 500.0)  # 48 areas of 25 ha over the zones, roads and nodes
    assert len(areas) > LINEAR_PLANS
    plan = memory_plan([wkt for _name, wkt in areas.values()], geometry="Polygon",
                       names={i: name for i, (name, _wkt) in enumerate(areas.values())})
    try:
        result = run_check(load_profile(check_data["profile"]), plan, data, lang="en")
        expected = oracle(plans=areas)
        assert len(expected) > 60
        assert_same(actual(result), expected)
        # one outcome per (area, rule), each affected area's count equal to its findings
        counts = {}
        for finding in result.findings:
            counts[(finding.plan_index, finding.rule_id)] = counts.get((finding.plan_index, finding.rule_id), 0) + 1
        assert len(result.area_outcomes) == len(areas) * len(result.outcomes)
        assert all(o.findings == counts.get((o.plan_index, o.rule_id), 0) for o in result.area_outcomes)
    finally:
        sip.delete(plan)


@pytest.mark.timeout(120)
def test_the_same_findings_whether_the_areas_are_checked_together_or_one_by_one(check_data, data):
    areas = _mesh(5, 4, 700.0)
    profile = load_profile(check_data["profile"])
    wkts = [wkt for _name, wkt in areas.values()]
    together = memory_plan(wkts, geometry="Polygon")
    try:
        whole = run_check(profile, together, data, lang="en")
        got = {(f.plan_index, f.rule_id, f.feature_id, round(f.distance_m or 0, 6), round(f.overlap_m2 or 0, 4),
                f.geometry.asWkt(3)) for f in whole.findings}
        values = {(v.plan_index, v.statistic_id): v.value for v in whole.statistics}
    finally:
        sip.delete(together)
    alone, alone_values = set(), {}
    for index, wkt in enumerate(wkts):
        single: QgsVectorLayer = memory_plan([wkt], geometry="Polygon")
        try:
            one = run_check(profile, single, data, lang="en")
            alone |= {(index, f.rule_id, f.feature_id, round(f.distance_m or 0, 6), round(f.overlap_m2 or 0, 4),
                       f.geometry.asWkt(3)) for f in one.findings}
            alone_values.update({(index, v.statistic_id): v.value for v in one.statistics})
        finally:
            sip.delete(single)
    assert got == alone and len(got) > 20
    assert values.keys() == alone_values.keys()
    for key, value in values.items():
        assert value == pytest.approx(alone_values[key], abs=1e-9), key
