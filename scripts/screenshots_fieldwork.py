"""The fieldwork steps of ``scripts/screenshots.py`` (issue 17), run in QGIS after the case:

    docs/screenshots/report-basemap.png  the report map of a sample plan over the background map
                                         (the WMS of QGIS Server, made available offline)
    docs/screenshots/fieldpack.png       the field package ("Packa för fält") opened in QGIS

``FIELDWORK`` is QGIS startup code appended to ``screenshots.STARTUP`` (same globals: ``DOCK``,
``OUT``, ``TMP``, ``PLAN``, ``SUFFIX``, ``wait``, ``grab``, ``log``, ``quit_later``);
``write_profile(tmp, wms_url)`` writes the bundled profile plus the demo background map."""

import json
import os

from demo_background import WMS_LAYERS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMES = ("report-basemap", "fieldpack")


def write_profile(tmp: str, wms_url: str) -> str:
    """The bundled profile with a ``wms`` background source (QGIS Server's WMS of the demo's topographic background)
    named as the reports' background; its path."""
    with open(os.path.join(ROOT, "resources", "profiles", "orebro.json"), encoding="utf-8") as handle:
        obj = json.load(handle)
    obj["sources"].append({"id": "bakgrund", "type": "wms", "url": wms_url, "layers": [WMS_LAYERS],
                           "title": {"sv": "Bakgrundskarta (demo)", "en": "Background map (demo)"}})
    obj["report_background"] = "bakgrund"
    path = os.path.join(tmp, "orebro-bakgrund.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(obj, handle, ensure_ascii=False)
    return path


FIELDWORK = r'''

def fieldwork():
    """One sample plan, checked; its report map's area made available offline."""
    try:
        dock = DOCK
        root = QgsProject.instance().layerTreeRoot()
        for layer in QgsProject.instance().mapLayers().values():
            node = root.findLayer(layer.id())
            if node is not None and layer.name().startswith("Planförslag v"):
                node.setItemVisibilityChecked(False)
        plan = QgsVectorLayer(PLAN + "|layername=plan_samples", "Planförslag Törsjö", "ogr")
        plan.setSubsetString("fid = 1")
        source = QgsProject.instance().mapLayersByName("Planförslag")[0]
        plan.setRenderer(source.renderer().clone())
        QgsProject.instance().addMapLayer(plan)
        dock.tabs.setCurrentIndex(1)
        run_plan(plan, cache_background)
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def cache_background():
    try:
        from regionplan_plugin.core import report
        dock = DOCK
        contents = report.map_contents(dock.review.result)
        extent = report._fit(contents.extent, 1.5)
        extent.scale(1.2)
        contents.layers.clear()
        contents.regional.clear()
        canvas = iface.mapCanvas()
        canvas.setExtent(extent)
        combo = dock.catalogue.area_combo
        combo.setCurrentIndex(combo.findData("extent"))
        task = dock.fieldwork.cache_basemap()
        wait(lambda: task.done and not dock.running(), lambda: report_map(task))
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def report_map(task):
    try:
        import base64
        import re
        if not task.ok:
            log("basemap: " + task.message())
            quit_later(1)
            return
        path = DOCK.review.export("html", os.path.join(TMP, "rapport.html"))
        with open(path, encoding="utf-8") as handle:
            found = re.search(r'src="data:image/png;base64,([^"]+)"', handle.read())
        name = "report-basemap" + SUFFIX + ".png"
        with open(os.path.join(OUT, name), "wb") as handle:
            handle.write(base64.b64decode(found.group(1)))
        log("saved " + name)
        pack()
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def pack():
    try:
        dock = DOCK
        task = dock.fieldwork.pack(TMP)
        wait(lambda: task.done and not dock.running(), lambda: open_package(task))
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def open_package(task):
    try:
        if not task.ok:
            log("pack: " + task.message())
            quit_later(1)
            return
        DOCK.case_tab.close_case()
        DOCK.hide()
        iface.messageBar().clearWidgets()
        QgsProject.instance().setDirty(False)
        iface.addProject(task.result)  # as a planner opens it: Project > Open
        root = QgsProject.instance().layerTreeRoot()
        for node in root.findLayers():
            node.setExpanded(False)
        QTimer.singleShot(1500, show_package)  # once the window has its new layout
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def show_package():
    try:
        canvas = iface.mapCanvas()
        view = QgsProject.instance().viewSettings().defaultViewExtent()
        log("default view {:.0f} {:.0f} {:.0f} {:.0f}".format(view.xMinimum(), view.yMinimum(),
                                                              view.xMaximum(), view.yMaximum()))
        canvas.setExtent(view)
        canvas.refresh()
        wait(lambda: not canvas.isDrawing(), lambda: (grab("fieldpack" + SUFFIX + ".png"), quit_later(0)))
    except Exception:
        log(traceback.format_exc())
        quit_later(1)
'''
