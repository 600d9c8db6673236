"""A check result as the draft statement's input (core/statement.py): the header from the
caller's ``header`` dict, one PlanArea per plan area with one AreaRule per rule (its state, its
hits), the data used with its caveats."""

import datetime
import re
from typing import List, Optional

from .. import vocabulary
from ..check import CheckResult
from ..i18n import localized, translate
from ..statement import AreaRule, DataUse, Hit, PlanArea, StatementHeader, StatementInput, lang_code
from ..statement.format import phrase
from .fmt import _profile_name, plan_title
from .outcomes import AreaFindings, area_outcomes, outcomes_by_area
from .plan_statistics import key_figures

HEADER_FIELDS = ("case_id", "municipality_case_id", "plan_type", "stage", "officer", "officer_title", "addressee",
                 "date", "municipality", "plan_name", "region")
# words in a collection's id -> the statement's theme (a THEME_GROUPS key), when the catalogue has no kind;
# the first that matches (freight before transport and the RUS: "rus_gods_2030_noder"; a word ending in "_"
# starts the id)
_COLLECTION_THEMES = (
    (("gods", "logistik", "farligt"), "freight"),
    (("kollektivtrafik", "hallplats", "station", "infrastruktur_", "jarnvag", "transport"), "transport"),
    (("rus_", "oms_", "strukturbild"), "structure"),
    (("kommun", "grans", "gräns", "lan_"), "boundary"),
)
_KIND_THEMES = {vocabulary.STRUCTURE_PLAN: "structure", vocabulary.BOUNDARY: "boundary"}


def _theme_by_words(collection: str) -> str:
    collection = collection.lower()
    for words, theme in _COLLECTION_THEMES:
        if any(collection.startswith(w) if w.endswith("_") else w in collection for w in words):
            return theme
    return ""


def rule_theme(result: CheckResult, rule) -> str:
    """The statement's theme of a rule: freight data by the words of its collection's id (the RUS
    structure plan for freight is "Gods och logistik" whether or not the catalogue was read), else
    from the catalogue's kind of its data (structure plan, boundary), else from words in the
    collection's id; '' (planning basis data) otherwise."""
    if result.boundary_rule and rule.id == result.boundary_rule:
        return "boundary"
    by_words = _theme_by_words(rule.collection)
    if by_words == "freight":
        return by_words
    return _KIND_THEMES.get(result.kinds.get(rule.collection, ""), "") or by_words


def letter_reason(result: CheckResult, rule, reason: str, lang: str) -> str:
    """Why a rule was not checked, as the letter says it: a dataset that could not be had is
    "underlaget kunde inte hämtas när avstämningen gjordes" (the error itself, in the UI's
    language and meant for the user at the computer, stays in the report); other reasons (a rule
    switched off, an area outside the region) are the check's own words in the report's language."""
    own = {translate("switched off for this run", result.lang), translate("the plan area lies outside the region",
                                                                          result.lang)}
    if reason and reason not in own and rule.collection not in result.datasets:
        return phrase("nc_reason_data", lang)
    return reason


def rule_texts(outcome, lang: str):
    """(title, message) of a rule outcome's rule in ``lang`` (the check's own words otherwise)."""
    rule = outcome.rule
    title = rule.title_in(lang) if hasattr(rule, "title_in") else outcome.title
    message = rule.message_in(lang) if hasattr(rule, "message_in") else outcome.message
    return title or outcome.title, message or outcome.message


def _date(value) -> Optional[datetime.date]:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _stamp(value) -> Optional[datetime.datetime]:
    try:
        return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def statement_header(result: CheckResult, header: Optional[dict], lang: str) -> StatementHeader:
    """The statement's header: the caller's fields, the region (the profile's name) and the plan;
    a field not given stays empty and the statement shows its placeholder."""
    given = {k: v for k, v in (header or {}).items() if k in HEADER_FIELDS and v not in (None, "")}
    hosts = list(dict.fromkeys(result.host_municipalities))
    return StatementHeader(
        region=str(given.get("region") or localized(getattr(result.profile, "name", ""), lang)
                   or _profile_name(result)),
        date=_date(given.get("date")),
        case_id=str(given.get("case_id", "")),
        municipality_case_id=str(given.get("municipality_case_id", "")),
        municipality=str(given.get("municipality") or (hosts[0] if len(hosts) == 1 else "")),
        addressee=str(given.get("addressee", "")),
        plan_name=str(given.get("plan_name") or plan_title(result, lang)),
        plan_type=str(given.get("plan_type") or vocabulary.OTHER),
        stage=str(given.get("stage") or vocabulary.OTHER),
        officer=str(given.get("officer", "")),
        officer_title=str(given.get("officer_title", "")),
    )


def _text(value, lang: str) -> str:
    """A profile's text, plain or ``{lang: text}``, in ``lang``."""
    return localized(value, lang) if isinstance(value, dict) else str(value or "")


def _publisher(result: CheckResult, collection: str, lang: str) -> str:
    """Who publishes a dataset, for the letter: the title of the profile's source it comes from
    ("Länsstyrelsen i Örebro län", a trailing "(nedladdning)" left out); the region for its own
    service (the profile's first source) and for data of no declared source."""
    profile = result.profile
    source = None
    if hasattr(profile, "resolve"):
        try:
            source = profile.resolve(collection)[0]
        except Exception:  # noqa: BLE001 - an unknown reference: the region's own data
            source = None
    region = _text(getattr(profile, "name", ""), lang) or _profile_name(result)
    sources = list(getattr(profile, "sources", None) or [])
    if source is None or (sources and source is sources[0]):  # the region's own service: the region
        return region
    title = _text(getattr(source, "title", ""), lang).strip()
    return re.sub(r"\s*\([^()]*\)$", "", title) or region


_TECHNICAL = re.compile(r"^[0-9a-f]{8,}$|[\"':/]|^sha\d", re.I)


def _edition(version) -> str:
    """A dataset's version as a reader names it ("2024", "2025-03", "v2"); a hash, an ETag or
    anything longer is technical and stays in the provenance."""
    text = str(version or "").strip()
    return "" if not text or len(text) > 20 or _TECHNICAL.search(text) else text


def _caveat_of(result: CheckResult, collection: str):
    provenance = result.datasets.get(collection)
    return provenance.caveat if provenance is not None else None


def _data_used(result: CheckResult, lang: str) -> List[DataUse]:
    """The data as the letter lists it: title, publisher, the dataset's own version (a ``version``
    keyword, never an ETag or a checksum: those are in the report's provenance), the day it was
    fetched, its caveat and whether only an area around the plan was fetched."""
    uses = []
    for collection, info in result.datasets.items():
        uses.append(DataUse(
            title=_text(info.title, lang) or collection,
            source=_publisher(result, collection, lang), version=_edition(info.version),
            fetched_at=_stamp(info.fetched_at), caveat=_text(info.caveat, lang),
            limited_extent=bool(info.extent),
        ))
    return uses


def statement_input(result: CheckResult, lang: Optional[str] = None, header: Optional[dict] = None,
                    decisions=None, comparison=None) -> StatementInput:
    """The draft statement's input from a check result (and the caller's ``header`` fields:
    case_id, municipality_case_id, plan_type, stage, officer, officer_title, addressee, date).
    ``decisions``: the reviewer's (see :func:`case_view.decided_result`); ``comparison``: a
    core.case.Comparison with the previous version, whose resolved findings' rule titles become
    ``previous_resolved``."""
    from .case_view import decided_result, resolved_titles
    lang = lang_code(lang or result.lang)
    result = decided_result(result, decisions)
    rules = {outcome.rule.id: outcome for outcome in result.outcomes}
    every = outcomes_by_area(area_outcomes(result))
    grouped = AreaFindings(result)
    texts = {rule_id: rule_texts(outcome, lang) for rule_id, outcome in rules.items()}
    themes = {rule_id: rule_theme(result, outcome.rule) for rule_id, outcome in rules.items()}
    areas = []
    for area in result.plan_features:
        found = grouped.of(area)
        area_rules = []
        for outcome in (o for o in every.get(area.index, []) if o.rule_id in rules):
            rule = rules[outcome.rule_id].rule
            title, message = texts[outcome.rule_id]
            decided = {f.severity for f in found if f.rule_id == rule.id}  # the reviewer's, in a case
            area_rules.append(AreaRule(
                rule_id=rule.id, title=title, theme=themes[outcome.rule_id],
                authority=getattr(rule, "authority", vocabulary.REGION) or vocabulary.REGION,
                severity=decided.pop() if len(decided) == 1 else rule.severity, state=outcome.state, message=message,
                reference=getattr(rule, "reference", "") or "",
                reason=letter_reason(result, rule, outcome.reason, lang) if outcome.state == vocabulary.NOT_CHECKED
                else outcome.reason,
                caveat=_text(_caveat_of(result, rule.collection), lang),
                hits=[Hit(f.feature_name or "", f.distance_m, f.overlap_m2, f.overlap_share)
                      for f in found if f.rule_id == rule.id] if outcome.state == vocabulary.AFFECTED else [],
            ))
        areas.append(PlanArea(
            name=area.label(lang), purpose=area.purpose,
            purpose_label=vocabulary.purpose_label(area.purpose, lang) if area.purpose else "",
            area_m2=area.area_m2, municipality=area.municipality or result.hosts_by_plan.get(area.index, ""),
            rules=area_rules,
        ))
    return StatementInput(header=statement_header(result, header, lang),
                          areas=areas, data=_data_used(result, lang),
                          previous_resolved=resolved_titles(result, comparison, lang),
                          key_figures=key_figures(result, lang))
