"""Source type ``download`` (profile version 2, issue 15): a file served as a whole.

The file (a ``.zip`` holding Shapefiles, GeoPackages or GeoJSON, or a ``.gpkg``,
``.geojson`` or ``.fgb``) is fetched through :class:`core.http.HttpClient` (the QGIS network
stack: proxy, authcfg) into a temporary file, never with range requests, within a size
limit; then GDAL/OGR reads it (``/vsizip/`` for archives; no parser of our own).

* a zip is checked from its central directory before anything in it is read: a member whose
  name climbs out (``..``) or is absolute is refused, and so is an archive whose total
  uncompressed size or compression ratio is beyond the limits (a zip bomb);
* every layer of every file in the archive is a collection, nested folders included (a
  dataset's ``name`` picks one: the layer name, or ``folder/layer`` when two share a name);
* a ``.prj`` without an EPSG code is identified by OGR/QGIS and the features transformed to
  the asked CRS; a DBF without ``.cpg`` and without a code page in its header is read as
  CP1252 unless its text is valid UTF-8 (Swedish letters come out right);
* freshness: the file's ETag/Last-Modified (conditional requests), else a ``version:``
  keyword holding the hash of its content.
"""

import copy
import hashlib
import os
import posixpath
import shutil
import tempfile
from typing import Dict, Iterator, List, Optional
from urllib.parse import unquote, urlsplit

from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsGeometry,
    QgsRectangle,
)

from ..errors import Cancelled, NetworkError
from ..http import safe_url
from ..i18n import tr
from .archive import (
    FILE_EXTENSIONS,
    MAX_RATIO,
    MAX_UNZIPPED_BYTES,
    _plain_shapefile_options,
    _shapefile_options,
    archive_error,
    check_zip,
)
from .base import LocalLayer, Page, ParsedFeature, RemoteVersion, conditional_headers
from .crs import CRS84, qgs_crs
from .ogrread import layer_rows
from .registry import register
from .whole import GdalFailures, OgrReadError, not_whole, read_failure, shapefile_problem

MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024  # the file as served
class _Layer:
    def __init__(self, name: str, path: str, index: int, options: tuple):
        self.name, self.path, self.index, self.options = name, path, index, options
        self._problem = None

    def problem(self) -> str:
        """Why the file is not whole ('' when it is, as far as a Shapefile's headers tell)."""
        if self._problem is None:
            self._problem = shapefile_problem(self.path) if self.path.lower().endswith(".shp") else ""
        return self._problem

    def open(self):
        dataset = gdal.OpenEx(self.path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=list(self.options))
        return dataset, dataset.GetLayer(self.index)


class DownloadSource:
    """A ``download`` source: the features of one file (or archive) at ``spec.url``."""

    def __init__(self, spec, http, max_bytes: int = MAX_DOWNLOAD_BYTES, max_unzipped: int = MAX_UNZIPPED_BYTES,
                 max_ratio: float = MAX_RATIO):
        self.spec = spec
        self.base_url = spec.url
        self.http = http
        self.max_bytes, self.max_unzipped, self.max_ratio = max_bytes, max_unzipped, max_ratio
        self._dir: Optional[str] = None
        self._layers: Optional[Dict[str, _Layer]] = None
        self._broken: Dict[str, str] = {}  # a Shapefile OGR cannot open (its .shx missing or cut): why
        self._collections: Optional[List[dict]] = None
        self.etag = self.last_modified = self.digest = ""
        self.version_hint = ""  # a version the source knows besides the file's own (ATOM 'updated')

    def __del__(self):
        if self._dir:
            shutil.rmtree(self._dir, ignore_errors=True)

    # -- the file
    def _get(self, headers=None, feedback=None, accept=(200,)):
        client = copy.copy(self.http)
        client.max_bytes = self.max_bytes  # the download's own limit; no Range header is ever sent
        return client.get(self.base_url, headers=headers or {}, feedback=feedback, accept=accept)

    def fetch(self, feedback=None, refresh: bool = False) -> Dict[str, _Layer]:
        """Download the file (once per source object unless ``refresh``) and list its layers."""
        if self._layers is not None and not refresh:
            return self._layers
        response = self._get(feedback=feedback)
        self._install(response, feedback)
        return self._layers

    def _install(self, response, feedback=None) -> None:
        if self._dir:
            shutil.rmtree(self._dir, ignore_errors=True)
        self._dir = tempfile.mkdtemp(prefix="regionplan-download-")
        body = response.body
        name = posixpath.basename(unquote(urlsplit(response.url or self.base_url).path)) or "download"
        name = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)[-100:]
        if body[:4] == b"PK\x03\x04" and not name.lower().endswith(".zip"):
            name += ".zip"
        path = os.path.join(self._dir, name)
        with open(path, "wb") as out:
            out.write(body)
        self.etag = response.header("etag")
        self.last_modified = response.header("last-modified")
        self.digest = hashlib.sha256(body).hexdigest()
        self._layers = self._list_layers(path, feedback)
        self._collections = None

    def _list_layers(self, path: str, feedback=None) -> Dict[str, _Layer]:
        shown = safe_url(self.base_url)
        files = []  # (gdal path, open options, folder)
        if path.lower().endswith(".zip"):
            for member in check_zip(path, self.base_url, self.max_unzipped, self.max_ratio):
                if member.lower().endswith(FILE_EXTENSIONS):
                    options = _shapefile_options(path, member) if member.lower().endswith(".shp") else ()
                    files.append(("/vsizip/" + path + "/" + member, options, posixpath.dirname(member)))
        elif path.lower().endswith(".shp"):
            files.append((path, _plain_shapefile_options(path), ""))
        else:
            files.append((path, (), ""))
        layers: Dict[str, _Layer] = {}
        self._broken = {}
        for gdal_path, options, folder in files:
            if feedback is not None and feedback.isCanceled():
                raise Cancelled(tr("Cancelled."))
            with GdalFailures() as failures:
                try:
                    dataset = gdal.OpenEx(gdal_path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=list(options))
                except RuntimeError as exc:  # GDAL's exceptions switched on
                    dataset = None
                    failures.messages.append(str(exc))
            if dataset is None:
                if gdal_path.lower().endswith(".shp"):
                    self._broken[posixpath.splitext(posixpath.basename(gdal_path))[0]] = shapefile_problem(
                        gdal_path) or read_failure(failures.messages[-1] if failures.messages else "?")
                continue
            for index in range(dataset.GetLayerCount()):
                name = dataset.GetLayer(index).GetName()
                key = name if name not in layers else (folder + "/" + name if folder else f"{name}-{index}")
                layers[key] = _Layer(key, gdal_path, index, options)
            dataset = None
        if not layers and self._broken:
            name, problem = next(iter(self._broken.items()))
            raise not_whole(name, self.base_url, problem)
        if not layers:
            raise archive_error(shown, tr("The download {url} holds no layer that can be read (expected Shapefile, "
                                          "GeoPackage, GeoJSON or FlatGeobuf).").format(url=shown))
        return layers

    def _layer(self, name: str, feedback=None) -> _Layer:
        layers = self.fetch(feedback)
        if name not in layers and name in self._broken:
            raise not_whole(name, self.base_url, self._broken[name])
        if name in layers and layers[name].problem():
            raise not_whole(name, self.base_url, layers[name].problem())
        if name not in layers:
            shown = safe_url(self.base_url)
            raise NetworkError(tr("The download {url} has no layer {name}; it has {names}.").format(
                url=shown, name=name, names=", ".join(layers)), kind="http", url=shown, status=404)
        return layers[name]

    # -- the DataSource seam
    def collections(self, feedback=None, refresh: bool = False) -> List[dict]:
        layers = self.fetch(feedback, refresh=refresh)
        if self._collections is None or refresh:
            self._collections = [self._describe(layer) for layer in layers.values()]
        return self._collections

    def collection(self, cid: str, feedback=None) -> dict:
        self._layer(cid, feedback)
        return next(c for c in self.collections(feedback) if c["id"] == cid)

    def _describe(self, layer: _Layer) -> dict:
        dataset, ogr_layer = layer.open()
        crs = _layer_crs(ogr_layer)
        keywords = []
        if not (self.etag or self.last_modified):
            keywords.append("version:" + (self.version_hint or "sha256-" + self.digest[:16]))
        elif self.version_hint:
            keywords.append("version:" + self.version_hint)
        doc = {"id": layer.name, "title": layer.name, "description": "", "keywords": keywords,
               "links": [{"href": self.base_url, "rel": "enclosure", "title": layer.name}],
               "crs": [crs.authid()] if crs.isValid() and crs.authid() else [],
               "feature_count": ogr_layer.GetFeatureCount()}
        try:
            xmin, xmax, ymin, ymax = ogr_layer.GetExtent()
            rect = QgsCoordinateTransform(crs, qgs_crs(CRS84), QgsCoordinateTransformContext()).transformBoundingBox(
                QgsRectangle(xmin, ymin, xmax, ymax)) if crs.isValid() else None
            if rect is not None:
                doc["extent"] = {"spatial": {"bbox": [[rect.xMinimum(), rect.yMinimum(), rect.xMaximum(),
                                                       rect.yMaximum()]], "crs": CRS84}}
        except (RuntimeError, QgsCsException):
            pass
        dataset = None  # noqa: F841 (closes the file)
        return doc

    def iter_pages(self, cid: str, crs: str, bbox=None, bbox_crs=None, limit: int = 1000, feedback=None,
                   headers=None) -> Iterator[Page]:
        if headers and self._layers is None:
            response = self._get(headers=headers, feedback=feedback, accept=(200, 304))
            if response.status == 304:
                yield Page(etag=headers.get("If-None-Match", ""), last_modified=headers.get("If-Modified-Since", ""),
                           not_modified=True, url=self.base_url, crs=crs)
                return
            self._install(response, feedback)
        layer = self._layer(cid, feedback)
        dataset, ogr_layer = layer.open()
        source_crs = _layer_crs(ogr_layer)
        target = qgs_crs(crs)
        transform = QgsCoordinateTransform(source_crs, target, QgsCoordinateTransformContext()) \
            if source_crs.isValid() and source_crs != target else None
        if bbox is not None:
            rect = bbox if isinstance(bbox, QgsRectangle) else QgsRectangle(*[float(v) for v in bbox])
            if source_crs.isValid():
                rect = QgsCoordinateTransform(qgs_crs(bbox_crs or crs), source_crs,
                                              QgsCoordinateTransformContext()).transformBoundingBox(rect)
            ogr_layer.SetSpatialFilterRect(rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        page = Page(url=self.base_url, etag=self.etag, last_modified=self.last_modified, crs=crs, number=0)
        number = 0
        size = max(1, int(limit))
        rows = layer_rows(ogr_layer, size)
        while True:
            try:
                fid, properties, wkb = next(rows)
            except StopIteration:
                break
            except OgrReadError as exc:  # a file cut short: never a copy with the rest missing
                raise not_whole(cid, self.base_url, read_failure(str(exc))) from None
            if feedback is not None and feedback.isCanceled():
                raise Cancelled(tr("Cancelled."))
            parsed = _parsed(fid, properties, wkb, transform)
            if parsed is None:
                page.skipped += 1
                page.skip_reasons["no geometry"] = page.skip_reasons.get("no geometry", 0) + 1
                continue
            page.features.append(parsed)
            if len(page.features) >= size:
                yield page
                number += 1
                page = Page(url=self.base_url, crs=crs, number=number)
        dataset = None  # noqa: F841
        yield page

    def local_layer(self, cid: str, crs: str, feedback=None, headers=None) -> Optional[LocalLayer]:
        """The downloaded layer ``cid`` as OGR opens it, for a copy made by OGR itself (the cache's
        ``ogrcopy.py``), when it needs no transformation to ``crs``; else None (read its pages).
        ``headers``: a conditional request, as :meth:`iter_pages` makes it (304: ``not_modified``)."""
        if headers and self._layers is None:
            response = self._get(headers=headers, feedback=feedback, accept=(200, 304))
            if response.status == 304:
                return LocalLayer("", 0, (), self.base_url, headers.get("If-None-Match", ""),
                                  headers.get("If-Modified-Since", ""), "", True)
            self._install(response, feedback)
        layer = self._layer(cid, feedback)
        dataset, ogr_layer = layer.open()
        source_crs = _layer_crs(ogr_layer)
        dataset = None  # noqa: F841
        if not source_crs.isValid() or source_crs != qgs_crs(crs):
            return None
        return LocalLayer(layer.path, layer.index, layer.options, self.base_url, self.etag, self.last_modified,
                          "sha256:" + self.digest + "|" + cid)

    def remote_version(self, cid: str, feedback=None, crs: str = "", bbox=None,
                       known: Optional[RemoteVersion] = None, url: str = "") -> RemoteVersion:
        response = self._get(headers=conditional_headers(known), feedback=feedback, accept=(200, 304))
        if response.status == 304 and known is not None:
            return RemoteVersion(etag=known.etag, last_modified=known.last_modified, version=self.version_hint)
        self._install(response, feedback)
        version = self.version_hint or ("" if self.etag or self.last_modified else "sha256-" + self.digest[:16])
        return RemoteVersion(etag=self.etag, last_modified=self.last_modified, version=version)


def _layer_crs(ogr_layer) -> QgsCoordinateReferenceSystem:
    """The layer's CRS as QGIS knows it (an EPSG code when OGR/QGIS can identify a written-out one)."""
    srs = ogr_layer.GetSpatialRef()
    if srs is None:
        return qgs_crs(CRS84)  # GeoJSON without crs: CRS84 by its specification
    try:
        srs.AutoIdentifyEPSG()
    except RuntimeError:
        pass
    code = srs.GetAuthorityCode(None) if srs.GetAuthorityName(None) == "EPSG" else None
    if code:
        crs = QgsCoordinateReferenceSystem(f"EPSG:{code}")
        if crs.isValid():
            return crs
    crs = QgsCoordinateReferenceSystem.fromWkt(srs.ExportToWkt())
    if crs.isValid() and not crs.authid():
        found = crs.findMatchingProj() if hasattr(crs, "findMatchingProj") else 0
        if found:
            crs = QgsCoordinateReferenceSystem.fromSrsId(found)
    return crs


def _parsed(fid, properties: dict, wkb, transform) -> Optional[ParsedFeature]:
    if wkb is None:
        return None
    qgs = QgsGeometry()
    qgs.fromWkb(wkb)
    if qgs.isNull() or qgs.isEmpty():
        return None
    if transform is not None:
        try:
            qgs.transform(transform)
        except QgsCsException:
            return None
    return ParsedFeature(id=str(fid), properties=properties, geometry=qgs)


def _open(spec, http):
    return DownloadSource(spec, http)


register("download", _open)
