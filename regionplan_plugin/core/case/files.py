"""Opening a case file safely: what it is, whether it can be read, whether it may be written.

Validation opens the file read-only (``mode=ro``), so a damaged or newer file is never changed
by looking at it.
"""

import os
import sqlite3
import stat
from pathlib import Path

from ..errors import CaseError
from ..i18n import tr
from .gpkg import APPLICATION_ID, SQLITE_MAGIC
from .model import SCHEMA_NAME, SCHEMA_VERSION, TABLE_NAMES


def sqlite_uri(path: str, read_only: bool) -> str:
    uri = Path(os.path.abspath(path)).as_uri()
    return uri + ("?mode=ro" if read_only else "?mode=rw")


def connect(path: str, read_only: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(sqlite_uri(path, read_only), uri=True, isolation_level=None,
                           check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def is_read_only(path: str) -> bool:
    """True when the file or its folder may not be written (the file's own write bits count
    even for an administrator, who could otherwise write anything)."""
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode
    return (not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
            or not os.access(path, os.W_OK) or not os.access(folder, os.W_OK))


class NotACase(CaseError):
    """A readable GeoPackage that is not a case file (the inbox skips it)."""


def inspect(path: str, thorough: bool = True) -> dict:
    """Read the meta table of a case file, read-only; raise CaseError saying what is wrong."""
    name = os.path.basename(path)
    if not os.path.isfile(path):
        raise CaseError(tr("The case file {name} does not exist.").format(name=name))
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError as error:
        raise CaseError(tr("The case file {name} cannot be read: {error}").format(name=name, error=error)) from None
    if not head.startswith(SQLITE_MAGIC):
        raise CaseError(tr("{name} is not a GeoPackage, or it is damaged. Open the copy you sent or "
                           "archived; this file was not changed.").format(name=name))
    conn = None
    try:
        conn = connect(path, read_only=True)
        if thorough:
            result = conn.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                raise sqlite3.DatabaseError(result[0] if result else "")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables:
            raise NotACase(tr("{name} is a GeoPackage but not a review case file.").format(name=name))
        meta = dict(conn.execute('SELECT key, value FROM "meta"').fetchall())
        schema = str(meta.get("schema") or "")
        if not schema.startswith(SCHEMA_NAME + "/"):
            raise NotACase(tr("{name} is a GeoPackage but not a review case file.").format(name=name))
        number = schema.split("/", 1)[1]
        if not number.isdigit():
            raise CaseError(tr("The case file {name} names an unknown format ({schema}).").format(
                name=name, schema=schema))
        if int(number) > SCHEMA_VERSION:
            raise CaseError(tr("The case file {name} was saved by a newer version of Regionplan "
                               "({schema}, plugin {version}). Update the plugin to open it; the file "
                               "was not changed.").format(name=name, schema=schema,
                                                          version=meta.get("plugin_version", "?")))
        missing = [table for table in TABLE_NAMES if table not in tables]
        if app_id != APPLICATION_ID or missing:
            raise CaseError(tr("The case file {name} is damaged: missing {tables}. Open the copy you "
                               "sent or archived; this file was not changed.").format(
                name=name, tables=", ".join(missing) or "GeoPackage id"))
        return meta
    except sqlite3.DatabaseError as error:
        raise CaseError(tr("The case file {name} is damaged ({error}). Open the copy you sent or "
                           "archived; this file was not changed.").format(name=name, error=error)) from None
    finally:
        if conn is not None:
            conn.close()
