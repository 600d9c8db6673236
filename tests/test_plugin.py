"""The plugin loads and unloads cleanly, twice, in one QGIS session."""

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QToolBar

import regionplan_plugin

TOOL_ACTIONS = ["regionplan_here", "regionplan_sketch", "regionplan_load", "regionplan_save", "regionplan_case"]


def _tool_actions(iface):
    return sorted(a.objectName() for a in iface.mainWindow().findChildren(QAction)
                  if a.objectName().startswith("regionplan_"))


def _leftovers(iface):
    window = iface.mainWindow()
    actions = [a for a in window.findChildren(QAction) if a.objectName() == "regionplanAction"]
    toolbars = [t for t in window.findChildren(QToolBar) if t.objectName() == "RegionplanToolbar"]
    docks = [d for d in window.findChildren(QDockWidget) if d.objectName() == "RegionplanDock"]
    provider = QgsApplication.processingRegistry().providerById("regionplan")
    return actions, toolbars, docks, provider


def test_load_and_unload_twice(qgis_app, qgis_iface, qgis_processing):
    for _round in range(2):
        qgis_iface.addPluginToWebMenu.reset_mock()
        qgis_iface.removePluginWebMenu.reset_mock()
        plugin = regionplan_plugin.classFactory(qgis_iface)
        plugin.initGui()

        actions, toolbars, _docks, provider = _leftovers(qgis_iface)
        assert len(actions) == 1 and actions[0].text() == "Regionplan"
        assert len(toolbars) == 1 and actions[0] in toolbars[0].actions()
        menu_name, menu_action = qgis_iface.addPluginToWebMenu.call_args_list[0].args
        assert menu_name == "&Regionplan" and menu_action is actions[0]
        assert _tool_actions(qgis_iface) == sorted(TOOL_ACTIONS)
        menu_tools = [call.args[1].objectName() for call in qgis_iface.addPluginToWebMenu.call_args_list[1:]]
        assert menu_tools == TOOL_ACTIONS
        assert provider is not None
        ids = sorted(alg.id() for alg in provider.algorithms())
        assert ids == ["regionplan:cachebasemap", "regionplan:cachelayers", "regionplan:checkplan",
                       "regionplan:importplan"]

        plugin.unload()
        actions, toolbars, docks, provider = _leftovers(qgis_iface)
        assert (actions, toolbars, docks, provider) == ([], [], [], None)
        assert _tool_actions(qgis_iface) == []
        removed = [call.args[1] for call in qgis_iface.removePluginWebMenu.call_args_list]
        assert menu_action in removed and len(removed) == 1 + len(TOOL_ACTIONS)


def test_init_gui_does_not_touch_the_network(qgis_app, qgis_iface, qgis_processing):
    """Nothing is fetched at QGIS start-up: initGui() creates no dock and sends no request."""
    from qgis.core import QgsNetworkAccessManager

    sent = []
    manager = QgsNetworkAccessManager.instance()
    manager.requestAboutToBeCreated.connect(sent.append)
    try:
        plugin = regionplan_plugin.classFactory(qgis_iface)
        plugin.initGui()
        assert plugin.dock is None
        plugin.unload()
    finally:
        manager.requestAboutToBeCreated.disconnect(sent.append)
    assert sent == []


def test_second_provider_with_the_same_id_is_not_ours(qgis_app, qgis_iface, qgis_processing):
    """If another 'regionplan' provider is registered already, unload() leaves it alone and does not crash."""
    first = regionplan_plugin.classFactory(qgis_iface)
    first.initGui()
    second = regionplan_plugin.classFactory(qgis_iface)
    second.initGui()
    assert second.provider is None
    second.unload()
    assert QgsApplication.processingRegistry().providerById("regionplan") is not None
    first.unload()
    assert QgsApplication.processingRegistry().providerById("regionplan") is None


def test_unload_with_a_map_tool_active(qgis_app, qgis_iface, qgis_processing, rp_settings):
    """The map tools go with the plugin: the canvas keeps no tool of ours and no action is left."""
    from regionplan_plugin.gui.dock import RegionplanDock

    for _round in range(2):
        plugin = regionplan_plugin.classFactory(qgis_iface)
        plugin.initGui()
        dock = RegionplanDock(qgis_iface, parent=qgis_iface.mainWindow())
        dock._first_show = False  # no catalogue load in this test
        plugin.dock = dock
        canvas = qgis_iface.mapCanvas()
        plugin._sketch()
        assert canvas.mapTool() is plugin.tools["sketch"]
        plugin._here()
        assert canvas.mapTool() is plugin.tools["here"]
        here_action = next(a for a in plugin.tool_actions if a.objectName() == "regionplan_here")
        assert here_action.isChecked()
        plugin.unload()
        assert canvas.mapTool() is None
        assert _tool_actions(qgis_iface) == [] and plugin.tools == {}
        assert _leftovers(qgis_iface)[2] == []
