"""The algorithms in QGIS's own Processing dialogs, as a planner runs them: ``checkplan`` in
the toolbox dialog (the algorithm runs in a background task) and in the batch dialog (one
row per draft plan, one row that fails), ``cachelayers`` in the batch dialog. Real dialogs
from QGIS's Processing plugin, filled through their widgets, against pygeoapi on loopback."""


import pytest
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsProxyProgressTask,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtWidgets import QTextEdit

from regionplan_plugin.core.check import run_check
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.sources import open_data
from tests.fixtures.algs import finding_keys, layer_keys
from tests.fixtures.gui_panel import wait_until
from tests.fixtures.service import DEMO_GPKG, PROFILE_PATH

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def dialog_env(provider, plain_settings, qgis_iface, monkeypatch):
    """What the Processing dialogs need from QGIS: an interface with a browser model (the
    test interface's is a mock) and a clean project; waits for running tasks afterwards."""
    from qgis.gui import QgsBrowserGuiModel

    model = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: model, raising=False)
    project = QgsProject.instance()
    project.clear()
    dialogs = []
    yield dialogs
    for dialog in dialogs:
        dialog.close()
        sip.delete(dialog)
    manager = QgsApplication.taskManager()
    # QGIS bug (3.22 and 3.40): the exception an algorithm raises to fail is never released by
    # QGIS' Python bindings, and with it every caller frame. QGIS 3.22's batch dialog runs the rows
    # in one Python frame that holds its "Batch Processing" progress task, so after a failed row
    # that task is never finalized (a progress bar stays in the status bar). End it here.
    for task in manager.activeTasks():
        if task.description().startswith("Batch Processing") and Qgis.QGIS_VERSION_INT < 32400:
            sip.cast(task, QgsProxyProgressTask).finalize(False)
    wait_until(lambda: manager.countActiveTasks() == 0, 120, "Processing tasks to finish")
    project.clear()


def _log(dialog) -> str:
    """The text of the dialog's Log tab, as the user reads it."""
    return "\n".join(edit.toPlainText() for edit in dialog.findChildren(QTextEdit))


def _plan_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer(DEMO_GPKG + "|layername=plan_samples", "Planförslag", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


def _direct(service_url, layer, selected_only=False):
    profile = load_profile(PROFILE_PATH).with_service_url(service_url)
    result = run_check(profile, layer, open_data(profile), lang="en", selected_only=selected_only)
    keys = finding_keys(result)
    result.layers.clear()
    return keys


def test_toolbox_dialog_checks_the_selected_plan_in_the_background(dialog_env, qgis_iface, pygeoapi_service,
                                                                   cache_dir, tmp_path):
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    layer = _plan_layer()
    layer.selectByIds([2])
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("regionplan:checkplan")
    dialog = AlgorithmDialog(algorithm, parent=qgis_iface.mainWindow())
    dialog_env.append(dialog)
    findings, pdf = str(tmp_path / "fynd.gpkg"), str(tmp_path / "rapport.pdf")
    dialog.setParameters({
        "PLAN": QgsProcessingFeatureSourceDefinition(layer.id(), True), "SERVICE_URL": pygeoapi_service,
        "LANGUAGE": "sv", "OUTPUT": findings, "REPORT": pdf})
    finished = []
    dialog.algorithmFinished.connect(lambda ok, results: finished.append((ok, dict(results))))
    dialog.show()
    dialog.runAlgorithm()  # the Run button
    wait_until(lambda: finished, 180, "the toolbox dialog to finish")
    ok, results = finished[0]
    assert ok, _log(dialog)[-3000:]
    written = QgsVectorLayer(findings, "f", "ogr")
    assert written.isValid() and written.featureCount() > 0
    assert {int(f["plan_fid"]) for f in written.getFeatures()} == {2}
    assert layer_keys(written) == _direct(pygeoapi_service, layer, selected_only=True)
    assert results["REPORT"] == pdf and open(pdf, "rb").read(5) == b"%PDF-"
    total = sum(results[key] for key in ("CONFLICTS", "ATTENTION", "SUPPORT", "INFO"))
    assert total == written.featureCount()
    log = _log(dialog)
    assert f"Konflikter: {results['CONFLICTS']}, att beakta: {results['ATTENTION']}" in log
    # the toolbox loads the findings into the project, drawn by severity
    loaded = [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.id() != layer.id()]
    drawn = [lyr for lyr in loaded if lyr.type() == lyr.VectorLayer and lyr.geometryType() in (0, 1, 2)]
    assert drawn and all(lyr.renderer().type() == "categorizedSymbol" for lyr in drawn)
    assert sum(lyr.featureCount() for lyr in drawn) == total


def test_toolbox_dialog_shows_why_a_run_fails(dialog_env, qgis_iface, pygeoapi_service, cache_dir, tmp_path):
    """Offline with nothing cached: the run fails with the plugin's own message in the log."""
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    layer = _plan_layer()
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("regionplan:checkplan")
    dialog = AlgorithmDialog(algorithm, parent=qgis_iface.mainWindow())
    dialog_env.append(dialog)
    findings = tmp_path / "fynd.gpkg"
    dialog.setParameters({"PLAN": layer.id(), "OFFLINE": True, "LANGUAGE": "en", "OUTPUT": str(findings)})
    finished = []
    dialog.algorithmFinished.connect(lambda ok, results: finished.append(ok))
    dialog.show()
    dialog.runAlgorithm()
    wait_until(lambda: "is not in the offline cache" in _log(dialog), 120, "the error in the dialog's log")
    assert finished in ([], [False])
    assert not findings.exists()


def _batch_dialog(qgis_iface, dialog_env, algorithm_id: str, rows):
    """A batch dialog with one row per dict of ``rows``, filled through the row widgets."""
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog

    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    dialog = BatchAlgorithmDialog(algorithm, parent=qgis_iface.mainWindow())  # owns the algorithm
    dialog_env.append(dialog)
    panel = dialog.mainWidget()
    panel.checkLoadLayersOnCompletion.setChecked(False)
    panel.addRow(len(rows) - panel.batchRowCount())
    assert panel.batchRowCount() == len(rows)
    for row, values in enumerate(rows):
        _fill_batch_row(panel, algorithm, row, values)
    dialog.show()
    return dialog


def _run_batch(dialog) -> str:
    dialog.runAlgorithm()  # the Run button
    wait_until(lambda: "Batch execution completed" in _log(dialog), 200, "the batch to finish")
    return _log(dialog)


def _fill_batch_row(panel, algorithm, row: int, values: dict) -> None:
    from processing.tools import dataobjects

    context = dataobjects.createContext()
    for name, value in values.items():
        column = panel.parameter_to_column[name]
        if algorithm.parameterDefinition(name).isDestination():
            panel.tblParameters.cellWidget(row + 1, column).setValue(value)  # row 0 is the fill row
        else:
            panel.wrappers[row][column].setParameterValue(value, context)


def test_batch_dialog_checks_several_plans_and_reports_the_failed_row(dialog_env, qgis_iface, pygeoapi_service,
                                                                     cache_dir, tmp_path):
    layer = _plan_layer()
    dialog = _batch_dialog(qgis_iface, dialog_env, "regionplan:checkplan", [
        {"PLAN": layer.id(), "SERVICE_URL": pygeoapi_service, "LANGUAGE": "en",
         "OUTPUT": str(tmp_path / "a.gpkg"), "REPORT": str(tmp_path / "a.html")},
        {"PLAN": DEMO_GPKG + "|layername=plan_samples", "SERVICE_URL": pygeoapi_service, "LANGUAGE": "sv",
         "OUTPUT": str(tmp_path / "b.gpkg"), "REPORT": str(tmp_path / "b.pdf")},
        {"PLAN": layer.id(), "OFFLINE": True, "LANGUAGE": "en",
         "OUTPUT": str(tmp_path / "c.gpkg"), "REPORT": str(tmp_path / "c.html")},
    ])
    log = _run_batch(dialog)
    for name in ("a.gpkg", "b.gpkg"):
        assert _written_keys(tmp_path / name) == _direct(pygeoapi_service, layer)
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Draft statement" in html
    assert (tmp_path / "b.pdf").read_bytes()[:5] == b"%PDF-"
    # the failed row: nothing written, the reason in the log; the other rows were not lost
    assert not (tmp_path / "c.gpkg").exists() and not (tmp_path / "c.html").exists()
    assert "is not in the offline cache. Connect to the network and cache it first." in log


def test_batch_dialog_caches_datasets_per_row(dialog_env, qgis_iface, pygeoapi_service, fault_server, cache_dir):
    """cachelayers, one row per request: the rows are cached (the repeated dataset is found
    fresh), and the row against a service without the dataset fails with a message."""
    from regionplan_plugin.core.cache import Cache

    dialog = _batch_dialog(qgis_iface, dialog_env, "regionplan:cachelayers", [
        {"SERVICE_URL": pygeoapi_service, "COLLECTIONS": "kommuner"},
        {"SERVICE_URL": pygeoapi_service, "COLLECTIONS": "jordbruksmark, kommuner"},
        {"SERVICE_URL": fault_server.url + "/ingenting/", "COLLECTIONS": "kommuner"},  # 404 everywhere
    ])
    log = _run_batch(dialog)
    assert _cached_counts(Cache("orebro"), ("kommuner", "jordbruksmark")) == {"kommuner": 12, "jordbruksmark": 11}
    assert "already fresh" in log
    assert "No dataset could be cached: kommuner." in log


def _cached_counts(cache, names):
    counts = {}
    for name in names:
        layer = cache.layer(name)
        counts[name] = layer.featureCount()
        del layer
    return counts


def _written_keys(path):
    """The findings keys of a written layer. Opened in a helper, not in the test's frame: QGIS 3.22's
    batch dialog runs in the test's call stack, and QGIS keeps the frames of a failed run (see
    dialog_env) with their locals, so a layer held there would only be freed after QGIS exits."""
    written = QgsVectorLayer(str(path), path.name, "ogr")
    assert written.isValid()
    return layer_keys(written)
