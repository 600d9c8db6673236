"""Any plan file OGR reads (GeoPackage, Shapefile, GeoJSON, GML, KML, DXF, FlatGeobuf, CSV with
a WKT column) as plan areas. A file that says nothing of its CRS (DXF, a Shapefile without .prj,
a CSV) needs one from the caller: :class:`CrsNeededError`, with :data:`CRS_CHOICES` to offer."""

import os

from qgis.core import QgsCoordinateReferenceSystem, QgsFeatureRequest, QgsGeometry, QgsVectorLayer, QgsWkbTypes

from ..i18n import N_, tr
from ..purposes import purpose_of
from ..util import plain_value
from .model import CrsNeededError, PlanArea, PlanAreas, PlanFileError, polygons_only

#: The CRSs offered first for a file without one: ``(authid, label)``.
CRS_CHOICES = (
    ("EPSG:3006", N_("SWEREF 99 TM")),
    ("EPSG:3007", N_("SWEREF 99 12 00")),
    ("EPSG:3008", N_("SWEREF 99 13 30")),
    ("EPSG:3009", N_("SWEREF 99 15 00")),
    ("EPSG:3010", N_("SWEREF 99 16 30")),
    ("EPSG:3011", N_("SWEREF 99 18 00")),
    ("EPSG:3012", N_("SWEREF 99 14 15")),
    ("EPSG:3013", N_("SWEREF 99 15 45")),
    ("EPSG:3014", N_("SWEREF 99 17 15")),
    ("EPSG:3015", N_("SWEREF 99 18 45")),
    ("EPSG:3016", N_("SWEREF 99 20 15")),
    ("EPSG:3017", N_("SWEREF 99 21 45")),
    ("EPSG:3018", N_("SWEREF 99 23 15")),
    ("EPSG:3021", N_("RT 90 2.5 gon V")),
)
#: File endings offered in a file dialog.
FILE_FILTER = "*.json *.geojson *.gpkg *.shp *.gml *.kml *.dxf *.fgb *.csv"
NAME_FIELDS = ("name", "namn", "plannamn", "planname", "benamning", "beteckning")
PURPOSE_FIELDS = ("purpose", "anvandning", "ändamål", "andamal", "use", "anvandningskategori", "kategori",
                  "markanvandning")


def _field(layer, candidates):
    names = {f.name().lower(): f.name() for f in layer.fields()}
    for candidate in candidates:
        if candidate in names:
            return names[candidate]
    return None


def _sublayers(path):
    probe = QgsVectorLayer(path, "probe", "ogr")
    if not probe.isValid():
        return None
    sep = "!!::!!"
    items = []
    for item in probe.dataProvider().subLayers():
        parts = item.split(sep)
        if len(parts) >= 4:
            items.append((parts[1], parts[3]))
    del probe
    return items


def read_plan_file(path: str, crs: str = "", layer_name: str = "") -> PlanAreas:
    """The polygons of a plan file; ``crs`` is used when the file has none (else ``CrsNeededError``)."""
    label = os.path.basename(path)
    items = _sublayers(path)
    if items is None:
        raise PlanFileError(tr("{file} cannot be opened as a plan: no reader knows this file.").format(file=label),
                            "unreadable", path)
    names = [name for name, _geom in items]
    if layer_name:
        chosen = [layer_name] if layer_name in names else []
    else:
        chosen = [name for name, geom in items if "Polygon" in geom or "Surface" in geom] or names
    uri = ""
    if chosen:
        uri = f"{path}|layername={chosen[0]}" if len(items) > 1 else path
    read = _read_layer(uri) if uri else None
    # raise only here, with no layer in any frame: an exception's traceback keeps its frames'
    # layers alive, and a layer freed after QGIS has quit crashes it
    if read is None:
        raise PlanFileError(tr("{file} has no layer that can be read.").format(file=label), "unreadable", path)
    file_crs, rows, lines = read
    if not file_crs:
        if not crs:
            raise CrsNeededError(tr("{file} does not say which coordinate reference system it is in. Choose one "
                                    "(SWEREF 99 TM, a SWEREF 99 local zone or RT 90) and import it again.").format(
                file=label), path)
        if not QgsCoordinateReferenceSystem(crs).isValid():
            raise PlanFileError(tr("{crs} is not a known coordinate reference system.").format(crs=crs),
                                "invalid", path)
        file_crs = crs
    result = PlanAreas(crs=file_crs, name=os.path.splitext(label)[0], kind="file", source=path)
    for geometry, name, value, ident in rows:
        result.areas.append(PlanArea(geometry=geometry, name=str(name or ""), purpose=purpose_of(value),
                                     use_code=str(value or ""), ident=ident))
    if not result.areas and lines:
        faces = QgsGeometry.polygonize([QgsGeometry.unaryUnion(lines)])
        for part in faces.asGeometryCollection() if not faces.isNull() else []:
            polygon = polygons_only(part)
            if not polygon.isEmpty():
                result.areas.append(PlanArea(geometry=polygon))
    if not result.areas:
        raise PlanFileError(tr("{file} holds no polygons: a plan needs its areas as polygons (or closed "
                               "lines).").format(file=label), "empty", path)
    return result


def _read_layer(uri: str):
    """``(crs authid or WKT, [(polygon, name, purpose value, id)], [lines])`` of one layer, or None."""
    layer = QgsVectorLayer(uri, "plan", "ogr")
    if not layer.isValid():
        return None
    file_crs = ""
    if layer.crs().isValid():
        file_crs = layer.crs().authid() or layer.crs().toWkt()
    name_field = _field(layer, NAME_FIELDS)
    purpose_field = _field(layer, PURPOSE_FIELDS)
    request = QgsFeatureRequest()
    request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    rows, lines = [], []
    for feature in layer.getFeatures(request):
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            continue
        if QgsWkbTypes.geometryType(geometry.wkbType()) == QgsWkbTypes.LineGeometry:
            lines.append(geometry)  # DXF: closed polylines are the plan's outlines
            continue
        polygons = polygons_only(geometry)
        if polygons.isEmpty():
            continue
        value = plain_value(feature[purpose_field]) if purpose_field else None
        name = plain_value(feature[name_field]) if name_field else None
        rows.append((polygons, name, value, str(feature.id())))
    del layer
    return file_crs, rows, lines
