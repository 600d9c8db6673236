"""Swedish is complete: every tr()/translate() string of the plugin has a Swedish translation,
and the compiled .qm that the plugin loads gives it."""

import os
import subprocess
import sys

from qgis.PyQt.QtCore import QTranslator

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import i18n as i18n_script  # noqa: E402


def test_every_string_has_a_swedish_translation():
    strings = i18n_script.extract()
    assert len(strings) > 100  # the extractor really finds the plugin's strings
    missing = i18n_script.untranslated("sv")
    assert missing == [], f"{len(missing)} strings lack Swedish: {missing[:20]}"


def test_placeholders_survive_translation():
    translations = i18n_script.read_ts(i18n_script.ts_path("sv"))
    import re

    bad = []
    for source, (text, _kind) in translations.items():
        if set(re.findall(r"\{[a-z_0-9]*\}", source)) != set(re.findall(r"\{[a-z_0-9]*\}", text)):
            bad.append((source, text))
    assert bad == []


def test_compiled_qm_translates(tmp_path):
    out = tmp_path / "sv.qm"
    subprocess.run(["lrelease", "-silent", i18n_script.ts_path("sv"), "-qm", str(out)], check=True)
    translator = QTranslator()
    assert translator.load(str(out))
    translations = i18n_script.read_ts(i18n_script.ts_path("sv"))
    source, (text, _kind) = next((s, t) for s, t in sorted(translations.items()) if t[0])
    assert translator.translate("regionplan", source) == text
    # the .qm the plugin ships is built from the current .ts
    from regionplan_plugin.core import i18n

    assert os.path.exists(i18n.qm_path("sv"))
    assert i18n.translate("Regional planning layers and plan check", "sv") == translations[
        "Regional planning layers and plan check"][0]


def test_extractor_finds_both_forms_of_a_counted_text():
    strings = i18n_script.extract()
    for form in ("{n} dataset updated.", "{n} datasets updated.",
                 "{count} plan feature lies outside the region of {region} and was not checked: {fids}.",
                 "{count} plan features lie outside the region of {region} and were not checked: {fids}."):
        assert form in strings, form


def test_counted_text_picks_the_form_in_english_and_swedish():
    from regionplan_plugin.core.i18n import translaten

    one, other = "{n} dataset updated.", "{n} datasets updated."
    assert [translaten(one, other, n, "en").format(n=n) for n in (0, 1, 2)] == [
        "0 datasets updated.", "1 dataset updated.", "2 datasets updated."]
    assert [translaten(one, other, n, "sv").format(n=n) for n in (0, 1, 2)] == [
        "0 datamängder uppdaterades.", "1 datamängd uppdaterades.", "2 datamängder uppdaterades."]


def _swedish_ui():
    """Install the plugin's Swedish translator, as QGIS does for a Swedish UI; returns an undo."""
    from qgis.PyQt.QtCore import QCoreApplication

    from regionplan_plugin.core import i18n

    translator = i18n.install_translator("sv")
    assert translator is not None
    return lambda: QCoreApplication.removeTranslator(translator)


def _point(fid, x, y):
    return {"type": "Feature", "id": fid, "properties": {"namn": f"Punkt {fid}"},
            "geometry": {"type": "Point", "coordinates": [x, y]}}


def _select(dock, ids):
    dock.catalogue.tree.clearSelection()
    for cid in ids:
        dock.catalogue.item_for(cid).setSelected(True)
    assert sorted(dock.catalogue.selected_ids()) == sorted(ids)


def test_panel_says_1_dataset_and_2_datasets(rp_dock, rp_settings, fault_server):
    """The panel's own messages: one dataset is singular, two are plural, in English and in Swedish."""
    from tests.fixtures.gui_panel import wait_task, wait_tasks_done

    items = {"punkter": [_point("a", 15.2, 59.3)], "fler": [_point("b", 15.3, 59.4)]}
    rp_settings.service(fault_server.ogc(items=items))
    dock = rp_dock
    assert wait_task(dock.load_catalog(), 90).ok
    wait_tasks_done()
    count = len(list(dock.session.catalog.search()))
    assert dock.status_label.text().endswith(f", {count} datasets") and count >= 2

    assert wait_task(dock.catalogue.make_offline(["punkter"]), 30).ok
    wait_tasks_done()
    assert dock.message_label.text() == "1 dataset is available offline."
    assert wait_task(dock.catalogue.make_offline(["punkter", "fler"]), 30).ok
    wait_tasks_done()
    assert dock.message_label.text() == "2 datasets are available offline."
    _select(dock, ["punkter"])
    dock.catalogue.remove_selected()
    assert dock.message_label.text() == "Removed 1 dataset from the cache."
    _select(dock, ["punkter", "fler"])
    dock.catalogue.remove_selected()
    assert dock.message_label.text() == "Removed 2 datasets from the cache."

    undo = _swedish_ui()
    try:
        _select(dock, ["fler"])
        dock.catalogue.remove_selected()
        assert dock.message_label.text() == "1 datamängd togs bort från cachen."
        _select(dock, ["punkter", "fler"])
        dock.catalogue.remove_selected()
        assert dock.message_label.text() == "2 datamängder togs bort från cachen."
    finally:
        undo()


def test_age_of_a_cached_copy_agrees_with_its_number():
    import time

    from regionplan_plugin.gui.catalogue import _age

    now = time.time()
    english = [_age(now - 90), _age(now - 150), _age(now - 3700), _age(now - 7300), _age(now - 3 * 86400)]
    assert english == ["1 minute", "2 minutes", "1 hour", "2 hours", "3 days"]
    undo = _swedish_ui()
    try:
        swedish = [_age(now - 90), _age(now - 150), _age(now - 3700), _age(now - 7300), _age(now - 3 * 86400)]
    finally:
        undo()
    assert swedish == ["1 minut", "2 minuter", "1 timme", "2 timmar", "3 dagar"]
