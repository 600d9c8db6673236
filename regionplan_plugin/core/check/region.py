"""Where the profile's region is: plan features far outside it are not checked."""

from typing import Optional

from qgis.core import QgsRectangle

from .municipalities import _boundary_collections


def _region_extent(data, rules, feedback) -> Optional[QgsRectangle]:
    collections = _boundary_collections(data, rules) or list(dict.fromkeys(rule.collection for rule in rules))
    region = None
    for cid in collections:
        try:
            rect = data.extent(cid, feedback)
        except Exception:  # noqa: BLE001 - the extent is only a hint for a note
            rect = None
        if rect is None or rect.isEmpty():
            continue
        if region is None:
            region = QgsRectangle(rect)
        else:
            region.combineExtentWith(rect)
    return region
