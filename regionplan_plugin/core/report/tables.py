"""The findings as CSV and as a GeoPackage."""

import csv
import os

from osgeo import ogr  # the check of a written GeoPackage: not a QGIS layer (its connection pool keeps files open)
from qgis.core import (
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..check import FIELD_NAMES, CheckResult, findings_layer
from ..i18n import translate
from .io import ReportError, replacing
from .styling import display_layers

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    """A CSV cell. Text (from the service, the plan or the profile) that a spreadsheet would run
    as a formula gets a leading apostrophe (OWASP, CSV injection); numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(result: CheckResult, path: str) -> str:
    """The findings as CSV: UTF-8 with BOM (Excel opens it right), a header row, one row per finding."""
    with replacing(path, result.lang, "csv") as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(FIELD_NAMES)
            for finding in result.findings:
                writer.writerow([_csv_cell(value) for value in finding.attributes()])
            handle.flush()
            os.fsync(handle.fileno())
    return path


def _write_layer(layer: QgsVectorLayer, path: str, name: str, overwrite_file: bool, shown: str = "",
                 lang: str = "en") -> None:
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteFile if overwrite_file else QgsVectorFileWriter.CreateOrOverwriteLayer
    )
    writer_fn = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None)
    context = QgsProject.instance().transformContext()
    if writer_fn is not None:
        result = writer_fn(layer, path, context, options)
    else:  # pragma: no cover - QGIS < 3.20
        result = QgsVectorFileWriter.writeAsVectorFormatV2(layer, path, context, options)
    if result[0] != QgsVectorFileWriter.NoError:
        raise ReportError(
            translate("The findings cannot be written to {path}: {error}", lang).format(
                path=shown or path, error=result[1])
        )


def write_gpkg(result: CheckResult, path: str, layer_name: str = "findings") -> str:
    """The findings as a GeoPackage: layer ``findings`` (GeometryCollection, the contract's
    fields), plus ``findings_polygons`` / ``_lines`` / ``_points`` with the severity style for
    display (QGIS does not draw GeometryCollection layers)."""

    def whole(tmp: str) -> bool:
        dataset = ogr.Open(tmp)
        layer = dataset.GetLayerByName(layer_name) if dataset is not None else None
        ok = layer is not None and layer.GetFeatureCount() == len(result.findings)
        layer = dataset = None
        return ok

    with replacing(path, result.lang, "gpkg", whole) as tmp:
        _write_layer(findings_layer(result.findings, result.crs, layer_name), tmp, layer_name, True, path,
                     result.lang)
        suffix = {QgsWkbTypes.PolygonGeometry: "polygons", QgsWkbTypes.LineGeometry: "lines",
                  QgsWkbTypes.PointGeometry: "points"}
        for layer in display_layers(result.findings, result.crs, result.lang):
            name = f"{layer_name}_{suffix[layer.geometryType()]}"
            _write_layer(layer, tmp, name, False, path, result.lang)
            saved = QgsVectorLayer(f"{tmp}|layername={name}", name, "ogr")
            if saved.isValid():
                saved.setRenderer(layer.renderer().clone())
                saved.saveStyleToDatabase(name, "", True, "")
            del saved
    return path
