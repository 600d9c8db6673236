"""The PDF report: QGIS print layouts printed part by part into one PDF."""

from typing import Optional

from osgeo import gdal  # the PDF's metadata (see _set_metadata)
from qgis.core import (
    Qgis,
    QgsAbstractLayoutIterator,
    QgsCoordinateReferenceSystem,
    QgsLayoutExporter,
    QgsProject,
)

from ..check import SEVERITIES, CheckResult
from ..errors import Cancelled
from ..i18n import localized, translate
from .case_view import case_blocks, decided_result
from .fmt import _profile_name, plan_title, severity_label
from .html import _states_line
from .io import ReportError, replacing
from .mapping import MapContents, labeling_engine_settings, map_contents
from .pdf_pages import (
    AREA_PAGES_LIMIT,
    PAGE_BREAK,
    SUMMARY_BOTTOM,
    SUMMARY_TOP,
    TABLE_ROWS,
    TEXT_PART_PAGES,
    _first_page,
    _flow,
    _line_mm,
    _repair_blocks,
    _statement_blocks,
    _text_pages,
)
from .pdf_table import _table_part, _table_rows, has_table, summary_blocks
from .pdf_text import area_blocks, reference_blocks, statistics_blocks
from .statement import statement


def _always_text():
    try:
        return Qgis.TextRenderFormat.AlwaysText  # QGIS >= 3.28
    except AttributeError:
        from qgis.core import QgsRenderContext

        return QgsRenderContext.TextFormatAlwaysText


class _PdfParts(QgsAbstractLayoutIterator):
    """The parts of the PDF, one small print layout each (page 1, the text pages, the findings
    table in parts of TABLE_ROWS), built when their turn comes. QGIS prints them one after the
    other into one PDF (as it prints an atlas): with its progress and cancel, and in time
    proportional to the findings (a table of n rows in one layout takes n² to print)."""

    def __init__(self, builders, feedback=None):
        super().__init__()
        self.builders = builders
        self.feedback = feedback
        self.index = -1
        self.current = None
        self.printed = []

    def count(self):
        return len(self.builders)

    def beginRender(self):  # noqa: N802 - QGIS API
        self.index = -1
        return True

    def _drop(self):
        # the printed layouts (and their table layers, in the project) are kept until the export
        # is over: deleting a layout while QGIS is still printing aborts it in a background thread
        # (a Processing run, the panel's task), and removing a layer would signal every layout
        if self.current is not None:
            self.printed.append(self.current)
        self.current = None

    def endRender(self):  # noqa: N802 - QGIS API
        self._drop()
        return True

    def next(self):
        self._drop()
        self.index += 1
        # a cancel ends the parts here: QGIS 3.40's own cancel of a multi-layout export can hang,
        # so the export ends normally and the caller sees the cancel (the file is then discarded)
        if self.index >= len(self.builders) or (self.feedback is not None and self.feedback.isCanceled()):
            return False
        self.current = self.builders[self.index]()
        return True

    def layout(self):
        return self.current

    def filePath(self, base, extension):  # noqa: N802 - QGIS API
        return base


def _pdf_project(result: CheckResult, contents: MapContents, lang: str = "en", header=None) -> QgsProject:
    """A project of its own for the PDF's layouts, holding the map's layers (it takes them); its
    metadata are the PDF's: the title (the statement's), the author (the officer, else the region)
    and the subject; labels placed without overlaps."""
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(result.crs))
    metadata = project.metadata()
    metadata.setTitle(_title(result, lang, header))
    metadata.setAuthor((header or {}).get("officer") or localized(getattr(result.profile, "name", ""), lang)
                       or _profile_name(result))
    metadata.setAbstract(translate("Plan check against the regional development strategy", lang) + ": "
                         + plan_title(result, lang))
    project.setMetadata(metadata)
    project.setLabelingEngineSettings(labeling_engine_settings())
    project.addMapLayers(contents.layers, False)
    root = project.layerTreeRoot()
    for layer in contents.layers:
        root.addLayer(layer)
    return project


def _title(result: CheckResult, lang: str, header=None) -> str:
    """The PDF's title: the draft statement's title line, else the plan's name."""
    sections = statement(result, lang, header)
    return sections[0].heading if sections else plan_title(result, lang)


def _split_summary(result: CheckResult, lang: str):
    """(page 1's summary items, the whole plan's text blocks, the plan areas' blocks): page 1 has
    room for a few lines of the summary; the rest, the repairs and the whole plan's statistics
    come under their own heading before the results per plan area."""
    counts = result.counts
    summary = [result.verdict_text(lang), "   ".join(f"{severity_label(s, lang)}: {counts[s]}" for s in SEVERITIES),
               _states_line(result, lang)]
    summary += list(result.notes)
    shown, height = 0, 2.0
    while shown < len(summary) and (not shown or SUMMARY_TOP + height + _line_mm(summary[shown]) <= SUMMARY_BOTTOM):
        height += _line_mm(summary[shown])
        shown += 1
    first_items = [(SUMMARY_TOP, height, "\n".join(summary[:shown]))]
    rest = summary[shown:]
    whole = ([translate("Summary", lang).upper() + "\n" + "\n".join(rest)] if rest else []) + _repair_blocks(
        result, lang) + statistics_blocks(result, lang)
    areas = area_blocks(result, lang)
    if 1 < len(areas) <= AREA_PAGES_LIMIT:  # each plan area on pages of its own
        areas = [part for block in areas for part in (PAGE_BREAK, block)]
    return first_items, whole, areas


def _part_builders(result: CheckResult, project, contents: MapContents, lang: str, header=None,
                   comparison=None) -> list:
    """One builder per part of the PDF (page 1; the results per plan area; the draft statement on
    pages of its own; the rules' references and the provenance; the table in parts of TABLE_ROWS
    rows, or its summary per rule for a plan with more than TABLE_LIMIT findings), called when the
    part's turn comes."""
    first_items, whole, blocks = _split_summary(result, lang)
    whole = case_blocks(result, comparison, lang, "changes") + whole
    area_pages = _flow(blocks, 20.0)
    statement_pages = _flow(_statement_blocks(result, lang, header, comparison), 20.0)
    reference_pages = _flow(reference_blocks(result, lang) + case_blocks(result, comparison, lang, "decisions"), 20.0)
    builders = [lambda: _first_page(result, project, contents, first_items, lang)]
    if whole:  # the whole plan first, under its own heading
        builders += _text_parts(project, _flow(whole, 20.0), lang, translate("Whole plan", lang))
    builders += _text_parts(project, area_pages, lang, translate("Results per plan area", lang))
    builders += _text_parts(project, statement_pages, lang)
    builders += _text_parts(project, reference_pages, lang, translate("References and provenance", lang))
    if not has_table(result):
        return builders + _text_parts(project, _flow(summary_blocks(result, lang), 20.0), lang,
                                      translate("Findings", lang))
    rows = _table_rows(result, lang)
    chunks = [rows[i:i + TABLE_ROWS] for i in range(0, len(rows), TABLE_ROWS)] or [[]]
    return builders + [lambda chunk=chunk, first=not n: _table_part(project, chunk, lang, first)
                       for n, chunk in enumerate(chunks)]


def _text_parts(project, pages, lang: str, heading=None) -> list:
    """Builders of a long text in layouts of TEXT_PART_PAGES pages (one layout of a few hundred
    pages needs gigabytes: a whole ÖP's results per plan area); the heading on the first."""
    chunks = [pages[i:i + TEXT_PART_PAGES] for i in range(0, len(pages), TEXT_PART_PAGES)] or [[]]
    return [lambda chunk=chunk, first=not n: _text_pages(project, chunk, lang, heading, titled=first)
            for n, chunk in enumerate(chunks)]


def _set_metadata(path: str, metadata) -> None:
    """The document's title, author and subject in the PDF's information dictionary. QGIS writes
    them for one layout but not when it prints parts (an iterator): GDAL's PDF driver adds them
    to the file as an incremental update. Where GDAL cannot open the PDF, it stays without them."""
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        dataset = gdal.Open(path, gdal.GA_Update)
        if dataset is None:
            return
        for key, value in (("TITLE", metadata.title()), ("AUTHOR", metadata.author()),
                           ("SUBJECT", metadata.abstract())):
            if value:
                dataset.SetMetadataItem(key, value)
        dataset = None
    finally:
        gdal.PopErrorHandler()


def _export(builders: list, path: str, lang: str, feedback, metadata=None) -> None:
    """Print the parts into one PDF at ``path`` (through a temporary file, renamed when whole)."""
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 150
    settings.textRenderFormat = _always_text()  # searchable, copyable text in the PDF
    with replacing(path, lang, "pdf") as tmp:
        status, _error = QgsLayoutExporter.exportToPdf(_PdfParts(builders, feedback), tmp, settings, feedback)
        if status == QgsLayoutExporter.Canceled or (feedback is not None and feedback.isCanceled()):
            raise Cancelled(translate("The report was cancelled.", lang))
        if status != QgsLayoutExporter.Success:
            raise ReportError(translate("The PDF report cannot be written to {path} (error {code}).", lang).format(
                path=path, code=status))
        if metadata is not None:
            _set_metadata(tmp, metadata)


def write_pdf(result: CheckResult, path: str, lang: Optional[str] = None, feedback=None,
              context_layers: Optional[dict] = None, contents: Optional[MapContents] = None,
              header: Optional[dict] = None, decisions=None, comparison=None) -> str:
    """A PDF through QGIS print layouts: page 1 with the map, legend, scale bar and summary; the
    draft statement; the findings table. Printed part by part into one PDF, with progress and
    cancel through ``feedback`` (a QgsFeedback); a cancel raises ``Cancelled``. The file is
    written next to ``path`` and renamed when whole: a failure leaves a previous file as it was.
    ``contents``: the map's contents when the caller built them (:func:`write_reports`); the PDF
    is their last user (its project takes the layers). ``decisions`` and ``comparison``: the
    reviewer's decided view and the changes since the previous version (``case_view``)."""
    lang = lang or result.lang
    result = decided_result(result, decisions)
    contents = contents or map_contents(result, lang=lang, context_layers=context_layers)
    # the project owns the map's and the tables' layers: the builders hold it (and the layouts
    # they build are kept by _PdfParts) until the export is over
    project = _pdf_project(result, contents, lang, header)
    try:
        _export(_part_builders(result, project, contents, lang, header, comparison), path, lang, feedback,
                project.metadata())
    finally:
        _release(project)
    contents.layers.clear()
    return path


def _release(project: QgsProject) -> None:
    """Take every layer back from the PDF's ``project`` (their ownership goes back to Python, to
    whoever holds them, e.g. the caller's MapContents) before the project is gone: a layer it
    deleted would leave any Python reference to it dangling."""
    for layer in list(project.mapLayers().values()):
        project.takeMapLayer(layer)
