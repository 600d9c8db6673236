"""The plan check tab's export: the menu of the Export button, the file dialog, writing the
report (HTML, PDF in a task) or the findings (GeoPackage, CSV) with the statement's header."""

from qgis.PyQt.QtWidgets import QFileDialog, QMenu

from ..core.i18n import tr


def export_menu(tab, button) -> QMenu:
    """The Export button's menu: one entry per format, each asks for a file."""
    menu = QMenu(button)
    menu.addAction(tr("Report (HTML)…"), lambda: tab.export_dialog("html"))
    menu.addAction(tr("Report (PDF)…"), lambda: tab.export_dialog("pdf"))
    menu.addAction(tr("Findings (GeoPackage)…"), lambda: tab.export_dialog("gpkg"))
    menu.addAction(tr("Findings (CSV)…"), lambda: tab.export_dialog("csv"))
    return menu


def export_dialog(tab, kind: str) -> None:
    filters = {
        "html": tr("HTML report (*.html)"),
        "pdf": tr("PDF report (*.pdf)"),
        "gpkg": tr("GeoPackage (*.gpkg)"),
        "csv": tr("CSV (*.csv)"),
    }
    path, _ = QFileDialog.getSaveFileName(tab, tr("Export"), "", filters[kind])
    if not path:
        return
    if not path.lower().endswith("." + kind):
        path += "." + kind
    export(tab, kind, path)

def export(tab, kind: str, path: str):
    """Write the report or the findings to ``path``: returns the path ('' on failure). The PDF
    is printed in a task (progress in the panel, cancellable): returns the task."""
    from ..core import report

    if tab.result is None:
        tab.dock.notify(tr("Run the check first."), warning=True)
        return ""
    lang = tab.language()
    cache = getattr(tab.session, "cache", None) if kind in ("pdf", "html") else None
    context = report.cached_context(cache, tab.result.crs)  # the municipalities on the map
    if kind in ("pdf", "html"):
        from .fieldwork import report_backgrounds

        context.update(report_backgrounds(tab.session))  # the background map, lighter (issue 17)
    case = tab.dock.case_tab.report_arguments(tab.result)  # the reviewer's decisions, the changes
    if kind == "pdf":
        return tab.dock.run_task(
            tr("Writing the PDF report {path}").format(path=path), report.write_pdf, tab.result, path, lang,
            context_layers=context, header=tab.header(), **case,
            on_success=lambda _task: tab.dock.notify(tr("Saved {path}").format(path=path), success=True))
    try:
        if kind == "html":
            report.write_html(tab.result, path, lang, context_layers=context, header=tab.header(), **case)
        elif kind == "gpkg":
            report.write_gpkg(tab.result, path)
        else:
            report.write_csv(tab.result, path)
    except Exception as exc:  # noqa: BLE001 - one message, details in the log
        tab.dock.report_error(exc)
        return ""
    tab.dock.notify(tr("Saved {path}").format(path=path), success=True)
    return path
