"""The map tools of issue 16 driven with synthetic mouse and key events on pytest-qgis's
canvas: "What applies here", "Sketch a plan area" and "Load plan from file…"."""

import os

import pytest
from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsPointXY, QgsProject, QgsRectangle
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QKeyEvent

from tests.fixtures.base import ROOT
from tests.fixtures.gui_panel import wait_task

KUMLA_STATION = QgsPointXY(508071, 6554035)
NEAR_KUMLA_STATION = QgsPointXY(508271, 6554035)
NO_CRS_PLAN = os.path.join(ROOT, "tests", "data", "plans", "plan_noprj.csv")


def _canvas_at(canvas, centre: QgsPointXY, half_m: float = 1500.0):
    canvas.window().show()  # offscreen: the map settings take the widget's size only once it is shown
    canvas.show()
    canvas.resize(600, 600)
    QgsApplication.processEvents()  # deliver the resize (tests only)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
    canvas.setExtent(QgsRectangle(centre.x() - half_m, centre.y() - half_m, centre.x() + half_m, centre.y() + half_m))
    assert canvas.mapUnitsPerPixel() <= 10
    return canvas


def _pixel(canvas, point: QgsPointXY) -> QPoint:
    pixel = canvas.getCoordinateTransform().transform(point)
    return QPoint(int(round(pixel.x())), int(round(pixel.y())))


def _release(tool, canvas, point, button=Qt.MouseButton.LeftButton):
    pos = _pixel(canvas, point)
    tool.canvasPressEvent(QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonPress, pos, button))
    tool.canvasReleaseEvent(QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, pos, button))


def _key(tool, key):
    tool.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))


def _exec_returning(value, before=None):
    def fake_exec(dialog):
        if before is not None:
            before(dialog)
        return value
    return fake_exec


@pytest.fixture(autouse=True)
def _hide_window_after(qgis_canvas):
    yield
    qgis_canvas.window().hide()


@pytest.fixture
def online_dock(rp_dock, rp_settings, pygeoapi_service):
    rp_settings.service(pygeoapi_service)
    task = wait_task(rp_dock.load_catalog(), 90)
    assert task.ok, task.message()
    return rp_dock


@pytest.mark.timeout(150)
def test_here_tool_click_gives_a_card(online_dock, qgis_canvas):
    from regionplan_plugin.gui.here_tool import HereTool

    session = online_dock.session
    for cid in session.profile.collections_used():  # the card reads only the offline cache
        session.cache.refresh(session.service, cid, session.profile.crs)
    canvas = _canvas_at(qgis_canvas, NEAR_KUMLA_STATION)
    tool = HereTool(canvas, online_dock)
    try:
        canvas.setMapTool(tool)
        dialog = tool.dialog
        dialog.purpose.setCurrentIndex(dialog.purpose.findData("housing"))
        _release(tool, canvas, NEAR_KUMLA_STATION)
        card = tool.card
        assert card is not None
        station = card.item("Kumla station")
        assert station.distance_m == pytest.approx(200.0, abs=canvas.mapUnitsPerPixel() * 2)
        assert [hit.rule_id for hit in station.hits] == ["public-transport-walking-distance"]
        text = dialog.browser.toPlainText()
        assert "Kumla station" in text and "Kumla vattenskyddsområde" not in text
        assert session.profile.rule("public-transport-walking-distance").message_in("sv") in text \
            or session.profile.rule("public-transport-walking-distance").message_in("en") in text
        # another purpose: the card is made again, without the rule that does not concern it
        dialog.purpose.setCurrentIndex(dialog.purpose.findData("agriculture-forestry"))
        assert tool.card is not card and tool.card.item("Kumla station").hits == []
        # a dragged rectangle over the station: the station is inside it
        start = _pixel(canvas, QgsPointXY(KUMLA_STATION.x() - 100, KUMLA_STATION.y() - 100))
        end = _pixel(canvas, QgsPointXY(KUMLA_STATION.x() + 100, KUMLA_STATION.y() + 100))
        tool.canvasPressEvent(QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton))
        tool.canvasReleaseEvent(QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, end,
                                                 Qt.MouseButton.LeftButton))
        assert tool.place.area() == pytest.approx(200 * 200, rel=0.1)
        assert tool.card.item("Kumla station").distance_m == 0
    finally:
        canvas.unsetMapTool(tool)
        tool.unload()


@pytest.mark.timeout(150)
def test_sketch_a_triangle_and_check_it(online_dock, qgis_canvas, monkeypatch):
    from regionplan_plugin.gui import sketch_tool
    from regionplan_plugin.gui.sketch_tool import SketchDialog, SketchTool

    def fill(dialog):
        dialog.name.setText("Nya bostäder")
        dialog.purpose.setCurrentIndex(dialog.purpose.findData("housing"))

    for name in ("exec_", "exec"):
        monkeypatch.setattr(SketchDialog, name, _exec_returning(1, fill), raising=False)
    canvas = _canvas_at(qgis_canvas, KUMLA_STATION)
    tool = SketchTool(canvas, online_dock)
    try:
        canvas.setMapTool(tool)
        corners = [QgsPointXY(507800, 6553800), QgsPointXY(508400, 6553800), QgsPointXY(508100, 6554300)]
        for corner in corners:
            _release(tool, canvas, corner)
        _release(tool, canvas, QgsPointXY(507000, 6555000))
        assert len(tool.points) == 4
        _key(tool, Qt.Key.Key_Backspace)  # undo the last vertex
        assert len(tool.points) == 3
        assert tool.band.numberOfVertices() >= 3
        _release(tool, canvas, corners[0], Qt.MouseButton.RightButton)  # finish
        assert tool.points == []
        layers = QgsProject.instance().mapLayersByName(sketch_tool.SKETCH_LAYER)
        assert len(layers) == 1
        layer = layers[0]
        feature = next(layer.getFeatures())
        assert feature["name"] == "Nya bostäder" and feature["purpose"] == "housing"
        assert feature.geometry().area() == pytest.approx(600 * 500 / 2, rel=0.02)
        review = online_dock.review
        assert review.layer_combo.currentLayer() is layer
        task = review.task
        assert task is not None
        wait_task(task, 120)
        assert task.ok, task.message()
        result = review.result
        assert [p.name for p in result.plan_features] == ["Nya bostäder"]
        assert "primary-corridor" in {f.rule_id for f in result.findings}
        # saved as a GeoPackage the user chooses
        from qgis.core import QgsVectorLayer

        path = os.path.join(online_dock.session.cache.dir, "..", "skiss.gpkg")
        sketch_tool.save_sketch(layer, path)
        saved = QgsVectorLayer(path + "|layername=skiss", "saved", "ogr")
        assert saved.isValid() and [f["name"] for f in saved.getFeatures()] == ["Nya bostäder"]
        del saved
        # or added to a case as a new plan version, with the check's findings
        from regionplan_plugin.core.case import CaseInfo, create_case, open_case

        case_path = os.path.join(online_dock.session.cache.dir, "..", "arende.gpkg")
        create_case(case_path, CaseInfo(case_id="RS 2026/1", municipality="Kumla", plan_name="Skiss")).close()
        assert sketch_tool.add_sketch_to_case(layer, case_path, result) == 1
        with open_case(case_path) as case:
            version = case.versions()[0]
            assert [name for name, _geometry in version.areas] == ["Nya bostäder"]
            assert version.area_m2 == pytest.approx(feature.geometry().area(), rel=1e-6)
            assert {f.rule_id for f in case.findings(1)} == {f.rule_id for f in result.findings}
    finally:
        canvas.unsetMapTool(tool)
        tool.unload()


@pytest.mark.timeout(60)
def test_sketch_escape_cancels(rp_dock, qgis_canvas, monkeypatch):
    from regionplan_plugin.gui.sketch_tool import SKETCH_LAYER, SketchTool

    canvas = _canvas_at(qgis_canvas, KUMLA_STATION)
    tool = SketchTool(canvas, rp_dock)
    try:
        for corner in [QgsPointXY(507800, 6553800), QgsPointXY(508400, 6553800)]:
            _release(tool, canvas, corner)
        assert len(tool.points) == 2
        _key(tool, Qt.Key.Key_Escape)
        assert tool.points == [] and tool.band.numberOfVertices() == 0
        _release(tool, canvas, KUMLA_STATION, Qt.MouseButton.RightButton)  # nothing to finish
        assert QgsProject.instance().mapLayersByName(SKETCH_LAYER) == []
    finally:
        tool.unload()


@pytest.mark.timeout(60)
def test_load_plan_without_crs_asks_for_one(rp_dock, monkeypatch):
    from regionplan_plugin.gui.load_plan import PlanOptionsDialog, load_plan_file

    asked = []

    def choose(dialog):
        if dialog.crs_combo is None:  # the file has several areas: kept apart (the default)
            return
        asked.append([dialog.crs_combo.itemData(i) for i in range(dialog.crs_combo.count())])
        dialog.crs_combo.setCurrentIndex(dialog.crs_combo.findData("EPSG:3006"))

    for name in ("exec_", "exec"):
        monkeypatch.setattr(PlanOptionsDialog, name, _exec_returning(1, choose), raising=False)
    layer = load_plan_file(rp_dock, NO_CRS_PLAN)
    assert len(asked) == 1 and asked[0][:3] == ["EPSG:3006", "EPSG:3007", "EPSG:3008"]
    assert asked[0][-2:] == ["EPSG:3021", "other"]
    assert layer is not None and layer.crs().authid() == "EPSG:3006"
    assert QgsProject.instance().mapLayer(layer.id()) is layer
    assert rp_dock.review.layer_combo.currentLayer() is layer


@pytest.mark.timeout(60)
def test_load_plan_cancelled_crs_adds_nothing(rp_dock, monkeypatch):
    from regionplan_plugin.gui.load_plan import PlanOptionsDialog, load_plan_file

    for name in ("exec_", "exec"):
        monkeypatch.setattr(PlanOptionsDialog, name, _exec_returning(0), raising=False)
    assert load_plan_file(rp_dock, NO_CRS_PLAN) is None
    assert QgsProject.instance().mapLayers() == {}


@pytest.mark.timeout(60)
def test_load_detaljplan_per_use_and_wrong_crs_warning(rp_dock, qgis_iface, monkeypatch):
    from qgis.core import Qgis

    from regionplan_plugin.core.plans import PER_USE, read_plan
    from regionplan_plugin.gui.load_plan import PlanOptionsDialog, load_plan_file

    asked = []

    def per_use(dialog):
        asked.append(dialog.mode_combo is not None and dialog.crs_combo is None)
        dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData(PER_USE))

    for name in ("exec_", "exec"):
        monkeypatch.setattr(PlanOptionsDialog, name, _exec_returning(1, per_use), raising=False)
    path = os.path.join(ROOT, "tests", "data", "plans", "dp_multi.json")
    layer = load_plan_file(rp_dock, path)
    assert asked == [True]
    uses = read_plan(path).areas
    assert len(uses) > 1 and layer.featureCount() == len(uses)
    assert rp_dock.review.layer_combo.currentLayer() is layer
    # a plan whose coordinates fall outside Sweden in its stated CRS: a warning naming the likely one
    qgis_iface.messageBar().clear_messages()
    assert load_plan_file(rp_dock, os.path.join(ROOT, "tests", "data", "plans", "dp_wrong_crs.json")) is not None
    warnings = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    assert any("EPSG:3009" in text for text in warnings), warnings


def _plan_file(path, x, y, names=("Ny plan",)):
    """A GeoJSON plan file in SWEREF 99 TM: one 400 m x 300 m area per name, side by side."""
    import json

    features = []
    for i, name in enumerate(names):
        left = x + i * 400
        ring = [[left, y], [left + 400, y], [left + 400, y + 300], [left, y + 300], [left, y]]
        features.append({"type": "Feature", "properties": {"namn": name},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"type": "FeatureCollection",
                   "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
                   "features": features}, out)
    return str(path)


@pytest.mark.timeout(150)
def test_load_plan_outside_the_region_warns(online_dock, qgis_iface, tmp_path):
    """A plan in Sweden but far from the region (the wrong file, or the wrong municipality's):
    the panel compares it with the cached outline of the region's municipalities."""
    from qgis.core import Qgis

    from regionplan_plugin.gui.load_plan import load_plan_file

    session = online_dock.session
    session.cache.refresh(session.service, "kommuner", session.profile.crs)
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    assert load_plan_file(online_dock, _plan_file(tmp_path / "kumla.geojson", 508000, 6554000)) is not None
    assert bar.get_messages(Qgis.MessageLevel.Warning) == []
    stockholm = load_plan_file(online_dock, _plan_file(tmp_path / "stockholm.geojson", 674000, 6580000))
    assert stockholm is not None and stockholm.featureCount() == 1  # a warning, not a refusal
    warnings = bar.get_messages(Qgis.MessageLevel.Warning)
    assert any("outside the region" in text or "utanför regionen" in text for text in warnings), warnings


@pytest.mark.timeout(60)
def test_review_tab_loads_a_plan_file_area_by_area(rp_dock, monkeypatch, tmp_path):
    """The review tab has its own "Load plan from file…" button beside the plan layer. A file
    of several areas (an ÖP's development areas) keeps them apart unless the user merges them."""
    from qgis.PyQt.QtWidgets import QFileDialog

    from regionplan_plugin.gui.load_plan import PlanOptionsDialog

    path = _plan_file(tmp_path / "utbyggnad.geojson", 508000, 6554000, names=("Norra", "Södra"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (path, "")))
    offered = []
    for name in ("exec_", "exec"):
        monkeypatch.setattr(PlanOptionsDialog, name, _exec_returning(
            1, lambda dialog: offered.append(dialog.mode_combo.currentText())), raising=False)
    rp_dock.review.file_button.click()
    layer = rp_dock.review.layer_combo.currentLayer()
    assert offered == ["Each area of the file on its own"]
    assert layer is not None
    assert sorted((f["name"], round(f.geometry().area())) for f in layer.getFeatures()) == [
        ("Norra", 120000), ("Södra", 120000)]


@pytest.mark.timeout(60)
def test_sketch_snaps_to_a_vertex(rp_dock, qgis_canvas):
    from qgis.core import QgsSnappingConfig, QgsTolerance, QgsVectorLayer

    from regionplan_plugin.gui.sketch_tool import SketchTool

    corner = QgsPointXY(508000, 6554000)
    other = QgsVectorLayer("Polygon?crs=EPSG:3006", "granne", "memory")
    from qgis.core import QgsFeature, QgsGeometry

    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(corner.x(), corner.y(), corner.x() + 300, corner.y() + 300)))
    other.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(other)
    canvas = _canvas_at(qgis_canvas, corner)
    canvas.setLayers([other])
    config = QgsSnappingConfig(QgsProject.instance())
    config.setEnabled(True)
    config.setMode(QgsSnappingConfig.SnappingMode.AllLayers)
    config.setTypeFlag(QgsSnappingConfig.SnappingTypes.VertexFlag)
    config.setTolerance(15)
    config.setUnits(QgsTolerance.UnitType.Pixels)
    canvas.snappingUtils().setConfig(config)
    tool = SketchTool(canvas, rp_dock)
    try:
        near = QgsPointXY(corner.x() + 3 * canvas.mapUnitsPerPixel(), corner.y() - 2 * canvas.mapUnitsPerPixel())
        _release(tool, canvas, near)
        assert tool.points[0] == corner
    finally:
        tool.unload()
        canvas.setLayers([])


_SAVE_SKETCH = """
import resource, signal, sys
from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsVectorLayer
app = QgsApplication([], True)
app.initQgis()
from regionplan_plugin.core.errors import RegionplanError
from regionplan_plugin.gui.sketch_tool import save_sketch
layer = QgsVectorLayer("Polygon?crs=EPSG:3006&field=name:string(0)&field=purpose:string(0)", "Skiss", "memory")
feature = QgsFeature(layer.fields())
feature.setAttributes(["Ny skiss", "housing"])
feature.setGeometry(QgsGeometry.fromWkt("POLYGON((500000 6600000, 500100 6600000, 500100 6600100, 500000 6600000))"))
layer.dataProvider().addFeatures([feature])
if len(sys.argv) > 2:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
code = 0
try:
    save_sketch(layer, sys.argv[1])
    print("OK")
except RegionplanError as error:
    print("ERROR " + str(error))
    code = 3
del layer
app.exitQgis()
sys.exit(code)
"""


@pytest.mark.timeout(60)
def test_r2_08_a_full_disk_keeps_the_previous_sketch(tmp_path):
    """Issue 11 item 8 for "Save sketch as GeoPackage": a full disk (a file size limit, in a child
    process) gives a clear message and leaves the previous file as it was (it was overwritten in
    place, cut off at the limit, and reported as saved)."""
    import subprocess
    import sys

    from tests.fixtures.base import ROOT

    path = tmp_path / "skiss.gpkg"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=ROOT)

    def save(*limit):
        return subprocess.run([sys.executable, "-c", _SAVE_SKETCH, str(path), *limit], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=50)

    done = save()
    assert done.returncode == 0 and done.stdout.startswith("OK"), done.stdout + done.stderr[-2000:]
    good = path.read_bytes()
    done = save("limited")
    assert done.returncode == 3, done.stdout + done.stderr[-2000:]
    assert done.stdout.startswith(f"ERROR The sketch could not be saved to {path}: ")
    assert path.read_bytes() == good and os.listdir(tmp_path) == ["skiss.gpkg"]
