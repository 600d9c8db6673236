"""Issue 6, item 4: bad plan input, with the exact text a user sees.

What test_check.py already proves against the OGR oracle is not repeated; this file
asserts the user-visible notes and messages (engine and HTML report), that 3D/M plans
give exactly the 2D findings, the 100k-vertex area, partial and full "outside the
region" notes, an empty selection, and a plan in a truly read-only place (immutable
for root too), which must be checked without anything being written there.
"""

import hashlib
import math
import os
import shutil
import stat
import subprocess
import time

import pytest
from osgeo import ogr
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry, QgsVectorLayer
from qgis.PyQt import sip

from regionplan_plugin.core import report
from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.errors import CheckError
from regionplan_plugin.core.profile import load_profile
from tests.fixtures.check_data import X0, Y0, sq

NO_GEOMETRY = "The plan feature has no geometry; it was not checked."
CURVED = "curved segments were converted to straight segments"
ZM = "Z and M values were dropped (the check is 2D)"


@pytest.fixture
def profile(check_data):
    return load_profile(check_data["profile"])


@pytest.fixture
def data(check_layers):
    return check_layers


def plan(wkts, geometry="Polygon", crs="EPSG:3006", name="plan"):
    uri = f"{geometry}?crs={crs}&field=namn:string" if crs else f"{geometry}?field=namn:string"
    layer = QgsVectorLayer(uri, name, "memory")
    if not crs:
        layer.setCrs(QgsCoordinateReferenceSystem())
    features = []
    for i, wkt in enumerate(wkts):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([f"Plan {i}"])
        if wkt is not None:
            geometry_value = QgsGeometry.fromWkt(wkt)
            assert wkt.endswith("EMPTY") or not geometry_value.isNull(), wkt
            feature.setGeometry(geometry_value)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def findings(result):
    return sorted((f.plan_fid, f.rule_id, f.feature_id, f.severity, round(f.distance_m or 0, 6),
                   None if f.overlap_m2 is None else round(f.overlap_m2, 4)) for f in result.findings)


def html_of(result, tmp_path):
    path = tmp_path / "report.html"
    report.write_html(result, str(path), "en")
    return path.read_text(encoding="utf-8")


def done(result):
    result.layers.clear()
    return result


# --------------------------------------------------------------------------- repaired and noted


def test_self_intersecting_plan_note_in_engine_and_report(profile, data, tmp_path):
    bowtie = f"POLYGON(({X0} {Y0},{X0 + 1000} {Y0 + 1000},{X0 + 1000} {Y0},{X0} {Y0 + 1000},{X0} {Y0}))"
    result = run_check(profile, plan([bowtie]), data, lang="en")
    reason = result.repairs[0].reason
    assert reason.startswith("invalid geometry repaired with makeValid (") and reason.endswith(")")
    assert "intersection" in reason.lower()  # GEOS names the problem
    assert result.plan_features[0].area_m2 == pytest.approx(ogr.CreateGeometryFromWkt(bowtie).MakeValid().GetArea())
    text = html_of(result, tmp_path)
    assert "Repaired or skipped plan geometries" in text and "invalid geometry repaired with makeValid" in text
    done(result)


@pytest.mark.parametrize("wkt", [None, "POLYGON EMPTY", "MULTIPOLYGON EMPTY"])
def test_null_and_empty_geometry_exact_note(profile, data, wkt, tmp_path):
    result = run_check(profile, plan([wkt, f"POLYGON({sq(X0, Y0, 1000)})"], geometry="MultiPolygon"), data,
                       lang="en")
    assert [(r.plan_fid, r.plan_name, r.reason) for r in result.repairs] == [(1, "Plan 0", NO_GEOMETRY)]
    assert [p.fid for p in result.plan_features] == [2] and result.findings
    assert NO_GEOMETRY in html_of(result, tmp_path)
    done(result)


def test_only_null_geometries_is_refused_with_the_layer_name(profile, data):
    with pytest.raises(CheckError) as info:
        run_check(profile, plan([None, "POLYGON EMPTY"], name="Utkast"), data, lang="en")
    assert str(info.value) == "No feature of the plan layer Utkast has a usable polygon geometry."


def test_curved_plan_gives_the_findings_of_its_segmentized_polygon(profile, data, tmp_path):
    arcs = f"{X0} {Y0},{X0 + 500} {Y0 + 500},{X0} {Y0 + 1000},{X0 - 500} {Y0 + 500},{X0} {Y0}"
    curved = QgsGeometry.fromWkt(f"CURVEPOLYGON(CIRCULARSTRING({arcs}))")
    straight = QgsGeometry(curved.constGet().segmentize()).asWkt()
    got = run_check(profile, plan([curved.asWkt()], geometry="CurvePolygon"), data, lang="en")
    ref = run_check(profile, plan([straight]), data, lang="en")
    assert [r.reason for r in got.repairs] == [CURVED]
    assert findings(got) == findings(ref) and got.findings
    assert got.plan_features[0].area_m2 == pytest.approx(math.pi * 500 ** 2, rel=0.01)
    assert CURVED in html_of(got, tmp_path)
    done(got), done(ref)


@pytest.mark.parametrize("kind", ["PolygonZ", "PolygonM", "PolygonZM", "MultiPolygonZ"])
def test_3d_and_m_plans_give_the_same_findings_as_2d(profile, data, kind):
    ring2d = [(X0, Y0), (X0 + 1000, Y0), (X0 + 1000, Y0 + 1000), (X0, Y0 + 1000), (X0, Y0)]
    extra = {"PolygonZ": " 87.5", "PolygonM": " 3", "PolygonZM": " 87.5 3", "MultiPolygonZ": " 87.5"}[kind]
    ring = ",".join(f"{x} {y}{extra}" for x, y in ring2d)
    hole = ",".join(f"{x} {y}{extra}" for x, y in [(X0 + 300, Y0 + 300), (X0 + 700, Y0 + 300),
                                                    (X0 + 700, Y0 + 700), (X0 + 300, Y0 + 700), (X0 + 300, Y0 + 300)])
    body = f"(({ring}),({hole}))"
    tag = {"PolygonZ": "POLYGON Z", "PolygonM": "POLYGON M", "PolygonZM": "POLYGON ZM",
           "MultiPolygonZ": "MULTIPOLYGON Z"}[kind]
    wkt = f"{tag} ({body})" if kind.startswith("Multi") else f"{tag} {body}"
    flat = f"POLYGON(({','.join(f'{x} {y}' for x, y in ring2d)}),({hole.replace(extra, '')}))"
    got = run_check(profile, plan([wkt], geometry=kind), data, lang="en")
    ref = run_check(profile, plan([flat]), data, lang="en")
    assert [r.reason for r in got.repairs] == [ZM]
    assert findings(got) == findings(ref) and len(got.findings) >= 3
    assert got.plan_features[0].area_m2 == pytest.approx(1000 * 1000 - 400 * 400)
    done(got), done(ref)


def test_100k_vertex_plan_area_and_time(profile, data):
    n = 100000
    ring = ",".join(f"{X0 + 500 + 600 * math.cos(2 * math.pi * i / n)} {Y0 + 500 + 600 * math.sin(2 * math.pi * i / n)}"
                    for i in range(n))
    wkt = f"POLYGON(({ring},{X0 + 1100} {Y0 + 500}))"
    start = time.monotonic()
    result = run_check(profile, plan([wkt]), data, lang="en")
    elapsed = time.monotonic() - start
    assert elapsed < 30, elapsed  # well inside the test timeout, on 2 cores
    expected = ogr.CreateGeometryFromWkt(wkt).GetArea()
    assert result.plan_features[0].area_m2 == pytest.approx(expected, abs=1e-3)
    assert expected == pytest.approx(math.pi * 600 ** 2, rel=1e-6)
    assert result.repairs == [] and result.findings
    done(result)


# --------------------------------------------------------------------------- outside the region


def test_plan_far_outside_exact_note(profile, data, tmp_path):
    result = run_check(profile, plan([f"POLYGON({sq(X0 + 500000, Y0 + 500000, 1000)})"]), data, lang="en")
    note = "The plan lies outside the extent of the profile's region (Test Region); nothing was checked."
    assert result.findings == [] and result.outside_region and note in result.notes
    assert note.replace("'", "&#x27;") in html_of(result, tmp_path)
    done(result)
    swedish = run_check(profile, plan([f"POLYGON({sq(X0 + 500000, Y0 + 500000, 1000)})"]), data, lang="sv")
    assert swedish.findings == [] and "Testregionen" in " ".join(swedish.notes)
    done(swedish)


def test_one_plan_feature_outside_is_named_the_others_checked(profile, data):
    layer = plan([f"POLYGON({sq(X0, Y0, 1000)})", f"POLYGON({sq(X0 - 900000, Y0, 1000)})"])
    result = run_check(profile, layer, data, lang="en")
    assert "1 plan feature lies outside the region of Test Region and was not checked: 2." in result.notes
    assert not result.outside_region and {f.plan_fid for f in result.findings} == {1}
    done(result)
    swedish = run_check(profile, layer, data, lang="sv")
    assert "1 planområde ligger utanför Testregionen och kontrollerades inte: 2." in swedish.notes
    done(swedish)
    # two outside: the plural
    layer = plan([f"POLYGON({sq(X0, Y0, 1000)})", f"POLYGON({sq(X0 - 900000, Y0, 1000)})",
                  f"POLYGON({sq(X0 - 900000, Y0 + 5000, 1000)})"])
    result = run_check(profile, layer, data, lang="en")
    assert "2 plan features lie outside the region of Test Region and were not checked: 2, 3." in result.notes
    done(result)
    swedish = run_check(profile, layer, data, lang="sv")
    assert "2 planområden ligger utanför Testregionen och kontrollerades inte: 2, 3." in swedish.notes
    done(swedish)


# --------------------------------------------------------------------------- refused


@pytest.mark.parametrize("geometry, wkt", [
    ("Point", f"POINT({X0} {Y0})"),
    ("LineString", f"LINESTRING({X0} {Y0},{X0 + 10} {Y0})"),
    ("MultiPoint", f"MULTIPOINT(({X0} {Y0}))"),
    ("None", None),
])
def test_non_polygon_layer_exact_message(profile, data, geometry, wkt):
    with pytest.raises(CheckError) as info:
        run_check(profile, plan([wkt], geometry=geometry, name="Vägar"), data, lang="en")
    assert str(info.value) == ("The plan layer Vägar is not a polygon layer. Choose a layer whose features are the "
                               "plan areas as polygons.")


def test_layer_without_crs_exact_message(profile, data):
    layer = plan([f"POLYGON({sq(X0, Y0, 10)})"], crs="", name="Utan CRS")
    assert not layer.crs().isValid()
    with pytest.raises(CheckError) as info:
        run_check(profile, layer, data, lang="en")
    assert str(info.value) == ("The plan layer Utan CRS has no coordinate reference system. Set its CRS "
                               "(Layer Properties > Source) and run the check again.")


def test_empty_selection_exact_message(profile, data):
    layer = plan([f"POLYGON({sq(X0, Y0, 1000)})"], name="Planer")
    layer.removeSelection()
    with pytest.raises(CheckError) as info:
        run_check(profile, layer, data, lang="en", selected_only=True)
    assert str(info.value) == ("No features are selected in the plan layer Planer. Select the plan areas to check, "
                               "or check the whole layer.")
    layer.selectByIds([1])
    result = run_check(profile, layer, data, lang="en", selected_only=True)
    assert [p.fid for p in result.plan_features] == [1]
    done(result)


def test_empty_layer_exact_message(profile, data):
    with pytest.raises(CheckError) as info:
        run_check(profile, plan([], name="Tom"), data, lang="en")
    assert str(info.value) == "The plan layer Tom has no features. Draw or load the plan area first."


# --------------------------------------------------------------------------- read-only source


def _freeze(paths):
    """Make paths really read-only, also for root (chattr +i); returns an undo function or None."""
    if os.geteuid() != 0:
        for path in paths:
            os.chmod(path, stat.S_IRUSR | stat.S_IXUSR if os.path.isdir(path) else stat.S_IRUSR)
        return lambda: [os.chmod(p, stat.S_IRWXU) for p in paths]
    if shutil.which("chattr") is None:
        return None
    done_paths = []
    for path in paths:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            for p in done_paths:
                subprocess.run(["chattr", "-i", str(p)], check=False)
            return None
        done_paths.append(path)
    return lambda: [subprocess.run(["chattr", "-i", str(p)], check=False) for p in reversed(done_paths)]


def _sha(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_plan_in_a_read_only_geopackage_is_checked_without_writing(profile, data, check_data, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "plans.gpkg"
    shutil.copy(check_data["gpkg"], path)
    writable = QgsVectorLayer(f"{check_data['gpkg']}|layername=plans", "plans", "ogr")
    expected = run_check(profile, writable, data, lang="en")
    before_files, before_sha, before_mtime = sorted(os.listdir(folder)), _sha(path), os.stat(path).st_mtime_ns
    undo = _freeze([path, folder])
    if undo is None:
        pytest.skip("cannot make a file read-only here (root without chattr)")
    try:
        with pytest.raises(OSError):  # really read-only, even for root
            open(folder / "probe", "w").close()
        layer = QgsVectorLayer(f"{path}|layername=plans", "plans", "ogr")  # as a user opens it: not set read-only
        assert layer.isValid() and layer.featureCount() == 3
        result = run_check(profile, layer, data, lang="en")
        assert findings(result) == findings(expected) and result.findings
        assert result.repairs == [] and not any("cannot" in n for n in result.notes)
        done(result)
        sip.delete(layer)
    finally:
        undo()
    assert sorted(os.listdir(folder)) == before_files  # no -wal/-shm/-journal left behind
    assert _sha(path) == before_sha and os.stat(path).st_mtime_ns == before_mtime
    done(expected)
    sip.delete(writable)
