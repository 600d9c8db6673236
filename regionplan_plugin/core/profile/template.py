"""The statement template of a profile (version 2, optional key ``statement_template``): the
region's own .docx/.odt letterhead with placeholders for the exported statement.

``"statement_template": "mallar/yttrande.docx"`` (one format, named by the file's extension) or
``{"docx": "…/yttrande.docx", "odt": "…/yttrande.odt"}``. Each is a path relative to the profile's
own location (its folder, or its URL), an absolute path, or an http(s) URL. A template fetched
over the network is kept in the cache folder (``<cache>/.profiles/templates/``) and used from
there offline, or when its server cannot be reached, with a note; as the profile itself is.

Which template an export uses (:func:`statement_template`): the one in the plugin's settings
when it is of the format asked for, else the profile's, else none (the built-in layout).
"""

import hashlib
import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from typing import Dict, List, Optional
from urllib.parse import urljoin

from .. import settings, util
from ..errors import NetworkError, ProfileError
from ..i18n import tr
from .values import _is_http_url, _show

TEMPLATE_KEY = "statement_template"
TEMPLATE_KINDS = ("docx", "odt")
SETTINGS, PROFILE, BUILT_IN = "settings", "profile", "built-in"


def _kind_of(ref: str) -> str:
    path = ref.split("?", 1)[0].split("#", 1)[0]
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    return ext if ext in TEMPLATE_KINDS else ""


class TemplateValidation:
    """Mixed into the profile validator (``validate._Validator``)."""

    def statement_template(self, obj) -> Dict[str, str]:
        """``{kind: reference}`` of the profile's ``statement_template`` ({} when absent)."""
        value = obj.get(TEMPLATE_KEY)
        if value is None:
            return {}
        if isinstance(value, str):
            kind = _kind_of(value.strip())
            if not kind:
                self.error(tr("{place}: {value} must be a .docx or .odt file").format(
                    place=TEMPLATE_KEY, value=_show(value)))
                return {}
            items = {kind: value}
            places = {kind: TEMPLATE_KEY}
        elif isinstance(value, dict) and value:
            items, places = {}, {}
            for kind, ref in value.items():
                place = f"{TEMPLATE_KEY}.{kind}"
                if kind not in TEMPLATE_KINDS:
                    self.error(tr("{place}: {value} is not one of {allowed}").format(
                        place=TEMPLATE_KEY, value=_show(kind), allowed=", ".join(TEMPLATE_KINDS)))
                elif not isinstance(ref, str):
                    self.wrong_type(place, tr("a string"), ref)
                elif _kind_of(ref.strip()) != kind:
                    self.error(tr("{place}: {value} must be a .{kind} file").format(
                        place=place, value=_show(ref), kind=kind))
                else:
                    items[kind], places[kind] = ref, place
        elif isinstance(value, dict):
            self.error(tr("{place}: name a .docx or an .odt template (or both), or leave the key out").format(
                place=TEMPLATE_KEY))
            return {}
        else:
            self.wrong_type(TEMPLATE_KEY, tr('a file name or URL, or an object like {example}').format(
                example='{"docx": "yttrande.docx", "odt": "yttrande.odt"}'), value)
            return {}
        out = {}
        for kind, ref in items.items():
            text = ref.strip()
            scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]+):", text)
            if scheme and not _is_http_url(text) and not re.match(r"^[A-Za-z]:[\\/]", text):
                self.error(tr("{place}: {value} must be a file path (relative to the profile) or an http(s) "
                              "URL").format(place=places[kind], value=_show(ref)))
            else:
                out[kind] = text
        return out


@dataclass
class StatementTemplate:
    """The template an export uses: ``path`` (a local file, None = the built-in layout), where
    it comes from (``settings``, ``profile`` or ``built-in``) and notes for the user."""

    path: Optional[str]
    origin: str
    notes: List[str] = field(default_factory=list)


def template_reference(profile, kind: str) -> str:
    """The profile's template for ``kind`` resolved against the profile's location: an http(s)
    URL or a local path ('' when the profile names none)."""
    ref = (getattr(profile, "statement_templates", None) or {}).get(kind, "")
    if not ref or _is_http_url(ref):
        return ref
    source = getattr(profile, "source", "") or ""
    if _is_http_url(source):  # a published profile's template is published beside it, never a local file
        joined = urljoin(source, ref.replace("\\", "/"))
        if not _is_http_url(joined):
            raise ProfileError(tr("{place}: {value} must be a file path (relative to the profile) or an http(s) "
                                  "URL").format(place=TEMPLATE_KEY, value=_show(ref)))
        return joined
    if os.path.isabs(ref) or re.match(r"^[A-Za-z]:[\\/]", ref):
        return ref
    base = os.path.dirname(os.path.abspath(source)) if source else os.getcwd()
    return os.path.normpath(os.path.join(base, ref))


def _kept_path(url: str, kind: str) -> str:
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]
    return os.path.join(settings.cache_dir(), ".profiles", "templates", f"{digest}.{kind}")


def _keep(path: str, data: bytes) -> None:
    """Keep the downloaded template (best effort: a failure only means no offline copy)."""
    util.keep_copy(path, data)


def _when(path: str) -> str:
    return util.local_time(os.path.getmtime(path))


def _fetch(url: str, kind: str, http=None, offline: bool = False, feedback=None) -> StatementTemplate:
    kept = _kept_path(url, kind)
    if offline:
        if os.path.isfile(kept):
            return StatementTemplate(kept, PROFILE, [tr("Offline: the copy of the statement template downloaded on "
                                                        "{when} was used.").format(when=_when(kept))])
        raise ProfileError(tr("Offline, and the profile's statement template {url} has never been downloaded on "
                              "this computer. Connect to the network and export once, or choose a template in "
                              "the settings.").format(url=_show(url)))
    if http is None:
        from ..http import HttpClient

        http = HttpClient()
    try:
        response = http.get(url, feedback=feedback)
    except NetworkError as error:
        if error.kind != "cancelled" and os.path.isfile(kept):
            return StatementTemplate(kept, PROFILE, [tr("The profile's statement template could not be downloaded "
                                                        "({error}); using the copy from {when}.").format(
                error=str(error), when=_when(kept))])
        raise ProfileError(tr("The profile's statement template could not be downloaded from {url}: {error}").format(
            url=_show(url), error=str(error))) from None
    if not zipfile.is_zipfile(io.BytesIO(response.body)):
        raise ProfileError(tr("The profile's statement template {url} is not a .{kind} file.").format(
            url=_show(url), kind=kind))
    _keep(kept, response.body)
    if os.path.isfile(kept):
        return StatementTemplate(kept, PROFILE)
    # the cache folder cannot be written: use a temporary copy for this export
    handle, tmp = tempfile.mkstemp(prefix="regionplan-template-", suffix="." + kind)
    with os.fdopen(handle, "wb") as out:
        out.write(response.body)
    return StatementTemplate(tmp, PROFILE)


def profile_template(profile, kind: str, http=None, offline: bool = False, feedback=None) -> StatementTemplate:
    """The profile's template for ``kind`` as a local file (``path`` None when the profile
    names none). ProfileError when it names one that cannot be had."""
    ref = template_reference(profile, kind) if profile is not None else ""
    if not ref:
        return StatementTemplate(None, BUILT_IN)
    if _is_http_url(ref):
        return _fetch(ref, kind, http, offline, feedback)
    if not os.path.isfile(ref):
        raise ProfileError(tr("The statement template {path} that the profile names does not exist. Put it "
                              "beside the profile, or choose a template in the settings.").format(path=ref))
    return StatementTemplate(ref, PROFILE)


def statement_template(kind: str, profile=None, setting: Optional[str] = None, http=None, offline: bool = False,
                       feedback=None) -> StatementTemplate:
    """The template of an exported statement of format ``kind`` (``docx``/``odt``): the
    settings' (``setting``; None reads ``regionplan/statement_template``) when it is a
    ``.kind`` file, else the profile's, else the built-in layout (``path`` None)."""
    if kind not in TEMPLATE_KINDS:
        raise ValueError(kind)
    if setting is None:
        setting = settings.STATEMENT_TEMPLATE.value() or ""
    setting = (setting or "").strip()
    if setting and _kind_of(setting) == kind:
        return StatementTemplate(setting, SETTINGS)
    return profile_template(profile, kind, http=http, offline=offline, feedback=feedback)
