"""The demo's background map (issue 17): a light topographic map of the demo county (lakes,
rivers, forest, roads, railways, settlements with names, municipal boundaries) rendered as WMS
by QGIS Server (``qgis_mapserver`` serving ``resources/service/bakgrund.qgs`` over
``bakgrund.gpkg``, both written by ``scripts/make_background_data.py``), cached as the offline
basemap of the sample plans' area; ``make demo OFFLINE=1`` draws the cached one.

``background(cache, offline, out) -> (layers for the report maps, server process or None)``."""

import os
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROJECT = os.path.join(ROOT, "resources", "service", "bakgrund.qgs")
# Its layers as one image, named as in a WMS GetMap request and in a profile: bottom first.
WMS_LAYERS = "mark,tatorter,vatten,vattendrag,vagar,jarnvag,kommungranser"
# The sample plans' area (60 x 67 km) in about 30 s. A report map drawn at a larger scale
# (1:20 000 - 1:30 000) enlarges this raster; its names are sized for it (background_style.py).
MAX_SCALE = 50000


def _start(port: int, out: str):
    binary = next((p for p in ("/usr/bin/qgis_mapserver.bin", "/usr/lib/qgis/qgis_mapserver.bin")
                   if os.path.exists(p)), None) or shutil.which("qgis_mapserver")
    if binary is None:
        return None
    env = dict(os.environ, QGIS_OPTS="", QT_QPA_PLATFORM="offscreen", QGIS_PROJECT_FILE=PROJECT,
               QGIS_SERVER_PARALLEL_RENDERING="0")
    log = open(os.path.join(out, "wms.log"), "w", encoding="utf-8")  # noqa: SIM115 (closed by the caller)
    proc = subprocess.Popen([binary, "-p", PROJECT, f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
                            cwd=os.path.dirname(PROJECT), env=env)
    proc.log = log
    return proc


def background(cache, offline: bool, out: str, port: int, wait_http):
    """The report maps' background layers and the WMS server's process (None offline)."""
    from qgis.core import QgsVectorLayer

    from regionplan_plugin.core.basemap import BackgroundSource, BasemapStore, background_layer
    from regionplan_plugin.core.basemap.store import REPORT_OPACITY

    store = BasemapStore(cache)
    if offline:
        layer = store.layer()
        if layer is None:
            print("  (no offline background map in the cache: run 'make demo' once online)")
            return [], None
        layer.setOpacity(REPORT_OPACITY)
        print(f"  background map: the offline copy ({store.status_text()})")
        return [layer], None
    proc = _start(port, out)
    if proc is None:
        print("  (no qgis_mapserver: the report maps have no background map)")
        return [], None
    url = f"http://127.0.0.1:{port}/"
    wait_http(url + "?SERVICE=WMS&REQUEST=GetCapabilities", proc)
    source = BackgroundSource(id="demo", type="wms", url=url, layers=(WMS_LAYERS,),
                              title={"sv": "Bakgrundskarta (demo)", "en": "Background map (demo)"})
    layer = background_layer(source, WMS_LAYERS, "EPSG:3006", authcfg="")
    plans = QgsVectorLayer(os.path.join(ROOT, "resources", "demo", "orebro_demo.gpkg") + "|layername=plan_samples",
                           "plans", "ogr")
    area = plans.extent().buffered(3000)
    del plans
    entry = store.save([layer], [f"demo:{WMS_LAYERS}"], area, MAX_SCALE, "EPSG:3006")
    print(f"  background map cached offline: {entry.width} x {entry.height} px, 1:{MAX_SCALE}, "
          f"{os.path.relpath(store.path(), ROOT)}")
    layer.setOpacity(REPORT_OPACITY)
    return [layer], proc
