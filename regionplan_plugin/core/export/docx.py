"""A minimal, valid WordprocessingML (.docx) document, written with ``zipfile`` only.

Without a template the package has five parts: content types, relationships, the document,
its styles (Normal, Title, Heading 1, Heading 2, Table Grid) and core properties.

With a template (a region's ``.docx``) every part of the template is kept (its styles, page
set-up, letterhead, headers and footers) and only its ``word/document.xml`` body changes:

- ``{{key}}`` in a paragraph is replaced by the header field with that key (or label), and
  ``{{title}}`` by the title. The paragraph's text is rewritten into its first run, so a
  placeholder that Word split over several runs still works (the paragraph keeps the first
  run's formatting);
- a paragraph holding only ``{{body}}`` is replaced by the sections and the table; without
  one they are added at the end of the body. With a template the header fields are written
  only into their placeholders; the statement's own header lines (``Document.letterhead``)
  that the template does not place open the body.
- Headings use the template's styles named "heading 1", "heading 2", "Title" and
  "Table Grid" (whatever their ids, e.g. a Swedish Word's ``Rubrik1``); missing ones are added.
"""

import re
import zipfile
from xml.sax.saxutils import escape

from ..i18n import tr
from .model import PLACEHOLDER, Document, header_lines, placeholder_values, template_parts, with_unplaced, write_atomic

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{DOC_TYPE}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{DOC_TYPE}.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{OFFICE}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="{PACKAGE}/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{OFFICE}/styles" Target="styles.xml"/>
</Relationships>"""

_STYLE = {
    "title": ('<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
              '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr>'
              '<w:rPr><w:b/><w:sz w:val="40"/></w:rPr></w:style>'),
    "heading 1": ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
                  '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>'
                  '<w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>'
                  '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'),
    "heading 2": ('<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
                  '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>'
                  '<w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr>'
                  '<w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>'),
    "table grid": ('<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr>'
                   '<w:tblBorders>' + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                                               for side in ("top", "left", "bottom", "right",
                                                            "insideH", "insideV"))
                   + '</w:tblBorders></w:tblPr></w:style>'),
}
_STYLE_IDS = {"title": "Title", "heading 1": "Heading1", "heading 2": "Heading2", "table grid": "TableGrid"}

STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
          '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>'
          '<w:sz w:val="22"/><w:lang w:val="sv-SE"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
          '<w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
          + "".join(_STYLE.values()) + "</w:styles>")


def _core(title: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>'
            f'{escape(title)}</dc:title><dc:creator>Regionplan</dc:creator></cp:coreProperties>')


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    lines = str(text).split("\n")
    body = '<w:br/>'.join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{props}{body}</w:r>"


def _para(text: str = "", style: str = "", runs: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{runs or (_run(text) if text else '')}</w:p>"


def _table(table, ids: dict) -> str:
    def cell(text, bold=False):
        return f'<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>{_para(runs=_run(text, bold))}</w:tc>'

    grid = "".join('<w:gridCol w:w="2000"/>' for _ in table.header)
    rows = ['<w:tr><w:trPr><w:tblHeader/></w:trPr>' + "".join(cell(h, True) for h in table.header) + "</w:tr>"]
    for row in table.rows:
        values = list(row) + [""] * (len(table.header) - len(row))
        rows.append("<w:tr>" + "".join(cell("" if v is None else v) for v in values) + "</w:tr>")
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{ids["table grid"]}"/><w:tblW w:w="5000" w:type="pct"/>'
            f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def _content(document: Document, ids: dict) -> str:
    parts = []
    for section in document.sections:
        style = ids["heading 2"] if section.level >= 2 else ids["heading 1"]
        if section.heading:
            parts.append(_para(section.heading, style))
        parts += [_para(text) for text in section.paragraphs]
    if document.table is not None:
        if document.table.heading:
            parts.append(_para(document.table.heading, ids["heading 1"]))
        parts.append(_table(document.table, ids))
        parts.append(_para())
    return "".join(parts)


def _body(document: Document) -> str:
    parts = [_para(document.title, _STYLE_IDS["title"])]
    for item in header_lines(document):
        parts.append(_para(runs=(_run(f"{item.label}: ", True) if item.label else "") + _run(item.value)))
    parts.append(_content(document, _STYLE_IDS))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" '
            f'xmlns:r="{R}"><w:body>{"".join(parts)}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" '
            'w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>')


def write_docx(path: str, document: Document, template: str = None) -> str:
    """Write ``document`` as a .docx file at ``path`` (atomically); see the module text for
    ``template``. Returns ``path``."""
    if template:
        parts = _from_template(template, document)
    else:
        parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS,
                 "word/document.xml": _body(document), "word/_rels/document.xml.rels": DOCUMENT_RELS,
                 "word/styles.xml": STYLES, "docProps/core.xml": _core(document.title)}

    def write(temporary):
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)

    return write_atomic(path, write)


# -- templates ---------------------------------------------------------------------------

_PARAGRAPH = re.compile(r"<w:p\b[^>]*/>|<w:p\b[^>]*>.*?</w:p>", re.S)
_TEXT = re.compile(r"(<w:t(?:\s[^>]*)?>)(.*?)(</w:t>)", re.S)
_STYLE_DEF = re.compile(r'<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>.*?<w:name w:val="([^"]+)"', re.S)


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def _style_ids(styles: str) -> (dict, str):
    """The template's ids of our four styles; styles it lacks are added to ``styles``."""
    found = {name.lower(): sid for sid, name in _STYLE_DEF.findall(styles)}
    ids, missing = {}, []
    for name, default in _STYLE_IDS.items():
        ids[name] = found.get(name) or default
        if name not in found:
            missing.append(_STYLE[name])
    if missing:
        styles = styles.replace("</w:styles>", "".join(missing) + "</w:styles>")
    return ids, styles


def _from_template(template: str, document: Document) -> dict:
    parts, (body, styles) = template_parts(
        template, tr("The template {name} is not a readable .docx file ({error})."),
        "word/document.xml", "word/styles.xml", defaults={"word/styles.xml": STYLES})
    ids, styles = _style_ids(styles)
    parts["word/styles.xml"] = styles
    used = {name for match in _PARAGRAPH.finditer(body)
            for name in PLACEHOLDER.findall(_unescape("".join(t[1] for t in _TEXT.findall(match.group(0)))))}
    document = with_unplaced(document, used)
    values = placeholder_values(document)
    content = _content(document, ids)
    placed = []

    def paragraph(match):
        xml = match.group(0)
        texts = _TEXT.findall(xml)
        whole = _unescape("".join(t[1] for t in texts))
        if "{{" not in whole:
            return xml
        if whole.strip() == "{{body}}":
            placed.append(True)
            return content
        replaced = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), whole)
        count = iter(range(len(texts)))

        def text(match_t):
            first = next(count) == 0
            opening = match_t.group(1) if "xml:space" in match_t.group(1) else '<w:t xml:space="preserve">'
            return opening + (escape(replaced) if first else "") + match_t.group(3)

        return _TEXT.sub(text, xml)

    body = _PARAGRAPH.sub(paragraph, body)
    if not placed:
        end = body.rfind("<w:sectPr")
        end = end if end > body.rfind("</w:p>") else body.rfind("</w:body>")
        body = body[:end] + content + body[end:]
    parts["word/document.xml"] = body
    return parts
