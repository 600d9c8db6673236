"""QgsTask wrappers: run a ``core`` function off the UI thread.

The core function takes a ``feedback`` keyword (a ``QgsFeedback``). The task:

* forwards the feedback's progress to ``setProgress()`` (panel and task manager),
* cancels the feedback from ``cancel()``,
* keeps any exception raised in ``run()`` and returns ``False``,
* calls the callbacks in ``finished()``, which runs on the main thread.

Nothing in ``run()`` touches a widget. Callbacks get the task; ``task.result``
holds the return value, ``task.error`` the exception, ``task.message()`` one
translated line for the user (never a traceback; the traceback goes to the log).
The task manager deletes the C++ task once it is done: after ``task.done`` use only
the Python attributes (``result``, ``error``, ``ok``, ``canceled``, ``last_progress``).
"""

import gc
import traceback

from qgis.core import Qgis, QgsApplication, QgsFeedback, QgsMessageLog, QgsTask
from qgis.PyQt.QtCore import Qt

from ..core.errors import Cancelled, NetworkError, RegionplanError
from ..core.i18n import tr

LOG_TAG = "Regionplan"

# Python wrappers of tasks the task manager still runs. A QgsTask subclass whose Python
# object is collected while the C++ task runs would lose its run(): keep them here until
# they are done, also after the panel that started them is gone.
_ALIVE = set()


def _prune() -> None:
    for task in list(_ALIVE):
        try:
            status = task.status()
        except RuntimeError:  # C++ object already deleted
            _ALIVE.discard(task)
            continue
        if status in (QgsTask.TaskStatus.Complete, QgsTask.TaskStatus.Terminated) and task.done:
            _ALIVE.discard(task)


def running_tasks():
    """Tasks started through :func:`start` that have not finished yet."""
    return [task for task in _ALIVE if not task.done]


class CoreTask(QgsTask):
    """Run ``func(*args, feedback=..., **kwargs)`` in a QGIS background task."""

    def __init__(self, description, func, *args, on_success=None, on_error=None, on_done=None,
                 cancelable=True, **kwargs):
        flags = QgsTask.Flag.CanCancel if cancelable else QgsTask.Flags()
        super().__init__(description, flags)
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.feedback = QgsFeedback()
        # The feedback emits from the worker thread: forward directly, setProgress is thread-safe.
        self.feedback.progressChanged.connect(self._forward_progress, Qt.ConnectionType.DirectConnection)
        self.result = None
        self.error = None
        self.last_progress = 0.0
        self.done = False
        self.ok = False
        self._on_success = on_success
        self._on_error = on_error
        self._on_done = on_done

    def _forward_progress(self, value):
        self.last_progress = float(value)
        self.setProgress(value)

    # -- worker thread ---------------------------------------------------------------
    def run(self):
        try:
            self.result = self.func(*self.args, feedback=self.feedback, **self.kwargs)
        except Exception as exc:  # noqa: BLE001 - reported in finished()
            self.error = exc
            if not isinstance(exc, RegionplanError):
                self._traceback = traceback.format_exc()
            return False
        return not self.feedback.isCanceled()

    def cancel(self):
        self.feedback.cancel()
        super().cancel()

    # -- main thread -----------------------------------------------------------------
    @property
    def canceled(self) -> bool:
        if isinstance(self.error, Cancelled):
            return True
        if isinstance(self.error, NetworkError) and self.error.kind == "cancelled":
            return True
        return self.feedback.isCanceled()

    def message(self) -> str:
        """One translated line that says what went wrong ('' when nothing did)."""
        if self.ok:
            return ""
        if self.canceled:
            return tr("Cancelled.")
        if isinstance(self.error, RegionplanError):
            return str(self.error)
        if self.error is not None:
            return tr("Something went wrong: {error}. The details are in the log panel (Regionplan).").format(
                error=str(self.error) or type(self.error).__name__
            )
        return tr("The task stopped without a result.")

    def finished(self, result):
        self.done = True
        self.ok = bool(result) and self.error is None
        tb = getattr(self, "_traceback", None)
        if tb:
            QgsMessageLog.logMessage(tb, LOG_TAG, Qgis.MessageLevel.Critical)
        elif self.error is not None and not self.canceled:
            QgsMessageLog.logMessage(str(self.error), LOG_TAG, Qgis.MessageLevel.Warning)
        try:
            if self.ok and self._on_success is not None:
                self._on_success(self)
            elif not self.ok and self._on_error is not None:
                self._on_error(self)
            if self._on_done is not None:
                self._on_done(self)
        except Exception:  # noqa: BLE001 - a callback must never take QGIS down
            QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.MessageLevel.Critical)
        finally:
            self.detach()
            # Done: the task manager deletes the C++ task; let go of the Python side too, so
            # that results holding layers do not outlive QGIS (this frame keeps self alive).
            _ALIVE.discard(self)

    def detach(self) -> None:
        """Forget the callbacks (the panel that started the task is going away)."""
        self._on_success = self._on_error = self._on_done = None


def start(task: CoreTask) -> CoreTask:
    """Hand ``task`` to the QGIS task manager and keep it alive until it is done.

    Python's garbage in reference cycles is collected here first, in the main thread: left for
    later, the task's own allocations may start a collection in the task's thread, and a cycle
    holding a Qt object of the main thread (a closed dialog, a layer) would then be deleted in
    the wrong thread, which can crash QGIS."""
    gc.collect()
    _prune()
    _ALIVE.add(task)
    QgsApplication.taskManager().addTask(task)
    return task
