"""Wires the plugin into QGIS: toolbar button, Web menu entry, dock panel and the
Processing provider. ``unload()`` undoes all of it. Nothing here touches the
network: the catalogue is fetched when the panel is first opened."""

import sys

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .core import i18n, paths
from .core.i18n import tr

MENU = "&Regionplan"


class RegionplanPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.action = None
        self.toolbar = None
        self.dock = None
        self.provider = None
        self._translator = None
        self.tool_actions = []  # the map tools' and the load action's QActions
        self.tools = {}  # name -> map tool, created on first use

    # -- Processing -------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 (QGIS API name)
        if self.provider is not None:
            return
        from .processing.provider import RegionplanProvider

        provider = RegionplanProvider()
        # addProvider() refuses (and deletes) a second provider with the same id: keep a
        # reference only to one that is really ours, so unload() never touches a deleted one.
        if QgsApplication.processingRegistry().addProvider(provider):
            self.provider = provider

    # -- GUI --------------------------------------------------------------------------
    def initGui(self):  # noqa: N802 (QGIS API name)
        self._translator = i18n.install_translator()
        icon = QIcon(paths.resource("icons", "regionplan.svg"))
        self.action = QAction(icon, "Regionplan", self.iface.mainWindow())
        self.action.setObjectName("regionplanAction")
        self.action.setToolTip(tr("Regional planning layers and plan check"))
        self.action.setCheckable(True)
        self.action.toggled.connect(self._toggle_dock)
        self.iface.addPluginToWebMenu(MENU, self.action)
        self.toolbar = self.iface.addToolBar("Regionplan")
        self.toolbar.setObjectName("RegionplanToolbar")
        self.toolbar.addAction(self.action)
        self._add_tool_actions()
        self.initProcessing()
        # QGIS does not unload plugins when it quits: release our data while QGIS is still whole.
        QgsApplication.instance().aboutToQuit.connect(self._about_to_quit)

    def _add_tool_actions(self):
        window = self.iface.mainWindow()
        entries = (
            ("here", "/mActionIdentify.svg", tr("What applies here"), True, self._here),
            ("sketch", "/mActionCapturePolygon.svg", tr("Sketch a plan area"), True, self._sketch),
            ("load", "/mActionFileOpen.svg", tr("Load plan from file…"), False, self._load_plan),
            ("save", "/mActionFileSaveAs.svg", tr("Save sketch as GeoPackage…"), False, self._save_sketch),
            ("case", "/mActionAddLayer.svg", tr("Add sketch to a case…"), False, self._sketch_to_case),
        )
        for name, icon, text, checkable, slot in entries:
            action = QAction(QgsApplication.getThemeIcon(icon), text, window)
            action.setObjectName("regionplan_" + name)
            action.setCheckable(checkable)
            action.triggered.connect(slot)
            self.iface.addPluginToWebMenu(MENU, action)
            if name not in ("save", "case"):
                self.toolbar.addAction(action)
            self.tool_actions.append(action)

    def _tool(self, name):
        tool = self.tools.get(name)
        if tool is None:
            dock = self.show_dock()
            canvas = self.iface.mapCanvas()
            if name == "here":
                from .gui.here_tool import HereTool

                tool = HereTool(canvas, dock)
            else:
                from .gui.sketch_tool import SketchTool

                tool = SketchTool(canvas, dock)
            action = next(a for a in self.tool_actions if a.objectName() == "regionplan_" + name)
            tool.setAction(action)
            self.tools[name] = tool
        return tool

    def _here(self, _checked=False):
        self.iface.mapCanvas().setMapTool(self._tool("here"))

    def _sketch(self, _checked=False):
        self.iface.mapCanvas().setMapTool(self._tool("sketch"))

    def _load_plan(self, _checked=False):
        from .gui.load_plan import load_plan_file

        return load_plan_file(self.show_dock())

    def _sketch_layers(self):
        """The panel and the sketch layers; none (and a warning) when nothing is sketched yet."""
        from .gui.sketch_tool import SKETCH_LAYER

        dock = self.show_dock()
        layers = QgsProject.instance().mapLayersByName(SKETCH_LAYER)
        if not layers:
            dock.notify(tr("There is no sketch to save yet."), warning=True)
        return dock, layers

    def _save_sketch(self, _checked=False):
        from qgis.PyQt.QtWidgets import QFileDialog

        from .core.errors import RegionplanError
        from .gui.sketch_tool import save_sketch

        dock, layers = self._sketch_layers()
        if not layers:
            return None
        path, _filter = QFileDialog.getSaveFileName(self.iface.mainWindow(), tr("Save sketch as GeoPackage…"),
                                                    "skiss.gpkg", "GeoPackage (*.gpkg)")
        if not path:
            return None
        try:
            return save_sketch(layers[0], path)
        except RegionplanError as error:
            dock.report_error(error)
            return None

    def _sketch_to_case(self, _checked=False):
        from qgis.PyQt.QtWidgets import QFileDialog

        from .core.errors import RegionplanError
        from .gui.sketch_tool import add_sketch_to_case

        dock, layers = self._sketch_layers()
        if not layers:
            return None
        path, _filter = QFileDialog.getOpenFileName(self.iface.mainWindow(), tr("Add sketch to a case…"), "",
                                                    "GeoPackage (*.gpkg)")
        if not path:
            return None
        review = dock.review
        result = review.result if review.layer_combo.currentLayer() is layers[0] else None
        try:
            version = add_sketch_to_case(layers[0], path, result)
        except RegionplanError as error:
            dock.report_error(error)
            return None
        dock.notify(tr("The sketch is version {n} of the case.").format(n=version), success=True)
        return version

    def _remove_tools(self):
        canvas = self.iface.mapCanvas()
        for tool in self.tools.values():
            if canvas is not None and canvas.mapTool() is tool:
                canvas.unsetMapTool(tool)
            tool.unload()
        self.tools = {}
        for action in self.tool_actions:
            self.iface.removePluginWebMenu(MENU, action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.setParent(None)
            action.deleteLater()
        self.tool_actions = []

    def _about_to_quit(self):
        if self.dock is not None:
            self.dock.shutdown()

    def _toggle_dock(self, checked: bool):
        if checked:
            self.show_dock()
        elif self.dock is not None:
            self.dock.hide()

    def show_dock(self):
        """Create the dock on first use (this is when the catalogue is first fetched)."""
        if self.dock is None:
            from .gui.dock import RegionplanDock

            self.dock = RegionplanDock(self.iface, parent=self.iface.mainWindow())
            self.dock.setObjectName("RegionplanDock")
            self.dock.visibilityChanged.connect(self._dock_visibility)
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.show()
        self.dock.raise_()
        return self.dock

    def _dock_visibility(self, visible: bool):
        if self.action is not None and self.action.isChecked() != visible:
            self.action.blockSignals(True)
            self.action.setChecked(visible)
            self.action.blockSignals(False)

    def unload(self):
        try:
            QgsApplication.instance().aboutToQuit.disconnect(self._about_to_quit)
        except (TypeError, RuntimeError):  # initGui never ran, or already disconnected
            pass
        self._remove_tools()
        if self.dock is not None:
            self.dock.shutdown()
            self.iface.removeDockWidget(self.dock)
            self.dock.setParent(None)
            self.dock.deleteLater()
            self.dock = None
        if self.action is not None:
            self.iface.removePluginWebMenu(MENU, self.action)
            if self.toolbar is not None:
                self.toolbar.removeAction(self.action)
            self.action.setParent(None)
            self.action.deleteLater()
            self.action = None
        if self.toolbar is not None:
            self.toolbar.setParent(None)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        oauth2 = sys.modules.get(__package__ + ".core.http.oauth2")
        if oauth2 is not None:  # OAuth2 client credentials tokens kept in memory go too
            oauth2.clear()
        if self._translator is not None:
            from qgis.PyQt.QtCore import QCoreApplication

            QCoreApplication.removeTranslator(self._translator)
            self._translator = None
