"""The case tab (Ärende): create, open and close a review case, its fields, the reviewer's inbox,
each checked version added from the review tab, the comparison with the previous version (in
the panel and on the map), the decisions on the findings and the statement editor.

A thin shell over ``core.case``: opening, creating, adding a version (with the comparison and
the new draft statement) and exporting run in tasks; a decision or a saved section is one small
SQLite transaction."""

import os

from qgis.core import QgsCoordinateReferenceSystem
from qgis.PyQt.QtCore import QLocale, Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import settings, vocabulary
from ..core.errors import RegionplanError
from ..core.i18n import localized, tr, trn
from . import case_map
from .case_decisions import DecisionsPanel
from .case_dialogs import NewCaseDialog, fill_combo
from .case_statement import StatementPanel, draft_sections
from .inbox import InboxWidget, short_date
from .widgets import plain_label, stretch_column


def _comparison(case, version):
    from ..core.case import compare_versions

    return compare_versions(case, version - 1, version) if version > 1 else None


def create_task(path, info, crs, feedback=None):
    from ..core.case import create_case

    return create_case(path, info, crs), None


def open_task(path, feedback=None):
    from ..core.case import open_case

    case = open_case(path)
    try:
        return case, _comparison(case, case.latest_version())
    except Exception:
        case.close()
        raise


def add_version_task(case, result, label, lang, header=None, feedback=None):
    """Store a check result as the case's next version; compare it with the previous one and
    make the new draft statement, its header from ``header`` (the plan check tab's fields, the
    case's diary number, plan type and stage where those are empty). Returns (version,
    Comparison or None, [(section, text)])."""
    from ..core.case.result_version import version_arguments

    version = case.add_version(label, **version_arguments(result))
    return version, _comparison(case, version), draft_sections(result, lang, header)


def fmt_ha(m2) -> str:
    return QLocale().toString(float(m2 or 0.0) / 10000.0, "f", 2) + " ha"


def fmt_change_ha(m2) -> str:
    """A change of area in hectares with its sign: "+1,42 ha", "−0,30 ha", "0,00 ha"."""
    value = float(m2 or 0.0) / 10000.0
    if round(value, 2) == 0:
        return fmt_ha(0)
    return ("+" if value > 0 else "\u2212") + fmt_ha(abs(m2))


class CaseTab(QWidget):
    def __init__(self, dock, parent=None):
        super().__init__(parent)
        self.dock = dock
        self.case = None
        self.result = None  # the latest check of the review tab
        self.comparison = None
        self.stored = (None, 0)  # (the check last added to the case, its version)
        self.change_layers = []
        self._versions = None  # [(version, label, checked_at)] of the open case, read once
        self.busy = False
        self.task = None
        self.setObjectName("RegionplanCaseTab")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(tr("New case…"))
        self.open_button = QPushButton(tr("Open…"))
        self.close_button = QPushButton(tr("Close"))
        for button in (self.new_button, self.open_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.pages = QTabWidget()
        layout.addWidget(self.pages, 1)
        # -- the case -----------------------------------------------------------------------
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(2, 2, 2, 2)
        self.header_box = QGroupBox(tr("No case is open."))
        form = QFormLayout(self.header_box)
        self.fields = {}
        for key, label in (("case_id", tr("Case number")), ("municipality", tr("Municipality name")),
                           ("plan_name", tr("Plan")), ("plan_type", tr("Plan type")), ("stage", tr("Stage")),
                           ("versions", tr("Versions"))):
            value = QLabel("")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.state_combo = QComboBox()
        fill_combo(self.state_combo, vocabulary.CASE_STATES, vocabulary.case_state_label)
        form.addRow(tr("State"), self.state_combo)
        page_layout.addWidget(self.header_box)
        add_row = QHBoxLayout()
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(tr("Label, e.g. the consultation document"))
        self.add_button = QPushButton(tr("Add as new version"))
        self.add_button.setObjectName("addVersion")
        add_row.addWidget(self.label_edit, 1)
        add_row.addWidget(self.add_button)
        page_layout.addLayout(add_row)
        self.add_note = plain_label()
        page_layout.addWidget(self.add_note)
        self.compare_label = plain_label("", "caseComparison")
        page_layout.addWidget(self.compare_label)
        self.compare_tree = QTreeWidget()
        self.compare_tree.setObjectName("caseComparisonTree")
        self.compare_tree.setHeaderLabels([tr("Change"), tr("Finding"), tr("Overlap change")])
        self.compare_tree.setRootIsDecorated(False)
        stretch_column(self.compare_tree, 1)
        page_layout.addWidget(self.compare_tree, 1)
        self.pages.addTab(page, tr("Case"))
        self.decisions = DecisionsPanel(self)
        self.pages.addTab(self.decisions, tr("Findings"))
        self.statement = StatementPanel(self)
        self.pages.addTab(self.statement, tr("Statement"))
        self.inbox = InboxWidget(dock)
        self.pages.addTab(self.inbox, tr("My cases"))

        self.new_button.clicked.connect(self.new_dialog)
        self.open_button.clicked.connect(self.open_dialog)
        self.close_button.clicked.connect(self.close_case)
        self.add_button.clicked.connect(lambda: self.add_version())
        self.state_combo.activated.connect(self._state_chosen)
        self.inbox.open_requested.connect(self.open)
        review_button = getattr(dock.review, "case_button", None)
        if review_button is not None:
            review_button.clicked.connect(lambda: self.add_version())
        self.update_header()

    # -- helpers ----------------------------------------------------------------------------
    def lang(self) -> str:
        return self.dock.review.language()

    def rule_titles(self, lang=None) -> dict:
        session = self.dock.session
        if session is None:
            return {}
        lang = lang or self.lang()
        return {rule.id: localized(rule.title, lang) or rule.id for rule in session.profile.rules}

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.new_button, self.open_button, self.close_button):
            button.setEnabled(not busy)
        self.update_header()
        self.decisions._selection_changed()

    def _run(self, description, func, *args, on_success):
        self._set_busy(True)
        self.task = self.dock.run_task(description, func, *args, on_success=on_success,
                                       on_done=lambda _task: self._set_busy(False))
        if self.task is None:
            self._set_busy(False)
        return self.task

    # -- create, open, close ------------------------------------------------------------------
    def new_dialog(self) -> None:
        profile = self.dock.session.profile.id if self.dock.session is not None else ""
        dialog = NewCaseDialog(self, settings.CASES_DIR.value() or "", profile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.create(dialog.path(), dialog.info()))
        dialog.open()

    def create(self, path: str, info):
        """Create a case file at ``path`` and open it (a task)."""
        session = self.dock.session
        crs = session.profile.crs if session is not None else "EPSG:3006"
        if not info.profile_id and session is not None:
            info.profile_id = session.profile.id
        self.close_case()
        return self._run(tr("Creating the case {case}").format(case=info.case_id), create_task, path, info, crs,
                         on_success=self._opened)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open a review case"), settings.CASES_DIR.value() or "",
                                              tr("Review case (*.gpkg)"))
        if path:
            self.open(path)

    def open(self, path: str):
        """Open the case file ``path`` (a task); its fields, decisions and statement are shown."""
        self.close_case()
        return self._run(tr("Opening the case {name}").format(name=os.path.basename(path)), open_task, path,
                         on_success=self._opened)

    def _opened(self, task) -> None:
        self.case, comparison = task.result
        self._versions = None
        for note in self.case.notes:
            self.dock.notify(note, warning=True)
        self.show_comparison(comparison)
        self.decisions.populate()
        self.statement.load()
        self.update_header()
        self.dock.set_status_message(tr("Opened the case {case}.").format(case=self.case.info().case_id))
        self.inbox.refresh()

    def close_case(self) -> None:
        if self.case is None:
            return
        if not self.case.read_only:
            self.statement.save_current()
        case_id = self.case.info().case_id
        self.case.close()
        self.case = None
        self._versions = None
        case_map.remove_group(case_id)
        self.comparison = None
        self.compare_label.setText("")
        self.compare_tree.clear()
        self.decisions.populate()
        self.statement.load()
        self.update_header()

    def _state_chosen(self, _index) -> None:
        if self.case is None:
            return
        try:
            self.case.set_info(state=self.state_combo.currentData())
        except RegionplanError as error:
            self.dock.report_error(error)
        self.update_header()
        self.inbox.refresh()

    def update_header(self) -> None:
        case = self.case
        open_ = case is not None
        info = case.info() if open_ else None
        self.header_box.setTitle(tr("Case {case}").format(case=info.case_id) if open_ else tr("No case is open."))
        if open_ and self._versions is None:
            self._versions = [(v.version, v.label, v.checked_at) for v in case.versions()]
        versions = self._versions if open_ else []
        values = {"case_id": info.case_id, "municipality": info.municipality, "plan_name": info.plan_name,
                  "plan_type": vocabulary.plan_type_label(info.plan_type), "stage": vocabulary.stage_label(info.stage),
                  "versions": "\n".join(tr("{version}. {label} ({date})").format(
                      version=number, label=label, date=short_date(at)) for number, label, at in versions)
                  } if open_ else {}
        for key, widget in self.fields.items():
            widget.setText(values.get(key, ""))
        if open_:
            self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(info.state)))
        writable = open_ and not case.read_only and not self.busy
        self.state_combo.setEnabled(writable)
        self.close_button.setEnabled(open_ and not self.busy)
        self.add_button.setEnabled(writable and self.result is not None)
        review_button = getattr(self.dock.review, "case_button", None)
        if review_button is not None:
            review_button.setVisible(open_)
            review_button.setEnabled(self.add_button.isEnabled())
        if not open_:
            self.add_note.setText(tr("Create or open a case to keep the checks, your decisions and the statement."))
        elif self.result is None:
            self.add_note.setText(tr("Run a check in the Plan check tab, then add it here as a new version."))
        else:
            self.add_note.setText(tr("The latest check can be added as version {version}.").format(
                version=len(versions) + 1))

    # -- versions ---------------------------------------------------------------------------
    def check_finished(self, result) -> None:
        """The review tab has a new check result."""
        self.result = result
        self.update_header()

    def add_version(self, label: str = ""):
        """Store the latest check as the next version (a task); returns the task."""
        if self.case is None or self.result is None:
            self.dock.notify(tr("Open a case and run a check first."), warning=True)
            return None
        label = label or self.label_edit.text().strip() or tr("Version {n}").format(
            n=self.case.latest_version() + 1)
        result = self.result
        header = self.dock.review.header()  # the open case fills the fields left empty
        return self._run(tr("Adding the check to the case"), add_version_task, self.case, result, label,
                         self.lang(), header, on_success=lambda task: self._version_added(task, result))

    def _version_added(self, task, result=None) -> None:
        version, comparison, drafts = task.result
        self.stored = (result, version)  # the review tab's reports of this check use the case's view
        self.result = None  # stored: the next version needs a new check
        self._versions = None
        self.label_edit.clear()
        self.show_comparison(comparison)
        self.decisions.populate()
        try:
            waiting = self.statement.apply_draft(drafts)
        except RegionplanError as error:
            self.dock.report_error(error)
            waiting = []
        self.update_header()
        text = tr("Added the check as version {version}.").format(version=version)
        if waiting:
            text += " " + trn("The new draft differs from your edit in {n} section: choose in the statement tab.",
                              "The new draft differs from your edit in {n} sections: choose in the statement tab.",
                              len(waiting)).format(n=len(waiting))
        self.dock.set_status_message(text)
        self.dock.notify(text, success=True)
        self.inbox.refresh()

    def report_arguments(self, result) -> dict:
        """``decisions=`` and ``comparison=`` for a report of ``result`` when it is the check last
        added to the open case (the reviewer's decided view, the changes since the previous
        version); nothing otherwise."""
        from ..core.case import report_arguments

        stored, version = self.stored
        if self.case is None or result is None or stored is not result:
            return {}
        return report_arguments(self.case, version, self.comparison)

    def show_comparison(self, comparison) -> None:
        self.comparison = comparison
        self.compare_tree.clear()
        if comparison is None:
            self.compare_label.setText("")
            return
        self.compare_label.setText(tr(
            "Version {old} → {new}: {new_n} new, {resolved} resolved, {unchanged} unchanged findings; "
            "area added {added}, removed {removed}.").format(
            old=comparison.old_version, new=comparison.new_version, new_n=len(comparison.new),
            resolved=len(comparison.resolved), unchanged=len(comparison.unchanged),
            added=fmt_ha(comparison.area_added_m2), removed=fmt_ha(comparison.area_removed_m2)))
        titles = self.rule_titles()
        labels = {"new": tr("New"), "resolved": tr("Resolved"), "unchanged": tr("Unchanged")}
        for change in comparison.new + comparison.resolved + comparison.unchanged:
            rule = titles.get(change.rule_id, change.rule_id)
            name = change.feature_name or change.feature_id
            delta = change.overlap_change_m2
            self.compare_tree.addTopLevelItem(QTreeWidgetItem([
                labels[change.status], f"{rule}: {name}" if name else rule,
                "" if delta is None else fmt_change_ha(delta)]))
        crs = self.case.crs if self.case is not None else QgsCoordinateReferenceSystem("EPSG:3006")
        self.change_layers = case_map.show_change(comparison, crs, self.case.info().case_id)
