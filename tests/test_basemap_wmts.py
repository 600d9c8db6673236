"""Issue 17: a WMTS background map from a real QGIS Server (``qgis_mapserver``), like the WMS
and XYZ tests of ``tests/test_basemap.py``.

QGIS Server serves WMTS from a project's ``WMTSLayers`` and ``WMTSGrids`` properties: the
fixture writes such a project (the demo data's farmland, cloudburst risk and municipalities, a
tile grid in SWEREF 99 TM) into a temporary folder and serves it on loopback."""

import json
import os
import shutil

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsFeedback, QgsRasterLayer, QgsRectangle

from regionplan_plugin.core.basemap import (
    BackgroundSource,
    BasemapStore,
    background_layer,
    background_layers,
    background_refs,
    cache_basemap,
    layer_uri,
    report_background_layers,
)
from regionplan_plugin.core.basemap.render import _render
from regionplan_plugin.core.cache import Cache
from tests.fixtures.base import free_port
from tests.fixtures.service import DEMO_GPKG, PROFILE_PATH, _env_without_proxy, _qgis_mapserver_command, _running_server

CRS = QgsCoordinateReferenceSystem("EPSG:3006")
AREA = QgsRectangle(508000, 6569000, 516000, 6575000)  # around Örebro C
LAYERS = ("skyfall_risk", "jordbruksmark", "kommuner")  # top first
ROOT_NAME = "bakgrund"  # the project as one WMTS layer
# SWEREF 99 TM grid: top, left, the scale of level 0, the last level (1:4 000)
GRID = "EPSG:3006,7700000,200000,4096000,10"


def _write_wmts_project(folder) -> str:
    from qgis.core import QgsProject, QgsVectorLayer

    demo = os.path.join(folder, "demo.gpkg")
    shutil.copyfile(DEMO_GPKG, demo)  # never serve the repository's file: reading can change it
    project = QgsProject()
    project.setCrs(CRS)
    project.setTitle("Bakgrundskarta (WMTS)")
    layers = [QgsVectorLayer(f"{demo}|layername={name}", name, "ogr") for name in LAYERS]
    assert all(layer.isValid() for layer in layers)
    project.addMapLayers(layers)
    extent = QgsRectangle()
    for layer in layers:
        extent.combineExtentWith(layer.extent())
    ids = [layer.id() for layer in layers]
    project.writeEntry("WMSRootName", "/", ROOT_NAME)
    project.writeEntry("WMSCrsList", "/", ["EPSG:3006", "EPSG:3857"])
    project.writeEntry("WMSExtent", "/", [repr(v) for v in (extent.xMinimum(), extent.yMinimum(),
                                                           extent.xMaximum(), extent.yMaximum())])
    for key in ("WMTSLayers", "WMTSPngLayers"):
        project.writeEntry(key, "Project", True)
        project.writeEntry(key, "Layer", ids)
    project.writeEntry("WMTSGrids", "CRS", ["EPSG:3006"])
    project.writeEntry("WMTSGrids", "Config", [GRID])
    path = os.path.join(folder, "wmts.qgs")
    assert project.write(path)
    project.clear()
    return path


@pytest.fixture(scope="module")
def wmts_service(qgis_app, tmp_path_factory):
    """``http://127.0.0.1:PORT/``: QGIS Server with a WMTS of the demo data (KVP GetTile)."""
    cmd = _qgis_mapserver_command()
    if cmd is None:
        pytest.fail("qgis_mapserver is missing: install the Debian package qgis-server")
    folder = str(tmp_path_factory.mktemp("wmts"))
    project = _write_wmts_project(folder)
    port = free_port()
    env = _env_without_proxy()
    env.update(QGIS_OPTS="", QT_QPA_PLATFORM="offscreen", QGIS_SERVER_LOG_LEVEL="2", QGIS_SERVER_LOG_STDERR="1",
               QGIS_SERVER_PARALLEL_RENDERING="0", QGIS_PROJECT_FILE=project,
               QGIS_CUSTOM_CONFIG_PATH=str(tmp_path_factory.mktemp("wmts-profile")))
    url = f"http://127.0.0.1:{port}/"
    with _running_server("qgis_mapserver (WMTS)", cmd + ["-p", project, f"127.0.0.1:{port}"], cwd=folder, env=env,
                         ready_url=url + "?SERVICE=WMTS&REQUEST=GetCapabilities",
                         log_prefix="regionplan-qgis-wmts-"):
        yield url


def _wmts_layer(url, name=ROOT_NAME):
    return background_layer(BackgroundSource(id="wmts", type="wmts", url=url, layers=(name,)), name, "EPSG:3006",
                            authcfg="")


def _pixels(layer, rect=AREA, width=200, height=150):
    assert layer.isValid()
    rgba, errors = _render([layer], CRS, rect, width, height)
    assert errors == []
    return rgba


def _colours(rgba):
    return {rgba[i:i + 4] for i in range(0, len(rgba), 4 * 7)}


def _diff(a, b):
    assert len(a) == len(b)
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def test_wmts_uri_asks_for_wmts_capabilities():
    """QGIS' wms provider asks a KVP endpoint for *WMS* capabilities unless the URL says WMTS."""
    plain = BackgroundSource(id="w", type="wmts", url="http://127.0.0.1:1/", layers=("a",))
    uri = layer_uri(plain, "a")
    assert "tileMatrixSet=EPSG:3006" in uri
    assert uri.endswith("url=http://127.0.0.1:1/?SERVICE%3DWMTS%26REQUEST%3DGetCapabilities")
    rest = BackgroundSource(id="w", type="wmts", url="https://example.se/wmts/1.0.0/WMTSCapabilities.xml")
    assert layer_uri(rest, "a").endswith("url=https://example.se/wmts/1.0.0/WMTSCapabilities.xml")
    query = BackgroundSource(id="w", type="wmts", url="https://example.se/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")
    assert layer_uri(query, "a").endswith("url=https://example.se/wmts?SERVICE%3DWMTS%26REQUEST%3DGetCapabilities")


@pytest.mark.timeout(90)
def test_wmts_from_qgis_server_is_valid_draws_and_the_offline_basemap_matches(wmts_service, tmp_path):
    layer = _wmts_layer(wmts_service)
    assert layer.isValid(), layer.source()
    assert layer.dataProvider().capabilities() is not None
    online = _pixels(layer)
    assert len(_colours(online)) >= 3  # farmland, municipalities, cloudburst risk: a map, not a blank
    out = str(tmp_path / "wmts.gpkg")
    feedback = QgsFeedback()
    assert cache_basemap([layer], AREA, 20000, out, feedback, CRS) == out
    assert feedback.progress() == 100
    cached = QgsRasterLayer(out, "cached", "gdal")
    assert cached.isValid() and cached.crs().authid() == "EPSG:3006"
    offline = _pixels(cached)
    assert _diff(online, offline) < 12  # resampling only
    del cached, layer


@pytest.mark.timeout(90)
def test_cachebasemap_algorithm_from_a_wmts_source_and_the_report_uses_it(provider, wmts_service, cache_dir,
                                                                        tmp_path):
    import processing

    from regionplan_plugin.core.profile import load_profile

    with open(PROFILE_PATH, encoding="utf-8") as handle:
        obj = json.load(handle)
    obj["sources"].append({"id": "topo", "type": "wmts", "url": wmts_service, "layers": [ROOT_NAME],
                           "title": {"sv": "Bakgrund (WMTS)", "en": "Background (WMTS)"}})
    path = tmp_path / "wmts-profile.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    profile = load_profile(str(path))
    assert background_refs(profile) == ["topo:bakgrund"]
    online = background_layers(profile, ["topo:bakgrund"])
    assert [layer.isValid() for layer in online] == [True]

    result = processing.run("regionplan:cachebasemap", {
        "PROFILE": str(path), "LAYERS": "topo:bakgrund", "EXTENT": "508000,516000,6569000,6575000 [EPSG:3006]",
        "MAX_SCALE": 20000})  # no OUTPUT: into the profile's offline cache
    store = BasemapStore(Cache(profile.id))
    assert result["OUTPUT"] == store.path()
    assert store.entry().layers == ["topo:bakgrund"]
    report = report_background_layers(profile, Cache(profile.id), AREA, offline=True)
    assert [layer.providerType() for layer in report] == ["gdal"] and report[0].opacity() == 0.5
    lighter = _pixels(report[0])
    assert {lighter[i] for i in range(3, len(lighter), 4)} == {127}  # drawn at half opacity
    report[0].setOpacity(1.0)
    assert _diff(_pixels(online[0]), _pixels(report[0])) < 12  # the same map
    del online, report
