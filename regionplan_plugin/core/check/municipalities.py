"""The plan's own municipality and its neighbours, for the statement's "Mellankommunala frågor"."""

from .features import FeatureText, attribute_text, candidates
from .measure import Measure
from .results import CheckResult

BOUNDARY_COLLECTIONS = ("kommuner", "kommungranser")
MUNICIPALITY_POLYGONS = "kommuner"
SIDE_FIELDS = ("kommun_a", "kommun_b")


def boundary_sides(feature, fallback: str) -> list:
    """The municipalities on either side of a boundary feature (``kommun_a``, ``kommun_b``),
    else ``[fallback]`` (the feature's name: a municipality polygon)."""
    sides = [attribute_text(feature, (side,)) for side in SIDE_FIELDS]
    return [side for side in sides if side] or [fallback]


def boundary_rule(profile, data, rules):
    """The first ``within_distance`` rule on municipal boundaries (a collection of kind
    ``boundary``, or ``kommuner``/``kommungranser``): its hits name the neighbours. None without one."""
    kind = getattr(data, "kind", None)
    for rule in rules:
        if rule.relation != "within_distance":
            continue
        if callable(kind) and kind(rule.collection) == "boundary":
            return rule
        if rule.collection in BOUNDARY_COLLECTIONS:
            return rule
    return None


def boundary_collections(data, rules):
    """The collections that outline the region: the rules' boundary collections, then the
    municipality collections ``data`` has."""
    kind = getattr(data, "kind", None)
    found = []
    for rule in rules:
        if rule.collection in BOUNDARY_COLLECTIONS or (callable(kind) and kind(rule.collection) == "boundary"):
            if rule.collection not in found:
                found.append(rule.collection)
    for cid in BOUNDARY_COLLECTIONS:
        if cid not in found and callable(getattr(data, "has", None)) and data.has(cid):
            found.append(cid)
    return found


def find_municipalities(result: CheckResult, checked, data, hits, search, feedback) -> None:
    """The plan's own municipality (from the ``kommuner`` polygons, largest overlap, else
    the plan's ``kommun`` attribute) and the neighbours within the boundary rule's
    distance, for the draft statement's "Mellankommunala frågor". ``hits``: the boundary
    rule's ``(PlanFeature.index, sides, distance, overlap)``."""
    hosts = _hosts(checked, data, hits, search, feedback)
    neighbours = {}
    per_plan = {}
    for index, sides, distance, _overlap in hits:
        for name in sides:
            if name == hosts.get(index):
                continue
            if name not in neighbours or distance < neighbours[name]:
                neighbours[name] = distance
            mine = per_plan.setdefault(index, {})
            if name not in mine or distance < mine[name]:
                mine[name] = distance
    result.host_municipalities = list(dict.fromkeys(hosts[p.index] for p in checked if p.index in hosts))
    result.hosts_by_plan = dict(hosts)
    result.neighbours_by_plan = {index: _by_distance(items) for index, items in per_plan.items()}
    result.neighbours = _by_distance(neighbours)


def _by_distance(distances: dict) -> list:
    return sorted(distances.items(), key=lambda item: (item[1], item[0]))


def _hosts(checked, data, hits, search, feedback) -> dict:
    """{PlanFeature.index: the municipality the plan feature lies in}."""
    hosts = {}
    has = getattr(data, "has", None)
    if callable(has) and has(MUNICIPALITY_POLYGONS) and search is not None:
        layer, _provenance = data.source(MUNICIPALITY_POLYGONS, search, feedback)
        polygons = _polygons(layer, search)
        for plan_feature in checked:
            best = _largest_overlap(polygons, plan_feature)
            if best is not None:
                hosts[plan_feature.index] = best
    for plan_feature in checked:
        if plan_feature.index not in hosts and plan_feature.municipality:
            hosts[plan_feature.index] = plan_feature.municipality
    if not hosts:  # polygons as the boundary collection: the largest overlap is the host
        for index, sides, _distance, overlap in hits:
            if overlap and (index not in hosts or overlap > hosts[index][1]):
                hosts[index] = (sides[0], overlap)
        hosts = {index: value[0] for index, value in hosts.items()}
    return hosts


def _polygons(layer, search) -> list:
    """``(name, geometry, bbox)`` of the municipality polygons in the search box, read once."""
    text = FeatureText(layer.fields())
    polygons = []
    for feature in candidates(layer, search):
        geometry = feature.geometry()
        if geometry.isNull():
            continue
        polygons.append((text.feature_name(feature, text.feature_id(feature)), geometry, geometry.boundingBox()))
    return polygons


def _largest_overlap(polygons, plan_feature):
    """The name of the municipality polygon that overlaps the plan feature most, or None."""
    measure = Measure(plan_feature)
    box = plan_feature.geometry.boundingBox()
    best = None
    for name, geometry, bbox in polygons:
        if not bbox.intersects(box) or not measure.intersects(geometry):
            continue
        overlap = measure.overlap(geometry)
        area = overlap.area() if not overlap.isNull() else 0.0
        if best is None or area > best[1]:
            best = (name, area)
    return best[0] if best is not None else None
