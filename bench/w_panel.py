"""Worker: start-up and panel figures (part 3), each mode in a fresh process.

Modes:

* ``prepare``: online once against the demo service: the catalogue and every dataset
  into the cache folder ``cache_root`` (not timed);
* ``initgui``: importing the plugin + ``classFactory(iface)`` + ``initGui()`` (cold, as at
  QGIS start-up; Processing provider included);
* ``catalog``: opening the catalogue from the cache, offline, in the panel end to end
  (``RegionplanDock(...)`` + ``load_catalog(offline=True)`` until the tree is filled);
* ``catalog_core``: the same without widgets: ``open_session`` (profile + ``Catalog.load``
  + cache states, what the panel's task runs);
* ``layers``: adding 10 cached datasets to the map through the panel
  (``CatalogueTab.add_to_map``: open the cached copy, style, metadata, layer tree);
* ``check``: the check of the demo's sample plans against the full bundled Örebro rule
  set, from the cache (``DataAccess(..., offline=True)``).

``iface`` is a minimal stand-in on a real ``QMainWindow``/``QgsMapCanvas`` (``make_iface``).
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import ROOT, emit, worker_args  # noqa: E402
from bench.qgis_env import start_qgis  # noqa: E402

DEMO_GPKG = os.path.join(ROOT, "resources", "demo", "orebro_demo.gpkg")


def make_iface():
    """A minimal stand-in for QGIS's ``iface`` on a real main window and map canvas
    (what ``initGui()`` and the panel use of it)."""
    from qgis.gui import QgsMapCanvas, QgsMessageBar
    from qgis.PyQt.QtCore import QObject
    from qgis.PyQt.QtWidgets import QMainWindow

    class Iface(QObject):
        def __init__(self):
            super().__init__()
            self._window = QMainWindow()
            self._canvas = QgsMapCanvas(self._window)
            self._bar = QgsMessageBar(self._window)

        def mainWindow(self):  # noqa: N802
            return self._window

        def mapCanvas(self):  # noqa: N802
            return self._canvas

        def messageBar(self):  # noqa: N802
            return self._bar

        def addToolBar(self, name):  # noqa: N802
            return self._window.addToolBar(name)

        def addPluginToWebMenu(self, *args):  # noqa: N802
            pass

        def removePluginWebMenu(self, *args):  # noqa: N802
            pass

        def addDockWidget(self, area, dock):  # noqa: N802
            self._window.addDockWidget(area, dock)

        def removeDockWidget(self, dock):  # noqa: N802
            self._window.removeDockWidget(dock)

        def __getattr__(self, name):  # anything else the panel may call: a no-op
            return lambda *args, **kwargs: None

    return Iface()


def wait_until(predicate, timeout_s=60.0):
    """Spin the Qt event loop (a benchmark harness, not plugin code) until ``predicate()``."""
    from qgis.PyQt.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("timed out")
        QTimer.singleShot(1, loop.quit)
        loop.exec_()


def bundled_profile(service_url=None):
    from regionplan_plugin.core.profile import load_profile

    profile = load_profile(None)
    return profile.with_service_url(service_url) if service_url else profile


def prepare(args):
    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.catalog import Catalog
    from regionplan_plugin.core.http import HttpClient
    from regionplan_plugin.core.service import OgcFeaturesService

    profile = bundled_profile(args["url"])
    service = OgcFeaturesService(profile.service_url, HttpClient())
    cache = Cache(profile.id, root=args["cache_root"])
    catalog = Catalog.load(profile, service=service, cache=cache)
    ids = [d.id for d in catalog.search()]
    for cid in ids:
        cache.refresh(service, cid, profile.crs)
    return {"time_s": 0.0, "datasets": len(ids), "ids": ids}


def initgui(args):
    start, cpu0 = time.perf_counter(), time.process_time()
    import regionplan_plugin

    imported = time.perf_counter()
    plugin = regionplan_plugin.classFactory(IFACE)
    plugin.initGui()
    end, cpu = time.perf_counter(), time.process_time() - cpu0
    plugin.unload()
    return {"time_s": end - start, "cpu_s": cpu, "import_s": imported - start, "init_s": end - imported}


def catalog_core(args):
    from regionplan_plugin.gui.session import Options, open_session

    options = Options(cache_root=args["cache_root"], offline=True)
    start, cpu0 = time.perf_counter(), time.process_time()
    session = open_session(options)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
    return {"time_s": elapsed, "cpu_s": cpu, "datasets": len(session.catalog.search()),
            "statuses": sorted(set(session.statuses.values()))}


def catalog(args):
    from regionplan_plugin.gui.dock import RegionplanDock

    start, cpu0 = time.perf_counter(), time.process_time()
    dock = RegionplanDock(IFACE, parent=IFACE.mainWindow())
    dock._first_show = False
    dock.load_catalog(offline=True)
    wait_until(lambda: dock.session is not None and dock.catalogue.visible_ids())
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
    shown = len(dock.catalogue.visible_ids())
    dock.shutdown()
    return {"time_s": elapsed, "cpu_s": cpu, "shown": shown}


def layers(args):
    from qgis.core import QgsProject

    from regionplan_plugin.gui.dock import RegionplanDock

    dock = RegionplanDock(IFACE, parent=IFACE.mainWindow())
    dock._first_show = False
    dock.load_catalog(offline=True)
    wait_until(lambda: dock.session is not None and dock.catalogue.visible_ids())
    ids = [cid for cid in dock.catalogue.visible_ids() if dock.session.cache.entry(cid) is not None][:10]
    start, cpu0 = time.perf_counter(), time.process_time()
    added = dock.catalogue.add_to_map(ids)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
    names = [layer.name() for layer in added]
    valid = sum(1 for layer in added if layer.isValid() and layer.featureCount() > 0)
    dock.shutdown()
    return {"time_s": elapsed, "cpu_s": cpu, "asked": len(ids), "added": len(added), "valid": valid,
            "in_project": len(QgsProject.instance().mapLayers()), "names": names}


def check(args):
    from qgis.core import QgsVectorLayer

    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.sources import DataAccess

    profile = bundled_profile()
    profiler = None
    if args.get("profile_out"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start, cpu0 = time.perf_counter(), time.process_time()
    plan = QgsVectorLayer(DEMO_GPKG + "|layername=plan_samples", "plan_samples", "ogr")
    data = DataAccess(profile, Cache(profile.id, root=args["cache_root"]), offline=True)
    result = run_check(profile, plan, data, lang="sv")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args["profile_out"])
    return {"time_s": elapsed, "cpu_s": cpu, "plan_features": plan.featureCount(), "rules": len(profile.rules),
            "findings": len(result.findings), "counts": dict(result.counts),
            "timings": dict(result.timings)}


MODES = {"prepare": prepare, "initgui": initgui, "catalog": catalog, "catalog_core": catalog_core, "layers": layers,
         "check": check}
IFACE = None


def main():
    global IFACE
    args = worker_args()
    if args.get("cache_root"):
        os.environ["REGIONPLAN_CACHE_DIR"] = args["cache_root"]
    start_qgis(gui=args["mode"] in ("initgui", "catalog", "layers"))
    if args["mode"] in ("initgui", "catalog", "layers"):
        IFACE = make_iface()
    func = MODES[args["mode"]]
    if args.get("profile_out") and args["mode"] != "check":
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(func, args)
        profiler.dump_stats(args["profile_out"])
    else:
        result = func(args)
    emit(result)


if __name__ == "__main__":
    main()
