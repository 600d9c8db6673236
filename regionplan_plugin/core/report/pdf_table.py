"""The findings table of the PDF report, in parts of ``TABLE_ROWS`` rows; for a plan with more
than ``TABLE_LIMIT`` findings, a summary per rule instead."""

import textwrap
from collections import defaultdict
from typing import List

from qgis.core import (
    QgsFeature,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont

from ..check import CheckResult
from ..i18n import translate, translaten
from .case_view import decision_note
from .fmt import _fmt_area, _fmt_m, _fmt_number, _fmt_share, severity_label
from .io import ReportError
from .pdf_pages import TABLE_ROWS, _Page

TABLE_WIDTHS = [46, 58, 22, 68, 18, 22, 18]  # mm; with the cell margins and borders about 270


CELL_CHARS_PER_MM = 0.62  # 7 pt DejaVu Sans: a little over 0.7 average characters per mm


CELL_LINES = 40  # a cell never grows taller than a page


TABLE_LIMIT = 2000  # findings; above it the PDF has a summary per rule instead of the table (see summary_blocks)


def _cell(text: str, width_mm: float, lang: str) -> str:
    """``text`` broken into lines that fit a table column ``width_mm`` wide (QGIS' own wrapping
    takes minutes on a name of a few thousand characters, and never breaks a long word); a
    text longer than a page of lines ends with a visible note of how much is left out (the
    HTML, CSV and GeoPackage have it whole)."""
    text = str(text)
    width = max(4, int(width_mm * CELL_CHARS_PER_MM))
    if len(text) <= width and "\n" not in text:
        return text
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > CELL_LINES:
        kept = lines[:CELL_LINES - 1]
        left = len(text) - sum(len(line) + 1 for line in kept)
        kept.append(translate("… ({count} more characters)", lang).format(count=max(left, 1)))
        lines = kept
    return "\n".join(lines)


def _table_rows(result: CheckResult, lang: str) -> List[list]:
    titles = result.rule_titles()
    return [[_cell(value, width, lang) for value, width in zip([
        finding.plan_name or f"#{finding.plan_fid}",
        titles.get(finding.rule_id, finding.rule_id),
        decision_note(finding, lang) or severity_label(finding.severity, lang),
        finding.feature_name or "–",
        _fmt_m(finding.distance_m, lang),
        _fmt_m(finding.overlap_m2, lang),
        _fmt_share(finding.overlap_share, lang),
    ], TABLE_WIDTHS)] for finding in result.findings]


def _findings_table_layer(rows: List[list], lang: str) -> QgsVectorLayer:
    # string(0): no length limit (a plain "string" field is 255 long, and the memory provider
    # then refuses every feature of the batch when one value is longer)
    layer = QgsVectorLayer(
        "None?field=plan:string(0)&field=rule:string(0)&field=severity:string(0)&field=feature:string(0)"
        "&field=distance:string(0)&field=overlap:string(0)&field=share:string(0)",
        translate("Findings", lang),
        "memory",
    )
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(row)
        features.append(feature)
    if not layer.dataProvider().addFeatures(features)[0] or layer.featureCount() != len(rows):
        raise ReportError(translate("The findings table of the PDF report cannot be built.", lang))
    return layer


def _table_fonts(table) -> None:
    """Small fonts for the findings table (text formats where the QGIS version has them)."""
    if hasattr(table, "setContentTextFormat"):
        for setter, bold in ((table.setContentTextFormat, False), (table.setHeaderTextFormat, True)):
            text_format = QgsTextFormat()
            text_format.setFont(QFont("DejaVu Sans", 7, QFont.Bold if bold else QFont.Normal))
            text_format.setSize(7)
            setter(text_format)
    else:  # pragma: no cover - QGIS < 3.16
        table.setContentFont(QFont("DejaVu Sans", 7))
        table.setHeaderFont(QFont("DejaVu Sans", 7, QFont.Bold))


def _table_part(project, rows, lang, first):
    """A part of the findings table, on as many pages as its rows need."""
    page = _Page(project, lang)
    layout = page.layout
    top = 20.0 if first else 10.0
    if first:
        page.place(page.label(translate("Findings", lang), 14, True), 10, 8, 277, 8)
    table_layer = _findings_table_layer(rows, lang)
    project.addMapLayer(table_layer, False)
    table = QgsLayoutItemAttributeTable.create(layout)
    # the table's settings before its layer: each setter re-reads the layer's rows once it has one
    table.setMaximumNumberOfFeatures(len(rows) + 1)
    table.setResizeMode(QgsLayoutMultiFrame.RepeatUntilFinished)
    if hasattr(table, "setWrapBehavior"):
        table.setWrapBehavior(QgsLayoutItemAttributeTable.WrapText)
    _table_fonts(table)
    table.setVectorLayer(table_layer)
    headers = [
        translate("Plan feature", lang), translate("Rule", lang), translate("Severity", lang),
        translate("Regional feature", lang), translate("Distance (m)", lang), translate("Overlap (m²)", lang),
        translate("Share of plan", lang),
    ]
    columns = table.columns()
    for index, (column, header, width) in enumerate(zip(columns, headers, TABLE_WIDTHS)):
        column.setHeading(header)
        column.setWidth(width)
        if index >= 4:
            column.setHAlignment(Qt.AlignRight)
    table.setColumns(columns)
    if not rows:
        table.setEmptyTableBehavior(QgsLayoutItemAttributeTable.ShowMessage)
        table.setEmptyTableMessage(translate("No findings.", lang))
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    frame.attemptResize(QgsLayoutSize(277, 202 - top, QgsUnitTypes.LayoutMillimeters))
    frame.attemptMove(QgsLayoutPoint(10, top, QgsUnitTypes.LayoutMillimeters), page=0)
    table.addFrame(frame)
    table.recalculateFrameSizes()
    return layout


def has_table(result: CheckResult) -> bool:
    """Whether the PDF prints the table of all findings: up to TABLE_LIMIT (about 60 pages). A
    whole ÖP's thousands of findings would fill hundreds of pages that nobody prints, and take
    most of the PDF's time; each finding is listed under its plan area anyway."""
    return len(result.findings) <= TABLE_LIMIT


def summary_blocks(result: CheckResult, lang: str) -> List[str]:
    """In place of the table of a plan with more than TABLE_LIMIT findings: per rule, its
    findings, the plan areas they are in and the overlap, and where the whole table is."""
    count = len(result.findings)
    pages = -(-count // TABLE_ROWS)
    lines = [translate("Findings", lang).upper(), translate(
        "The table of all {count} findings is not printed in the PDF ({pages} pages). Each finding is "
        "listed under its plan area above; the whole table is in the HTML report, the CSV table and the "
        "GeoPackage of findings.", lang).format(count=_fmt_number(count, 0, lang), pages=_fmt_number(pages, 0, lang)),
        translate("Findings per rule", lang) + ":"]
    found = defaultdict(list)
    for finding in result.findings:
        found[finding.rule_id].append(finding)
    for outcome in result.outcomes:
        hits = found.get(outcome.rule.id)
        if not hits:
            continue
        areas = len({finding.plan_fid if finding.plan_index is None else finding.plan_index for finding in hits})
        overlap = sum(finding.overlap_m2 or 0.0 for finding in hits)
        text = (translaten("{count} finding", "{count} findings", len(hits), lang).format(
            count=_fmt_number(len(hits), 0, lang)) + ", " + translaten(
            "in {count} plan area", "in {count} plan areas", areas, lang).format(count=_fmt_number(areas, 0, lang)))
        if overlap:
            text += ", " + translate("overlap {area}", lang).format(area=_fmt_area(overlap, lang))
        lines.append(f"• {severity_label(outcome.rule.severity, lang)} – {outcome.title}: {text}")
    return ["\n".join(lines)]
