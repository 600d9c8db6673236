#!/usr/bin/env python3
"""Translations: extract every tr()/translate() string, keep i18n/regionplan_sv.ts up to date,
compile it into the .qm that the plugin loads, and list what is not translated.

    python3 scripts/i18n.py update    # add new strings to the .ts (unfinished), keep vanished ones as obsolete
    python3 scripts/i18n.py compile   # .ts -> .qm with lrelease (make translations)
    python3 scripts/i18n.py check     # exit 1 if a string lacks a Swedish translation

Strings are found with ``ast``: the first argument of calls to ``tr``, ``self.tr``,
``translate`` and ``N_`` when it is a string literal, and the first two (the singular and the
plural form) of calls to ``trn`` and ``translaten``. All share the context ``regionplan``.
"""

import ast
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKG = os.path.join(ROOT, "regionplan_plugin")
I18N = os.path.join(ROOT, "i18n")
CONTEXT = "regionplan"
LANGS = ("sv",)
CALLS = {"tr", "translate", "N_"}
PLURAL_CALLS = {"trn", "translaten"}  # (singular, plural, n[, lang]): both forms are strings


def extract(package_dir: str = PKG) -> dict:
    """Return {source string: [file:line, ...]} for every translatable literal."""
    found = {}
    for base, _dirs, files in os.walk(package_dir):
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(base, name)
            with open(path, encoding="utf-8") as handle:
                tree = ast.parse(handle.read(), path)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func
                fname = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if fname in CALLS:
                    args = node.args[:1]
                elif fname in PLURAL_CALLS:
                    args = node.args[:2]
                else:
                    continue
                for arg in args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                        rel = os.path.relpath(path, ROOT)
                        found.setdefault(arg.value, []).append(f"{rel}:{node.lineno}")
    return found


def ts_path(lang: str) -> str:
    return os.path.join(I18N, f"regionplan_{lang}.ts")


def qm_path(lang: str) -> str:
    return os.path.join(I18N, f"regionplan_{lang}.qm")


def read_ts(path: str) -> dict:
    """{source: (translation, type)} from a .ts file."""
    result = {}
    if not os.path.exists(path):
        return result
    tree = ET.parse(path)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        trans = message.find("translation")
        text = trans.text if trans is not None and trans.text else ""
        kind = trans.get("type", "") if trans is not None else "unfinished"
        result[source] = (text, kind)
    return result


def write_ts(path: str, lang: str, strings: dict, existing: dict) -> None:
    root = ET.Element("TS", version="2.1", language={"sv": "sv_SE"}.get(lang, lang))
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source in sorted(strings):
        message = ET.SubElement(context, "message")
        for location in strings[source][:3]:
            filename, line = location.rsplit(":", 1)
            ET.SubElement(message, "location", filename="../" + filename, line=line)
        ET.SubElement(message, "source").text = source
        text, kind = existing.get(source, ("", "unfinished"))
        trans = ET.SubElement(message, "translation")
        if text:  # (an obsolete entry whose exact source is back is valid again)
            trans.text = text
            if kind == "unfinished":
                trans.set("type", "unfinished")
        else:
            trans.set("type", "unfinished")
    # Strings no longer in the code keep their translation, marked obsolete (a reworded string
    # can take it back by hand; lrelease leaves obsolete entries out of the .qm).
    for source in sorted(set(existing) - set(strings)):
        text, _kind = existing[source]
        if not text:
            continue
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        trans = ET.SubElement(message, "translation", type="obsolete")
        trans.text = text
    ET.indent(root, space="    ")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        handle.write(ET.tostring(root, encoding="unicode"))
        handle.write("\n")


def untranslated(lang: str) -> list:
    existing = read_ts(ts_path(lang))
    missing = []
    for source in sorted(extract()):
        text, kind = existing.get(source, ("", "unfinished"))
        if not text or kind in ("unfinished", "obsolete"):
            missing.append(source)
    return missing


def compile_qm(lang: str) -> None:
    src = ts_path(lang)
    if not os.path.exists(src):
        print(f"i18n: {os.path.relpath(src, ROOT)} does not exist yet; run 'update'")
        return
    lrelease = shutil.which("lrelease") or shutil.which("lrelease-qt5")
    if lrelease is None:
        sys.exit("i18n: lrelease is missing (Debian package qttools5-dev-tools)")
    out = qm_path(lang)
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(src):
        return
    subprocess.run([lrelease, "-silent", src, "-qm", out], check=True)


def main(argv) -> int:
    command = argv[1] if len(argv) > 1 else "compile"
    if command == "update":
        strings = extract()
        for lang in LANGS:
            write_ts(ts_path(lang), lang, strings, read_ts(ts_path(lang)))
            print(f"{ts_path(lang)}: {len(strings)} strings, {len(untranslated(lang))} untranslated")
    elif command == "compile":
        for lang in LANGS:
            compile_qm(lang)
    elif command == "check":
        bad = 0
        for lang in LANGS:
            for source in untranslated(lang):
                print(f"{lang}: untranslated: {source!r}")
                bad += 1
        return 1 if bad else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
