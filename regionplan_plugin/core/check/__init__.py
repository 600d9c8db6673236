"""The plan check engine: rules x plan features -> findings (``shared/contract/profile.md`` §2).

``run_check(profile, plan, data, ...)`` measures every plan feature P against every
matching feature F of each rule's collection, planar in the profile CRS:

* the plan is a ``QgsVectorLayer`` (optionally only its selection) or any
  ``QgsFeatureSource`` (Processing hands a ``QgsProcessingFeatureSource`` that already
  honours "selected features only"); plan features are transformed into the profile
  CRS, curves are segmentized, Z/M dropped, invalid geometries repaired with
  ``makeValid()`` (each repair is recorded);
* ``data`` gives the regional datasets (see ``core/sources/``): ``source(cid, rect,
  feedback) -> (QgsVectorLayer in the profile CRS, Provenance)`` with at least every
  feature whose bbox meets ``rect``, and ``extent(cid, feedback) -> QgsRectangle | None``;
* candidates are found by bbox (``setFilterRect``, backed by the GeoPackage R-tree or a
  memory layer's index), the rule filter is evaluated only on those, and the plan
  geometry is tested through a prepared GEOS engine: cost grows with the features near
  the plan, not with the size of the dataset.

Findings geometry: P ∩ F for a polygon F that overlaps P; the shortest line P-F
otherwise (a point where they touch); P itself for a ``beyond_distance`` finding with no
F at all. The findings *layer* has the geometry type ``GeometryCollection`` (each feature
holds one part) because one layer has to carry polygons, lines and points; QGIS does not
draw GeometryCollection layers, so maps use ``core/styling.py``'s ``display_layers`` (one
styled layer per geometry type; the check never imports it). See docs/INTERNALS.md.

This package re-exports the names callers imported from the former ``core/check.py``.
"""

from ..vocabulary import SEVERITIES
from .engine import run_check
from .municipalities import BOUNDARY_COLLECTIONS, MUNICIPALITY_POLYGONS
from .results import (
    FIELD_NAMES,
    FINDINGS_WKB_TYPE,
    AreaOutcome,
    CheckResult,
    Finding,
    PlanFeature,
    Repair,
    RuleOutcome,
    StatisticValue,
    as_collection,
    findings_fields,
    findings_layer,
)

__all__ = [
    "BOUNDARY_COLLECTIONS",
    "FIELD_NAMES",
    "FINDINGS_WKB_TYPE",
    "MUNICIPALITY_POLYGONS",
    "SEVERITIES",
    "AreaOutcome",
    "CheckResult",
    "Finding",
    "PlanFeature",
    "Repair",
    "RuleOutcome",
    "StatisticValue",
    "as_collection",
    "findings_fields",
    "findings_layer",
    "run_check",
]
