"""A downloaded archive before anything in it is read, and the encoding of a Shapefile in it
(for ``download`` and ``atom`` sources, :mod:`core.sources.download`).

* :func:`check_zip`: a member whose name climbs out (``..``) or is absolute is refused, and so
  is an archive whose total uncompressed size or compression ratio is beyond the limits (a zip
  bomb);
* :func:`shapefile_encoding`: a DBF without ``.cpg`` and without a code page in its header is
  read as CP1252 unless its text is valid UTF-8 (Swedish letters come out right).
"""

import os
import posixpath
import zipfile
from typing import List

from ..errors import NetworkError
from ..http import safe_url
from ..i18n import tr

MAX_UNZIPPED_BYTES = 2 * 1024 * 1024 * 1024  # everything in an archive, uncompressed
MAX_RATIO = 200  # uncompressed / compressed size of an archive
FILE_EXTENSIONS = (".shp", ".gpkg", ".geojson", ".json", ".fgb")


def archive_error(url: str, message: str) -> NetworkError:
    return NetworkError(message, kind="archive", url=url)


def check_zip(path: str, url: str, max_unzipped: int = MAX_UNZIPPED_BYTES, max_ratio: float = MAX_RATIO) -> List[str]:
    """The member names of the zip at ``path``, after the checks on its directory (raises NetworkError)."""
    shown = safe_url(url)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise archive_error(shown, tr("The download {url} is not a readable zip archive.").format(url=shown)) from None
    total = packed = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in name.split("/"):
            raise archive_error(shown, tr("The archive {url} holds a file whose name leads outside the archive "
                                          "({name}); it was refused.").format(url=shown, name=info.filename[:120]))
        total += info.file_size
        packed += info.compress_size
    if total > max_unzipped or (total > 1024 * 1024 and total > max_ratio * max(packed, 1)):
        raise archive_error(shown, tr("The archive {url} would unpack to {size} MB ({ratio} times its own size); "
                                      "it was refused as a possible zip bomb.").format(
            url=shown, size=round(total / (1024 * 1024), 1), ratio=round(total / max(packed, 1))))
    return [info.filename for info in infos if not info.is_dir()]


_CPG = {"utf-8": "UTF-8", "utf8": "UTF-8", "65001": "UTF-8", "1252": "CP1252", "cp1252": "CP1252",
        "windows-1252": "CP1252", "ansi 1252": "CP1252", "iso-8859-1": "ISO-8859-1", "8859-1": "ISO-8859-1",
        "iso88591": "ISO-8859-1", "latin1": "ISO-8859-1", "437": "CP437", "850": "CP850"}
_LDID = {0x01: "CP437", 0x02: "CP850"}


def shapefile_encoding(read, names) -> str:
    """The DBF's encoding: its ``.cpg``, else the code page in its header, else UTF-8 when its text is
    valid UTF-8, else CP1252 (what Swedish Shapefiles without either are written in). ``read(name,
    n)`` reads the first bytes of a file."""
    cpg = names.get("cpg")
    if cpg is not None:
        text = read(cpg, 64).decode("ascii", "replace").strip().lower()
        if text in _CPG:
            return _CPG[text]
    dbf = names.get("dbf")
    data = read(dbf, 4 * 1024 * 1024) if dbf is not None else b""
    if len(data) >= 32 and data[29] in _LDID:
        return _LDID[data[29]]
    body = data[32:]
    if any(byte >= 0x80 for byte in body):
        try:  # CP1252 text with Swedish letters is practically never valid UTF-8
            body.decode("utf-8")
            return "UTF-8"
        except UnicodeDecodeError as error:
            if error.start >= len(body) - 4:  # cut inside a character by the read limit
                return "UTF-8"
    return "CP1252"


def _shapefile_options(path: str, member: str) -> tuple:
    """The open options that make OGR read a Shapefile in the zip ``path`` in its own encoding (QGIS
    turns GDAL's own recoding off, so the encoding is always given)."""
    stem = posixpath.splitext(member)[0].lower()
    with zipfile.ZipFile(path) as archive:
        names = {"shp": member}
        for name in archive.namelist():
            base, ext = posixpath.splitext(name)
            if base.lower() == stem and ext.lower() in (".cpg", ".dbf"):
                names[ext.lower()[1:]] = name

        def read(name, size):
            with archive.open(name) as handle:
                return handle.read(size)

        return ("ENCODING=" + shapefile_encoding(read, names),)



def _plain_shapefile_options(path: str) -> tuple:
    stem = os.path.splitext(path)[0]
    names = {"shp": path}
    for ext in ("cpg", "dbf"):
        if os.path.exists(stem + "." + ext):
            names[ext] = stem + "." + ext

    def read(name, size):
        with open(name, "rb") as handle:
            return handle.read(size)

    return ("ENCODING=" + shapefile_encoding(read, names),)
