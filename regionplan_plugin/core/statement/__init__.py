"""The draft statement (*utkast till yttrande*) on a municipality's plan, in the region's voice.

Pure Python (no QGIS). The typed input model is in :mod:`.model`, the texts in :mod:`.texts`,
numbers, dates and the title line in :mod:`.format`, the sentences about one rule in one plan
area in :mod:`.sentences`, and :func:`draft_statement` with its renderings in :mod:`.draft`.
This package re-exports the names of the former ``core/statement.py``.
"""

from .draft import SECTION_KEYS, SEVERITY_RANK, draft_statement, statement_markdown, statement_text
from .format import (
    as_sentence,
    count_word,
    format_area,
    format_date,
    format_distance,
    format_number,
    format_share,
    join_words,
    lang_code,
    lower_first,
    municipality_name,
    phrase,
    placeholder,
    statement_title,
    swedish_date,
    value_or_placeholder,
)
from .model import AreaRule, DataUse, Hit, PlanArea, Section, StatementHeader, StatementInput

__all__ = [
    "SECTION_KEYS", "SEVERITY_RANK", "AreaRule", "DataUse", "Hit", "PlanArea", "Section", "StatementHeader",
    "StatementInput", "as_sentence", "count_word", "draft_statement", "format_area", "format_date",
    "format_distance", "format_number", "format_share", "join_words", "lang_code", "lower_first",
    "municipality_name", "phrase", "placeholder", "statement_markdown", "statement_text", "statement_title",
    "swedish_date", "value_or_placeholder",
]
