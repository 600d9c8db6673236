"""The findings as CSV and as a GeoPackage."""

import csv
import os
from typing import Optional

from osgeo import ogr  # the check of a written GeoPackage: not a QGIS layer (its connection pool keeps files open)
from qgis.core import (
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from .. import vocabulary
from ..check import FIELD_NAMES, CheckResult, findings_layer
from ..i18n import translate
from ..vocabulary import N_
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


# the Swedish CSV's headers (English source text, translated)
CSV_HEADERS = {
    "plan_fid": N_("Plan area id"), "plan_name": N_("Plan area"), "rule_id": N_("Rule"),
    "severity": N_("Assessment"), "collection": N_("Dataset"), "feature_id": N_("Feature id"),
    "feature_name": N_("Regional feature"), "relation": N_("Relation"), "distance_m": N_("Distance (m)"),
    "overlap_m2": N_("Overlap (m²)"), "overlap_share": N_("Share of the plan area (%)"),
    "message": N_("Message"),
}


def _swedish_row(finding) -> list:
    """A finding as the Swedish CSV's row: labels for codes, decimal commas, the share in per cent."""
    row = []
    for name, value in zip(FIELD_NAMES, finding.attributes()):
        if name == "severity":
            value = vocabulary.severity_label(value, "sv")
        elif name == "relation":
            value = vocabulary.relation_label(value, "sv")
        elif name in ("distance_m", "overlap_m2") and value is not None:
            value = f"{float(value):.1f}".replace(".", ",")
        elif name == "overlap_share" and value is not None:
            value = f"{100.0 * float(value):.2f}".replace(".", ",")
        row.append(_csv_cell(value))
    return row


def write_csv(result: CheckResult, path: str, lang: Optional[str] = None) -> str:
    """The findings as CSV, one row per finding. Swedish: what Swedish Excel opens in columns (``;``
    between cells, decimal commas, UTF-8 with BOM) with Swedish headers and labels; English: a
    machine-friendly file (``,``, points, the contract's field names and codes, UTF-8 without BOM)."""
    lang = lang or result.lang
    swedish = lang == "sv"
    with replacing(path, lang, "csv") as tmp:
        with open(tmp, "w", encoding="utf-8-sig" if swedish else "utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";" if swedish else ",")
            if swedish:
                writer.writerow([translate(CSV_HEADERS[name], "sv") for name in FIELD_NAMES])
                writer.writerows(_swedish_row(finding) for finding in result.findings)
            else:
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
