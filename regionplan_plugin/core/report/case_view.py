"""The report in a review case: the reviewer's decided view of a result (a not_relevant finding
left out, a changed severity shown with the original noted), the appendix of decisions and the
changes since the previous version (core.case.Comparison)."""

import copy
import dataclasses
from typing import List, Optional

from .. import vocabulary
from ..i18n import translate
from .fmt import _fmt_area, _fmt_time, esc, severity_label

NOT_RELEVANT, SEVERITY_CHANGED = "not_relevant", "severity_changed"


def decision_map(decisions) -> dict:
    """(rule_id, feature_id, plan_fid) -> dict(decision, severity_after, reason, decided_at) from a
    list of core.case DecidedFinding / Decision or a mapping to 4-tuples; a DecidedFinding whose
    decision was made in an earlier version (``core.case.earlier_decisions``) adds
    ``from_version``."""
    if not decisions:
        return {}
    if isinstance(decisions, dict):
        return {(k[0], k[1] or "", k[2]): dict(zip(("decision", "severity_after", "reason", "decided_at"), v))
                for k, v in decisions.items()}
    out = {}
    for item in decisions:
        decision = getattr(item, "decision", item)
        if decision is None or not hasattr(decision, "decision"):
            continue
        choice = {"decision": decision.decision, "severity_after": decision.severity_after,
                  "reason": decision.reason, "decided_at": decision.decided_at}
        finding = getattr(item, "finding", None)
        if finding is not None and getattr(finding, "version", 0) and decision.version != finding.version:
            choice["from_version"] = decision.version  # decided on the same finding in an earlier version
        out[(decision.rule_id, decision.feature_id or "", decision.plan_fid)] = choice
    return out


def _key(finding) -> tuple:
    return (finding.rule_id, finding.feature_id or "", finding.plan_fid)


def decided_result(result, decisions):
    """A shallow copy of ``result`` as the reviewer decided it, plus ``decision_rows`` (for the
    appendix). The result itself is never changed."""
    decided = decision_map(decisions)
    if not decided:
        return result
    out = copy.copy(result)
    rows, kept = [], []
    as_kept = {}  # id(finding) -> the finding as decided (by identity: plan areas may share a fid)
    for finding in result.findings:
        choice = decided.get(_key(finding))
        if choice is None:
            kept.append(finding)
            as_kept[id(finding)] = finding
            continue
        rows.append((finding, choice))
        if choice["decision"] == NOT_RELEVANT:
            continue
        if choice["decision"] == SEVERITY_CHANGED and choice["severity_after"]:
            changed = dataclasses.replace(finding, severity=choice["severity_after"])
            changed.original_severity = finding.severity
            kept.append(changed)
        else:
            kept.append(finding)
        as_kept[id(finding)] = kept[-1]
    out.findings = kept
    out.outcomes = [dataclasses.replace(o, findings=[as_kept[id(f)] for f in o.findings if id(f) in as_kept])
                    for o in result.outcomes]
    # per plan area by its position (issue 11, item 10: plan areas may share a fid); by fid only
    # for findings that do not know their area's position
    counts = {}
    for finding in kept:
        area = ("fid", finding.plan_fid) if getattr(finding, "plan_index", None) is None else finding.plan_index
        counts[(area, finding.rule_id)] = counts.get((area, finding.rule_id), 0) + 1
    areas = []
    for outcome in result.area_outcomes:
        if outcome.state == vocabulary.AFFECTED:
            n = counts.get((outcome.plan_index, outcome.rule_id), 0) + counts.get(
                (("fid", outcome.plan_fid), outcome.rule_id), 0)
            outcome = dataclasses.replace(outcome, findings=n,
                                          state=vocabulary.AFFECTED if n else vocabulary.NOT_AFFECTED)
        areas.append(outcome)
    out.area_outcomes = areas
    out.decision_rows = rows
    return out


def decision_note(finding, lang: str) -> str:
    """"Attention (originally: Conflict)" for a finding whose severity the reviewer changed."""
    original = getattr(finding, "original_severity", "")
    if not original:
        return ""
    return translate("{severity} (originally: {original})", lang).format(
        severity=severity_label(finding.severity, lang), original=severity_label(original, lang))


def _titles(result, lang: str) -> dict:
    from .statement_input import rule_texts
    return {o.rule.id: rule_texts(o, lang)[0] for o in result.outcomes}


def decision_lines(result, lang: str) -> List[str]:
    """One line per decision: rule, feature, the original severity, the decision, reason, time."""
    titles = _titles(result, lang)
    lines = []
    for finding, choice in getattr(result, "decision_rows", []):
        decision = vocabulary.decision_label(choice["decision"], lang)
        if choice["decision"] == SEVERITY_CHANGED and choice["severity_after"]:
            decision += " → " + severity_label(choice["severity_after"], lang)
        lines.append(translate("{rule} – {feature}: {original}; decision: {decision}; reason: {reason} ({time})",
                               lang).format(rule=titles.get(finding.rule_id, finding.rule_id),
                                            feature=finding.feature_name or finding.feature_id or "–",
                                            original=severity_label(finding.severity, lang), decision=decision,
                                            reason=choice["reason"] or "–", time=_fmt_time(choice["decided_at"])))
        if choice.get("from_version"):
            lines[-1] += " " + translate("(decided on version {version})", lang).format(
                version=choice["from_version"])
    return lines


def change_lines(result, comparison, lang: str) -> List[str]:
    """The changes since the previous version: counts, then one line per new / resolved finding."""
    if comparison is None:
        return []
    titles = _titles(result, lang)

    def name(change):
        return "{} – {}".format(titles.get(change.rule_id, change.rule_id), change.feature_name or change.feature_id
                                  or "–")
    lines = [translate("Version {old} → version {new}: {new_n} new, {resolved_n} resolved, {unchanged_n} unchanged "
                       "findings.", lang).format(old=comparison.old_version, new=comparison.new_version,
                                                 new_n=len(comparison.new), resolved_n=len(comparison.resolved),
                                                 unchanged_n=len(comparison.unchanged)),
             translate("Plan area added: {added}; removed: {removed}.", lang).format(
                 added=_fmt_ha(comparison.area_added_m2, lang), removed=_fmt_ha(comparison.area_removed_m2, lang))]
    for label, changes in ((translate("New", lang), comparison.new),
                           (translate("Resolved", lang), comparison.resolved)):
        lines += [f"{label}: {name(c)}" for c in changes]
    for change in comparison.unchanged:
        delta = change.overlap_change_m2
        if delta:
            lines.append(translate("Unchanged: {name} (overlap changed by {delta})", lang).format(
                name=name(change), delta=("+" if delta > 0 else "−") + _fmt_area(abs(delta), lang)))
    return lines


def _fmt_ha(m2: float, lang: str) -> str:
    value = f"{(m2 or 0.0) / 10000.0:.2f}"
    return (value.replace(".", ",") if lang == "sv" else value) + " ha"


def resolved_titles(result, comparison, lang: str) -> List[str]:
    """The rule titles of the findings the new version resolves (for the statement)."""
    if comparison is None:
        return []
    titles = _titles(result, lang)
    return list(dict.fromkeys(titles.get(c.rule_id, c.rule_id) for c in comparison.resolved))


def case_html(result, comparison, lang: str, which: str) -> str:
    """The HTML section ``which``: 'changes' (since the previous version) or 'decisions' (the
    appendix); empty when there is nothing to show."""
    parts = []
    changes = change_lines(result, comparison, lang) if which == "changes" else []
    if changes:
        parts.append(f"<h2>{esc(translate('Changes since the previous version', lang))}</h2>")
        parts.append("<ul class=\"changes\">" + "".join(f"<li>{esc(line)}</li>" for line in changes) + "</ul>")
    decisions = decision_lines(result, lang) if which == "decisions" else []
    if decisions:
        parts.append(f"<h2>{esc(translate('Decisions on findings', lang))}</h2>")
        parts.append("<ul class=\"decisions\">" + "".join(f"<li>{esc(line)}</li>" for line in decisions) + "</ul>")
    return "\n".join(parts)


def case_blocks(result, comparison, lang: str, which: Optional[str] = None) -> List[str]:
    """The PDF's text blocks: ``which`` 'changes' or 'decisions'."""
    if which == "changes":
        lines = change_lines(result, comparison, lang)
        heading = translate("Changes since the previous version", lang)
        return [heading.upper() + "\n" + "\n".join(lines)] if lines else []
    lines = decision_lines(result, lang)
    return [translate("Decisions on findings", lang).upper() + "\n" + "\n".join(lines)] if lines else []
