"""Which kind of source a profile's ``sources[].type`` names (profile version 2, issue 15).

``SOURCE_TYPES`` maps a source type (``ogcapi-features``, ``wfs``, ``arcgis-featureserver``,
``download``, ``atom``) to a factory ``(SourceSpec, HttpClient) -> DataSource``. A module that
implements a source type calls :func:`register` at import; :func:`open_source` opens one
source of a profile. Background types (``wms``, ``wmts``, ``xyz``) are no data sources: a rule
never names them, so they have no factory here.
"""

from typing import Callable, Dict

from ..errors import ProfileError
from ..i18n import tr

SOURCE_TYPES: Dict[str, Callable] = {}


def register(type_name: str, factory: Callable) -> None:
    """Make ``factory(spec, http) -> DataSource`` the implementation of ``type_name``."""
    SOURCE_TYPES[type_name] = factory


def _load_builtin() -> None:
    # imported here, not at the top: each of these modules registers itself with this one
    from . import arcgis, atom, download, ogcapi, wfs  # noqa: F401


def open_source(spec, http):
    """The DataSource for one profile source ``spec`` (a ``SourceSpec``), using ``http``."""
    _load_builtin()
    factory = SOURCE_TYPES.get(spec.type)
    if factory is None:
        raise ProfileError(tr("The source {id} has the type {type}, which this version of the plugin cannot read "
                              "features from.").format(id=spec.id, type=spec.type))
    return factory(spec, http)
