"""URIs of a cached GeoPackage: the read-only SQLite URI and the OGR layer URI (with the
``%``-free link GDAL needs)."""

import hashlib
import os
import tempfile
from urllib.parse import quote

from .entry import LAYER


def _sqlite_uri(path: str) -> str:
    """A read-only SQLite URI for a file path: every reserved character (``%``, ``?``, ``#``,
    spaces...) percent-escaped, so any cache folder name works. The authority stays empty
    (``file:///C:/x``, ``file:////server/share/x`` for a UNC path), as SQLite requires."""
    text = os.path.abspath(path).replace(os.sep, "/")
    if not text.startswith("/"):
        text = "/" + text
    return "file://" + quote(text, safe="/:") + "?mode=ro"


def _layer_uri(path: str) -> str:
    """The OGR provider URI of a cached GeoPackage.

    QGIS opens a GeoPackage read-only with GDAL's ``NOLOCK``, for which GDAL (3.6 at
    least) builds an SQLite URI without escaping ``%``: in a folder whose name holds
    ``%41`` it opens no file at all. Such a folder is reached through a ``%``-free symbolic
    link (the user's own, in the temp folder); ``_layer_path()`` resolves it again."""
    if "%" in path:
        path = _percent_free(path)
    return path + "|layername=" + LAYER


def _percent_free(path: str) -> str:
    """``path`` through a symbolic link to its folder whose path has no ``%``; ``path``
    itself when no such link can be made (e.g. Windows without the right to make one)."""
    folder, name = os.path.split(os.path.realpath(path))
    uid = os.getuid() if hasattr(os, "getuid") else None
    links = os.path.join(tempfile.gettempdir(), "regionplan-links-" + ("user" if uid is None else str(uid)))
    alias = os.path.join(links, hashlib.sha256(folder.encode("utf-8")).hexdigest()[:20])
    if "%" in alias:
        return path
    try:
        os.makedirs(links, mode=0o700, exist_ok=True)
        info = os.lstat(links)
        if uid is not None and (info.st_uid != uid or info.st_mode & 0o022):
            return path  # not a folder of this user's own: never follow links others could place
        if not os.path.lexists(alias):
            try:
                os.symlink(folder, alias, target_is_directory=True)
            except FileExistsError:
                pass
        if os.path.realpath(alias) != folder:
            return path
    except (OSError, NotImplementedError):
        return path
    return os.path.join(alias, name)
