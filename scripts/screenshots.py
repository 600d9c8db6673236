#!/usr/bin/env python3
"""``make screenshots``: real QGIS under Xvfb, the plugin and the demo service.

Starts the demo service (pygeoapi, ``scripts/serve.py`` in ``.venv-service``) on a free
loopback port, then runs the ``qgis`` binary in a virtual 1280x800 screen with a
temporary QGIS profile and a startup script (``--code``) that loads the plugin from this
checkout, opens the panel, loads the catalogue, adds a few layers, runs the check on a
sample plan and saves

    docs/screenshots/catalogue.png   the catalogue tab with layers on the map
    docs/screenshots/review.png      the Plan check tab with results
    docs/screenshots/sketch.png      a sketched plan area ("Skiss"), checked at once
    docs/screenshots/here.png        the "What applies here" card at a clicked point
    docs/screenshots/case.png        the case tab: the reviewer's decisions on version 1
    docs/screenshots/compare.png     the case tab: version 2 compared with version 1, on the map
    docs/screenshots/report-basemap.png  a report map over the background map (QGIS Server's WMS)
    docs/screenshots/fieldpack.png   the field package ("Packa för fält") opened in QGIS

(``--lang sv``: QGIS and the panel in Swedish, saved as catalogue-sv.png, review-sv.png, ...)

then quits. Nothing is fetched from the internet.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import demo_background
import screenshots_fieldwork as fieldwork

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "docs", "screenshots")
SERVICE_PY = os.path.join(ROOT, ".venv-service", "bin", "python")

STARTUP = r'''
import os, sys, traceback
sys.path.insert(0, {root!r})
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.utils import iface

OUT = {out!r}
SERVICE = {service!r}
SUFFIX = {suffix!r}
PLAN = {plan!r}
PROFILE = {profile!r}
TMP = {tmp!r}
state = {{"step": 0, "t": 0}}


def log(text):
    with open(os.path.join(OUT, ".screenshots.log"), "a", encoding="utf-8") as handle:
        handle.write(text + "\n")


def grab(name):
    window = iface.mainWindow()
    pixmap = window.grab()
    pixmap.save(os.path.join(OUT, name), "PNG")
    log("saved " + name)


def quit_later(code=0):
    def unload_and_exit():
        # Close the project and unload the plugin before quitting: QGIS 3.40 died on signal 11 when it
        # quit from here with the layers still in the project
        QgsProject.instance().clear()
        plugin = globals().pop("PLUGIN", None)
        globals().pop("DOCK", None)
        failed = False
        if plugin is not None:
            try:
                plugin.unload()
            except Exception:
                log(traceback.format_exc())
                failed = True
        QgsApplication.exit(1 if failed else code)
    QTimer.singleShot(500, unload_and_exit)


def main():
    try:
        from regionplan_plugin.core import settings
        settings.SERVICE_URL.set(SERVICE)
        settings.PROFILE_SOURCE.set(PROFILE)  # the bundled profile plus the demo background map
        window = iface.mainWindow()
        window.move(0, 0)
        window.resize(1280, 800)
        window.showMaximized()
        QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
        import regionplan_plugin
        plugin = regionplan_plugin.classFactory(iface)
        plugin.initGui()
        globals()["PLUGIN"] = plugin
        dock = plugin.show_dock()
        globals()["DOCK"] = dock
        window.resizeDocks([dock], [500], Qt.Orientation.Horizontal)
        QTimer.singleShot(300, step)
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def wait(predicate, then, timeout_s=120):
    state["t"] = 0

    def poll():
        state["t"] += 0.25
        try:
            ok = predicate()
        except Exception:
            log(traceback.format_exc())
            quit_later(1)
            return
        if ok:
            QTimer.singleShot(800, then)
        elif state["t"] > timeout_s:
            log("timeout in " + getattr(then, "__name__", "?"))
            quit_later(1)
        else:
            QTimer.singleShot(250, poll)

    poll()


def step():
    dock = DOCK
    wait(lambda: dock.session is not None, make_offline)


def make_offline():
    try:
        dock = DOCK
        # every dataset a rule uses: the "What applies here" card reads only the offline cache
        task = dock.catalogue.make_offline(["kommuner"] + dock.session.profile.collections_used())
        wait(lambda: task.done and not dock.running(), add_layers)
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def add_layers():
    try:
        dock = DOCK
        dock.catalogue.add_to_map(["kommuner", "rus_person_2030_strak", "vattenskydd", "kollektivtrafik_noder"])
        wait(lambda: not dock.running() and len(QgsProject.instance().mapLayers()) >= 4, show_catalogue)
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def show_catalogue():
    try:
        dock = DOCK
        canvas = iface.mapCanvas()
        QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
        layers = QgsProject.instance().mapLayersByName("Kommuner i Örebro län")
        if layers:
            transform = QgsCoordinateTransform(layers[0].crs(), QgsProject.instance().crs(), QgsProject.instance())
            extent = transform.transformBoundingBox(layers[0].extent())
            extent.scale(1.05)
            canvas.setExtent(extent)
        canvas.refresh()
        dock.catalogue.select(["rus_person_2030_strak"])
        dock.tabs.setCurrentIndex(0)
        wait(lambda: not canvas.isDrawing(), lambda: (grab("catalogue" + SUFFIX + ".png"), review()))
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def review():
    try:
        dock = DOCK
        plan = QgsVectorLayer(PLAN + "|layername=plan_samples", "Planförslag", "ogr")
        from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer
        symbol = QgsFillSymbol.createSimple(dict(color="106,61,154,40", outline_color="106,61,154,255",
                                                 outline_width="0.8"))
        plan.setRenderer(QgsSingleSymbolRenderer(symbol))  # the same picture on every run
        QgsProject.instance().addMapLayer(plan)
        dock.tabs.setCurrentIndex(1)
        dock.review.layer_combo.setLayer(plan)
        task = dock.review.run()
        wait(lambda: task.done, show_review)
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def show_review():
    try:
        dock = DOCK
        canvas = iface.mapCanvas()
        results = dock.review.results
        if results.topLevelItemCount():
            # the results per plan area: the first area open, the others as their summary line
            for i in range(1, results.topLevelItemCount()):
                results.topLevelItem(i).setExpanded(False)
            top = results.topLevelItem(0)
            if top.childCount() and top.child(0).childCount():
                results.setCurrentItem(top.child(0).child(0))
        plan = QgsProject.instance().mapLayersByName("Planförslag")[0]
        feature = next(plan.getFeatures())
        extent = feature.geometry().boundingBox()
        extent.scale(4.0)
        canvas.setExtent(extent)
        canvas.refresh()
        wait(lambda: not canvas.isDrawing(), lambda: (grab("review" + SUFFIX + ".png"), sketch()))
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


KUMLA = (508071.0, 6554035.0)


def sketch():
    try:
        from qgis.core import QgsPointXY, QgsRectangle
        from regionplan_plugin.gui import sketch_tool

        def fill(dialog):
            dialog.name.setText("Kumla norra")
            dialog.purpose.setCurrentIndex(dialog.purpose.findData("housing"))
            return True

        sketch_tool.SketchDialog.run = fill  # the dialog's answers, as a planner would give them
        plugin, dock = PLUGIN, DOCK
        canvas = iface.mapCanvas()
        x, y = KUMLA
        canvas.setExtent(QgsRectangle(x - 2500, y - 1500, x + 2500, y + 2500))
        plugin._sketch()
        tool = plugin.tools["sketch"]
        for dx, dy in ((-600, 200), (300, 150), (500, 700), (100, 1200), (-700, 900)):
            tool.points.append(QgsPointXY(x + dx, y + dy))
        tool._redraw()
        task = tool.finish()
        wait(lambda: task is None or task.done, show_sketch)
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def show_sketch():
    canvas = iface.mapCanvas()
    canvas.refresh()
    wait(lambda: not canvas.isDrawing(), lambda: (grab("sketch" + SUFFIX + ".png"), here()))


def here():
    try:
        from qgis.core import QgsGeometry, QgsPointXY

        plugin = PLUGIN
        plugin._here()
        tool = plugin.tools["here"]
        dialog = tool.dialog
        dialog.purpose.setCurrentIndex(dialog.purpose.findData("housing"))
        x, y = KUMLA
        tool.show_card(QgsGeometry.fromPointXY(QgsPointXY(x + 200, y)))
        window = iface.mainWindow()
        dialog.resize(460, 600)
        dialog.move(window.x() + 80, window.y() + 120)

        def shot():
            screen = QgsApplication.primaryScreen()
            screen.grabWindow(0).save(os.path.join(OUT, "here" + SUFFIX + ".png"), "PNG")
            log("saved here" + SUFFIX + ".png")
            dialog.hide()
            case_v1()

        wait(lambda: not iface.mapCanvas().isDrawing(), shot)
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def plan_version(name, dx):
    """A one-area plan (the first sample) moved ``dx`` metres east: two versions of one ÖP area."""
    from qgis.core import QgsFeature, QgsFields, QgsGeometry
    source = QgsProject.instance().mapLayersByName("Planförslag")[0]
    feature = next(source.getFeatures())
    layer = QgsVectorLayer("MultiPolygon?crs=" + source.crs().authid() + "&field=name:string", name, "memory")
    geometry = QgsGeometry(feature.geometry())
    geometry.translate(dx, 0)
    new = QgsFeature(layer.fields())
    new.setAttributes([feature["name"]])
    new.setGeometry(geometry)
    layer.dataProvider().addFeatures([new])
    layer.setRenderer(source.renderer().clone())
    QgsProject.instance().addMapLayer(layer)
    return layer


def run_plan(layer, then):
    dock = DOCK
    dock.review.selected_only.setChecked(False)
    dock.review.layer_combo.setLayer(layer)
    task = dock.review.run()
    wait(lambda: task.done, then)


def case_v1():
    try:
        from regionplan_plugin.core.case import CaseInfo
        dock = DOCK
        plan = QgsProject.instance().mapLayersByName("Planförslag")[0]
        QgsProject.instance().layerTreeRoot().findLayer(plan.id()).setItemVisibilityChecked(False)
        info = CaseInfo(case_id="RÖ 2026-00123", municipality="Örebro", plan_name="ÖP Örebro – Törsjö",
                        plan_type="op", stage="samrad")
        task = dock.case_tab.create(os.path.join(TMP, "case.gpkg"), info)
        layer = plan_version("Planförslag v1", 0)
        wait(lambda: task.done, lambda: run_plan(layer, add_v1))
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def add_v1():
    dock = DOCK
    task = dock.case_tab.add_version("Samrådshandling")
    wait(lambda: task.done and not dock.running(), show_case)


def show_case():
    try:
        dock = DOCK
        view = dock.case_tab
        panel = view.decisions
        panel.decide(0, "agree")
        if len(panel.rows()) > 1:
            panel.decide(1, "not_relevant", reason="Känd och hanterad i ÖP:s kapitel 5.")
        if len(panel.rows()) > 2:
            after = "info" if panel.rows()[2][3] != "info" else "attention"
            panel.decide(2, "severity_changed", after, "Bedöms som mindre allvarlig.")
        dock.tabs.setCurrentIndex(2)
        view.pages.setCurrentIndex(1)
        panel.select_row(1)
        canvas = iface.mapCanvas()
        wait(lambda: not canvas.isDrawing(), lambda: (grab("case" + SUFFIX + ".png"), case_v2()))
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def case_v2():
    try:
        first = QgsProject.instance().mapLayersByName("Planförslag v1")[0]
        QgsProject.instance().layerTreeRoot().findLayer(first.id()).setItemVisibilityChecked(False)
        layer = plan_version("Planförslag v2", 900)
        run_plan(layer, add_v2)
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def add_v2():
    dock = DOCK
    task = dock.case_tab.add_version("Granskningshandling")
    wait(lambda: task.done and not dock.running(), show_compare)


def show_compare():
    try:
        dock = DOCK
        view = dock.case_tab
        view.pages.setCurrentIndex(0)
        root = QgsProject.instance().layerTreeRoot()
        for name in ("Findings", "Träffar"):
            if root.findGroup(name) is not None:
                root.findGroup(name).setItemVisibilityChecked(False)
        second = QgsProject.instance().mapLayersByName("Planförslag v2")[0]
        root.findLayer(second.id()).setItemVisibilityChecked(False)
        canvas = iface.mapCanvas()
        extent = view.comparison.added.boundingBox()
        extent.combineExtentWith(view.comparison.removed.boundingBox())
        extent.scale(1.6)
        canvas.setExtent(extent)
        canvas.refresh()
        wait(lambda: not canvas.isDrawing(), lambda: (grab("compare" + SUFFIX + ".png"), finish_case()))
    except Exception:
        log(traceback.format_exc())
        quit_later(1)


def finish_case():
    fieldwork()  # scripts/screenshots_fieldwork.py


QTimer.singleShot(1500, main)
'''


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout_s: float, proc) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the demo service exited with code {proc.returncode}")
        try:
            opener.open(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the demo service did not answer at {url}")


def _kill_group(proc) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(10)
            return
        except subprocess.TimeoutExpired:
            continue


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300, help="seconds before giving up")
    parser.add_argument("--lang", choices=("en", "sv"), default="en", help="language of QGIS and the panel")
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    log_path = os.path.join(OUT, ".screenshots.log")
    if os.path.exists(log_path):
        os.remove(log_path)
    suffix = "" if args.lang == "en" else "-" + args.lang
    names = [f"{name}{suffix}.png" for name in ("catalogue", "review", "sketch", "here", "case", "compare")
             + fieldwork.NAMES]
    tmp = tempfile.mkdtemp(prefix="regionplan-screenshots-")
    wms = demo_background._start(free_port(), tmp)  # QGIS Server's WMS of the demo data: the background map
    if wms is None:
        raise SystemExit("qgis_mapserver is missing: install the Debian package qgis-server")
    wms_url = "http://127.0.0.1:{}/".format(wms.args[-1].rsplit(":", 1)[1])
    port = free_port()
    service = subprocess.Popen([SERVICE_PY, os.path.join(ROOT, "scripts", "serve.py"), "--port", str(port),
                                "--exit-with-parent"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    qgis = None
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_http(url + "collections?f=json", 90, service)
        wait_http(wms_url + "?SERVICE=WMS&REQUEST=GetCapabilities", 90, wms)
        plan = os.path.join(tmp, "orebro_demo.gpkg")  # a copy: QGIS writes into a GeoPackage it opens
        shutil.copyfile(os.path.join(ROOT, "resources", "demo", "orebro_demo.gpkg"), plan)
        startup = os.path.join(tmp, "startup.py")
        with open(startup, "w", encoding="utf-8") as handle:
            handle.write(STARTUP.format(root=ROOT, out=OUT, service=url, suffix=suffix, tmp=tmp,
                                        plan=plan,
                                        profile=fieldwork.write_profile(tmp, wms_url)) + fieldwork.FIELDWORK)
        env = dict(os.environ)
        env.pop("QT_QPA_PLATFORM", None)
        env["QGIS_OPTS"] = ""
        env["REGIONPLAN_CACHE_DIR"] = os.path.join(tmp, "cache")
        env["no_proxy"] = "127.0.0.1,localhost"
        for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
            env.pop(var, None)
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "qgis", "--nologo", "--noversioncheck",
               "--noplugins", "--lang", args.lang, "--profiles-path", os.path.join(tmp, "profiles"), "--code", startup]
        qgis_log = open(os.path.join(tmp, "qgis.log"), "wb")
        # Its own process group: on a timeout, xvfb-run, Xvfb and QGIS all go together.
        qgis = subprocess.Popen(cmd, env=env, stdout=qgis_log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code = qgis.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(qgis)
            code = -1
        with open(log_path, encoding="utf-8") if os.path.exists(log_path) else open(os.devnull) as handle:
            log = handle.read()
        print(log.strip())
        missing = [n for n in names if f"saved {n}" not in log]
        if code != 0 or missing:
            qgis_log.close()
            with open(os.path.join(tmp, "qgis.log"), encoding="utf-8", errors="replace") as handle:
                print(handle.read()[-3000:], file=sys.stderr)
            print(f"QGIS exited with {code}; missing: {missing}", file=sys.stderr)
            return 1
        print(f"screenshots in {OUT}")
        return 0
    finally:
        if qgis is not None and qgis.poll() is None:
            _kill_group(qgis)
        for proc in (service, wms):
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        wms.log.close()
        if os.path.exists(log_path):
            os.remove(log_path)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
