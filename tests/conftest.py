"""Test set-up: an isolated QGIS profile and cache, and the fixture modules in
tests/fixtures/ (real servers on loopback). Never reaches the internet.

Do not import modules that read ``qgis.utils.iface`` at the top of this file.
"""

import glob
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

# pytest-qgis gives the session its own QGIS settings profile in <repo>/.qgis-settings
# (`make test` empties it first): the user's own QGIS settings are never touched.
# The cache folder of the session is a temporary one.
_SESSION_TMP = tempfile.mkdtemp(prefix="regionplan-tests-")
os.environ.setdefault("REGIONPLAN_CACHE_DIR", os.path.join(_SESSION_TMP, "cache"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QGIS_OPTS"] = ""
# Nothing in the suite may use a proxy from the environment unless a test sets one.
for _var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(_var, None)
os.environ["no_proxy"] = "127.0.0.1,localhost"

pytest_plugins = sorted(
    "tests.fixtures." + os.path.splitext(os.path.basename(path))[0]
    for path in glob.glob(os.path.join(os.path.dirname(__file__), "fixtures", "*.py"))
    if not os.path.basename(path).startswith("_")
)
