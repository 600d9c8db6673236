"""A region's statement template given in its profile (issue 14, profile version 2 key
``statement_template``): validated with clear messages, found beside the profile or fetched
from its URL and kept for offline use, and chosen after the settings' template and before
the built-in layout. The exports are read back with independent readers (python-docx, odfpy)."""

import json

import docx
import pytest
from odf import teletype
from odf import text as odf_text
from odf.opendocument import OpenDocumentText
from odf.opendocument import load as load_odt

from regionplan_plugin.core.case import CaseInfo
from regionplan_plugin.core.case.result_version import statement_document
from regionplan_plugin.core.errors import ProfileError
from regionplan_plugin.core.export import Table, write_docx, write_odt
from regionplan_plugin.core.profile import load_profile, parse_profile
from regionplan_plugin.core.profile.template import profile_template, statement_template
from tests.fixtures.service import PROFILE_PATH

pytestmark = pytest.mark.timeout(60)

INFO = CaseInfo(case_id="RÖL 2026/123", municipality="Kumla", plan_name="ÖP Kumla 2040", plan_type="op",
                stage="samrad", profile_id="orebro")
SECTIONS = [("Regionens ställningstagande", "Regionen tillstyrker planen.\n\nStråken ska beaktas."),
            ("Handläggare", "Anna Andersson")]
TABLE = Table(["Regel", "Bedömning"], [["Primärt stråk", "Att beakta"]], "Träffar")
LETTERHEAD = ["REGION TESTLÄN – PROFILENS MALL", "Diarienummer: {{case_id}}", "Kommun: {{municipality}}",
              "Plan: {{plan_name}} ({{stage}})", "Datum: {{date}}", "{{title}}", "{{body}}",
              "Med vänlig hälsning, Region Testlän"]
FILLED = ["REGION TESTLÄN – PROFILENS MALL", "Diarienummer: RÖL 2026/123", "Kommun: Kumla",
          "Plan: ÖP Kumla 2040 (samråd)", "Datum: 2026-12-01", "Yttrande över ÖP Kumla 2040"]


def document():
    return statement_document(INFO, SECTIONS, "sv", "2026-12-01", TABLE)


def docx_template(path, first="REGION TESTLÄN – PROFILENS MALL"):
    """A letterhead written by python-docx (not by the plugin)."""
    template = docx.Document()
    for line in [first] + LETTERHEAD[1:]:
        template.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    template.save(str(path))
    return path


def odt_template(path):
    """A letterhead written by odfpy (not by the plugin)."""
    template = OpenDocumentText()
    for line in LETTERHEAD:
        template.text.addElement(odf_text.P(text=line))
    path.parent.mkdir(parents=True, exist_ok=True)
    template.save(str(path))
    return path


def profile_file(folder, template):
    """The bundled (version 2) profile with ``statement_template``, written in ``folder``."""
    with open(PROFILE_PATH, encoding="utf-8") as handle:
        obj = json.load(handle)
    obj["statement_template"] = template
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "region.json"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def docx_texts(path):
    read = docx.Document(str(path))
    cells = [[cell.text for cell in row.cells] for table in read.tables for row in table.rows]
    return [p.text for p in read.paragraphs], cells


def odt_texts(path):
    read = load_odt(str(path))
    return [teletype.extractText(p) for p in read.getElementsByType(odf_text.P)]


def assert_filled(texts):
    """The letterhead's placeholders filled from the case, the statement in place of {{body}}."""
    assert texts[:len(FILLED)] == FILLED
    assert "Regionen tillstyrker planen." in texts and "Stråken ska beaktas." in texts
    assert texts[-1] == "Med vänlig hälsning, Region Testlän"
    assert "{{" not in "".join(texts)


@pytest.mark.parametrize("value, message", [
    ("mall.pdf", "statement_template: 'mall.pdf' must be a .docx or .odt file"),
    ({"docx": "mall.odt"}, "statement_template.docx: 'mall.odt' must be a .docx file"),
    ({"pdf": "mall.pdf"}, "statement_template: 'pdf' is not one of docx, odt"),
    ({"docx": 12}, "statement_template.docx: must be a string, not a number"),
    ({}, "statement_template: name a .docx or an .odt template (or both), or leave the key out"),
    (["mall.docx"], "statement_template: must be a file name or URL"),
    ("ftp://example.se/mall.docx", "must be a file path (relative to the profile) or an http(s) URL"),
])
def test_a_wrong_statement_template_is_one_clear_profile_error(value, message):
    with open(PROFILE_PATH, encoding="utf-8") as handle:
        obj = json.load(handle)
    obj["statement_template"] = value
    with pytest.raises(ProfileError) as error:
        parse_profile(obj, source="region.json")
    assert message in str(error.value)


def test_good_statement_templates_are_read_in_both_shapes():
    with open(PROFILE_PATH, encoding="utf-8") as handle:
        obj = json.load(handle)
    assert parse_profile(obj).statement_templates == {}
    obj["statement_template"] = "mallar/Yttrande.DOCX"
    assert parse_profile(obj).statement_templates == {"docx": "mallar/Yttrande.DOCX"}
    obj["statement_template"] = {"docx": "https://region.example.se/mall.docx?v=2", "odt": "mall.odt"}
    assert parse_profile(obj).statement_templates == {"docx": "https://region.example.se/mall.docx?v=2",
                                                      "odt": "mall.odt"}


def test_docx_and_odt_from_the_profiles_template_beside_it(tmp_path, cache_dir):
    folder = tmp_path / "profil"
    docx_template(folder / "mallar" / "yttrande.docx")
    odt_template(folder / "mallar" / "yttrande.odt")
    profile = load_profile(str(profile_file(folder, {"docx": "mallar/yttrande.docx", "odt": "mallar/yttrande.odt"})))

    chosen = statement_template("docx", profile, setting="")
    assert (chosen.origin, chosen.path) == ("profile", str(folder / "mallar" / "yttrande.docx"))
    texts, cells = docx_texts(write_docx(str(tmp_path / "yttrande.docx"), document(), template=chosen.path))
    assert_filled(texts)
    assert cells == [["Regel", "Bedömning"], ["Primärt stråk", "Att beakta"]]

    chosen = statement_template("odt", profile, setting="")
    assert (chosen.origin, chosen.path) == ("profile", str(folder / "mallar" / "yttrande.odt"))
    assert_filled(odt_texts(write_odt(str(tmp_path / "yttrande.odt"), document(), template=chosen.path)))


def test_settings_come_before_the_profile_and_the_profile_before_the_built_in_layout(tmp_path, cache_dir):
    folder = tmp_path / "profil"
    docx_template(folder / "yttrande.docx")
    profile = load_profile(str(profile_file(folder, "yttrande.docx")))
    own = docx_template(tmp_path / "min" / "egen.docx", first="HANDLÄGGARENS EGEN MALL")

    chosen = statement_template("docx", profile, setting=str(own))
    assert chosen.origin == "settings"
    texts, _cells = docx_texts(write_docx(str(tmp_path / "a.docx"), document(), template=chosen.path))
    assert texts[0] == "HANDLÄGGARENS EGEN MALL" and texts[1] == "Diarienummer: RÖL 2026/123"

    # a settings template of the other format does not count: the profile's
    chosen = statement_template("docx", profile, setting=str(tmp_path / "min" / "egen.odt"))
    assert chosen.origin == "profile"
    assert_filled(docx_texts(write_docx(str(tmp_path / "b.docx"), document(), template=chosen.path))[0])

    # the profile names no .odt: the built-in layout (its title first)
    chosen = statement_template("odt", profile, setting="")
    assert (chosen.origin, chosen.path) == ("built-in", None)
    assert odt_texts(write_odt(str(tmp_path / "c.odt"), document(), template=chosen.path))[0] == (
        "Yttrande över ÖP Kumla 2040")
    assert statement_template("docx", None, setting="").path is None


def test_a_missing_template_beside_the_profile_is_a_clear_message(tmp_path, cache_dir):
    profile = load_profile(str(profile_file(tmp_path / "profil", {"odt": "saknas.odt"})))
    with pytest.raises(ProfileError) as error:
        statement_template("odt", profile, setting="")
    assert str(error.value) == (f"The statement template {tmp_path / 'profil' / 'saknas.odt'} that the profile "
                                "names does not exist. Put it beside the profile, or choose a template in the "
                                "settings.")


@pytest.mark.timeout(90)
def test_a_url_profiles_template_is_fetched_kept_and_used_offline(fault_server, tmp_path, cache_dir, monkeypatch):
    template = docx_template(tmp_path / "server" / "yttrande.docx").read_bytes()
    with open(PROFILE_PATH, encoding="utf-8") as handle:
        obj = json.load(handle)
    obj["statement_template"] = {"docx": "mallar/yttrande.docx"}  # relative to the profile's URL
    fault_server.route("/profiler/region.json", body=json.dumps(obj))
    broken = fault_server.route("/profiler/mallar/yttrande.docx", status=503, times=0)
    fault_server.route("/profiler/mallar/yttrande.docx", body=template)
    url = fault_server.url_for("/profiler/region.json")

    profile = load_profile(url)
    chosen = profile_template(profile, "docx")
    assert chosen.notes == [] and chosen.path.startswith(str(cache_dir))
    assert fault_server.count("/profiler/mallar/yttrande.docx") == 1
    assert_filled(docx_texts(write_docx(str(tmp_path / "online.docx"), document(), template=chosen.path))[0])

    # offline (no request at all), then with the server failing: the kept copy, with a note
    fault_server.clear_log()
    offline = profile_template(load_profile(url, offline=True), "docx", offline=True)
    assert offline.path == chosen.path and offline.notes[0].startswith(
        "Offline: the copy of the statement template downloaded on ")
    assert fault_server.requests == []
    assert_filled(docx_texts(write_docx(str(tmp_path / "offline.docx"), document(), template=offline.path))[0])
    broken.times = 5
    failing = profile_template(profile, "docx")
    assert failing.path == chosen.path
    assert failing.notes[0].startswith("The profile's statement template could not be downloaded (")
    assert "using the copy from" in failing.notes[0]

    # a page that is no template is refused and the kept copy stays as it was
    kept = open(chosen.path, "rb").read()
    broken.times = 0
    fault_server.route("/profiler/mallar/yttrande.docx", body="<html>Inloggning</html>", first=True)
    with pytest.raises(ProfileError, match=r"is not a \.docx file"):
        profile_template(profile, "docx")
    assert open(chosen.path, "rb").read() == kept

    # never downloaded on this computer, offline: what to do
    monkeypatch.setenv("REGIONPLAN_CACHE_DIR", str(tmp_path / "another-cache"))
    with pytest.raises(ProfileError) as error:
        profile_template(profile, "docx", offline=True)
    assert "has never been downloaded on this computer. Connect to the network and export once, or choose a " \
           "template in the settings." in str(error.value)


def test_a_url_profile_never_names_a_local_file(cache_dir):
    with open(PROFILE_PATH, encoding="utf-8") as handle:
        obj = json.load(handle)
    obj["statement_template"] = "C:/mallar/yttrande.docx"  # a Windows path: valid in a profile file
    profile = parse_profile(obj, source="https://region.example.se/profil/region.json")
    with pytest.raises(ProfileError, match="must be a file path .relative to the profile. or an http.s. URL"):
        profile_template(profile, "docx")
    obj["statement_template"] = "/mallar/yttrande.docx"  # from the root of the profile's server
    profile = parse_profile(obj, source="https://region.example.se/profil/region.json")
    from regionplan_plugin.core.profile.template import template_reference
    assert template_reference(profile, "docx") == "https://region.example.se/mallar/yttrande.docx"


def drafted(lang):
    """The case's statement sections as the panel stores a new draft (``draft_sections``): the
    first, "Title and header", holds the statement's title and its header lines."""
    from regionplan_plugin.core.i18n import translate
    from regionplan_plugin.core.statement import StatementHeader, StatementInput, draft_statement

    header = StatementHeader(plan_type="op", stage="samrad", municipality="Kumla")
    out = []
    for section in draft_statement(StatementInput(header=header, region_name="Region Örebro län"), lang):
        if section.key == "header":
            out.append((translate("Title and header", lang), f"{section.heading}\n\n{section.text}"))
        else:
            out.append((section.heading, section.text))
    return out


@pytest.mark.parametrize("lang, title, lines, gone", [
    ("sv", "Yttrande över samrådshandling för översiktsplan för Kumla kommun",
     ["Region: Region Örebro län", "Datum: 2026-12-01", "Diarienummer: RÖL 2026/123",
      "Kommunens diarienummer: [kommunens diarienummer]"], "Titel och sidhuvud"),
    ("en", "Statement on the consultation draft of the comprehensive plan for Kumla Municipality",
     ["Region: Region Örebro län", "Date: 1 December 2026", "Case number: RÖL 2026/123",
      "Municipality's case number: [municipality's case number]"], "Title and header")])
def test_the_exported_statement_has_one_header(tmp_path, lang, title, lines, gone):
    """The built-in .docx/.odt layout: the statement's own title and header lines once (the
    case's number and the export's date where the draft still had placeholders), not a case block
    ("Yttrande över ÖP Kumla 2040", Diarienummer, Datum) followed by the statement's own header."""
    info = CaseInfo(case_id="RÖL 2026/123", municipality="Kumla", plan_name="ÖP Kumla 2040", plan_type="op",
                    stage="samrad", profile_id="orebro")
    document = statement_document(info, drafted(lang), lang, "2026-12-01")
    texts, _cells = docx_texts(write_docx(str(tmp_path / "y.docx"), document))
    for read in (texts, odt_texts(write_odt(str(tmp_path / "y.odt"), document))):
        assert read[:len(lines) + 1] == [title] + lines
        said = "\n".join(read)
        assert said.count(lines[2].split(":")[0] + ":") == 1 and said.count(lines[1].split(":")[0] + ":") == 1
        assert gone not in said and "ÖP Kumla 2040" not in said
    assert docx.Document(str(tmp_path / "y.docx")).core_properties.title == title


def test_a_template_gets_the_statements_header_lines_it_does_not_place(tmp_path):
    """With a letterhead that places the case number and the date, the body opens with the
    statement's other header lines only (region, the municipality's case number, the addressee)."""
    document = statement_document(INFO, drafted("sv"), "sv", "2026-12-01")
    for path in (write_docx(str(tmp_path / "y.docx"), document, template=str(docx_template(tmp_path / "m.docx"))),
                 write_odt(str(tmp_path / "y.odt"), document, template=str(odt_template(tmp_path / "m.odt")))):
        read = docx_texts(path)[0] if path.endswith(".docx") else odt_texts(path)
        assert read[:6] == ["REGION TESTLÄN – PROFILENS MALL", "Diarienummer: RÖL 2026/123", "Kommun: Kumla",
                            "Plan: ÖP Kumla 2040 (samråd)", "Datum: 2026-12-01",
                            "Yttrande över samrådshandling för översiktsplan för Kumla kommun"]
        said = "\n".join(read)
        assert "Region: Region Örebro län\nKommunens diarienummer: [kommunens diarienummer]\nTill: " in said
        assert said.count("Diarienummer:") == 1 and said.count("Datum:") == 1
