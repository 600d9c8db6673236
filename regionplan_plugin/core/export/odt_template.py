"""A region's .odt template, filled like a .docx template (see ``export/docx.py``).

Every part of the template is kept (its styles, page set-up and letterhead); in ``content.xml``
a paragraph or heading holding ``{{key}}``/``{{label}}``/``{{title}}`` gets the value (the
paragraph keeps its style; spans inside it are flattened), and a paragraph holding only
``{{body}}`` is replaced by the sections and the table (else they are added at the end of the
text). The styles the body uses (Heading 1/2, Table Heading) are added to the template's
``styles.xml`` when it lacks them, as are the body's automatic styles (prefixed ``RP_``).
"""

import re
from xml.sax.saxutils import escape

from ..i18n import tr
from .model import PLACEHOLDER, Document, placeholder_values, template_parts, with_unplaced
from .odt import AUTOMATIC_STYLES, NAMED_STYLES, body_parts

_PARAGRAPH = re.compile(r"<text:(p|h)\b[^>]*/>|<text:(p|h)\b[^>]*>.*?</text:\2>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _text(xml: str) -> str:
    xml = re.sub(r"<text:line-break\s*/>", "\n", xml)
    xml = re.sub(r"<text:tab\s*/>", "\t", xml)
    xml = re.sub(r'<text:s(?:\s+text:c="(\d+)")?\s*/>', lambda m: " " * int(m.group(1) or 1), xml)
    return (_TAG.sub("", xml).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def from_template(template: str, document: Document) -> dict:
    parts, (content, styles) = template_parts(
        template, tr("The template {name} is not a readable .odt file ({error})."), "content.xml", "styles.xml")
    missing = [xml for style, xml in NAMED_STYLES.items() if f'style:name="{style}"' not in styles]
    if missing:
        if "</office:styles>" in styles:
            styles = styles.replace("</office:styles>", "".join(missing) + "</office:styles>", 1)
        else:
            styles = styles.replace("<office:master-styles", "<office:styles>" + "".join(missing)
                                    + "</office:styles><office:master-styles", 1)
    parts["styles.xml"] = styles
    if "</office:automatic-styles>" in content:
        content = content.replace("</office:automatic-styles>", AUTOMATIC_STYLES + "</office:automatic-styles>", 1)
    else:
        content = content.replace("<office:body>", f"<office:automatic-styles>{AUTOMATIC_STYLES}"
                                  "</office:automatic-styles><office:body>", 1)
    used = {name for match in _PARAGRAPH.finditer(content) for name in PLACEHOLDER.findall(_text(match.group(0)))}
    document = with_unplaced(document, used)
    values = placeholder_values(document)
    body = "".join(body_parts(document))
    placed = []

    def paragraph(match):
        xml = match.group(0)
        whole = _text(xml)
        if "{{" not in whole:
            return xml
        if whole.strip() == "{{body}}":
            placed.append(True)
            return body
        replaced = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), whole)
        opening = re.match(r"<text:(?:p|h)\b[^>]*?>", xml).group(0)
        kind = "h" if opening.startswith("<text:h") else "p"
        lines = "<text:line-break/>".join(escape(line) for line in replaced.split("\n"))
        return f"{opening}{lines}</text:{kind}>"

    content = _PARAGRAPH.sub(paragraph, content)
    if not placed:
        content = content.replace("</office:text>", body + "</office:text>", 1)
    parts["content.xml"] = content
    return parts
