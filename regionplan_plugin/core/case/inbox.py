"""The reviewer's inbox: every case file in a folder, read quickly and read-only."""

import glob
import os
import sqlite3

from ..errors import CaseError
from . import files
from .model import CaseSummary, columns


def read_summary(path: str) -> CaseSummary:
    """One case file's line; ``problem`` says why it could not be read (never raises)."""
    try:
        files.inspect(path)
        conn = files.connect(path, read_only=True)
        try:
            row = conn.execute(f'SELECT {", ".join(columns("case"))} FROM "case" LIMIT 1').fetchone()
        finally:
            conn.close()
    except files.NotACase:
        raise
    except (CaseError, sqlite3.Error, OSError, ValueError) as error:
        return CaseSummary(path=path, problem=str(error))
    return CaseSummary.from_row(row, path=path) if row else CaseSummary(path=path)


def list_cases(folder: str) -> list:
    """The case files (``*.gpkg``) of a folder, newest change first, damaged ones last with
    their problem. GeoPackages that are not case files are left out."""
    result = []
    for path in sorted(glob.glob(os.path.join(glob.escape(os.fspath(folder)), "*.gpkg"))):
        try:
            result.append(read_summary(path))
        except files.NotACase:
            continue
    good = sorted((s for s in result if not s.problem), key=lambda s: s.path)
    good.sort(key=lambda s: s.updated_at, reverse=True)
    return good + [s for s in result if s.problem]
