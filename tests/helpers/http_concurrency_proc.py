"""Several QgsTasks fetching at once while the main thread runs its event loop, as in QGIS.

    python -m tests.helpers.http_concurrency_proc [--tasks N] [--seconds S]

Runs in its own process, so that a crash shows as an exit code instead of killing pytest.
A static HTTP server (``python -m http.server``, its own process) serves a small JSON document;
``--tasks`` tasks each fetch it again and again with the plugin's client (retries as the
plugin's sources do) for about a second, and new tasks take their place until ``--seconds``
have passed; the main thread meanwhile runs ``app.exec_()`` with a timer of its own, as QGIS's
main window does. Prints ``CONCURRENT <answered> <failed> <tasks run>`` and exits 0.
(With QGIS's shared network manager of each thread, this crashed the process, a segfault or a
corrupted heap, within seconds.)
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsTask
    from qgis.PyQt.QtCore import QTimer

    app = QgsApplication([], False)
    app.initQgis()
    from regionplan_plugin.core.http import HttpClient

    folder = tempfile.mkdtemp(prefix="regionplan-concurrency-")
    with open(os.path.join(folder, "a.json"), "w", encoding="utf-8") as handle:
        handle.write('{"ok": true}')
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/a.json"
    tally = {"ok": 0, "failed": 0, "running": 0, "run": 0}
    lock = threading.Lock()

    def count(key, step=1):
        with lock:
            tally[key] += step
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the server is up when a connection is accepted
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)

        class Fetch(QgsTask):
            def __init__(self):
                super().__init__("fetch", QgsTask.Flag.CanCancel)

            def run(self):
                client = HttpClient(timeout_s=10, retries=2, backoff_s=0.05, authcfg="")
                end = time.monotonic() + 1.0
                while time.monotonic() < end:
                    try:
                        answered = client.get_json(url) == {"ok": True}
                        count("ok" if answered else "failed")
                    except Exception as error:  # noqa: BLE001 - counted and shown
                        count("failed")
                        print(f"GET failed: {error}", file=sys.stderr, flush=True)
                count("running", -1)
                return True

        kept = []
        start = time.monotonic()

        def tick():
            if time.monotonic() - start > args.seconds:
                if tally["running"] == 0:
                    app.quit()
                return
            while tally["running"] < args.tasks:
                count("running")
                count("run")
                task = Fetch()
                kept.append(task)
                del kept[:-4 * args.tasks]
                QgsApplication.taskManager().addTask(task)

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(2)
        app.exec_()
        timer.stop()
        print(f"CONCURRENT {tally['ok']} {tally['failed']} {tally['run']}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
