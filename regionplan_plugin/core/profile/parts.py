"""The parts of a ``regionplan-profile/1`` that say what a rule concerns and what the report
counts (contract sections 1 and 4): a rule's ``applies_to`` and ``authority``, the profile's
``statistics[]`` and its own purpose words ``purposes{}``.

:class:`PartsValidation` is mixed into the profile validator (``core.profile._Validator``):
its methods use the validator's ``error``, ``text``, ``ident``, ``one_of``, ``lang_dict``,
``number`` and ``unknown_keys``, and report in the same ``<place>: <problem>`` form.
"""

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from qgis.core import QgsExpression

from ..i18n import localized, tr
from ..purposes import PURPOSES, purpose_of
from .filters import check_filter
from .values import _show

AUTHORITIES = ("region", "state", "municipality")
DEFAULT_AUTHORITY = "region"
MEASURES = ("area_ha", "share", "count", "length_km")
SUM_PREFIX = "sum:"
MEASURE_UNITS = {"area_ha": "ha", "share": "share", "count": "count", "length_km": "km"}
STATISTIC_KEYS = ("id", "title", "collection", "filter", "measure", "distance_m")
MAX_FIELD_CHARS = 256
MAX_WORD_CHARS = 200


@dataclass
class Statistic:
    """A number the report gives per plan area: ``measure`` over the matching features of
    ``collection`` inside the plan, or inside the plan grown by ``distance_m``."""

    id: str
    title: Dict[str, str]
    collection: str
    filter: Optional[str]
    measure: str  # area_ha, share, count, length_km or sum:<field>
    distance_m: Optional[float] = None

    def title_in(self, lang: str) -> str:
        return localized(self.title, lang) or self.id

    @property
    def sum_field(self) -> Optional[str]:
        """The attribute a ``sum:<field>`` measure adds up, else None."""
        return self.measure[len(SUM_PREFIX):] if self.measure.startswith(SUM_PREFIX) else None

    @property
    def unit(self) -> str:
        """``ha``, ``share`` (0 to 1), ``count``, ``km``, or ``sum`` for a ``sum:<field>``."""
        return MEASURE_UNITS.get(self.measure, "sum")

    def expression(self) -> Optional[QgsExpression]:
        """The filter as a parsed (already validated) ``QgsExpression``, or None without a filter."""
        if not self.filter:
            return None
        return QgsExpression(self.filter)


def _quoted(value) -> str:
    return _show(value)


class PartsValidation:
    """Validation of ``applies_to``, ``statistics`` and ``purposes`` (mixed into the profile validator)."""

    def applies_to(self, item: dict, place: str, rule_id: Optional[str]) -> Tuple[str, ...]:
        if item.get("applies_to") is None:
            return ()
        where = f"{place}.applies_to"
        rule = _quoted(rule_id) if rule_id else place
        value = item["applies_to"]
        if not isinstance(value, list):
            self.error(tr("{place} (rule {rule}): must be a list of plan purposes, like {example}").format(
                place=where, rule=rule, example='["housing", "mixed"]'))
            return ()
        if not value:
            self.error(tr("{place} (rule {rule}): lists no plan purpose; leave the key out for a rule that "
                          "concerns every plan").format(place=where, rule=rule))
            return ()
        codes = []
        for index, code in enumerate(value):
            sub = f"{where}[{index}]"
            if not isinstance(code, str):
                self.error(tr("{place} (rule {rule}): must be a plan purpose, not {value}").format(
                    place=sub, rule=rule, value=_quoted(code)))
            elif code not in PURPOSES:
                meant = purpose_of(code)
                if meant:
                    self.error(tr("{place} (rule {rule}): {value} is not a plan purpose; did you mean {code}?").format(
                        place=sub, rule=rule, value=_quoted(code), code=_quoted(meant)))
                else:
                    self.error(tr("{place} (rule {rule}): {value} is not a plan purpose; use one of {allowed}").format(
                        place=sub, rule=rule, value=_quoted(code), allowed=", ".join(PURPOSES)))
            elif code in codes:
                self.error(tr("{place} (rule {rule}): {value} is listed twice").format(
                    place=sub, rule=rule, value=_quoted(code)))
            else:
                codes.append(code)
        return tuple(codes)

    # -- shared by rules and statistics

    def unique_id(self, item: dict, place: str, seen: dict, used: str) -> Optional[str]:
        """The item's ``id``; ``used`` (translated, with {place}, {value}, {other}) when ``seen`` has it."""
        value = self.ident(item, "id", f"{place}.id")
        if value is not None:
            if value in seen:
                self.error(used.format(place=f"{place}.id", value=_show(value), other=seen[value]))
            else:
                seen[value] = place
        return value

    def collection_and_filter(self, item: dict, place: str) -> Tuple[Optional[str], Optional[str]]:
        """The item's ``collection`` id and its safe ``filter`` (None without one)."""
        collection = self.text(item, "collection", f"{place}.collection")
        if collection is not None and (not collection.strip() or len(collection) > 256):
            self.error(tr("{place}: must be a collection id of 1 to 256 characters").format(
                place=f"{place}.collection"))
        filter_text = self.text(item, "filter", f"{place}.filter", required=False)
        filter_text = filter_text.strip() or None if filter_text is not None else None
        if filter_text is not None:
            problem = check_filter(filter_text, f"{place}.filter")
            if problem:
                self.error(problem)
        return collection, filter_text

    def distance(self, item: dict, place: str) -> Optional[float]:
        """The item's ``distance_m`` (> 0), or None when it has none or a wrong one (an error then)."""
        if item.get("distance_m") is None:
            return None
        distance = self.number(item, "distance_m", f"{place}.distance_m")
        if distance is not None and distance <= 0:
            self.error(tr("{place}: must be greater than 0, not {value}").format(
                place=f"{place}.distance_m", value=_show(item["distance_m"])))
            return None
        return distance

    def parsed(self, obj: dict, key: str, parse) -> list:
        """``parse(item, place, seen)`` of every object in the list ``obj[key]`` (``seen``: the ids
        so far); what it returns, without the Nones (items with errors)."""
        result, seen = [], {}
        for place, item in self.objects(obj, key):
            value = parse(item, place, seen)
            if value is not None:
                result.append(value)
        return result

    def objects(self, obj: dict, key: str):
        """``(place, item)`` for every object of the list ``obj[key]`` (absent: none); a value of
        the wrong type is an error."""
        value = obj.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            self.wrong_type(key, tr("a list"), value)
            return
        for index, item in enumerate(value):
            place = f"{key}[{index}]"
            if isinstance(item, dict):
                yield place, item
            else:
                self.wrong_type(place, tr("an object"), item)

    def statistics(self, obj) -> List[Statistic]:
        return self.parsed(obj, "statistics", self.statistic)

    def statistic(self, item: dict, place: str, seen: dict) -> Optional[Statistic]:
        before = len(self.errors)
        self.unknown_keys(item, STATISTIC_KEYS, place)
        used = tr("{place}: the statistic id {value} is already used by {other}")
        statistic_id = self.unique_id(item, place, seen, used)
        title = self.lang_dict(item, "title", f"{place}.title")
        collection, filter_text = self.collection_and_filter(item, place)
        measure = self.measure(item, f"{place}.measure")
        distance = self.distance(item, place)
        if len(self.errors) > before:
            return None
        return Statistic(id=statistic_id, title=title, collection=collection, filter=filter_text, measure=measure,
                         distance_m=distance)

    def measure(self, item: dict, place: str) -> Optional[str]:
        value = self.text(item, "measure", place)
        if value is None:
            return None
        if value in MEASURES:
            return value
        if value.startswith(SUM_PREFIX):
            name = value[len(SUM_PREFIX):]
            if name.strip() and name == name.strip() and len(name) <= MAX_FIELD_CHARS and \
                    not any(ord(ch) < 32 for ch in name):
                return value
            self.error(tr("{place}: {value} must name the field to add up, like {example}").format(
                place=place, value=_quoted(value), example="'sum:bef_2030'"))
            return None
        self.error(tr("{place}: {value} is not one of {allowed}").format(
            place=place, value=_quoted(value), allowed=", ".join(MEASURES + ("sum:<field>",))))
        return None

    def purposes(self, obj) -> Dict[str, str]:
        value = obj.get("purposes")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.wrong_type("purposes", tr("an object of plan purposes by word, like {example}").format(
                example='{"Bostäder, verksamheter": "mixed"}'), value)
            return {}
        table = {}
        for word, code in value.items():
            place = f"purposes.{word}"
            if not str(word).strip() or len(str(word)) > MAX_WORD_CHARS:
                self.error(tr("{place}: the word must have 1 to {limit} characters").format(
                    place="purposes", limit=MAX_WORD_CHARS))
            elif not isinstance(code, str):
                self.wrong_type(place, tr("a plan purpose"), code)
            elif code not in PURPOSES:
                self.error(tr("{place}: {value} is not a plan purpose; use one of {allowed}").format(
                    place=place, value=_quoted(code), allowed=", ".join(PURPOSES)))
            else:
                table[str(word)] = code
        return table
