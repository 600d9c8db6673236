"""What a report of a case's version shows besides the check itself: the reviewer's decisions
and the changes since the previous version. One function for the panel and Processing, so a
report of the same version reads the same whichever way the check was added."""

import dataclasses

from .compare import compare_versions
from .model import DecidedFinding


def earlier_decisions(case, version: int) -> list:
    """The previous version's latest decisions on the findings of ``version`` that the reviewer
    has not decided in ``version`` itself, matched by (rule_id, feature_id) over the whole plan
    as the comparison matches them. Each is a :class:`DecidedFinding` of this version's finding
    whose ``decision`` keeps its own ``version`` (the one it was made in) and date; nothing is
    written to the case."""
    if version < 2:
        return []
    earlier = {(d.rule_id, d.feature_id or ""): d for d in case.decisions(version - 1)}
    out = []
    for item in case.decided_view(version):
        finding = item.finding
        decision = earlier.get((finding.rule_id, finding.feature_id or ""))
        if item.decision is not None or decision is None:
            continue
        decision = dataclasses.replace(decision, plan_fid=finding.plan_fid)
        after = decision.severity_after if decision.decision == "severity_changed" else finding.severity
        out.append(DecidedFinding(finding, decision, finding.severity, after or finding.severity,
                                  decision.decision == "not_relevant"))
    return out


def report_arguments(case, version: int, comparison=None) -> dict:
    """``decisions=`` and ``comparison=`` for a report (``core.report.write_html``/``write_pdf``)
    of the check stored as ``version``: the reviewer's decisions on it (a finding decided only
    in the previous version shows that decision, marked with its version) and its comparison
    with the previous version (``comparison`` when already made, else computed; None for
    version 1)."""
    if comparison is None and version > 1:
        comparison = compare_versions(case, version - 1, version)
    decided = [item for item in case.decided_view(version) if item.decision is not None]
    return {"decisions": decided + earlier_decisions(case, version), "comparison": comparison}
