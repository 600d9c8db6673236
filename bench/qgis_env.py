"""Start a standalone QGIS for a benchmark worker (offscreen), optionally with Processing."""

import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

_APP = None


def start_qgis(processing: bool = False, gui: bool = False):
    """A QgsApplication with its own throw-away settings profile; returns it."""
    global _APP
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if "QGIS_CUSTOM_CONFIG_PATH" not in os.environ:
        import atexit
        import shutil

        folder = tempfile.mkdtemp(prefix="regionplan-bench-qgis-")
        os.environ["QGIS_CUSTOM_CONFIG_PATH"] = folder
        atexit.register(shutil.rmtree, folder, True)
    from qgis.core import QgsApplication

    if _APP is None:
        QgsApplication.setPrefixPath("/usr", True)
        _APP = QgsApplication([], gui)
        _APP.initQgis()
    if processing:
        for path in ("/usr/share/qgis/python/plugins", "/usr/lib/qgis/python/plugins"):
            if os.path.isdir(path) and path not in sys.path:
                sys.path.append(path)
        from processing.core.Processing import Processing
        from qgis.analysis import QgsNativeAlgorithms

        if QgsApplication.processingRegistry().providerById("native") is None:
            QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
        Processing.initialize()
    return _APP


def join_summary_alg_id() -> str:
    """``native:joinbylocationsummary`` on new QGIS, ``qgis:joinbylocationsummary`` on 3.22."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    for alg_id in ("native:joinbylocationsummary", "qgis:joinbylocationsummary"):
        if registry.algorithmById(alg_id) is not None:
            return alg_id
    raise RuntimeError("no joinbylocationsummary algorithm")


def qgis_version() -> str:
    from qgis.core import Qgis

    return Qgis.version()
