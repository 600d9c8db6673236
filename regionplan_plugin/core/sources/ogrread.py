"""Features from a response body read with OGR (WFS GML/GeoJSON, Esri JSON): no new parser.

The body is written to ``/vsimem/`` and opened with the OGR driver named (``GML``,
``GeoJSON``, ``ESRIJSON``); each OGR feature becomes a :class:`ParsedFeature` with a
``QgsGeometry`` in the target CRS. The axis order of what was sent is checked against the
collection's WGS84 extent (the first geometry's first point): WFS 1.1.0 servers disagree on
whether ``EPSG:3006`` is easting first, so the reading that fits the extent is taken.
"""

import uuid
from typing import List, Optional

from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsGeometry,
    QgsRectangle,
)

from ..errors import NetworkError
from ..i18n import tr
from ..util import push_warning
from .base import Page, ParsedFeature
from .crs import CRS84, normalize_crs, qgs_crs
from .whole import GDAL_READ_ERRORS, OgrReadError, failure


def _value(feature, index: int, ftype: int):
    if not feature.IsFieldSetAndNotNull(index):
        return None
    if ftype in (ogr.OFTInteger, ogr.OFTInteger64):
        return feature.GetFieldAsInteger64(index)
    if ftype == ogr.OFTReal:
        return feature.GetFieldAsDouble(index)
    if ftype in (ogr.OFTDate, ogr.OFTDateTime, ogr.OFTTime):
        return feature.GetFieldAsString(index).replace("/", "-")
    if ftype in (ogr.OFTStringList, ogr.OFTIntegerList, ogr.OFTRealList, ogr.OFTInteger64List):
        return ", ".join(str(v) for v in (feature.GetField(index) or []))
    return feature.GetFieldAsString(index)


def read_ogr(body: bytes, driver: str, suffix: str, open_options=None, xsd: bytes = b"") -> List[dict]:
    """``[{"fid", "properties", "wkb"}]`` of every feature of every layer in ``body``.

    Raises ``ValueError`` (with OGR's message) when OGR cannot read it."""
    name = "/vsimem/regionplan-" + uuid.uuid4().hex
    path = name + suffix
    options = list(open_options or [])
    gdal.FileFromMemBuffer(path, bytes(body))
    if xsd:
        gdal.FileFromMemBuffer(name + ".xsd", bytes(xsd))
        options.append("XSD=" + name + ".xsd")
    # OGR's GML driver would fetch the schema named in xsi:schemaLocation itself (around our
    # HTTP client: no proxy, no authcfg, no limits): never
    gdal.SetThreadLocalConfigOption("GML_DOWNLOAD_WFS_SCHEMA", "NO")
    try:
        try:
            ds = gdal.OpenEx(path, gdal.OF_VECTOR, allowed_drivers=[driver], open_options=options)
        except RuntimeError as exc:
            raise ValueError(str(exc)) from None
        if ds is None:
            raise ValueError("OGR could not read the response")
        out = []
        for li in range(ds.GetLayerCount()):
            layer = ds.GetLayer(li)
            defn = layer.GetLayerDefn()
            fields = [(defn.GetFieldDefn(i).GetName(), defn.GetFieldDefn(i).GetType())
                      for i in range(defn.GetFieldCount())]
            for feature in layer:
                props = {fname: _value(feature, i, ftype) for i, (fname, ftype) in enumerate(fields)}
                geom = feature.GetGeometryRef()
                out.append({"fid": feature.GetFID(), "properties": props,
                            "wkb": bytes(geom.ExportToIsoWkb()) if geom is not None else b""})
        ds = None
        return out
    finally:
        gdal.SetThreadLocalConfigOption("GML_DOWNLOAD_WFS_SCHEMA", None)
        for leftover in (path, name + ".xsd", name + ".gfs"):
            _unlink(leftover)


def _unlink(path: str) -> None:
    """Remove a /vsimem/ file if it is there (whether or not GDAL's exceptions are switched on:
    a plugin must not switch them on for all of QGIS)."""
    if gdal.VSIStatL(path) is not None:
        try:
            gdal.Unlink(path)
        except RuntimeError:
            pass


# field types whose columnar values (int, float, UTF-8 bytes, bool for the boolean subtype) are what
# ``Feature.GetField`` returns; any other type (dates, lists, binary) reads feature by feature
_COLUMNAR_TYPES = (ogr.OFTInteger, ogr.OFTInteger64, ogr.OFTReal, ogr.OFTString)


def _text(value):
    """A string column's value as ``GetField`` gives it: text, or the bytes when not UTF-8."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value
    return value


def _columns(ogr_layer, batch: int):
    """Batches ``(fids, names, columns, wkbs)`` from OGR's columnar interface (GDAL >= 3.6 with
    NumPy: whole columns per call instead of a Python call per field and feature), or None when
    the layer's fields or this GDAL need the per-feature path."""
    defn = ogr_layer.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    kinds = [defn.GetFieldDefn(i).GetType() for i in range(defn.GetFieldCount())]
    fid_col = ogr_layer.GetFIDColumn() or "OGC_FID"
    geom_col = ogr_layer.GetGeometryColumn() or "wkb_geometry"
    if (any(k not in _COLUMNAR_TYPES for k in kinds) or len(set(names)) != len(names)
            or {fid_col, geom_col} & set(names) or defn.GetGeomFieldCount() != 1
            or not hasattr(ogr_layer, "GetArrowStreamAsNumPy")):
        return None
    try:
        stream = ogr_layer.GetArrowStreamAsNumPy(options=[f"MAX_FEATURES_IN_BATCH={max(1, int(batch))}"])
    except (RuntimeError, ImportError, AttributeError):
        return None
    if stream is None:
        return None
    strings = [n for n, k in zip(names, kinds) if k == ogr.OFTString]

    def batches():
        batches = iter(stream)
        while True:
            gdal.ErrorReset()
            try:
                columns = next(batches)
            except StopIteration:
                columns = None
            except GDAL_READ_ERRORS as exc:  # GDAL's exceptions switched on
                raise OgrReadError(_message(exc)) from None
            failed = failure()  # a stream cut short by a failed read just ends: GDAL's error tells
            if failed:
                raise OgrReadError(failed)
            if columns is None:
                return
            fids = columns[fid_col].tolist()
            values = {n: columns[n].tolist() for n in names}
            for name in strings:
                values[name] = [_text(v) for v in values[name]]
            yield fids, values, columns[geom_col].tolist()

    return batches()


def _message(exc) -> str:
    """The message of GDAL's exception; GDAL's last error, else a plain one, when it is empty (an
    error handler of someone else's may have taken it)."""
    return str(exc).strip() or failure().strip("?") or tr("the file could not be read to its end")


def layer_rows(ogr_layer, batch: int = 1000):
    """``(fid, properties, wkb or None)`` of every feature of ``ogr_layer`` (its spatial filter
    applies), properties as ``Feature.GetField`` gives them; wkb None for a missing geometry
    (an empty one may come as its WKB). Columnar where the fields allow (:func:`_columns`), else feature by feature.
    Raises :class:`~.whole.OgrReadError` when GDAL fails to read (a file cut short)."""
    columns = _columns(ogr_layer, batch)
    if columns is not None:
        for fids, values, wkbs in columns:
            names = list(values)
            for row, fid in enumerate(fids):
                wkb = wkbs[row]
                yield fid, {n: values[n][row] for n in names}, bytes(wkb) if wkb is not None and len(wkb) else None
        return
    defn = ogr_layer.GetLayerDefn()
    names = [(i, defn.GetFieldDefn(i).GetName()) for i in range(defn.GetFieldCount())]
    ogr_layer.ResetReading()
    while True:
        gdal.ErrorReset()
        try:
            feature = ogr_layer.GetNextFeature()
        except GDAL_READ_ERRORS as exc:  # GDAL's exceptions switched on
            raise OgrReadError(_message(exc)) from None
        failed = failure()
        if failed:
            raise OgrReadError(failed)
        if feature is None:
            return
        props = {name: feature.GetField(i) if feature.IsFieldSetAndNotNull(i) else None for i, name in names}
        geometry = feature.GetGeometryRef()
        empty = geometry is None or geometry.IsEmpty()
        yield feature.GetFID(), props, None if empty else bytes(geometry.ExportToIsoWkb())


def _first_point(geometry: QgsGeometry):
    try:
        vertex = next(iter(geometry.vertices()))
    except StopIteration:
        return None
    return vertex.x(), vertex.y()


def _extent_in(wgs84_bbox, crs: str) -> Optional[QgsRectangle]:
    try:
        rect = QgsRectangle(*[float(v) for v in wgs84_bbox[:4]])
        if normalize_crs(crs) != CRS84:
            ct = QgsCoordinateTransform(qgs_crs(CRS84), qgs_crs(crs), QgsCoordinateTransformContext())
            rect = ct.transformBoundingBox(rect)
    except (QgsCsException, TypeError, ValueError):
        return None
    if rect.isEmpty() or not rect.isFinite() or rect.width() <= 0 or rect.height() <= 0:
        return None  # no extent worth the name (an empty layer's 0,0,0,0): it cannot tell
    rect.grow(max(rect.width(), rect.height()) * 0.05 + 1e-6)
    return rect


def sniff_reading(geometries, source_crs: str, wgs84_bbox):
    """``(crs, swap)`` under which the first points of ``geometries`` (x first as sent; the first
    50 count) best fit the WGS84 extent: the declared CRS as sent, then swapped, then
    longitude/latitude as sent and swapped (a server that sends CRS84 whatever ``srsName`` or
    ``outSR`` asked); the first wins a tie. None when the extent cannot tell (no extent, no
    point); ``("", False)`` when no reading puts a single point inside it (issue 11, item 13)."""
    if not wgs84_bbox:
        return None
    if isinstance(geometries, QgsGeometry):
        geometries = [geometries]
    points = [point for point in (_first_point(g) for g in geometries[:50] if g is not None and not g.isEmpty())
              if point is not None]
    if not points:
        return None
    best, best_score, told = ("", False), 0, False
    for crs in (source_crs, CRS84):
        rect = _extent_in(wgs84_bbox, crs)
        if rect is None:
            continue
        told = True
        for swap in (False, True):
            score = sum(1 for x, y in points if (rect.contains(y, x) if swap else rect.contains(x, y)))
            if score > best_score:
                best, best_score = (crs, swap), score
    return best if told else None


class OgrFeatureReader:
    """Turns :func:`read_ogr` rows into ``ParsedFeature`` in ``target_crs`` (dropping ids seen
    before, counting what cannot be read). ``id_of(row)`` gives a feature's id."""

    def __init__(self, source_crs: str, target_crs: str, wgs84_bbox=None, id_of=None, name: str = "",
                 feedback=None):
        self.source_crs = normalize_crs(source_crs) or source_crs
        self.wgs84_bbox = wgs84_bbox
        self.name = name  # the collection, named in a note or a refusal
        self.feedback = feedback
        self.id_of = id_of or (lambda row: str(row["fid"]))
        self.target_crs = target_crs
        self.swap = None
        self.transform = None
        self.notes = []
        self.seen = set()

    def _reading(self, rows: List[dict], page: Page) -> None:
        """The CRS and axis order the server really used, from the first page's coordinates
        (issue 11, item 13): a reading that fits the extent better than the declared one is
        taken with a note; coordinates that fit no reading are refused, never misplaced."""
        geometries = []
        for row in rows[:50]:
            if row["wkb"]:
                geometry = QgsGeometry()
                geometry.fromWkb(row["wkb"])
                geometries.append(geometry)
        found = sniff_reading(geometries, self.source_crs, self.wgs84_bbox)
        if found is None:
            if not geometries:
                return  # nothing to tell by yet: the next page decides
            found = (self.source_crs, False)
        crs, swap = found
        if not crs:
            raise NetworkError(tr(
                "The coordinates the service sent for {name} fit the collection's extent neither as {crs} (in "
                "either axis order) nor as longitude/latitude, so the service does not say which coordinate "
                "system it used. Nothing was downloaded, so that no feature is misplaced. Report this to the "
                "service's provider."
            ).format(name=self.name, crs=self.source_crs), kind="crs", url=page.url)
        if crs != self.source_crs:
            note = tr(
                "{name}: the service's coordinates are not in the coordinate system it declares ({declared}); "
                "they fit the collection's extent as {used} and were read as such."
            ).format(name=self.name, declared=self.source_crs, used=crs)
            self.notes.append(note)
            push_warning(self.feedback, note)
            self.source_crs = crs
        self.swap = swap
        src, dst = qgs_crs(self.source_crs), qgs_crs(self.target_crs)
        self.transform = None if src == dst else QgsCoordinateTransform(src, dst, QgsCoordinateTransformContext())
        self.seen = set()

    def parse(self, rows: List[dict], page: Page) -> int:
        """Add ``rows`` to ``page``; the number of ids not seen before (0 for a page that
        repeats earlier ones: a server that ignores the paging)."""
        if self.swap is None:
            self._reading(rows, page)
        for note in self.notes:
            if note not in page.notes:
                page.notes.append(note)
        before = len(self.seen)
        for row in rows:
            reason = self._one(row, page)
            if reason:
                page.skipped += 1
                page.skip_reasons[reason] = page.skip_reasons.get(reason, 0) + 1
        return len(self.seen) - before

    def parse_page(self, rows: List[dict], page: Page, refusal: str) -> None:
        """:meth:`parse` for page ``page.number`` of a paged download: a later page that brings
        only ids seen before is refused with ``refusal`` (the server ignores the paging)."""
        if not self.parse(rows, page) and page.number > 0 and rows:
            raise NetworkError(refusal, kind="paging", url=page.url)

    def _one(self, row: dict, page: Page) -> str:
        if not row["wkb"]:
            return "no geometry"
        geometry = QgsGeometry()
        geometry.fromWkb(row["wkb"])
        if geometry.isNull() or geometry.isEmpty():
            return "empty geometry"
        if self.swap:
            geometry.get().swapXy()
        if self.transform is not None:
            try:
                geometry.transform(self.transform)
            except QgsCsException:
                return "cannot transform"
        fid = self.id_of(row)
        if fid in self.seen:
            page.duplicates += 1
            return "duplicate id"
        self.seen.add(fid)
        page.features.append(ParsedFeature(fid, row["properties"], geometry))
        return ""
