"""Small dialogs of the case view: a new case, and the reviewer's decision on a finding."""

from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ..core import vocabulary
from ..core.case import CaseInfo
from ..core.i18n import tr
from .widgets import ok_cancel


def fill_combo(combo: QComboBox, codes, label) -> None:
    combo.clear()
    for code in codes:
        combo.addItem(label(code), code)


class NewCaseDialog(QDialog):
    """Case number, municipality, plan, plan type, stage and the file of a new case."""

    def __init__(self, parent=None, folder: str = "", profile_id: str = ""):
        super().__init__(parent)
        self.setObjectName("RegionplanNewCase")
        self.setWindowTitle(tr("New review case"))
        self.profile_id = profile_id
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.case_id = QLineEdit()
        self.municipality = QLineEdit()
        self.plan_name = QLineEdit()
        self.plan_type = QComboBox()
        fill_combo(self.plan_type, vocabulary.PLAN_TYPES, vocabulary.plan_type_label)
        self.stage = QComboBox()
        fill_combo(self.stage, vocabulary.STAGES, vocabulary.stage_label)
        self.file_widget = QgsFileWidget()
        self.file_widget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.file_widget.setFilter(tr("Review case (*.gpkg)"))
        self.file_widget.setDefaultRoot(folder)
        form.addRow(tr("Case number"), self.case_id)
        form.addRow(tr("Municipality name"), self.municipality)
        form.addRow(tr("Plan"), self.plan_name)
        form.addRow(tr("Plan type"), self.plan_type)
        form.addRow(tr("Stage"), self.stage)
        form.addRow(tr("Case file"), self.file_widget)
        layout.addLayout(form)
        self.buttons = ok_cancel(self)
        layout.addWidget(self.buttons)
        self.file_widget.fileChanged.connect(self._update)
        self.case_id.textChanged.connect(self._update)
        self._update()

    def _update(self, *_args) -> None:
        ok = bool(self.case_id.text().strip() and self.path())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def path(self) -> str:
        path = self.file_widget.filePath().strip()
        if path and not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        return path

    def info(self) -> CaseInfo:
        return CaseInfo(case_id=self.case_id.text().strip(), municipality=self.municipality.text().strip(),
                        plan_name=self.plan_name.text().strip(), plan_type=self.plan_type.currentData(),
                        stage=self.stage.currentData(), profile_id=self.profile_id)


class DecisionDialog(QDialog):
    """The reason for a decision (required unless the reviewer agrees) and, for a changed
    severity, the new severity. OK stays disabled until what is required is given."""

    def __init__(self, decision: str, severity: str, parent=None):
        super().__init__(parent)
        self.setObjectName("RegionplanDecision")
        self.decision = decision
        self.setWindowTitle(vocabulary.decision_label(decision))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Original severity: {severity}").format(
            severity=vocabulary.severity_label(severity))))
        form = QFormLayout()
        self.severity = QComboBox()
        fill_combo(self.severity, [s for s in vocabulary.SEVERITIES if s != severity], vocabulary.severity_label)
        if decision == "severity_changed":
            form.addRow(tr("New severity"), self.severity)
        else:
            self.severity.setVisible(False)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(tr("Why? (required)") if decision != "agree" else tr("Comment (optional)"))
        form.addRow(tr("Reason"), self.reason)
        layout.addLayout(form)
        self.buttons = ok_cancel(self)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = self.decision == "agree" or bool(self.reason.toPlainText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self):
        """(severity_after or None, reason)."""
        after = self.severity.currentData() if self.decision == "severity_changed" else None
        return after, self.reason.toPlainText().strip()
