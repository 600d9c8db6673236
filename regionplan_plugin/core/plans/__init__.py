"""Plan input: delivered plans (detaljplan 4.1 JSON, Boverket's ÖP model) and any plan file,
read into :class:`PlanAreas`, checked for a plausible CRS, and made into a plan layer."""

from .detaljplan import MEDIA_TYPE, looks_like_detaljplan, read_detaljplan
from .files import CRS_CHOICES, read_plan_file
from .model import FIELD_NAMES, MODES, PER_USE, WHOLE, CrsNeededError, PlanArea, PlanAreas, PlanFileError
from .opmodel import is_op_model, read_op_model
from .plausibility import CANDIDATES, Plausibility, check_plausibility, region_from_cache


def read_plan(path: str, crs: str = "") -> PlanAreas:
    """Read any plan file: a detaljplan 4.1 JSON, an ÖP-model GeoPackage, else any OGR file
    (``crs`` for a file without one)."""
    if looks_like_detaljplan(path):
        return read_detaljplan(path)
    if is_op_model(path):
        return read_op_model(path)
    return read_plan_file(path, crs=crs)


__all__ = [
    "CANDIDATES", "CRS_CHOICES", "FIELD_NAMES", "MEDIA_TYPE", "MODES", "PER_USE", "WHOLE", "CrsNeededError",
    "PlanArea", "PlanAreas", "PlanFileError", "Plausibility", "check_plausibility", "is_op_model", "region_from_cache",
    "looks_like_detaljplan", "read_detaljplan", "read_op_model", "read_plan", "read_plan_file",
]
