"""The review case file (issue 14, contract section 5): round trips, decisions, the statement,
versions and their comparison, safety of the user's file, the reviewer's inbox."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from qgis.core import QgsGeometry, QgsVectorLayer

from regionplan_plugin.core.case import (
    SCHEMA,
    CaseError,
    CaseInfo,
    compare_versions,
    create_case,
    list_cases,
    open_case,
)
from regionplan_plugin.core.errors import Cancelled, RegionplanError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
pytestmark = pytest.mark.timeout(60)

INFO = CaseInfo(case_id="RÖ 2026-00123", municipality="Kumla", plan_name="Översiktsplan Kumla 2040",
                plan_type="op", stage="samrad", profile_id="orebro")


def square(x, y, size):
    return QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))")


def finding(plan_fid, rule_id, feature_id, overlap, severity="conflict", geometry=None):
    return {"plan_fid": plan_fid, "plan_name": f"Område {plan_fid}", "rule_id": rule_id,
            "severity": severity, "collection": "rus", "feature_id": feature_id,
            "feature_name": f"Objekt {feature_id}", "relation": "intersects", "distance_m": 0.0,
            "overlap_m2": overlap, "overlap_share": None, "message": "Planen berör ett stråk.",
            "geometry": geometry or QgsGeometry.fromWkt("GEOMETRYCOLLECTION(POLYGON((0 0,10 0,10 10,0 10,0 0)))")}


BASE = 6500000
PLAN_1 = [("Norr", square(500000, BASE, 1000)), ("Syd", square(500000, BASE - 1000, 1000))]
# version 2: Syd is gone (1 km² removed), a new area east of Norr (0.25 km² added)
PLAN_2 = [("Norr", square(500000, BASE, 1000)), ("Öst", square(501000, BASE, 500))]
FINDINGS_1 = [finding(1, "primary-corridor", "7", 1200.0), finding(2, "primary-corridor", "7", 300.0),
              finding(1, "nature-reserve", "NR-1", 5000.0), finding(2, "arable-land", "", None, "attention")]
FINDINGS_2 = [finding(1, "primary-corridor", "7", 1000.0), finding(1, "nature-reserve", "NR-1", 5000.0),
              finding(3, "flood-risk", "Q100", 250.0, "attention")]
OUTCOMES = [{"plan_fid": 1, "rule_id": "primary-corridor", "state": "affected", "findings": 1, "reason": "",
             "collection": "rus", "data_version": "v3", "fetched_at": "2026-11-30T10:00:00Z"}]
STATISTICS = [{"plan_fid": 1, "statistic_id": "population", "value": 1234.0, "unit": "sum"}]
PROVENANCE = [{"collection": "rus", "title": "RUS stråk", "source": "https://geodata.example.se/ogc/",
               "version": "v3", "fetched_at": "2026-11-30T10:00:00Z", "caveat": "Ungefärliga gränser."}]


def version_1(path):
    case = create_case(str(path), INFO)
    case.add_version("Samrådshandling", PLAN_1, "EPSG:3006", FINDINGS_1, OUTCOMES, STATISTICS, PROVENANCE)
    return case


def read_bytes(path):
    with open(path, "rb") as handle:
        return handle.read()


def test_round_trip_decide_edit_reopen_compare(tmp_path):
    path = tmp_path / "kumla.gpkg"
    case = version_1(path)
    assert [v.version for v in case.versions()] == [1]
    assert case.versions()[0].area_m2 == pytest.approx(2_000_000)
    assert len(case.findings(1)) == 4
    # the three kinds of decision, and the reason they need
    with pytest.raises(CaseError, match="reason"):
        case.decide(1, "nature-reserve", "NR-1", 1, "not_relevant")
    with pytest.raises(CaseError, match="reason"):
        case.decide(1, "primary-corridor", "7", 1, "severity_changed", "attention", reason="  ")
    with pytest.raises(CaseError, match="severity"):
        case.decide(1, "primary-corridor", "7", 1, "severity_changed", reason="Hanteras i kap. 5")
    with pytest.raises(CaseError, match="no such finding"):
        case.decide(1, "primary-corridor", "999", 1, "agree")
    case.decide(1, "primary-corridor", "7", 1, "severity_changed", "attention", reason="Hanteras i kap. 5")
    case.decide(1, "nature-reserve", "NR-1", 1, "not_relevant", reason="Reservatet är upphävt")
    case.decide(1, "arable-land", "", 2, "agree")
    case.save_statement_section("position", "sv", "Regionen har inga invändningar i sak.")
    case.save_statement_section("position", "sv", "Regionen tillstyrker planen.")
    case.save_statement_section("points", "sv", "Utkast", edited=False)
    case.set_info(stage="granskning")
    case.close()

    case = open_case(str(path))
    assert not case.read_only and case.notes == []
    assert case.info().case_id == "RÖ 2026-00123" and case.info().stage == "granskning"
    view = {(d.finding.rule_id, d.finding.plan_fid): d for d in case.decided_view(1)}
    changed = view[("primary-corridor", 1)]
    assert (changed.severity, changed.severity_after, changed.not_relevant) == ("conflict", "attention", False)
    assert changed.finding.severity == "conflict"  # the finding itself is never changed
    assert view[("nature-reserve", 1)].not_relevant and view[("nature-reserve", 1)].severity_after == "conflict"
    assert view[("arable-land", 2)].decision.decision == "agree"
    assert view[("primary-corridor", 2)].decision is None
    statement = case.statement("sv")
    assert statement["position"].text == "Regionen tillstyrker planen." and statement["position"].edited
    assert not statement["points"].edited and case.statement("en") == {}
    # a regenerated draft never replaces an edited section silently
    with pytest.raises(CaseError, match="was edited"):
        case.save_statement_section("position", "sv", "Nytt utkast", edited=False)
    assert case.statement("sv")["position"].text == "Regionen tillstyrker planen."
    case.save_statement_section("points", "sv", "Nytt utkast", edited=False)
    assert case.statement("sv")["points"].text == "Nytt utkast"

    assert case.add_version("Granskningshandling", PLAN_2, "EPSG:3006", FINDINGS_2) == 2
    comparison = compare_versions(case, 1, 2)
    assert [(c.rule_id, c.feature_id) for c in comparison.new] == [("flood-risk", "Q100")]
    assert [(c.rule_id, c.feature_id) for c in comparison.resolved] == [("arable-land", "")]
    unchanged = {c.rule_id: c for c in comparison.unchanged}
    assert set(unchanged) == {"primary-corridor", "nature-reserve"}
    # over the whole plan: 1200 + 300 m² before, 1000 m² now
    assert unchanged["primary-corridor"].overlap_change_m2 == pytest.approx(-500.0)
    assert unchanged["nature-reserve"].overlap_change_m2 == pytest.approx(0.0)
    assert comparison.area_added_m2 == pytest.approx(250_000)
    assert comparison.area_removed_m2 == pytest.approx(1_000_000)
    assert comparison.removed.boundingBox().yMaximum() == pytest.approx(BASE)
    # decisions of version 1 survive the new version
    assert len(case.decisions(1)) == 3 and case.decisions(2) == []
    case.close()


def test_undo_restores_the_previous_decision(tmp_path):
    case = version_1(tmp_path / "undo.gpkg")
    case.decide(1, "primary-corridor", "7", 1, "agree")
    case.decide(1, "primary-corridor", "7", 1, "not_relevant", reason="Känt sedan tidigare")
    assert case.decided_view(1)[0].not_relevant
    assert len(case.decisions(1, history=True)) == 2  # the history is kept
    removed = case.undo_decision(1, "primary-corridor", "7", 1)
    assert removed.decision == "not_relevant"
    first = case.decided_view(1)[0]
    assert first.decision.decision == "agree" and not first.not_relevant
    case.undo_decision(1, "primary-corridor", "7", 1)
    assert case.decided_view(1)[0].decision is None
    assert case.undo_decision(1, "primary-corridor", "7", 1) is None
    case.close()


def test_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "kumla.gpkg"
    path.write_bytes(b"the user's own file")
    with pytest.raises(CaseError, match="already exists"):
        create_case(str(path), INFO)
    assert path.read_bytes() == b"the user's own file"
    assert os.listdir(tmp_path) == ["kumla.gpkg"]


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "kumla.gpkg"
    version_1(path).close()
    before = read_bytes(path)
    case = open_case(str(path))

    def cancelled_check():
        yield FINDINGS_2[0]
        raise Cancelled("cancelled")

    with pytest.raises(Cancelled):
        case.add_version("Granskningshandling", PLAN_2, "EPSG:3006", cancelled_check())
    assert [v.version for v in case.versions()] == [1] and len(case.findings(1)) == 4
    case.close()
    assert read_bytes(path) == before


def test_newer_schema_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "newer.gpkg"
    version_1(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = 'regionplan-case/7' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    before = read_bytes(path)
    with pytest.raises(CaseError, match="newer version of Regionplan") as error:
        open_case(str(path))
    assert "regionplan-case/7" in str(error.value) and "Update the plugin" in str(error.value)
    assert read_bytes(path) == before


@pytest.mark.parametrize("damage", ["text", "truncated", "missing_table"])
def test_damaged_file_gives_a_clear_message_and_is_unchanged(tmp_path, damage):
    path = tmp_path / "damaged.gpkg"
    if damage == "text":
        path.write_text("<html>Not found</html>")
    else:
        version_1(path).close()
        if damage == "truncated":
            data = read_bytes(path)
            path.write_bytes(data[: len(data) // 2])
        else:
            conn = sqlite3.connect(path)
            conn.execute("DROP TABLE decisions")
            conn.commit()
            conn.close()
    before = read_bytes(path)
    with pytest.raises(CaseError) as error:
        open_case(str(path))
    message = str(error.value)
    assert "damaged.gpkg" in message and "was not changed" in message
    assert ("damaged" in message) or ("not a GeoPackage" in message)
    if damage == "missing_table":
        assert "decisions" in message
    assert isinstance(error.value, RegionplanError)
    assert read_bytes(path) == before


def test_read_only_file_opens_read_only_and_refuses_writes(tmp_path):
    path = tmp_path / "archived.gpkg"
    case = version_1(path)
    case.decide(1, "primary-corridor", "7", 1, "agree")
    case.close()
    os.chmod(path, 0o444)
    before = read_bytes(path)
    case = open_case(str(path))
    assert case.read_only and "read-only" in case.notes[0]
    assert len(case.findings(1)) == 4 and len(case.decisions(1)) == 1
    with pytest.raises(CaseError, match="read-only: nothing was saved"):
        case.decide(1, "nature-reserve", "NR-1", 1, "agree")
    with pytest.raises(CaseError, match="read-only"):
        case.save_statement_section("position", "sv", "Ny text")
    case.close()
    assert read_bytes(path) == before


def test_the_case_file_is_a_normal_geopackage(tmp_path):
    path = tmp_path / "kumla.gpkg"
    version_1(path).close()
    plan = QgsVectorLayer(f"{path}|layername=plan_versions", "plan", "ogr")
    assert plan.isValid() and plan.featureCount() == 2 and plan.crs().authid() == "EPSG:3006"
    names = sorted(f["name"] for f in plan.getFeatures())
    assert names == ["Norr", "Syd"]
    findings = QgsVectorLayer(f"{path}|layername=findings", "findings", "ogr")
    assert findings.isValid() and findings.featureCount() == 4
    assert {f["rule_id"] for f in findings.getFeatures()} == {"primary-corridor", "nature-reserve", "arable-land"}
    from osgeo import ogr
    source = ogr.Open(str(path))
    layers = {source.GetLayer(i).GetName() for i in range(source.GetLayerCount())}
    assert {"case", "plan_versions", "findings", "outcomes", "statistics", "decisions", "statement",
            "provenance", "meta"} <= layers
    del plan, findings
    # GDAL's own GeoPackage conformance checker (raises on the first requirement broken)
    from osgeo_utils.samples import validate_gpkg
    validate_gpkg.check(str(path))


def test_inbox_lists_good_and_damaged_cases_and_skips_other_geopackages(tmp_path):
    version_1(tmp_path / "a-kumla.gpkg").close()
    conn = sqlite3.connect(tmp_path / "a-kumla.gpkg")
    conn.execute('UPDATE "case" SET updated_at = ?', ("2026-01-15T09:00:00Z",))
    conn.commit()
    conn.close()
    other = create_case(str(tmp_path / "b-laxa.gpkg"),
                        CaseInfo(case_id="RÖ 2026-00200", municipality="Laxå", plan_name="DP Centrum",
                                 plan_type="dp", stage="granskning", state="sent"))
    other.close()
    (tmp_path / "c-broken.gpkg").write_bytes(b"\0" * 100)
    from osgeo import ogr
    ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp_path / "d-roads.gpkg")).CreateLayer("roads")
    (tmp_path / "notes.txt").write_text("not a case")
    cases = list_cases(str(tmp_path))
    assert [os.path.basename(c.path) for c in cases] == ["b-laxa.gpkg", "a-kumla.gpkg", "c-broken.gpkg"]
    laxa = cases[0]
    assert (laxa.case_id, laxa.municipality, laxa.plan_name, laxa.stage, laxa.state) == (
        "RÖ 2026-00200", "Laxå", "DP Centrum", "granskning", "sent")
    assert laxa.updated_at and not laxa.problem
    assert cases[2].problem and "c-broken.gpkg" in cases[2].problem
    assert list_cases(str(tmp_path / "missing")) == []


COLLEAGUE = r"""
import json, sys
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from regionplan_plugin.core.case import open_case
case = open_case(sys.argv[1])
version = case.versions()[0]
print(json.dumps({
    "info": case.info().case_id, "areas": [[n, g.area()] for n, g in version.areas],
    "label": version.label, "findings": len(case.findings(1)),
    "geometry": case.findings(1)[0].geometry.asWkt(),
    "provenance": case.provenance(1), "outcomes": case.outcomes(1), "statistics": case.statistics(1),
    "decisions": [(d.decision, d.reason) for d in case.decisions(1)],
    "statement": case.statement("sv")["position"].text}))
case.close()
"""


@pytest.mark.timeout(120)
def test_a_colleague_on_another_machine_sees_everything(tmp_path):
    mine = tmp_path / "mine" / "kumla.gpkg"
    mine.parent.mkdir()
    case = version_1(mine)
    case.decide(1, "nature-reserve", "NR-1", 1, "not_relevant", reason="Reservatet är upphävt")
    case.save_statement_section("position", "sv", "Regionen tillstyrker planen.")
    case.close()
    theirs = tmp_path / "colleague" / "ärende kumla.gpkg"
    theirs.parent.mkdir()
    shutil.copy(mine, theirs)
    shutil.rmtree(mine.parent)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_OPTS="", PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-c", COLLEAGUE, str(theirs)], cwd=str(tmp_path), env=env,
                          capture_output=True, text=True, timeout=100)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["info"] == "RÖ 2026-00123" and seen["label"] == "Samrådshandling"
    assert seen["areas"] == [["Norr", pytest.approx(1_000_000)], ["Syd", pytest.approx(1_000_000)]]
    assert seen["findings"] == 4 and seen["geometry"].startswith("Polygon")
    assert seen["provenance"][0]["reference"] == "rus"
    assert seen["provenance"][0]["source_url"] == "https://geodata.example.se/ogc/"
    assert seen["provenance"][0]["data_version"] == "v3"
    assert seen["provenance"][0]["caveat"] == "Ungefärliga gränser."
    assert seen["outcomes"][0]["state"] == "affected" and seen["statistics"][0]["value"] == 1234.0
    assert seen["decisions"] == [["not_relevant", "Reservatet är upphävt"]]
    assert seen["statement"] == "Regionen tillstyrker planen."


def test_schema_and_plugin_version_are_recorded(tmp_path):
    case = create_case(str(tmp_path / "x.gpkg"), INFO)
    assert case.meta["schema"] == SCHEMA == "regionplan-case/1"
    assert case.meta["plugin_version"]
    assert case.info().created_at and case.info().state == "ongoing"
    with pytest.raises(CaseError, match="Unknown stage"):
        case.set_info(stage="utställning")
    case.close()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("lock, message", [("IMMEDIATE", "could not be saved .*it is as it was before"),
                                           ("EXCLUSIVE", "cannot be read .*no one else is saving it")])
def test_a_locked_file_gives_a_clear_message_and_nothing_changes(tmp_path, lock, message):
    path = tmp_path / "locked.gpkg"
    case = version_1(path)
    other = sqlite3.connect(path, isolation_level=None)  # e.g. a colleague's QGIS saving it
    other.execute(f"BEGIN {lock}")
    try:
        with pytest.raises(CaseError, match=message):
            case.decide(1, "primary-corridor", "7", 1, "agree")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert case.decisions(1) == []
    case.decide(1, "primary-corridor", "7", 1, "agree")
    assert len(case.decisions(1)) == 1
    case.close()


def test_geometries_in_another_crs_are_stored_in_the_case_crs(tmp_path):
    case = create_case(str(tmp_path / "wgs.gpkg"), INFO)
    orebro = QgsGeometry.fromWkt("POLYGON((15.20 59.27,15.22 59.27,15.22 59.28,15.20 59.28,15.20 59.27))")
    case.add_version("v1", [("Örebro", orebro)], "EPSG:4326")
    stored = case.version(1).areas[0][1]
    centre = stored.centroid().asPoint()
    assert 505_000 < centre.x() < 515_000 and 6_565_000 < centre.y() < 6_580_000
    assert stored.area() == pytest.approx(1.27e6, rel=0.02)  # 0.02° x 0.01° at 59.3° N
    case.close()
