"""Write one report of a synthetic check result in a separate process (for full-disk tests).

    python -m tests.helpers.report_proc KIND PATH [--findings N] [--fsize BYTES]

KIND is html, pdf, csv, gpkg or png. Prints ``OK <path>`` (exit 0) or ``ERROR <message>``
(exit 3). ``--fsize`` sets RLIMIT_FSIZE (a full disk: writes beyond it fail with EFBIG;
SIGXFSZ is ignored so the process sees the error)."""

import argparse
import os
import resource
import signal
import sys


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("kind")
    parser.add_argument("path")
    parser.add_argument("--findings", type=int, default=300)
    parser.add_argument("--fsize", type=int, default=0)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from regionplan_plugin.core import report
    from regionplan_plugin.core.errors import RegionplanError
    from tests.helpers.report_data import synthetic_result

    result = synthetic_result(args.findings)
    writers = {
        "html": lambda: report.write_html(result, args.path, "en"),
        "pdf": lambda: report.write_pdf(result, args.path, "en"),
        "csv": lambda: report.write_csv(result, args.path),
        "gpkg": lambda: report.write_gpkg(result, args.path),
        "png": lambda: report.render_map_png(result, args.path, size=(1600, 1200)),
    }
    if args.fsize:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.fsize, args.fsize))
    code = 0
    try:
        writers[args.kind]()
        print(f"OK {args.path}", flush=True)
    except RegionplanError as exc:
        print("ERROR " + str(exc).replace("\n", " "), flush=True)
        code = 3
    writers.clear()
    app.exitQgis()
    return code


if __name__ == "__main__":
    sys.exit(main())
