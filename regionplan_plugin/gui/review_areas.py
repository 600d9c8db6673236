"""The review tab's parts per plan area (issue 13): the default name and purpose fields, the
statement header group, and the results tree grouped by plan area."""

import html

from qgis.gui import QgsCollapsibleGroupBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QLineEdit, QTreeWidgetItem

from ..core import vocabulary
from ..core.i18n import tr

NAME_FIELDS = ("name", "namn", "plannamn", "planname", "benamning")
PURPOSE_FIELDS = ("purpose", "syfte", "anvandning", "användning", "anv")
ROLE_KIND = Qt.ItemDataRole.UserRole + 1  # an area's non-finding row: its outcome state or "statistics"


def default_field(layer, candidates) -> str:
    """The first of ``candidates`` (case-insensitive) among the layer's fields, else ''."""
    if layer is None:
        return ""
    names = {name.lower(): name for name in layer.fields().names()}
    return next((names[c] for c in candidates if c in names), "")


def format_statistic(value, unit: str, lang: str) -> str:
    """12.4 ha -> "12,4 ha", a count -> "3 st", a share -> "12 %", km -> "1,2 km"."""
    from ..core.statement.format import format_number, format_share

    if value is None:
        return "–"
    if unit == "share":
        return format_share(float(value), lang)
    if unit == "count":
        return format_number(float(value), 0, lang) + (" st" if lang == "sv" else "")
    decimals = 1 if unit in ("ha", "km") else 0
    suffix = {"ha": " ha", "km": " km"}.get(unit, "")
    return format_number(float(value), decimals, lang) + suffix


class HeaderBox(QgsCollapsibleGroupBox):
    """The draft statement's header fields (case number, the municipality's case number, plan
    type, stage, officer, title, addressee), collapsed by default."""

    def __init__(self, parent=None):
        super().__init__(tr("Statement header"), parent)
        self.setObjectName("statementHeader")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields = {}
        for key, label in (("case_id", tr("Case number")), ("municipality_case_id", tr("Municipality case number"))):
            self.fields[key] = QLineEdit()
            form.addRow(label, self.fields[key])
        self.plan_type = QComboBox()
        for code in vocabulary.PLAN_TYPES:
            self.plan_type.addItem(vocabulary.plan_type_label(code), code)
        self.plan_type.setCurrentIndex(self.plan_type.findData(vocabulary.OTHER))
        form.addRow(tr("Plan type"), self.plan_type)
        self.stage = QComboBox()
        for code in vocabulary.STAGES:
            self.stage.addItem(vocabulary.label(vocabulary.STAGE_LABELS, code), code)
        self.stage.setCurrentIndex(self.stage.findData(vocabulary.OTHER))
        form.addRow(tr("Stage"), self.stage)
        for key, label in (("officer", tr("Officer")), ("officer_title", tr("Officer's title")),
                           ("addressee", tr("Addressee"))):
            self.fields[key] = QLineEdit()
            form.addRow(label, self.fields[key])
        self.setCollapsed(True)

    def prefill(self, case) -> None:
        """Fill the empty fields from ``case`` (the case open in the case tab), if any."""
        if case is None:
            return
        info = case.info()
        if not self.fields["case_id"].text().strip() and info.case_id:
            self.fields["case_id"].setText(info.case_id)
        if self.plan_type.currentData() == vocabulary.OTHER and info.plan_type in vocabulary.PLAN_TYPES:
            self.plan_type.setCurrentIndex(self.plan_type.findData(info.plan_type))
        if self.stage.currentData() == vocabulary.OTHER and info.stage in vocabulary.STAGES:
            self.stage.setCurrentIndex(self.stage.findData(info.stage))

    def set_header(self, header: dict) -> None:
        for key, value in header.items():
            if key in self.fields:
                self.fields[key].setText(str(value or ""))
            elif key == "plan_type":
                self.plan_type.setCurrentIndex(max(0, self.plan_type.findData(value)))
            elif key == "stage":
                self.stage.setCurrentIndex(max(0, self.stage.findData(value)))

    def header(self) -> dict:
        """The fields given, as ``header=`` of the report (an empty one keeps its placeholder)."""
        header = {key: edit.text().strip() for key, edit in self.fields.items()}
        header["plan_type"] = self.plan_type.currentData() or vocabulary.OTHER
        header["stage"] = self.stage.currentData() or vocabulary.OTHER
        return {key: value for key, value in header.items() if value}


def show_areas(tree, result, lang, show_severities) -> list:
    """One top item per plan area in ``tree`` (its name, use, size and municipality): its findings
    by severity (``show_severities(parent, [(index, finding)], lang)``), the compact lines of its
    rules without a finding (as in the report), its statistics. Returns [(area, item)]."""
    from ..core.report.area_text import area_facts, compact_lines
    from ..core.report.outcomes import per_area

    position = {id(f): i for i, f in enumerate(result.findings)}
    titles = {s.id: s.title_in(lang) for s in getattr(result.profile, "statistics", []) or []}
    items = []
    for area, states in per_area(result):
        top = QTreeWidgetItem([f"{area.label(lang)} — {area_facts(result, area, lang)}"])
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        top.setToolTip(0, "<p>" + html.escape(top.text(0)) + "</p>")
        tree.addTopLevelItem(top)
        items.append((area, top))
        show_severities(top, [(position[id(f)], f) for f in result.findings_of(area.index)], lang)
        for state, line in compact_lines(area, states, lang):
            item = QTreeWidgetItem([line])
            item.setData(0, ROLE_KIND, state)
            item.setToolTip(0, "<p>" + html.escape(line) + "</p>")
            item.setForeground(0, QBrush(QColor(vocabulary.NEUTRAL_COLOUR)))
            top.addChild(item)
        stats = [s for s in result.statistics if s.plan_index == area.index]
        if stats:
            group = QTreeWidgetItem([tr("Statistics ({n})").format(n=len(stats))])
            group.setData(0, ROLE_KIND, "statistics")
            top.addChild(group)
            for stat in stats:
                text = f"{titles.get(stat.statistic_id, stat.statistic_id)}: " \
                       f"{format_statistic(stat.value, stat.unit, lang)}"
                item = QTreeWidgetItem([text])
                item.setToolTip(0, "<p>" + html.escape(stat.reason or text) + "</p>")
                group.addChild(item)
        top.setExpanded(True)
    return items
