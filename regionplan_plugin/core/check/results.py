"""The check's results: findings, plan features as checked, repairs, rule outcomes, the
whole result, and the findings as a memory layer (contract §2 fields; no styling here)."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsGeometryCollection,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)

from .. import util, vocabulary
from ..i18n import translate
from ..vocabulary import SEVERITIES

FIELD_NAMES = (
    "plan_fid",
    "plan_name",
    "rule_id",
    "severity",
    "collection",
    "feature_id",
    "feature_name",
    "relation",
    "distance_m",
    "overlap_m2",
    "overlap_share",
    "message",
)


def findings_fields() -> QgsFields:
    """The exact fields of a findings layer (contract §2)."""
    fields = QgsFields()
    for name in FIELD_NAMES:
        if name == "plan_fid":
            fields.append(util.new_field(name, "int"))
        elif name in ("distance_m", "overlap_m2", "overlap_share"):
            fields.append(util.new_field(name, "real"))
        else:
            fields.append(util.new_field(name, "text"))
    return fields


FINDINGS_WKB_TYPE = QgsWkbTypes.GeometryCollection


@dataclass
class Finding:
    """One finding: a plan feature, a rule, its severity and geometry (the contract's fields)."""

    plan_fid: int
    plan_name: str
    rule_id: str
    severity: str
    collection: str
    feature_id: str
    feature_name: str
    relation: str
    distance_m: Optional[float]
    overlap_m2: Optional[float]
    overlap_share: Optional[float]
    message: str
    geometry: QgsGeometry
    plan_index: Optional[int] = None  # PlanFeature.index (the engine's key; plan_fid need not be unique)

    def attributes(self) -> list:
        return [getattr(self, name) for name in FIELD_NAMES]

    def to_feature(self, fields: Optional[QgsFields] = None) -> QgsFeature:
        feature = QgsFeature(fields or findings_fields())
        feature.setAttributes(self.attributes())
        feature.setGeometry(as_collection(self.geometry))
        return feature


@dataclass
class PlanFeature:
    """A plan feature as checked: its id, name and (repaired) geometry in the profile CRS."""

    fid: int
    name: str
    geometry: QgsGeometry  # in the profile CRS, valid, polygonal
    area_m2: float
    checked: bool = True
    municipality: str = ""
    index: int = 0  # position in the plan source: the key inside the engine (fids need not be unique)
    purpose: str = ""  # the applies_to vocabulary (core/purposes.py); '' = unknown: every rule applies
    purpose_value: str = ""  # the plan's own word for it (the purpose field's value, or the PURPOSE given)
    number: int = 0  # 1-based, for "Planområde N" when the area has no name

    def label(self, lang: str) -> str:
        """The area's name, else "Planområde N" / "Plan area N"."""
        return self.name or translate("Plan area {n}", lang).format(n=self.number or self.index + 1)


@dataclass
class Repair:
    """A plan geometry that had to be repaired before the check, and why."""

    plan_fid: int
    plan_name: str
    reason: str


@dataclass
class RuleOutcome:
    """What one rule found, and which plan features it did not affect."""

    rule: object
    title: str
    message: str
    findings: List[Finding] = field(default_factory=list)
    not_affected: List[PlanFeature] = field(default_factory=list)
    candidates: int = 0
    seconds: float = 0.0


@dataclass
class AreaOutcome:
    """One (plan area, rule) pair: contract section 4, ``OUTCOMES``. ``state`` is one of
    ``vocabulary.OUTCOMES`` (affected, not_affected, not_applicable, not_checked)."""

    plan_index: int  # PlanFeature.index
    plan_fid: int
    rule_id: str
    state: str
    findings: int = 0
    reason: str = ""  # why not checked (or not applicable), else empty
    collection: str = ""
    data_version: str = ""  # ETag, version keyword or content hash of the data used
    fetched_at: str = ""  # ISO 8601 UTC


@dataclass
class StatisticValue:
    """One (plan area, statistic): contract section 4, ``STATISTICS``."""

    plan_index: int
    plan_fid: int
    statistic_id: str
    value: Optional[float]  # None when it could not be computed (see ``reason``)
    unit: str
    reason: str = ""


@dataclass
class CheckResult:
    """The outcome of :func:`run_check`."""

    profile: object
    lang: str
    plan_name: str = ""
    plan_crs: str = ""
    crs: str = ""
    selected_only: bool = False
    plan_features: List[PlanFeature] = field(default_factory=list)
    findings: List[Finding] = field(default_factory=list)
    outcomes: List[RuleOutcome] = field(default_factory=list)
    repairs: List[Repair] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    disabled_rules: List[str] = field(default_factory=list)
    datasets: Dict[str, dict] = field(default_factory=dict)
    boundary_rule: str = ""
    host_municipalities: List[str] = field(default_factory=list)
    neighbours: List[tuple] = field(default_factory=list)  # (name, distance_m)
    hosts_by_plan: Dict[int, str] = field(default_factory=dict)  # PlanFeature.index -> municipality
    neighbours_by_plan: Dict[int, list] = field(default_factory=dict)  # PlanFeature.index -> [(name, m)]
    outside_region: bool = False
    region_extent: Optional[QgsRectangle] = None
    timings: Dict[str, float] = field(default_factory=dict)
    kinds: Dict[str, str] = field(default_factory=dict)  # collection -> catalogue kind (structure-plan...)
    layers: Dict[str, object] = field(default_factory=dict, repr=False)  # collection -> layer used
    started_at: str = ""
    finished_at: str = ""
    qgis_version: str = ""
    plugin_version: str = ""
    area_outcomes: List[AreaOutcome] = field(default_factory=list)  # one per (plan area, rule)
    statistics: List[StatisticValue] = field(default_factory=list)  # one per (plan area, statistic)
    partial: bool = False  # PARTIAL: rules whose data could not be had became not_checked

    @property
    def not_checked(self) -> int:
        """How many rules were not checked for at least one plan area."""
        return len({o.rule_id for o in self.area_outcomes if o.state == vocabulary.NOT_CHECKED})

    def outcomes_of(self, plan_index: int) -> List[AreaOutcome]:
        return [o for o in self.area_outcomes if o.plan_index == plan_index]

    def findings_of(self, plan_index: int) -> List[Finding]:
        fid = {p.index: p.fid for p in self.plan_features}.get(plan_index)
        return [f for f in self.findings
                if f.plan_index == plan_index or (f.plan_index is None and f.plan_fid == fid)]

    @property
    def counts(self) -> Dict[str, int]:
        counts = {severity: 0 for severity in SEVERITIES}
        for finding in self.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        return counts

    @property
    def verdict(self) -> str:
        """``conflict``, ``attention``, ``ok`` or ``incomplete`` (see ``vocabulary.verdict``): never
        ``ok`` while a rule is not checked."""
        return vocabulary.verdict(self.counts, self.not_checked)

    def verdict_text(self, lang: Optional[str] = None) -> str:
        lang = lang or self.lang
        return vocabulary.verdict_text(self.verdict, lang, self.not_checked)

    def rule_titles(self) -> Dict[str, str]:
        return {outcome.rule.id: outcome.title for outcome in self.outcomes}

    def to_layer(self, name: str = "") -> QgsVectorLayer:
        """The findings as a memory layer (GeometryCollection, contract fields)."""
        return findings_layer(self.findings, self.crs, name or translate("Findings", self.lang))


def as_collection(geometry: QgsGeometry) -> QgsGeometry:
    """Wrap one geometry (any type) into a GeometryCollection for the findings layer."""
    if geometry is None or geometry.isNull():
        return QgsGeometry()
    if QgsWkbTypes.flatType(geometry.wkbType()) == QgsWkbTypes.GeometryCollection:
        return QgsGeometry(geometry)
    collection = QgsGeometryCollection()
    collection.addGeometry(geometry.constGet().clone())
    return QgsGeometry(collection)


def findings_layer(findings, crs: str, name: str) -> QgsVectorLayer:
    layer = util.owned_by_main_thread(QgsVectorLayer(f"GeometryCollection?crs={crs}", name, "memory"))
    layer.setCrs(QgsCoordinateReferenceSystem(crs))  # the memory provider ignores crs= for collections
    provider = layer.dataProvider()
    provider.addAttributes(list(findings_fields()))
    layer.updateFields()
    fields = layer.fields()
    provider.addFeatures([finding.to_feature(fields) for finding in findings])
    layer.updateExtents()
    return layer
