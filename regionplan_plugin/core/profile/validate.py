"""Validation of a profile read from JSON, following ``contract/profile.md`` to the letter:
every problem as ``<place>: <problem>``, all of them in one :class:`ProfileError`."""

import copy
import hashlib
import json
import math
from typing import Dict, List, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsUnitTypes

from ..errors import ProfileError
from ..i18n import tr, trn
from ..vocabulary import DISTANCE_RELATIONS, RELATIONS, SEVERITIES
from .model import (
    ID_PATTERN,
    MAX_ERRORS,
    RULE_KEYS,
    SCHEMA,
    SCHEMAS,
    SERVICE_KEYS,
    SERVICE_TYPES,
    THEME_KEYS,
    TOP_KEYS,
    TOP_KEYS_V2,
    Profile,
    Rule,
    Theme,
)
from .parts import AUTHORITIES, DEFAULT_AUTHORITY, PartsValidation
from .sources import SCHEMA_V2, V1_SOURCE_ID, SourceSpec, SourcesValidation
from .template import TemplateValidation
from .values import _is_http_url, _is_number, _show, _type_name


class _Validator(PartsValidation, SourcesValidation, TemplateValidation):
    def __init__(self):
        self.errors: List[str] = []
        self.warnings: List[str] = []

    def error(self, text: str) -> None:
        self.errors.append(text)

    def unknown_keys(self, obj: dict, known, place: str) -> None:
        for key in obj:
            if key not in known:
                where = f"{place}.{key}" if place else str(key)
                self.warnings.append(tr("{place}: unknown key, ignored").format(place=where))

    def missing(self, place: str) -> None:
        self.error(tr("{place}: required, but missing").format(place=place))

    def wrong_type(self, place: str, expected: str, value) -> None:
        self.error(tr("{place}: must be {expected}, not {actual}").format(
            place=place, expected=expected, actual=_type_name(value)))

    def text(self, obj: dict, key: str, place: str, required=True) -> Optional[str]:
        if key not in obj or (obj[key] is None and not required):
            if required:
                self.missing(place)
            return None
        value = obj[key]
        if not isinstance(value, str):
            self.wrong_type(place, tr("a string"), value)
            return None
        return value

    def ident(self, obj: dict, key: str, place: str) -> Optional[str]:
        value = self.text(obj, key, place)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.error(tr("{place}: {value} must be 1 to 64 characters from a-z, 0-9, _ and -").format(
                place=place, value=_show(value)))
            return None
        return value

    def one_of(self, obj: dict, key: str, place: str, allowed) -> Optional[str]:
        value = self.text(obj, key, place)
        if value is None:
            return None
        if value not in allowed:
            self.error(tr("{place}: {value} is not one of {allowed}").format(
                place=place, value=_show(value), allowed=", ".join(allowed)))
            return None
        return value

    def lang_dict(self, obj: dict, key: str, place: str) -> Optional[Dict[str, str]]:
        if key not in obj:
            self.missing(place)
            return None
        value = obj[key]
        if not isinstance(value, dict):
            self.wrong_type(place, tr("an object of texts by language, like {example}").format(
                example='{"sv": "...", "en": "..."}'), value)
            return None
        result = {}
        ok = True
        for lang, text in value.items():
            sub = f"{place}.{lang}"
            if not isinstance(text, str):
                self.wrong_type(sub, tr("a string"), text)
                ok = False
            elif not text.strip():
                self.error(tr("{place}: must not be empty").format(place=sub))
                ok = False
            else:
                result[str(lang)] = text
        if "sv" not in value:
            self.error(tr("{place}: a Swedish text (sv) is required").format(place=f"{place}.sv"))
            ok = False
        return result if ok else None

    def number(self, obj: dict, key: str, place: str) -> Optional[float]:
        value = obj[key]
        if not _is_number(value):
            self.wrong_type(place, tr("a number"), value)
            return None
        if not math.isfinite(float(value)):
            self.error(tr("{place}: {value} is not a finite number").format(place=place, value=_show(value)))
            return None
        return float(value)

    # -- the document ----------------------------------------------------------------------------

    def profile(self, obj, source: str, sha256: str) -> Optional[Profile]:
        if not isinstance(obj, dict):
            self.error(tr("the profile must be a JSON object, not {actual}").format(actual=_type_name(obj)))
            return None
        schema = self.text(obj, "schema", "schema")
        if schema is not None and schema not in SCHEMAS:
            self.error(tr("schema: {value} is not supported; this version of the plugin reads {expected}").format(
                value=_show(schema),
                expected=tr("{first} or {second}").format(first=_show(SCHEMA), second=_show(SCHEMA_V2))))
        version2 = schema == SCHEMA_V2
        self.unknown_keys(obj, TOP_KEYS_V2 if version2 else TOP_KEYS, "")
        profile_id = self.ident(obj, "id", "id")
        name = self.lang_dict(obj, "name", "name")
        if version2:
            sources = self.sources(obj)
            data = [s for s in sources if not s.background]
            service_type, service_url = (data[0].type, data[0].url) if data else (None, None)
        else:
            service_type, service_url = self.service(obj)
            sources = [SourceSpec(id=V1_SOURCE_ID, type=service_type, url=service_url)] if service_url else []
        crs = self.crs(obj)
        themes = self.themes(obj)
        datasets = self.datasets(obj, sources, [t.id for t in themes]) if version2 else []
        rules = self.rules(obj)
        statistics = self.statistics(obj)
        if version2 and sources:
            self.references(obj, "rules", sources, datasets)
            self.references(obj, "statistics", sources, datasets)
        purposes = self.purposes(obj)
        templates = self.statement_template(obj) if version2 else {}
        report_background = self.report_background(obj, sources, datasets) if version2 else ""
        if self.errors:
            return None
        return Profile(schema=schema, id=profile_id, name=name, service_type=service_type, service_url=service_url,
                       crs=crs, themes=themes, rules=rules, source=source, sha256=sha256,
                       warnings=list(self.warnings), raw=obj, statistics=statistics, purposes=purposes,
                       sources=sources, datasets=datasets, statement_templates=templates,
                       report_background=report_background)

    def service(self, obj):
        if "service" not in obj:
            self.missing("service")
            return None, None
        service = obj["service"]
        if not isinstance(service, dict):
            self.wrong_type("service", tr("an object"), service)
            return None, None
        self.unknown_keys(service, SERVICE_KEYS, "service")
        service_type = self.one_of(service, "type", "service.type", SERVICE_TYPES)
        url = self.text(service, "url", "service.url")
        if url is not None and not _is_http_url(url.strip()):
            self.error(tr("{place}: {value} is not an http(s) URL").format(place="service.url", value=_show(url)))
            url = None
        return service_type, url.strip() if url else url

    def crs(self, obj) -> Optional[str]:
        value = self.text(obj, "crs", "crs")
        if value is None:
            return None
        text = value.strip()
        crs = QgsCoordinateReferenceSystem(text) if text and len(text) < 20000 else QgsCoordinateReferenceSystem()
        if not crs.isValid():
            self.error(tr("crs: {value} is not a coordinate reference system QGIS knows").format(value=_show(value)))
            return None
        if crs.isGeographic():
            self.error(tr("crs: {value} is geographic (degrees); the check measures in metres, so use a projected "
                          "CRS such as EPSG:3006").format(value=_show(value)))
            return None
        if crs.mapUnits() != QgsUnitTypes.DistanceUnit.DistanceMeters:
            self.error(tr("crs: {value} does not use metres; use a projected CRS in metres such as EPSG:3006").format(
                value=_show(value)))
            return None
        return text

    def themes(self, obj) -> List[Theme]:
        themes, seen = [], {}
        for place, item in self.objects(obj, "themes"):
            self.unknown_keys(item, THEME_KEYS, place)
            theme_id = self.text(item, "id", f"{place}.id")
            if theme_id is not None and (not theme_id.strip() or len(theme_id) > 64 or
                                         any(ch.isspace() for ch in theme_id)):
                self.error(tr("{place}: {value} must be 1 to 64 characters without spaces").format(
                    place=f"{place}.id", value=_show(theme_id)))
                theme_id = None
            if theme_id is not None and theme_id in seen:
                self.error(tr("{place}: the theme id {value} is already used by {other}").format(
                    place=f"{place}.id", value=_show(theme_id), other=seen[theme_id]))
                theme_id = None
            title = self.lang_dict(item, "title", f"{place}.title")
            if theme_id is not None:
                seen[theme_id] = place
            if theme_id is not None and title is not None:
                themes.append(Theme(id=theme_id, title=title))
        return themes

    def rules(self, obj) -> List[Rule]:
        rules, seen = [], {}
        for place, item in self.objects(obj, "rules"):
            rule = self.rule(item, place, seen)
            if rule is not None:
                rules.append(rule)
            if len(self.errors) >= 10 * MAX_ERRORS:
                break
        return rules

    def rule(self, item: dict, place: str, seen: dict) -> Optional[Rule]:
        before = len(self.errors)
        self.unknown_keys(item, RULE_KEYS, place)
        rule_id = self.unique_id(item, place, seen, tr("{place}: the rule id {value} is already used by {other}"))
        title = self.lang_dict(item, "title", f"{place}.title")
        collection, filter_text = self.collection_and_filter(item, place)
        relation = self.one_of(item, "relation", f"{place}.relation", RELATIONS)
        distance = self.distance(item, place)
        if distance is not None and relation == "intersects":
            self.warnings.append(tr("{place}: ignored for the relation 'intersects'").format(
                place=f"{place}.distance_m"))
        elif item.get("distance_m") is None and relation in DISTANCE_RELATIONS:
            self.error(tr("{place}: required for the relation {relation}").format(
                place=f"{place}.distance_m", relation=_show(relation)))
        overlap = 0.0
        if item.get("min_overlap_m2") is not None:
            overlap = self.number(item, "min_overlap_m2", f"{place}.min_overlap_m2")
            if overlap is not None and overlap < 0:
                self.error(tr("{place}: must be 0 or more, not {value}").format(
                    place=f"{place}.min_overlap_m2", value=_show(item["min_overlap_m2"])))
            elif overlap and relation in DISTANCE_RELATIONS:
                self.warnings.append(tr("{place}: only used by the relation 'intersects'").format(
                    place=f"{place}.min_overlap_m2"))
        severity = self.one_of(item, "severity", f"{place}.severity", SEVERITIES)
        message = self.lang_dict(item, "message", f"{place}.message")
        reference = self.text(item, "reference", f"{place}.reference", required=False)
        applies_to = self.applies_to(item, place, rule_id)
        authority = DEFAULT_AUTHORITY
        if item.get("authority") is not None:
            authority = self.one_of(item, "authority", f"{place}.authority", AUTHORITIES)
        if len(self.errors) > before:
            return None
        return Rule(id=rule_id, title=title, collection=collection, filter=filter_text, relation=relation,
                    distance_m=distance, min_overlap_m2=overlap or 0.0, severity=severity, message=message,
                    reference=reference or "", applies_to=applies_to, authority=authority)


def _raise(validator: _Validator, source: str = "", prefix: bool = False):
    lines = validator.errors[:MAX_ERRORS]
    if len(validator.errors) > MAX_ERRORS:
        more = len(validator.errors) - MAX_ERRORS
        lines.append(trn("... and {count} more problem", "... and {count} more problems", more).format(count=more))
    message = "\n".join(lines)
    if prefix and source:
        message = tr("The profile {source} is not valid:").format(source=source) + "\n" + message
    error = ProfileError(message)
    error.problems = list(validator.errors)
    error.source = source
    raise error


def _canonical_sha256(obj) -> str:
    try:
        data = json.dumps(obj, sort_keys=True, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError, RecursionError):
        data = repr(type(obj)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def parse_profile(obj, source: str = "", sha256: str = "") -> Profile:
    """Validate a profile already read from JSON; ProfileError lists every problem."""
    validator = _Validator()
    try:
        profile = validator.profile(obj, source, sha256 or _canonical_sha256(obj))
    except RecursionError:
        validator.error(tr("the profile is nested too deeply"))
        profile = None
    if profile is None:
        if not validator.errors:
            validator.error(tr("the profile is not valid"))
        _raise(validator, source)
    profile.raw = copy.deepcopy(obj) if isinstance(obj, dict) else obj
    return profile
