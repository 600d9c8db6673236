"""Background maps (WMS, WMTS, XYZ) and the offline basemap of an area (issue 17).

Re-exports: ``background_sources``, ``background_layer``, ``is_background_ref``,
``estimate``, ``cache_basemap``, ``BasemapError``, ``BasemapStore``,
``report_background_layers``."""

from .area import MUNICIPALITY_MARGIN_M, municipality_area
from .render import BasemapError, Estimate, cache_basemap, estimate
from .sources import (
    BACKGROUND_TYPES,
    BackgroundSource,
    background_layer,
    background_layers,
    background_refs,
    background_sources,
    is_background_ref,
    layer_uri,
    source_authcfg,
)
from .store import BasemapEntry, BasemapStore, report_background_layers

__all__ = [
    "BACKGROUND_TYPES", "BackgroundSource", "BasemapEntry", "BasemapError", "BasemapStore", "Estimate",
    "background_layer", "background_layers", "background_refs", "background_sources", "cache_basemap",
    "estimate", "is_background_ref", "layer_uri", "report_background_layers", "source_authcfg",
    "MUNICIPALITY_MARGIN_M", "municipality_area",
]
