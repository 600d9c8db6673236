"""The case file's tables (contract section 5) and the typed records read from them."""

from dataclasses import dataclass, field, fields
from typing import Optional

from qgis.core import QgsGeometry

from ..check.results import FIELD_NAMES, Finding
from ..vocabulary import CASE_STATES, ONGOING, OTHER

SCHEMA_NAME = "regionplan-case"
SCHEMA_VERSION = 1
SCHEMA = f"{SCHEMA_NAME}/{SCHEMA_VERSION}"
STATES = CASE_STATES

FINDING_FIELDS = FIELD_NAMES  # the contract's findings fields (section 2), stored as they are


@dataclass
class CaseInfo:
    """The case row: the diary number and what the referral is about. Its fields are the
    ``case`` table's columns, in their order (the contract's names: do not rename)."""

    case_id: str = ""
    municipality: str = ""
    plan_name: str = ""
    plan_type: str = OTHER
    stage: str = OTHER
    profile_id: str = ""
    created_at: str = ""
    updated_at: str = ""
    state: str = ONGOING

    @classmethod
    def from_row(cls, row, **more):
        """The record of a ``case`` row read in ``columns("case")`` order (NULL read as '')."""
        return cls(*[value if value is not None else "" for value in row], **more)


# (table, geometry type or '', columns). Names are the contract's; do not rename.
TABLES = (
    ("meta", "", (("key", "TEXT NOT NULL UNIQUE"), ("value", "TEXT"))),
    ("case", "", tuple((info_field.name, "TEXT") for info_field in fields(CaseInfo))),
    ("plan_versions", "MULTIPOLYGON", (("version", "INTEGER NOT NULL"), ("label", "TEXT"),
                                       ("checked_at", "TEXT"), ("name", "TEXT"), ("area_m2", "REAL"))),
    ("findings", "GEOMETRY", (("version", "INTEGER NOT NULL"), ("plan_fid", "INTEGER"),
                              ("plan_name", "TEXT"), ("rule_id", "TEXT"), ("severity", "TEXT"),
                              ("collection", "TEXT"), ("feature_id", "TEXT"), ("feature_name", "TEXT"),
                              ("relation", "TEXT"), ("distance_m", "REAL"), ("overlap_m2", "REAL"),
                              ("overlap_share", "REAL"), ("message", "TEXT"))),
    ("outcomes", "", (("version", "INTEGER NOT NULL"), ("plan_fid", "INTEGER"), ("rule_id", "TEXT"),
                      ("state", "TEXT"), ("findings", "INTEGER"), ("reason", "TEXT"),
                      ("collection", "TEXT"), ("data_version", "TEXT"), ("fetched_at", "TEXT"))),
    ("statistics", "", (("version", "INTEGER NOT NULL"), ("plan_fid", "INTEGER"),
                        ("statistic_id", "TEXT"), ("value", "REAL"), ("unit", "TEXT"))),
    ("decisions", "", (("version", "INTEGER NOT NULL"), ("rule_id", "TEXT"), ("feature_id", "TEXT"),
                       ("plan_fid", "INTEGER"), ("decision", "TEXT"), ("severity_after", "TEXT"),
                       ("reason", "TEXT"), ("decided_at", "TEXT"))),
    ("statement", "", (("section", "TEXT NOT NULL"), ("lang", "TEXT NOT NULL"), ("text", "TEXT"),
                       ("edited", "INTEGER"), ("saved_at", "TEXT"))),
    ("provenance", "", (("version", "INTEGER NOT NULL"), ("reference", "TEXT"), ("title", "TEXT"),
                        ("source_url", "TEXT"), ("data_version", "TEXT"), ("fetched_at", "TEXT"),
                        ("caveat", "TEXT"))),
)
TABLE_NAMES = tuple(name for name, _, _ in TABLES)


def columns(table: str) -> tuple:
    return next(tuple(col for col, _ in cols) for name, _, cols in TABLES if name == table)


@dataclass
class PlanVersion:
    version: int
    label: str
    checked_at: str
    areas: list = field(default_factory=list)  # [(name, QgsGeometry)]

    def geometry(self) -> QgsGeometry:
        """The whole plan of this version as one geometry."""
        parts = [geom for _, geom in self.areas if geom is not None and not geom.isNull()]
        return QgsGeometry.unaryUnion(parts) if parts else QgsGeometry()

    @property
    def area_m2(self) -> float:
        return self.geometry().area()


class FindingKey:
    """``key``: what a decision names, (rule_id, feature_id, plan_fid); a finding and a decision
    on it have the same key."""

    @property
    def key(self) -> tuple:
        return (self.rule_id, self.feature_id, self.plan_fid)


@dataclass
class CaseFinding(FindingKey, Finding):
    """One stored finding: a :class:`Finding` (contract section 2 fields and its geometry) with
    the case version it belongs to and its row id."""

    version: int = 0
    fid: int = 0


@dataclass
class Decision(FindingKey):
    version: int
    rule_id: str
    feature_id: str
    plan_fid: int
    decision: str
    severity_after: Optional[str]
    reason: str
    decided_at: str
    fid: int = 0


@dataclass
class DecidedFinding:
    """A finding as the reviewer decided it. ``finding`` is never changed; ``severity`` is the
    original, ``severity_after`` the one that counts (the original unless changed)."""

    finding: CaseFinding
    decision: Optional[Decision]
    severity: str
    severity_after: str
    not_relevant: bool


@dataclass
class StatementSection:
    section: str
    lang: str
    text: str
    edited: bool
    saved_at: str


@dataclass
class CaseSummary(CaseInfo):
    """One line of the reviewer's inbox: the case row of the file at ``path``, or ``problem``,
    why the file could not be read. It says only what the file says: no stage or state unless
    the row gives one."""

    stage: str = ""
    state: str = ""
    path: str = ""
    problem: str = ""
