"""Where the profile's region is: plan features far outside it are not checked (and the notes say so)."""

from typing import Optional

from qgis.core import QgsRectangle

from ..i18n import localized, translate, translaten
from .municipalities import boundary_collections


def region_extent(data, rules, feedback) -> Optional[QgsRectangle]:
    """The extent of the region's boundary collections (else of the rules' collections), or None."""
    collections = boundary_collections(data, rules) or list(dict.fromkeys(rule.collection for rule in rules))
    rects = []
    for cid in collections:
        try:
            rects.append(data.extent(cid, feedback))
        except Exception:  # noqa: BLE001 - the extent is only a hint for a note
            continue
    return _union(rect for rect in rects if rect is not None and not rect.isEmpty())


def _union(rects) -> Optional[QgsRectangle]:
    union = None
    for rect in rects:
        if union is None:
            union = QgsRectangle(rect)
        else:
            union.combineExtentWith(rect)
    return union


def mark_outside_region(profile, data, rules, plans, max_distance: float, result, feedback) -> None:
    """Set ``checked = False`` on the plan features whose bbox lies farther than the rules'
    largest distance from the region's extent, and say so in ``result.notes``."""
    lang = result.lang
    region = region_extent(data, rules, feedback) if rules else None
    result.region_extent = region
    if region is None:
        return
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


def search_box(checked, max_distance: float) -> Optional[QgsRectangle]:
    """The box the rules' data is asked for: every checked plan feature's bbox, grown by the
    rules' largest distance (None without a checked plan feature)."""
    search = _union(plan_feature.geometry.boundingBox() for plan_feature in checked)
    return search.buffered(max_distance) if search is not None else None
