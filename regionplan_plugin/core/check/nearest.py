"""The nearest-feature search of ``beyond_distance``: grow a box until nothing nearer can lie outside."""

from qgis.core import QgsFeature

from .. import util
from ..errors import Cancelled
from ..i18n import tr
from .matcher import matching
from .measure import Measure
from .results import PlanFeature


def nearest(data, rule, plan: PlanFeature, matcher_for, feedback, start: float):
    """The nearest matching feature of the whole collection: grow a search box around P
    until a match is found, then make sure nothing nearer lies outside the box searched."""
    extent = data.extent(rule.collection, feedback)
    bbox = plan.geometry.boundingBox()
    radius = max(start, 100.0)
    measure = Measure(plan)
    best = None
    for _round in range(40):
        if util.is_canceled(feedback):
            raise Cancelled(tr("The check was cancelled."))
        rect = bbox.buffered(radius)
        layer, _provenance = data.source(rule.collection, rect, feedback)
        best = None
        for feature, geometry in matching(layer, rect, matcher_for(layer)):
            distance = measure.distance(geometry)
            if best is None or distance < best[1]:
                best = (QgsFeature(feature), distance)
        if best is not None:
            if best[1] <= radius:
                return best, layer
            radius = best[1] * 1.0001 + 1.0
            continue
        covered = extent is not None and (
            rect.xMinimum() <= extent.xMinimum() and rect.yMinimum() <= extent.yMinimum()
            and rect.xMaximum() >= extent.xMaximum() and rect.yMaximum() >= extent.yMaximum()
        )  # (an unknown extent: keep growing up to the limit)
        if covered or radius > 5.0e6:
            return None, layer
        radius *= 4.0
    return best, None
