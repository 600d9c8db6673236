"""A downloaded file that is not whole never replaces a good cached copy (issue 11, item 7, for
``download`` and ``atom`` sources).

A Shapefile cut short inside a valid ZIP (an export that died, a disk that filled up at the
provider) opens in OGR: its ``.dbf`` still counts every record, so OGR reads the shapes that
are there and the rest as features "without geometry", and only says so through GDAL's error
state. Two checks, before and while the file is read:

* :func:`shapefile_problem`: the ``.shp``, ``.shx`` and ``.dbf`` are there and as long as
  their headers say, the index and the table count the same records, and the last shape the
  index lists ends inside the ``.shp`` (headers only: a few hundred bytes read);
* :class:`GdalFailures` (an error handler around one GDAL call) and :func:`failure` (GDAL's
  last error after one read): a read that failed in GDAL is a failed download, whatever the
  format (a FlatGeobuf cut short simply ends its stream early).

Either refuses the download with :func:`not_whole`: nothing is cached, the previous copy
stays current. A Shapefile's deleted records are why the features read are not compared with
the ``.dbf``'s count (OGR skips them).
"""

import posixpath
import struct

from osgeo import gdal

from ..errors import NetworkError
from ..http import safe_url
from ..i18n import tr

# what a read GDAL failed raises when GDAL's exceptions are switched on: RuntimeError, or
# SystemError from an Arrow batch (GDAL 3.10's bindings on a FlatGeobuf cut short)
GDAL_READ_ERRORS = (RuntimeError, SystemError)


class OgrReadError(ValueError):
    """GDAL failed while a layer was read; ``str()`` is GDAL's message."""


def not_whole(name: str, url: str, problem: str) -> NetworkError:
    """The refusal of dataset ``name`` downloaded from ``url``: ``problem`` says what is wrong."""
    shown = safe_url(url)
    return NetworkError(tr(
        "The download of {name} ({url}) is not whole: {problem} It was refused and nothing was changed: a copy "
        "cached before stays as it was. Try again later, or report this to the provider of the data."
    ).format(name=name, url=shown, problem=problem), kind="archive", url=shown)


def read_failure(message: str) -> str:
    """The ``problem`` of :func:`not_whole` for a read GDAL failed with ``message``."""
    return tr("GDAL could not read all of it ({error}).").format(error=" ".join(str(message).split())[:300])


class GdalFailures:
    """``with GdalFailures() as errors:`` collects the messages of GDAL's failures (not its
    warnings) raised in this thread meanwhile, and shows none; ``errors.messages``."""

    def __init__(self):
        self.messages = []

    def __call__(self, klass, _number, message):
        if klass >= gdal.CE_Failure:
            self.messages.append(message or "")

    def __enter__(self):
        gdal.PushErrorHandler(self)
        return self

    def __exit__(self, *_exc):
        gdal.PopErrorHandler()
        return False


def failure() -> str:
    """GDAL's last error message when it was a failure (after a read preceded by
    ``gdal.ErrorReset()``), else ''."""
    if gdal.GetLastErrorType() >= gdal.CE_Failure:
        return gdal.GetLastErrorMsg() or "?"
    return ""


def scan_failure(path: str, index: int, options=()) -> str:
    """GDAL's message when reading the geometries of layer ``index`` of ``path`` fails, else ''.
    For a copy made by ``gdal.VectorTranslate`` while GDAL's exceptions are switched on (by
    anyone in the process): its Python binding then hands the read failures of a copy that
    succeeds to the handler of the time exceptions were switched on, never to this thread's, so
    the geometries are read once more (in C++ batches, the fields ignored) to see them."""
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=list(options))
        layer = dataset.GetLayer(index) if dataset is not None else None
        if layer is None:
            return "?"
        defn = layer.GetLayerDefn()
        layer.SetIgnoredFields([defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())])
        if hasattr(layer, "GetArrowStreamAsNumPy"):
            batches = iter(layer.GetArrowStreamAsNumPy(options=["MAX_FEATURES_IN_BATCH=65536"]))
        else:
            batches = iter(layer.GetNextFeature, None)
        while True:
            gdal.ErrorReset()
            done = next(batches, None) is None
            failed = failure()
            if failed or done:
                return failed
    except GDAL_READ_ERRORS as exc:
        return str(exc) or "?"


# -- Shapefile


def _find(stem: str, ext: str):
    """``(path, size)`` of the Shapefile part ``stem.ext`` (either case), else None."""
    for path in (stem + "." + ext, stem + "." + ext.upper()):
        try:
            stat = gdal.VSIStatL(path)
        except RuntimeError:
            stat = None
        if stat is not None:
            return path, stat.size
    return None


def _read(path: str, offset: int, size: int) -> bytes:
    handle = None
    try:
        handle = gdal.VSIFOpenL(path, "rb")
        if handle is None:
            return b""
        gdal.VSIFSeekL(handle, offset, 0)
        return bytes(gdal.VSIFReadL(1, size, handle) or b"")
    except RuntimeError:
        return b""
    finally:
        if handle is not None:
            gdal.VSIFCloseL(handle)


def shapefile_problem(shp_path: str) -> str:
    """'' when the Shapefile ``shp_path`` (a GDAL path: ``/vsizip/…``) is whole as far as its
    headers tell; else the ``problem`` of :func:`not_whole` (translated)."""
    stem = shp_path[:-4]
    base = posixpath.basename(stem)
    parts = {}
    for ext in ("shp", "shx", "dbf"):
        found = _find(stem, ext)
        if found is None:
            return tr("{file} is missing.").format(file=base + "." + ext)
        parts[ext] = found

    def cut(ext: str, expected: int) -> str:
        return tr("{file} is cut short: {size} bytes where {expected} are expected.").format(
            file=posixpath.basename(parts[ext][0]), size=parts[ext][1], expected=expected)

    heads = {ext: _read(parts[ext][0], 0, 100 if ext != "dbf" else 32) for ext in parts}
    for ext in ("shp", "shx"):
        if len(heads[ext]) < 100:
            return cut(ext, 100)
        declared = struct.unpack(">i", heads[ext][24:28])[0] * 2
        if parts[ext][1] < declared:
            return cut(ext, declared)
    if len(heads["dbf"]) < 32:
        return cut("dbf", 32)
    records, header, length = struct.unpack("<IHH", heads["dbf"][4:12])
    if parts["dbf"][1] < header + records * length:
        return cut("dbf", header + records * length)
    shapes = (struct.unpack(">i", heads["shx"][24:28])[0] * 2 - 100) // 8
    if shapes != records:
        return tr("{shx} lists {shapes} shapes but {dbf} holds {records} records.").format(
            shx=posixpath.basename(parts["shx"][0]), dbf=posixpath.basename(parts["dbf"][0]), shapes=shapes,
            records=records)
    if shapes > 0:
        last = _read(parts["shx"][0], 100 + (shapes - 1) * 8, 8)
        if len(last) == 8:
            offset, words = struct.unpack(">ii", last)
            end = offset * 2 + 8 + words * 2
            if parts["shp"][1] < end:
                return cut("shp", end)
    return ""
