"""Where the plugin's files are, both in a source checkout and in an installed zip.

In the repository ``resources/``, ``i18n/`` and ``metadata.txt`` sit next to the
``regionplan_plugin`` package; in the release zip they are copied inside it.
"""

import configparser
import functools
import os

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_REPO_DIR = os.path.dirname(PLUGIN_DIR)


def _find(name: str) -> str:
    inside = os.path.join(PLUGIN_DIR, name)
    if os.path.exists(inside):
        return inside
    return os.path.join(_REPO_DIR, name)


def resources_dir() -> str:
    return _find("resources")


def resource(*parts: str) -> str:
    return os.path.join(resources_dir(), *parts)


def i18n_dir() -> str:
    return _find("i18n")


def metadata_path() -> str:
    return _find("metadata.txt")


def bundled_profile_path() -> str:
    return resource("profiles", "orebro.json")


@functools.lru_cache(maxsize=1)
def plugin_version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(metadata_path(), encoding="utf-8")
        return parser.get("general", "version")
    except (configparser.Error, OSError):
        return "0"
