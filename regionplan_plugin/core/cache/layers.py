"""Project layers and the main thread: repointing layers off a superseded copy before it is
deleted, and running that on the main thread when asked from a worker."""

import os
import threading
from typing import Optional

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QObject, QThread, pyqtSignal, pyqtSlot

from ..errors import CacheError
from .uris import _layer_uri


def _is_main_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


class _MainThreadRunner(QObject):
    """Runs callables on the main thread (queued from worker threads such as QgsTask.run)."""

    call = pyqtSignal(object)

    def __init__(self):
        super().__init__()
        self.call.connect(self._run)

    @pyqtSlot(object)  # a real Qt slot: runs in the thread this object lives in (no PyQt proxy)
    def _run(self, func):
        try:
            func()
        except Exception:  # noqa: BLE001 - a clean-up must never break the caller
            pass


_runner = None
_runner_lock = threading.Lock()


def _on_main_thread(func) -> None:
    global _runner
    app = QCoreApplication.instance()
    if app is None:
        return
    if _is_main_thread():
        func()
        return
    with _runner_lock:
        if _runner is None:
            runner = _MainThreadRunner()
            runner.moveToThread(app.thread())
            _runner = runner
    _runner.call.emit(func)


def _layer_path(layer) -> str:
    source = layer.source() if layer is not None else ""
    return os.path.realpath(source.split("|", 1)[0]) if source else ""


class LayersMixin:
    """Retiring superseded copies of ``Cache``."""

    def _retire(self, name: str, new_path: Optional[str]) -> None:
        """Delete a superseded file once no project layer uses it (repointing them first)."""
        try:
            path = self._file(name)
        except CacheError:
            return
        if not _is_main_thread():
            # the project's layers belong to the main thread: repoint and delete there
            _on_main_thread(lambda: self._retire(name, new_path))
            return
        users = [layer for layer in QgsProject.instance().mapLayers().values()
                 if layer.providerType() == "ogr" and _layer_path(layer) == path]
        for layer in users:
            if new_path:
                layer.setDataSource(_layer_uri(new_path), layer.name(), "ogr")
        if any(_layer_path(layer) == path for layer in users):
            return  # still used (no new copy to point at): clean_up() later
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(path + suffix)
            except FileNotFoundError:
                pass
            except OSError:
                break  # in use (Windows): clean_up() later
