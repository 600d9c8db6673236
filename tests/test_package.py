"""The release zip: complete, clean, and it loads as a plugin from a plugin folder."""

import os
import subprocess
import sys
import textwrap
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def package_zip(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist") / "regionplan_plugin.zip"
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "package.py"), "--out", str(out)], check=True)
    return out


def test_zip_contents(package_zip):
    with zipfile.ZipFile(package_zip) as archive:
        names = archive.namelist()
        metadata = archive.read("regionplan_plugin/metadata.txt").decode("utf-8")
    assert all(name.startswith("regionplan_plugin/") for name in names)
    for required in (
        "regionplan_plugin/__init__.py",
        "regionplan_plugin/plugin.py",
        "regionplan_plugin/metadata.txt",
        "regionplan_plugin/LICENSE",
        "regionplan_plugin/resources/icons/regionplan.svg",
        "regionplan_plugin/resources/profiles/orebro.json",
    ):
        assert required in names
    if os.path.exists(os.path.join(ROOT, "i18n", "regionplan_sv.ts")):
        assert "regionplan_plugin/i18n/regionplan_sv.qm" in names
    # nothing that is not the product
    forbidden = ("tests/", ".venv", "__pycache__", ".pyc", "/cache/", "manifest.json", ".git/", "service/")
    code = ("regionplan_plugin/core/cache/",)  # the cache's code package, not a data cache
    assert [n for n in names if any(f in n for f in forbidden)
            and not (n.startswith(code) and n.endswith(".py"))] == []
    assert "regionplan_plugin/core/cache/store.py" in names
    for key in ("name", "description", "about", "version", "qgisMinimumVersion=3.22", "author", "email",
                "tracker", "repository", "homepage", "tags", "category", "hasProcessingProvider=yes",
                "changelog"):
        assert f"\n{key}" in "\n" + metadata, key


def test_zip_contains_no_secrets(package_zip):
    with zipfile.ZipFile(package_zip) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            lowered = data.lower()
            for marker in (b"password=", b"passwd", b"secret_key", b"private key-----", b"authorization: basic"):
                assert marker not in lowered, f"{name} contains {marker!r}"


LOAD_SCRIPT = textwrap.dedent(
    """
    import os, sys
    plugin_dir = sys.argv[1]
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    from unittest import mock
    from qgis.PyQt.QtWidgets import QMainWindow, QToolBar
    from qgis.gui import QgsMapCanvas
    import qgis.utils

    class Iface(mock.MagicMock):
        pass  # just enough of QgisInterface for initGui()/unload()

    window = QMainWindow()
    iface = Iface()
    iface.mainWindow.return_value = window
    iface.mapCanvas.return_value = QgsMapCanvas(window)
    iface.addToolBar.side_effect = lambda name: window.addToolBar(name)
    qgis.utils.iface = iface
    sys.path.insert(0, os.path.join(os.path.dirname(QgsApplication.pkgDataPath()), "qgis", "python", "plugins"))
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing
    Processing.initialize()
    qgis.utils.plugin_paths = [plugin_dir]
    sys.path.insert(0, plugin_dir)
    qgis.utils.updateAvailablePlugins()
    assert "regionplan_plugin" in qgis.utils.available_plugins, qgis.utils.available_plugins
    assert qgis.utils.loadPlugin("regionplan_plugin")
    assert qgis.utils.startPlugin("regionplan_plugin")
    import regionplan_plugin
    assert regionplan_plugin.__file__.startswith(plugin_dir), regionplan_plugin.__file__
    from regionplan_plugin.core import paths
    assert paths.bundled_profile_path().startswith(plugin_dir)
    assert os.path.exists(paths.bundled_profile_path())
    provider = QgsApplication.processingRegistry().providerById("regionplan")
    print("ALGORITHMS", sorted(a.id() for a in provider.algorithms()))
    print("VERSION", qgis.utils.pluginMetadata("regionplan_plugin", "version"))
    assert qgis.utils.unloadPlugin("regionplan_plugin")
    assert QgsApplication.processingRegistry().providerById("regionplan") is None
    print("UNLOADED")
    """
)


def test_zip_installs_and_loads(package_zip, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    with zipfile.ZipFile(package_zip) as archive:
        archive.extractall(plugins)
    script = tmp_path / "load.py"
    script.write_text(LOAD_SCRIPT)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH="",
               QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"))
    proc = subprocess.run([sys.executable, str(script), str(plugins)], capture_output=True, text=True,
                          timeout=120, env=env, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ("ALGORITHMS ['regionplan:cachebasemap', 'regionplan:cachelayers', 'regionplan:checkplan', "
            "'regionplan:importplan']") in proc.stdout
    assert "VERSION 0.1.0" in proc.stdout
    assert "UNLOADED" in proc.stdout
