"""The profile as read: :class:`Profile`, :class:`Theme`, :class:`Rule` (and
:class:`~core.profile.parts.Statistic`), the schema's keys and limits, and small helpers for
messages about values."""

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from qgis.core import QgsCoordinateReferenceSystem, QgsExpression

from ..errors import ProfileError
from ..i18n import localized, tr
from ..purposes import PURPOSES, purpose_of
from .parts import DEFAULT_AUTHORITY, Statistic
from .sources import SCHEMA_V2, DatasetSpec, SourceSpec, resolve
from .values import _is_http_url, _show

SCHEMA = "regionplan-profile/1"
SCHEMAS = (SCHEMA, SCHEMA_V2)
ID_PATTERN = re.compile(r"[a-z0-9_-]{1,64}")
SERVICE_TYPES = ("ogcapi-features",)
MAX_PROFILE_BYTES = 16 * 1024 * 1024
MAX_ERRORS = 25

TOP_KEYS = ("schema", "id", "name", "service", "crs", "themes", "rules", "statistics", "purposes")
# service: an error in version 2, reported as such rather than as unknown
TOP_KEYS_V2 = ("schema", "id", "name", "sources", "datasets", "crs", "themes", "rules", "statistics", "purposes",
               "statement_template", "report_background", "service")
SERVICE_KEYS = ("type", "url")
THEME_KEYS = ("id", "title")
RULE_KEYS = ("id", "title", "collection", "filter", "relation", "distance_m", "min_overlap_m2", "severity",
             "message", "reference", "applies_to", "authority")


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
    sources: List[SourceSpec] = field(default_factory=list)  # version 1: one source 'default'
    datasets: List[DatasetSpec] = field(default_factory=list)
    # version 2 ``statement_template``: {"docx"/"odt": path relative to the profile, or URL} (core.profile.template)
    statement_templates: Dict[str, str] = field(default_factory=dict)
    report_background: str = ""  # version 2: the report maps' background (a wms/wmts/xyz layer reference)

    def resolve(self, ref: str) -> Tuple[Optional[SourceSpec], str, Optional[DatasetSpec]]:
        """``(source, name, dataset)`` of a dataset reference: a declared dataset id, or
        ``<source id>:<name>``, or a bare name (the first source)."""
        return resolve(self.sources, self.datasets, ref)

    def source_spec(self, source_id: str) -> Optional[SourceSpec]:
        return next((s for s in self.sources if s.id == source_id), None)

    def dataset(self, ref: str) -> Optional[DatasetSpec]:
        """The declared dataset a reference resolves to, else None."""
        return self.resolve(ref)[2]

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
        sources = list(self.sources)
        if sources:  # the region's own service (the first source) is replaced; a source below its
            # address (a download the same server serves, as in the demo) moves with it
            old = sources[0].url
            prefix = old if old.endswith("/") else old + "/"
            base = text if text.endswith("/") else text + "/"
            sources = [dataclasses.replace(s, url=base + s.url[len(prefix):])
                       if index and s.url.startswith(prefix) else s for index, s in enumerate(sources)]
            sources[0] = dataclasses.replace(sources[0], url=text)
        return dataclasses.replace(self, service_url=text, warnings=list(self.warnings), sources=sources)

    def crs_object(self) -> QgsCoordinateReferenceSystem:
        return QgsCoordinateReferenceSystem(self.crs)
