"""The Regionplan dock panel: status line, the catalogue tab (Katalog) and the plan
check tab (Avstämning). A thin shell: every long operation is a ``core`` function
run in a QgsTask (see ``tasks.py``); the panel never blocks on the network."""

import gc
import html

from qgis.core import Qgis, QgsApplication
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import NetworkError
from ..core.i18n import localized, tr, trn, ui_language
from . import tasks
from .case_view import CaseTab
from .catalogue import CatalogueTab, _fmt_time
from .fieldwork import FieldworkButtons
from .review import ReviewTab
from .session import Options, cache_statuses, open_session
from .widgets import plain_label

OFFLINE_KINDS = ("unreachable", "timeout", "tls", "refused")


class RegionplanDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.session = None
        self.load_task = None
        self._tasks = []
        self._closing = False
        self._offline_reported = False
        self._first_show = True
        self.setObjectName("RegionplanDock")
        self.setWindowTitle(tr("Regionplan"))

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        top = QHBoxLayout()
        self.status_label = plain_label(tr("The catalogue is not loaded yet."), "statusLine")
        self.reload_button = QToolButton()
        self.reload_button.setIcon(QgsApplication.getThemeIcon("/mActionRefresh.svg"))
        self.reload_button.setToolTip(tr("Reload the catalogue from the service"))
        self.settings_button = QToolButton()
        self.settings_button.setIcon(QgsApplication.getThemeIcon("/mActionOptions.svg"))
        self.settings_button.setToolTip(tr("Settings"))
        top.addWidget(self.status_label, 1)
        top.addWidget(self.reload_button)
        top.addWidget(self.settings_button)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        self.catalogue = CatalogueTab(self)
        self.review = ReviewTab(self)
        self.tabs.addTab(self.catalogue, tr("Catalogue"))
        self.tabs.addTab(self.review, tr("Plan check"))
        self.case_tab = CaseTab(self)
        self.tabs.addTab(self.case_tab, tr("Case"))
        layout.addWidget(self.tabs, 1)
        self.fieldwork = FieldworkButtons(self)  # issue 17: offline background map, field package
        layout.addWidget(self.fieldwork)

        self.message_label = plain_label("", "messageLine")
        layout.addWidget(self.message_label)

        task_row = QHBoxLayout()
        self.task_label = QLabel("")
        self.task_label.setTextFormat(Qt.TextFormat.PlainText)
        self.task_progress = QProgressBar()
        self.task_progress.setRange(0, 100)
        self.task_cancel = QPushButton(tr("Cancel"))
        self.task_cancel.setObjectName("cancelTasks")
        task_row.addWidget(self.task_label, 1)
        task_row.addWidget(self.task_progress, 1)
        task_row.addWidget(self.task_cancel)
        self.task_widget = QWidget()
        self.task_widget.setLayout(task_row)
        task_row.setContentsMargins(0, 0, 0, 0)
        self.task_widget.setVisible(False)
        layout.addWidget(self.task_widget)

        self.setWidget(body)
        self.reload_button.clicked.connect(lambda: self.load_catalog())
        self.settings_button.clicked.connect(self.open_settings)
        self.task_cancel.clicked.connect(self.cancel_tasks)

    # -- life cycle ----------------------------------------------------------------------
    def showEvent(self, event):  # noqa: N802 (Qt API name)
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            if self.session is None and self.load_task is None:
                self.load_catalog()

    def closeEvent(self, event):  # noqa: N802 (Qt API name)
        self.cancel_tasks()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Cancel every running task and forget the callbacks (the plugin is unloading)."""
        self._closing = True
        for task in list(self._tasks):
            task.detach()
            if not task.done:
                task.cancel()
        self._tasks = []
        self.release_data()

    def release_data(self) -> None:
        """Drop the session and the last check result, with the QGIS layers they hold. Python
        owns those layers: left to Python's own exit, they would be freed after QGIS has shut
        its data providers down, and QGIS crashes on the way out (seen on QGIS 3.40)."""
        self.case_tab.close_case()
        self.case_tab.result = None
        self.review.result = None
        self.session = None
        gc.collect()

    def cancel_tasks(self) -> None:
        for task in list(self._tasks):
            if not task.done:
                task.cancel()

    # -- tasks ---------------------------------------------------------------------------
    def run_task(self, description, func, *args, on_success=None, on_error=None, on_done=None, **kwargs):
        """Run ``func`` in a QgsTask with progress in the panel; errors end in one message."""
        if self._closing:
            return None

        def success(task):
            if on_success is not None:
                on_success(task)

        def error(task):
            if task.canceled:
                self.set_status_message(tr("Cancelled: {task}").format(task=description))
            else:
                if isinstance(task.error, NetworkError) and task.error.kind in OFFLINE_KINDS:
                    self.go_offline(task.message())
                else:
                    self.notify(task.message(), warning=True)
                    self.set_status_message(task.message())
            if on_error is not None:
                on_error(task)

        def done(task):
            if task in self._tasks:
                self._tasks.remove(task)
            self._update_task_row()
            if on_done is not None:
                on_done(task)

        task = tasks.CoreTask(description, func, *args, on_success=success, on_error=error, on_done=done, **kwargs)
        task.progressChanged.connect(lambda _value: None if self._closing else self._update_task_row())
        self._tasks.append(task)
        tasks.start(task)
        self._update_task_row()
        return task

    def running(self):
        return [task for task in self._tasks if not task.done]

    def _update_task_row(self) -> None:
        running = self.running()
        self.task_widget.setVisible(bool(running))
        if running:
            task = running[-1]
            self.task_label.setText(task.description())
            self.task_progress.setValue(int(task.progress()))

    # -- catalogue -----------------------------------------------------------------------
    def load_catalog(self, offline=None):
        """Fetch profile and catalogue in a task (falls back to the offline cache)."""
        if self.load_task is not None and not self.load_task.done:
            return self.load_task
        options = Options.from_settings()
        if offline is not None:
            options.offline = offline
        self.status_label.setText(tr("Loading the catalogue…"))
        self.load_task = self.run_task(tr("Loading the Regionplan catalogue"), open_session, options,
                                       on_success=self._session_loaded, on_error=self._session_failed)
        return self.load_task

    def _session_loaded(self, task) -> None:
        self.session = task.result
        self.load_task = None
        if self.session.offline and not self.session.options.offline:
            self._report_offline(self.session.offline_reason)
        elif not self.session.offline:
            self._offline_reported = False  # say it again if the service goes away later
        self.update_status_line()
        self.catalogue.populate()
        self.review.populate()
        for failure in (getattr(self.session.service, "failed", None) or {}).values():
            self.notify(str(failure), warning=True)  # another publisher: its datasets are missing, say why

    def _session_failed(self, task) -> None:
        self.load_task = None
        if self.session is None:
            self.status_label.setText(task.message())

    def update_status_line(self) -> None:
        session = self.session
        if session is None:
            return
        name = localized(session.profile.name, ui_language()) or session.profile.id
        count = len(list(session.catalog.search()))
        if session.offline:
            when = _fmt_time(session.data_date) or tr("unknown date")
            self.status_label.setText(tr("Offline – data from {date}").format(date=when))
        else:
            self.status_label.setText(
                trn("Online – {profile}, {n} dataset", "Online – {profile}, {n} datasets", count).format(
                    profile=name, n=count))

    def refresh_statuses(self) -> None:
        if self.session is None or self._closing:
            return
        self.session.statuses = cache_statuses(self.session)
        self.catalogue.apply_filter()
        self.catalogue.update_areas()
        self.catalogue._selection_changed()

    def go_offline(self, reason: str = "") -> None:
        """The service cannot be reached: say so once and work from the cache."""
        if self.session is not None:
            self.session.offline = True
            self.session.statuses = cache_statuses(self.session)
            self.update_status_line()
            self.catalogue.apply_filter()
            self.catalogue.set_enabled(True)
        self._report_offline(reason)

    def _report_offline(self, reason: str) -> None:
        if self._offline_reported:
            return
        self._offline_reported = True
        text = tr("The service cannot be reached; working offline with the cached data.")
        if reason:
            text = f"{text} {reason}"
        self.notify(text, warning=True)

    # -- messages ------------------------------------------------------------------------
    def notify(self, text: str, warning=False, success=False) -> None:
        if warning:
            level = Qgis.MessageLevel.Warning
        elif success:
            level = Qgis.MessageLevel.Success
        else:
            level = Qgis.MessageLevel.Info
        # The message bar shows rich text ("<b>title</b>: text"): service text must stay text.
        self.iface.messageBar().pushMessage("Regionplan", html.escape(text, quote=False), level, 8)

    def report_error(self, exc) -> None:
        from ..core.errors import RegionplanError

        if isinstance(exc, RegionplanError):
            text = str(exc)
        else:
            from qgis.core import QgsMessageLog

            QgsMessageLog.logMessage(repr(exc), tasks.LOG_TAG, Qgis.MessageLevel.Critical)
            text = tr("Something went wrong: {error}. The details are in the log panel (Regionplan).").format(
                error=str(exc) or type(exc).__name__)
        self.notify(text, warning=True)
        self.set_status_message(text)

    def set_status_message(self, text: str) -> None:
        self.message_label.setText(text)

    def layer_added(self, layer) -> None:
        self.set_status_message(tr("Added {name} to the map.").format(name=layer.name()))

    # -- settings ------------------------------------------------------------------------
    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self, profile=getattr(self.session, "profile", None))
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(self.settings_changed)
        dialog.open()  # window-modal, without a nested event loop

    def settings_changed(self) -> None:
        """The settings dialog was accepted: start again with the new service and profile."""
        self.session = None
        self._offline_reported = False
        self.catalogue.tree.clear()
        self.catalogue.metadata.clear()
        self.catalogue.set_enabled(False)
        self.review.populate()
        self.load_catalog()
