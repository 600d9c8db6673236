"""The plan statistics of a check (contract section 4) as a reader of the report sees them, shared
by the HTML and the PDF: each value in a planner's unit (ha, km, invånare/people, %), in the
report's language, per plan area and for the whole plan; a value that could not be computed is
"not computed" with its reason, never 0.

Rounding, as an official would write it in a referral: hectares and kilometres with one decimal
(two under 1), never "0" for something that is there ("< 0,01 ha"); a population summed from a
grid (weighted by the share of each cell inside, and a forecast) is an estimate: "cirka 1 230
invånare", rounded to tens, "färre än 10 invånare" under 10; a share
in whole per cent; a count as it is."""

import math
from typing import List, NamedTuple, Optional, Tuple

from qgis.core import QgsGeometry

from ..check import CheckResult
from ..i18n import translate
from ..statement.format import format_number, format_share

# a sum of one of these attributes (bef_2040, population, invanare, folkmangd ...) counts people
PEOPLE_FIELDS = ("bef", "pop", "inv", "folk")
# measures whose value for the whole plan is the sum over plan areas that do not overlap
ADDITIVE = ("area_ha", "length_km", "share")


class StatisticRow(NamedTuple):
    """One line of plan statistics as shown: ``computed`` False when ``text`` is no value but says
    why (not computed, or only per plan area)."""

    statistic_id: str
    title: str
    text: str
    computed: bool = True


def statistics_of(result: CheckResult) -> list:
    """The profile's statistics that have a value (or a reason) in ``result``, in profile order."""
    present = {value.statistic_id for value in result.statistics}
    return [s for s in getattr(result.profile, "statistics", None) or [] if s.id in present]


def counts_people(statistic) -> bool:
    field = (getattr(statistic, "sum_field", None) or "").lower()
    return bool(field) and field.startswith(PEOPLE_FIELDS)


def _decimals(value: float) -> int:
    return 1 if value >= 0.995 else 2


def _small(value: float, unit: str, lang: str) -> Optional[str]:
    """"0 ha" for nothing, "< 0,01 ha" for something too small to show; else None."""
    if value == 0:
        return f"0 {unit}"
    if abs(value) < 0.005:
        return f"< {format_number(0.01, 2, lang)} {unit}"
    return None


def format_people(value: float, lang: str) -> str:
    """"cirka 1 230 invånare" / "about 1,230 people"; "färre än 10 invånare"; "0 invånare"."""
    if value <= 0:
        return translate("0 people", lang)
    if value < 10:
        return translate("fewer than 10 people", lang)
    rounded = math.floor(value / 10.0 + 0.5) * 10  # to tens, a half up (round() would go to even)
    return translate("about {n} people", lang).format(n=format_number(rounded, 0, lang))


def format_value(value: float, statistic, unit: str, lang: str) -> str:
    """One computed value in its unit, in the report's language."""
    value = float(value)
    if unit in ("ha", "km"):
        small = _small(value, unit, lang)
        return small or f"{format_number(value, _decimals(value), lang)} {unit}"
    if unit == "share":
        if value <= 0:
            return "0 %" if lang == "sv" else "0%"
        return format_share(min(value, 1.0), lang)
    if unit == "count":
        return format_number(round(value), 0, lang)
    if counts_people(statistic):
        return format_people(value, lang)
    return format_number(value, 0 if abs(value) >= 100 else 1, lang)


def not_computed(reason: str, lang: str) -> str:
    reason = (reason or "").strip().rstrip(".")
    if not reason:
        return translate("not computed", lang)
    return translate("not computed ({reason})", lang).format(reason=reason)


def value_text(stat, statistic, lang: str) -> str:
    """A :class:`StatisticValue` as the reader sees it."""
    if stat.value is None:
        return not_computed(stat.reason, lang)
    return format_value(stat.value, statistic, stat.unit, lang)


def _parts(statistics) -> set:
    """The ids of statistics that are a part of another (a filter over the same collection,
    measure and zone as an unfiltered statistic: farmland of one class): shown only where not 0."""
    whole = {(s.collection, s.measure, s.distance_m or 0) for s in statistics if not s.filter}
    return {s.id for s in statistics if s.filter and (s.collection, s.measure, s.distance_m or 0) in whole}


def area_statistics(result: CheckResult, area, lang: str) -> List[StatisticRow]:
    """The statistics of one plan area."""
    statistics = statistics_of(result)
    parts = _parts(statistics)
    by_id = {s.id: s for s in statistics}
    rows = []
    for stat in result.statistics:
        statistic = by_id.get(stat.statistic_id)
        if stat.plan_index != area.index or statistic is None:
            continue
        if statistic.id in parts and stat.value == 0:
            continue
        rows.append(StatisticRow(statistic.id, statistic.title_in(lang), value_text(stat, statistic, lang),
                                 stat.value is not None))
    return rows


def _disjoint(areas) -> bool:
    """True when the plan areas do not overlap (their union's area is the sum of their areas)."""
    total = sum(a.area_m2 or 0.0 for a in areas)
    union = QgsGeometry.unaryUnion([a.geometry for a in areas])
    return union is not None and not union.isNull() and abs(union.area() - total) <= max(1.0, 1e-6 * total)


def whole_plan_text(result: CheckResult, statistic, values: list, lang: str, disjoint: bool) -> Tuple[str, bool]:
    """The value of ``statistic`` for the whole plan: the plan area's own value when there is one;
    else the sum over the areas where that is the whole plan's value (areas and lengths inside,
    population inside, shares weighted by area, over areas that do not overlap); else a pointer to
    the plan areas. Not computed when any area's value is not. Returns (text, True when a value)."""
    missing = [v for v in values if v.value is None]
    if missing:
        names = {a.index: a.label(lang) for a in result.plan_features}
        if len(values) == 1:
            return not_computed(missing[0].reason, lang), False
        return not_computed(translate("{area}: {reason}", lang).format(
            area=names.get(missing[0].plan_index, ""), reason=(missing[0].reason or "").rstrip(".")), lang), False
    if len(values) == 1:
        return format_value(values[0].value, statistic, values[0].unit, lang), True
    additive = (statistic.measure in ADDITIVE or statistic.sum_field) and not statistic.distance_m
    if not additive:
        return translate("per plan area only (the zones around the plan areas may overlap)", lang), False
    if not disjoint:
        return translate("per plan area only (the plan areas overlap)", lang), False
    if statistic.measure == "share":
        areas = {a.index: a.area_m2 or 0.0 for a in result.plan_features}
        total = sum(areas.get(v.plan_index, 0.0) for v in values)
        share = sum(v.value * areas.get(v.plan_index, 0.0) for v in values) / total if total > 0 else 0.0
        return format_value(share, statistic, values[0].unit, lang), True
    return format_value(sum(v.value for v in values), statistic, values[0].unit, lang), True


def plan_statistics(result: CheckResult, lang: str) -> List[StatisticRow]:
    """The statistics of the whole plan; a part of another statistic (farmland
    of one class) is left out where it is 0 in every plan area."""
    statistics = statistics_of(result)
    if not statistics:
        return []
    parts = _parts(statistics)
    disjoint = len(result.plan_features) < 2 or _disjoint(result.plan_features)
    rows = []
    for statistic in statistics:
        values = [v for v in result.statistics if v.statistic_id == statistic.id]
        if statistic.id in parts and all(v.value == 0 for v in values):
            continue
        rows.append(StatisticRow(statistic.id, statistic.title_in(lang),
                                 *whole_plan_text(result, statistic, values, lang, disjoint)))
    return rows


def statistics_notes(result: CheckResult, lang: str) -> List[str]:
    """What a reader needs to read the numbers right."""
    statistics = statistics_of(result)
    notes = [translate("Computed from the datasets listed under Provenance, in the profile's coordinate "
                       "system ({crs}).", lang).format(crs=result.crs)]
    if any(counts_people(s) for s in statistics):
        notes.append(translate("Population from a grid: each cell counts with the share of its area inside, so the "
                               "number is an estimate, rounded to tens.", lang))
    if _parts(statistics):
        notes.append(translate("A part of another statistic (for example one class of farmland) is shown only where "
                               "it is not 0.", lang))
    return notes


def key_figures(result: CheckResult, lang: str) -> List[Tuple[str, str]]:
    """[(title, text)] for the draft statement: the whole plan's areas inside the plan of the
    statistics without a filter or a zone (farmland taken, in ha), where they were computed and
    are there (not 0)."""
    rows = {row.statistic_id: (row.title, row.text) for row in plan_statistics(result, lang) if row.computed}
    figures = []
    for statistic in statistics_of(result):
        values = [v for v in result.statistics if v.statistic_id == statistic.id]
        if (statistic.measure != "area_ha" or statistic.filter or statistic.distance_m or statistic.id not in rows
                or any(v.value is None for v in values) or sum(v.value for v in values) < 0.005):
            continue  # (nothing there, or too little to name: the report's section has it)
        figures.append(rows[statistic.id])
    return figures
