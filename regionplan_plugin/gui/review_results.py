"""The plan check tab's results: reading a check result (findings, counts, verdict), the
thread-safe plan snapshot and task function of the check, the severity groups of the results tree."""

import html

from qgis.core import QgsFeatureRequest, QgsVectorLayerFeatureSource
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import QTreeWidgetItem

from ..core import vocabulary
from ..core.i18n import tr
from . import icons

SEVERITIES = vocabulary.SEVERITIES
ROLE_INDEX = Qt.ItemDataRole.UserRole


def _polygon_filter():
    try:
        from qgis.core import Qgis

        return Qgis.LayerFilter.PolygonLayer
    except AttributeError:
        from qgis.core import QgsMapLayerProxyModel

        return QgsMapLayerProxyModel.PolygonLayer


def _value(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def findings_of(result):
    return list(_value(result, "findings", []) or [])


def counts_of(result) -> dict:
    counts = _value(result, "counts", None)
    if isinstance(counts, dict) and counts:
        return {sev: int(counts.get(sev, 0)) for sev in SEVERITIES}
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings_of(result):
        sev = _value(finding, "severity")
        counts[sev] = counts.get(sev, 0) + 1
    return counts


def verdict_text(counts: dict) -> str:
    """The verdict in the same words as the report (``vocabulary.verdict_text``)."""
    return vocabulary.verdict_text(vocabulary.verdict(counts))


class PlanSource:
    """A thread-safe snapshot of the plan layer for the check task: the layer's feature
    source (made on the main thread) and, for "selected features only", the selected ids."""

    def __init__(self, layer, selected_only: bool):
        self._source = QgsVectorLayerFeatureSource(layer)
        self._name = layer.name()
        self._crs = layer.crs()
        self._wkb = layer.wkbType()
        self._fids = list(layer.selectedFeatureIds()) if selected_only else None

    def sourceName(self):
        return self._name

    def sourceCrs(self):
        return self._crs

    def wkbType(self):
        return self._wkb

    def getFeatures(self, request=None):
        request = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
        if self._fids is not None:
            try:
                request.setFilterFids(self._fids)
            except TypeError:  # bindings that map QgsFeatureIds to a set
                request.setFilterFids(set(self._fids))
        return self._source.getFeatures(request)


def run_check_task(profile, plan, data, lang, selected_only, disabled_rules, name_field=None,
                   purpose_field=None, purpose=None, feedback=None):
    """Task: the core check."""
    from ..core.check import run_check

    return run_check(profile, plan, data, lang=lang, selected_only=selected_only,
                     disabled_rules=tuple(disabled_rules), feedback=feedback,
                     name_field=name_field or None, purpose_field=purpose_field or None,
                     purpose=purpose or None)


def show_severities(parent, indexed, rule_titles, caveats=None, lang=None) -> None:
    """Under ``parent``: one group per severity of the (index, finding) pairs ``indexed``
    (``caveats``: {collection: the caveat of its data}, added to the finding's tooltip); the
    distances in ``lang``'s numbers ("1 265" in Swedish; the UI language when None)."""
    from ..core.i18n import ui_language
    from ..core.statement.format import format_number

    caveats = caveats or {}
    lang = lang or ui_language()
    for sev in SEVERITIES:
        rows = [(i, f) for i, f in indexed if _value(f, "severity") == sev]
        if not rows:
            continue
        colour = QColor(vocabulary.severity_colour(sev))
        top = QTreeWidgetItem([f"{icons.severity_label(sev)} ({len(rows)})"])
        top.setIcon(0, icons.severity_icon(sev))
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        light = QColor(colour)
        light.setAlpha(50)
        for col in range(2):
            top.setBackground(col, QBrush(light))
        parent.addChild(top)
        for index, finding in rows:
            feature = _value(finding, "feature_name") or _value(finding, "feature_id") or ""
            rule = rule_titles.get(_value(finding, "rule_id"), _value(finding, "rule_id"))
            text = f"{rule}: {feature}" if feature else rule
            plan = _value(finding, "plan_name") or str(_value(finding, "plan_fid", ""))
            distance = _value(finding, "distance_m")
            item = QTreeWidgetItem([text, "" if distance is None else format_number(float(distance), 0, lang)])
            item.setTextAlignment(1, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
            item.setData(0, ROLE_INDEX, index)
            item.setIcon(0, icons.severity_icon(sev))
            # Service and plan text is shown as text, never as rich text (Qt would render tags)
            tip = f"{text}\n{plan}\n{_value(finding, 'message') or ''}".strip()
            caveat = caveats.get(_value(finding, "collection"))
            if caveat:
                tip += "\n" + tr("Note on the data: {caveat}").format(caveat=caveat)
            item.setToolTip(0, "<p>" + html.escape(tip).replace("\n", "<br>") + "</p>")
            item.setForeground(0, QBrush(colour.darker(130)))
            top.addChild(item)
        top.setExpanded(True)
