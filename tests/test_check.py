"""The plan check engine against independent oracles (GDAL/OGR, QGIS Processing).

The data (tests/fixtures/check_data.py) is written with OGR; expected findings are
recomputed here from the same WKT with ``osgeo.ogr`` (GEOS through GDAL), never with the
engine's code.
"""

import gc
import math
import os
import shutil
import stat

import pytest
from osgeo import ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeedback,
    QgsGeometry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QVariant

from regionplan_plugin.core.check import FIELD_NAMES, findings_fields, run_check
from regionplan_plugin.core.errors import Cancelled, CheckError
from regionplan_plugin.core.profile import load_profile, parse_profile
from regionplan_plugin.core.sources import LayerData
from tests.fixtures.check_data import KOMMUNER, NODES, PLANS, ROADS, RULES, X0, Y0, ZONES, profile_dict, sq

FILTERS = {
    "zones": lambda row: row["klass"] == "a",
    "nodes": lambda row: row["niva"] == "regional",
}


def _rows():
    return {
        "zones": [{"id": f"zones.{i + 1}", "namn": n, "klass": k, "wkt": w} for i, (n, k, w) in enumerate(ZONES)],
        "roads": [{"id": f"roads.{i + 1}", "namn": n, "wkt": w} for i, (n, w) in enumerate(ROADS)],
        "nodes": [{"id": f"nodes.{i + 1}", "namn": n, "niva": v, "wkt": w} for i, (n, v, w) in enumerate(NODES)],
        "kommuner": [{"id": f"kommuner.{i + 1}", "namn": n, "wkt": w} for i, (n, w) in enumerate(KOMMUNER)],
    }


def oracle(rules=RULES, plans=PLANS):
    """{(plan_fid, rule_id, feature_id): (distance, overlap_m2 or None)} computed with OGR."""
    rows = _rows()
    expected = {}
    for fid, (_name, plan_wkt) in plans.items():
        plan = ogr.CreateGeometryFromWkt(plan_wkt)
        for rule in rules:
            keep = FILTERS.get(rule["collection"]) if rule.get("filter") else None
            candidates = [row for row in rows[rule["collection"]] if keep is None or keep(row)]
            relation = rule["relation"]
            found = {}
            nearest = None
            for row in candidates:
                other = ogr.CreateGeometryFromWkt(row["wkt"])
                polygon = other.GetGeometryType() in (ogr.wkbPolygon, ogr.wkbMultiPolygon)
                overlap = plan.Intersection(other).GetArea() if polygon else None
                distance = plan.Distance(other)
                if relation == "intersects":
                    if plan.Intersects(other) and (not polygon or overlap >= rule.get("min_overlap_m2", 0)):
                        found[row["id"]] = (0.0, overlap)
                elif relation == "within_distance":
                    if distance <= rule["distance_m"]:
                        found[row["id"]] = (distance, overlap)
                else:
                    if nearest is None or distance < nearest[1]:
                        nearest = (row["id"], distance, overlap)
            if relation == "beyond_distance":
                if nearest is None:
                    found[""] = (None, None)
                elif nearest[1] > rule["distance_m"]:
                    found[nearest[0]] = (nearest[1], nearest[2])
            for feature_id, value in found.items():
                expected[(fid, rule["id"], feature_id)] = value
    return expected


def actual(result):
    return {(f.plan_fid, f.rule_id, f.feature_id): (f.distance_m, f.overlap_m2) for f in result.findings}


def assert_same(got, expected, tol=1e-6, rel=1e-7):
    assert sorted(got) == sorted(expected)
    for key, (distance, overlap) in expected.items():
        g_distance, g_overlap = got[key]
        if distance is None:
            assert g_distance is None, key
        else:
            assert g_distance == pytest.approx(distance, abs=tol, rel=rel), key
        if overlap is None:
            assert g_overlap is None, key
        else:
            assert g_overlap == pytest.approx(overlap, abs=tol * 10, rel=rel), key



@pytest.fixture(autouse=True)
def _collect_cycles():
    yield
    gc.collect()  # QGIS objects in reference cycles: free them while QGIS is alive, not at exit

@pytest.fixture
def profile(check_data):
    return load_profile(check_data["profile"])


@pytest.fixture
def data(check_layers):
    return check_layers


@pytest.fixture
def plans(check_data):
    layer = QgsVectorLayer(check_data["gpkg"] + "|layername=plans", "plans", "ogr")
    assert layer.isValid()
    yield layer
    sip.delete(layer)  # pytest keeps fixture values past QgsApplication.exitQgis(): free it now


def memory_plan(wkts, crs="EPSG:3006", geometry="MultiPolygon", names=None):
    layer = QgsVectorLayer(f"{geometry}?crs={crs}&field=namn:string" if crs else f"{geometry}?field=namn:string",
                           "plan", "memory")
    layer.setCrs(QgsCoordinateReferenceSystem(crs) if crs else QgsCoordinateReferenceSystem())
    features = []
    for i, wkt in enumerate(wkts):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([(names or {}).get(i, f"Plan {i}")])
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


# --------------------------------------------------------------------------- oracle


def test_every_relation_matches_the_ogr_oracle(profile, plans, data):
    result = run_check(profile, plans, data, lang="en")
    expected = oracle()
    assert_same(actual(result), expected)
    # the cases the data was built for are really there
    assert (1, "zones-near", "zones.2") in expected  # in the hole: 100 m from the hole's edge
    assert expected[(1, "zones-near", "zones.2")][0] == pytest.approx(100.0)
    assert (1, "zones-near", "zones.3") in expected  # 1 mm gap
    assert (1, "zones-intersects", "zones.3") not in expected
    assert (1, "zones-intersects", "zones.4") in expected  # edge contact counts as intersects
    assert (1, "zones-min-overlap", "zones.7") not in expected  # 500 m2 sliver < 1000 m2
    assert (1, "zones-intersects", "zones.6") not in expected  # filtered out
    assert expected[(2, "zones-intersects", "zones.5")][1] == pytest.approx(150000.0 + 90000.0)  # multipart: both parts
    assert expected[(3, "nodes-beyond", "nodes.2")][0] > 6000  # the nearest node of the whole collection


def test_overlap_share_and_names(profile, plans, data):
    result = run_check(profile, plans, data, lang="sv")
    by_key = {(f.plan_fid, f.rule_id, f.feature_id): f for f in result.findings}
    overlap = by_key[(1, "zones-intersects", "zones.1")]
    plan_area = ogr.CreateGeometryFromWkt(PLANS[1][1]).GetArea()  # 1e6 - 160000 (the hole)
    assert overlap.overlap_share == pytest.approx(40000.0 / plan_area)
    assert overlap.plan_name == "Planområde Norr"
    assert overlap.feature_name == "Zon överlapp"
    assert overlap.severity == "conflict"
    assert overlap.message == "Meddelande zones-intersects"
    assert overlap.relation == "intersects"
    assert overlap.collection == "zones"
    line = by_key[(1, "roads-near", "roads.2")]
    assert line.overlap_m2 is None and line.overlap_share is None
    assert line.distance_m == pytest.approx(50.0)


def test_findings_geometries_follow_the_contract(profile, plans, data):
    result = run_check(profile, plans, data, lang="en")
    by_key = {(f.plan_fid, f.rule_id, f.feature_id): f for f in result.findings}
    # P ∩ F for an overlapping polygon: area equals the OGR intersection
    poly = by_key[(1, "zones-intersects", "zones.1")].geometry
    assert poly.type() == QgsWkbTypes.PolygonGeometry
    expected = ogr.CreateGeometryFromWkt(PLANS[1][1]).Intersection(ogr.CreateGeometryFromWkt(ZONES[0][2]))
    assert poly.area() == pytest.approx(expected.GetArea())
    # shortest line for a distance: length = distance, ends on P and on F
    line = by_key[(1, "nodes-within", "nodes.1")].geometry
    assert line.type() == QgsWkbTypes.LineGeometry
    assert line.length() == pytest.approx(800.0)
    # a point where a line touches / crosses P
    point = by_key[(1, "roads-cross", "roads.1")].geometry
    assert point.type() == QgsWkbTypes.PointGeometry
    # the layer: exact contract fields, one feature per finding, CRS of the profile
    layer = result.to_layer()
    assert [f.name() for f in layer.fields()] == list(FIELD_NAMES)
    assert [f.name() for f in findings_fields()] == list(FIELD_NAMES)
    assert layer.featureCount() == len(result.findings)
    assert layer.crs().authid() == "EPSG:3006"
    types = {f.name(): f.type() for f in layer.fields()}
    assert types["distance_m"] == QVariant.Double and types["plan_fid"] in (QVariant.Int, QVariant.LongLong)
    assert types["feature_id"] == QVariant.String


def test_not_affected_and_counts(profile, plans, data):
    result = run_check(profile, plans, data, lang="en")
    outcomes = {o.rule.id: o for o in result.outcomes}
    assert sorted(p.fid for p in outcomes["roads-cross"].not_affected) == [2, 3]
    assert sorted(p.fid for p in outcomes["nodes-beyond"].not_affected) == [2]  # a node 200 m away
    assert outcomes["neighbours"].not_affected == []
    counts = result.counts
    expected = oracle()
    severity = {rule["id"]: rule["severity"] for rule in RULES}
    for level in ("conflict", "attention", "support", "info"):
        assert counts[level] == sum(1 for key in expected if severity[key[1]] == level)
    assert result.verdict == "conflict"
    assert result.host_municipalities == ["Hemkommun"]
    assert [name for name, _d in result.neighbours] == ["Grannkommun"]
    assert result.neighbours[0][1] == pytest.approx(1700.0)


def test_overlap_shares_match_processing_calculatevectoroverlaps(qgis_processing, profile, plans, data, check_data):
    import processing

    zones = QgsVectorLayer(check_data["gpkg"] + "|layername=zones", "zones", "ogr")
    zones.setSubsetString("\"klass\" = 'a'")
    out = processing.run(
        "native:calculatevectoroverlaps", {"INPUT": plans, "LAYERS": [zones], "OUTPUT": "TEMPORARY_OUTPUT"}
    )["OUTPUT"]
    pc_field = [f.name() for f in out.fields() if f.name().endswith("_pc")][0]
    theirs = {f["fid"] if "fid" in f.fields().names() else f.id(): f[pc_field] for f in out.getFeatures()}
    result = run_check(profile, plans, data, lang="en")
    ours = {}
    for finding in result.findings:
        if finding.rule_id == "zones-intersects":
            ours[finding.plan_fid] = ours.get(finding.plan_fid, 0.0) + (finding.overlap_share or 0.0) * 100
    assert ours[1] > 0 and ours[2] > 0
    for fid in (1, 2, 3):
        assert ours.get(fid, 0.0) == pytest.approx(theirs[fid], rel=0.005, abs=1e-6)


# --------------------------------------------------------------------------- CRS


def _reprojected_plans(check_data, epsg, tmp_path):
    """The plan layer written in another CRS with OGR/OSR (traditional x/y order)."""
    src = ogr.Open(check_data["gpkg"])
    layer = src.GetLayerByName("plans")
    source_srs = layer.GetSpatialRef()
    target = osr.SpatialReference()
    target.ImportFromEPSG(epsg)
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    source_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(source_srs, target)
    path = str(tmp_path / f"plans_{epsg}.gpkg")
    dst = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    out = dst.CreateLayer("plans", target, ogr.wkbMultiPolygon)
    out.CreateField(ogr.FieldDefn("namn", ogr.OFTString))
    for feature in layer:
        geometry = feature.GetGeometryRef().Clone()
        geometry.Transform(transform)
        new = ogr.Feature(out.GetLayerDefn())
        new.SetFID(feature.GetFID())
        new.SetField("namn", feature.GetField("namn"))
        new.SetGeometry(geometry)
        out.CreateFeature(new)
    dst = None
    qlayer = QgsVectorLayer(path + "|layername=plans", "plans", "ogr")
    assert qlayer.crs().authid() == f"EPSG:{epsg}"
    return qlayer


@pytest.mark.parametrize("epsg", [3009, 4326])
def test_same_findings_for_a_plan_in_another_crs(profile, plans, data, check_data, tmp_path, epsg):
    reference = run_check(profile, plans, data, lang="en")
    other = run_check(profile, _reprojected_plans(check_data, epsg, tmp_path), data, lang="en")
    assert other.plan_crs == f"EPSG:{epsg}"
    got = actual(other)
    want = actual(reference)
    assert sorted(got) == sorted(want)
    for key, (distance, overlap) in want.items():
        if distance is None:
            assert got[key][0] is None
        else:
            assert got[key][0] == pytest.approx(distance, abs=0.01)  # centimetres after two projections
        if overlap is not None:
            assert got[key][1] == pytest.approx(overlap, rel=1e-5, abs=1.0)
    for finding in other.findings:  # findings are in the profile CRS
        assert finding.geometry.boundingBox().xMinimum() > 100000


# --------------------------------------------------------------------------- plan input


def test_selected_features_only(profile, plans, data):
    plans.selectByIds([2])
    result = run_check(profile, plans, data, lang="en", selected_only=True)
    assert {f.plan_fid for f in result.findings} == {2}
    assert [p.fid for p in result.plan_features] == [2]
    plans.removeSelection()
    with pytest.raises(CheckError) as error:
        run_check(profile, plans, data, lang="en", selected_only=True)
    assert "selected" in str(error.value)


def test_refuses_a_non_polygon_layer(profile, data):
    layer = memory_plan([f"LINESTRING({X0} {Y0},{X0 + 10} {Y0})"], geometry="LineString")
    with pytest.raises(CheckError) as error:
        run_check(profile, layer, data)
    assert "not a polygon layer" in str(error.value)


def test_refuses_an_empty_layer(profile, data):
    with pytest.raises(CheckError) as error:
        run_check(profile, memory_plan([]), data)
    assert "has no features" in str(error.value)


def test_refuses_a_layer_without_crs(profile, data):
    layer = memory_plan([f"POLYGON({sq(X0, Y0, 10)})"], crs="")
    assert not layer.crs().isValid()
    with pytest.raises(CheckError) as error:
        run_check(profile, layer, data)
    assert "coordinate reference system" in str(error.value)


def test_null_and_empty_geometries_are_skipped_and_noted(profile, data):
    layer = memory_plan([None, "MULTIPOLYGON EMPTY", f"POLYGON({sq(X0, Y0, 1000)})"])
    result = run_check(profile, layer, data, lang="en")
    assert [p.fid for p in result.plan_features] == [3]
    assert [r.plan_fid for r in result.repairs] == [1, 2]
    assert all("no geometry" in r.reason for r in result.repairs)
    with pytest.raises(CheckError) as error:
        run_check(profile, memory_plan([None]), data)
    assert "usable polygon" in str(error.value)


def test_self_intersecting_plan_is_repaired_and_noted(profile, data):
    bowtie = f"POLYGON(({X0} {Y0},{X0 + 1000} {Y0 + 1000},{X0 + 1000} {Y0},{X0} {Y0 + 1000},{X0} {Y0}))"
    layer = memory_plan([bowtie], geometry="Polygon")
    result = run_check(profile, layer, data, lang="en")
    assert len(result.repairs) == 1 and "makeValid" in result.repairs[0].reason
    repaired = ogr.CreateGeometryFromWkt(bowtie).MakeValid()
    assert result.plan_features[0].area_m2 == pytest.approx(repaired.GetArea())
    assert result.plan_features[0].geometry.isGeosValid()
    finding = [f for f in result.findings if f.rule_id == "zones-intersects" and f.feature_id == "zones.1"]
    assert finding and finding[0].overlap_m2 == pytest.approx(
        repaired.Intersection(ogr.CreateGeometryFromWkt(ZONES[0][2])).GetArea()
    )


def test_curved_and_3d_plans_are_converted(profile, data):
    arcs = f"{X0} {Y0},{X0 + 500} {Y0 + 500},{X0} {Y0 + 1000},{X0 - 500} {Y0 + 500},{X0} {Y0}"
    curved = f"CURVEPOLYGON(CIRCULARSTRING({arcs}))"
    layer = memory_plan([curved], geometry="CurvePolygon")
    result = run_check(profile, layer, data, lang="en")
    assert "curved" in result.repairs[0].reason
    assert result.plan_features[0].area_m2 == pytest.approx(math.pi * 500**2, rel=0.01)
    z_layer = memory_plan([f"POLYGONZM(({X0} {Y0} 5 1,{X0 + 1000} {Y0} 5 1,{X0 + 1000} {Y0 + 1000} 5 1,"
                           f"{X0} {Y0} 5 1))"], geometry="PolygonZM")
    result = run_check(profile, z_layer, data, lang="en")
    assert "Z and M" in result.repairs[0].reason
    assert not QgsWkbTypes.hasZ(result.plan_features[0].geometry.wkbType())
    assert result.plan_features[0].area_m2 == pytest.approx(500000.0)


def test_a_100k_vertex_plan(profile, data):
    n = 100000
    ring = ",".join(
        f"{X0 + 500 + 600 * math.cos(2 * math.pi * i / n)} {Y0 + 500 + 600 * math.sin(2 * math.pi * i / n)}"
        for i in range(n)
    )
    wkt = f"POLYGON(({ring},{X0 + 1100} {Y0 + 500}))"
    layer = memory_plan([wkt], geometry="Polygon")
    result = run_check(profile, layer, data, lang="en")
    assert result.timings["total"] < 60
    expected = oracle(plans={1: ("big", wkt)})
    assert_same(actual(result), expected, tol=1e-4)


def test_a_plan_far_outside_the_region(profile, data):
    layer = memory_plan([f"POLYGON({sq(X0 + 500000, Y0 + 500000, 1000)})"])
    result = run_check(profile, layer, data, lang="en")
    assert result.findings == []
    assert result.outside_region
    assert any("outside" in note for note in result.notes)


def test_a_plan_from_a_read_only_source(profile, data, check_data, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "plans.gpkg"
    shutil.copy(check_data["gpkg"], path)
    before = _dump(path)
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        layer = QgsVectorLayer(f"{path}|layername=plans", "plans", "ogr")
        layer.setReadOnly(True)
        assert layer.isValid()
        result = run_check(profile, layer, data, lang="en")
        assert_same(actual(result), oracle())
        del layer
    finally:
        os.chmod(folder, stat.S_IRWXU)
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    assert _dump(path) == before  # the plan itself is untouched


def _dump(path):
    dataset = ogr.Open(str(path))
    rows = []
    for i in range(dataset.GetLayerCount()):
        layer = dataset.GetLayerByIndex(i)
        for feature in layer:
            rows.append((layer.GetName(), feature.GetFID(), feature.GetGeometryRef().ExportToWkt(),
                         [feature.GetField(j) for j in range(feature.GetFieldCount())]))
    return rows


# --------------------------------------------------------------------------- rules, progress


def test_disabled_rules(profile, plans, data):
    result = run_check(profile, plans, data, lang="en", disabled_rules=("zones-intersects", "neighbours"))
    assert result.disabled_rules == ["zones-intersects", "neighbours"]
    assert {f.rule_id for f in result.findings}.isdisjoint({"zones-intersects", "neighbours"})
    # a rule switched off is not checked (issue 13): the verdict never reads as if it had been
    assert result.counts["conflict"] == 0 and result.verdict == "incomplete" and result.not_checked == 2
    off = [o for o in result.area_outcomes if o.rule_id in ("zones-intersects", "neighbours")]
    assert len(off) == 2 * len(result.plan_features)
    assert {(o.state, o.reason) for o in off} == {("not_checked", "switched off for this run")}


def test_a_filter_on_a_missing_field_is_a_clear_error(plans, data):
    rules = [{"id": "bad", "collection": "zones", "filter": "\"saknas\" = 'x'", "relation": "intersects",
              "severity": "info"}]
    profile = parse_profile(profile_dict(rules))
    with pytest.raises(CheckError) as error:
        run_check(profile, plans, data, lang="en")
    assert "bad" in str(error.value)


def test_beyond_distance_with_no_feature_at_all(plans, data):
    rules = [{"id": "none", "collection": "nodes", "filter": "\"niva\" = 'saknas'", "relation": "beyond_distance",
              "distance_m": 500, "severity": "info"}]
    profile = parse_profile(profile_dict(rules))
    result = run_check(profile, plans, data, lang="en")
    assert len(result.findings) == 3
    for finding in result.findings:
        assert finding.feature_id == "" and finding.distance_m is None
        plan = [p for p in result.plan_features if p.fid == finding.plan_fid][0]
        assert finding.geometry.area() == pytest.approx(plan.area_m2)  # P itself


def test_progress_and_cancel(profile, plans, data):
    feedback = QgsFeedback()
    seen = []
    feedback.progressChanged.connect(seen.append)
    run_check(profile, plans, data, lang="en", feedback=feedback)
    assert seen and seen[-1] == 100
    assert seen == sorted(seen)
    cancelled = QgsFeedback()
    cancelled.cancel()
    with pytest.raises(Cancelled):
        run_check(profile, plans, data, lang="en", feedback=cancelled)


def test_profile_crs_is_the_findings_crs(plans, data):
    assert QgsCoordinateReferenceSystem("EPSG:3006").isValid()
    profile = parse_profile(profile_dict())
    result = run_check(profile, plans, data, lang="en")
    assert result.crs == "EPSG:3006"
    assert result.to_layer().crs().authid() == "EPSG:3006"


def test_cost_follows_the_features_near_the_plan(profile, plans, data, check_data, tmp_path):
    """50,000 extra zones far from the plan: the same candidates are examined and the same
    findings come out (bbox queries on the GeoPackage R-tree, not a scan)."""
    path = str(tmp_path / "big.gpkg")
    source = ogr.Open(check_data["gpkg"])
    target = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    zones = target.CopyLayer(source.GetLayerByName("zones"), "zones")
    target.StartTransaction()
    definition = zones.GetLayerDefn()
    for i in range(50000):
        feature = ogr.Feature(definition)
        feature.SetField("rp_id", f"far.{i}")
        feature.SetField("klass", "a")
        x = X0 + 100000 + (i % 250) * 300
        y = Y0 + 100000 + (i // 250) * 300
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POLYGON({sq(x, y, 100)})"))
        zones.CreateFeature(feature)
    target.CommitTransaction()
    target = None
    source = None
    small = run_check(profile, plans, data, lang="en")
    big_data = LayerData.from_geopackage(path, "EPSG:3006")
    big_data.layers.update({cid: data.layers[cid] for cid in ("roads", "nodes", "kommuner")})
    big = run_check(profile, plans, big_data, lang="en")
    assert actual(big) == actual(small)
    small_candidates = {o.rule.id: o.candidates for o in small.outcomes}
    assert {o.rule.id: o.candidates for o in big.outcomes} == small_candidates
    assert big.timings["rule:zones-intersects"] < 1.0
    big_data.layers.clear()
    big_data._ready.clear()


def test_beyond_distance_finds_a_single_far_feature(plans):
    """One node 80 km away (a dataset whose extent is a single point): it is the nearest."""
    point = f"POINT({X0 + 80000} {Y0 + 1000})"
    nodes = QgsVectorLayer("Point?crs=EPSG:3006&field=rp_id:string&field=namn:string", "nodes", "memory")
    feature = QgsFeature(nodes.fields())
    feature.setAttributes(["n.1", "Fjärran nod"])
    feature.setGeometry(QgsGeometry.fromWkt(point))
    nodes.dataProvider().addFeatures([feature])
    access = LayerData({"nodes": nodes}, "EPSG:3006")
    rules = [{"id": "far", "collection": "nodes", "relation": "beyond_distance", "distance_m": 1000,
              "severity": "attention"}]
    result = run_check(parse_profile(profile_dict(rules)), plans, access, lang="en")
    assert len(result.findings) == 3
    for finding in result.findings:
        assert finding.feature_id == "n.1" and finding.feature_name == "Fjärran nod"
        plan = ogr.CreateGeometryFromWkt(PLANS[finding.plan_fid][1])
        assert finding.distance_m == pytest.approx(plan.Distance(ogr.CreateGeometryFromWkt(point)))
    access.layers.clear()
    access._ready.clear()
