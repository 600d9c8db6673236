"""Render background layers for an area into a GeoPackage raster (the offline basemap).

``estimate(layers, extent, max_scale)`` says how big and slow it will be;
``cache_basemap(...)`` renders chunk by chunk with QGIS' own renderer (synchronously, in the
calling thread: a QgsTask or a Processing algorithm), writes the pixels with GDAL's GPKG
driver into a temporary file next to the target, verifies that it opens as a raster of the
expected size and only then renames it over the target: a failure, a full disk or a cancel
leaves the previous basemap as it was."""

import errno
import glob
import math
import os
import tempfile
from dataclasses import dataclass
from typing import List, Optional

from osgeo import gdal, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsNetworkAccessManager,
    QgsRasterLayer,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from ..errors import Cancelled, RegionplanError
from ..http import safe_url
from ..i18n import tr
from ..util import is_canceled, push_info, set_progress

PIXEL_M_PER_SCALE = 0.00028  # OGC's standard rendering pixel: 0.28 mm
TILE_PX = 256  # GeoPackage tiles
CHUNK_PX = 1024  # one render job
BYTES_PER_TILE = 24 * 1024  # a PNG tile of a topographic map, on average
SECONDS_PER_CHUNK = 0.6  # per layer, a local or fast server
MAX_TILES = 40000  # about 1 GB: the largest basemap made without asking for a smaller area
RASTER_TABLE = "basemap"


class BasemapError(RegionplanError):
    """The offline basemap could not be made (area too large, a server failed, disk full)."""


@dataclass
class Estimate:
    width: int
    height: int
    tiles: int
    bytes: int
    seconds: float

    def __iter__(self):  # tiles, bytes, seconds = estimate(...)
        return iter((self.tiles, self.bytes, self.seconds))

    def text(self) -> str:
        return tr("about {tiles} tiles, {size} and {time}").format(
            tiles=self.tiles, size=size_text(self.bytes), time=time_text(self.seconds))


def size_text(n: int) -> str:
    if n >= 1024 ** 3:
        return f"{n / 1024 ** 3:.1f} GB"
    if n >= 1024 ** 2:
        return f"{n / 1024 ** 2:.0f} MB"
    return f"{max(1, n / 1024):.0f} kB"


def time_text(seconds: float) -> str:
    if seconds >= 3600:
        return tr("{n:.1f} hours").format(n=seconds / 3600)
    if seconds >= 90:
        return tr("{n:.0f} minutes").format(n=seconds / 60)
    return tr("{n:.0f} seconds").format(n=max(1, seconds))


def _size(extent: QgsRectangle, max_scale: float):
    pixel = float(max_scale) * PIXEL_M_PER_SCALE
    return pixel, max(1, int(math.ceil(extent.width() / pixel))), max(1, int(math.ceil(extent.height() / pixel)))


def estimate(layers, extent: QgsRectangle, max_scale: float) -> Estimate:
    """Size and time of a basemap of ``layers`` over ``extent`` (map units: metres) down to
    the scale 1:``max_scale``. Unpack as ``tiles, bytes, seconds``."""
    if not max_scale or max_scale <= 0:
        raise BasemapError(tr("The largest scale of a background map must be a positive number, such as 10000."))
    if extent is None or extent.isEmpty():
        raise BasemapError(tr("Choose an area for the background map: the extent is empty."))
    _pixel, width, height = _size(extent, max_scale)
    base = math.ceil(width / TILE_PX) * math.ceil(height / TILE_PX)
    tiles = int(math.ceil(base * 4 / 3))  # with the overviews
    chunks = math.ceil(width / CHUNK_PX) * math.ceil(height / CHUNK_PX)
    seconds = chunks * max(1, len(list(layers))) * SECONDS_PER_CHUNK
    return Estimate(width, height, tiles, tiles * BYTES_PER_TILE, seconds)


def _srs(crs: QgsCoordinateReferenceSystem):
    srs = osr.SpatialReference()
    authid = crs.authid()
    if authid.upper().startswith("EPSG:") and srs.ImportFromEPSG(int(authid.split(":")[1])) == 0:
        return srs
    srs.ImportFromWkt(crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED_GDAL))
    return srs


def _render(layers, crs, rect: QgsRectangle, width: int, height: int):
    """RGBA bytes of one chunk and the errors QGIS' renderer reported (a failed request)."""
    settings = QgsMapSettings()
    settings.setLayers(list(layers))
    settings.setDestinationCrs(crs)
    settings.setOutputSize(QSize(width, height))
    settings.setExtent(rect)
    settings.setOutputDpi(25.4 / (PIXEL_M_PER_SCALE * 1000))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    image = QImage(width, height, QImage.Format_ARGB32_Premultiplied)
    image.fill(0)
    failed = []

    def _finished(reply):  # this thread's network manager: the render's own requests
        if int(reply.error()) != 0:
            failed.append(f"{safe_url(reply.request().url().toString())}: {reply.errorString()}")

    manager = QgsNetworkAccessManager.instance()
    manager.finished.connect(_finished)
    painter = QPainter(image)
    try:
        job = QgsMapRendererCustomPainterJob(settings, painter)
        job.renderSynchronously()
    finally:
        painter.end()
        manager.finished.disconnect(_finished)
    errors = [f"{e.layerID}: {e.message}" for e in job.errors()] + failed
    rgba = image.convertToFormat(QImage.Format_RGBA8888)
    bits = rgba.constBits()
    bits.setsize(rgba.bytesPerLine() * height)
    data = bytes(bits)
    if rgba.bytesPerLine() != width * 4:
        line = rgba.bytesPerLine()
        data = b"".join(data[row * line: row * line + width * 4] for row in range(height))
    return data, errors


def _disk_full(text: str) -> bool:
    text = text.lower()
    return any(word in text for word in ("no space", "file too large", "disk is full", "disk full", "disk i/o",
                                         "database or disk is full", "write error", "short write"))


def _no_room(folder: str) -> bool:
    """Ask the disk: GDAL's SQLite errors often do not say that the disk (or a quota) is full."""
    probe = os.path.join(folder, ".tmp-basemap-probe")
    try:
        with open(probe, "wb") as handle:
            for _ in range(16):
                handle.write(b"\0" * 65536)
            handle.flush()
            os.fsync(handle.fileno())
        return False
    except OSError as exc:
        return exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1))
    finally:
        try:
            os.unlink(probe)
        except OSError:
            pass


def _write_failed(folder: str, detail: str) -> BasemapError:
    if _disk_full(detail) or _no_room(folder):
        return BasemapError(tr(
            "The offline background map could not be written because the disk is full (in {path}). "
            "Free some space or choose a smaller area; the previous background map is still in use."
        ).format(path=folder))
    return BasemapError(tr(
        "The offline background map could not be written in {path}: {error}. "
        "The previous background map is still in use.").format(path=folder, error=detail or "?"))


def cache_basemap(layers: List, extent: QgsRectangle, max_scale: float, out_path: str, feedback=None,
                  crs: Optional[QgsCoordinateReferenceSystem] = None, max_tiles: int = MAX_TILES) -> str:
    """Render ``layers`` over ``extent`` (in ``crs``: the profile's CRS, default EPSG:3006) at
    1:``max_scale`` into the GeoPackage raster ``out_path``; returns the path.

    Refuses an area larger than ``max_tiles`` with the estimate in the message. Raises
    ``Cancelled`` on cancel and ``BasemapError`` on a server or write failure; the previous
    file at ``out_path`` is then untouched."""
    layers = [layer for layer in layers if layer is not None]
    if not layers:
        raise BasemapError(tr("Choose at least one background map to make available offline."))
    crs = crs if crs is not None and crs.isValid() else QgsCoordinateReferenceSystem("EPSG:3006")
    guess = estimate(layers, extent, max_scale)
    if guess.tiles > max_tiles:
        raise BasemapError(tr(
            "The area is too large for an offline background map down to 1:{scale}: {estimate}. "
            "Choose a smaller area or a smaller largest scale (a larger number, such as 1:{bigger})."
        ).format(scale=int(max_scale), estimate=guess.text(), bigger=int(max_scale) * 4))
    invalid = [layer.name() for layer in layers if not layer.isValid()]
    if invalid:
        raise BasemapError(tr(
            "The background map {name} cannot be opened (is the server reachable?). "
            "The previous background map is still in use.").format(name=", ".join(invalid)))
    push_info(feedback, tr("Offline background map: {estimate}.").format(estimate=guess.text()))
    folder = os.path.dirname(os.path.abspath(out_path)) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-basemap-", suffix=".gpkg", dir=folder)
    os.close(fd)
    os.unlink(tmp)
    try:
        _write(layers, crs, extent, max_scale, tmp, guess, folder, feedback)
        _verify(tmp, guess, folder)
        os.replace(tmp, out_path)
    except BaseException:
        # the file, SQLite's side files and what GDAL may have written beside it (.aux.xml)
        for leftover in glob.glob(glob.escape(tmp) + "*"):
            try:
                os.unlink(leftover)
            except OSError:
                pass
        raise
    set_progress(feedback, 100)
    return out_path


def _write(layers, crs, extent, max_scale, tmp, guess: Estimate, folder, feedback) -> None:
    pixel, width, height = _size(extent, max_scale)
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        gdal.ErrorReset()
        ds = gdal.GetDriverByName("GPKG").Create(
            tmp, width, height, 4, gdal.GDT_Byte, ["TILE_FORMAT=PNG", "RASTER_TABLE=" + RASTER_TABLE])
        if ds is None:
            raise _write_failed(folder, gdal.GetLastErrorMsg())
        ds.SetGeoTransform([extent.xMinimum(), pixel, 0.0, extent.yMinimum() + height * pixel, 0.0, -pixel])
        ds.SetSpatialRef(_srs(crs))
        top = extent.yMinimum() + height * pixel
        chunks = [(x, y) for y in range(0, height, CHUNK_PX) for x in range(0, width, CHUNK_PX)]
        for number, (x, y) in enumerate(chunks):
            if is_canceled(feedback):
                ds = None
                raise Cancelled(tr("Cancelled. The previous background map is still in use."))
            cw, ch = min(CHUNK_PX, width - x), min(CHUNK_PX, height - y)
            rect = QgsRectangle(extent.xMinimum() + x * pixel, top - (y + ch) * pixel,
                                extent.xMinimum() + (x + cw) * pixel, top - y * pixel)
            data, errors = _render(layers, crs, rect, cw, ch)
            if errors:
                ds = None
                raise BasemapError(tr(
                    "The background map could not be fetched from its server: {error}. "
                    "The previous background map is still in use.").format(error="; ".join(errors[:3])))
            if ds.WriteRaster(x, y, cw, ch, data, cw, ch, gdal.GDT_Byte, [1, 2, 3, 4], 4, 4 * cw, 1) != 0:
                detail = gdal.GetLastErrorMsg()
                ds = None
                raise _write_failed(folder, detail)
            set_progress(feedback, 90.0 * (number + 1) / len(chunks))
        levels = [f for f in (2, 4, 8, 16, 32) if max(width, height) / f >= TILE_PX]
        if levels and ds.BuildOverviews("AVERAGE", levels) != 0:
            detail = gdal.GetLastErrorMsg()
            ds = None
            raise _write_failed(folder, detail)
        ds.FlushCache()
        detail = gdal.GetLastErrorMsg() if gdal.GetLastErrorType() >= gdal.CE_Failure else ""
        ds = None
        if detail:
            raise _write_failed(folder, detail)
    finally:
        gdal.PopErrorHandler()


def _verify(tmp: str, guess: Estimate, folder: str) -> None:
    ds = gdal.OpenEx(tmp, gdal.OF_RASTER)
    ok = ds is not None and ds.RasterXSize == guess.width and ds.RasterYSize == guess.height and ds.RasterCount >= 3
    ds = None
    if ok:
        # QGIS computes statistics for the layer's renderer and GDAL 3.10 keeps them in a
        # .aux.xml named after the temporary file, written when QGIS closes its dataset (maybe
        # after the rename): without PAM for this one check nothing is left beside the file
        gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO")
        try:
            layer = QgsRasterLayer(tmp, "basemap", "gdal")
            ok = layer.isValid() and layer.width() == guess.width
            del layer
        finally:
            gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", None)
    if not ok:
        raise _write_failed(folder, tr("the written file is not a complete raster"))
