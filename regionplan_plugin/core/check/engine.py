"""``run_check``: the plan check pipeline."""

import datetime
import math
import time

from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsRectangle

from .. import paths, util
from ..errors import Cancelled, CheckError, RegionplanError
from ..i18n import localized, tr, translate, translaten
from ..vocabulary import RELATIONS
from .extent import _cached_extent, _check_partial_copies, _format_extent
from .features import _attr, _candidates, _is_polygon
from .matcher import _Matcher
from .measure import _make_finding, _Measure
from .municipalities import SIDE_FIELDS, _boundary_rule, _municipalities
from .nearest import _nearest
from .plan import _PlanReader, _prepare_plan
from .region import _region_extent
from .results import CheckResult, RuleOutcome


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def run_check(
    profile, plan, data, lang: str = "sv", selected_only: bool = False, disabled_rules=(), feedback=None
) -> CheckResult:
    """Check ``plan`` against the profile's rules with the datasets from ``data``."""
    started = time.monotonic()
    lang = lang if lang in ("sv", "en") else "sv"
    result = CheckResult(profile=profile, lang=lang, selected_only=selected_only, started_at=_now())
    result.qgis_version = Qgis.QGIS_VERSION
    result.plugin_version = paths.plugin_version()
    crs = QgsCoordinateReferenceSystem(profile.crs)
    result.crs = crs.authid() or str(profile.crs)

    reader = _PlanReader(plan, selected_only)
    reader.validate()
    result.plan_name = reader.name
    result.plan_crs = reader.crs.authid() or reader.crs.description()
    plans = _prepare_plan(reader, crs, result, feedback)
    result.plan_features = plans
    result.timings["plan"] = time.monotonic() - started

    disabled = set(disabled_rules or ())
    rules = [rule for rule in profile.rules if rule.id not in disabled]
    result.disabled_rules = [rule.id for rule in profile.rules if rule.id in disabled]
    max_distance = max([float(rule.distance_m or 0) for rule in rules] + [0.0])

    # Where is the region? Plan features far outside are not checked (and say so).
    t0 = time.monotonic()
    region = _region_extent(data, rules, feedback) if rules else None
    result.region_extent = region
    if region is not None:
        grown = region.buffered(max_distance)
        for plan_feature in plans:
            if not grown.intersects(plan_feature.geometry.boundingBox()):
                plan_feature.checked = False
        outside = [p for p in plans if not p.checked]
        if outside and len(outside) == len(plans):
            result.outside_region = True
            result.notes.append(
                translate(
                    "The plan lies outside the extent of the profile's region ({region}); nothing was checked.", lang
                ).format(region=localized(profile.name, lang))
            )
        elif outside:
            result.notes.append(
                translaten("{count} plan feature lies outside the region of {region} and was not checked: {fids}.",
                           "{count} plan features lie outside the region of {region} and were not checked: {fids}.",
                           len(outside), lang).format(
                    count=len(outside),
                    region=localized(profile.name, lang),
                    fids=", ".join(str(p.fid) for p in outside),
                )
            )
    result.timings["region"] = time.monotonic() - t0
    checked = [p for p in plans if p.checked]

    if not rules:
        result.notes.append(translate("The profile has no rules to check (or every rule was disabled).", lang))

    search = None
    for plan_feature in checked:
        rect = plan_feature.geometry.boundingBox()
        if search is None:
            search = QgsRectangle(rect)
        else:
            search.combineExtentWith(rect)
    if search is not None:
        search = search.buffered(max_distance)

    sources = {}
    if checked:
        _check_partial_copies(rules, checked, data, sources, search, result, feedback)
    boundary = _boundary_rule(profile, data, rules)
    boundary_hits = []
    total = max(1, len(rules) * max(1, len(checked)))
    step = 0
    measures = {p.index: _Measure(p) for p in checked}
    for rule in rules:
        t_rule = time.monotonic()
        outcome = RuleOutcome(rule=rule, title=localized(rule.title, lang), message=localized(rule.message, lang))
        result.outcomes.append(outcome)
        if rule.relation not in RELATIONS:
            raise CheckError(tr("Rule {rule} has an unknown relation {relation}.").format(
                rule=rule.id, relation=rule.relation))
        if not checked:
            continue
        if util.is_canceled(feedback):
            raise Cancelled(tr("The check was cancelled."))
        util.push_info(feedback, translate("Checking rule {rule}…", lang).format(rule=rule.id))
        if rule.collection not in sources:
            sources[rule.collection] = data.source(rule.collection, search, feedback)
        layer, provenance = sources[rule.collection]
        result.datasets[rule.collection] = provenance
        result.layers[rule.collection] = layer
        kind = getattr(data, "kind", None)
        result.kinds[rule.collection] = (kind(rule.collection) if callable(kind) else "") or ""
        matchers = {}

        def matcher_for(lyr, rule=rule, matchers=matchers):
            key = id(lyr)
            if key not in matchers:
                matchers[key] = _Matcher(rule, lyr)
            return matchers[key]

        matcher = matcher_for(layer)
        distance_m = float(rule.distance_m or 0)
        min_overlap = float(getattr(rule, "min_overlap_m2", 0) or 0)
        for plan_feature in checked:
            if util.is_canceled(feedback):
                raise Cancelled(tr("The check was cancelled."))
            measure = measures[plan_feature.index]
            reach = 0.0 if rule.relation == "intersects" else distance_m
            rect = plan_feature.geometry.boundingBox().buffered(reach)
            found = []
            near_any = False
            for feature in _candidates(layer, rect):
                if not matcher(feature):
                    continue
                outcome.candidates += 1
                geometry = feature.geometry()
                if geometry.isNull() or geometry.isEmpty():
                    continue
                intersects = measure.intersects(geometry)
                if rule.relation == "intersects":
                    if not intersects:
                        continue
                    if _is_polygon(geometry) and min_overlap > 0:
                        overlap = measure.overlap(geometry)
                        if overlap.isNull() or overlap.area() < min_overlap:
                            continue
                    found.append(
                        _make_finding(plan_feature, rule, outcome.message, feature, geometry, measure, True, 0.0)
                    )
                else:
                    distance = measure.distance(geometry, intersects)
                    if distance > distance_m:
                        continue
                    if rule.relation == "within_distance":
                        found.append(
                            _make_finding(
                                plan_feature, rule, outcome.message, feature, geometry, measure, intersects, distance
                            )
                        )
                        if boundary is rule:
                            sides = [_attr(feature, (side,)) for side in SIDE_FIELDS]
                            sides = [side for side in sides if side] or [found[-1].feature_name]
                            boundary_hits.append((plan_feature.index, sides, distance, found[-1].overlap_m2))
                    else:
                        near_any = True
                        break
            if rule.relation == "beyond_distance" and not near_any:
                best, _lyr = _nearest(data, rule, plan_feature, matcher_for, feedback, max(distance_m * 2, 1000.0))
                limit = _cached_extent(provenance)
                if limit is not None and (best is None or not limit.contains(
                        plan_feature.geometry.boundingBox().buffered(best[1]))):
                    note = translate("Rule {rule}: the nearest feature of {collection} was searched for only in the "
                                     "cached area ({extent}); a nearer one may lie outside it.", lang).format(
                        rule=rule.id, collection=rule.collection, extent=_format_extent(limit, result.crs))
                    if note not in result.notes:
                        result.notes.append(note)
                if best is None:
                    found.append(_make_finding(plan_feature, rule, outcome.message, None, None, measure, False, None))
                else:
                    feature, distance = best
                    geometry = feature.geometry()
                    found.append(
                        _make_finding(
                            plan_feature, rule, outcome.message, feature, geometry, measure, False, distance
                        )
                    )
            found.sort(key=lambda f: (f.distance_m if f.distance_m is not None else math.inf, f.feature_id))
            if found:
                outcome.findings.extend(found)
            else:
                outcome.not_affected.append(plan_feature)
            step += 1
            util.set_progress(feedback, 100.0 * step / total)
        outcome.seconds = time.monotonic() - t_rule
        result.timings[f"rule:{rule.id}"] = outcome.seconds
        result.findings.extend(outcome.findings)

    if boundary is not None:
        result.boundary_rule = boundary.id
        try:
            _municipalities(result, checked, data, boundary_hits, search, feedback)
        except (CheckError, RegionplanError) as error:
            result.notes.append(str(error))
    for note in getattr(data, "notes", None) or []:
        if note not in result.notes:
            result.notes.append(note)
    result.timings["total"] = time.monotonic() - started
    result.finished_at = _now()
    util.set_progress(feedback, 100)
    return result
