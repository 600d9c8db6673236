"""``run_check``: the plan check as a pipeline of named steps.

Read the plan (names, purposes) -> keep the plan features inside the region -> load the
rules' and the statistics' data (and guard cached copies cut to an extent) -> per rule, per
plan feature, its outcome: not applicable to the area's purpose, not checked (a PARTIAL run
whose data could not be had), else the rule's relation -> the rules switched off -> the
statistics -> the municipalities and their neighbours -> finish (notes, timings, order).
"""

import datetime
import math
import time
from dataclasses import dataclass, field
from typing import Optional

from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsRectangle

from .. import paths, util
from ..errors import Cancelled, CheckError, RegionplanError
from ..i18n import localized, tr, translate
from ..vocabulary import RELATIONS
from . import outcomes as states
from .extent import check_partial_copies
from .matcher import Matcher
from .measure import Measure
from .municipalities import boundary_rule, find_municipalities
from .plan import read_plan
from .region import mark_outside_region, search_box
from .relations import RELATION_CHECKS, RuleRun, from_sweep
from .remembered import remembered
from .results import CheckResult, RuleOutcome, StatisticValue
from .statistics import compute_statistics
from .sweep import PlanFinder, Sweep


@dataclass
class _Run:
    """What the steps of one check share."""

    profile: object
    data: object
    result: CheckResult
    feedback: object
    rules: list
    checked: list = field(default_factory=list)  # the plan features inside the region
    search: Optional[QgsRectangle] = None  # their bbox grown by the rules' largest distance
    sources: dict = field(default_factory=dict)  # collection -> (layer, provenance)
    boundary: object = None  # the rule whose hits name the neighbouring municipalities
    boundary_hits: list = field(default_factory=list)
    measures: dict = field(default_factory=dict)  # PlanFeature.index -> Measure
    steps_done: int = 0
    partial: bool = False  # PARTIAL: data that cannot be had makes its rules not_checked
    failed: dict = field(default_factory=dict)  # collection -> why it could not be had (partial runs)
    unchecked: dict = field(default_factory=dict)  # (rule id, PlanFeature.index) -> why not checked
    sweeps: dict = field(default_factory=dict)  # collection -> Sweep (its rules measured in one pass)
    finder: Optional[PlanFinder] = None  # the checked plan areas by bbox (made once)
    stamps: dict = field(default_factory=dict)  # rule id -> (data_version, fetched_at) of its data


def run_check(
    profile, plan, data, lang: str = "sv", selected_only: bool = False, disabled_rules=(), feedback=None,
    name_field=None, purpose_field=None, purpose=None, partial: bool = False,
) -> CheckResult:
    """Check ``plan`` against the profile's rules with the datasets from ``data``.

    ``name_field``/``purpose_field``: the plan layer's fields of the areas' names and purposes;
    ``purpose``: one purpose (a code or a word) for the whole layer. ``partial``: a dataset that
    cannot be had makes its rules ``not_checked`` (and its statistics None) instead of failing."""
    started = time.monotonic()
    data = remembered(data)  # kind, has, extent: asked once per collection in this run
    result = _new_result(profile, lang if lang in ("sv", "en") else "sv", selected_only)
    result.partial = bool(partial)
    crs = QgsCoordinateReferenceSystem(profile.crs)
    result.crs = crs.authid() or str(profile.crs)
    plans = read_plan(plan, selected_only, crs, result, feedback, name_field, purpose_field)
    states.assign_purposes(profile, plans, purpose, result)
    result.timings["plan"] = time.monotonic() - started
    run = _Run(profile, data, result, feedback, _active_rules(profile, disabled_rules, result), partial=bool(partial))
    _keep_plans_in_region(run, plans)
    _load_rule_data(run)
    for rule in run.rules:
        _check_rule(run, rule)
    _outside_and_switched_off(run, plans)
    _statistics(run, plans)
    _find_municipalities(run)
    _finish(run, started)
    return result


def _new_result(profile, lang: str, selected_only: bool) -> CheckResult:
    result = CheckResult(profile=profile, lang=lang, selected_only=selected_only, started_at=_now())
    result.qgis_version = Qgis.QGIS_VERSION
    result.plugin_version = paths.plugin_version()
    return result


def _active_rules(profile, disabled_rules, result: CheckResult) -> list:
    disabled = set(disabled_rules or ())
    result.disabled_rules = [rule.id for rule in profile.rules if rule.id in disabled]
    return [rule for rule in profile.rules if rule.id not in disabled]


def _keep_plans_in_region(run: _Run, plans) -> None:
    """Leave out the plan features far outside the region; the box the rules' data is asked for."""
    started = time.monotonic()
    max_distance = max([float(item.distance_m or 0) for item in list(run.rules) + list(run.profile.statistics)]
                       + [0.0])
    mark_outside_region(run.profile, run.data, run.rules, plans, max_distance, run.result, run.feedback)
    run.result.timings["region"] = time.monotonic() - started
    run.checked = [p for p in plans if p.checked]
    if not run.rules:
        run.result.notes.append(
            translate("The profile has no rules to check (or every rule was disabled).", run.result.lang))
    run.search = search_box(run.checked, max_distance)


def _load_rule_data(run: _Run) -> None:
    """Each rule's and statistic's collection near the plan, once; refuse cached copies that do
    not reach far enough (a partial run: those pairs become not checked)."""
    if run.checked:
        rule_collections = [rule.collection for rule in run.rules if rule.relation in RELATIONS]
        for cid in dict.fromkeys(rule_collections + [s.collection for s in run.profile.statistics]):
            _fetch(run, cid)
        rule_sources = {cid: run.sources[cid] for cid in rule_collections if cid in run.sources}
        run.unchecked = check_partial_copies(run.rules, run.checked, rule_sources, run.result, run.partial)
    run.boundary = boundary_rule(run.profile, run.data, run.rules)
    run.measures = {p.index: Measure(p) for p in run.checked}
    run.finder = PlanFinder(run.checked)


def _fetch(run: _Run, cid: str) -> None:
    """One collection near the plan; in a partial run, a dataset that cannot be had is noted."""
    if cid in run.sources or cid in run.failed:
        return
    try:
        run.sources[cid] = run.data.source(cid, run.search, run.feedback)
    except Cancelled:
        raise
    except RegionplanError as error:
        if not run.partial:
            raise
        run.failed[cid] = states.error_reason(error, run.result.lang)
        run.result.notes.append(translate("{name} could not be had ({error}): what needs it was not checked.",
                                          run.result.lang).format(name=cid, error=run.failed[cid]))


def _check_rule(run: _Run, rule) -> None:
    """Apply the rule's relation to every plan feature: its findings, or "not affected"."""
    started = time.monotonic()
    result, lang = run.result, run.result.lang
    outcome = RuleOutcome(rule=rule, title=localized(rule.title, lang), message=localized(rule.message, lang))
    result.outcomes.append(outcome)
    if rule.relation not in RELATIONS:
        raise CheckError(tr("Rule {rule} has an unknown relation {relation}.").format(
            rule=rule.id, relation=rule.relation))
    if not run.checked:
        return
    if rule.collection in run.failed:
        reason = run.failed[rule.collection]
        result.area_outcomes.extend(states.not_checked(p, rule, reason) if rule.applies(p.purpose)
                                    else states.not_applicable(p, rule) for p in run.checked)
        return
    _stop_if_cancelled(run.feedback)
    util.push_info(run.feedback, translate("Checking rule {rule}…", lang).format(rule=rule.id))
    rule_run = _rule_run(run, rule, outcome)
    sweep = _sweep(run, rule_run)
    outcome.candidates += sweep.candidates(rule.id)
    total = max(1, len(run.rules) * max(1, len(run.checked)))
    for plan_feature in run.checked:
        _stop_if_cancelled(run.feedback)
        result.area_outcomes.append(_area_outcome(run, rule_run, sweep, plan_feature))
        run.steps_done += 1
        util.set_progress(run.feedback, 100.0 * run.steps_done / total)
    outcome.seconds = time.monotonic() - started
    result.timings[f"rule:{rule.id}"] = outcome.seconds
    result.findings.extend(outcome.findings)


def _area_outcome(run: _Run, rule_run: RuleRun, sweep: Sweep, plan_feature):
    """One plan area under one rule: not applicable to its purpose, not checked (partial), or
    the rule's relation applied (affected with its findings, or not affected)."""
    rule, outcome, provenance = rule_run.rule, rule_run.outcome, rule_run.provenance
    stamped = run.stamps.get(rule.id)
    if stamped is None:
        stamped = run.stamps[rule.id] = states.stamp(provenance)
    if not rule.applies(plan_feature.purpose):
        return states.not_applicable(plan_feature, rule, provenance, stamped)
    reason = run.unchecked.get((rule.id, plan_feature.index))
    if reason:
        return states.not_checked(plan_feature, rule, reason, provenance, stamped)
    try:
        found = from_sweep(rule_run, plan_feature, run.measures[plan_feature.index],
                           sweep.pair(rule.id, plan_feature.index))
    except Cancelled:
        raise
    except RegionplanError as error:
        if not run.partial:
            raise
        return states.not_checked(plan_feature, rule, states.error_reason(error, run.result.lang), provenance,
                                  stamped)
    found.sort(key=lambda f: (f.distance_m if f.distance_m is not None else math.inf, f.feature_id))
    if found:
        outcome.findings.extend(found)
    else:
        outcome.not_affected.append(plan_feature)
    return states.area_outcome(plan_feature, rule, states.found_state(len(found)), len(found), "", provenance,
                               stamped)


def _outside_and_switched_off(run: _Run, plans) -> None:
    """The plan areas outside the region (not checked by any rule) and the rules switched off."""
    lang = run.result.lang
    reason = translate("the plan area lies outside the region", lang)
    outside = [p for p in plans if not p.checked]
    run.result.area_outcomes.extend(states.not_checked(p, rule, reason) for rule in run.rules for p in outside)
    disabled = [rule for rule in run.profile.rules if rule.id in run.result.disabled_rules]
    run.result.area_outcomes.extend(states.switched_off(plans, disabled, lang))


def _statistics(run: _Run, plans) -> None:
    started = time.monotonic()
    _stop_if_cancelled(run.feedback)
    compute_statistics(run.profile, run.checked, run.sources, run.failed, run.result, run.partial,
                       run.feedback, run.finder)
    reason = translate("the plan area lies outside the region", run.result.lang)
    for plan_feature in (p for p in plans if not p.checked):
        run.result.statistics.extend(
            StatisticValue(plan_feature.index, plan_feature.fid, s.id, None, s.unit, reason)
            for s in run.profile.statistics)
    run.result.timings["statistics"] = time.monotonic() - started


def _rule_run(run: _Run, rule, outcome: RuleOutcome) -> RuleRun:
    """The rule's data (recorded in the result for the report) and where its findings go."""
    if rule.collection not in run.sources:
        run.sources[rule.collection] = run.data.source(rule.collection, run.search, run.feedback)
    layer, provenance = run.sources[rule.collection]
    run.result.datasets[rule.collection] = provenance
    run.result.layers[rule.collection] = layer
    kind = getattr(run.data, "kind", None)
    run.result.kinds[rule.collection] = (kind(rule.collection) if callable(kind) else "") or ""
    hits = run.boundary_hits if rule is run.boundary else None
    return RuleRun(rule, outcome, layer, provenance, run.data, run.result, run.feedback, boundary_hits=hits)


def _sweep(run: _Run, rule_run: RuleRun) -> Sweep:
    """The one pass over the rule's collection that measures this rule and the later rules on
    the same collection (made at the first of them). A later rule whose filter cannot be read
    is left out: its own turn refuses it, as before."""
    rule = rule_run.rule
    sweep = run.sweeps.get(rule.collection)
    if sweep is not None and rule.id in sweep.rules:
        return sweep
    sweep = Sweep(rule_run.layer, run.finder, run.feedback)
    for other in run.rules[run.rules.index(rule):]:
        if other.collection != rule.collection or other.relation not in RELATION_CHECKS:
            continue
        if other is rule:
            matcher = rule_run.matcher_for(rule_run.layer)
        else:
            try:
                matcher = Matcher(other, rule_run.layer)
            except CheckError:
                continue
        plans = [p for p in run.checked if other.applies(p.purpose) and (other.id, p.index) not in run.unchecked]
        sweep.add(other, matcher, localized(other.message, run.result.lang), plans, boundary=other is run.boundary)
    sweep.run(run.measures)
    run.sweeps[rule.collection] = sweep
    return sweep


def _find_municipalities(run: _Run) -> None:
    if run.boundary is None:
        return
    run.result.boundary_rule = run.boundary.id
    try:
        find_municipalities(run.result, run.checked, run.data, run.boundary_hits, run.search, run.feedback)
    except (CheckError, RegionplanError) as error:
        run.result.notes.append(str(error))


def _finish(run: _Run, started: float) -> None:
    result = run.result
    for note in getattr(run.data, "notes", None) or []:
        if note not in result.notes:
            result.notes.append(note)
    order = {rule.id: n for n, rule in enumerate(run.profile.rules)}
    result.area_outcomes.sort(key=lambda o: (o.plan_index, order.get(o.rule_id, len(order))))
    statistic_order = {s.id: n for n, s in enumerate(run.profile.statistics)}
    result.statistics.sort(key=lambda v: (v.plan_index, statistic_order.get(v.statistic_id, 0)))
    result.timings["total"] = time.monotonic() - started
    result.finished_at = _now()
    util.set_progress(run.feedback, 100)


def _stop_if_cancelled(feedback) -> None:
    if util.is_canceled(feedback):
        raise Cancelled(tr("The check was cancelled."))


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
