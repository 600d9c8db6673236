"""Boverket's ÖP model (ÖP-modell 2.1), a GeoPackage.

What comes from Boverket's published guidance (PBL kunskapsbanken, see docs/plans.md "ÖP model:
where the names come from"): the aspect names *Mark- och vattenanvändning* and
*Utvecklingsinriktning*, the ten use categories of mark- och vattenanvändning (Mångfunktionell
bebyggelse, Sammanhängande bostadsbebyggelse, Verksamheter och industri, Transportinfrastruktur,
Teknisk anläggning, Areell näring, Grönområde och park, Natur och friluftsliv, Landsbygd,
Vatten), their subcategories (Bostäder, Centrum, Handel …; Jordbruk, Skogsbruk, Rennäring …),
and that transport infrastructure may be drawn as lines over other uses. What could not be
checked against Boverket's database files: the table and column names. So layers are found by
the words in their names (every layer whose name holds "mark" and "vatten", e.g. the aspect name
itself or ``mark_och_vattenanvandning``; lines in them are left out) and fields by a list of
names (``kategori``/``underkategori`` first: the model's own words, then the variants met so far).

A use area's purpose comes from its subcategory when it names one the vocabulary knows (not the
model's open choice *Annan användning*), else from its category, through
:func:`core.purposes.purpose_of`. The *utvecklingsinriktning* areas are plan areas too (their
purpose from their own category, else from the land use they overlap most).
"""

import os
import unicodedata

from qgis.core import QgsFeatureRequest, QgsVectorLayer

from ..i18n import tr
from ..purposes import purpose_of
from ..util import plain_value
from .model import PlanArea, PlanAreas, PlanFileError, polygons_only, union

#: The use category: the model's word first, then the variants the reader has always accepted.
CATEGORY_FIELDS = ("kategori", "anvandningskategori", "huvudkategori", "anvandning", "markanvandning",
                   "markochvattenanvandning", "anvandningsform")
#: The precision of the use (the model's *underkategori*).
SUBCATEGORY_FIELDS = ("underkategori", "precisering", "preciseradanvandning")
NAME_FIELDS = ("namn", "benamning", "beteckning", "name", "omradesnamn")
ID_FIELDS = ("planidentitet", "objektidentitet", "planid", "plan_id")
STATUS_FIELDS = ("status", "planstatus", "skede")
#: The model's open subcategory ("a further precision, say which"): the category decides the purpose.
OPEN_SUBCATEGORY = "annananvandning"


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


def _find_all(names, *words):
    """The layers whose folded names hold every word, in the file's order (never a riksintresse layer)."""
    found = []
    for name in names:
        folded = _fold(name)
        if all(word in folded for word in words) and "riksintresse" not in folded:
            found.append(name)
    return found


def is_op_model(path: str) -> bool:
    """True for a GeoPackage with a mark- och vattenanvändning layer."""
    if not path.lower().endswith(".gpkg"):
        return False
    return bool(_find_all(layer_names(path), "mark", "vatten"))


def _field(layer, candidates):
    names = {_fold(f.name()): f.name() for f in layer.fields()}
    for candidate in candidates:
        if candidate in names:
            return names[candidate]
    return None


def use_of(category, subcategory=None):
    """``(purpose, use_code)`` of a use area from its category and subcategory values.

    The subcategory decides when the vocabulary knows it (``Bostäder`` within Mångfunktionell
    bebyggelse is housing); an unknown one, or the open *Annan användning*, leaves it to the
    category. ``use_code`` is the category with the subcategory in brackets."""
    category = str(category).strip() if category not in (None, "") else ""
    subcategory = str(subcategory).strip() if subcategory not in (None, "") else ""
    purpose = ""
    if subcategory and _fold(subcategory) != OPEN_SUBCATEGORY:
        purpose = purpose_of(subcategory)
    if not purpose and category:
        purpose = purpose_of(category)
    if category and subcategory:
        code = f"{category} ({subcategory})"
    else:
        code = category or subcategory
    return purpose, code


def _areas(path, table, label):
    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    if not layer.isValid():
        del layer  # no layer in the traceback's frames
        raise PlanFileError(tr("The layer {layer} of {file} cannot be opened.").format(layer=table, file=label),
                            "unreadable", path)
    use_field = _field(layer, CATEGORY_FIELDS)
    sub_field = _field(layer, SUBCATEGORY_FIELDS)
    name_field = _field(layer, NAME_FIELDS)
    meta_fields = [(key, _field(layer, fields)) for key, fields in (("plan_id", ID_FIELDS), ("status", STATUS_FIELDS))]
    request = QgsFeatureRequest()
    request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    areas, meta = [], {}
    for feature in layer.getFeatures(request):
        geometry = polygons_only(feature.geometry())
        if geometry.isEmpty():
            continue  # a line (transport infrastructure may be drawn as one) or an empty geometry
        category = plain_value(feature[use_field]) if use_field else None
        subcategory = plain_value(feature[sub_field]) if sub_field else None
        purpose, code = use_of(category, subcategory)
        name = plain_value(feature[name_field]) if name_field else None
        areas.append(PlanArea(geometry=geometry, name=str(name or ""), purpose=purpose, use_code=code,
                              ident=f"{table}:{feature.id()}"))
        for key, found in meta_fields:
            if found and key not in meta and plain_value(feature[found]):
                meta[key] = str(plain_value(feature[found]))
    crs = layer.crs().authid()
    del layer
    return areas, meta, crs


def _read_layers(path, tables, label):
    areas, meta, crs = [], {}, ""
    for table in tables:
        more, more_meta, more_crs = _areas(path, table, label)
        if more and not more_crs:
            raise PlanFileError(tr("The layer {layer} of {file} has no coordinate reference system.").format(
                layer=table, file=label), "invalid", path)
        if more and crs and more_crs != crs:
            raise PlanFileError(tr("The layers {first} and {second} of {file} have different coordinate reference "
                                   "systems ({crs1}, {crs2}); save them in one.").format(
                first=tables[0], second=table, file=label, crs1=crs, crs2=more_crs), "invalid", path)
        crs = crs or (more_crs if more else "")
        areas.extend(more)
        for key, value in more_meta.items():
            meta.setdefault(key, value)
    return areas, meta, crs


def read_op_model(path: str) -> PlanAreas:
    """Read an ÖP-model GeoPackage; :class:`PlanFileError` when it has no mark- och vattenanvändning layer."""
    label = os.path.basename(path)
    names = layer_names(path)
    landuse = _find_all(names, "mark", "vatten")
    if not landuse:
        raise PlanFileError(tr("{file} has no 'mark- och vattenanvändning' layer of Boverket's ÖP model.").format(
            file=label), "invalid", path)
    areas, meta, crs = _read_layers(path, landuse, label)
    if not areas:
        raise PlanFileError(tr("{file} has no use areas.").format(file=label), "empty", path)
    result = PlanAreas(crs=crs, name=os.path.splitext(label)[0], plan_id=meta.get("plan_id", ""),
                       status=meta.get("status", ""), kind="op-model", source=path)
    result.areas.extend(areas)
    development = [name for name in _find_all(names, "utvecklingsinriktning") if name not in landuse]
    if development:
        more, _meta, more_crs = _read_layers(path, development, label)
        if more and more_crs != crs:
            raise PlanFileError(tr("The layers {first} and {second} of {file} have different coordinate reference "
                                   "systems ({crs1}, {crs2}); save them in one.").format(
                first=landuse[0], second=development[0], file=label, crs1=crs, crs2=more_crs), "invalid", path)
        for area in more:
            if not area.purpose:
                area.purpose = _dominant(area.geometry, areas)
            area.use_code = area.use_code or tr("development direction")
            result.areas.append(area)
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
