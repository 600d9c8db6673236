"""Every setting of the plugin: one typed key with its default, under ``regionplan/``.

Credentials are never stored here: only the id of a QGIS authentication
configuration (``authcfg``).
"""

import os
from dataclasses import dataclass
from typing import Any

from qgis.core import QgsApplication, QgsSettings

PREFIX = "regionplan/"


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    type: type

    def value(self):
        settings = QgsSettings()
        return settings.value(PREFIX + self.key, self.default, type=self.type)

    def set(self, value) -> None:
        QgsSettings().setValue(PREFIX + self.key, value)

    def reset(self) -> None:
        QgsSettings().remove(PREFIX + self.key)


# Where the profile comes from: "" = the bundled Örebro profile, else a file path or URL.
PROFILE_SOURCE = Setting("profile_source", "", str)
# Overrides the profile's service.url when not empty.
SERVICE_URL = Setting("service_url", "", str)
# Id of a QGIS authentication configuration used for every request to the service.
AUTHCFG = Setting("authcfg", "", str)
# The offline cache folder ("" = <QGIS profile>/regionplan/cache); REGIONPLAN_CACHE_DIR wins.
CACHE_DIR = Setting("cache_dir", "", str)
# Network timeout for one request, in seconds.
TIMEOUT_S = Setting("timeout_s", 30, int)
# Work only from the offline cache.
OFFLINE = Setting("offline", False, bool)
# Language of reports: "" = the QGIS locale.
REPORT_LANGUAGE = Setting("report_language", "", str)
# The reviewer's folder of case files (the inbox lists its *.gpkg); "" = none chosen.
CASES_DIR = Setting("cases_dir", "", str)
# A .docx or .odt template for the exported statement ("" = the plain built-in layout).
STATEMENT_TEMPLATE = Setting("statement_template", "", str)

ALL = (PROFILE_SOURCE, SERVICE_URL, AUTHCFG, CACHE_DIR, TIMEOUT_S, OFFLINE, REPORT_LANGUAGE, CASES_DIR,
       STATEMENT_TEMPLATE)


AUTH_PREFIX = PREFIX + "auth/"


def source_authcfg(profile_id: str, source_id: str) -> str:
    """The id of the QGIS authentication configuration chosen for one source of a profile
    (``regionplan/auth/<profile id>/<source id>``), "" = none. Only the id: the credentials stay
    in the QGIS authentication manager."""
    return str(QgsSettings().value(f"{AUTH_PREFIX}{profile_id}/{source_id}", "", type=str) or "").strip()


def set_source_authcfg(profile_id: str, source_id: str, authcfg: str) -> None:
    key = f"{AUTH_PREFIX}{profile_id}/{source_id}"
    if (authcfg or "").strip():
        QgsSettings().setValue(key, authcfg.strip())
    else:
        QgsSettings().remove(key)


def source_authcfgs(profile_id: str) -> dict:
    """Every ``{source id: authcfg}`` chosen for a profile."""
    settings = QgsSettings()
    settings.beginGroup(f"{AUTH_PREFIX}{profile_id}")
    try:
        return {key: str(settings.value(key, "", type=str)) for key in settings.childKeys()}
    finally:
        settings.endGroup()


def cache_dir() -> str:
    """The cache folder: ``REGIONPLAN_CACHE_DIR``, else the setting, else in the QGIS profile."""
    env = os.environ.get("REGIONPLAN_CACHE_DIR", "").strip()
    if env:
        return env
    configured = (CACHE_DIR.value() or "").strip()
    if configured:
        return configured
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "regionplan", "cache")
