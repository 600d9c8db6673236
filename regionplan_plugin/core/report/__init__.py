"""Outputs of a check: self-contained HTML, PDF (QGIS print layout), CSV and GeoPackage,
and the map image. In Swedish or English, whatever the UI language is (``translate``).

One module per job: ``fmt`` (numbers, areas, times, escaping), ``io`` (atomic output),
``mapping`` (the map), ``html``, ``pdf`` (+ ``pdf_pages``, ``pdf_table``), ``tables`` (CSV,
GeoPackage), ``statement`` (the draft statement). The names callers and tests used from
``core.report`` and ``core.report_io`` are re-exported here.
"""

import os
from typing import List, Optional

from ..check import CheckResult, findings_fields
from .fmt import (
    HEADINGS,
    STRUCTURE_PREFIXES,
    esc,
    is_structure_plan,
    now_utc,
    plan_title,
    severity_label,
)
from .html import CSS, html_report, write_html
from .io import ReportError, disk_full_error, replacing, verify_file, write_bytes, write_error
from .mapping import (
    BOUNDARY_OPACITY,
    INTEREST_OPACITY,
    MapContents,
    _fit,
    cached_context,
    map_contents,
    map_layers,
    plan_layer,
    render_map_image,
    render_map_png,
)
from .outcomes import area_outcomes, per_area
from .pdf import write_pdf
from .statement import statement, statement_sections
from .statement_input import statement_input
from .styling import apply_severity_style, display_layers
from .tables import write_csv, write_gpkg


def write_reports(result: CheckResult, folder: str, stem: str, lang: Optional[str] = None,
                  context_layers: Optional[dict] = None, header: Optional[dict] = None, decisions=None,
                  comparison=None) -> dict:
    """HTML, PDF, CSV, GeoPackage and the map PNG in ``folder``; returns their paths.
    ``context_layers``: see :func:`map_contents` (e.g. :func:`cached_context`); ``header``: the
    draft statement's case fields (case_id, municipality_case_id, plan_type, stage, officer,
    officer_title, addressee, date); ``decisions``/``comparison``: a case version's decided view
    and the changes since the previous version (``case_view``)."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise write_error(folder, exc, lang or result.lang) from None
    # the map is built once: the PNG, the HTML's legend and the PDF's map (its last user) share it
    contents = map_contents(result, lang=lang, context_layers=context_layers)
    png = render_map_png(result, os.path.join(folder, stem + "_map.png"), lang=lang, contents=contents)
    return {
        "html": write_html(result, os.path.join(folder, stem + ".html"), lang, png, contents=contents,
                           header=header, decisions=decisions, comparison=comparison),
        "pdf": write_pdf(result, os.path.join(folder, stem + ".pdf"), lang, contents=contents, header=header,
                         decisions=decisions, comparison=comparison),
        "csv": write_csv(result, os.path.join(folder, stem + "_findings.csv"), lang),
        "gpkg": write_gpkg(result, os.path.join(folder, stem + "_findings.gpkg")),
        "png": os.path.join(folder, stem + "_map.png"),
    }


__all__: List[str] = [
    "write_html", "write_pdf", "write_csv", "write_gpkg", "render_map_png", "write_reports", "html_report",
    "statement_sections", "findings_fields", "esc", "ReportError", "map_contents", "map_layers", "MapContents",
    "render_map_image", "cached_context", "plan_title", "plan_layer", "is_structure_plan", "severity_label",
    "replacing", "write_bytes", "write_error", "disk_full_error", "verify_file", "now_utc", "HEADINGS", "CSS",
    "STRUCTURE_PREFIXES", "INTEREST_OPACITY", "BOUNDARY_OPACITY", "_fit", "display_layers", "apply_severity_style",
    "statement", "statement_input", "area_outcomes", "per_area",
]
