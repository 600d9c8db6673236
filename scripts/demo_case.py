"""The demo's review case (issue 14): ``demo-output/arende_demo.gpkg`` with two versions of the
multi-area ÖP demo plan (version 2: one area moved and reshaped, so that findings are resolved
and new ones appear), two of the reviewer's decisions, the version-2 report (changes since
version 1, the decisions appendix) and the statement exported as ``yttrande_demo.docx``."""

import os

from regionplan_plugin.core.vocabulary import SEVERITIES

# version 2 of the ÖP demo plan: the industrial area moved east and reshaped (EPSG:3006); the
# first box that both resolves and adds a finding is used
MOVES = (
    ("Verksamhetsområde Kumla södra", (510400, 6552200, 511400, 6553400)),
    ("Verksamhetsområde Kumla södra", (506400, 6552400, 507400, 6553200)),
    ("Utvecklingsområde bostäder Kumla norra", (508600, 6555600, 509600, 6556400)),
    ("Stationsområde Kumla", (506600, 6554600, 507400, 6555200)),
)
REASONS = ("Korsningen är känd och hanteras i översiktsplanens kapitel 5.",
           "Avståndet är stort nog; frågan är av informationskaraktär.")


def _lower(severity: str) -> str:
    """The next milder severity (a reviewer's changed assessment in the demo)."""
    return SEVERITIES[min(SEVERITIES.index(severity) + 1, len(SEVERITIES) - 1)]


def areas_layer(areas, title):
    """A memory layer of plan areas ``[(name, purpose, (xmin, ymin, xmax, ymax))]`` in EPSG:3006."""
    from qgis.core import QgsFeature, QgsGeometry, QgsRectangle, QgsVectorLayer

    from regionplan_plugin.core.util import new_field

    layer = QgsVectorLayer("Polygon?crs=EPSG:3006", title, "memory")
    layer.dataProvider().addAttributes([new_field("namn", "text"), new_field("purpose", "text")])
    layer.updateFields()
    features = []
    for name, purpose, box in areas:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(*box)))
        feature.setAttributes([name, purpose])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _check(profile, data, areas, title):
    from regionplan_plugin.core.check import run_check

    layer = areas_layer(areas, title)
    return run_check(profile, layer, data, lang="sv", name_field="namn", purpose_field="purpose")


def write_case(out, profile, data, v1_result, op_areas, op_name, header, write_all):
    """Write the demo case in ``out``; returns its paths (case, docx, the version-2 report)."""
    from regionplan_plugin.core import report
    from regionplan_plugin.core.case import CaseInfo, compare_findings, compare_versions, create_case
    from regionplan_plugin.core.case.result_version import findings_table, statement_document, version_arguments
    from regionplan_plugin.core.export import write_docx
    from regionplan_plugin.core.report.statement_input import rule_texts

    path = os.path.join(out, "arende_demo.gpkg")
    for stale in (path, path + "-wal", path + "-shm", path + "-journal"):
        if os.path.exists(stale):
            os.remove(stale)
    v2_result = comparison = None
    for name, box in MOVES:
        areas = [(n, p, box if n == name else b) for n, p, b in op_areas]
        candidate = _check(profile, data, areas, op_name)
        trial = compare_findings(v1_result.findings, candidate.findings)
        if trial.new and trial.resolved:
            v2_result = candidate
            break
        candidate.layers.clear()
    if v2_result is None:
        raise SystemExit("The demo case: no move of a plan area both resolves and adds a finding.")

    info = CaseInfo(case_id=header["case_id"], municipality=header["municipality"], plan_name=op_name,
                    plan_type=header["plan_type"], stage="granskning", profile_id=profile.id)
    case = create_case(path, info, profile.crs)
    try:
        case.add_version("Samrådshandling", **version_arguments(v1_result, "sv"))
        case.add_version("Granskningshandling", **version_arguments(v2_result, "sv"))
        comparison = compare_versions(case, 1, 2)
        # the reviewer's word on two findings of version 2: one not relevant, one of a lower severity
        findings = case.findings(2)
        first = findings[0]
        case.decide(2, first.rule_id, first.feature_id, first.plan_fid, "not_relevant", reason=REASONS[0])
        lower = next((f for f in findings[1:] if f.severity in SEVERITIES[:-1] and f.key != first.key), None)
        if lower is not None:
            case.decide(2, lower.rule_id, lower.feature_id, lower.plan_fid, "severity_changed",
                        _lower(lower.severity), REASONS[1])
        decided = case.decided_view(2)
        v2_header = dict(header, stage="granskning")
        sections = report.statement(v2_result, "sv", v2_header, decisions=decided, comparison=comparison)
        for section in sections:
            case.save_statement_section(section.key, "sv", section.text, edited=False)
        titles = {o.rule.id: rule_texts(o, "sv")[0] for o in v2_result.outcomes}
        document = statement_document(case.info(), [(s.heading, s.text) for s in sections], "sv",
                                      header.get("date", ""), findings_table(decided, "sv", titles))
        docx = write_docx(os.path.join(out, "yttrande_demo.docx"), document)
        paths = write_all(v2_result, os.path.join(out, "arende_demo_version2"), header=v2_header,
                          decisions=decided, comparison=comparison)
        versions = len(case.versions())
    finally:
        case.close()
        v2_result.layers.clear()
    print(f"\nDemo case {os.path.relpath(path, os.path.dirname(out))}: {versions} versions; "
          f"{len(comparison.new)} new, {len(comparison.resolved)} resolved, {len(comparison.unchanged)} unchanged "
          f"findings; {sum(1 for d in decided if d.decision)} decisions; "
          f"statement {os.path.relpath(docx, os.path.dirname(out))}")
    return {"case": path, "docx": docx, **paths}
