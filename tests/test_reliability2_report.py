"""Issue 11, report items: the PDF grows linearly, reports progress and can be cancelled (6);
a full disk keeps the previous report (8); long names lose no row and no outline (11); long
text flows over pages (12); a folder that cannot be made gives a clear message (17)."""

import gc
import os
import re
import shutil
import subprocess
import sys

import pytest
from osgeo import ogr
from qgis.core import QgsApplication, QgsFeedback, QgsProcessingException
from qgis.PyQt.QtGui import QImage

from regionplan_plugin.core import report
from regionplan_plugin.core.errors import Cancelled
from regionplan_plugin.core.report import ReportError
from tests.fixtures.base import ROOT
from tests.helpers.report_data import synthetic_result

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) is part of make setup")


@pytest.fixture(autouse=True)
def _collect_cycles():
    yield
    gc.collect()  # QGIS objects in reference cycles: free them while QGIS is alive


def pdf_text(path, first=None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(first)] if first else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, timeout=120).stdout


def pages_of(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def table_part(text: str) -> str:
    """The findings table of a PDF's text (it starts at the first column heading)."""
    return re.split(r"Regional feature|Regionalt objekt", text, maxsplit=1)[1]


def leftovers(folder, keep):
    return sorted(name for name in os.listdir(folder) if name not in keep)


@needs_poppler
@pytest.mark.timeout(120)
def test_r2_06_pdf_has_every_row_reports_progress_and_can_be_cancelled(tmp_path):
    result = synthetic_result(1500)
    path = tmp_path / "r.pdf"
    feedback = QgsFeedback()
    progress = []
    feedback.progressChanged.connect(progress.append)
    report.write_pdf(result, str(path), "en", feedback=feedback)
    rows = set(re.findall(r"Feature (\d+)\b", table_part(pdf_text(path))))
    assert rows == {str(n) for n in range(1500)}  # every finding is a row of the table
    assert progress and progress == sorted(progress) and progress[-1] == 100 and len(progress) > 10
    good = path.read_bytes()

    # cancelled halfway: Cancelled, the previous report untouched, nothing left behind
    cancel = QgsFeedback()
    cancel.progressChanged.connect(lambda value: cancel.cancel() if value > 40 else None)
    with pytest.raises(Cancelled):
        report.write_pdf(synthetic_result(1500), str(path), "en", feedback=cancel)
    assert path.read_bytes() == good
    assert leftovers(tmp_path, {"r.pdf"}) == []
    # (time per finding: bench/report_pdf.py, results in bench/RESULTS.md)


@needs_poppler
@pytest.mark.timeout(180)
def test_r2_06_the_panel_prints_the_pdf_in_a_task_with_progress_and_cancel(rp_dock, qgis_iface, tmp_path):
    from qgis.core import Qgis

    from tests.fixtures.gui_panel import wait_task

    dock = rp_dock
    dock.review.result = synthetic_result(1500)
    folder = tmp_path / "out"
    path = folder / "r.pdf"
    task = dock.review.export("pdf", str(path))
    assert task is not None and task in dock.running()  # the panel is not blocked
    wait_task(task, 120)
    assert task.ok and task.last_progress == 100
    assert any(str(path) in m for m in qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Success))
    assert len(set(re.findall(r"Feature (\d+)\b", table_part(pdf_text(path))))) == 1500
    good = path.read_bytes()
    task = dock.review.export("pdf", str(path))
    while not task.done and task.last_progress < 30:
        QgsApplication.processEvents()
    dock.cancel_tasks()
    wait_task(task, 60)
    assert task.canceled and not task.ok
    assert path.read_bytes() == good and leftovers(folder, {"r.pdf"}) == []
    dock.review.result = None


def _write_in_a_full_disk(kind, path, fsize=20000):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "tests.helpers.report_proc", kind, str(path), "--fsize", str(fsize)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("kind", ["pdf", "html", "csv", "gpkg", "png"])
def test_r2_08_a_full_disk_keeps_the_previous_report(kind, tmp_path):
    name = f"report.{kind}"
    path = tmp_path / name
    small = synthetic_result(3)
    writers = {
        "html": lambda: report.write_html(small, str(path), "en"),
        "pdf": lambda: report.write_pdf(small, str(path), "en"),
        "csv": lambda: report.write_csv(small, str(path)),
        "gpkg": lambda: report.write_gpkg(small, str(path)),
        "png": lambda: report.render_map_png(small, str(path), size=(60, 40)),
    }
    writers[kind]()
    good = path.read_bytes()
    assert good
    done = _write_in_a_full_disk(kind, path)  # (the limit is on the new file: the old one is not written)
    assert done.returncode == 3, done.stdout + done.stderr
    message = done.stdout.strip()
    assert message.startswith("ERROR The disk is full") and str(path) in message
    assert "Traceback" not in done.stderr
    assert path.read_bytes() == good  # the previous good report, byte for byte
    assert leftovers(tmp_path, {name}) == []  # no .part or temporary file left


LONG_PLAN = ("Detaljplan för kvarteret Långa namnet " * 9).strip()  # over 300 characters
LONG_FEATURE = ("Riksintresse för naturvård med ett mycket långt namn " * 6).strip()


@needs_poppler
@pytest.mark.timeout(120)
def test_r2_11_long_names_keep_every_row_and_the_plan_outline(tmp_path):
    assert len(LONG_PLAN) > 300 and len(LONG_FEATURE) > 300
    result = synthetic_result(9, plan_name=LONG_PLAN)
    for n, finding in enumerate(result.findings):
        finding.feature_name = f"{LONG_FEATURE} rad{n}"
    path = tmp_path / "r.pdf"
    report.write_pdf(result, str(path), "en")
    rows = set(re.findall(r"\brad(\d)\b", table_part(pdf_text(path))))
    assert rows == {str(n) for n in range(9)}  # 9 of 9 rows
    # a name of thousands of characters: the row is there, and says that it is shortened (QGIS' own
    # wrapping took minutes on it; a cell taller than a page cannot be printed)
    huge = synthetic_result(3, feature_name="ord " * 3000)
    report.write_pdf(huge, str(tmp_path / "huge.pdf"), "en")
    cells = re.findall(r"… \((\d+) more characters\)", table_part(pdf_text(tmp_path / "huge.pdf")))
    assert len(cells) == 3 and all(int(count) > 9000 for count in cells)
    # the plan outline on the map
    contents = report.map_contents(result)
    assert contents.plan.featureCount() == 1

    assert [f["plan_name"] for f in contents.plan.getFeatures()] == [LONG_PLAN]
    contents.layers.clear()
    contents.regional.clear()
    image = QImage.fromData(report.render_map_png(result, size=(300, 200)), "PNG")
    purple = sum(1 for x in range(300) for y in range(200)
                 if (lambda c: c.red() > 70 and c.green() < 60 and c.blue() > 110)(image.pixelColor(x, y)))
    assert purple > 10
    # the findings layer and the GeoPackage keep the whole names and messages
    gpkg = tmp_path / "f.gpkg"
    report.write_gpkg(result, str(gpkg))
    dataset = ogr.Open(str(gpkg))
    layer = dataset.GetLayerByName("findings")
    names = sorted(feature.GetField("feature_name") for feature in layer)
    plans = {feature.GetField("plan_name") for feature in layer}
    assert names == sorted(f.feature_name for f in result.findings) and plans == {LONG_PLAN}
    dataset = None


@needs_poppler
@pytest.mark.timeout(120)
def test_r2_12_long_text_flows_over_pages(tmp_path):
    result = synthetic_result(5, repairs=300)
    result.notes = [f"Note number {n}: " + "a long remark about the data " * 4 for n in range(12)]
    path = tmp_path / "r.pdf"
    report.write_pdf(result, str(path), "en")
    text = pdf_text(path)
    assert set(re.findall(r"repair note number (\d+)", text)) == {str(n) for n in range(300)}
    assert set(re.findall(r"Note number (\d+):", text)) == {str(n) for n in range(12)}
    assert pages_of(path) > 4


def test_r2_17_a_folder_that_cannot_be_made(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = synthetic_result(3)
    messages = {}
    for kind, write in (("html", report.write_html), ("pdf", report.write_pdf)):
        path = blocker / "sub" / f"r.{kind}"
        with pytest.raises(ReportError) as error:
            write(result, str(path), "en")
        messages[kind] = str(error.value).replace(str(path), "PATH")
    assert messages["pdf"] == messages["html"]
    assert messages["pdf"].startswith("The report cannot be written to PATH")
    assert os.listdir(tmp_path) == ["a-file"]


def test_r2_17_checkplan_report_in_a_folder_that_cannot_be_made(provider, demo_plans, pygeoapi_service,
                                                                  cache_dir, tmp_path):
    import processing

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    pdf = str(blocker / "sub" / "report.pdf")
    with pytest.raises(QgsProcessingException) as error:
        processing.run("regionplan:checkplan", {
            "PLAN": demo_plans, "SERVICE_URL": pygeoapi_service, "LANGUAGE": "en", "OUTPUT": "TEMPORARY_OUTPUT",
            "REPORT": pdf})
    assert str(error.value).startswith(f"The report cannot be written to {pdf}")
    assert "Traceback" not in str(error.value) and "Unexpected" not in str(error.value)
