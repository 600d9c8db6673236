"""The results per plan area for the report: the check's ``area_outcomes`` when it has them,
else derived from its findings (older callers: affected where a rule has a finding in the area,
not applicable where the rule does not concern the area's purpose, else not affected)."""

from typing import Dict, List, Tuple

from .. import vocabulary
from ..check import AreaOutcome, CheckResult, Finding, PlanFeature
from ..check.results import RuleOutcome


def area_outcomes(result: CheckResult) -> List[AreaOutcome]:
    """One AreaOutcome per (plan area, rule): the result's own, else derived from the findings."""
    if result.area_outcomes:
        return list(result.area_outcomes)
    derived = []
    grouped = AreaFindings(result)
    for area in result.plan_features:
        found = grouped.of(area)
        for outcome in result.outcomes:
            rule = outcome.rule
            hits = [f for f in found if f.rule_id == rule.id]
            if hits:
                state = vocabulary.AFFECTED
            elif hasattr(rule, "applies") and not rule.applies(area.purpose):
                state = vocabulary.NOT_APPLICABLE
            elif not area.checked:
                state = vocabulary.NOT_CHECKED
            else:
                state = vocabulary.NOT_AFFECTED
            derived.append(AreaOutcome(area.index, area.fid, rule.id, state, len(hits), collection=rule.collection))
    return derived


def findings_in(result: CheckResult, area: PlanFeature, grouped: "AreaFindings" = None) -> List[Finding]:
    """The findings of one plan area (by ``plan_index``, else by ``plan_fid``). ``grouped``: the
    result's findings grouped once (:class:`AreaFindings`), for a caller that asks for every area."""
    if grouped is not None:
        return grouped.of(area)
    return [f for f in result.findings
            if f.plan_index == area.index or (f.plan_index is None and f.plan_fid == area.fid)]


class AreaFindings:
    """A result's findings grouped by plan area once: ``of(area)`` is ``findings_in(result,
    area)`` (the same findings in the same order) without a pass over all findings per area."""

    def __init__(self, result: CheckResult):
        self.by_index: Dict[int, list] = {}
        self.by_fid: Dict[int, list] = {}
        for number, finding in enumerate(result.findings):
            if finding.plan_index is not None:
                self.by_index.setdefault(finding.plan_index, []).append((number, finding))
            else:
                self.by_fid.setdefault(finding.plan_fid, []).append((number, finding))

    def of(self, area: PlanFeature) -> List[Finding]:
        mine = self.by_index.get(area.index, []) + self.by_fid.get(area.fid, [])
        return [finding for _number, finding in sorted(mine, key=lambda item: item[0])]


def outcomes_by_area(outcomes) -> Dict[int, List[AreaOutcome]]:
    """{plan_index: its outcomes, in the given order}."""
    grouped: Dict[int, List[AreaOutcome]] = {}
    for outcome in outcomes:
        grouped.setdefault(outcome.plan_index, []).append(outcome)
    return grouped


def per_area(result: CheckResult) -> List[Tuple[PlanFeature, Dict[str, List[Tuple[RuleOutcome, AreaOutcome]]]]]:
    """[(plan area, {state: [(rule outcome, area outcome)]})] in the plan's order; the rules in
    the profile's order within each state."""
    rules = {outcome.rule.id: outcome for outcome in result.outcomes}
    order = {rule_id: n for n, rule_id in enumerate(rules)}
    every = outcomes_by_area(area_outcomes(result))
    areas = []
    for area in result.plan_features:
        states: Dict[str, list] = {state: [] for state in vocabulary.OUTCOMES}
        mine = sorted(every.get(area.index, []), key=lambda o: order.get(o.rule_id, 1e9))
        for outcome in mine:
            if outcome.rule_id in rules and outcome.state in states:
                states[outcome.state].append((rules[outcome.rule_id], outcome))
        areas.append((area, states))
    return areas


def state_counts(result: CheckResult) -> Dict[str, int]:
    """How many (plan area, rule) pairs are in each state."""
    counts = {state: 0 for state in vocabulary.OUTCOMES}
    for outcome in area_outcomes(result):
        counts[outcome.state] = counts.get(outcome.state, 0) + 1
    return counts
