"""The region profile (``regionplan-profile/1``): load, validate, read.

A profile comes from the bundled file (Region Örebro län), a file path, or an http(s) URL
fetched through :class:`core.http.HttpClient` (:mod:`.load`). Validation follows
``contract/profile.md`` to the letter (:mod:`.validate`); rule filters may only use an
allowlist of side-effect-free functions (:mod:`.filters`). The classes are in :mod:`.model`
and :mod:`.parts`. This package re-exports the names of the former ``core/profile.py`` and
``core/profile_parts.py``.
"""

from ..vocabulary import DISTANCE_RELATIONS, RELATIONS, SEVERITIES
from .filters import SAFE_FUNCTIONS, check_filter
from .load import load_profile, parse_profile_bytes
from .model import MAX_PROFILE_BYTES, SCHEMA, Profile, Rule, Theme
from .parts import AUTHORITIES, DEFAULT_AUTHORITY, MEASURES, Statistic
from .validate import parse_profile

__all__ = [
    "AUTHORITIES", "DEFAULT_AUTHORITY", "DISTANCE_RELATIONS", "MAX_PROFILE_BYTES", "MEASURES", "RELATIONS",
    "SAFE_FUNCTIONS", "SCHEMA", "SEVERITIES", "Profile", "Rule", "Statistic", "Theme", "check_filter",
    "load_profile", "parse_profile", "parse_profile_bytes",
]
