"""The plugin's words are declared once (core/vocabulary.py), in both languages, and the
Swedish follows docs/ordlista.md: the check is an avstämning, never a granskning."""

import ast
import os
import re
import xml.etree.ElementTree as ET

import pytest

from regionplan_plugin.core import vocabulary
from regionplan_plugin.core.i18n import translate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKG = os.path.join(ROOT, "regionplan_plugin")
TS = os.path.join(ROOT, "i18n", "regionplan_sv.ts")
VOCABULARY = os.path.join(PKG, "core", "vocabulary.py")
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
# the colours the plugin used before core/vocabulary.py: four different "attention" oranges and
# the old red, green and blue; none may come back anywhere
OLD_SEVERITY_COLOURS = {"#d7191c", "#f28a1c", "#f29e0c", "#e07b00", "#f28c28", "#e0a800", "#1a9641",
                        "#2b83ba", "#e08a00", "#2e9e44", "#2a6fc9", "#1a6d2f"}


def _python_files():
    for folder in (PKG, os.path.join(ROOT, "scripts")):
        for base, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if name.endswith(".py"):
                    yield os.path.join(base, name)


def _translations():
    """{source: translation} of the Swedish .ts (unfinished ones as empty)."""
    out = {}
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        node = message.find("translation")
        done = node is not None and node.get("type") not in ("unfinished", "obsolete", "vanished")
        out[source] = (node.text or "") if done else ""
    return out


@pytest.mark.parametrize("table_name", sorted(vocabulary.LABEL_TABLES))
def test_every_label_exists_in_both_languages(table_name):
    table = vocabulary.LABEL_TABLES[table_name]
    translations = _translations()
    for code, text in table.items():
        assert text and text[0] != " ", (table_name, code)
        assert translations.get(text), f"{table_name} {code!r}: {text!r} has no Swedish translation"
        assert translate(text, "en") == text
        assert translate(text, "sv") == translations[text], "stale .qm: run scripts/i18n.py compile"


def test_every_code_has_a_label_and_severities_a_colour():
    assert set(vocabulary.SEVERITY_LABELS) == set(vocabulary.SEVERITIES) == set(vocabulary.SEVERITY_COLOURS)
    assert set(vocabulary.RELATION_LABELS) == set(vocabulary.RELATIONS)
    assert set(vocabulary.OUTCOME_LABELS) == set(vocabulary.OUTCOMES)
    assert set(vocabulary.CACHE_STATUS_LABELS) == set(vocabulary.CACHE_STATUSES) == set(
        vocabulary.CACHE_STATUS_COLOURS)
    assert set(vocabulary.KINDS) < set(vocabulary.KIND_LABELS)
    assert set(vocabulary.PURPOSE_LABELS) == set(vocabulary.PURPOSES)
    assert set(vocabulary.AUTHORITY_LABELS) == set(vocabulary.AUTHORITIES)
    assert set(vocabulary.PLAN_TYPE_LABELS) == set(vocabulary.PLAN_TYPES)
    assert set(vocabulary.STAGE_LABELS) == set(vocabulary.STAGES)
    assert set(vocabulary.DECISION_LABELS) == set(vocabulary.DECISIONS)
    assert set(vocabulary.CASE_STATE_LABELS) == set(vocabulary.CASE_STATES)
    assert set(vocabulary.VERDICT_COLOURS) == set(vocabulary.VERDICTS)


def test_every_named_code_is_its_own_name():
    """The codes are named where they are declared (``CONFLICT, ... = SEVERITIES = (...)``,
    ``HOUSING, ... = PURPOSES``): each name is its code in capitals, so a reordered tuple
    cannot give a name another code."""
    from regionplan_plugin.core import purposes

    named = [(name, getattr(vocabulary, name)) for name in dir(vocabulary) if name.isupper()
             and isinstance(getattr(vocabulary, name), str) and not name.endswith(("_COLOUR", "_AUTHORITY"))]
    named += [(name, getattr(purposes, name)) for name in dir(purposes) if name.isupper()
              and getattr(purposes, name) in purposes.PURPOSES]
    assert len(named) >= 40
    for name, code in named:
        assert name.removeprefix("VERDICT_") == code.upper().replace("-", "_"), (name, code)


def _contrast_with_white(hex_colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_colours_are_one_per_severity_and_readable_with_white_text():
    colours = list(vocabulary.SEVERITY_COLOURS.values())
    assert len(set(colours)) == len(colours)
    for colour in colours + list(vocabulary.VERDICT_COLOURS.values()) + list(
            vocabulary.CACHE_STATUS_COLOURS.values()):
        assert _contrast_with_white(colour) >= 4.5, colour


def test_swedish_words_follow_the_glossary():
    def sv(table):
        return [translate(table[code], "sv") for code in table]

    assert sv(vocabulary.SEVERITY_LABELS) == ["Konflikt", "Att beakta", "I linje med RUS", "Information"]
    assert sv(vocabulary.OUTCOME_LABELS) == ["Berörs", "Berörs inte", "Ej tillämplig", "Ej kontrollerad"]
    assert [vocabulary.cache_status_label(s, "sv") for s in ("fresh", "stale", "unknown", "missing", "corrupt")] == [
        "Aktuell", "Ny version finns", "Okänd", "Inte sparad offline", "Skadad"]
    assert [vocabulary.kind_label(k, "sv") for k in vocabulary.KINDS] == [
        "Strukturbild", "Regionalt intresse", "Planeringsunderlag", "Gräns"]
    assert [vocabulary.plan_type_label(t, "sv") for t in vocabulary.PLAN_TYPES] == [
        "översiktsplan", "fördjupad översiktsplan", "detaljplan", "annan plan"]
    assert [vocabulary.stage_label(s, "sv") for s in vocabulary.STAGES] == ["samråd", "granskning", "annat skede"]
    assert [vocabulary.decision_label(d, "sv") for d in vocabulary.DECISIONS] == [
        "Instämmer", "Ej relevant", "Ändrad bedömning"]
    assert vocabulary.purpose_label("public-services", "sv") == "samhällsservice"
    assert vocabulary.authority_label("state", "sv") == "Länsstyrelsen (statens intressen)"


def test_one_verdict_wording_and_never_no_conflicts_when_incomplete():
    none = vocabulary.empty_counts()
    assert vocabulary.verdict_text(vocabulary.verdict(none), "sv") == "Inga konflikter bland de kontrollerade reglerna"
    assert vocabulary.verdict_text(vocabulary.verdict({"attention": 2}), "sv") == "Frågor att beakta"
    assert vocabulary.verdict_text(vocabulary.verdict({"conflict": 1}), "sv") == "Konflikt med regionala intressen"
    assert vocabulary.verdict(none, not_checked=2) == "incomplete"
    assert vocabulary.verdict_text("incomplete", "sv", 2) == "Ofullständig avstämning: 2 regler kunde inte kontrolleras"
    assert vocabulary.verdict_text("incomplete", "en", 1) == "Incomplete check: 1 rule could not be checked"
    # a conflict stays a conflict, and the missing rules are still said
    text = vocabulary.verdict_text(vocabulary.verdict({"conflict": 1}, not_checked=1), "sv", not_checked=1)
    assert text.startswith("Konflikt med regionala intressen") and "1 regel kunde inte kontrolleras" in text


def test_the_report_and_the_panel_use_the_same_verdict():
    from regionplan_plugin.gui import review

    for counts in ({"conflict": 1}, {"attention": 3}, {}):
        assert review.verdict_text(counts) == vocabulary.verdict_text(vocabulary.verdict(counts))


def test_panel_knows_only_the_cache_statuses_core_produces():
    from regionplan_plugin.gui import icons

    for status in vocabulary.CACHE_STATUSES:
        shown = icons.normalize_status(status)
        assert shown in vocabulary.CACHE_STATUSES
        assert icons.status_label(status) == vocabulary.cache_status_label(shown)
    assert icons.normalize_status("corrupt") == vocabulary.MISSING  # a damaged copy cannot be used
    for spelling in ("cached", "ok", "up_to_date", "outdated", "offline_copy", "cached_unverified"):
        assert icons.normalize_status(spelling) == vocabulary.MISSING


def test_no_colour_or_severity_word_is_declared_outside_the_vocabulary():
    own = {c.lower() for table in (vocabulary.SEVERITY_COLOURS, vocabulary.VERDICT_COLOURS,
                                   vocabulary.CACHE_STATUS_COLOURS) for c in table.values()}
    labels = {text for name in ("severity", "verdict", "cache status", "outcome")
              for text in vocabulary.LABEL_TABLES[name].values()}
    labels |= {"Support", "Uppmärksamhet", "Observera"}
    codes = set(vocabulary.SEVERITIES)
    problems = []
    for path in _python_files():
        if os.path.samefile(path, VOCABULARY):
            continue
        rel = os.path.relpath(path, ROOT)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        for colour in HEX.findall(text):
            if colour.lower() in own or colour.lower() in OLD_SEVERITY_COLOURS:
                problems.append(f"{rel}: colour {colour} belongs in core/vocabulary.py")
        for node in ast.walk(ast.parse(text, path)):
            # a table keyed by severity, or the list of severities spelt out
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if len(keys & codes) >= 2:
                    problems.append(f"{rel}:{node.lineno}: a table keyed by severity")
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                items = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(items & codes) >= 3:
                    problems.append(f"{rel}:{node.lineno}: the severities spelt out")
            # a vocabulary label translated elsewhere (its own second copy)
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                    "tr", "translate") and node.args and isinstance(node.args[0], ast.Constant):
                if node.args[0].value in labels:
                    problems.append(f"{rel}:{node.lineno}: label {node.args[0].value!r} belongs in the vocabulary")
    assert not problems, "\n".join(problems)


BANNED_TS = re.compile(r"<translation>[^<]*(Granska plan|Plangranskning|Granskningstid|Granskad)")
BANNED_WORDS = re.compile(r"granska|granskn|iakttag|observera|uppm\.|uppmärksamhet", re.I)


def test_swedish_translation_never_calls_the_check_a_granskning():
    with open(TS, encoding="utf-8") as handle:
        text = handle.read()
    assert not BANNED_TS.search(text)
    wrong = [(source, sv) for source, sv in _translations().items()
             if BANNED_WORDS.search(sv) and source != vocabulary.STAGE_LABELS["granskning"]]
    assert not wrong, wrong
    # nor an old (obsolete) translation still in the file, where a grep of the .ts would find it
    old = [(m.findtext("source"), m.findtext("translation")) for m in ET.parse(TS).getroot().iter("message")
           if BANNED_WORDS.search(m.findtext("translation") or "")
           and m.findtext("source") != vocabulary.STAGE_LABELS["granskning"]]
    assert not old, old


def glossary_violations(lines, where=""):
    """The lines of ``lines`` that break docs/ordlista.md: granskning other than the PBL stage
    (its code, its label, its document), iakttagelse, observera, uppm., uppmärksamhet."""
    wrong = []
    for number, line in enumerate(lines, 1):
        for match in BANNED_WORDS.finditer(line):
            rest = line[match.start():]
            if re.match(r"granskningshandling", rest, re.I):
                continue  # the document of the PBL stage
            if re.match(r'granskning\b"?', rest, re.I) and (
                    '"granskning"' in line or "granskning:" in line or "samrad" in line
                    or "PBL" in line or "samråd" in line or "plan- och bygglag" in line
                    or re.search(r"Skede: granskning\b", line)):
                continue  # the plan stage
            wrong.append(f"{where}:{number}: {line.strip()}")
    return wrong


# every source of text a user reads: the code (panel, Processing help, report and statement
# templates, texts.json), the scripts (demo output), the profiles, styles and service files, the
# documentation and the plugin's metadata; docs/ordlista.md names the words to avoid, so it is
# the one file left out
TEXT_SOURCES = ["README.md", "metadata.txt", "resources", "scripts", "regionplan_plugin", "docs"]
TEXT_SUFFIXES = (".py", ".json", ".md", ".txt", ".qml", ".yml", ".qgs", ".map", ".html", ".csv")


def _text_files(rel):
    path = os.path.join(ROOT, rel)
    if os.path.isfile(path):
        return [path]
    return [os.path.join(base, name) for base, _dirs, names in os.walk(path) for name in sorted(names)
            if name.endswith(TEXT_SUFFIXES) and name != "ordlista.md" and "__pycache__" not in base]


@pytest.mark.parametrize("rel", TEXT_SOURCES)
def test_texts_use_the_glossary_words(rel):
    """granskning only as the PBL stage (its code and label); never iakttagelse, observera, uppm."""
    files = _text_files(rel)
    assert files
    wrong = []
    for file in files:
        with open(file, encoding="utf-8", errors="replace") as handle:
            wrong += glossary_violations(handle, os.path.relpath(file, ROOT))
    assert not wrong, "\n".join(wrong)


def test_the_statement_examples_use_the_vocabularys_purpose_labels():
    """The test plans' purposes read as the vocabulary says ("mixed development", not "mixed use")."""
    from regionplan_plugin.core.statement import draft_statement, statement_text
    from regionplan_plugin.core.vocabulary import purpose_label
    from tests.helpers.statement_cases import case_a

    for lang in ("sv", "en"):
        areas = case_a(lang).areas
        assert [a.purpose_label for a in areas] == [purpose_label(a.purpose, lang) for a in areas]
    assert "Stationskvarteret (mixed development, 860 m²)" in statement_text(draft_statement(case_a("en"), "en"))
    assert "Stationskvarteret (blandad bebyggelse, 860 m²)" in statement_text(draft_statement(case_a("sv"), "sv"))


# English: the plugin's check is a "check" (docs/ordlista.md); "review" only in the review case
# (ärende), its reviewer and the PBL stage "public review"
REVIEW = re.compile(r"\breview\w*", re.I)
REVIEW_ALLOWED = re.compile(r"review case|reviewer|public review", re.I)


# the severity's English label is "In line with RUS" (an output named SUPPORT is a code)
SUPPORT = re.compile(r"\b[Ss]upport\b")


def test_english_calls_the_check_a_check_never_a_review():
    """One English term per concept: the check is a "check" (never a "review") and the severity
    ``support`` is "in line with RUS" everywhere (never "support")."""
    wrong = []
    for message in ET.parse(TS).getroot().iter("message"):
        node = message.find("translation")
        if node is not None and node.get("type") in ("obsolete", "vanished"):
            continue
        source = message.findtext("source") or ""
        if REVIEW.search(REVIEW_ALLOWED.sub("", source)) or SUPPORT.search(source):
            wrong.append(source)
    assert not wrong, wrong


def test_the_glossary_gives_each_severity_and_outcome_as_the_plugin_says_it():
    """docs/ordlista.md's rows for the severities and the outcomes name the words the panel, the
    reports and the CSV use, in Swedish and in English."""
    with open(os.path.join(ROOT, "docs", "ordlista.md"), encoding="utf-8") as handle:
        rows = re.findall(r"^\| \*\*([^*]+)\*\*[^|]* \| ([^|]+) \| `([a-z_]+)` \|", handle.read(), re.M)
    table = {code: (sv, en.strip()) for sv, en, code in rows}
    labels = dict(vocabulary.SEVERITY_LABELS, **vocabulary.OUTCOME_LABELS)
    for code, label in labels.items():
        assert code in table, code
        assert table[code] == (translate(label, "sv").lower().replace("rus", "RUS"), label.lower().replace(
            "rus", "RUS")), code
