"""Fieldwork in the panel (issue 17): the background maps in the catalogue ("Bakgrundskartor"),
added below the regional layers; "Make the background map available offline" and "Pack for
the field". A thin shell over ``core.basemap`` and ``core.fieldpack``."""

import os

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QTreeWidgetItem, QWidget

from ..core.basemap import BasemapStore, background_layers, background_refs
from ..core.basemap.store import report_background_ref
from ..core.i18n import tr

PREFIX = "background:"  # the catalogue's ids of background maps
BASEMAP_SCALE = 10000


def add_background_items(tab, role) -> None:
    """The heading "Background maps" with the profile's background maps (online) or the
    offline basemap (offline) at the end of the catalogue tree."""
    session = tab.session
    if session is None:
        return
    rows = []
    if session.offline:
        store = BasemapStore(session.cache)
        if store.entry() is not None:
            rows.append((PREFIX + "offline", tr("Background map (offline)"), store.status_text()))
    else:
        rows = [(PREFIX + ref, ref, "") for ref in background_refs(session.profile)]
    if not rows:
        return
    top = QTreeWidgetItem([tr("Background maps")])
    font = top.font(0)
    font.setBold(True)
    top.setFont(0, font)
    top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
    tab.tree.addTopLevelItem(top)
    for cid, title, status in rows:
        item = QTreeWidgetItem([title, "", status])
        item.setData(0, role, cid)
        top.addChild(item)
    top.setExpanded(True)
    top.setFirstColumnSpanned(True)


def add_backgrounds_to_map(tab, ids):
    """Add the background maps among ``ids`` at the bottom of the layer tree (below the
    regional layers); return the other ids."""
    others = [cid for cid in ids if not str(cid).startswith(PREFIX)]
    wanted = [str(cid)[len(PREFIX):] for cid in ids if str(cid).startswith(PREFIX)]
    if not wanted or tab.session is None:
        return others
    layers = []
    for ref in wanted:
        if ref == "offline":
            layer = BasemapStore(tab.session.cache).layer()
            layers += [layer] if layer is not None else []
        else:
            layers += [layer for layer in background_layers(tab.session.profile, [ref]) if layer.isValid()]
    project = QgsProject.instance()
    root = project.layerTreeRoot()
    for layer in layers:
        project.addMapLayer(layer, False)
        root.addLayer(layer)  # the end of the tree: drawn below everything
        tab.dock.layer_added(layer)
    return others


def report_backgrounds(session) -> dict:
    """The report map's background (``context_layers`` entries): the offline basemap, else
    (online) the profile's report background, lighter; {} without one."""
    from ..core.basemap import report_background_layers

    if session is None:
        return {}
    layers = report_background_layers(session.profile, session.cache, None, offline=bool(session.offline))
    return {f"background:{n}": layer for n, layer in enumerate(layers)}


def _make_basemap(profile, cache, refs, extent, scale, feedback=None):
    layers = background_layers(profile, refs)  # made in the task's thread, rendered there
    return BasemapStore(cache).save(layers, refs, extent, scale, profile.crs, feedback)


def _pack(folder, profile, cache, plan, findings, basemap, case, feedback=None):
    from ..core.fieldpack import write_field_package

    return write_field_package(folder, profile, cache, plan, findings, basemap_path=basemap, case=case)


class FieldworkButtons(QWidget):
    """The panel's two fieldwork buttons."""

    def __init__(self, dock, parent=None):
        super().__init__(parent)
        self.dock = dock
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.basemap_button = QPushButton(tr("Make the background map available offline"))
        self.basemap_button.setObjectName("cacheBasemap")
        self.pack_button = QPushButton(tr("Pack for the field"))
        self.pack_button.setObjectName("fieldPackage")
        row.addWidget(self.basemap_button)
        row.addWidget(self.pack_button)
        self.basemap_button.clicked.connect(lambda: self.cache_basemap())
        self.pack_button.clicked.connect(lambda: self.pack())

    def _area(self):
        extent = self.dock.catalogue.area_bbox()
        if extent is not None:
            return extent
        canvas = self.dock.iface.mapCanvas()
        extent = QgsRectangle(canvas.extent())
        source = canvas.mapSettings().destinationCrs()
        target = QgsCoordinateReferenceSystem(self.dock.session.profile.crs)
        if source.isValid() and source != target:
            extent = QgsCoordinateTransform(source, target, QgsProject.instance()).transformBoundingBox(extent)
        return extent

    def cache_basemap(self):
        session = self.dock.session
        if session is None or session.offline:
            self.dock.notify(tr("A background map can only be made available offline with a network."), warning=True)
            return None
        ref = report_background_ref(session.profile)
        if not ref:
            self.dock.notify(tr("The profile has no background map."), warning=True)
            return None
        return self.dock.run_task(tr("Making the background map available offline"), _make_basemap,
                                  session.profile, session.cache, [ref], self._area(), BASEMAP_SCALE,
                                  on_success=lambda _task: self.dock.notify(
                                      tr("The background map is available offline."), success=True))

    def pack(self, folder=None):
        session = self.dock.session
        if session is None:
            return None
        folder = folder or QFileDialog.getExistingDirectory(self, tr("Pack for the field"))
        if not folder:
            return None
        review = self.dock.review
        plan = review.layer_combo.currentLayer() if hasattr(review, "layer_combo") else None
        findings = list(getattr(review, "findings_layers", []) or [])
        store = BasemapStore(session.cache)
        case = getattr(getattr(self.dock, "case_tab", None), "case", None)  # the open case: its decisions go along
        return self.dock.run_task(tr("Packing for the field"), _pack, os.path.join(folder, "regionplan-falt"),
                                  session.profile, session.cache, plan, findings, store.path(), case,
                                  on_success=lambda task: self.dock.notify(
                                      tr("Field package written: {path}").format(path=task.result), success=True))
