"""The pages of the PDF report: page 1 (map, legend, scale bar, summary) and the text pages."""

import math
import os
import textwrap
from typing import List

from qgis.core import (
    QgsApplication,
    QgsBasicNumericFormat,
    QgsCoordinateReferenceSystem,
    QgsLayerTree,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsRasterLayer,
    QgsScaleBarSettings,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont

from ..check import CheckResult
from ..i18n import translate
from .fmt import _fmt_time, _heading, _profile_name, plan_title
from .mapping import _fit
from .statement import statement


def _nice_segment(value: float) -> float:
    """1, 2 or 5 times a power of ten, not above ``value`` (km)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (5, 2, 1):
        if step * power <= value:
            return step * power
    return power


def _repair_blocks(result: CheckResult, lang: str) -> List[str]:
    if not result.repairs:
        return []
    return [translate("Repaired or skipped plan geometries", lang) + "\n" + "\n".join(
        f"• #{r.plan_fid} {r.plan_name}: {r.reason}" for r in result.repairs)]


BODY, TITLE, HEADING, GROUP, LABEL = (8, False), (12, True), (10, True), (9, True), (8, True)


def _statement_blocks(result: CheckResult, lang: str, header=None, comparison=None) -> list:
    """The draft statement as styled blocks for the PDF (:func:`_flow`): the statement's title,
    the section headings, the theme headings and the points' names in bold, larger than the
    body; each block a list of ``(text, (size, bold))`` lines."""
    blocks = []
    for number, section in enumerate(statement(result, lang, header, comparison=comparison)):
        lines = [(section.heading, TITLE if not number else HEADING)]
        for index, paragraph in enumerate(p for p in section.text.split("\n\n") if p.strip()):
            if index:
                lines.append(("", BODY))
            if paragraph in section.subheadings:
                lines.append((paragraph, GROUP))
                continue
            rows = paragraph.split("\n")
            if len(rows) > 1 and rows[0] in section.labels:
                lines.append((rows.pop(0), LABEL))
            lines += [(row, BODY) for row in rows]
        blocks.append(lines)
    return blocks


CHARS_PER_LINE = 150  # an 8 pt line 277 mm wide holds about 175 average characters: a generous estimate


LINE_MM = 3.6


TEXT_TOP, TEXT_BOTTOM = 10.0, 200.0


SUMMARY_TOP, SUMMARY_BOTTOM = 186.0, 205.0


TABLE_ROWS = 35  # findings per table layout: a page of one-line rows


PAGE_BREAK = "\f"  # a block of _flow that starts a new page (unless the page is still empty)


AREA_PAGES_LIMIT = 50  # plan areas; up to this many, each area starts a page of its own (a whole ÖP flows)


TITLE_CHARS = 100  # the plan's name in the page title; the table and the HTML have it whole


def _chars_per_line(style=BODY) -> int:
    size, bold = style
    return max(1, int(CHARS_PER_LINE * 8.0 / size * (0.88 if bold else 1.0)))


def _line_mm(line: str, style=BODY) -> float:
    """A generous height of one line of text in a label 277 mm wide (a long line wraps)."""
    size, _bold = style
    return max(1, math.ceil(len(line) / _chars_per_line(style))) * LINE_MM * size / 8.0


def _text_height_mm(text: str) -> float:
    """A generous estimate of the height of ``text`` in an 8 pt label 277 mm wide."""
    return sum(_line_mm(line) for line in text.split("\n")) + 2.0


def _wrapped(line: str, width: int) -> List[str]:
    """``line`` in lines of at most ``width`` characters, broken between words (a word longer
    than a line is cut); an empty line stays one."""
    if len(line) <= width:
        return [line]
    return textwrap.wrap(line, width, break_on_hyphens=False) or [line[:width]]


KEEP_WITH_NEXT = 2  # body lines a heading keeps with it on its page


def _flow(blocks: list, first_top: float, top: float = TEXT_TOP, bottom: float = TEXT_BOTTOM) -> list:
    """The text ``blocks`` laid out on as many pages as they need, split between lines where a
    page is full (no fixed height, nothing cut): ``[[(y, height, text, size, bold), ...] per page]``.
    A block is plain text (8 pt) or a list of ``(line, (size, bold))``: lines of one style in a
    row make one label; a heading (bold) never ends a page; a :data:`PAGE_BREAK` block starts a
    new page."""
    pages, y = [[]], first_top
    for block in blocks:
        if block is PAGE_BREAK or block == PAGE_BREAK:
            if pages[-1]:
                pages.append([])
                y = top
            continue
        lines = [(line, BODY) for line in block.split("\n")] if isinstance(block, str) else list(block)
        pieces = []  # a long line is wrapped here: QGIS 3.40 wraps a label's long line in quadratic time
        for line, style in lines:
            pieces += [(piece, style) for piece in _wrapped(line, _chars_per_line(style))]
        current, start, style_now = [], y, None
        for index, (line, style) in enumerate(pieces):
            height = _line_mm(line, style)
            need = height + (_kept_mm(pieces[index + 1:]) if style[1] else 0.0)
            if y + need > bottom and (current or y > top):
                _put(pages[-1], start, y, current, style_now)
                pages.append([])
                current, y = [], top
                start = y
                if not line:  # no empty line at the top of a page
                    continue
            if style != style_now:
                _put(pages[-1], start, y, current, style_now)
                current, start, style_now = [], y, style
            current.append(line)
            y += height
        _put(pages[-1], start, y, current, style_now)
        y += 4.0
    return pages


def _kept_mm(following: list) -> float:
    """The height a heading keeps with it: the lines after it down to the first KEEP_WITH_NEXT
    lines of body text (other headings and empty lines on the way included)."""
    total, body = 0.0, 0
    for text, style in following:
        if body >= KEEP_WITH_NEXT:
            break
        total += _line_mm(text, style)
        body += 1 if text and not style[1] else 0
    return total


def _put(page: list, start: float, end: float, lines: List[str], style) -> None:
    """One label's item on a page of :func:`_flow`: its lines from ``start`` down to ``end``."""
    if lines:
        page.append((start, end - start + 2.0, "\n".join(lines)) + tuple(style))


class _Page:
    """Placing items on a new A4 landscape print layout."""

    def __init__(self, project, lang):
        self.layout = QgsPrintLayout(project)
        self.layout.initializeDefaults()  # one A4 landscape page
        self.layout.setName(translate("Plan check", lang))

    def place(self, item, x, y, w=None, h=None, page=0):
        mm = QgsUnitTypes.LayoutMillimeters
        self.layout.addLayoutItem(item)
        item.attemptMove(QgsLayoutPoint(x, y, mm), page=page)
        if w is not None:
            item.attemptResize(QgsLayoutSize(w, h, mm))
        return item

    def label(self, text, size, bold=False):
        item = QgsLayoutItemLabel(self.layout)
        # a label evaluates "[% ... %]" as an expression: text from the service or the plan must stay text
        item.setText(text.replace("[%", "[\u2060%"))
        _set_text_style(item, size, bold)
        item.setHAlign(Qt.AlignLeft)
        item.setVAlign(Qt.AlignTop)
        return item

    def new_page(self) -> int:
        page = QgsLayoutItemPage(self.layout)
        page.setPageSize("A4", QgsLayoutItemPage.Landscape)
        self.layout.pageCollection().addPage(page)
        return self.layout.pageCollection().pageCount() - 1


def _first_page(result, project, contents, summary, lang):
    """Page 1: title, map, legend, scale bar and the start of the summary."""
    page = _Page(project, lang)
    layout, layers, extent = page.layout, contents.layers, contents.extent
    title = plan_title(result, lang)
    if len(title) > TITLE_CHARS:
        title = title[:TITLE_CHARS - 1] + "…"
    page.place(page.label(translate("Plan check against the regional development strategy", lang), 15, True),
               10, 6, 277, 9)
    page.place(page.label(f"{translate('Plan', lang)}: {title}", 10, True), 10, 14, 277, 5)
    page.place(page.label(f"{_profile_name(result)} · {translate('Plan layer', lang)}: {result.plan_name} · "
                          f"{_fmt_time(result.started_at)}", 7), 10, 19.5, 277, 4)

    item_map = QgsLayoutItemMap(layout)
    page.place(item_map, 10, 25, 195, 145)
    item_map.setCrs(QgsCoordinateReferenceSystem(result.crs))
    item_map.setLayers(layers)
    item_map.setKeepLayerSet(True)
    item_map.setExtent(_fit(extent, 195.0 / 145.0))  # (zoomToExtent gives an empty extent on QGIS 3.22)
    item_map.setFrameEnabled(True)

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(translate("Legend", lang))
    legend.setAutoUpdateModel(False)
    tree = QgsLayerTree()
    for layer in layers:
        if not isinstance(layer, QgsRasterLayer):  # the background map has no legend entry
            tree.addLayer(layer)
    legend.model().setRootGroup(tree)
    layout.legend_tree = tree  # the model does not own its root: it must live as long as the layout
    legend.setLinkedMap(item_map)
    legend.setLegendFilterByMapEnabled(True)
    for style, size, bold in ((QgsLegendStyle.Title, 10, True), (QgsLegendStyle.Group, 7, True),
                              (QgsLegendStyle.Subgroup, 7, True), (QgsLegendStyle.SymbolLabel, 6, False)):
        _set_text_style(legend.rstyle(style), size, bold)
    legend.setWrapString("\n")
    legend.setSymbolHeight(3)
    legend.setSymbolWidth(5)
    legend.setResizeToContents(True)
    page.place(legend, 210, 25)
    _fit_legend(page, legend)
    _north_arrow(page)
    _scale_bar(page, item_map, extent, lang)
    for y, height, text, *_style in summary:
        page.place(page.label(text, 8), 10, y, 277, height)
    return page.layout


LEGEND_W, LEGEND_H = 77.0, 145.0  # beside the map, down to its bottom edge
PAGE_TEXT_W = 277.0


def _legend_size(page: "_Page", legend, columns: int):
    """The legend's size in mm with ``columns`` columns (measured by QGIS' legend renderer: the
    item itself knows its size only once it has been drawn)."""
    settings = legend.legendSettings()
    settings.setColumnCount(columns)
    settings.setSplitLayer(columns > 1)
    context = QgsLayoutUtils.createRenderContextForLayout(page.layout, None)
    return QgsLegendRenderer(legend.model(), settings).minimumSize(context)


def _fit_legend(page: "_Page", legend) -> None:
    """The legend within its box beside the map, never over the summary or off the page: measured;
    in two columns when too tall; else on a page of its own, in as many columns as it needs."""
    for columns in (1, 2):
        size = _legend_size(page, legend, columns)
        if size.height() <= LEGEND_H and size.width() <= LEGEND_W:
            _set_columns(legend, columns, size)
            return
    number = page.new_page()
    for columns in (1, 2, 3, 4, 5, 6):
        size = _legend_size(page, legend, columns)
        if size.height() <= TEXT_BOTTOM - TEXT_TOP and size.width() <= PAGE_TEXT_W:
            break
    _set_columns(legend, columns, size)
    legend.attemptMove(QgsLayoutPoint(10, TEXT_TOP, QgsUnitTypes.LayoutMillimeters), page=number)


def _set_columns(legend, columns: int, size) -> None:
    legend.setColumnCount(columns)
    legend.setSplitLayer(columns > 1)
    legend.attemptResize(QgsLayoutSize(size.width(), size.height(), QgsUnitTypes.LayoutMillimeters))


def _north_arrow(page: "_Page") -> None:
    """QGIS' north arrow in the map's top right corner (the map is drawn north up)."""
    path = ""
    for folder in QgsApplication.svgPaths():
        candidate = os.path.join(folder, "arrows", "NorthArrow_02.svg")
        if os.path.exists(candidate):
            path = candidate
            break
    if not path:
        return
    arrow = QgsLayoutItemPicture(page.layout)
    arrow.setPicturePath(path)
    arrow.setResizeMode(QgsLayoutItemPicture.Zoom)
    page.place(arrow, 192, 27, 11, 15)


def _scale_bar(page: "_Page", item_map, extent, lang: str) -> None:
    """A scale bar in km, or m for a small map, with a decimal comma in Swedish."""
    scalebar = QgsLayoutItemScaleBar(page.layout)
    scalebar.setStyle("Single Box")
    scalebar.setLinkedMap(item_map)
    segment_km = extent.width() / 1000.0 / 5.0
    if segment_km < 0.1:
        scalebar.setUnits(QgsUnitTypes.DistanceMeters)
        scalebar.setUnitLabel("m")
        scalebar.setUnitsPerSegment(_nice_segment(segment_km * 1000.0))
    else:
        scalebar.setUnits(QgsUnitTypes.DistanceKilometers)
        scalebar.setUnitLabel("km")
        scalebar.setUnitsPerSegment(_nice_segment(segment_km))
    scalebar.setNumberOfSegments(4)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFixed)
    number_format = QgsBasicNumericFormat()
    number_format.setShowThousandsSeparator(False)
    number_format.setNumberDecimalPlaces(2)
    number_format.setShowTrailingZeros(False)
    if lang == "sv":
        number_format.setDecimalSeparator(",")
    scalebar.setNumericFormat(number_format)
    page.place(scalebar, 12, 172)
    scalebar.update()


TEXT_PART_PAGES = 5  # pages per layout of a long text: a layout's memory grows with the square of its pages


def _text_pages(project, pages, lang, heading=None, titled=True):
    """Text under a heading (by default the draft statement's) on as many pages as it needs;
    ``titled=False``: a continuation, without the heading."""
    page = _Page(project, lang)
    if titled:
        page.place(page.label(heading or _heading("statement", lang), 14, True), 10, 8, 277, 8)
    for number, items in enumerate(pages):
        if number:
            page.new_page()
        for y, height, text, *style in items:
            size, bold = style or BODY
            page.place(page.label(text, size, bold), 10, y, 277, height, page=number)
    return page.layout


def _set_text_style(target, size: float, bold: bool = False) -> None:
    """Font of a layout label or legend style: a text format where QGIS has one (labels from
    3.24, legend styles from 3.30; setFont is deprecated there), else the font."""
    font = QFont("DejaVu Sans", int(size), QFont.Bold if bold else QFont.Normal)
    if hasattr(target, "setTextFormat"):
        text_format = QgsTextFormat.fromQFont(font)
        text_format.setSize(size)
        target.setTextFormat(text_format)
    else:
        target.setFont(font)
