"""The plan's change between two versions on the map: area added (green, hatched) and area
removed (red, hatched), as memory layers in a layer group of the case."""

from qgis.core import QgsFeature, QgsFillSymbol, QgsProject, QgsSingleSymbolRenderer, QgsVectorLayer

from ..core.i18n import tr
from ..core.util import owned_by_main_thread
from ..core.vocabulary import PLAN_CHANGE_COLOURS

ADDED_COLOUR = PLAN_CHANGE_COLOURS["added"]
REMOVED_COLOUR = PLAN_CHANGE_COLOURS["removed"]


def _hatched(colour: str, style: str) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple({"color": colour, "style": style, "outline_color": colour,
                                       "outline_width": "0.6"})


def change_layer(name: str, geometry, crs, colour: str, style: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs.authid()}", name, "memory")
    owned_by_main_thread(layer)
    if geometry is not None and not geometry.isNull() and not geometry.isEmpty():
        feature = QgsFeature()
        part = geometry.coerceToType(layer.wkbType())
        feature.setGeometry(part[0] if isinstance(part, list) and part else geometry)
        layer.dataProvider().addFeatures([feature])
        layer.updateExtents()
    layer.setRenderer(QgsSingleSymbolRenderer(_hatched(colour, style)))
    return layer


def group_name(case_id: str) -> str:
    return tr("Case {case}").format(case=case_id)


def show_change(comparison, crs, case_id: str) -> list:
    """Replace the case group's change layers with those of ``comparison``; returns them."""
    project = QgsProject.instance()
    root = project.layerTreeRoot()
    name = group_name(case_id)
    group = root.findGroup(name)
    if group is None:
        group = root.insertGroup(0, name)
    for node in list(group.findLayers()):
        project.removeMapLayer(node.layerId())
    title = tr("Version {old} → {new}").format(old=comparison.old_version, new=comparison.new_version)
    layers = [change_layer(tr("Area added ({versions})").format(versions=title), comparison.added, crs,
                           ADDED_COLOUR, "f_diagonal"),
              change_layer(tr("Area removed ({versions})").format(versions=title), comparison.removed, crs,
                           REMOVED_COLOUR, "b_diagonal")]
    for layer in layers:
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    return layers


def remove_group(case_id: str) -> None:
    project = QgsProject.instance()
    group = project.layerTreeRoot().findGroup(group_name(case_id))
    if group is None:
        return
    for node in list(group.findLayers()):
        project.removeMapLayer(node.layerId())
    group.parent().removeChildNode(group)
