"""Issue 17 item 4: the field package opens anywhere, with relative paths only."""

import os
import re
import shutil
import zipfile

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.fieldpack import write_field_package
from regionplan_plugin.core.http import HttpClient
from regionplan_plugin.core.profile import load_profile
from regionplan_plugin.core.service import OgcFeaturesService
from tests.fixtures.service import DEMO_GPKG, PROFILE_PATH


def _drawn_pixels(layers, extent, crs):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(crs)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(200, 200))
    settings.setBackgroundColor(QColor(255, 255, 255, 0))
    image = QImage(200, 200, QImage.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.renderSynchronously()
    painter.end()
    return sum(1 for x in range(0, 200, 2) for y in range(0, 200, 2) if QColor(image.pixel(x, y)).alpha() > 0
               or image.pixel(x, y) >> 24)


@pytest.mark.timeout(90)
def test_field_package_moves_and_opens_with_relative_paths(qgis_server_service, tmp_path):
    profile = load_profile(PROFILE_PATH)
    crs = QgsCoordinateReferenceSystem(profile.crs)
    cache = Cache(profile.id, root=str(tmp_path / "cache"))
    service = OgcFeaturesService(qgis_server_service, HttpClient())
    for cid in ("kommuner", "jordbruksmark"):
        cache.refresh(service, cid, profile.crs)
    demo = str(tmp_path / "demo.gpkg")
    shutil.copyfile(DEMO_GPKG, demo)
    plans = QgsVectorLayer(f"{demo}|layername=plan_samples", "Planförslag", "ogr")
    plans.setSubsetString("fid = 1")
    assert plans.featureCount() == 1, (plans.isValid(), demo)
    findings = QgsVectorLayer(f"{demo}|layername=jordbruksmark", "Träffar", "ogr")
    findings.setSubsetString("fid <= 3")
    basemap = str(tmp_path / "bas.gpkg")
    from osgeo import gdal
    extent = next(plans.getFeatures()).geometry().boundingBox().buffered(2000)
    ds = gdal.GetDriverByName("GTiff").Create(basemap + ".tif", 64, 64, 3, gdal.GDT_Byte)
    ds.SetGeoTransform([extent.xMinimum(), extent.width() / 64, 0, extent.yMaximum(), 0, -extent.height() / 64])
    ds.SetProjection(crs.toWkt())
    for band in (1, 2, 3):
        ds.GetRasterBand(band).Fill(200)
    ds = None
    gdal.Translate(basemap, basemap + ".tif", format="GPKG")

    folder = tmp_path / "pack"
    path = write_field_package(str(folder), profile, cache, plans, [findings], basemap_path=basemap)
    assert os.path.basename(path) == "faltprojekt.qgz"
    del plans, findings
    moved = tmp_path / "elsewhere" / "fält"
    shutil.move(str(folder), str(moved))
    shutil.rmtree(tmp_path / "cache")
    os.unlink(basemap)
    os.unlink(demo)

    with zipfile.ZipFile(moved / "faltprojekt.qgz") as archive:
        qgs = next(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".qgs"))
    sources = [s for s in re.findall(r"<datasource>([^<]*)</datasource>", qgs) if s]
    assert sources and all(s.startswith("./data/") for s in sources), sources
    assert str(tmp_path) not in qgs and "/tmp/" not in qgs
    assert 'type="ExternalResource"' in qgs, re.findall(r"<editWidget[^>]*>", qgs)[:8]

    project = QgsProject()
    assert project.read(str(moved / "faltprojekt.qgz"))
    layers = list(project.mapLayers().values())
    names = sorted(layer.name() for layer in layers)
    assert len(layers) == 6, names  # notes, plan, findings, two regional layers, basemap
    assert all(layer.isValid() for layer in layers), [(lay.name(), lay.source()) for lay in layers if not lay.isValid()]
    assert all(os.path.realpath(layer.source().split("|")[0]).startswith(os.path.realpath(moved))
               for layer in layers)
    view = project.viewSettings().defaultViewExtent()
    assert not view.isEmpty()
    for layer in layers:
        if isinstance(layer, QgsRasterLayer) or layer.featureCount() > 0:
            assert _drawn_pixels([layer], view, crs) > 0, layer.name()
    notes = next(layer for layer in layers if layer.name() in ("Anteckningar och observationer",
                                                              "Notes and observations"))
    assert [f.name() for f in notes.fields()][-4:] == ["note", "category", "date", "photo"]
    assert notes.editorWidgetSetup(notes.fields().indexOf("photo")).type() == "ExternalResource"
    assert notes.isEditable() or notes.startEditing()
    notes.rollBack()
    project.clear()


@pytest.mark.timeout(90)
def test_field_package_is_ready_for_qfield(qgis_server_service, tmp_path):
    """What QField needs, checked headless (QField itself is not run here): GeoPackage layers
    only (a sketched plan and the findings are memory layers in QGIS), no Python in any form or
    action, the regional copies read-only, the plan area as the default view and the saved map
    canvas, and the notes form with a photo attachment stored relative to the project."""
    from qgis.core import QgsAction, QgsEditFormConfig, QgsFeature, QgsGeometry, QgsPointXY, QgsRectangle

    from regionplan_plugin.core.case import CaseInfo, create_case

    profile = load_profile(PROFILE_PATH)
    cache = Cache(profile.id, root=str(tmp_path / "cache"))
    cache.refresh(OgcFeaturesService(qgis_server_service, HttpClient()), "kommuner", profile.crs)
    sketch = QgsVectorLayer("MultiPolygon?crs=EPSG:3006&field=name:string&field=purpose:string", "Skiss", "memory")
    feature = QgsFeature(sketch.fields())
    feature.setAttributes(["Kumla norra", "housing"])
    feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(507500, 6554200, 508600, 6555200)))
    sketch.dataProvider().addFeatures([feature])
    findings = QgsVectorLayer("MultiPolygon?crs=EPSG:3006&field=rule_id:string", "Träffar (ytor)", "memory")
    found = QgsFeature(findings.fields())
    found.setAttributes(["primary-corridor"])
    found.setGeometry(QgsGeometry.fromRect(QgsRectangle(507800, 6554300, 508000, 6554500)))
    findings.dataProvider().addFeatures([found])
    config = findings.editFormConfig()  # a form with Python, as a user's own style may bring
    config.setInitCodeSource(QgsEditFormConfig.CodeSourceDialog)
    config.setInitFunction("my_form_open")
    config.setInitCode("def my_form_open(dialog, layer, feature):\n    pass\n")
    findings.setEditFormConfig(config)
    findings.actions().addAction(QgsAction(QgsAction.GenericPython, "Hej", "print('hej')"))
    case = create_case(str(tmp_path / "arende.gpkg"), CaseInfo(case_id="RÖ 2026-1", municipality="Kumla"))

    path = write_field_package(str(tmp_path / "pack"), profile, cache, sketch, [findings], case=case)
    case.close()
    moved = tmp_path / "usb" / "fält"
    shutil.move(str(tmp_path / "pack"), str(moved))
    shutil.rmtree(tmp_path / "cache")
    os.unlink(tmp_path / "arende.gpkg")
    del sketch, findings

    with zipfile.ZipFile(moved / os.path.basename(path)) as archive:
        qgs = next(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".qgs"))
    assert "memory" not in re.findall(r'<provider[^>]*>([^<]*)</provider>', qgs)
    assert "my_form_open" not in qgs and "print('hej')" not in qgs
    canvas = re.search(r'<mapcanvas name="theMapCanvas">.*?<xmin>([-\d.]+)</xmin>.*?<ymin>([-\d.]+)</ymin>', qgs,
                       re.S)
    assert canvas is not None
    project = QgsProject()
    assert project.read(str(moved / "faltprojekt.qgz"))
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    assert sorted(layer.providerType() for layer in layers.values()) == ["ogr"] * len(layers), \
        [(lay.name(), lay.providerType()) for lay in layers.values()]
    assert all(layer.isValid() for layer in layers.values())
    assert all(os.path.realpath(layer.source().split("|")[0]).startswith(os.path.realpath(moved))
               for layer in layers.values())
    plan = next(layer for name, layer in layers.items() if name in ("Plan", "Planområde"))
    assert plan.featureCount() == 1 and next(plan.getFeatures())["name"] == "Kumla norra"
    view = project.viewSettings().defaultViewExtent()
    assert view.contains(plan.extent()) and view.width() < 5000
    assert abs(float(canvas.group(1)) - view.xMinimum()) < 1 and abs(float(canvas.group(2)) - view.yMinimum()) < 1
    for layer in layers.values():
        form = layer.editFormConfig()
        assert form.initCodeSource() == QgsEditFormConfig.CodeSourceNone, layer.name()
        assert form.layout() != QgsEditFormConfig.UiFileLayout
        assert not [a for a in layer.actions().actions() if a.type() == QgsAction.GenericPython], layer.name()
    regional = next(layer for layer in layers.values() if "kommuner" in layer.source())
    assert regional.readOnly()
    decisions = next(layer for layer in layers.values() if "case.gpkg" in layer.source())
    assert decisions.isValid()

    notes = next(layer for name, layer in layers.items() if name in ("Anteckningar och observationer",
                                                                   "Notes and observations"))
    assert notes.storageType() == "GPKG" and notes.geometryType() == 0  # points in a GeoPackage
    photo = notes.fields().indexOf("photo")
    setup = notes.editorWidgetSetup(photo)
    assert setup.type() == "ExternalResource"
    assert setup.config()["DocumentViewer"] == 1 and setup.config()["RelativeStorage"] == 1
    assert notes.editorWidgetSetup(notes.fields().indexOf("category")).type() == "ValueMap"
    assert "now()" in notes.defaultValueDefinition(notes.fields().indexOf("date")).expression()
    assert notes.startEditing()
    note = QgsFeature(notes.fields())
    note.setAttribute("note", "Dike längs östra kanten")
    note.setAttribute("photo", "DCIM/dike.jpg")
    note.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(508000, 6554700)))
    assert notes.addFeature(note) and notes.commitChanges()
    project.clear()
    again = QgsVectorLayer(str(moved / "data" / "anteckningar.gpkg") + "|layername=anteckningar", "n", "ogr")
    assert [f["photo"] for f in again.getFeatures()] == ["DCIM/dike.jpg"]
    del again


_REWRITE = """
import resource, signal, sys
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.errors import RegionplanError
from regionplan_plugin.core.fieldpack import write_field_package
from regionplan_plugin.core.profile import load_profile
profile = load_profile(sys.argv[1])
cache = Cache(profile.id, root=sys.argv[2])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
code = 0
try:
    write_field_package(sys.argv[3], profile, cache, None, [])
    print("OK")
except RegionplanError as error:
    print("ERROR " + str(error))
    code = 3
app.exitQgis()
sys.exit(code)
"""


@pytest.mark.timeout(120)
def test_r2_08_a_full_disk_keeps_the_previous_field_package(qgis_server_service, tmp_path):
    """Issue 11 item 8 for the field package: written again on a full disk (a file size limit in a
    child process), it says so clearly, and every file of the previous package is as it was (the
    copy of a cached layer was cut off at the limit, in place, and the error was a traceback)."""
    import subprocess
    import sys

    from tests.fixtures.base import ROOT

    profile = load_profile(PROFILE_PATH)
    cache = Cache(profile.id, root=str(tmp_path / "cache"))
    service = OgcFeaturesService(qgis_server_service, HttpClient())
    for cid in ("kommuner", "jordbruksmark"):
        cache.refresh(service, cid, profile.crs)
    folder = tmp_path / "pack"
    write_field_package(str(folder), profile, cache, None, [])
    before = {os.path.relpath(os.path.join(d, n), folder): open(os.path.join(d, n), "rb").read()
              for d, _dirs, names in os.walk(folder) for n in names}
    assert "faltprojekt.qgz" in before and len(before) == 4  # the project, the notes and two copies
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-c", _REWRITE, PROFILE_PATH, str(tmp_path / "cache"), str(folder)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=100)
    assert done.returncode == 3, done.stdout + done.stderr[-3000:]
    assert done.stdout.startswith(f"ERROR The field package cannot be written to {folder}: File too large.")
    assert "Traceback" not in done.stderr
    after = {os.path.relpath(os.path.join(d, n), folder): open(os.path.join(d, n), "rb").read()
             for d, _dirs, names in os.walk(folder) for n in names}
    assert after == before  # every file as it was, and no temporary file left
