#!/usr/bin/env python3
"""Build dist/regionplan_plugin.zip: the installable QGIS plugin.

The zip holds one folder, ``regionplan_plugin/``, with the Python package, ``metadata.txt``,
``LICENSE``, ``resources/`` (icons, profiles, styles, demo data; not the developers' service
config) and the compiled translations ``i18n/*.qm``. Nothing else: no tests, venvs, caches,
bytecode or secrets. Entries are sorted and time-stamped alike so the zip is reproducible.
"""

import argparse
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "regionplan_plugin"
EXCLUDED_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache", "service"}
EXCLUDED_SUFFIXES = (".pyc", ".pyo", ".ts", ".orig", ".rej", ".swp", "~", ".gpkg-wal", ".gpkg-shm", ".aux.xml")
EXCLUDED_NAMES = {".DS_Store", ".env", "credentials.json"}
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def _walk(top: str):
    for base, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in EXCLUDED_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name in EXCLUDED_NAMES or name.startswith(".") or name.endswith(EXCLUDED_SUFFIXES):
                continue
            yield os.path.join(base, name)


def entries():
    """(absolute path, path inside the zip) for every file that goes into the package."""
    out = []
    for path in _walk(os.path.join(ROOT, NAME)):
        out.append((path, os.path.join(NAME, os.path.relpath(path, os.path.join(ROOT, NAME)))))
    for name in ("metadata.txt", "LICENSE"):
        out.append((os.path.join(ROOT, name), os.path.join(NAME, name)))
    for path in _walk(os.path.join(ROOT, "resources")):
        out.append((path, os.path.join(NAME, os.path.relpath(path, ROOT))))
    i18n = os.path.join(ROOT, "i18n")
    for name in sorted(os.listdir(i18n)) if os.path.isdir(i18n) else []:
        if name.endswith(".qm"):
            out.append((os.path.join(i18n, name), os.path.join(NAME, "i18n", name)))
    return out


def build(target: str) -> str:
    os.makedirs(os.path.dirname(target), exist_ok=True)
    tmp = target + ".part"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, arcname in entries():
            info = zipfile.ZipInfo(arcname.replace(os.sep, "/"), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(path, "rb") as handle:
                archive.writestr(info, handle.read())
    os.replace(tmp, target)
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "dist", f"{NAME}.zip"))
    args = parser.parse_args(argv)
    path = build(args.out)
    with zipfile.ZipFile(path) as archive:
        count = len(archive.namelist())
    print(f"{os.path.relpath(path, ROOT)}: {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
