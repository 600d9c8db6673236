"""Word-processor exports of a statement: ``.docx`` (WordprocessingML) and ``.odt`` (ODF),
written with the standard library only (``zipfile`` and XML text), so they work in every QGIS
on Windows, macOS and Linux with nothing to vendor or install."""

from .docx import write_docx
from .model import Document, ExportError, HeaderField, Section, Table
from .odt import write_odt

__all__ = ["Document", "ExportError", "HeaderField", "Section", "Table", "write_docx", "write_odt"]
