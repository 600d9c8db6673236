"""``run_check``: the plan check as a pipeline of named steps.

Read the plan -> keep the plan features inside the region -> load the rules' data (and
guard cached copies cut to an extent) -> per rule, per plan feature, apply the rule's
relation -> the municipalities and their neighbours -> finish (notes, timings).
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
from .extent import check_partial_copies
from .measure import Measure
from .municipalities import boundary_rule, find_municipalities
from .plan import read_plan
from .region import mark_outside_region, search_box
from .relations import RELATION_CHECKS, RuleRun
from .results import CheckResult, RuleOutcome


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


def run_check(
    profile, plan, data, lang: str = "sv", selected_only: bool = False, disabled_rules=(), feedback=None
) -> CheckResult:
    """Check ``plan`` against the profile's rules with the datasets from ``data``."""
    started = time.monotonic()
    result = _new_result(profile, lang if lang in ("sv", "en") else "sv", selected_only)
    crs = QgsCoordinateReferenceSystem(profile.crs)
    result.crs = crs.authid() or str(profile.crs)
    plans = read_plan(plan, selected_only, crs, result, feedback)
    result.timings["plan"] = time.monotonic() - started
    run = _Run(profile, data, result, feedback, _active_rules(profile, disabled_rules, result))
    _keep_plans_in_region(run, plans)
    _load_rule_data(run)
    for rule in run.rules:
        _check_rule(run, rule)
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
    max_distance = max([float(rule.distance_m or 0) for rule in run.rules] + [0.0])
    mark_outside_region(run.profile, run.data, run.rules, plans, max_distance, run.result, run.feedback)
    run.result.timings["region"] = time.monotonic() - started
    run.checked = [p for p in plans if p.checked]
    if not run.rules:
        run.result.notes.append(
            translate("The profile has no rules to check (or every rule was disabled).", run.result.lang))
    run.search = search_box(run.checked, max_distance)


def _load_rule_data(run: _Run) -> None:
    """Each rule's collection near the plan, once; refuse cached copies that do not reach far enough."""
    if run.checked:
        for rule in run.rules:
            if rule.relation in RELATIONS and rule.collection not in run.sources:
                run.sources[rule.collection] = run.data.source(rule.collection, run.search, run.feedback)
        check_partial_copies(run.rules, run.checked, run.sources, run.result)
    run.boundary = boundary_rule(run.profile, run.data, run.rules)
    run.measures = {p.index: Measure(p) for p in run.checked}


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
    _stop_if_cancelled(run.feedback)
    util.push_info(run.feedback, translate("Checking rule {rule}…", lang).format(rule=rule.id))
    relation = RELATION_CHECKS[rule.relation]
    rule_run = _rule_run(run, rule, outcome)
    total = max(1, len(run.rules) * max(1, len(run.checked)))
    for plan_feature in run.checked:
        _stop_if_cancelled(run.feedback)
        found = relation(rule_run, plan_feature, run.measures[plan_feature.index])
        found.sort(key=lambda f: (f.distance_m if f.distance_m is not None else math.inf, f.feature_id))
        if found:
            outcome.findings.extend(found)
        else:
            outcome.not_affected.append(plan_feature)
        run.steps_done += 1
        util.set_progress(run.feedback, 100.0 * run.steps_done / total)
    outcome.seconds = time.monotonic() - started
    result.timings[f"rule:{rule.id}"] = outcome.seconds
    result.findings.extend(outcome.findings)


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
    result.timings["total"] = time.monotonic() - started
    result.finished_at = _now()
    util.set_progress(run.feedback, 100)


def _stop_if_cancelled(feedback) -> None:
    if util.is_canceled(feedback):
        raise Cancelled(tr("The check was cancelled."))


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
