"""Issue 17: background maps (WMS/XYZ from real local servers) and the offline basemap."""

import os
import socket
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsFeedback, QgsRasterLayer, QgsRectangle

from regionplan_plugin.core.basemap import (
    BackgroundSource,
    BasemapError,
    BasemapStore,
    background_layer,
    cache_basemap,
    estimate,
    report_background_layers,
)
from regionplan_plugin.core.basemap.render import _render
from regionplan_plugin.core.cache import Cache
from regionplan_plugin.core.errors import Cancelled

CRS = QgsCoordinateReferenceSystem("EPSG:3006")
# around Örebro C: 4 km x 3 km
AREA = QgsRectangle(508000, 6569000, 516000, 6575000)


def _wms_url(qgis_server_service):
    return qgis_server_service.rsplit("/wfs3/", 1)[0] + "/"


def _wms_layer(url, layers="kommuner"):
    return background_layer(BackgroundSource(id="demo", type="wms", url=url, layers=(layers,)), layers,
                            "EPSG:3006", authcfg="")


def _pixels(path_or_layer, rect, width, height):
    layer = path_or_layer if not isinstance(path_or_layer, str) else QgsRasterLayer(path_or_layer, "b", "gdal")
    assert layer.isValid()
    data, errors = _render([layer], CRS, rect, width, height)
    assert errors == []
    return data


def _non_transparent(data):
    return sum(1 for i in range(3, len(data), 4) if data[i] > 0)


def _diff(a, b):
    assert len(a) == len(b)
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


@pytest.mark.timeout(60)
def test_wms_basemap_from_qgis_server_matches_online_render(qgis_server_service, tmp_path):
    layer = _wms_layer(_wms_url(qgis_server_service), "jordbruksmark,kommuner,skyfall_risk")
    assert layer.isValid(), layer.error().summary()
    out = str(tmp_path / "bas.gpkg")
    feedback = QgsFeedback()
    assert cache_basemap([layer], AREA, 20000, out, feedback, CRS) == out
    assert feedback.progress() == 100
    cached = QgsRasterLayer(out, "cached", "gdal")
    assert cached.isValid()
    assert cached.crs().authid() == "EPSG:3006"
    online = _pixels(layer, AREA, 200, 150)
    offline = _pixels(cached, AREA, 200, 150)
    assert _non_transparent(online) > 2000
    assert _diff(online, offline) < 12  # resampling only
    del cached, layer
