"""The region profile (``regionplan-profile/1``): load, validate, read.

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

import copy
import dataclasses
import hashlib
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from qgis.core import QgsCoordinateReferenceSystem, QgsExpression, QgsExpressionNode, QgsUnitTypes

from . import paths, settings
from .errors import NetworkError, ProfileError
from .i18n import localized, tr, trn
from .profile_parts import AUTHORITIES, DEFAULT_AUTHORITY, MEASURES, PartsValidation, Statistic  # noqa: F401 (re-exported)
from .purposes import PURPOSES, purpose_of
from .vocabulary import DISTANCE_RELATIONS, RELATIONS, SEVERITIES  # noqa: F401 (re-exported)

SCHEMA = "regionplan-profile/1"
ID_PATTERN = re.compile(r"[a-z0-9_-]{1,64}")
SERVICE_TYPES = ("ogcapi-features",)
MAX_PROFILE_BYTES = 16 * 1024 * 1024
MAX_FILTER_CHARS = 10000
MAX_ERRORS = 25

TOP_KEYS = ("schema", "id", "name", "service", "crs", "themes", "rules", "statistics", "purposes")
SERVICE_KEYS = ("type", "url")
THEME_KEYS = ("id", "title")
RULE_KEYS = ("id", "title", "collection", "filter", "relation", "distance_m", "min_overlap_m2", "severity",
             "message", "reference", "applies_to", "authority")

# Functions a rule filter may use: they only look at the feature being tested and have no
# side effects. Everything else (eval, env, var/@variables, get_feature, aggregates,
# represent_value, layer_property, file and URL functions, Python-registered functions,
# functions added by later QGIS versions) is refused.
SAFE_FUNCTIONS = frozenset(name.lower() for name in (
    # conditionals
    "coalesce", "if", "nullif", "regexp_match", "try",
    # maths
    "abs", "acos", "asin", "atan", "atan2", "ceil", "clamp", "cos", "degrees", "exp", "floor", "ln", "log",
    "log10", "max", "min", "pi", "radians", "round", "scale_linear", "scale_exp", "sin", "sqrt", "tan",
    # conversions
    "to_int", "to_real", "to_string", "to_date", "to_datetime", "to_time", "to_interval", "to_decimal",
    # strings
    "ascii", "char", "concat", "format", "format_number", "format_date", "left", "length", "lower", "lpad",
    "regexp_replace", "regexp_substr", "replace", "right", "rpad", "strpos", "substr", "title", "trim", "upper",
    "wordwrap", "levenshtein", "longest_common_substring", "hamming_distance", "soundex", "unaccent",
    "ltrim", "rtrim", "repeat", "starts_with", "ends_with", "regexp_matches", "reverse",
    # dates
    "age", "day", "day_of_week", "hour", "minute", "month", "second", "week", "year", "epoch",
    "datetime_from_epoch", "make_date", "make_datetime", "make_time", "make_interval", "now",
    # arrays and maps built inside the expression
    "array", "array_contains", "array_length", "array_get", "array_find", "array_to_string",
    "string_to_array", "array_first", "array_last", "array_distinct", "array_sort", "array_count",
    "map", "map_get", "map_akeys", "map_avals", "map_exist",
    # the feature's own attributes and geometry
    "attribute", "$id", "$area", "$length", "$perimeter", "$geometry", "area", "perimeter",
    "geometry_type", "is_empty", "is_empty_or_null", "num_points", "num_geometries",
))


@dataclass
class Theme:
    id: str
    title: Dict[str, str] = field(default_factory=dict)

    def title_in(self, lang: str) -> str:
        return localized(self.title, lang) or self.id


@dataclass
class Rule:
    id: str
    title: Dict[str, str]
    collection: str
    filter: Optional[str]
    relation: str
    distance_m: Optional[float]
    min_overlap_m2: float
    severity: str
    message: Dict[str, str]
    reference: str = ""
    applies_to: Tuple[str, ...] = ()  # plan purposes (core.purposes.PURPOSES); () = every plan
    authority: str = DEFAULT_AUTHORITY  # region, state or municipality

    def title_in(self, lang: str) -> str:
        return localized(self.title, lang) or self.id

    def message_in(self, lang: str) -> str:
        return localized(self.message, lang)

    def expression(self) -> Optional[QgsExpression]:
        """The filter as a parsed (already validated) ``QgsExpression``, or None without a filter."""
        if not self.filter:
            return None
        return QgsExpression(self.filter)

    def applies(self, purpose: str) -> bool:
        """Whether the rule concerns a plan area of this purpose code: always without
        ``applies_to``, and always for an unknown purpose (``''`` or not a code)."""
        if not self.applies_to or not purpose or purpose not in PURPOSES:
            return True
        return purpose in self.applies_to


@dataclass
class Profile:
    schema: str
    id: str
    name: Dict[str, str]
    service_type: str
    service_url: str
    crs: str
    themes: List[Theme] = field(default_factory=list)
    rules: List[Rule] = field(default_factory=list)
    source: str = ""
    sha256: str = ""
    warnings: List[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)
    statistics: List[Statistic] = field(default_factory=list)
    purposes: Dict[str, str] = field(default_factory=dict)  # the profile's own {word: purpose code}

    def name_in(self, lang: str) -> str:
        return localized(self.name, lang) or self.id

    def purpose_of(self, value) -> str:
        """The purpose code of a plan area's purpose value with this profile's own words, '' if unknown."""
        return purpose_of(value, self.purposes)

    def statistic(self, statistic_id: str) -> Optional[Statistic]:
        for statistic in self.statistics:
            if statistic.id == statistic_id:
                return statistic
        return None

    def rule(self, rule_id: str) -> Optional[Rule]:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None

    def theme(self, theme_id: str) -> Optional[Theme]:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        return None

    def theme_title(self, theme_id: str, lang: str) -> str:
        theme = self.theme(theme_id)
        return theme.title_in(lang) if theme is not None else theme_id

    def collections_used(self) -> List[str]:
        """Collection ids the rules use, in rule order, each once."""
        seen = []
        for rule in self.rules:
            if rule.collection not in seen:
                seen.append(rule.collection)
        return seen

    def collections_needed(self) -> List[str]:
        """Collection ids the rules and the statistics use, in that order, each once."""
        seen = self.collections_used()
        for statistic in self.statistics:
            if statistic.collection not in seen:
                seen.append(statistic.collection)
        return seen

    def with_service_url(self, url: str) -> "Profile":
        """A copy whose service URL is ``url`` (an http(s) URL; ProfileError otherwise)."""
        text = url.strip() if isinstance(url, str) else url
        if not _is_http_url(text):
            raise ProfileError(tr("The service address {value} is not an http(s) URL.").format(value=_show(url)))
        return dataclasses.replace(self, service_url=text, warnings=list(self.warnings))

    def crs_object(self) -> QgsCoordinateReferenceSystem:
        return QgsCoordinateReferenceSystem(self.crs)


# -- helpers ---------------------------------------------------------------------------------------


def _show(value) -> str:
    """A short, safe rendering of a value for a message."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return "'" + text + "'"
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(type(value).__name__)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value) -> str:
    if value is None:
        return tr("null")
    if isinstance(value, bool):
        return tr("a boolean")
    if isinstance(value, (int, float)):
        return tr("a number")
    if isinstance(value, str):
        return tr("a string")
    if isinstance(value, (list, tuple)):
        return tr("a list")
    if isinstance(value, dict):
        return tr("an object")
    return tr("a value of another type")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_http_url(value) -> bool:
    if not isinstance(value, str) or not value or len(value) > 2000:
        return False
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return False
    match = re.match(r"(?i)^(https?)://([^/?#@]*@)?(\[[0-9a-f:.]+\]|[^/?#:@\[\]]+)(:\d{1,5})?([/?#].*)?$", value)
    return match is not None


def _functions_in(expression: QgsExpression) -> List[str]:
    """Names of every function the parsed expression calls (nested ones included)."""
    names = set()
    try:
        names.update(str(name) for name in expression.referencedFunctions())
    except (AttributeError, TypeError):
        pass
    functions = QgsExpression.Functions()
    stack = [expression.rootNode()]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        node_type = node.nodeType()
        if node_type == QgsExpressionNode.NodeType.ntFunction:
            index = node.fnIndex()
            if 0 <= index < len(functions):
                names.add(functions[index].name())
            else:
                names.add("?")
            args = node.args()
            if args is not None:
                stack.extend(args.list())
        elif node_type == QgsExpressionNode.NodeType.ntUnaryOperator:
            stack.append(node.operand())
        elif node_type == QgsExpressionNode.NodeType.ntBinaryOperator:
            stack.extend((node.opLeft(), node.opRight()))
        elif node_type == QgsExpressionNode.NodeType.ntInOperator:
            stack.append(node.node())
            stack.extend(node.list().list())
        elif node_type == QgsExpressionNode.NodeType.ntCondition:
            for when_then in node.conditions():
                stack.extend((when_then.whenExp(), when_then.thenExp()))
            stack.append(node.elseExp())
        elif node_type in (QgsExpressionNode.NodeType.ntLiteral, QgsExpressionNode.NodeType.ntColumnRef):
            pass
        else:
            # a node kind this code does not know (e.g. from a newer QGIS): walk what it offers
            for getter in ("container", "index", "node", "lowerBound", "higherBound"):
                child = getattr(node, getter, None)
                if callable(child):
                    try:
                        stack.append(child())
                    except TypeError:
                        pass
            names.add("?" + str(int(node_type)))
    return sorted(names)


def check_filter(text: str, place: str = "filter") -> Optional[str]:
    """None if ``text`` is a safe, valid rule filter, else the message of what is wrong."""
    if len(text) > MAX_FILTER_CHARS:
        return tr("{place}: the expression is longer than {limit} characters").format(
            place=place, limit=MAX_FILTER_CHARS)
    expression = QgsExpression(text)
    if expression.hasParserError():
        return _parser_problem(expression, text, place)
    if expression.rootNode() is None:
        return tr("{place}: the expression is empty").format(place=place)
    names = _functions_in(expression)
    if any(name.startswith("?") for name in names):
        return tr("{place}: the expression uses a construct that is not allowed in a rule filter").format(
            place=place)
    unsafe = [name for name in names if name.lower() not in SAFE_FUNCTIONS]
    if len(unsafe) == 1:
        return tr("{place}: the function {name}() is not allowed in a rule filter; use comparisons, "
                  "boolean logic, arithmetic and text functions on the collection's attributes").format(
            place=place, name=unsafe[0])
    if unsafe:
        return tr("{place}: the functions {names} are not allowed in a rule filter; use comparisons, "
                  "boolean logic, arithmetic and text functions on the collection's attributes").format(
            place=place, names=", ".join(name + "()" for name in unsafe))
    return None


def _parser_problem(expression: QgsExpression, text: str, place: str) -> str:
    errors = expression.parserErrors()
    first = errors[0] if errors else None
    if first is not None and first.errorType == QgsExpression.ParserError.ParserErrorType.FunctionUnknown:
        for name in re.findall(r"([A-Za-z_][\w]*)\s*\(", text):
            if not QgsExpression.isFunctionName(name):
                return tr("{place}: the function {name}() is not known").format(place=place, name=name)
    if first is not None and first.firstLine > 0:
        # QGIS counts columns from 0
        return tr("{place}: the expression cannot be parsed: {error} (line {line}, column {column})").format(
            place=place, error=first.errorMsg.strip() or tr("syntax error"), line=first.firstLine,
            column=first.firstColumn + 1)
    return tr("{place}: the expression cannot be parsed: {error}").format(
        place=place, error=expression.parserErrorString().strip() or tr("syntax error"))


# -- validation ------------------------------------------------------------------------------------


class _Validator(PartsValidation):
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
        self.unknown_keys(obj, TOP_KEYS, "")
        schema = self.text(obj, "schema", "schema")
        if schema is not None and schema != SCHEMA:
            self.error(tr("schema: {value} is not supported; this version of the plugin reads {expected}").format(
                value=_show(schema), expected=_show(SCHEMA)))
        profile_id = self.ident(obj, "id", "id")
        name = self.lang_dict(obj, "name", "name")
        service_type, service_url = self.service(obj)
        crs = self.crs(obj)
        themes = self.themes(obj)
        rules = self.rules(obj)
        statistics = self.statistics(obj)
        purposes = self.purposes(obj)
        if self.errors:
            return None
        return Profile(schema=schema, id=profile_id, name=name, service_type=service_type, service_url=service_url,
                       crs=crs, themes=themes, rules=rules, source=source, sha256=sha256,
                       warnings=list(self.warnings), raw=obj, statistics=statistics, purposes=purposes)

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
        value = obj.get("themes")
        if value is None:
            return []
        if not isinstance(value, list):
            self.wrong_type("themes", tr("a list"), value)
            return []
        themes, seen = [], {}
        for index, item in enumerate(value):
            place = f"themes[{index}]"
            if not isinstance(item, dict):
                self.wrong_type(place, tr("an object"), item)
                continue
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
        value = obj.get("rules")
        if value is None:
            return []
        if not isinstance(value, list):
            self.wrong_type("rules", tr("a list"), value)
            return []
        rules, seen = [], {}
        for index, item in enumerate(value):
            place = f"rules[{index}]"
            if not isinstance(item, dict):
                self.wrong_type(place, tr("an object"), item)
                continue
            rule = self.rule(item, place, seen)
            if rule is not None:
                rules.append(rule)
            if len(self.errors) >= 10 * MAX_ERRORS:
                break
        return rules

    def rule(self, item: dict, place: str, seen: dict) -> Optional[Rule]:
        before = len(self.errors)
        self.unknown_keys(item, RULE_KEYS, place)
        rule_id = self.ident(item, "id", f"{place}.id")
        if rule_id is not None:
            if rule_id in seen:
                self.error(tr("{place}: the rule id {value} is already used by {other}").format(
                    place=f"{place}.id", value=_show(rule_id), other=seen[rule_id]))
            else:
                seen[rule_id] = place
        title = self.lang_dict(item, "title", f"{place}.title")
        collection = self.text(item, "collection", f"{place}.collection")
        if collection is not None and (not collection.strip() or len(collection) > 256):
            self.error(tr("{place}: must be a collection id of 1 to 256 characters").format(
                place=f"{place}.collection"))
        filter_text = self.text(item, "filter", f"{place}.filter", required=False)
        if filter_text is not None:
            filter_text = filter_text.strip() or None
        if filter_text is not None:
            problem = check_filter(filter_text, f"{place}.filter")
            if problem:
                self.error(problem)
        relation = self.one_of(item, "relation", f"{place}.relation", RELATIONS)
        distance = None
        if item.get("distance_m") is not None:
            distance = self.number(item, "distance_m", f"{place}.distance_m")
            if distance is not None and distance <= 0:
                self.error(tr("{place}: must be greater than 0, not {value}").format(
                    place=f"{place}.distance_m", value=_show(item["distance_m"])))
            elif distance is not None and relation == "intersects":
                self.warnings.append(tr("{place}: ignored for the relation 'intersects'").format(
                    place=f"{place}.distance_m"))
        elif relation in DISTANCE_RELATIONS:
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


# -- loading ---------------------------------------------------------------------------------------


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
    path = _copy_path(url)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".profile-", dir=os.path.dirname(path))
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


def _kept_copy(url: str):
    """``(profile, when)``: the copy of a URL profile kept by its last download, and when."""
    import datetime

    copy_path = _copy_path(url)
    with open(copy_path, "rb") as handle:
        profile = parse_profile_bytes(handle.read(), source=url)
    return profile, datetime.datetime.fromtimestamp(os.path.getmtime(copy_path)).strftime("%Y-%m-%d %H:%M")


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
        from .http import HttpClient

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
        from qgis.PyQt.QtCore import QUrl

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
