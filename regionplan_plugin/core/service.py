"""Transitional shim: the OGC API - Features client lives in ``core/sources/`` (issue 12).
Tests and scripts import these names from here; new code imports from ``core.sources``."""

from .sources import (  # noqa: F401
    CRS84,
    CRS84_URI,
    DEFAULT_LIMIT,
    GEOJSON_ACCEPT,
    FeatureParser,
    OgcFeaturesService,
    Page,
    ParsedFeature,
    RemoteVersion,
    axis_inverted,
    crs_uri,
    keyword_value,
    keywords,
    normalize_crs,
    offered_crs,
    origin,
    qgs_crs,
    sniff_coordinates,
    with_params,
)
