"""The draft statement (*utkast till yttrande*) on a municipality's plan, in the region's voice.

Pure Python (no QGIS). The typed input model is in :mod:`.model`, the texts in :mod:`.texts`,
numbers, dates and the title line in :mod:`.format`, the sentences about one rule in one plan
area in :mod:`.sentences`, and :func:`draft_statement` with its renderings in :mod:`.draft`.
This package re-exports the names of the former ``core/statement.py``.
"""

from .draft import SECTION_KEYS, draft_statement, statement_markdown, statement_text
from .format import (
    format_area,
    format_date,
    format_distance,
    format_number,
    format_share,
    lang_code,
    municipality_name,
    statement_title,
)
from .model import AreaRule, DataUse, Hit, PlanArea, Section, StatementHeader, StatementInput

__all__ = [
    "SECTION_KEYS",
    "AreaRule",
    "DataUse",
    "Hit",
    "PlanArea",
    "Section",
    "StatementHeader",
    "StatementInput",
    "draft_statement",
    "format_area",
    "format_date",
    "format_distance",
    "format_number",
    "format_share",
    "lang_code",
    "municipality_name",
    "statement_markdown",
    "statement_text",
    "statement_title",
]
