"""A minimal, valid OpenDocument text (.odt), written with ``zipfile`` only: ``mimetype``
first and stored uncompressed, ``META-INF/manifest.xml``, ``content.xml``, ``styles.xml``
(Title, Heading 1, Heading 2, a bold table heading) and ``meta.xml``."""

import zipfile
from xml.sax.saxutils import escape

from .model import Document, header_lines, write_atomic

MIMETYPE = "application/vnd.oasis.opendocument.text"
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')

MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{MIMETYPE}"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def _paragraph_style(name: str, display: str, size: str, bold: bool, extra: str = "") -> str:
    weight = ' fo:font-weight="bold"' if bold else ""
    return (f'<style:style style:name="{name}" style:display-name="{display}" style:family="paragraph" '
            f'style:parent-style-name="Standard" style:next-style-name="Standard"{extra}>'
            '<style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>'
            f'<style:text-properties fo:font-size="{size}"{weight}/></style:style>')


def _styles(lang: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NS} office:version="1.2">'
            '<office:styles><style:default-style style:family="paragraph"><style:text-properties '
            f'fo:font-size="11pt" fo:language="{escape(lang)}" fo:country="{"SE" if lang == "sv" else "GB"}"/>'
            '</style:default-style>'
            '<style:style style:name="Standard" style:family="paragraph" style:class="text">'
            '<style:paragraph-properties fo:margin-bottom="0.21cm"/></style:style>'
            + "".join(NAMED_STYLES.values())
            + '</office:styles></office:document-styles>')


def _p(text: str, style: str = "Standard") -> str:
    lines = [escape(line) for line in str(text).split("\n")]
    return f'<text:p text:style-name="{style}">{"<text:line-break/>".join(lines)}</text:p>'


def _h(text: str, level: int) -> str:
    return (f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
            f"{escape(str(text))}</text:h>")


AUTOMATIC_STYLES = ('<style:style style:name="RP_Bold" style:family="text">'
                    '<style:text-properties fo:font-weight="bold"/></style:style>'
                    '<style:style style:name="RP_Table" style:family="table"><style:table-properties '
                    'style:width="17cm" table:align="margins"/></style:style>'
                    '<style:style style:name="RP_Cell" style:family="table-cell"><style:table-cell-properties '
                    'fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>')
# The named styles the body uses, for a template that lacks them.
NAMED_STYLES = {
    "Title": _paragraph_style("Title", "Title", "20pt", True),
    "Heading_20_1": _paragraph_style("Heading_20_1", "Heading 1", "16pt", True, ' style:default-outline-level="1"'),
    "Heading_20_2": _paragraph_style("Heading_20_2", "Heading 2", "13pt", True, ' style:default-outline-level="2"'),
    "Table_20_Heading": ('<style:style style:name="Table_20_Heading" style:display-name="Table Heading" '
                         'style:family="paragraph" style:parent-style-name="Standard">'
                         '<style:text-properties fo:font-weight="bold"/></style:style>'),
}


def field_paragraphs(document: Document) -> list:
    return ['<text:p text:style-name="Standard">'
            + (f'<text:span text:style-name="RP_Bold">{escape(item.label)}: </text:span>' if item.label else "")
            + f"{escape(item.value)}</text:p>" for item in header_lines(document)]


def body_parts(document: Document) -> list:
    """The sections and the table as ODF elements."""
    parts = []
    for section in document.sections:
        if section.heading:
            parts.append(_h(section.heading, 2 if section.level >= 2 else 1))
        parts += [_p(text) for text in section.paragraphs]
    table = document.table
    if table is not None:
        if table.heading:
            parts.append(_h(table.heading, 1))
        columns = len(table.header)
        rows = ["<table:table-header-rows><table:table-row>"
                + "".join(f'<table:table-cell table:style-name="RP_Cell" office:value-type="string">'
                          f'{_p(h, "Table_20_Heading")}</table:table-cell>' for h in table.header)
                + "</table:table-row></table:table-header-rows>"]
        for row in table.rows:
            values = list(row) + [""] * (columns - len(row))
            rows.append("<table:table-row>" + "".join(
                f'<table:table-cell table:style-name="RP_Cell" office:value-type="string">'
                f'{_p("" if v is None else v)}</table:table-cell>' for v in values) + "</table:table-row>")
        parts.append(f'<table:table table:name="Table1" table:style-name="RP_Table">'
                     f'<table:table-column table:number-columns-repeated="{max(columns, 1)}"/>'
                     f'{"".join(rows)}</table:table>')
    return parts


def _content(document: Document) -> str:
    parts = [_p(document.title, "Title")] + field_paragraphs(document) + body_parts(document)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS} office:version="1.2">'
            f'<office:automatic-styles>{AUTOMATIC_STYLES}</office:automatic-styles>'
            f'<office:body><office:text>{"".join(parts)}</office:text></office:body>'
            "</office:document-content>")


def _meta(document: Document) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {NS} office:version="1.2">'
            f"<office:meta><dc:title>{escape(document.title)}</dc:title>"
            f"<meta:generator>Regionplan</meta:generator><dc:language>{escape(document.lang)}"
            "</dc:language></office:meta></office:document-meta>")


def write_odt(path: str, document: Document, template: str = None) -> str:
    """Write ``document`` as an .odt file at ``path`` (atomically). Returns ``path``.
    ``template``: a region's .odt, used as ``export/odt_template.py`` describes."""
    if template:
        from .odt_template import from_template

        parts = from_template(template, document)
    else:
        parts = {"META-INF/manifest.xml": MANIFEST, "content.xml": _content(document),
                 "styles.xml": _styles(document.lang), "meta.xml": _meta(document)}

    def write(temporary):
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE.encode("ascii"), zipfile.ZIP_STORED)
            for name, data in parts.items():
                if name != "mimetype":
                    archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)

    return write_atomic(path, write)
