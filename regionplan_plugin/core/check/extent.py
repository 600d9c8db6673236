"""The cached-extent guard (issue 11 item 9): a cached copy cut to an extent answers only inside it."""

from typing import Optional

from qgis.core import QgsRectangle

from ..errors import CheckError
from ..i18n import translate
from ..vocabulary import RELATIONS


def cached_extent(provenance) -> Optional[QgsRectangle]:
    """The extent a cached copy was cut to (profile CRS), or None for a whole dataset."""
    box = provenance.extent if provenance is not None else None
    if not box:
        return None
    return QgsRectangle(*[float(value) for value in box])


def format_extent(rect: QgsRectangle, crs: str) -> str:
    return f"{rect.xMinimum():.0f}, {rect.yMinimum():.0f} – {rect.xMaximum():.0f}, {rect.yMaximum():.0f} {crs}"


def check_partial_copies(rules, checked, sources, result, partial: bool = False) -> dict:
    """A cached copy cut to an extent answers only inside it: refuse the check when a plan
    feature grown by a rule's distance reaches outside the extent of that rule's copy (the
    check would conclude "nothing there" from data it does not have); otherwise name the
    extent in the notes. ``sources``: {collection: (layer, provenance)} of the rules (a rule
    whose collection is missing from it is left alone). In a ``partial`` run nothing is
    refused: the answer ``{(rule id, PlanFeature.index): reason}`` names the pairs that
    cannot be checked."""
    lang = result.lang
    short = []
    unchecked = {}
    for rule in rules:
        if rule.relation not in RELATIONS or rule.collection not in sources:
            continue  # (the rule loop says so)
        limit = cached_extent(sources[rule.collection][1])
        if limit is None:
            continue
        reach = 0.0 if rule.relation == "intersects" else float(rule.distance_m or 0)
        outside = [p for p in checked if not limit.contains(p.geometry.boundingBox().buffered(reach))]
        if outside and rule.collection not in short:
            short.append(rule.collection)
        reason = translate("the offline copy of {name} covers only the area {extent}, and the plan area (grown by "
                           "the rule's distance) reaches outside it", lang).format(
            name=rule.collection, extent=format_extent(limit, result.crs))
        for plan_feature in outside:
            unchecked[(rule.id, plan_feature.index)] = reason
    if short and not partial:
        raise CheckError(translate(
            "The offline copies of {names} cover only part of the region, and the plan (grown by the rules' "
            "distances) reaches outside that area: the check would miss what lies there. Cache a larger area, "
            "or the whole datasets, and check again.", lang).format(names=", ".join(short)))
    for cid, (_layer, provenance) in sources.items():
        limit = cached_extent(provenance)
        if limit is not None and cid not in short:
            result.notes.append(translate(
                "{name}: the offline copy covers only the area {extent}; the plan and the rules' distances lie "
                "inside it.", lang).format(name=cid, extent=format_extent(limit, result.crs)))
    return unchecked


def note_nearest_search(rule, plan_feature, best, provenance, result) -> None:
    """``beyond_distance`` on a copy cut to an extent: when the nearest feature found (or none)
    leaves room for a nearer one outside the extent, say so once in the notes."""
    limit = cached_extent(provenance)
    if limit is None:
        return
    if best is not None and limit.contains(plan_feature.geometry.boundingBox().buffered(best[1])):
        return
    note = translate("Rule {rule}: the nearest feature of {collection} was searched for only in the "
                     "cached area ({extent}); a nearer one may lie outside it.", result.lang).format(
        rule=rule.id, collection=rule.collection, extent=format_extent(limit, result.crs))
    if note not in result.notes:
        result.notes.append(note)
