"""A synthetic check result for report tests and benchmarks: any number of findings, repair
notes and names of any length, without running a check."""

from types import SimpleNamespace

from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle

from regionplan_plugin.core.check import CheckResult, Finding, PlanFeature, Repair, RuleOutcome

SEVERITIES = ("conflict", "attention", "support", "info")


def synthetic_result(findings: int = 10, repairs: int = 0, plan_name: str = "Plan A", feature_name: str = "",
                     lang: str = "en") -> CheckResult:
    """A result with one plan feature near (500000, 6600000) in EPSG:3006, three rules and
    ``findings`` findings (feature names ``feature_name`` or ``Feature <n>``)."""
    profile = SimpleNamespace(id="synthetic", name={"en": "Synthetic region", "sv": "Syntetisk region"},
                              source="test", sha256="0" * 64, service_url="http://127.0.0.1:9/", rules=[])
    x0, y0 = 500000.0, 6600000.0
    plan_geometry = QgsGeometry.fromRect(QgsRectangle(x0, y0, x0 + 1000, y0 + 800))
    plan = PlanFeature(fid=1, name=plan_name, geometry=plan_geometry, area_m2=800000.0)
    rules = [
        SimpleNamespace(id=f"rule-{i}", collection=f"coll{i}", relation=relation, severity=SEVERITIES[i],
                        distance_m=distance, min_overlap_m2=0, reference="")
        for i, (relation, distance) in enumerate((("intersects", None), ("within_distance", 500.0),
                                                  ("within_distance", 200.0)))
    ]
    outcomes = [RuleOutcome(rule=rule, title=f"Rule title {rule.id}", message=f"Message {rule.id}")
                for rule in rules]
    result = CheckResult(profile=profile, lang=lang, plan_name="plans", plan_crs="EPSG:3006", crs="EPSG:3006",
                         plan_features=[plan], started_at="2026-12-01T10:00:00+00:00",
                         qgis_version="3.22", plugin_version="test")
    for n in range(findings):
        outcome = outcomes[n % len(outcomes)]
        rule = outcome.rule
        x, y = x0 + (n % 40) * 25.0, y0 + ((n // 40) % 32) * 25.0
        if rule.relation == "intersects":
            geometry = QgsGeometry.fromRect(QgsRectangle(x, y, x + 20, y + 20))
        else:
            geometry = QgsGeometry.fromPolylineXY([QgsPointXY(x, y), QgsPointXY(x + 30, y - 60)])
        finding = Finding(
            plan_fid=1, plan_name=plan_name, rule_id=rule.id, severity=rule.severity, collection=rule.collection,
            feature_id=f"{rule.collection}.{n}", feature_name=feature_name or f"Feature {n}",
            relation=rule.relation, distance_m=None if rule.relation == "intersects" else 12.0 + n,
            overlap_m2=400.0 if rule.relation == "intersects" else None,
            overlap_share=0.0005 if rule.relation == "intersects" else None,
            message=outcome.message, geometry=geometry)
        outcome.findings.append(finding)
        result.findings.append(finding)
    result.outcomes = outcomes
    result.repairs = [Repair(plan_fid=1000 + i, plan_name=f"Repaired {i}", reason=f"repair note number {i}")
                      for i in range(repairs)]
    return result
