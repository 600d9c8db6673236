"""The Word-ready exports (issue 14): .docx and .odt written with the standard library, read
back with independent readers (python-docx, odfpy) and compared text by text."""

import os
import zipfile

import docx
import pytest
from odf import style as odf_style
from odf import table as odf_table
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odt

from regionplan_plugin.core.export import Document, ExportError, HeaderField, Section, Table, write_docx, write_odt

pytestmark = pytest.mark.timeout(60)

DOCUMENT = Document(
    title="Yttrande över Översiktsplan Kumla 2040",
    fields=[HeaderField("Diarienummer", "RÖ 2026-00123", "case_id"), ("Kommun", "Kumla"),
            ("Skede", "samråd & <granskning>")],
    sections=[Section("Regionens ställningstagande", ["Regionen tillstyrker planen.", "Rad ett\nrad två"]),
              Section("Transporter och stråk", ["Planen ligger nära ett primärt stråk."], level=2),
              Section("Handläggare", ["Anna Andersson"])],
    table=Table(["Planområde", "Regel", "Bedömning"],
                [["Norr", "Primärt stråk", "att beakta"], ["Syd", "Naturreservat", "konflikt"], ["Öst"]],
                heading="Träffar"),
)
HEADINGS = [("Regionens ställningstagande", 1), ("Transporter och stråk", 2), ("Handläggare", 1), ("Träffar", 1)]
CELLS = [["Planområde", "Regel", "Bedömning"], ["Norr", "Primärt stråk", "att beakta"],
         ["Syd", "Naturreservat", "konflikt"], ["Öst", "", ""]]


def test_docx_reads_back_with_python_docx(tmp_path):
    path = write_docx(str(tmp_path / "yttrande.docx"), DOCUMENT)
    read = docx.Document(path)
    paragraphs = [(p.style.name, p.text) for p in read.paragraphs]
    assert paragraphs[0] == ("Title", "Yttrande över Översiktsplan Kumla 2040")
    texts = [text for _, text in paragraphs]
    assert "Diarienummer: RÖ 2026-00123" in texts and "Skede: samråd & <granskning>" in texts
    assert "Regionen tillstyrker planen." in texts and "Rad ett\nrad två" in texts
    headings = [(text, int(style[-1])) for style, text in paragraphs if style.startswith("Heading")]
    assert headings == HEADINGS
    assert [[cell.text for cell in row.cells] for row in read.tables[0].rows] == CELLS
    assert read.core_properties.title == DOCUMENT.title


def test_odt_reads_back_with_odfpy(tmp_path):
    path = write_odt(str(tmp_path / "yttrande.odt"), DOCUMENT)
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert {"META-INF/manifest.xml", "content.xml", "styles.xml"} <= set(archive.namelist())
    read = load_odt(path)
    headings = [(teletype.extractText(h), int(h.getAttribute("outlinelevel")))
                for h in read.getElementsByType(odf_text.H)]
    assert headings == HEADINGS
    texts = [teletype.extractText(p) for p in read.getElementsByType(odf_text.P)]
    assert texts[0] == DOCUMENT.title
    assert "Diarienummer: RÖ 2026-00123" in texts and "Skede: samråd & <granskning>" in texts
    assert "Regionen tillstyrker planen." in texts and "Rad ett\nrad två" in texts
    rows = read.getElementsByType(odf_table.TableRow)
    cells = [[teletype.extractText(c) for c in row.getElementsByType(odf_table.TableCell)] for row in rows]
    assert cells == CELLS
    assert {s.getAttribute("name") for s in read.styles.getElementsByType(odf_style.Style)} >= {
        "Heading_20_1", "Heading_20_2", "Title"}


def make_template(path, styles_id="Rubrik1"):
    """A region's letterhead: Swedish style ids, a placeholder split over runs, {{body}}."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{w}">'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              f'<w:style w:type="paragraph" w:styleId="{styles_id}"><w:name w:val="heading 1"/>'
              '<w:rPr><w:color w:val="0070C0"/></w:rPr></w:style></w:styles>')
    body = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}"><w:body>'
            '<w:p><w:r><w:t>REGION ÖREBRO LÄN</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>Dnr: {{case</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>_id}}</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>Kommun: {{Kommun}}, okänd: {{saknas}}</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>{{title}}</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>{{body}}</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>Med vänlig hälsning</w:t></w:r></w:p>'
            '<w:sectPr/></w:body></w:document>')
    source = zipfile.ZipFile(write_docx(str(path.with_suffix(".plain.docx")), DOCUMENT))
    with zipfile.ZipFile(path, "w") as archive:
        for name in source.namelist():
            data = {"word/styles.xml": styles, "word/document.xml": body}.get(name) or source.read(name)
            archive.writestr(name, data)
    source.close()
    return str(path)


def test_docx_template_fills_placeholders_and_keeps_its_styles(tmp_path):
    template = make_template(tmp_path / "mall.docx")
    path = write_docx(str(tmp_path / "yttrande.docx"), DOCUMENT, template=template)
    read = docx.Document(path)
    texts = [p.text for p in read.paragraphs]
    assert texts[:4] == ["REGION ÖREBRO LÄN", "Dnr: RÖ 2026-00123", "Kommun: Kumla, okänd: {{saknas}}",
                         DOCUMENT.title]
    assert texts[-1] == "Med vänlig hälsning"
    assert "{{body}}" not in "".join(texts) and "Regionen tillstyrker planen." in texts
    heading = next(p for p in read.paragraphs if p.text == "Regionens ställningstagande")
    assert heading.style.style_id == "Rubrik1" and heading.style.name == "Heading 1"
    second = next(p for p in read.paragraphs if p.text == "Transporter och stråk")
    assert second.style.name == "Heading 2"  # missing from the template: added
    assert [[cell.text for cell in row.cells] for row in read.tables[0].rows] == CELLS


def test_a_failed_export_keeps_the_previous_file(tmp_path):
    path = tmp_path / "yttrande.docx"
    path.write_bytes(b"previous version")
    bad = tmp_path / "mall.docx"
    bad.write_text("not a zip")
    with pytest.raises(ExportError, match="not a readable .docx"):
        write_docx(str(path), DOCUMENT, template=str(bad))
    assert path.read_bytes() == b"previous version"
    folder = tmp_path / "a folder.odt"
    folder.mkdir()
    with pytest.raises(ExportError, match="cannot be written"):
        write_odt(str(folder), DOCUMENT)
    assert sorted(os.listdir(tmp_path)) == ["a folder.odt", "mall.docx", "yttrande.docx"]
    with pytest.raises(ExportError):
        write_docx(str(tmp_path / "missing" / "x.docx"), DOCUMENT)


def test_plain_document_without_table_or_fields(tmp_path):
    document = Document("Kort", sections=[Section("Rubrik", ["Text"])])
    assert [p.text for p in docx.Document(write_docx(str(tmp_path / "k.docx"), document)).paragraphs] == [
        "Kort", "Rubrik", "Text"]
    read = load_odt(write_odt(str(tmp_path / "k.odt"), document))
    assert [teletype.extractText(p) for p in read.getElementsByType(odf_text.P)] == ["Kort", "Text"]
    assert read.getElementsByType(odf_table.Table) == []


def make_odt_template(path):
    """A region's .odt letterhead: a placeholder split over spans, {{body}}, no Heading 2 style."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               '<office:automatic-styles><style:style style:name="T1" style:family="text">'
               '<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>'
               '<office:body><office:text>'
               '<text:p text:style-name="Brevhuvud">REGION ÖREBRO LÄN</text:p>'
               '<text:p text:style-name="Standard">Dnr: {{case'
               '<text:span text:style-name="T1">_id}}</text:span></text:p>'
               '<text:p text:style-name="Standard">Kommun: {{Kommun}}</text:p>'
               '<text:h text:style-name="Heading_20_1" text:outline-level="1">{{title}}</text:h>'
               '<text:p text:style-name="Standard">{{body}}</text:p>'
               '<text:p text:style-name="Standard">Med vänlig hälsning</text:p>'
               '</office:text></office:body></office:document-content>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns} office:version="1.2">'
              '<office:styles><style:style style:name="Standard" style:family="paragraph"/>'
              '<style:style style:name="Brevhuvud" style:family="paragraph"/>'
              '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph">'
              '<style:text-properties fo:color="#0070c0"/></style:style>'
              '</office:styles></office:document-styles>')
    plain = zipfile.ZipFile(write_odt(str(path.with_suffix(".plain.odt")), DOCUMENT))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), plain.read("mimetype"), zipfile.ZIP_STORED)
        for name in ("META-INF/manifest.xml", "meta.xml"):
            archive.writestr(name, plain.read(name))
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", styles)
    plain.close()
    return str(path)


def test_odt_template_fills_placeholders_and_keeps_its_styles(tmp_path):
    template = make_odt_template(tmp_path / "mall.odt")
    path = write_odt(str(tmp_path / "yttrande.odt"), DOCUMENT, template=template)
    with zipfile.ZipFile(path) as archive:
        assert archive.infolist()[0].filename == "mimetype"
        assert archive.namelist().count("mimetype") == 1
    read = load_odt(path)
    texts = [teletype.extractText(p) for p in read.getElementsByType(odf_text.P)]
    assert texts[:3] == ["REGION ÖREBRO LÄN", "Dnr: RÖ 2026-00123", "Kommun: Kumla"]
    assert "Regionen tillstyrker planen." in texts and texts[-1] == "Med vänlig hälsning"
    assert "{{body}}" not in "".join(texts)
    headings = [(teletype.extractText(h), int(h.getAttribute("outlinelevel")))
                for h in read.getElementsByType(odf_text.H)]
    assert headings == [(DOCUMENT.title, 1)] + HEADINGS
    names = {s.getAttribute("name") for s in read.styles.getElementsByType(odf_style.Style)}
    assert {"Brevhuvud", "Heading_20_1", "Heading_20_2"} <= names
    rows = read.getElementsByType(odf_table.TableRow)
    assert [[teletype.extractText(c) for c in row.getElementsByType(odf_table.TableCell)] for row in rows] == CELLS


def test_exports_are_readable_by_others_as_the_umask_allows(tmp_path):
    """A statement saved on a shared drive opens for a colleague: the file gets the user's
    umask, not the private 0600 of a temporary file."""
    umask = os.umask(0o022)
    os.umask(umask)
    for path in (write_docx(str(tmp_path / "yttrande.docx"), DOCUMENT),
                 write_odt(str(tmp_path / "yttrande.odt"), DOCUMENT)):
        assert os.stat(path).st_mode & 0o777 == 0o666 & ~umask
