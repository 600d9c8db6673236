"""Refresh one cached dataset in a separate process (for SIGKILL, concurrency and full-disk tests).

    python -m tests.helpers.refresh_proc URL CACHE_ROOT CID [--limit N] [--force] [--fsize BYTES]

Prints ``PROGRESS <0..100>`` lines while working, then ``RESULT <status> <count> <file>``
(exit 0) or ``ERROR <message>`` (exit 3). ``--fsize`` sets RLIMIT_FSIZE (a full disk:
writes beyond it fail with EFBIG; SIGXFSZ is ignored so the process sees the error).
"""

import argparse
import os
import resource
import signal
import sys


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("root")
    parser.add_argument("cid")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--fsize", type=int, default=0)
    parser.add_argument("--profile", default="orebro")
    args = parser.parse_args(argv)
    if args.fsize:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.fsize, args.fsize))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsFeedback

    app = QgsApplication([], False)
    app.initQgis()
    from regionplan_plugin.core.cache import Cache
    from regionplan_plugin.core.errors import RegionplanError
    from regionplan_plugin.core.http import HttpClient
    from regionplan_plugin.core.service import OgcFeaturesService

    feedback = QgsFeedback()
    feedback.progressChanged.connect(lambda value: print(f"PROGRESS {value:.1f}", flush=True))
    code = 0
    try:
        service = OgcFeaturesService(args.url, HttpClient(timeout_s=20, retries=0))
        result = Cache(args.profile, args.root).refresh(service, args.cid, "EPSG:3006", feedback=feedback,
                                                        force=args.force, limit=args.limit)
        print(f"RESULT {result.status} {result.entry.feature_count} {result.entry.file}", flush=True)
    except RegionplanError as exc:
        print("ERROR " + str(exc).replace("\n", " "), flush=True)
        code = 3
    app.exitQgis()
    return code


if __name__ == "__main__":
    sys.exit(main())
