"""Loading a profile (``regionplan-profile/1``): the bundled one, a file, or an http(s) URL.

A profile comes from the bundled file (Region Örebro län), a file path, or an http(s)
URL fetched through :class:`core.http.HttpClient`. Validation follows
``contract/profile.md`` to the letter. Every problem is reported as
``<place>: <problem>`` (``rules[3].relation: 'near' is not one of intersects,
within_distance, beyond_distance``); all problems found are listed, one a line, in one
:class:`ProfileError`. Unknown keys are not errors: they end up in ``profile.warnings``.

Rule filters are QGIS expressions on the collection's attributes. They are parsed with
``QgsExpression`` and may only use an allowlist of side-effect-free functions
(comparisons, boolean logic, arithmetic, string, date and conversion functions): a
filter can never run Python, read a file or a layer, look at variables or the
environment, or reach the network.

A profile fetched from a URL is kept in the cache folder; when the URL cannot be reached
(offline fieldwork), the last good copy is used and a warning says so.
"""

import hashlib
import json
import os
import re

from qgis.PyQt.QtCore import QUrl

from .. import paths, settings, util
from ..errors import NetworkError, ProfileError
from ..http import HttpClient
from ..i18n import tr
from .model import MAX_PROFILE_BYTES, Profile
from .validate import _raise, _Validator, parse_profile
from .values import _show


def _reject_constant(name):
    raise ValueError(tr("{name} is not allowed in JSON").format(name=name))


def parse_profile_bytes(data: bytes, source: str = "") -> Profile:
    """Decode, parse and validate the raw bytes of a profile."""
    shown = source or tr("(profile)")
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(tr("The profile {source} is larger than {limit} MB.").format(
            source=shown, limit=MAX_PROFILE_BYTES // (1024 * 1024)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProfileError(tr("The profile {source} is not UTF-8 text (invalid byte at position {position}).").format(
            source=shown, position=error.start)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ProfileError(tr("The profile {source} is not valid JSON: {problem} (line {line}, column {column}).")
                           .format(source=shown, problem=error.msg, line=error.lineno, column=error.colno)) from None
    except ValueError as error:
        raise ProfileError(tr("The profile {source} is not valid JSON: {problem}.").format(
            source=shown, problem=str(error))) from None
    except RecursionError:
        raise ProfileError(tr("The profile {source} is nested too deeply.").format(source=shown)) from None
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        return parse_profile(obj, source=source, sha256=sha256)
    except ProfileError as error:
        problems = getattr(error, "problems", [str(error)])
        validator = _Validator()
        validator.errors = problems
        _raise(validator, shown, prefix=True)


def _copy_path(url: str) -> str:
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]
    # ".profiles" can never be a profile id (ids have no dots), so it never meets a profile's cache folder
    return os.path.join(settings.cache_dir(), ".profiles", f"{digest}.json")


def _keep_copy(url: str, data: bytes) -> None:
    """Keep the last good copy of a URL profile for offline use (best effort)."""
    util.keep_copy(_copy_path(url), data)


def _kept_copy(url: str):
    """``(profile, when)``: the copy of a URL profile kept by its last download, and when."""
    copy_path = _copy_path(url)
    with open(copy_path, "rb") as handle:
        profile = parse_profile_bytes(handle.read(), source=url)
    return profile, util.local_time(os.path.getmtime(copy_path))


def _load_url(url: str, http, offline: bool = False) -> Profile:
    if offline:  # offline means no network at all: the kept copy, or a clear refusal
        if os.path.isfile(_copy_path(url)):
            profile, when = _kept_copy(url)
            profile.warnings.insert(0, tr("Offline: the copy of the profile downloaded on {when} was used.").format(
                when=when))
            return profile
        raise ProfileError(tr("Offline, and the profile {url} has never been downloaded on this computer. Connect "
                              "to the network and load it once, or use a profile file.").format(url=_show(url)))
    if http is None:
        http = HttpClient()
    try:
        response = http.get(url, headers={"Accept": "application/json"})
    except NetworkError as error:
        offline_ok = error.kind in ("unreachable", "timeout", "refused") or (
            error.kind == "http" and (error.status or 0) >= 500)
        if offline_ok and os.path.isfile(_copy_path(url)):
            profile, when = _kept_copy(url)
            profile.warnings.insert(0, tr("The profile could not be downloaded ({error}); using the copy from "
                                          "{when}.").format(error=str(error), when=when))
            return profile
        raise ProfileError(tr("The profile could not be downloaded from {url}: {error}").format(
            url=error.url or url, error=str(error))) from error
    profile = parse_profile_bytes(response.body, source=url)
    _keep_copy(url, response.body)
    return profile


def load_profile(source=None, http=None, service_url=None, offline: bool = False) -> Profile:
    """Load and validate a profile: None/"" = the bundled one, else a file path or an http(s) URL.
    ``service_url`` (when not empty) replaces ``service.url``. ``offline``: never touch the
    network; a URL profile is read from the copy kept by its last download (ProfileError if none)."""
    if source is not None and not isinstance(source, (str, os.PathLike)):
        raise ProfileError(tr("The profile source must be a file path or an http(s) URL."))
    text = os.fspath(source).strip() if source is not None else ""
    if not text:
        path = paths.bundled_profile_path()
        if not os.path.isfile(path):
            raise ProfileError(tr("The bundled profile is missing ({path}). Reinstall the plugin.").format(path=path))
        profile = _load_file(path)
    elif re.match(r"(?i)^https?://", text):
        profile = _load_url(text, http, offline)
    elif re.match(r"(?i)^file://", text):
        profile = _load_file(QUrl(text).toLocalFile())
    elif re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", text) and not re.match(r"^[A-Za-z]:[\\/]", text):
        raise ProfileError(tr("The profile source {source} is neither a file path nor an http(s) URL.").format(
            source=_show(text)))
    else:
        profile = _load_file(text)
    if service_url:
        profile = profile.with_service_url(service_url)
    return profile


def _load_file(path: str) -> Profile:
    try:
        size = os.path.getsize(path)
        if size > MAX_PROFILE_BYTES:
            raise ProfileError(tr("The profile {source} is larger than {limit} MB.").format(
                source=path, limit=MAX_PROFILE_BYTES // (1024 * 1024)))
        with open(path, "rb") as handle:
            data = handle.read()
    except IsADirectoryError:
        raise ProfileError(tr("The profile {source} is a folder, not a file.").format(source=path)) from None
    except FileNotFoundError:
        raise ProfileError(tr("The profile file {source} does not exist.").format(source=path)) from None
    except OSError as error:
        raise ProfileError(tr("The profile file {source} cannot be read: {reason}").format(
            source=path, reason=error.strerror or str(error))) from None
    return parse_profile_bytes(data, source=path)
