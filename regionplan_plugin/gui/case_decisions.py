"""The reviewer's decisions on the findings of the case's latest version: agree, not relevant,
severity changed (with a reason unless agree), undo. The finding itself is never changed."""

import html

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import vocabulary
from ..core.errors import RegionplanError
from ..core.i18n import tr
from . import icons
from .case_dialogs import DecisionDialog
from .widgets import list_tree, plain_label, stretch_column

ROLE_ROW = Qt.ItemDataRole.UserRole


class DecisionsPanel(QWidget):
    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.view = view
        self.decided = []
        self.previous = {}
        self.version = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = plain_label(tr("Open a case and add a checked version to decide on its findings."))
        top = QHBoxLayout()
        top.addWidget(self.label, 1)
        self.carry_button = QPushButton(tr("Carry over earlier decisions"))
        self.carry_button.setToolTip(tr("Give the findings that were already in the previous version the "
                                        "decisions you made there (a new, dated decision each)."))
        self.carry_button.setVisible(False)
        top.addWidget(self.carry_button)
        layout.addLayout(top)
        self.tree = list_tree("caseDecisions",
                              [tr("Finding / plan area"), tr("Severity"), tr("Decision"), tr("Decided")])
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        stretch_column(self.tree, 0)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.agree_button = QPushButton(vocabulary.decision_label("agree"))
        self.not_relevant_button = QPushButton(vocabulary.decision_label("not_relevant"))
        self.change_button = QPushButton(tr("Change severity…"))
        self.undo_button = QPushButton(tr("Undo"))
        for button in (self.agree_button, self.not_relevant_button, self.change_button, self.undo_button):
            buttons.addWidget(button)
            button.setEnabled(False)
        layout.addLayout(buttons)
        self.agree_button.clicked.connect(lambda: self.decide_selected("agree"))
        self.not_relevant_button.clicked.connect(lambda: self.decide_selected("not_relevant"))
        self.change_button.clicked.connect(lambda: self.decide_selected("severity_changed"))
        self.undo_button.clicked.connect(lambda: self.undo(self.current_row()))
        self.carry_button.clicked.connect(lambda: self.carry_over())
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.customContextMenuRequested.connect(self._menu)

    # -- showing ----------------------------------------------------------------------------
    def populate(self) -> None:
        case = self.view.case
        self.tree.clear()
        self.decided = []
        self.version = case.latest_version() if case is not None else 0
        if not self.version:
            self.label.setText(tr("Open a case and add a checked version to decide on its findings."))
            self.previous = {}
            self.carry_button.setVisible(False)
            self._selection_changed()
            return
        self.decided = case.decided_view(self.version)
        self.previous = self._previous_decisions()
        titles = self.view.rule_titles()
        decided = sum(1 for item in self.decided if item.decision is not None)
        self.label.setText(tr("Version {version}: {decided} of {total} findings decided.").format(
            version=self.version, decided=decided, total=len(self.decided)))
        for row, item in enumerate(self.decided):
            finding = item.finding
            rule = titles.get(finding.rule_id, finding.rule_id)
            feature = finding.feature_name or finding.feature_id or ""
            text = f"{rule}: {feature}" if feature else rule
            decision = vocabulary.decision_label(item.decision.decision) if item.decision else ""
            earlier = self.previous.get(self._key(finding)) if item.decision is None else None
            if earlier is not None:
                decision = tr("(version {version}: {decision})").format(
                    version=earlier.version, decision=vocabulary.decision_label(earlier.decision))
            after = tr("(not relevant)") if item.not_relevant else vocabulary.severity_label(item.severity_after)
            widget = QTreeWidgetItem([f"{text}\n{finding.plan_name or ''}", vocabulary.severity_label(item.severity),
                                      decision, after if item.decision else ""])
            widget.setData(0, ROLE_ROW, row)
            tip = f"{text}\n{finding.plan_name or ''}\n{finding.message or ''}".strip()
            widget.setToolTip(0, "<p>" + html.escape(tip).replace("\n", "<br>") + "</p>")  # text, never markup
            widget.setIcon(0, icons.severity_icon(item.severity))
            if item.decision is not None:
                widget.setToolTip(2, "<p>" + html.escape(item.decision.reason or "") + "</p>")
                if item.severity_after != item.severity and not item.not_relevant:
                    widget.setForeground(3, QBrush(QColor(vocabulary.severity_colour(item.severity_after))))
            self.tree.addTopLevelItem(widget)
        self.carry_button.setVisible(bool(self._to_carry()))
        self._selection_changed()

    @staticmethod
    def _key(finding):
        return (finding.rule_id, finding.feature_id or "")

    def _previous_decisions(self) -> dict:
        """The latest decisions of the previous version by (rule_id, feature_id) (the comparison's
        match over the whole plan)."""
        if self.version < 2:
            return {}
        return {(d.rule_id, d.feature_id or ""): d for d in self.view.case.decisions(self.version - 1)}

    def _to_carry(self):
        return [(row, self.previous[self._key(item.finding)]) for row, item in enumerate(self.decided)
                if item.decision is None and self._key(item.finding) in self.previous]

    def carry_over(self) -> int:
        """Decide each undecided finding that the previous version had decided, as it was decided
        there (a new row: the earlier decision and this version's findings stay as they are)."""
        count = 0
        for row, earlier in self._to_carry():
            finding = self.decided[row].finding
            try:
                self.view.case.decide(self.version, finding.rule_id, finding.feature_id, finding.plan_fid,
                                      earlier.decision, earlier.severity_after, earlier.reason)
            except RegionplanError as error:
                self.view.dock.report_error(error)
                break
            count += 1
        self.populate()
        return count

    def rows(self):
        """(rule_id, feature_id, plan_fid, original severity, decision or '', decided severity) per row."""
        return [(d.finding.rule_id, d.finding.feature_id, d.finding.plan_fid, d.severity,
                 d.decision.decision if d.decision else "", d.severity_after) for d in self.decided]

    def current_row(self) -> int:
        items = self.tree.selectedItems()
        return items[0].data(0, ROLE_ROW) if items else -1

    def select_row(self, row: int) -> None:
        self.tree.setCurrentItem(self.tree.topLevelItem(row))

    def _selection_changed(self) -> None:
        row = self.current_row()
        can = row >= 0 and self.view.case is not None and not self.view.case.read_only and not self.view.busy
        for button in (self.agree_button, self.not_relevant_button, self.change_button):
            button.setEnabled(can)
        self.undo_button.setEnabled(can and self.decided[row].decision is not None)
        case = self.view.case
        self.carry_button.setEnabled(case is not None and not case.read_only and not self.view.busy)

    def _menu(self, point) -> None:
        item = self.tree.itemAt(point)
        if item is None or not self.agree_button.isEnabled():
            return
        menu = QMenu(self.tree)
        menu.addAction(self.agree_button.text(), lambda: self.decide_selected("agree"))
        menu.addAction(self.not_relevant_button.text(), lambda: self.decide_selected("not_relevant"))
        menu.addAction(self.change_button.text(), lambda: self.decide_selected("severity_changed"))
        if self.undo_button.isEnabled():
            menu.addAction(self.undo_button.text(), lambda: self.undo(self.current_row()))
        menu.popup(self.tree.viewport().mapToGlobal(point))

    # -- deciding ---------------------------------------------------------------------------
    def decide_selected(self, decision: str) -> None:
        row = self.current_row()
        if row < 0:
            return
        if decision == "agree":
            self.decide(row, decision, reason="")
            return
        dialog = DecisionDialog(decision, self.decided[row].severity, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted():
            after, reason = dialog.values()
            self.decide(row, decision, after, reason)

        dialog.accepted.connect(accepted)
        dialog.open()  # window-modal, without a nested event loop

    def decide(self, row: int, decision: str, severity_after=None, reason: str = "") -> bool:
        """Store the reviewer's decision on row ``row``; a missing reason ends in a message."""
        finding = self.decided[row].finding
        try:
            self.view.case.decide(self.version, finding.rule_id, finding.feature_id, finding.plan_fid, decision,
                                  severity_after, reason)
        except RegionplanError as error:
            self.view.dock.report_error(error)
            return False
        self.populate()
        self.select_row(row)
        self.view.dock.set_status_message(tr("Saved the decision in the case."))
        return True

    def undo(self, row: int) -> bool:
        if row < 0:
            return False
        finding = self.decided[row].finding
        try:
            removed = self.view.case.undo_decision(self.version, finding.rule_id, finding.feature_id,
                                                   finding.plan_fid)
        except RegionplanError as error:
            self.view.dock.report_error(error)
            return False
        self.populate()
        self.select_row(row)
        return removed is not None
