"""Where the check's and the cache's data come from (issue 12, deliver item 3).

``base`` is the typed seam (the types every source yields); ``ogcapi`` is the OGC API -
Features client; ``geojson`` and ``crs`` read what it sends; ``paging`` and ``validity`` guard
it; ``access`` serves a profile's datasets to the check (cache or service), ``layers`` plain
layers. Every name importable from the old modules ``core.sources``, ``core.service``,
``core.paging`` and ``core.validity`` is importable from here.
"""

from .access import DataAccess, open_data
from .base import (
    DataAccessLike,
    DataSource,
    Page,
    ParsedFeature,
    Provenance,
    RemoteVersion,
    keyword_value,
    keywords,
)
from .crs import CRS84, CRS84_URI, axis_inverted, crs_uri, normalize_crs, offered_crs, qgs_crs, sniff_coordinates
from .geojson import FeatureParser
from .layers import ID_FIELD, LayerData, memory_layer_from_features
from .ogcapi import DEFAULT_LIMIT, GEOJSON_ACCEPT, OgcFeaturesService, origin, with_params
from .paging import PagingGuard, error_detail, number_matched, page_cap

__all__ = [
    "CRS84", "CRS84_URI", "DEFAULT_LIMIT", "GEOJSON_ACCEPT", "ID_FIELD",
    "DataAccess", "DataAccessLike", "DataSource",
    "FeatureParser", "LayerData", "OgcFeaturesService", "Page", "PagingGuard", "ParsedFeature", "Provenance",
    "RemoteVersion", "axis_inverted", "crs_uri", "error_detail", "keyword_value", "keywords",
    "memory_layer_from_features", "normalize_crs", "number_matched", "offered_crs", "open_data", "origin",
    "page_cap", "qgs_crs", "sniff_coordinates", "with_params",
]
