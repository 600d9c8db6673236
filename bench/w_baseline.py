"""Worker: QGIS start-up only (optionally with Processing), for the baseline peak memory."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import emit, worker_args  # noqa: E402
from bench.qgis_env import qgis_version, start_qgis  # noqa: E402


def main():
    args = worker_args()
    start = time.perf_counter()
    start_qgis(processing=bool(args.get("processing")))
    emit({"time_s": time.perf_counter() - start, "qgis": qgis_version()})


if __name__ == "__main__":
    main()
