"""The typed input of the draft statement (core/statement/) and its output sections. Pure Python.

The next step fills a :class:`StatementInput` from a check result: one :class:`PlanArea` per plan
feature, one :class:`AreaRule` per (plan area, rule) with the outcome's state and its hits.
"""

import datetime
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from ..vocabulary import INFO, OTHER, SEVERITIES


@dataclass
class StatementHeader:
    region: str = ""
    date: Optional[datetime.date] = None
    case_id: str = ""
    municipality_case_id: str = ""
    municipality: str = ""
    addressee: str = ""
    plan_name: str = ""
    plan_type: str = OTHER  # op / fop / dp / other
    stage: str = OTHER  # samrad / granskning / other
    officer: str = ""
    officer_title: str = ""


@dataclass
class Hit:
    name: str = ""
    distance_m: Optional[float] = None
    overlap_m2: Optional[float] = None
    share: Optional[float] = None  # overlap over the plan area's area, 0-1


@dataclass
class AreaRule:
    rule_id: str
    title: str
    theme: str = ""
    theme_title: str = ""
    authority: str = "region"  # region / state / municipality
    severity: str = "info"  # conflict / attention / support / info
    state: str = "not_affected"  # affected / not_affected / not_applicable / not_checked
    message: str = ""
    reference: str = ""
    reason: str = ""
    caveat: str = ""
    hits: List[Hit] = field(default_factory=list)
    decided_severity: Optional[str] = None
    not_relevant: bool = False

    @property
    def effective_severity(self) -> str:
        """The reviewer's severity if changed, else the rule's; an unknown word counts as ``info``."""
        severity = self.decided_severity or self.severity
        return severity if severity in SEVERITIES else INFO


@dataclass
class PlanArea:
    name: str = ""
    purpose: str = ""
    purpose_label: str = ""
    area_m2: Optional[float] = None
    municipality: str = ""
    rules: List[AreaRule] = field(default_factory=list)


@dataclass
class DataUse:
    title: str
    source: str = ""
    version: str = ""
    fetched_at: Optional[datetime.datetime] = None
    caveat: str = ""
    limited_extent: bool = False


@dataclass
class StatementInput:
    header: StatementHeader
    region_name: str = ""
    areas: List[PlanArea] = field(default_factory=list)
    data: List[DataUse] = field(default_factory=list)
    previous_resolved: List[str] = field(default_factory=list)
    # the whole plan's key figures [(title, value as written)], e.g. ("Jordbruksmark i planområdet", "12,4 ha")
    key_figures: List[Tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    text: str
    subheadings: Tuple[str, ...] = ()  # lines of ``text`` that head a group (markdown ###)
    labels: Tuple[str, ...] = ()  # first lines of paragraphs that name a point (markdown bold)
