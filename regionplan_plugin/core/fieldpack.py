"""The field package ("Packa för fält", issue 17): one folder with a QGIS project that opens
with no network, in QGIS or QField, wherever the folder is copied.

``write_field_package(folder, profile, cache, plan_layer, findings_layers, basemap_path=None,
case=None, extent=None) -> project path``: ``<folder>/faltprojekt.qgz`` and ``<folder>/data/``
with copies of the cached regional layers (styled with the bundled styles), the basemap, the
plan, the findings, the case's decisions and an editable ``anteckningar`` (notes) layer with a
photo field; every path in the project is relative; the default view is the plan area.

What QField needs (QFieldSync's packaging is the model): only files in the folder (GeoPackage
vector layers, a GeoPackage raster), never a ``memory`` layer (a sketch or the findings are
written to GeoPackage first); forms without Python (no init code, no ``.ui`` file, no Python
actions: QField runs none); the photo field as an attachment (``ExternalResource``, image
viewer, stored relative to the project); the regional copies read-only; the plan area as the
project's default view and as the saved map canvas extent (what QGIS and QField open at)."""

import contextlib
import os
import shutil
import uuid
from typing import List, Optional

from qgis.core import (
    Qgis,
    QgsAction,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsFields,
    QgsMapSettings,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from . import paths
from .errors import RegionplanError
from .i18n import tr
from .util import new_field

PROJECT_NAME = "faltprojekt.qgz"
DATA = "data"
NOTES = "anteckningar"
NOTE_CATEGORIES = ("observation", "konflikt", "fråga", "foto")


class FieldPackageError(RegionplanError):
    """The field package could not be written."""


def _write_layer(layer: QgsVectorLayer, path: str, name: str, crs) -> None:
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    if os.path.exists(path):
        options.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
    writer = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None) or QgsVectorFileWriter.writeAsVectorFormatV2
    outcome = writer(layer, path, QgsCoordinateTransformContext(), options)
    if outcome[0] != QgsVectorFileWriter.NoError:
        raise FieldPackageError(tr("The field package could not write {name}: {error}").format(
            name=name, error=outcome[1] if len(outcome) > 1 else ""))


def _temporary(path: str) -> str:
    """A new file name beside ``path``, with its extension (OGR's GeoPackage driver wants it)."""
    stem, ext = os.path.splitext(os.path.basename(path))
    return os.path.join(os.path.dirname(path), f".{stem}-{uuid.uuid4().hex[:12]}{ext}")


def _remove(path: str) -> None:
    for name in (path, path + "-wal", path + "-shm", path + "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(name)


@contextlib.contextmanager
def _replacing(path: str):
    """``with _replacing(path) as tmp:`` write ``tmp``; it then replaces ``path``. A failure (a full
    disk) leaves ``path`` as it was and no temporary file (issue 11 item 8)."""
    tmp = _temporary(path)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        _remove(tmp)


def _copy(source: str, target: str) -> None:
    with _replacing(target) as tmp:
        shutil.copyfile(source, tmp)


def _write_layers(pairs, path: str, crs) -> None:
    """``pairs`` [(layer, name)] written into a new GeoPackage that then replaces ``path``."""
    with _replacing(path) as tmp:
        for layer, name in pairs:
            _write_layer(layer, tmp, name, crs)


def _create_notes(path: str, crs: QgsCoordinateReferenceSystem) -> None:
    """An empty point layer for notes and observations in the field."""
    fields = QgsFields()
    for name in ("note", "category", "date", "photo"):
        fields.append(new_field(name, "text"))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = NOTES
    writer = QgsVectorFileWriter.create(path, fields, QgsWkbTypes.Point, crs, QgsCoordinateTransformContext(), options)
    if writer.hasError() != QgsVectorFileWriter.NoError:
        raise FieldPackageError(tr("The field package could not write {name}: {error}").format(
            name=NOTES, error=writer.errorMessage()))
    del writer


def _notes_layer(path: str) -> QgsVectorLayer:
    """The notes layer with a simple form (a photo field that takes a file, stored relative)."""
    layer = QgsVectorLayer(f"{path}|layername={NOTES}", tr("Notes and observations"), "ogr")
    positions = {field.name(): number for number, field in enumerate(layer.fields())}  # before any change
    index = positions.get
    # the aliases first: on QGIS 3.22 setting an alias drops the widget set-up of other fields
    layer.setFieldAlias(index("note"), tr("Note"))
    layer.setFieldAlias(index("category"), tr("Category"))
    layer.setFieldAlias(index("date"), tr("Date"))
    layer.setFieldAlias(index("photo"), tr("Photo"))
    layer.setEditorWidgetSetup(index("note"), QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True}))
    layer.setEditorWidgetSetup(index("category"), QgsEditorWidgetSetup(
        "ValueMap", {"map": [{value: value} for value in NOTE_CATEGORIES]}))
    layer.setEditorWidgetSetup(index("date"), QgsEditorWidgetSetup(
        "DateTime", {"field_format": "yyyy-MM-dd", "display_format": "yyyy-MM-dd", "calendar_popup": True,
                     "allow_null": True}))
    layer.setDefaultValueDefinition(index("date"), QgsDefaultValue("format_date(now(), 'yyyy-MM-dd')"))
    # the attachment widget: QField offers the camera and stores the photo's path relative to the project
    layer.setEditorWidgetSetup(index("photo"), QgsEditorWidgetSetup(
        "ExternalResource", {"DocumentViewer": 1, "RelativeStorage": 1, "FileWidget": True,
                             "FileWidgetButton": True, "StorageMode": 0, "DocumentViewerHeight": 0,
                             "DocumentViewerWidth": 0}))
    return layer


def _without_python(layer) -> None:
    """No Python in the layer's form or actions: QField runs none of it."""
    if not isinstance(layer, QgsVectorLayer):
        return
    config = layer.editFormConfig()
    config.setInitCodeSource(QgsEditFormConfig.CodeSourceNone)
    config.setInitFunction("")
    config.setInitCode("")
    if config.layout() == QgsEditFormConfig.UiFileLayout:
        config.setLayout(QgsEditFormConfig.GeneratedLayout)
    layer.setEditFormConfig(config)
    actions = layer.actions()
    for action in list(actions.actions()):
        if action.type() in (QgsAction.GenericPython, QgsAction.Mac, QgsAction.Windows, QgsAction.Unix):
            actions.removeAction(action.id())


def _canvas_writer(extent: QgsRectangle, crs: QgsCoordinateReferenceSystem):
    """A ``writeProject`` slot saving the map canvas at ``extent``, as QGIS' own canvas does:
    a project written headless has none, and QGIS (and QField) open a project there."""
    def write(doc):
        element = doc.createElement("mapcanvas")
        element.setAttribute("name", "theMapCanvas")
        settings = QgsMapSettings()
        settings.setDestinationCrs(crs)
        settings.setExtent(extent)
        settings.writeXml(element, doc)
        doc.documentElement().appendChild(element)
    return write


def _relative(project: QgsProject) -> None:
    if hasattr(project, "setFilePathStorage"):
        project.setFilePathStorage(Qgis.FilePathType.Relative)
    project.writeEntryBool("Paths", "/Absolute", False)


def write_field_package(folder: str, profile, cache, plan_layer: QgsVectorLayer, findings_layers: List,
                        basemap_path: Optional[str] = None, case=None,
                        extent: Optional[QgsRectangle] = None) -> str:
    """Write the field package into ``folder`` (created; an existing package there is replaced)
    and return the project's path. Everything it needs is copied into ``folder/data``. Every file
    is written beside its target and renamed over it: a full disk ends in a FieldPackageError and
    leaves no file half-written."""
    try:
        return _write_package(folder, profile, cache, plan_layer, findings_layers, basemap_path, case, extent)
    except OSError as exc:
        raise FieldPackageError(tr(
            "The field package cannot be written to {path}: {error}. Free some space or choose another folder; "
            "no file there was left half-written.").format(path=folder, error=exc.strerror or exc)) from None


def _write_package(folder, profile, cache, plan_layer, findings_layers, basemap_path, case, extent) -> str:
    crs = QgsCoordinateReferenceSystem(profile.crs)
    data = os.path.join(folder, DATA)
    try:
        os.makedirs(data, exist_ok=True)
    except OSError as exc:
        raise FieldPackageError(tr("The folder {path} cannot be written: {error}.").format(
            path=folder, error=str(exc))) from None
    project = QgsProject()
    project.setCrs(crs)
    _relative(project)
    layers = []  # top to bottom
    notes_path = os.path.join(data, "anteckningar.gpkg")
    if not os.path.exists(notes_path):  # the field notes are never overwritten
        _create_notes(notes_path, crs)
    layers.append(_notes_layer(notes_path))
    if plan_layer is not None:
        _write_layers([(plan_layer, "plan")], os.path.join(data, "plan.gpkg"), crs)
        plan = QgsVectorLayer(os.path.join(data, "plan.gpkg") + "|layername=plan", tr("Plan"), "ogr")
        symbol = plan.renderer().symbol() if plan.renderer() is not None else None
        if symbol is not None:
            symbol.setColor(symbol.color().fromRgb(106, 27, 154, 60))
        layers.append(plan)
        if extent is None:
            extent = plan.extent().buffered(max(plan.extent().width(), plan.extent().height(), 200) * 0.3)
    if findings_layers:
        _write_layers([(findings, f"findings_{number}") for number, findings in enumerate(findings_layers)],
                      os.path.join(data, "findings.gpkg"), crs)
    for number, findings in enumerate(findings_layers or []):
        name = f"findings_{number}"
        layer = QgsVectorLayer(os.path.join(data, "findings.gpkg") + f"|layername={name}", findings.name(), "ogr")
        if findings.renderer() is not None and findings.geometryType() == layer.geometryType():
            layer.setRenderer(findings.renderer().clone())  # the map's severity style of its geometry type
        else:
            layer.loadNamedStyle(paths.resource("styles", "findings.qml"))
        layers.append(layer)
    if case is not None and getattr(case, "path", "") and os.path.exists(case.path):
        _copy(case.path, os.path.join(data, "case.gpkg"))
        layers.append(QgsVectorLayer(os.path.join(data, "case.gpkg") + "|layername=decisions",
                                     tr("Decisions"), "ogr"))
    for cid, entry in sorted((cache.entries() if cache is not None else {}).items()):
        source = os.path.join(cache.dir, entry.file)
        target = os.path.join(data, entry.file)
        _copy(source, target)
        layer = QgsVectorLayer(target + "|layername=features", entry.title or cid, "ogr")
        style = paths.resource("styles", f"{cid}.qml")
        if os.path.exists(style):
            layer.loadNamedStyle(style)
        layer.setReadOnly(True)  # the region's data: a copy to look at, not to edit in the field
        layers.append(layer)
    if basemap_path:
        _copy(basemap_path, os.path.join(data, "bakgrundskarta.gpkg"))
        layers.append(QgsRasterLayer(os.path.join(data, "bakgrundskarta.gpkg"), tr("Background map"), "gdal"))
    bad = [layer.name() for layer in layers if not layer.isValid()]
    if bad:
        raise FieldPackageError(tr("The field package could not open its copy of {names}.").format(
            names=", ".join(bad)))
    for layer in layers:
        _without_python(layer)
    project.addMapLayers(layers, False)
    root = project.layerTreeRoot()
    for layer in layers:
        root.addLayer(layer)
    if extent is not None:
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, crs))
        project.writeProject.connect(_canvas_writer(extent, crs))
    path = os.path.join(folder, PROJECT_NAME)
    with _replacing(path) as tmp:  # (QGIS reads the one .qgs in a .qgz, whatever its name)
        if not project.write(tmp):
            raise FieldPackageError(tr("The field package could not write {path}: {error}").format(
                path=path, error=project.error()))
    project.clear()
    return path

