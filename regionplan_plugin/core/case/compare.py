"""Comparing two versions of a case: findings matched by (rule_id, feature_id) over the whole
plan, and the plan's own change. Pure functions over stored rows and QgsGeometry."""

from dataclasses import dataclass, field
from typing import Optional

from qgis.core import QgsGeometry

NEW, RESOLVED, UNCHANGED = "new", "resolved", "unchanged"


@dataclass
class FindingChange:
    """One (rule_id, feature_id) across the whole plan. Overlaps are summed over plan areas
    (None when no finding of it has an overlap)."""

    status: str
    rule_id: str
    feature_id: str
    feature_name: str
    severity: str
    overlap_old_m2: Optional[float]
    overlap_new_m2: Optional[float]
    old: list = field(default_factory=list)
    new: list = field(default_factory=list)

    @property
    def overlap_change_m2(self) -> Optional[float]:
        if self.overlap_old_m2 is None and self.overlap_new_m2 is None:
            return None
        return (self.overlap_new_m2 or 0.0) - (self.overlap_old_m2 or 0.0)


@dataclass
class Comparison:
    old_version: int
    new_version: int
    new: list
    resolved: list
    unchanged: list
    added: QgsGeometry
    removed: QgsGeometry

    @property
    def area_added_m2(self) -> float:
        return self.added.area() if not self.added.isNull() else 0.0

    @property
    def area_removed_m2(self) -> float:
        return self.removed.area() if not self.removed.isNull() else 0.0


def _grouped(findings) -> dict:
    groups = {}
    for finding in findings:
        groups.setdefault((finding.rule_id, finding.feature_id or ""), []).append(finding)
    return groups


def _overlap(findings) -> Optional[float]:
    values = [f.overlap_m2 for f in findings if f.overlap_m2 is not None]
    return sum(values) if values else None


def _union(geometries) -> QgsGeometry:
    parts = [g for g in geometries if g is not None and not g.isNull()]
    return QgsGeometry.unaryUnion(parts) if parts else QgsGeometry()


def _difference(a: QgsGeometry, b: QgsGeometry) -> QgsGeometry:
    if a.isNull():
        return QgsGeometry()
    if b.isNull():
        return QgsGeometry(a)
    result = a.difference(b)
    return result if not result.isEmpty() else QgsGeometry()


def compare_findings(old_findings, new_findings, old_plan=(), new_plan=(), old_version=0,
                     new_version=0) -> Comparison:
    """Compare two lists of findings and two lists of plan geometries."""
    old, new = _grouped(old_findings), _grouped(new_findings)
    buckets = {NEW: [], RESOLVED: [], UNCHANGED: []}
    for key in list(old) + [k for k in new if k not in old]:
        before, after = old.get(key, []), new.get(key, [])
        status = UNCHANGED if before and after else (RESOLVED if before else NEW)
        sample = (after or before)[0]
        buckets[status].append(FindingChange(status, key[0], key[1], sample.feature_name, sample.severity,
                                             _overlap(before) if before else None,
                                             _overlap(after) if after else None, before, after))
    old_geometry, new_geometry = _union(old_plan), _union(new_plan)
    return Comparison(old_version, new_version, buckets[NEW], buckets[RESOLVED], buckets[UNCHANGED],
                      _difference(new_geometry, old_geometry), _difference(old_geometry, new_geometry))


def compare_versions(case, old: int, new: int) -> Comparison:
    """Compare two stored versions of a case (findings and plan geometry)."""
    old_plan = [geom for _, geom in case.version(old).areas]
    new_plan = [geom for _, geom in case.version(new).areas]
    return compare_findings(case.findings(old), case.findings(new), old_plan, new_plan, old, new)
