"""The review case file (*ärende*): create, open, add a checked version, decide, edit.

Every change is one SQLite transaction (``BEGIN IMMEDIATE`` … ``COMMIT``); an error rolls it
back, so a failed write leaves the file as it was. A finding is never changed: a decision is a
new row, the latest per finding counts, and undo deletes only that latest row.
"""

import dataclasses
import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject, QgsWkbTypes

from .. import paths
from ..errors import CaseError
from ..i18n import tr
from ..vocabulary import DECISIONS, PLAN_TYPES, SEVERITIES, STAGES
from . import files
from .gpkg import add_table, blob_geometry, geometry_blob, init_geopackage, update_extent
from .model import (
    FINDING_FIELDS,
    SCHEMA,
    STATES,
    TABLES,
    CaseFinding,
    CaseInfo,
    DecidedFinding,
    Decision,
    PlanVersion,
    StatementSection,
    columns,
)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _check_info(info: CaseInfo) -> None:
    if info.plan_type not in PLAN_TYPES:
        raise CaseError(tr("Unknown plan type {value}.").format(value=info.plan_type))
    if info.stage not in STAGES:
        raise CaseError(tr("Unknown stage {value}.").format(value=info.stage))
    if info.state not in STATES:
        raise CaseError(tr("Unknown case state {value}.").format(value=info.state))


def create_case(path: str, info: CaseInfo, crs: str = "EPSG:3006") -> "Case":
    """Create a new case file at ``path`` (never over an existing file). ``crs`` is the CRS of
    its layers (the profile's); geometries in another CRS are transformed when added."""
    path = os.fspath(path)
    if os.path.exists(path):
        raise CaseError(tr("{name} already exists: open it, or choose another file name.").format(
            name=os.path.basename(path)))
    _check_info(info)
    crs_object = QgsCoordinateReferenceSystem(crs)
    if not crs_object.isValid():
        raise CaseError(tr("Unknown coordinate reference system {crs}.").format(crs=crs))
    stamp = now()
    info = dataclasses.replace(info, created_at=info.created_at or stamp, updated_at=stamp)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            conn.execute("BEGIN")
            srs_id = init_geopackage(conn, crs_object)
            for name, geometry, cols in TABLES:
                add_table(conn, name, cols, geometry, srs_id)
            conn.executemany('INSERT INTO "meta" (key, value) VALUES (?, ?)',
                             [("schema", SCHEMA), ("plugin_version", paths.plugin_version()),
                              ("crs", crs_object.authid()), ("srs_id", str(srs_id))])
            row = dataclasses.astuple(info)
            conn.execute(f'INSERT INTO "case" ({", ".join(columns("case"))}) VALUES ({",".join("?" * len(row))})',
                         row)
            conn.execute("COMMIT")
        finally:
            conn.close()
        if os.path.exists(path):
            raise CaseError(tr("{name} already exists: open it, or choose another file name.").format(
                name=os.path.basename(path)))
        os.replace(temporary, path)
    except (OSError, sqlite3.Error) as error:
        raise CaseError(tr("The case file {name} cannot be created: {error}").format(
            name=os.path.basename(path), error=error)) from None
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return open_case(path)


def open_case(path: str) -> "Case":
    """Open a case file. A read-only file opens read-only (``case.read_only``, a note in
    ``case.notes``); a damaged or newer file raises CaseError and is not changed."""
    path = os.fspath(path)
    meta = files.inspect(path)
    read_only = files.is_read_only(path)
    return Case(path, meta, read_only)


def _value(item, name, default=None):
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _single(geometry: QgsGeometry) -> QgsGeometry:
    """A collection of one part is stored as that part, so that QGIS can draw it."""
    if geometry is None or geometry.isNull():
        return geometry
    if QgsWkbTypes.flatType(geometry.wkbType()) == QgsWkbTypes.GeometryCollection:
        parts = geometry.asGeometryCollection()
        if len(parts) == 1:
            return parts[0]
    return geometry


class Case:
    """An open case file. Use ``close()`` (or ``with``) when done."""

    def __init__(self, path: str, meta: dict, read_only: bool):
        self.path = path
        self.meta = meta
        self.read_only = read_only
        self.notes = []
        if read_only:
            self.notes.append(tr("{name} is read-only: it is shown as it is, and nothing can be saved "
                                 "in it. Save a copy to go on working.").format(name=os.path.basename(path)))
        self.crs = QgsCoordinateReferenceSystem(meta.get("crs") or "EPSG:3006")
        self.srs_id = int(meta.get("srs_id") or 0)
        self._conn = files.connect(path, read_only)

    # -- plumbing --------------------------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise CaseError(tr("The case is closed."))
        return self._conn

    def _query(self, sql: str, params: tuple = ()) -> list:
        """Rows of a read; a locked or damaged file gives a CaseError, never an SQLite error."""
        try:
            return self._db().execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise CaseError(tr("The case file {name} cannot be read ({error}). Try again when no one "
                               "else is saving it.").format(name=os.path.basename(self.path),
                                                            error=error)) from None

    @contextmanager
    def _write(self):
        if self.read_only:
            raise CaseError(tr("{name} is read-only: nothing was saved. Save a copy of the case to go "
                               "on working.").format(name=os.path.basename(self.path)))
        conn = self._db()
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute('UPDATE "case" SET updated_at = ?', (now(),))
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise CaseError(tr("The case file {name} could not be saved ({error}); it is as it was "
                                   "before.").format(name=os.path.basename(self.path), error=error)) from None
            raise

    def _insert(self, conn, table: str, rows: list) -> None:
        if not rows:
            return
        cols = list(rows[0].keys())
        sql = f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({",".join("?" * len(cols))})'
        conn.executemany(sql, [tuple(row[c] for c in cols) for row in rows])

    # -- the case row ----------------------------------------------------------------------

    def info(self) -> CaseInfo:
        rows = self._query(f'SELECT {", ".join(columns("case"))} FROM "case" LIMIT 1')
        if not rows:
            return CaseInfo()
        return CaseInfo.from_row(rows[0])

    def set_info(self, **changes) -> CaseInfo:
        """Change case fields (``case_id``, ``municipality``, ``plan_name``, ``plan_type``,
        ``stage``, ``profile_id``, ``state``)."""
        allowed = {"case_id", "municipality", "plan_name", "plan_type", "stage", "profile_id", "state"}
        unknown = set(changes) - allowed
        if unknown:
            raise CaseError(tr("Unknown case field {name}.").format(name=", ".join(sorted(unknown))))
        info = dataclasses.replace(self.info(), **changes)
        _check_info(info)
        with self._write() as conn:
            sets = ", ".join(f"{name} = ?" for name in changes)
            conn.execute(f'UPDATE "case" SET {sets}', tuple(changes.values()))
        return self.info()

    # -- versions ---------------------------------------------------------------------------

    def add_version(self, label: str, plan_geometries, crs, findings=(), outcomes=(), statistics=(),
                    provenance=()) -> int:
        """Store one checked version of the plan; returns its number (1, 2, …)."""
        source_crs = crs if isinstance(crs, QgsCoordinateReferenceSystem) else QgsCoordinateReferenceSystem(crs)
        transform = None
        if source_crs.isValid() and source_crs != self.crs:
            transform = QgsCoordinateTransform(source_crs, self.crs, QgsProject.instance())

        def stored(geometry):
            if geometry is None or geometry.isNull():
                return None
            geometry = QgsGeometry(geometry)
            if transform is not None:
                geometry.transform(transform)
            return geometry

        checked_at = now()
        with self._write() as conn:
            version = (conn.execute("SELECT MAX(version) FROM plan_versions").fetchone()[0] or 0) + 1
            plan_rows = []
            for name, geometry in plan_geometries:
                geometry = stored(geometry)
                if geometry is not None and not geometry.isMultipart():
                    geometry.convertToMultiType()
                plan_rows.append({"geom": geometry_blob(geometry, self.srs_id), "version": version,
                                  "label": label, "checked_at": checked_at, "name": name or "",
                                  "area_m2": geometry.area() if geometry is not None else None})
            self._insert(conn, "plan_versions", plan_rows)
            rows = []
            for item in findings:
                row = {"geom": geometry_blob(_single(stored(_value(item, "geometry"))), self.srs_id),
                       "version": version}
                row.update({name: _value(item, name) for name in FINDING_FIELDS})
                row["feature_id"] = "" if row["feature_id"] is None else str(row["feature_id"])
                rows.append(row)
            self._insert(conn, "findings", rows)
            for table, items in (("outcomes", outcomes), ("statistics", statistics)):
                names = [c for c in columns(table) if c != "version"]
                self._insert(conn, table, [dict(version=version, **{n: _value(i, n) for n in names})
                                           for i in items])
            self._insert(conn, "provenance", [self._provenance_row(version, item) for item in provenance])
            update_extent(conn, "plan_versions")
            update_extent(conn, "findings")
        return version

    @staticmethod
    def _provenance_row(version: int, item) -> dict:
        def first(*names):
            for name in names:
                value = _value(item, name)
                if value not in (None, ""):
                    return str(value)
            return ""
        return {"version": version, "reference": first("reference", "collection"), "title": first("title"),
                "source_url": first("source_url", "source"),
                "data_version": first("data_version", "version", "etag", "content_hash"),
                "fetched_at": first("fetched_at"), "caveat": first("caveat")}

    def versions(self) -> list:
        """Every stored version with its plan areas, oldest first."""
        result = {}
        for version, label, checked_at, name, blob in self._query(
                "SELECT version, label, checked_at, name, geom FROM plan_versions ORDER BY version, fid"):
            entry = result.setdefault(version, PlanVersion(version, label or "", checked_at or ""))
            entry.areas.append((name or "", blob_geometry(blob)))
        return list(result.values())

    def version(self, number: int) -> PlanVersion:
        for entry in self.versions():
            if entry.version == number:
                return entry
        raise CaseError(tr("The case has no version {version}.").format(version=number))

    def latest_version(self) -> int:
        return self._query("SELECT MAX(version) FROM plan_versions")[0][0] or 0

    def findings(self, version: int) -> list:
        cols = ", ".join(("fid", "version") + FINDING_FIELDS + ("geom",))
        rows = self._query(f"SELECT {cols} FROM findings WHERE version = ? ORDER BY fid", (version,))
        return [CaseFinding(*row[2:-1], geometry=blob_geometry(row[-1]), version=row[1], fid=row[0])
                for row in rows]

    def _rows(self, table: str, version: int) -> list:
        cols = columns(table)
        rows = self._query(f'SELECT {", ".join(cols)} FROM "{table}" WHERE version = ? ORDER BY fid',
                                  (version,))
        return [dict(zip(cols, row)) for row in rows]

    def outcomes(self, version: int) -> list:
        return self._rows("outcomes", version)

    def statistics(self, version: int) -> list:
        return self._rows("statistics", version)

    def provenance(self, version: int) -> list:
        return self._rows("provenance", version)

    # -- decisions --------------------------------------------------------------------------

    def decide(self, version: int, rule_id: str, feature_id: str, plan_fid: int, decision: str,
               severity_after=None, reason: str = "") -> Decision:
        """Record the reviewer's word on one finding (a new row: the history is kept)."""
        reason = (reason or "").strip()
        if decision not in DECISIONS:
            raise CaseError(tr("Unknown decision {value}.").format(value=decision))
        if decision != "agree" and not reason:
            raise CaseError(tr("Give a reason for the decision: it is required unless you agree."))
        if decision == "severity_changed":
            if severity_after not in SEVERITIES:
                raise CaseError(tr("Choose the new severity for the finding."))
        else:
            severity_after = None
        feature_id = "" if feature_id is None else str(feature_id)
        found = self._query(
            "SELECT 1 FROM findings WHERE version = ? AND rule_id = ? AND feature_id = ? AND plan_fid = ?",
            (version, rule_id, feature_id, plan_fid))
        if not found:
            raise CaseError(tr("Version {version} has no such finding ({rule}, {feature}).").format(
                version=version, rule=rule_id, feature=feature_id))
        row = {"version": version, "rule_id": rule_id, "feature_id": feature_id, "plan_fid": plan_fid,
               "decision": decision, "severity_after": severity_after, "reason": reason, "decided_at": now()}
        with self._write() as conn:
            self._insert(conn, "decisions", [row])
        return Decision(**row)

    def undo_decision(self, version: int, rule_id: str, feature_id: str, plan_fid: int):
        """Remove the latest decision on a finding (the one before counts again); returns the
        removed Decision, None when there was none."""
        feature_id = "" if feature_id is None else str(feature_id)
        history = [d for d in self.decisions(version, history=True)
                   if d.key == (rule_id, feature_id, plan_fid)]
        if not history:
            return None
        with self._write() as conn:
            conn.execute("DELETE FROM decisions WHERE fid = ?", (history[-1].fid,))
        return history[-1]

    def decisions(self, version: int, history: bool = False) -> list:
        """The decisions of a version: the latest per finding (``history=True``: every row)."""
        cols = columns("decisions")
        rows = self._query(f'SELECT fid, {", ".join(cols)} FROM decisions WHERE version = ? '
                                  "ORDER BY fid", (version,))
        every = [Decision(*row[1:], fid=row[0]) for row in rows]
        if history:
            return every
        latest = {}
        for decision in every:
            latest.pop(decision.key, None)
            latest[decision.key] = decision
        return list(latest.values())

    def decided_view(self, version: int) -> list:
        """The findings of a version with the reviewer's latest decision applied."""
        latest = {d.key: d for d in self.decisions(version)}
        view = []
        for finding in self.findings(version):
            decision = latest.get(finding.key)
            after = finding.severity
            if decision is not None and decision.decision == "severity_changed":
                after = decision.severity_after
            view.append(DecidedFinding(finding, decision, finding.severity, after,
                                       decision is not None and decision.decision == "not_relevant"))
        return view

    # -- the statement ----------------------------------------------------------------------

    def save_statement_section(self, section: str, lang: str, text: str, edited: bool = True,
                               replace_edited: bool = False) -> None:
        """Keep a statement section. A regenerated draft (``edited=False``) never replaces a
        section the reviewer edited unless ``replace_edited`` says the reviewer chose it."""
        current = self.statement(lang).get(section)
        if current is not None and current.edited and not edited and not replace_edited:
            raise CaseError(tr("The section {section} was edited: compare your edit with the new draft "
                               "and choose which to keep.").format(section=section))
        with self._write() as conn:
            conn.execute('DELETE FROM "statement" WHERE section = ? AND lang = ?', (section, lang))
            self._insert(conn, "statement", [{"section": section, "lang": lang, "text": text or "",
                                              "edited": 1 if edited else 0, "saved_at": now()}])

    def statement(self, lang: str) -> dict:
        """The saved sections in ``lang``: ``{section: StatementSection}`` in saving order."""
        rows = self._query('SELECT section, lang, text, edited, saved_at FROM "statement" '
                                  "WHERE lang = ? ORDER BY fid", (lang,))
        return {row[0]: StatementSection(row[0], row[1], row[2] or "", bool(row[3]), row[4] or "")
                for row in rows}
