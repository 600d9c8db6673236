"""Source types by name (profile version 2, contract section 1b): ``open_source(spec, http)``.

``SOURCE_TYPES`` maps a source ``type`` to a factory ``(SourceSpec, HttpClient) -> DataSource``;
each source module registers its types at import (``register``).
"""

from typing import Callable, Dict

from ..errors import ProfileError
from ..i18n import tr
from .base import DataSource

SOURCE_TYPES: Dict[str, Callable] = {}


def register(type_name: str, factory: Callable) -> None:
    SOURCE_TYPES[type_name] = factory


def _ogcapi(spec, http) -> DataSource:
    from .ogcapi import OgcFeaturesService

    return OgcFeaturesService(spec.url, http)


register("ogcapi-features", _ogcapi)


def open_source(spec, http) -> DataSource:
    """The DataSource for ``spec`` (a ``SourceSpec``: ``type``, ``url``, ``version``...)."""
    from . import arcgis, wfs  # noqa: F401 - they register their types

    factory = SOURCE_TYPES.get(spec.type)
    if factory is None:
        raise ProfileError(tr("The profile names a source type this plugin cannot read: {type}.").format(
            type=spec.type))
    return factory(spec, http)
