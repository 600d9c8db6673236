"""The document model every exporter writes, and the template read and safe file write they share."""

import os
import re
import uuid
import zipfile
from dataclasses import dataclass, field, replace
from typing import Optional

from ..errors import RegionplanError
from ..i18n import tr


class ExportError(RegionplanError):
    """A document cannot be written (folder not writable, disk full, a bad template)."""


@dataclass
class HeaderField:
    """One header line (``label``: ``value``). ``key`` names its ``{{key}}`` placeholder in a
    template (default: the label)."""

    label: str
    value: str
    key: str = ""

    @property
    def placeholder(self) -> str:
        return self.key or self.label


@dataclass
class Table:
    header: list
    rows: list = field(default_factory=list)
    heading: str = ""


@dataclass
class Section:
    heading: str
    paragraphs: list = field(default_factory=list)
    level: int = 1  # 1 or 2


@dataclass
class Document:
    title: str
    fields: list = field(default_factory=list)  # [HeaderField]
    sections: list = field(default_factory=list)  # [Section]
    table: Optional[Table] = None
    lang: str = "sv"
    # the statement's own header lines (the draft's title-and-header section): when given, the
    # built-in layout shows them under the title instead of ``fields`` (one header, not two); a
    # template fills its placeholders from both and gets the lines it does not place at the top
    # of ``{{body}}``
    letterhead: list = field(default_factory=list)  # [HeaderField]


def header_lines(document: Document) -> list:
    """The header lines the built-in layout shows under the title: the letterhead, else the fields."""
    return [as_field(item) for item in (document.letterhead or document.fields)]


def placeholder_values(document: Document) -> dict:
    """``{{key}}`` -> value: the title, the fields, then the letterhead's lines the fields lack."""
    values = {"title": document.title}
    values.update({item.placeholder: item.value for item in map(as_field, document.fields)})
    for item in map(as_field, document.letterhead):
        if item.key:
            values.setdefault(item.key, item.value)
    return values


def with_unplaced(document: Document, used) -> Document:
    """``document`` for a template that places the keys ``used``: its letterhead lines that the
    template does not place open the body, as one untitled section (none are lost)."""
    lines = [item for item in map(as_field, document.letterhead) if not item.key or item.key not in used]
    if not lines:
        return document
    paragraphs = [f"{item.label}: {item.value}" if item.label else item.value for item in lines]
    return replace(document, sections=[Section("", ["\n".join(paragraphs)])] + list(document.sections))


PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")


def as_field(item) -> HeaderField:
    if isinstance(item, HeaderField):
        return item
    label, value = item[0], item[1]
    return HeaderField(str(label), "" if value is None else str(value), *item[2:3])


def template_parts(template: str, message: str, *names: str, defaults: Optional[dict] = None) -> tuple:
    """The parts of a zipped template (.docx, .odt) and the text of the parts ``names``
    (``defaults`` for those it may lack). A template that cannot be read raises
    :class:`ExportError` with ``message`` (translated; ``{name}`` and ``{error}`` are filled in)."""
    try:
        with zipfile.ZipFile(template) as archive:
            parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
        texts = [(parts[n] if n in parts or n not in (defaults or {}) else defaults[n].encode("utf-8")).decode("utf-8")
                 for n in names]
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise ExportError(message.format(name=str(template), error=error)) from None
    return parts, texts


def write_atomic(path: str, writer) -> str:
    """Call ``writer(temporary_path)`` for a file in the target's folder, then rename it over
    ``path``. On any failure the temporary file goes and the previous file stays as it was."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    temporary = os.path.join(folder, f".{name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        # created with the user's umask (a mkstemp file is 0600 and would stay so once renamed: a
        # colleague could not open the exported statement on a shared drive)
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as error:
        raise ExportError(tr("{name} cannot be written in {folder}: {error}").format(
            name=name, folder=folder, error=error.strerror or error)) from None
    try:
        writer(temporary)
        os.replace(temporary, path)
    except OSError as error:
        raise ExportError(tr("{name} cannot be written: {error}. The previous file, if any, is "
                             "unchanged.").format(name=name, error=error.strerror or error)) from None
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return path
