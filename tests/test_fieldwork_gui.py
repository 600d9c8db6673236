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
