"""The case tab (issue 14): create a case, add checks as versions, decide on findings, edit the
statement, compare versions (panel and map), export .docx/.odt, the inbox, reopen."""

import os

import pytest
from qgis.core import Qgis, QgsProject, QgsVectorLayer

from tests.fixtures.gui_panel import wait_task, wait_tasks_done

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_GPKG = os.path.join(ROOT, "resources", "demo", "orebro_demo.gpkg")


def _loaded(dock, url, rp_settings):
    rp_settings.service(url)
    task = wait_task(dock.load_catalog(), 90)
    assert task.ok, task.message()
    return dock


def _plan_layer():
    layer = QgsVectorLayer(f"{DEMO_GPKG}|layername=plan_samples", "plan_samples", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


def _check(dock, layer, fids):
    layer.selectByIds(fids)
    dock.review.layer_combo.setLayer(layer)
    dock.review.selected_only.setChecked(True)
    task = wait_task(dock.review.run(), 120)
    assert task.ok, task.message()
    return task.result


def _warnings(iface):
    return iface.messageBar().get_messages(Qgis.MessageLevel.Warning)


def _docx_text(path):
    import docx

    document = docx.Document(path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(p.text for p in document.paragraphs), cells


def _odt_text(path):
    from odf import teletype, text
    from odf.opendocument import load

    document = load(path)
    parts = document.getElementsByType(text.P) + document.getElementsByType(text.H)
    return "\n".join(teletype.extractText(p) for p in parts)


@pytest.mark.timeout(400)
def test_case_workflow(rp_dock, rp_settings, pygeoapi_service, qgis_iface, tmp_path):
    from regionplan_plugin.core import settings
    from regionplan_plugin.core.case import CaseInfo, open_case
    from regionplan_plugin.gui.dock import RegionplanDock

    settings.CASES_DIR.set(str(tmp_path))
    dock = _loaded(rp_dock, pygeoapi_service, rp_settings)
    dock.review.language_combo.setCurrentIndex(dock.review.language_combo.findData("en"))
    view = dock.case_tab
    assert not view.add_button.isEnabled()
    path = str(tmp_path / "kumla.gpkg")
    info = CaseInfo(case_id="RÖ 2026-00123", municipality="Kumla", plan_name="ÖP Kumla 2040", plan_type="op",
                    stage="samrad")
    task = wait_task(view.create(path, info), 30)
    assert task.ok, task.message()
    assert view.fields["case_id"].text() == "RÖ 2026-00123"
    assert view.fields["plan_type"].text() == "comprehensive plan" and view.fields["stage"].text() == "consultation"

    # version 1: plan areas 1, 2, 3
    layer = _plan_layer()
    result = _check(dock, layer, [1, 2, 3])
    assert result.findings
    assert view.add_button.isEnabled()
    task = wait_task(view.add_version("Samrådshandling"), 60)
    assert task.ok, task.message()
    assert view.fields["versions"].text().startswith("1. Samrådshandling")
    assert view.compare_label.text() == ""  # nothing to compare yet
    # the draft's header is the case's: its diary number, plan type and stage, no placeholder for them
    header_key = view.statement.order[0]
    header_text = view.statement.texts[header_key]
    assert "RÖ 2026-00123" in header_text, header_text
    assert "consultation" in header_text.lower() and "comprehensive plan" in header_text.lower(), header_text

    # decisions: the three kinds, a reason required unless agree, undo
    panel = view.decisions
    rows = panel.rows()
    assert len(rows) == len(result.findings) and len(rows) >= 3
    assert panel.decide(0, "agree")
    assert not panel.decide(1, "not_relevant", reason="  ")  # no reason: a message, nothing stored
    assert any("reason" in m for m in _warnings(qgis_iface))
    assert panel.rows()[1][4] == ""
    assert panel.decide(1, "not_relevant", reason="Känd och hanterad i ÖP kap. 5.")
    original = panel.rows()[2][3]
    after = "info" if original != "info" else "attention"
    assert panel.decide(2, "severity_changed", after, "Bedöms som mindre allvarlig.")
    assert [r[4] for r in panel.rows()[:3]] == ["agree", "not_relevant", "severity_changed"]
    assert panel.rows()[2][3] == original and panel.rows()[2][5] == after  # the original is kept beside it
    assert panel.tree.topLevelItem(2).text(3) != panel.tree.topLevelItem(2).text(1)
    assert panel.undo(0)
    assert panel.rows()[0][4] == ""
    assert view.case.findings(1)[2].severity == original  # the finding itself never changes

    # the statement: edit one section
    editor = view.statement
    assert editor.order, "the draft statement has sections"
    first = editor.order[0]
    editor.show_section(first)
    editor.editor.setPlainText("Regionen har inga invändningar mot planen i denna del.")
    assert editor.save_current()
    assert view.case.statement("en")[first].edited

    # version 2: area 3 left out, area 4 added
    assert not view.add_button.isEnabled()  # version 1 is stored: a new check comes first
    _check(dock, layer, [1, 2, 4])
    assert dock.review.case_button.isVisibleTo(dock.review) and dock.review.case_button.isEnabled()
    view.label_edit.setText("Granskningshandling")
    dock.review.case_button.click()  # the same action from the plan review tab
    task = wait_task(view.task, 60)
    assert task.ok, task.message()
    comparison = view.comparison
    assert comparison is not None and comparison.new_version == 2
    assert view.fields["versions"].text().splitlines()[1].startswith("2. Granskningshandling")
    label = view.compare_label.text()
    assert f"{len(comparison.new)} new, {len(comparison.resolved)} resolved, " \
           f"{len(comparison.unchanged)} unchanged" in label
    assert comparison.resolved or comparison.new
    assert comparison.area_added_m2 == pytest.approx(300000, rel=0.01)
    assert comparison.area_removed_m2 == pytest.approx(1110000, rel=0.01)
    assert view.compare_tree.topLevelItemCount() == len(comparison.new + comparison.resolved + comparison.unchanged)
    changes = [view.compare_tree.topLevelItem(i).text(2) for i in range(view.compare_tree.topLevelItemCount())]
    assert all(text == "" or text.endswith(" ha") for text in changes), changes  # hectares, not raw m²
    group = QgsProject.instance().layerTreeRoot().findGroup("Case RÖ 2026-00123")
    layers = [node.layer() for node in group.findLayers()]
    assert [lyr.featureCount() for lyr in layers] == [1, 1]
    assert sum(f.geometry().area() for f in layers[0].getFeatures()) == pytest.approx(300000, rel=0.01)
    from regionplan_plugin.core.vocabulary import PLAN_CHANGE_COLOURS

    assert layers[0].renderer().symbol().color().name() == PLAN_CHANGE_COLOURS["added"].lower()
    assert layers[1].renderer().symbol().color().name() == PLAN_CHANGE_COLOURS["removed"].lower()
    # decisions of version 1 on findings still there can be carried over (new rows in version 2)
    earlier = {(d.rule_id, d.feature_id): d for d in view.case.decisions(1)}
    still = [r for r in panel.rows() if (r[0], r[1]) in earlier]
    assert still, "a decided finding of version 1 is still in version 2"
    assert panel.version == 2 and all(r[4] == "" for r in panel.rows())
    assert panel.carry_button.isVisibleTo(panel)
    hint = [panel.tree.topLevelItem(i).text(2) for i in range(panel.tree.topLevelItemCount())]
    assert any(text.startswith("(version 1: ") for text in hint)
    history = view.case.decisions(1, history=True)
    assert panel.carry_over() == len(still)
    for rule_id, feature_id, _fid, _sev, decision, _after in panel.rows():
        assert decision == (earlier[(rule_id, feature_id)].decision if (rule_id, feature_id) in earlier else "")
    assert not panel.carry_button.isVisibleTo(panel)
    assert view.case.decisions(1, history=True) == history  # version 1 is left as it was

    # the edited section is kept; the new draft waits beside it
    assert editor.texts[first] == "Regionen har inga invändningar mot planen i denna del."
    assert view.case.statement("en")[first].text == editor.texts[first]
    assert first in editor.pending
    editor.show_section(first)
    assert editor.draft_box.isVisibleTo(editor) and editor.draft_view.toPlainText() == editor.pending[first]
    assert editor.editor.toPlainText() == "Regionen har inga invändningar mot planen i denna del."
    editor.keep_mine(first)
    assert first not in editor.pending and not editor.draft_box.isVisibleTo(editor)
    assert editor.texts[first] == "Regionen har inga invändningar mot planen i denna del."

    # export the statement, read back with independent readers
    panel.decide(0, "not_relevant", reason="Stråket är redan utbyggt.")
    # the review tab's report of the check just added uses the case: decisions and changes
    html_path = str(tmp_path / "version2.html")
    assert dock.review.export("html", html_path) == html_path
    html = open(html_path, encoding="utf-8").read()
    assert "Changes since the previous version" in html and "Decisions on findings" in html
    assert "Stråket är redan utbyggt." in html
    docx_path = str(tmp_path / "yttrande.docx")
    task = wait_task(editor.export("docx", docx_path), 30)
    assert task.ok, task.message()
    text, cells = _docx_text(docx_path)
    assert "RÖ 2026-00123" in text and "Regionen har inga invändningar mot planen i denna del." in text
    assert first not in text  # "Title and header" names the section in the case, never a heading of the letter
    assert "Stråket är redan utbyggt." in cells and "Not relevant" in cells
    odt_path = str(tmp_path / "yttrande.odt")
    task = wait_task(editor.export("odt", odt_path), 30)
    assert task.ok, task.message()
    text = _odt_text(odt_path)
    assert "ÖP Kumla 2040" in text and "Regionen har inga invändningar mot planen i denna del." in text

    # the inbox lists the case
    task = wait_task(view.inbox.refresh(), 30)
    assert task.ok, task.message()
    assert view.inbox.rows() == [["RÖ 2026-00123", "Kumla", "ÖP Kumla 2040", "consultation",
                                  view.case.info().updated_at[:10], "Ongoing"]]
    view.state_combo.setCurrentIndex(view.state_combo.findData("sent"))
    view.state_combo.activated.emit(view.state_combo.currentIndex())
    assert open_case(path).info().state == "sent"
    wait_tasks_done()
    view.close_case()
    assert view.fields["case_id"].text() == ""
    assert QgsProject.instance().layerTreeRoot().findGroup("Case RÖ 2026-00123") is None

    # reopen in a new panel, from the inbox
    other = RegionplanDock(qgis_iface, parent=qgis_iface.mainWindow())
    other._first_show = False
    try:
        task = wait_task(other.case_tab.inbox.refresh(), 30)
        assert task.ok, task.message()
        item = other.case_tab.inbox.tree.topLevelItem(0)
        assert item.text(5) == "Sent"
        other.case_tab.inbox.tree.itemDoubleClicked.emit(item, 0)
        wait_task(other.case_tab.task, 30)
        wait_tasks_done()
        reopened = other.case_tab
        assert reopened.case is not None and reopened.fields["municipality"].text() == "Kumla"
        assert reopened.fields["versions"].text().count("\n") == 1
        assert reopened.comparison is not None and reopened.comparison.new_version == 2
        assert [r[4] for r in reopened.decisions.rows()][0] == "not_relevant"
        assert reopened.statement.texts[first] == "Regionen har inga invändningar mot planen i denna del."
        assert reopened.statement.order[0] == first
    finally:
        other.shutdown()
        wait_tasks_done(60)
        other.setParent(None)
        other.deleteLater()


def test_decision_dialog_needs_a_reason(qgis_iface):
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    from regionplan_plugin.gui.case_dialogs import DecisionDialog

    dialog = DecisionDialog("severity_changed", "conflict")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reason.setPlainText("Hanteras i detaljplanen.")
    assert ok.isEnabled()
    after, reason = dialog.values()
    assert after in ("attention", "support", "info") and reason == "Hanteras i detaljplanen."
    agree = DecisionDialog("agree", "conflict")
    assert agree.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert agree.values() == (None, "")
    dialog.deleteLater()
    agree.deleteLater()


def test_settings_dialog_case_folder_and_template(rp_settings, qgis_iface, tmp_path):
    from regionplan_plugin.core import settings
    from regionplan_plugin.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog()
    dialog.cases_widget.setFilePath(str(tmp_path))
    dialog.template_widget.setFilePath(str(tmp_path / "mall.docx"))
    dialog.accept()
    assert settings.CASES_DIR.value() == str(tmp_path)
    assert settings.STATEMENT_TEMPLATE.value() == str(tmp_path / "mall.docx")
    again = SettingsDialog()
    assert again.cases_widget.filePath() == str(tmp_path)
    dialog.deleteLater()
    again.deleteLater()


def test_case_tab_in_swedish(qgis_iface, rp_settings, rp_clean_project):
    from qgis.PyQt.QtCore import QCoreApplication

    from regionplan_plugin.core import i18n
    from regionplan_plugin.gui.dock import RegionplanDock

    translator = i18n.install_translator("sv")
    assert translator is not None, "no compiled Swedish translation (make translations)"
    try:
        dock = RegionplanDock(qgis_iface)
        dock._first_show = False
        view = dock.case_tab
        assert dock.tabs.tabText(2) == "Ärende"
        assert [view.pages.tabText(i) for i in range(4)] == ["Ärende", "Träffar", "Yttrande", "Mina ärenden"]
        assert view.add_button.text() == "Lägg till som ny version"
        panel = view.decisions
        assert [panel.agree_button.text(), panel.not_relevant_button.text(), panel.undo_button.text()] == [
            "Instämmer", "Ej relevant", "Ångra"]
        assert panel.change_button.text() == "Ändra bedömning…"
        assert view.inbox.tree.headerItem().text(0) == "Diarienummer"
        dock.shutdown()
        dock.deleteLater()
    finally:
        QCoreApplication.removeTranslator(translator)


def test_export_uses_the_template_from_settings(rp_dock, rp_settings, tmp_path):
    import docx

    from regionplan_plugin.core import settings
    from regionplan_plugin.core.case import CaseInfo

    template = docx.Document()
    template.add_paragraph("Region Testlän – diarienummer {{case_id}}")
    template.add_paragraph("{{body}}")
    template.add_paragraph("Med vänlig hälsning, handläggaren")
    template.save(str(tmp_path / "mall.docx"))
    settings.STATEMENT_TEMPLATE.set(str(tmp_path / "mall.docx"))
    view = rp_dock.case_tab
    info = CaseInfo(case_id="RÖ 2026-00999", municipality="Nora", plan_name="DP Nora", plan_type="dp",
                    stage="granskning")
    task = wait_task(view.create(str(tmp_path / "nora.gpkg"), info), 30)
    assert task.ok, task.message()
    view.statement.order = ["Ställningstagande"]
    view.statement.texts = {"Ställningstagande": "Regionen tillstyrker planen."}
    task = wait_task(view.statement.export("docx", str(tmp_path / "nora.docx")), 30)
    assert task.ok, task.message()
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "nora.docx")).paragraphs)
    assert "Region Testlän – diarienummer RÖ 2026-00999" in text
    assert "Regionen tillstyrker planen." in text and text.rstrip().endswith("Med vänlig hälsning, handläggaren")
    # an .odt export does not take a .docx template: the built-in layout (its title first)
    task = wait_task(view.statement.export("odt", str(tmp_path / "nora.odt")), 30)
    assert task.ok, task.message()
    assert _odt_text(str(tmp_path / "nora.odt")).splitlines()[0] == "Yttrande över DP Nora"
    view.close_case()


@pytest.mark.timeout(180)
def test_export_takes_the_profiles_template_after_the_settings(rp_dock, rp_settings, pygeoapi_service, qgis_iface,
                                                               tmp_path):
    """The profile's .odt template is used when the settings name a .docx one only; the
    settings' .docx template comes before the profile's."""
    from regionplan_plugin.core import settings
    from regionplan_plugin.core.case import CaseInfo
    from tests.test_statement_template import FILLED, docx_template, odt_template, odt_texts, profile_file

    folder = tmp_path / "profil"
    docx_template(folder / "mallar" / "yttrande.docx")
    odt_template(folder / "mallar" / "yttrande.odt")
    settings.PROFILE_SOURCE.set(str(profile_file(folder, {"docx": "mallar/yttrande.docx",
                                                          "odt": "mallar/yttrande.odt"})))
    settings.STATEMENT_TEMPLATE.set(str(docx_template(tmp_path / "egen.docx", first="HANDLÄGGARENS EGEN MALL")))
    view = rp_dock.case_tab
    info = CaseInfo(case_id="RÖL 2026/123", municipality="Kumla", plan_name="ÖP Kumla 2040", plan_type="op",
                    stage="samrad")
    task = wait_task(view.create(str(tmp_path / "kumla.gpkg"), info), 30)
    assert task.ok, task.message()
    view.statement.order = ["Ställningstagande"]
    view.statement.texts = {"Ställningstagande": "Regionen tillstyrker planen."}
    # before the catalogue is loaded (the profile read from the settings), then with it loaded
    for name in ("kumla-1.odt", "kumla-2.odt"):
        if name == "kumla-2.odt":
            _loaded(rp_dock, pygeoapi_service, rp_settings)
        task = wait_task(view.statement.export("odt", str(tmp_path / name)), 30)
        assert task.ok, task.message()
        lines = odt_texts(tmp_path / name)
        assert lines[:4] == FILLED[:4] and "Regionen tillstyrker planen." in lines
        assert lines[-1] == "Med vänlig hälsning, Region Testlän"
    task = wait_task(view.statement.export("docx", str(tmp_path / "kumla.docx")), 30)
    assert task.ok, task.message()
    text, _cells = _docx_text(str(tmp_path / "kumla.docx"))
    assert text.startswith("HANDLÄGGARENS EGEN MALL\nDiarienummer: RÖL 2026/123\n")
    view.close_case()


def test_damaged_and_read_only_cases_are_one_clear_message(rp_dock, rp_settings, qgis_iface, tmp_path):
    from regionplan_plugin.core.case import CaseInfo, create_case

    damaged = tmp_path / "trasig.gpkg"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = damaged.read_bytes()
    view = rp_dock.case_tab
    task = wait_task(view.open(str(damaged)), 30)
    assert not task.ok and view.case is None
    assert any("trasig.gpkg" in m and "not changed" in m for m in _warnings(qgis_iface))
    assert damaged.read_bytes() == before
    assert view.new_button.isEnabled() and view.open_button.isEnabled()

    path = tmp_path / "las.gpkg"
    create_case(str(path), CaseInfo(case_id="RÖ 1", plan_type="dp", stage="samrad")).close()
    os.chmod(path, 0o444)
    try:
        task = wait_task(view.open(str(path)), 30)
        assert task.ok, task.message()
        assert view.case.read_only and view.fields["case_id"].text() == "RÖ 1"
        assert any("read-only" in m for m in _warnings(qgis_iface))
        assert not view.state_combo.isEnabled() and not view.statement.editor.isEnabled()
        view.close_case()
    finally:
        os.chmod(path, 0o644)
