"""Guards for the project's habits (see shared/STYLE.md)."""

import ast
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKG = os.path.join(ROOT, "regionplan_plugin")


def _py_files(folder):
    for base, _dirs, files in os.walk(folder):
        for name in files:
            if name.endswith(".py"):
                yield os.path.join(base, name)


def _imports(path):
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_core_has_no_gui_imports():
    offenders = []
    for path in _py_files(os.path.join(PKG, "core")):
        for module in _imports(path):
            if module.startswith(("qgis.gui", "qgis.utils")) or module.endswith("QtWidgets"):
                offenders.append(f"{os.path.relpath(path, ROOT)}: {module}")
        with open(path, encoding="utf-8") as handle:
            if re.search(r"\biface\b", handle.read()):
                offenders.append(f"{os.path.relpath(path, ROOT)}: iface")
    assert offenders == []


def test_qt_only_through_qgis_pyqt():
    offenders = [
        f"{os.path.relpath(path, ROOT)}: {module}"
        for path in _py_files(PKG)
        for module in _imports(path)
        if module.split(".")[0] in ("PyQt5", "PyQt6", "PySide2", "PySide6")
    ]
    assert offenders == []


def test_no_eval_exec_or_process_events():
    offenders = []
    for path in _py_files(PKG):
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                # builtins eval()/exec() (not Qt's QMenu.exec()), and processEvents() anywhere
                func = node.func
                name = getattr(func, "id", None)
                if isinstance(func, ast.Attribute) and func.attr == "processEvents":
                    name = func.attr
                if name in ("eval", "exec", "processEvents"):
                    offenders.append(f"{os.path.relpath(path, ROOT)}:{node.lineno} {name}")
    assert offenders == []


def test_class_factory_is_lazy():
    with open(os.path.join(PKG, "__init__.py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    top_level_imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert top_level_imports == []


def _absolute_imports(path):
    """The modules ``path`` imports, relative imports resolved to ``regionplan_plugin....``."""
    package = os.path.relpath(os.path.dirname(path), ROOT).replace(os.sep, ".").split(".")
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            if node.module:
                yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def test_check_never_imports_styling_or_report():
    """The check computes findings; drawing and writing them is the report's job (data flows one way)."""
    offenders = [
        f"{os.path.relpath(path, ROOT)}: {module}"
        for path in _py_files(os.path.join(PKG, "core", "check"))
        for module in _absolute_imports(path)
        if module.startswith("regionplan_plugin.core.report")
    ]
    assert os.path.isdir(os.path.join(PKG, "core", "check"))
    assert offenders == []


def test_report_never_imports_the_cache():
    # the report draws what its caller gives it (context layers from the caller's cache)
    offenders = [
        f"{os.path.relpath(path, ROOT)}: {module}"
        for path in _py_files(os.path.join(PKG, "core", "report"))
        for module in _absolute_imports(path)
        if module == "regionplan_plugin.core.cache" or module.startswith("regionplan_plugin.core.cache.")
    ]
    assert offenders == []
