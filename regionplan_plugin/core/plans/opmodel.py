"""Boverket's ÖP model (ÖP-modell 2.1), a GeoPackage.

Read: the *mark- och vattenanvändning* layer (table names such as ``mark_och_vattenanvandning``),
whose use category (``anvandningskategori``, else ``huvudkategori``/``kategori``/``anvandning``)
maps to a purpose through :func:`core.purposes.purpose_of` (it knows the model's categories:
Mångfunktionell bebyggelse, Sammanhängande bostadsbebyggelse, Verksamheter och industri, …),
and the *utvecklingsinriktning* layer, whose areas are plan areas too (their purpose from
their own category, else from the land use they overlap most).
"""

import os
import unicodedata

from qgis.core import QgsFeatureRequest, QgsVectorLayer

from ..i18n import tr
from ..purposes import purpose_of
from ..util import plain_value
from .model import PlanArea, PlanAreas, PlanFileError, polygons_only, union

LANDUSE_FIELDS = ("anvandningskategori", "huvudkategori", "kategori", "anvandning", "markanvandning",
                  "underkategori", "anvandningsform")
NAME_FIELDS = ("namn", "benamning", "beteckning", "name", "omradesnamn")
ID_FIELDS = ("planidentitet", "objektidentitet", "planid", "plan_id")
STATUS_FIELDS = ("status", "planstatus", "skede")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch) and ch.isalnum())


def layer_names(path: str):
    probe = QgsVectorLayer(path, "probe", "ogr")
    if not probe.isValid():
        return []
    sep = "!!::!!"
    names = [item.split(sep)[1] for item in probe.dataProvider().subLayers() if sep in item]
    del probe
    return names


def _find(names, *words):
    for name in names:
        folded = _fold(name)
        if all(word in folded for word in words):
            return name
    return None


def is_op_model(path: str) -> bool:
    """True for a GeoPackage with a mark- och vattenanvändning layer."""
    if not path.lower().endswith(".gpkg"):
        return False
    return _find(layer_names(path), "mark", "vatten") is not None


def _field(layer, candidates):
    names = {_fold(f.name()): f.name() for f in layer.fields()}
    for candidate in candidates:
        if candidate in names:
            return names[candidate]
    return None


def _areas(path, table, label):
    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    if not layer.isValid():
        del layer  # no layer in the traceback's frames
        raise PlanFileError(tr("The layer {layer} of {file} cannot be opened.").format(layer=table, file=label),
                            "unreadable", path)
    use_field = _field(layer, LANDUSE_FIELDS)
    name_field = _field(layer, NAME_FIELDS)
    request = QgsFeatureRequest()
    request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    areas, meta = [], {}
    for feature in layer.getFeatures(request):
        geometry = polygons_only(feature.geometry())
        if geometry.isEmpty():
            continue
        value = plain_value(feature[use_field]) if use_field else None
        name = plain_value(feature[name_field]) if name_field else None
        areas.append(PlanArea(geometry=geometry, name=str(name or ""), purpose=purpose_of(value),
                              use_code=str(value or ""), ident=str(feature.id())))
        for key, fields in (("plan_id", ID_FIELDS), ("status", STATUS_FIELDS)):
            found = _field(layer, fields)
            if found and key not in meta and plain_value(feature[found]):
                meta[key] = str(plain_value(feature[found]))
    crs = layer.crs().authid()
    del layer
    return areas, meta, crs


def read_op_model(path: str) -> PlanAreas:
    """Read an ÖP-model GeoPackage; :class:`PlanFileError` when it has no mark- och vattenanvändning layer."""
    label = os.path.basename(path)
    names = layer_names(path)
    landuse = _find(names, "mark", "vatten")
    if landuse is None:
        raise PlanFileError(tr("{file} has no 'mark- och vattenanvändning' layer of Boverket's ÖP model.").format(
            file=label), "invalid", path)
    areas, meta, crs = _areas(path, landuse, label)
    if not crs:
        raise PlanFileError(tr("The layer {layer} of {file} has no coordinate reference system.").format(
            layer=landuse, file=label), "invalid", path)
    result = PlanAreas(crs=crs, name=os.path.splitext(label)[0], plan_id=meta.get("plan_id", ""),
                       status=meta.get("status", ""), kind="op-model", source=path)
    result.areas.extend(areas)
    development = _find(names, "utvecklingsinriktning")
    if development is not None:
        more, _meta, _crs = _areas(path, development, label)
        for area in more:
            if not area.purpose:
                area.purpose = _dominant(area.geometry, areas)
            area.use_code = area.use_code or tr("development direction")
            result.areas.append(area)
    if not result.areas:
        raise PlanFileError(tr("{file} has no use areas.").format(file=label), "empty", path)
    result.outline = union([area.geometry for area in areas])
    return result


def _dominant(geometry, areas) -> str:
    best, best_area = "", 0.0
    for area in areas:
        if not area.geometry.intersects(geometry):
            continue
        overlap = area.geometry.intersection(geometry).area()
        if overlap > best_area:
            best, best_area = area.purpose, overlap
    return best
