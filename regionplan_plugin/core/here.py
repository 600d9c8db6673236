""""What applies here": every regional interest and structure-plan element at or near a
point (or a small area), grouped by theme, with its distance, the message of each rule that
would trigger for the chosen purpose, and its caveat.

A quick look, not a check: it reads only the features in a small box around the place
(``data.source(cid, rect)`` + a filter-rect request on the spatial index), so from the
offline cache it takes well under a second. Relation semantics are the check's
(contract section 1): ``intersects`` triggers inside (distance 0), ``within_distance``
within ``distance_m``, ``beyond_distance`` when no matching feature lies within
``distance_m``."""

import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from qgis.core import QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsRectangle

from .errors import Cancelled, RegionplanError
from .i18n import localized, translate
from .util import is_canceled

DEFAULT_RADIUS_M = 250.0
BOUNDARY_KINDS = ("boundary",)
OTHER_THEME = "other"


@dataclass
class RuleHit:
    """A rule that would trigger here for the chosen purpose."""

    rule_id: str
    title: str
    severity: str
    relation: str
    message: str
    distance_m: Optional[float] = None  # for beyond_distance: the nearest matching feature seen, if any


@dataclass
class HereItem:
    """One feature of a regional dataset at or near the place."""

    collection: str
    dataset_title: str
    theme: str
    feature_id: str
    name: str
    distance_m: float  # 0 inside
    hits: List[RuleHit] = field(default_factory=list)
    caveat: str = ""


@dataclass
class HereGroup:
    theme: str
    title: str
    items: List[HereItem] = field(default_factory=list)


@dataclass
class HereCard:
    purpose: str
    lang: str
    groups: List[HereGroup] = field(default_factory=list)
    absent: List[RuleHit] = field(default_factory=list)  # beyond_distance rules that trigger (nothing near)
    not_applicable: List[str] = field(default_factory=list)  # titles of rules that do not concern the purpose
    notes: List[str] = field(default_factory=list)  # datasets that could not be read
    reach: Dict[str, float] = field(default_factory=dict)  # cid -> metres searched
    seconds: float = 0.0

    @property
    def items(self) -> List[HereItem]:
        return [item for group in self.groups for item in group.items]

    def item(self, name: str) -> Optional[HereItem]:
        """The first item called ``name``, else None."""
        return next((item for item in self.items if item.name == name), None)


def as_geometry(place) -> QgsGeometry:
    """A QgsGeometry from a QgsGeometry, QgsPointXY or QgsRectangle."""
    if isinstance(place, QgsGeometry):
        return QgsGeometry(place)
    if isinstance(place, QgsRectangle):
        return QgsGeometry.fromRect(place)
    if isinstance(place, QgsPointXY):
        return QgsGeometry.fromPointXY(place)
    raise TypeError("place must be a QgsGeometry, QgsPointXY or QgsRectangle")


def _theme_of(cid: str, data, themes) -> str:
    if themes is not None:
        if isinstance(themes, dict):
            return themes.get(cid) or OTHER_THEME
        dataset = themes.dataset(cid) if hasattr(themes, "dataset") else None
        if dataset is not None and getattr(dataset, "theme", ""):
            return dataset.theme
    lookup = getattr(data, "_catalog_collection", None)
    if lookup is not None:
        from .service import keyword_value

        collection = lookup(cid)
        if collection:
            return keyword_value(collection, "theme") or OTHER_THEME
    return OTHER_THEME


def _caveat(provenance, lang: str) -> str:
    """The dataset's caveat in ``lang`` (``provenance``: a ``sources.Provenance``), else ''."""
    caveat = provenance.caveat
    if isinstance(caveat, dict):
        return localized(caveat, lang)
    return caveat if isinstance(caveat, str) else ""


def _collections(profile, data) -> List[str]:
    from .check.municipalities import BOUNDARY_COLLECTIONS

    out = []
    for cid in profile.collections_used():
        if cid in BOUNDARY_COLLECTIONS:
            continue
        try:
            if data.kind(cid) in BOUNDARY_KINDS:
                continue
        except Exception:  # noqa: BLE001 - the kind is only a hint
            pass
        out.append(cid)
    return out


def _reach(rules, default: float) -> float:
    distances = [float(rule.distance_m) for rule in rules if rule.distance_m]
    return max(distances + [default])


def _triggers(rule, distance: float) -> bool:
    if rule.relation == "intersects":
        return distance <= 0.0
    if rule.relation == "within_distance":
        return distance <= float(rule.distance_m or 0)
    return False


def _hit(rule, lang: str, distance=None) -> RuleHit:
    return RuleHit(rule.id, rule.title_in(lang), rule.severity, rule.relation, rule.message_in(lang), distance)


def what_applies(profile, data, geometry, purpose: str = "", radius_m: Optional[float] = None, lang: str = "sv",
                 feedback=None, themes=None) -> HereCard:
    """What applies at ``geometry`` (a point or small polygon in ``profile.crs``) for ``purpose``
    (an ``applies_to`` code, '' = any). ``data``: a ``DataAccess`` or ``LayerData``; ``themes``:
    optionally a ``Catalog`` or ``{cid: theme id}`` (else the cached catalogue's keywords)."""
    from .check.extent import cached_extent, format_extent
    from .check.features import feature_id, feature_name
    from .check.matcher import Matcher

    started = time.perf_counter()
    place = as_geometry(geometry)
    if place.isNull() or place.isEmpty():
        raise RegionplanError(translate("Click a place on the map first.", lang))
    default = float(radius_m) if radius_m else DEFAULT_RADIUS_M
    card = HereCard(purpose=purpose or "", lang=lang)
    by_theme: Dict[str, List[HereItem]] = {}
    cids = _collections(profile, data)
    for number, cid in enumerate(cids):
        if is_canceled(feedback):
            raise Cancelled(translate("Cancelled.", lang))
        rules = [rule for rule in profile.rules if rule.collection == cid]
        reach = _reach(rules, default)
        card.reach[cid] = reach
        rect = place.boundingBox().buffered(reach)
        try:
            layer, provenance = data.source(cid, rect, feedback)
        except RegionplanError as error:
            card.notes.append(str(error))
            continue
        limit = cached_extent(provenance)
        cut = limit is not None and not limit.contains(rect)
        if cut:  # a copy cut to an extent: what lies outside it is unknown (issue 11 item 9)
            card.notes.append(translate(
                "{name}: the offline copy covers only the area {extent}, and the search around this place "
                "reaches outside it; what lies outside is not shown, and no rule is said to find nothing near.",
                lang).format(name=cid, extent=format_extent(limit, str(profile.crs))))
        applying = []
        for rule in rules:
            if rule.applies(purpose):
                applying.append((rule, Matcher(rule, layer)))
            elif rule.title_in(lang) not in card.not_applicable:
                card.not_applicable.append(rule.title_in(lang))
        title = provenance.title or cid
        caveat = _caveat(provenance, lang)
        theme = _theme_of(cid, data, themes)
        nearest = {}  # beyond_distance rule id -> nearest matching distance seen
        request = QgsFeatureRequest().setFilterRect(rect)
        for feature in layer.getFeatures(request):
            fgeom = feature.geometry()
            if fgeom is None or fgeom.isNull():
                continue
            distance = place.distance(fgeom)
            if distance < 0 or distance > reach:
                continue
            fid = feature_id(feature)
            item = HereItem(cid, title, theme, fid, feature_name(feature, fid), round(distance, 1), caveat=caveat)
            for rule, matcher in applying:
                if not matcher(feature):
                    continue
                if rule.relation == "beyond_distance":
                    known = nearest.get(rule.id)
                    nearest[rule.id] = distance if known is None else min(known, distance)
                elif _triggers(rule, distance):
                    item.hits.append(_hit(rule, lang, round(distance, 1)))
            by_theme.setdefault(theme, []).append(item)
        for rule, _matcher in applying:
            if rule.relation != "beyond_distance" or cut:
                continue
            seen = nearest.get(rule.id)
            if seen is None or seen > float(rule.distance_m or 0):
                card.absent.append(_hit(rule, lang, None if seen is None else round(seen, 1)))
        if feedback is not None:
            feedback.setProgress(100.0 * (number + 1) / max(1, len(cids)))
    order = [theme.id for theme in getattr(profile, "themes", [])]
    for theme_id in sorted(by_theme, key=lambda t: (order.index(t) if t in order else len(order), t)):
        items = sorted(by_theme[theme_id], key=lambda i: (i.distance_m, i.dataset_title, i.name))
        if theme_id == OTHER_THEME and profile.theme(OTHER_THEME) is None:
            theme_title = translate("Other", lang)
        else:
            theme_title = profile.theme_title(theme_id, lang)
        card.groups.append(HereGroup(theme_id, theme_title, items))
    card.seconds = time.perf_counter() - started
    return card


def _fmt_distance(metres: float, lang: str) -> str:
    if metres <= 0:
        return translate("inside", lang)
    if metres >= 1000:
        text = f"{metres / 1000.0:.1f} km"
    else:
        text = f"{metres:.0f} m"
    return text.replace(".", ",") if lang == "sv" else text


def card_html(card: HereCard) -> str:
    """The card as HTML for a QTextBrowser: every text from data or profile escaped."""
    from html import escape

    from .vocabulary import SEVERITY_COLOURS, purpose_label, severity_label

    lang = card.lang
    out = []
    purpose = purpose_label(card.purpose, lang) if card.purpose else translate("any purpose", lang)
    out.append("<h3>{}</h3>".format(escape(translate("What applies here", lang))))
    out.append("<p>{}</p>".format(escape(translate("Purpose: {purpose}", lang).format(purpose=purpose))))
    if not card.groups and not card.absent:
        out.append("<p>{}</p>".format(escape(translate("No regional interest or structure-plan element nearby.",
                                                       lang))))
    for group in card.groups:
        out.append(f"<h4>{escape(group.title)}</h4><ul>")
        for item in group.items:
            distance = escape(_fmt_distance(item.distance_m, lang))
            line = f"<li><b>{escape(item.name)}</b> ({escape(item.dataset_title)}) – {distance}"
            for hit in item.hits:
                line += '<br/><span style="color:{}">{}: {}</span> {}'.format(
                    SEVERITY_COLOURS.get(hit.severity, "#000000"), escape(severity_label(hit.severity, lang)),
                    escape(hit.title), escape(hit.message))
            if item.caveat:
                line += f"<br/><i>{escape(item.caveat)}</i>"
            out.append(line + "</li>")
        out.append("</ul>")
    if card.absent:
        out.append("<h4>{}</h4><ul>".format(escape(translate("Nothing near", lang))))
        for hit in card.absent:
            out.append('<li><span style="color:{}">{}: {}</span> {}</li>'.format(
                SEVERITY_COLOURS.get(hit.severity, "#000000"), escape(severity_label(hit.severity, lang)),
                escape(hit.title), escape(hit.message)))
        out.append("</ul>")
    if card.not_applicable:
        out.append("<p><small>{}</small></p>".format(escape(
            translate("Rules that do not concern this purpose: {rules}", lang).format(
                rules=", ".join(card.not_applicable)))))
    for note in card.notes:
        out.append(f"<p><small>{escape(note)}</small></p>")
    return "\n".join(out)
