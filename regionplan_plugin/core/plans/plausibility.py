"""Is a plan where its CRS says it is? Common mistakes: a plan in a SWEREF 99 local zone
labelled as SWEREF 99 TM, and RT 90 labelled as SWEREF 99 TM.

:func:`check_plausibility` tries the candidate CRSs and names the one that puts the plan in
Sweden (and in the region, when its extent is given)."""

from dataclasses import dataclass
from typing import List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
)

from ..i18n import tr

#: SWEREF 99 TM, the twelve SWEREF 99 local zones, RT 90 2.5 gon V.
CANDIDATES = ("EPSG:3006",) + tuple(f"EPSG:{code}" for code in range(3007, 3019)) + ("EPSG:3021",)
#: Sweden's extent in SWEREF 99 TM (a generous box around the land and the territorial sea).
SWEDEN_3006 = QgsRectangle(250000, 6120000, 930000, 7700000)


@dataclass
class Plausibility:
    ok: bool
    inside_sweden: bool
    inside_region: Optional[bool]
    likely_crs: List[str]
    message: str = ""


def _centre_in_3006(point: QgsPointXY, crs: str) -> Optional[QgsPointXY]:
    try:
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(crs), QgsCoordinateReferenceSystem("EPSG:3006"),
                                           QgsCoordinateTransformContext())
        return transform.transform(point)
    except Exception:  # noqa: BLE001 - QgsCsException: the point is outside what the CRS can transform
        return None


# SWEREF 99 local zones by where they are used: 12 00 to 18 00 in the south, the others in the north
SOUTH_ZONES = ("EPSG:3007", "EPSG:3008", "EPSG:3009", "EPSG:3010", "EPSG:3011")
NORTH_LIMIT_3006 = 6720000  # about 60.5 degrees north


def _zone_rank(candidate: str, point: QgsPointXY) -> int:
    """0 for the zones used at that latitude, then RT 90, then the other zones."""
    if candidate == "EPSG:3021":
        return 1
    south = point.y() < NORTH_LIMIT_3006
    return 0 if (candidate in SOUTH_ZONES) == south else 2


def region_from_cache(cache, collections) -> Optional[QgsRectangle]:
    """The union extent, in EPSG:3006, of the cached copies of ``collections`` (the region's
    boundary collections), or None when none is cached or readable. No network: a panel
    offline gets the same answer as online."""
    union = None
    for cid in collections:
        try:
            if cache is None or cache.entry(cid) is None:
                continue
            layer = cache.layer(cid)
            rect = layer.extent()
            if layer.crs().authid() != "EPSG:3006":
                rect = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:3006"),
                                              QgsCoordinateTransformContext()).transformBoundingBox(rect)
        except Exception:  # noqa: BLE001 - a damaged copy or a transform error: the region is only a hint
            continue
        if rect.isEmpty():
            continue
        if union is None:
            union = QgsRectangle(rect)
        else:
            union.combineExtentWith(rect)
    return union


def check_plausibility(geometry: QgsGeometry, crs: str, region: Optional[QgsRectangle] = None) -> Plausibility:
    """Check the plan ``geometry`` (in ``crs``) against Sweden and the ``region`` (a rectangle in
    EPSG:3006). ``message`` is a translated warning naming the likely right CRS, empty when fine."""
    centre = geometry.boundingBox().center()
    here = _centre_in_3006(centre, crs)
    in_sweden = here is not None and SWEDEN_3006.contains(here)
    in_region = None if region is None or here is None else region.contains(here)
    if in_sweden and in_region is not False:
        return Plausibility(True, True, in_region, [crs])
    fits = []
    for candidate in CANDIDATES:
        if candidate == crs:
            continue
        point = _centre_in_3006(centre, candidate)
        if point is None or not SWEDEN_3006.contains(point):
            continue
        if region is not None and not region.contains(point):
            continue
        if region is not None:
            fits.append((0, point.sqrDist(region.center()), candidate))
        else:
            fits.append((_zone_rank(candidate, point), 0.0, candidate))
    likely = [candidate for _rank, _d, candidate in sorted(fits)]
    if not in_sweden:
        text = tr("The plan's coordinates lie outside Sweden in its coordinate system {crs}.").format(crs=crs)
    else:
        text = tr("The plan lies outside the region in its coordinate system {crs}.").format(crs=crs)
    if likely:
        text += " " + tr("They fit {likely}: the file is probably in that system, wrongly labelled. "
                         "Choose it and import the plan again.").format(likely=" / ".join(likely))
    else:
        text += " " + tr("No usual Swedish coordinate system puts it in place: check the file.")
    return Plausibility(False, in_sweden, in_region, likely, text)
