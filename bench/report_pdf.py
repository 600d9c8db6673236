"""The PDF report's time against the number of findings (issue 11, item 6).

    .venv/bin/python bench/report_pdf.py [N ...]     (default 800 1600 4000)

Each size in a fresh process (``--one N``), the median of 3 runs; prints a Markdown table with
the time per finding and the ratio to the smallest size. Linear means the ratio of times is
about the ratio of sizes (4,000 / 800 = 5×). Results: bench/REPORT_PDF.md."""

import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def one(n: int) -> float:
    sys.path.insert(0, ROOT)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from regionplan_plugin.core import report
    from tests.helpers.report_data import synthetic_result

    result = synthetic_result(n)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        report.write_pdf(result, os.path.join(folder, "r.pdf"), "en")
        seconds = time.perf_counter() - start
    result = None
    app.exitQgis()
    return seconds


def main(argv):
    if argv[:1] == ["--one"]:
        print(one(int(argv[1])))
        return 0
    sizes = [int(a) for a in argv] or [800, 1600, 4000]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    rows = []
    for n in sizes:
        runs = []
        for _ in range(3):
            out = subprocess.run([sys.executable, __file__, "--one", str(n)], env=env, capture_output=True,
                                 text=True, check=True, cwd=ROOT).stdout
            runs.append(float(out.strip().splitlines()[-1]))
        rows.append((n, statistics.median(runs)))
    base_n, base_t = rows[0]
    print("| findings | PDF time (median of 3) | per 1,000 findings | time ratio | size ratio |")
    print("|---:|---:|---:|---:|---:|")
    for n, seconds in rows:
        print(f"| {n:,} | {seconds:.2f} s | {1000 * seconds / n:.2f} s | {seconds / base_t:.1f}× | {n / base_n:.1f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
