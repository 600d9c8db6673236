"""Issue 17 in the panel: "Bakgrundskartor" in the catalogue, added below the regional layers;
"Gör bakgrundskarta tillgänglig offline" and "Packa för fält"."""

import os

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle

from tests.fixtures.gui_panel import wait_task, wait_tasks_done
from tests.test_gui import _loaded


@pytest.mark.timeout(120)
def test_background_maps_in_the_catalogue_below_the_regional_layers(rp_dock, rp_settings, pygeoapi_service,
                                                                     qgis_server_service, tmp_path):
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    wms = qgis_server_service.rsplit("/wfs3/", 1)[0] + "/"
    profile = dock.session.profile
    from regionplan_plugin.core.profile.sources import SourceSpec

    profile.sources.append(SourceSpec(id="bg", type="wms", url=wms, layers=("jordbruksmark,kommuner",)))
    dock.catalogue.populate()
    tree = dock.catalogue.tree
    headings = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert headings[-1] in ("Bakgrundskartor", "Background maps")
    assert "background:bg:jordbruksmark,kommuner" in dock.catalogue.visible_ids()

    project = QgsProject.instance()
    try:
        dock.catalogue.add_to_map(["kommuner"])
        wait_tasks_done(60)
        added = dock.catalogue.add_to_map(["background:bg:jordbruksmark,kommuner"])
        assert added == []  # the background is placed at once, the dataset by a task
        root = project.layerTreeRoot()
        last = root.children()[-1]
        assert last.layer() is not None and last.layer().providerType() == "wms"  # below the regional group

        # make the background map available offline for a small area, then pack for the field
        canvas = dock.iface.mapCanvas()
        canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3006"))
        canvas.setExtent(QgsRectangle(508000, 6569000, 512000, 6572000))
        combo = dock.catalogue.area_combo
        combo.setCurrentIndex(combo.findData("extent"))
        task = wait_task(dock.fieldwork.cache_basemap(), 90)
        assert task.ok, task.message()
        from regionplan_plugin.core.basemap import BasemapStore
        assert BasemapStore(dock.session.cache).entry() is not None
        task = wait_task(dock.fieldwork.pack(str(tmp_path)), 90)
        assert task.ok, task.message()
        assert os.path.exists(tmp_path / "regionplan-falt" / "faltprojekt.qgz")
        assert os.path.exists(tmp_path / "regionplan-falt" / "data" / "bakgrundskarta.gpkg")
        entry = BasemapStore(dock.session.cache).entry()
        xmin, ymin, xmax, ymax = entry.extent  # the canvas extent (widened to the canvas' shape)
        assert xmin <= 508000 and xmax >= 512000 and ymin <= 6569000 and ymax >= 6572000
        assert xmax - xmin < 20000
    finally:
        project.removeAllMapLayers()


def _orange_in_report(path):
    import base64
    import re

    from qgis.PyQt.QtGui import QImage

    text = open(path, encoding="utf-8").read()
    png = base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', text).group(1))
    image = QImage.fromData(png, "PNG")
    return sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if (lambda c: c.red() > 240 and 170 < c.green() < 215 and c.blue() < 150)(image.pixelColor(x, y)))


@pytest.mark.timeout(180)
def test_panel_report_map_uses_the_offline_basemap(rp_dock, rp_settings, pygeoapi_service, tmp_path):
    """The report the panel exports draws the offline basemap below the data, lighter."""
    import shutil

    from osgeo import gdal
    from qgis.core import QgsRasterLayer, QgsVectorLayer

    from regionplan_plugin.core.basemap import BasemapStore
    from tests.fixtures.service import DEMO_GPKG

    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    demo = str(tmp_path / "demo.gpkg")
    shutil.copyfile(DEMO_GPKG, demo)  # never open the repository's file: reading can change it
    plan = QgsVectorLayer(demo + "|layername=plan_samples", "Planförslag", "ogr")
    plan.setSubsetString("fid = 1")
    QgsProject.instance().addMapLayer(plan)
    try:
        dock.review.layer_combo.setLayer(plan)
        task = wait_task(dock.review.run(), 120)
        assert task.ok, task.message()
        before = dock.review.export("html", str(tmp_path / "before.html"))
        tif = str(tmp_path / "orange.tif")  # a plain orange basemap of the whole county
        ds = gdal.GetDriverByName("GTiff").Create(tif, 100, 100, 3, gdal.GDT_Byte)
        ds.SetGeoTransform([400000, 2500, 0, 6700000, 0, -2500])
        ds.SetProjection(QgsCoordinateReferenceSystem("EPSG:3006").toWkt())
        for band, value in zip((1, 2, 3), (255, 128, 0)):
            ds.GetRasterBand(band).Fill(value)
        ds = None
        source = QgsRasterLayer(tif, "orange", "gdal")
        BasemapStore(dock.session.cache).save([source], ["local:orange"],
                                               QgsRectangle(400000, 6450000, 650000, 6700000), 200000, "EPSG:3006")
        after = dock.review.export("html", str(tmp_path / "after.html"))
        assert _orange_in_report(before) < 50
        assert _orange_in_report(after) > 500  # the background, lighter, where no data is drawn
        del source
    finally:
        QgsProject.instance().removeAllMapLayers()
