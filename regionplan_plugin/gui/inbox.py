"""The reviewer's inbox: the case files of the folder chosen in the settings, read in a task."""

import os

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import settings, vocabulary
from ..core.i18n import tr, trn
from .widgets import list_tree, plain_label

ROLE_PATH = Qt.ItemDataRole.UserRole


def list_cases_task(folder, feedback=None):
    from ..core.case import list_cases

    return list_cases(folder)


def short_date(stamp: str) -> str:
    """The day of a UTC time stamp in the user's time zone (a case changed at 00:30 in Sweden is
    dated that day, not the day before)."""
    from ..core.util import local_time, parse_iso

    return local_time(stamp)[:10] if parse_iso(stamp) else (stamp or "")[:10]


class InboxWidget(QWidget):
    """Case number, municipality, plan, stage, date and state of every case in the folder;
    double-click opens one (``open_requested`` with its path)."""

    open_requested = pyqtSignal(str)

    def __init__(self, dock, parent=None):
        super().__init__(parent)
        self.dock = dock
        self.task = None
        self.summaries = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        row = QHBoxLayout()
        self.folder_label = plain_label()
        self.refresh_button = QPushButton(tr("Refresh"))
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        self.tree = list_tree("caseInbox", [tr("Case number"), tr("Municipality name"), tr("Plan"), tr("Stage"),
                                            tr("Date"), tr("State")])
        self.tree.setToolTip(tr("Double-click a case to open it."))
        layout.addWidget(self.tree, 1)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.tree.itemDoubleClicked.connect(self._double_clicked)

    def folder(self) -> str:
        return (settings.CASES_DIR.value() or "").strip()

    def refresh(self):
        """List the folder's cases in a task; returns the task (None without a folder)."""
        folder = self.folder()
        if not folder or not os.path.isdir(folder):
            self.folder_label.setText(tr("Choose a case folder in the settings to see your cases here."))
            self.tree.clear()
            return None
        if self.task is not None and not self.task.done:
            return self.task
        self.folder_label.setText(tr("Reading {folder}…").format(folder=folder))
        self.task = self.dock.run_task(tr("Reading the case folder"), list_cases_task, folder,
                                       on_success=self._listed)
        return self.task

    def _listed(self, task) -> None:
        self.show_summaries(task.result, self.folder())

    def show_summaries(self, summaries, folder: str) -> None:
        self.summaries = list(summaries)
        self.tree.clear()
        for summary in self.summaries:
            if summary.problem:
                values = [os.path.basename(summary.path), "", "", "", "", tr("Cannot be read")]
            else:
                values = [summary.case_id, summary.municipality, summary.plan_name,
                          vocabulary.stage_label(summary.stage) if summary.stage else "",
                          short_date(summary.updated_at), vocabulary.case_state_label(summary.state)]
            item = QTreeWidgetItem(values)
            item.setData(0, ROLE_PATH, summary.path)
            item.setToolTip(0, summary.problem or summary.path)
            self.tree.addTopLevelItem(item)
        n = len(self.summaries)
        self.folder_label.setText(trn("{n} case in {folder}", "{n} cases in {folder}", n).format(n=n, folder=folder))

    def rows(self):
        """The visible text of each row (tests, screenshots)."""
        return [[self.tree.topLevelItem(i).text(c) for c in range(self.tree.columnCount())]
                for i in range(self.tree.topLevelItemCount())]

    def _double_clicked(self, item, _column) -> None:
        path = item.data(0, ROLE_PATH)
        if path:
            self.open_requested.emit(path)
