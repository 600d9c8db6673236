"""Many requests from QgsTask threads while the main thread spins its own events (issue 11, item 2).

    python -m tests.helpers.http_stress_proc CACHE_ROOT [--gets N] [--refreshes N] [--ahead N]

Runs in its own process, so that a crash (an exception in a PyQt slot aborts the process)
shows as an exit code instead of killing pytest. Starts a fault server (tests/fixtures/faults.py)
in this process; then

1. one task does ``--gets`` GETs while the main thread runs ``processEvents(); sleep(0.01)``;
2. two tasks refresh the same dataset (forced, several pages) at the same time, ``--refreshes``
   rounds;
3. two tasks each send ``--ahead`` pairs of requests ahead (``HttpClient.get_ahead``, as the
   paged sources do): the first is waited for, the second (a slow one) is abandoned while in
   flight every other time.

Prints ``GETS <ok> <failed>``, ``RETRIED <n>``, ``REFRESHES <ok> <failed>`` and
``AHEAD <ok> <failed>`` and exits 0;
a message on stderr for every failure. The clients retry as the plugin's do (a reply that
Qt/sip lost under us is a failed request, retried like a dropped connection).
"""

import argparse
import os
import sys
import threading
import time
import traceback


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--gets", type=int, default=600)
    parser.add_argument("--refreshes", type=int, default=3)
    parser.add_argument("--ahead", type=int, default=0)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsFeedback, QgsTask
    from qgis.PyQt.QtCore import QCoreApplication

    app = QgsApplication([], False)
    app.initQgis()
    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.http import HttpClient
    from regionplan_plugin.core.service import OgcFeaturesService
    from tests.fixtures import faults

    faults._Handler.disable_nagle_algorithm = True  # no 40 ms delayed-ACK stall per request (this process only)
    server = faults.FaultServer()
    server.route("/g", body={"ok": True})
    server.route("/slow", body={"ok": True}, delay_s=0.02)
    features = [{"type": "Feature", "id": str(i), "properties": {"namn": f"P {i}"},
                 "geometry": {"type": "Point", "coordinates": [15.0 + i / 1000, 59.2]}} for i in range(60)]
    base = server.ogc(collections={"pts": {"title": "Punkter"}}, items={"pts": features}, page_size=10)

    class Gets(QgsTask):
        def __init__(self, count):
            super().__init__("gets", QgsTask.Flag.CanCancel)
            self.count, self.ok, self.failed, self.retried = count, 0, 0, 0

        def run(self):
            client = HttpClient(timeout_s=10, retries=2, backoff_s=0.05, authcfg="")
            for _ in range(self.count):
                try:
                    if client.get_json(server.url_for("/g")) == {"ok": True}:
                        self.ok += 1
                    self.retried += client.attempts > 1
                except Exception as error:  # noqa: BLE001 - counted and shown
                    self.failed += 1
                    print(f"GET failed: {error}", file=sys.stderr, flush=True)
                    traceback.print_exc()
            return True

    class Refresh(QgsTask):
        def __init__(self):
            super().__init__("refresh", QgsTask.Flag.CanCancel)
            self.ok = False

        def run(self):
            try:
                service = OgcFeaturesService(base, HttpClient(timeout_s=10, retries=2, backoff_s=0.05, authcfg=""))
                result = Cache("orebro", args.root).refresh(service, "pts", "EPSG:3006", feedback=QgsFeedback(),
                                                            force=True, limit=10)
                self.ok = result.entry.feature_count == len(features)
            except Exception as error:  # noqa: BLE001 - counted and shown
                print(f"refresh failed: {error}", file=sys.stderr, flush=True)
            return True

    class Ahead(QgsTask):
        def __init__(self, count):
            super().__init__("ahead", QgsTask.Flag.CanCancel)
            self.count, self.ok, self.failed = count, 0, 0

        def run(self):
            client = HttpClient(timeout_s=10, retries=2, backoff_s=0.05, authcfg="")
            for n in range(self.count):
                try:
                    first = client.get_ahead(server.url_for("/g"))
                    second = client.get_ahead(server.url_for("/slow"))
                    answers = [first.result()]
                    if n % 2:
                        second.discard()  # abandoned in flight, as a download that ends or fails
                    else:
                        answers.append(second.result())
                    self.ok += all(answer.status == 200 for answer in answers)
                except Exception as error:  # noqa: BLE001 - counted and shown
                    self.failed += 1
                    print(f"ahead failed: {error}", file=sys.stderr, flush=True)
                    traceback.print_exc()
            return True

    def spin(tasks, timeout_s):
        done = threading.Event()
        left = {"n": len(tasks)}

        def one_done():
            left["n"] -= 1
            if left["n"] == 0:
                done.set()

        for task in tasks:
            task.taskCompleted.connect(one_done)
            task.taskTerminated.connect(one_done)
            QgsApplication.taskManager().addTask(task)
        deadline = time.monotonic() + timeout_s
        while not done.is_set() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        return done.is_set()

    gets = Gets(args.gets)
    finished = spin([gets], 120)
    print(f"GETS {gets.ok} {gets.failed + (0 if finished else args.gets - gets.ok)}", flush=True)
    print(f"RETRIED {gets.retried}", flush=True)  # requests that needed a second try (a reply lost under us)
    ok = failed = 0
    for _ in range(args.refreshes):
        pair = [Refresh(), Refresh()]
        spin(pair, 60)
        ok += sum(1 for task in pair if task.ok)
        failed += sum(1 for task in pair if not task.ok)
    print(f"REFRESHES {ok} {failed}", flush=True)
    if args.ahead:
        pair = [Ahead(args.ahead), Ahead(args.ahead)]
        finished = spin(pair, 120)
        print(f"AHEAD {sum(t.ok for t in pair)} {sum(t.failed for t in pair) + (0 if finished else 1)}", flush=True)
    server.close()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
