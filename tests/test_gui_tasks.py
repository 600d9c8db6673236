"""The QgsTask wrapper of the panel: result, progress, errors as one message, cancel."""

import time

from qgis.core import Qgis, QgsApplication, QgsMessageLog

from regionplan_plugin.core.errors import CacheError
from regionplan_plugin.gui import tasks
from tests.fixtures.gui_panel import wait_task


def _work(n, feedback=None):
    for i in range(n):
        feedback.setProgress(100.0 * (i + 1) / n)
    return n * 2


def _slow(feedback=None):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not feedback.isCanceled():
        time.sleep(0.02)
    return "stopped" if feedback.isCanceled() else "ran out"


def _fails(feedback=None):
    raise CacheError("The cache folder /x is full. Free some space and try again.")


def _crashes(feedback=None):
    return {}["missing"]


def test_result_and_progress_reach_the_main_thread():
    seen = []
    task = tasks.start(tasks.CoreTask("work", _work, 4, on_success=lambda t: seen.append(t.result)))
    wait_task(task, 20)
    assert task.ok and seen == [8]
    assert task.last_progress == 100
    assert task.message() == ""


def test_a_user_error_is_one_message():
    errors = []
    task = tasks.start(tasks.CoreTask("fails", _fails, on_error=lambda t: errors.append(t.message())))
    wait_task(task, 20)
    assert not task.ok
    assert errors == ["The cache folder /x is full. Free some space and try again."]


def test_an_unexpected_error_is_logged_not_shown_as_traceback():
    logged = []

    def on_log(message, tag, _level):
        if tag == tasks.LOG_TAG:
            logged.append(message)

    QgsApplication.messageLog().messageReceived.connect(on_log)
    try:
        task = tasks.start(tasks.CoreTask("crashes", _crashes))
        wait_task(task, 20)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(on_log)
    assert not task.ok
    assert "Traceback" not in task.message() and "'missing'" in task.message()
    assert any("Traceback" in m for m in logged)
    assert Qgis.MessageLevel.Critical is not None and QgsMessageLog is not None


def test_cancel_stops_the_core_function():
    task = tasks.start(tasks.CoreTask("slow", _slow))
    time.sleep(0.2)
    task.cancel()
    wait_task(task, 10)
    assert task.canceled and not task.ok
    assert task.message() == "Cancelled."
    assert task not in tasks.running_tasks()


def _check_in_worker(service_url, feedback=None):
    from qgis.core import QgsVectorLayer

    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.profile import load_profile
    from regionplan_plugin.core.sources import open_data
    from tests.fixtures.service import DEMO_GPKG, PROFILE_PATH

    profile = load_profile(PROFILE_PATH).with_service_url(service_url)
    plan = QgsVectorLayer(DEMO_GPKG + "|layername=plan_samples", "plan", "ogr")
    result = run_check(profile, plan, open_data(profile), lang="en", feedback=feedback)
    del plan
    return result


def test_layers_made_in_a_task_belong_to_the_main_thread(pygeoapi_service, cache_dir):
    """A check run in a task hands its layers to the main thread: freed later, they are deleted
    there, not by a deferred delete in a pool thread when QGIS quits (QGIS 3.40 crashed on exit)."""
    task = tasks.start(tasks.CoreTask("check", _check_in_worker, pygeoapi_service))
    wait_task(task, 120)
    assert task.ok, task.message()
    result = task.result
    main = QgsApplication.instance().thread()
    assert result.layers and result.findings
    assert all(layer.thread() is main for layer in result.layers.values())
    result.layers.clear()
