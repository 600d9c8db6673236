"""The area of an offline basemap named by a municipality (``regionplan:cachebasemap``'s
``MUNICIPALITY``): the municipality's extent in the profile's municipalities dataset, plus a
margin so that the map reaches a little past the boundary."""

import unicodedata

from qgis.core import QgsRectangle

from ..i18n import tr
from .render import BasemapError

MUNICIPALITY_MARGIN_M = 1000.0
NAME_FIELDS = ("namn", "name", "kommunnamn", "kommun")
CODE_FIELDS = ("kommunkod", "kod", "code")


def _key(text) -> str:
    """'  Örebro kommun ' and 'örebro' are the same municipality."""
    folded = unicodedata.normalize("NFC", str(text or "")).strip().casefold()
    for suffix in (" kommun", " municipality"):
        if folded.endswith(suffix):
            folded = folded[: -len(suffix)].strip()
    return " ".join(folded.split())


def _values(feature, names, fields):
    found = []
    for name in names:
        index = fields.lookupField(name)
        if index >= 0:
            value = feature.attribute(index)
            if value is not None and str(value).strip() and str(value) != "NULL":
                found.append(str(value))
    return found


def municipality_area(layer, municipality: str, margin_m: float = MUNICIPALITY_MARGIN_M,
                      dataset: str = "kommuner") -> QgsRectangle:
    """The extent of ``municipality`` (its name, with or without "kommun", or its code) in
    ``layer`` (the municipalities, in the profile's CRS), grown by ``margin_m``. BasemapError
    naming the known municipalities when none matches."""
    wanted = _key(municipality)
    if not wanted:
        raise BasemapError(tr("Name a municipality for the background map."))
    fields = layer.fields()
    area = QgsRectangle()
    known = []
    for feature in layer.getFeatures():
        names = _values(feature, NAME_FIELDS, fields)
        known += names[:1]
        keys = {_key(value) for value in names + _values(feature, CODE_FIELDS, fields)}
        if wanted in keys and feature.hasGeometry():
            box = feature.geometry().boundingBox()
            if area.isNull() or area.isEmpty():
                area = QgsRectangle(box)
            else:
                area.combineExtentWith(box)
    if area.isNull() or area.isEmpty():
        raise BasemapError(tr(
            "{name} is not a municipality in the profile's municipalities ({dataset}). "
            "Choose one of: {known}.").format(name=municipality.strip(), dataset=dataset,
                                               known=", ".join(sorted(set(known))) or "–"))
    return area.buffered(margin_m)
