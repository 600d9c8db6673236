"""The plugin's words, declared once: every code, its order, its colour and its label.

Everything else (the engine, the profile reader, the report and its CSS, the QML styles, the
panel's icons) takes them from here, so that a word or a colour cannot drift. docs/ordlista.md
explains the Swedish terms.

Each vocabulary is declared once: one line gives its codes in their order and names them
(``CONFLICT, ATTENTION, SUPPORT, INFO = SEVERITIES = (...)``), or, where no code needs a name,
the label table gives them (``PLAN_TYPES = tuple(PLAN_TYPE_LABELS)``); colours and labels are
keyed by those codes.

Labels are English source strings marked with ``N_`` (found by ``scripts/i18n.py``) and
translated when asked for: ``label(kind_table, code, lang)`` or the helpers below. ``lang=None``
means the QGIS user interface language.

Colours reach 4.5:1 contrast against white text (WCAG AA), so that a badge with a white label
is readable; maps draw the same colours with some transparency.
"""

from functools import partial
from typing import Dict, Mapping, Optional

# This module imports nothing from QGIS, so that pure modules (core/statement/, core/purposes.py)
# can take their codes from here; the translation functions are looked up when a label is asked for.


def N_(text: str) -> str:  # noqa: N802 (the gettext convention; scripts/i18n.py extracts its argument)
    """Mark ``text`` for translation without translating it (the label tables below)."""
    return text


def _i18n():
    from . import i18n

    return i18n

# --- severities (a rule's category), most serious first ---------------------------------
CONFLICT, ATTENTION, SUPPORT, INFO = SEVERITIES = ("conflict", "attention", "support", "info")
SEVERITY_COLOURS = {
    CONFLICT: "#c62828",  # red
    ATTENTION: "#b45309",  # dark orange
    SUPPORT: "#2e7d32",  # green
    INFO: "#1565c0",  # blue
}
SEVERITY_LABELS = {
    CONFLICT: N_("Conflict"),
    ATTENTION: N_("Attention"),
    SUPPORT: N_("In line with RUS"),
    INFO: N_("Information"),
}
NEUTRAL_COLOUR = "#6b6b6b"  # grey: unknown severity, missing copy, incomplete verdict

# --- relations ----------------------------------------------------------------------------
INTERSECTS, WITHIN_DISTANCE, BEYOND_DISTANCE = RELATIONS = ("intersects", "within_distance", "beyond_distance")
DISTANCE_RELATIONS = (WITHIN_DISTANCE, BEYOND_DISTANCE)
RELATION_LABELS = {
    INTERSECTS: N_("Intersects the plan area"),
    WITHIN_DISTANCE: N_("Within a distance of the plan area"),
    BEYOND_DISTANCE: N_("Nothing within a distance of the plan area"),
}

# --- outcome of a rule for a plan area --------------------------------------------------
AFFECTED, NOT_AFFECTED, NOT_APPLICABLE, NOT_CHECKED = OUTCOMES = (
    "affected", "not_affected", "not_applicable", "not_checked")
OUTCOME_LABELS = {
    AFFECTED: N_("Affected"),
    NOT_AFFECTED: N_("Not affected"),
    NOT_APPLICABLE: N_("Not applicable"),
    NOT_CHECKED: N_("Not checked"),
}

# --- cache status of a dataset (what core.cache produces) -------------------------------
FRESH, STALE, UNKNOWN, MISSING, CORRUPT = CACHE_STATUSES = ("fresh", "stale", "unknown", "missing", "corrupt")
CACHED_STATUSES = (FRESH, STALE, UNKNOWN)  # a usable copy exists
CACHE_STATUS_COLOURS = {
    FRESH: SEVERITY_COLOURS[SUPPORT],
    STALE: SEVERITY_COLOURS[ATTENTION],
    UNKNOWN: SEVERITY_COLOURS[INFO],
    MISSING: NEUTRAL_COLOUR,
    CORRUPT: SEVERITY_COLOURS[CONFLICT],
}
CACHE_STATUS_LABELS = {
    FRESH: N_("Up to date"),
    STALE: N_("New version available"),
    UNKNOWN: N_("Unknown"),
    MISSING: N_("Not saved offline"),
    CORRUPT: N_("Damaged"),
}

# --- dataset kinds (``kind:`` keyword) --------------------------------------------------
STRUCTURE_PLAN, INTEREST, KNOWLEDGE, BOUNDARY = KINDS = ("structure-plan", "interest", "knowledge", "boundary")
OTHER = "other"  # any other kind a profile names; also the "other" purpose, plan type and stage
KIND_LABELS = {
    STRUCTURE_PLAN: N_("Structure plan"),
    INTEREST: N_("Regional interest"),
    KNOWLEDGE: N_("Planning basis"),
    BOUNDARY: N_("Boundary"),
    OTHER: N_("Other"),
}

# --- plan purposes (a rule's ``applies_to``), in the contract's order --------------------
# (core/purposes.py names them and maps what planners write to them)
PURPOSE_LABELS = {
    "housing": N_("housing"),
    "mixed": N_("mixed development"),
    "centre": N_("centre"),
    "workplaces": N_("workplaces"),
    "industry": N_("industry"),
    "retail": N_("retail"),
    "public-services": N_("public services"),
    "recreation": N_("recreation and outdoor life"),
    "infrastructure": N_("infrastructure"),
    "energy": N_("energy production"),
    "agriculture-forestry": N_("agriculture and forestry"),
    "other": N_("other use"),
}
PURPOSES = tuple(PURPOSE_LABELS)

# --- who answers for a rule's matter (a rule's ``authority``) ---------------------------
REGION, STATE, MUNICIPALITY = AUTHORITIES = ("region", "state", "municipality")
DEFAULT_AUTHORITY = REGION
AUTHORITY_LABELS = {
    REGION: N_("Region (the region's responsibility)"),
    STATE: N_("County administrative board (state interests)"),
    MUNICIPALITY: N_("Municipality"),
}

# --- the plan under review ---------------------------------------------------------------
PLAN_TYPE_LABELS = {
    "op": N_("comprehensive plan"),
    "fop": N_("in-depth comprehensive plan"),
    "dp": N_("detailed development plan"),
    "other": N_("other plan"),
}
PLAN_TYPES = tuple(PLAN_TYPE_LABELS)
STAGE_LABELS = {
    "samrad": N_("consultation"),
    "granskning": N_("public review"),
    "other": N_("other stage"),
}
STAGES = tuple(STAGE_LABELS)

# --- the reviewer's word on a finding ---------------------------------------------------
DECISION_LABELS = {
    "agree": N_("Agree"),
    "not_relevant": N_("Not relevant"),
    "severity_changed": N_("Severity changed"),
}
DECISIONS = tuple(DECISION_LABELS)

# --- the plan's change between two versions of a case (the map of the comparison) ------------
PLAN_CHANGE_COLOURS = {"added": SEVERITY_COLOURS[SUPPORT], "removed": SEVERITY_COLOURS[CONFLICT]}

# --- the review case's state (the reviewer's inbox) ------------------------------------------
ONGOING, SENT = CASE_STATES = ("ongoing", "sent")
CASE_STATE_LABELS = {
    ONGOING: N_("Ongoing"),
    SENT: N_("Sent"),
}

# --- the verdict on the whole plan --------------------------------------------------------
VERDICT_CONFLICT, VERDICT_ATTENTION, VERDICT_OK, VERDICT_INCOMPLETE = VERDICTS = (
    "conflict", "attention", "ok", "incomplete")
VERDICT_COLOURS = {
    VERDICT_CONFLICT: SEVERITY_COLOURS[CONFLICT],
    VERDICT_ATTENTION: SEVERITY_COLOURS[ATTENTION],
    VERDICT_OK: SEVERITY_COLOURS[SUPPORT],
    VERDICT_INCOMPLETE: NEUTRAL_COLOUR,
}
VERDICT_LABELS = {
    VERDICT_CONFLICT: N_("Conflict with regional interests"),
    VERDICT_ATTENTION: N_("Issues to consider"),
    VERDICT_OK: N_("No conflicts among the checked rules"),
}
# VERDICT_INCOMPLETE is counted: see verdict_text()

# Every table of labels, for the test that each exists in both languages.
LABEL_TABLES = {
    "severity": SEVERITY_LABELS,
    "relation": RELATION_LABELS,
    "outcome": OUTCOME_LABELS,
    "cache status": CACHE_STATUS_LABELS,
    "kind": KIND_LABELS,
    "purpose": PURPOSE_LABELS,
    "authority": AUTHORITY_LABELS,
    "plan type": PLAN_TYPE_LABELS,
    "stage": STAGE_LABELS,
    "decision": DECISION_LABELS,
    "case state": CASE_STATE_LABELS,
    "verdict": VERDICT_LABELS,
}


def _in(text: str, lang: Optional[str]) -> str:
    i18n = _i18n()
    return i18n.tr(text) if lang is None else i18n.translate(text, lang)


def label(table: Mapping[str, str], code: str, lang: Optional[str] = None) -> str:
    """The label of ``code`` in ``table`` (one of the ``*_LABELS``) in ``lang``; an unknown
    code is shown as it is."""
    text = table.get(code or "")
    return _in(text, lang) if text else str(code or "")


# The label of a code of one vocabulary, in ``lang``: ``severity_label(code, lang=None)`` ...
severity_label = partial(label, SEVERITY_LABELS)
relation_label = partial(label, RELATION_LABELS)
outcome_label = partial(label, OUTCOME_LABELS)
cache_status_label = partial(label, CACHE_STATUS_LABELS)
purpose_label = partial(label, PURPOSE_LABELS)
plan_type_label = partial(label, PLAN_TYPE_LABELS)
stage_label = partial(label, STAGE_LABELS)
decision_label = partial(label, DECISION_LABELS)
case_state_label = partial(label, CASE_STATE_LABELS)


def kind_label(kind: str, lang: Optional[str] = None) -> str:
    """An unknown kind is labelled ``OTHER``."""
    return label(KIND_LABELS, kind if kind in KIND_LABELS else OTHER, lang)


def authority_label(authority: str, lang: Optional[str] = None) -> str:
    """No authority is the default one (the region)."""
    return label(AUTHORITY_LABELS, authority or DEFAULT_AUTHORITY, lang)


def severity_colour(severity: str) -> str:
    return SEVERITY_COLOURS.get(severity, NEUTRAL_COLOUR)


def verdict(counts: Mapping[str, int], not_checked: int = 0) -> str:
    """The verdict code from the findings per severity and the number of rules not checked:
    a conflict stays a conflict; otherwise a rule that was not checked makes it
    ``incomplete``, so that "no conflicts" is never said of a partial run."""
    if counts.get(CONFLICT):
        return VERDICT_CONFLICT
    if not_checked:
        return VERDICT_INCOMPLETE
    if counts.get(ATTENTION):
        return VERDICT_ATTENTION
    return VERDICT_OK


def verdict_text(code: str, lang: Optional[str] = None, not_checked: int = 0) -> str:
    """The one wording of a verdict, for the report and the panel alike. Whenever a rule was
    not checked, the incomplete sentence is said too."""
    incomplete = ""
    if not_checked or code == VERDICT_INCOMPLETE:
        n = max(int(not_checked or 0), 1)
        if lang is None:
            incomplete = _i18n().trn("Incomplete check: {n} rule could not be checked",
                             "Incomplete check: {n} rules could not be checked", n)
        else:
            incomplete = _i18n().translaten("Incomplete check: {n} rule could not be checked",
                                    "Incomplete check: {n} rules could not be checked", n, lang)
        incomplete = incomplete.format(n=n)
    if code == VERDICT_INCOMPLETE:
        return incomplete
    text = label(VERDICT_LABELS, code, lang)
    return f"{text}. {incomplete}" if incomplete else text


def counts_text(counts: Mapping[str, int], lang: Optional[str] = None, sep: str = " · ") -> str:
    """``Conflict: 2 · Attention: 1 · …`` in the severity order."""
    return sep.join(f"{severity_label(s, lang)}: {int(counts.get(s, 0))}" for s in SEVERITIES)


def empty_counts() -> Dict[str, int]:
    return dict.fromkeys(SEVERITIES, 0)
