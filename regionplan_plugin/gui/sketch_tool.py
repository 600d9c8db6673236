"""Sketch a plan area: a polygon drawn in QGIS's own digitizing conventions (left click
adds a vertex, snapped with the canvas's snapping settings; right click finishes;
Backspace/Delete removes the last vertex; Esc cancels). Then name and purpose are asked,
the sketch goes into the memory layer "Skiss" and the check runs at once in the review tab.
``save_sketch(layer, path)`` writes the layer to a GeoPackage."""

import os
import uuid

from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapToolEmitPoint, QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from ..core.errors import RegionplanError
from ..core.i18n import tr
from ..core.util import new_field
from .here_tool import purpose_combo

SKETCH_LAYER = "Skiss"


class SketchError(RegionplanError):
    pass


class SketchDialog(QDialog):
    """Name and purpose of a sketched plan area."""

    def __init__(self, parent=None, number: int = 1):
        super().__init__(parent)
        self.setObjectName("RegionplanSketchDialog")
        self.setWindowTitle(tr("Sketched plan area"))
        form = QFormLayout(self)
        self.name = QLineEdit(tr("Sketch {n}").format(n=number))
        self.name.setObjectName("sketchName")
        self.purpose = purpose_combo(self)
        self.purpose.setObjectName("sketchPurpose")
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Purpose"), self.purpose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def run(self) -> bool:
        return bool((getattr(self, "exec_", None) or self.exec)())


def sketch_layer(crs) -> QgsVectorLayer:
    """The project's "Skiss" layer (created on first use, polygons, fields name and purpose)."""
    for layer in QgsProject.instance().mapLayersByName(SKETCH_LAYER):
        if isinstance(layer, QgsVectorLayer) and layer.providerType() == "memory":
            return layer
    layer = QgsVectorLayer("MultiPolygon?crs={}".format(crs.authid() or "EPSG:3006"), SKETCH_LAYER, "memory")
    if not crs.authid():
        layer.setCrs(crs)
    layer.dataProvider().addAttributes([new_field("name", "text"), new_field("purpose", "text")])
    layer.updateFields()
    QgsProject.instance().addMapLayer(layer)
    return layer


def add_sketch(layer: QgsVectorLayer, geometry: QgsGeometry, name: str, purpose: str) -> int:
    feature = QgsFeature(layer.fields())
    geometry = QgsGeometry(geometry)
    geometry.convertToMultiType()
    feature.setGeometry(geometry)
    feature.setAttribute("name", name)
    feature.setAttribute("purpose", purpose)
    ok, added = layer.dataProvider().addFeatures([feature])
    if not ok:
        raise SketchError(tr("The sketch could not be added to the layer {name}.").format(name=layer.name()))
    layer.updateExtents()
    layer.triggerRepaint()
    return added[0].id()


def save_sketch(layer: QgsVectorLayer, path: str) -> str:
    """Write the sketch layer to a GeoPackage at ``path`` (layer "skiss"): written beside it, checked
    and renamed over it, so that a full disk leaves a previous file as it was (issue 11 item 8)."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "skiss"
    write = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None) or \
        QgsVectorFileWriter.writeAsVectorFormatV2
    folder, name = os.path.split(os.path.abspath(path))
    tmp = os.path.join(folder, f".{os.path.splitext(name)[0]}-{uuid.uuid4().hex[:12]}.gpkg")
    try:
        result = write(layer, tmp, QgsProject.instance().transformContext(), options)
        error = result[1] if result[0] != QgsVectorFileWriter.WriterError.NoError else ""
        if not error:
            saved = QgsVectorLayer(tmp + "|layername=skiss", "saved", "ogr")
            if not saved.isValid() or saved.featureCount() != layer.featureCount():
                error = tr("the file written is incomplete (is the disk full?)")
            del saved
        if not error:
            os.replace(tmp, path)
    except OSError as exc:
        error = exc.strerror or str(exc)
    finally:
        for leftover in (tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    if error:
        raise SketchError(tr("The sketch could not be saved to {path}: {error}").format(path=path, error=error))
    return path


def add_sketch_to_case(layer: QgsVectorLayer, path: str, result=None) -> int:
    """Add the sketch layer's areas to the case file at ``path`` as a new plan version, with the
    findings and data provenance of ``result`` (the check of that layer) when given."""
    from ..core.case import open_case

    areas = [(feature["name"] or "", feature.geometry()) for feature in layer.getFeatures()]
    if not areas:
        raise SketchError(tr("There is no sketch to save yet."))
    findings = list(getattr(result, "findings", []) or []) if result is not None else []
    provenance = list((getattr(result, "datasets", None) or {}).values()) if result is not None else []
    with open_case(path) as case:
        return case.add_version(tr("Sketch"), areas, layer.crs(), findings=findings, provenance=provenance)


class SketchTool(QgsMapToolEmitPoint):
    def __init__(self, canvas, dock):
        super().__init__(canvas)
        self.dock = dock
        self.points = []
        self.layer = None
        self.band = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
        self.band.setColor(QColor(204, 0, 0, 90))
        self.band.setStrokeColor(QColor(204, 0, 0, 220))
        self.band.setWidth(2)

    # -- digitizing ----------------------------------------------------------------------
    def _snapped(self, event) -> QgsPointXY:
        match = self.canvas().snappingUtils().snapToMap(event.pos())
        if match.isValid():
            return QgsPointXY(match.point())
        return self.toMapCoordinates(event.pos())

    def _redraw(self) -> None:
        self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        for point in self.points:
            self.band.addPoint(point, False)
        self.band.updatePosition()
        self.band.update()

    def canvasReleaseEvent(self, event):  # noqa: N802 (QGIS API name)
        if event.button() == Qt.MouseButton.LeftButton:
            self.points.append(self._snapped(event))
            self._redraw()
        elif event.button() == Qt.MouseButton.RightButton:
            self.finish()

    def keyPressEvent(self, event):  # noqa: N802 (QGIS API name)
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.undo()
            event.accept()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
        else:
            event.ignore()

    def undo(self) -> None:
        if self.points:
            self.points.pop()
            self._redraw()

    def cancel(self) -> None:
        self.points = []
        self._redraw()

    def deactivate(self):
        self.cancel()
        super().deactivate()

    # -- the sketch ----------------------------------------------------------------------
    def finish(self):
        """Close the polygon, ask name and purpose, store it in "Skiss" and check it."""
        if len(self.points) < 3:
            self.dock.notify(tr("A plan area needs at least three points."), warning=True)
            return None
        geometry = QgsGeometry.fromPolygonXY([self.points + [self.points[0]]])
        self.cancel()
        crs = self.canvas().mapSettings().destinationCrs()
        layer = sketch_layer(crs)
        dialog = SketchDialog(self.canvas().window(), layer.featureCount() + 1)
        if not dialog.run():
            return None
        add_sketch(layer, geometry, dialog.name.text().strip(), dialog.purpose.currentData() or "")
        self.layer = layer
        review = self.dock.review
        review.layer_combo.setLayer(layer)
        self.dock.tabs.setCurrentWidget(review)
        return review.run()

    def unload(self):
        self.cancel()
        self.canvas().scene().removeItem(self.band)
