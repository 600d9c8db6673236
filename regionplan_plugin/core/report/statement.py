"""The draft statement of the report (plain text sections), for the HTML and the PDF: the check
result mapped to the statement's input (``statement_input.py``) and written by
``core/statement.draft_statement`` in the region's voice."""

from typing import List, Optional, Tuple

from ..check import CheckResult
from ..statement import Section, draft_statement, lang_code
from .statement_input import statement_input


def statement(result: CheckResult, lang: Optional[str] = None, header: Optional[dict] = None,
              decisions=None, comparison=None) -> List[Section]:
    """The draft statement's sections (core/statement.Section); ``decisions`` and ``comparison``:
    see :func:`statement_input.statement_input`."""
    lang = lang_code(lang or result.lang)
    return draft_statement(statement_input(result, lang, header, decisions, comparison), lang)


def statement_sections(result: CheckResult, lang: Optional[str] = None,
                       header: Optional[dict] = None, decisions=None,
                       comparison=None) -> List[Tuple[str, List[str]]]:
    """The draft statement as [(heading, [paragraph text])] (plain text, not escaped; a paragraph
    may hold line breaks)."""
    return [(section.heading, [p for p in section.text.split("\n\n") if p.strip()])
            for section in statement(result, lang, header, decisions, comparison)]
