"""Issue 17 item 6: the demo's background map. ``scripts/make_background_data.py`` writes
``resources/service/bakgrund.gpkg`` and ``bakgrund.qgs`` (a light topographic map: water,
forest, roads, railways, named settlements, municipal boundaries); QGIS Server serves it as WMS;
``make demo`` draws it under the report maps and caches it for ``make demo OFFLINE=1``."""

import os
import subprocess
import sys
import tempfile

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle, QgsVectorLayer

from regionplan_plugin.core.basemap import BackgroundSource, BasemapStore, background_layer
from regionplan_plugin.core.basemap.render import _render
from regionplan_plugin.core.basemap.store import REPORT_OPACITY
from regionplan_plugin.core.cache import Cache
from tests.fixtures.service import _env_without_proxy, _qgis_mapserver_command, _running_server, free_port
from tests.test_check import data, plans, profile  # noqa: F401 (fixtures)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = os.path.join(ROOT, "scripts")
SERVICE_DIR = os.path.join(ROOT, "resources", "service")
GPKG = os.path.join(SERVICE_DIR, "bakgrund.gpkg")
PROJECT = os.path.join(SERVICE_DIR, "bakgrund.qgs")
LAYERS = ("mark", "vatten", "vattendrag", "tatorter", "vagar", "jarnvag", "kommungranser")
CRS = QgsCoordinateReferenceSystem("EPSG:3006")
OREBRO = QgsRectangle(506000, 6566000, 518000, 6576000)  # Örebro: the town, E18/E20, Svartån
HJALMAREN = QgsRectangle(525000, 6555000, 555000, 6575000)
NORTH = QgsRectangle(470000, 6610000, 520000, 6650000)  # Bergslagen: forest and small lakes
E18 = QgsRectangle(483762, 6571485, 487762, 6575485)  # E18 through the forest west of Örebro

sys.path.insert(0, SCRIPTS)
from demo_background import WMS_LAYERS  # noqa: E402


def _features(path, name):
    """[(attributes, geometry)] in a stable order (attributes, then the centroid to 10 m)."""
    from qgis.core import QgsGeometry

    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert layer.isValid(), name
    rows = []
    for f in layer.getFeatures():
        centre = f.geometry().centroid().asPoint()
        rows.append((tuple(f.attributes()), round(centre.x(), -1), round(centre.y(), -1), QgsGeometry(f.geometry())))
    del layer
    rows.sort(key=lambda row: row[:3])
    return [(row[0], row[3]) for row in rows]


def _same(fresh, committed, name):
    """The same features: equal attributes, and geometries within 1 m of each other, or for the
    county-wide forest (one polygon made by overlays, where another GEOS version, e.g. QGIS
    3.40's, moves a vertex by some metres) differing by under 0.1 % of its area."""
    assert [a for a, _g in fresh] == [a for a, _g in committed], name
    for (attributes, a), (_same_attributes, b) in zip(fresh, committed):
        if name == "mark":
            assert a.symDifference(b).area() < 0.001 * b.area(), (name, attributes)
        else:
            assert a.hausdorffDistance(b) < 1.0, (name, attributes)


@pytest.mark.timeout(240)
def test_generated_background_is_deterministic_and_committed(tmp_path):
    """Regenerating writes the same features as the committed file (also: it is up to date with
    the demo region's boundaries)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_OPTS="")
    subprocess.run(["/usr/bin/python3", os.path.join(SCRIPTS, "make_background_data.py"), "--out", str(tmp_path),
                    "--no-project"], check=True, env=env, capture_output=True, timeout=200)
    for name in LAYERS:
        _same(_features(str(tmp_path / "bakgrund.gpkg"), name), _features(GPKG, name), name)


@pytest.mark.timeout(60)
def test_every_layer_is_valid_non_empty_and_towns_are_named():
    assert os.path.getsize(GPKG) < 5 * 1024 * 1024
    counts = {}
    for name in LAYERS:
        layer = QgsVectorLayer(f"{GPKG}|layername={name}", name, "ogr")
        assert layer.isValid() and layer.crs().authid() == "EPSG:3006", name
        counts[name] = layer.featureCount()
        for feature in layer.getFeatures():
            geom = feature.geometry()
            assert not geom.isEmpty() and geom.isGeosValid(), (name, feature.id())
        del layer
    assert all(counts[name] > 0 for name in LAYERS), counts
    towns = {f["namn"]: f for f in QgsVectorLayer(f"{GPKG}|layername=tatorter", "t", "ogr").getFeatures()}
    assert all(name.strip() for name in towns)
    for name in ("Örebro", "Karlskoga", "Kumla", "Lindesberg", "Hallsberg", "Nora", "Askersund", "Laxå",
                 "Kopparberg", "Hällefors", "Degerfors", "Fjugesta"):
        assert name in towns, name
    orebro = towns["Örebro"].geometry()
    assert 30e6 < orebro.area() < 80e6  # Örebro's built-up area: tens of km², not a dot
    lakes = {f["namn"]: f.geometry() for f in QgsVectorLayer(f"{GPKG}|layername=vatten", "v", "ogr").getFeatures()}
    centre = orebro.centroid().asPoint()
    hjalmaren = lakes["Hjälmaren"].boundingBox()
    assert hjalmaren.xMinimum() > centre.x() and hjalmaren.xMinimum() - centre.x() < 10000  # just east of Örebro
    assert lakes["Vättern"].boundingBox().yMaximum() < towns["Askersund"].geometry().centroid().asPoint().y() + 3000
    roads = QgsVectorLayer(f"{GPKG}|layername=vagar", "r", "ogr")
    assert {f["klass"] for f in roads.getFeatures()} == {"europavag", "riksvag", "lansvag", "ovrig"}
    assert {"E18", "E20", "50", "51"} <= {f["nummer"] for f in roads.getFeatures()}
    e18 = [f.geometry() for f in roads.getFeatures() if f["nummer"] == "E18"][0]
    for name in ("Karlskoga", "Glanshammar"):  # the road reaches the towns it joins
        assert e18.distance(towns[name].geometry()) == 0, name
    del roads


@pytest.fixture(scope="module")
def background_wms():
    """Base URL of QGIS Server (``qgis_mapserver``) serving ``bakgrund.qgs``."""
    cmd = _qgis_mapserver_command()
    if cmd is None:
        pytest.fail("qgis_mapserver is missing: install the Debian package qgis-server")
    port = free_port()
    env = _env_without_proxy()
    env.update(QGIS_OPTS="", QT_QPA_PLATFORM="offscreen", QGIS_PROJECT_FILE=PROJECT,
               QGIS_SERVER_PARALLEL_RENDERING="0")
    env.setdefault("QGIS_CUSTOM_CONFIG_PATH", tempfile.mkdtemp(prefix="regionplan-qgis-server-profile-"))
    url = f"http://127.0.0.1:{port}/"
    with _running_server("qgis_mapserver", cmd + ["-p", PROJECT, f"127.0.0.1:{port}"], cwd=SERVICE_DIR, env=env,
                         ready_url=url + "?SERVICE=WMS&REQUEST=GetCapabilities", log_prefix="regionplan-bakgrund-"):
        yield url


def _wms(url):
    return background_layer(BackgroundSource(id="demo", type="wms", url=url, layers=(WMS_LAYERS,)), WMS_LAYERS,
                            "EPSG:3006", authcfg="")


def _share(rgba, colour, tolerance=6):
    """Share of the pixels of about ``colour`` (r, g, b)."""
    n = len(rgba) // 4
    hits = sum(1 for i in range(0, len(rgba), 4)
               if all(abs(rgba[i + k] - colour[k]) <= tolerance for k in range(3)) and rgba[i + 3] > 200)
    return hits / n


WATER, TOWN, FOREST = (196, 220, 239), (236, 230, 220), (228, 237, 218)


@pytest.mark.timeout(90)
def test_qgis_server_renders_a_topographic_background(background_wms):
    layer = _wms(background_wms)
    assert layer.isValid()
    rgba, errors = _render([layer], CRS, OREBRO, 400, 333)
    assert errors == []
    assert _share(rgba, TOWN) > 0.15  # the town of Örebro
    greys = sum(1 for i in range(0, len(rgba), 4) if rgba[i + 3] > 200 and rgba[i] == rgba[i + 1] == rgba[i + 2]
                and rgba[i] < 200)
    assert greys > 400  # roads and railways
    assert len({bytes(rgba[i:i + 3]) for i in range(0, len(rgba), 4)}) > 200  # lines, labels, fills: a map
    lake, errors = _render([layer], CRS, HJALMAREN, 300, 200)
    assert errors == [] and _share(lake, WATER) > 0.3
    road, errors = _render([layer], CRS, E18, 400, 400)
    road_grey = sum(1 for i in range(0, len(road), 4) if road[i + 3] > 200 and 100 < road[i] < 170
                    and abs(road[i] - road[i + 1]) <= 3 and abs(road[i] - road[i + 2]) <= 3)
    assert errors == [] and road_grey > 300  # the road is drawn above the forest, not hidden under it
    north, errors = _render([layer], CRS, NORTH, 250, 200)
    assert errors == [] and _share(north, FOREST) > 0.4 and _share(north, WATER) > 0.005
    del layer


@pytest.mark.timeout(120)
def test_report_map_with_the_background_differs_and_offline_copy_is_used(background_wms, profile, plans,  # noqa: F811
                                                                         data, tmp_path):  # noqa: F811
    from demo_background import background as demo_background

    from regionplan_plugin.core import report
    from regionplan_plugin.core.check import run_check
    from regionplan_plugin.core.report import _fit

    result = run_check(profile, plans, data, lang="en")
    plain = report.map_contents(result)
    extent = _fit(plain.extent, 1.5)
    online = _wms(background_wms)
    online.setOpacity(REPORT_OPACITY)
    with_bg = report.map_contents(result, context_layers={"background:0": online})

    def render(contents):
        image = report.render_map_image(result, (300, 200), contents.layers, extent)
        return [image.pixel(x, y) for x in range(0, 300, 2) for y in range(0, 200, 2)]

    without, drawn = render(plain), render(with_bg)
    changed = sum(1 for a, b in zip(without, drawn) if a != b) / len(drawn)
    assert changed > 0.3  # the background shows under the findings

    cache = Cache("orebro", root=str(tmp_path / "cache"))  # make demo: cached for OFFLINE=1
    BasemapStore(cache).save([online], [f"demo:{WMS_LAYERS}"], extent, 50000, "EPSG:3006")
    layers, proc = demo_background(cache, True, str(tmp_path), 0, None)
    assert proc is None and len(layers) == 1 and layers[0].providerType() == "gdal"
    assert layers[0].opacity() == REPORT_OPACITY
    offline = render(report.map_contents(result, context_layers={"background:0": layers[0]}))
    assert sum(1 for a, b in zip(without, offline) if a != b) / len(offline) > 0.3
    for bundle in (plain, with_bg):
        bundle.layers.clear()
        bundle.regional.clear()
    result.layers.clear()
    layers.clear()
    del online
