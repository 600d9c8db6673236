"""The four states of each (plan area, rule) pair (contract section 4, ``OUTCOMES``) and the
plan areas' purposes that decide which rules apply."""

import functools
from datetime import timezone

from .. import util
from ..errors import CacheError, NetworkError, RegionplanError
from ..i18n import N_, translate, ui_speaks
from ..vocabulary import AFFECTED, NOT_AFFECTED, NOT_APPLICABLE, NOT_CHECKED
from .results import AreaOutcome

VERSION_KEYS = ("etag", "version", "content_hash")


_NETWORK_REASONS = {
    "timeout": N_("the service did not answer in time"),
    "unreachable": N_("the service could not be reached"),
    "http": N_("the service answered with an error"),
    "auth": N_("the service refused access"),
    "tls": N_("the secure connection to the service failed"),
    "refused": N_("the service asked not to be asked again for a while"),
}


def error_reason(error, lang: str) -> str:
    """Why data could not be had, in ``lang`` (the report's language, which under ``qgis_process``
    need not be the user interface's): the error's own message said again in ``lang`` when it
    keeps its source, the message itself when the interface speaks ``lang``, else a short reason
    of its kind ("the service could not be reached")."""
    said = error.said_in(lang) if isinstance(error, RegionplanError) else None
    if said:
        return said
    if ui_speaks(lang):
        return str(error)
    if isinstance(error, NetworkError):
        return translate(_NETWORK_REASONS.get(error.kind, N_("the service's answer could not be used")), lang)
    if isinstance(error, CacheError):
        return translate("the offline cache could not be used", lang)
    return translate("the data could not be had", lang)


def data_version(provenance) -> str:
    """The version of the data used: its ETag, version keyword or content hash (the first given)."""
    if provenance is None:
        return ""
    for key in VERSION_KEYS:
        value = getattr(provenance, key)
        if value:
            return str(value)
    return ""


def fetched_at(provenance) -> str:
    """When the data was fetched, ISO 8601 UTC (``2026-12-01T11:02:41Z``), else ''."""
    return _utc_text((provenance.fetched_at if provenance is not None else None) or "")


@functools.lru_cache(maxsize=256)
def _utc_text(text: str) -> str:
    when = util.parse_iso(text)
    if when is None:
        return ""
    return when.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def stamp(provenance) -> tuple:
    """``(data_version, fetched_at)`` of the data used, once per rule (not per plan area)."""
    return data_version(provenance), fetched_at(provenance)


def area_outcome(plan, rule, state: str, findings: int = 0, reason: str = "", provenance=None,
                 stamped=None) -> AreaOutcome:
    """One (plan area, rule) outcome with the data's collection, version and fetch time
    (``stamped``: their :func:`stamp`, when the caller made it once for the rule)."""
    version, fetched = stamped if stamped is not None else stamp(provenance)
    return AreaOutcome(plan_index=plan.index, plan_fid=plan.fid, rule_id=rule.id, state=state, findings=findings,
                       reason=reason, collection=rule.collection, data_version=version, fetched_at=fetched)


def found_state(findings: int) -> str:
    return AFFECTED if findings else NOT_AFFECTED


def assign_purposes(profile, plans, purpose, result) -> None:
    """Each plan area's purpose code: its own purpose value (the purpose field), else the
    ``purpose`` given for the whole layer, mapped with the profile's table. A value that is not
    known gives '' (every rule applies) and one note naming it."""
    whole = "" if purpose is None else str(purpose).strip()
    unknown = []
    for plan in plans:
        if not plan.purpose_value and whole:
            plan.purpose_value = whole
        plan.purpose = profile.purpose_of(plan.purpose_value) if plan.purpose_value else ""
        if plan.purpose_value and not plan.purpose and plan.purpose_value not in unknown:
            unknown.append(plan.purpose_value)
    for value in unknown:
        result.notes.append(translate("Purpose '{value}' is not known: every rule was applied.",
                                      result.lang).format(value=value))


def not_applicable(plan, rule, provenance=None, stamped=None) -> AreaOutcome:
    return area_outcome(plan, rule, NOT_APPLICABLE, provenance=provenance, stamped=stamped)


def not_checked(plan, rule, reason: str, provenance=None, stamped=None) -> AreaOutcome:
    return area_outcome(plan, rule, NOT_CHECKED, reason=reason, provenance=provenance, stamped=stamped)


def switched_off(plans, rules, lang: str) -> list:
    """The outcomes of the rules switched off for this run: not checked, and why."""
    reason = translate("switched off for this run", lang)
    return [not_checked(plan, rule, reason) for rule in rules for plan in plans]
