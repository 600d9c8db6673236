"""The statement editor of a case: the draft statement section by section, the reviewer's edits
kept in the case, a new draft after a new check shown beside an edited section (the reviewer
chooses), and the export to .docx / .odt."""

from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core import settings
from ..core.errors import RegionplanError
from ..core.i18n import tr, translate

ROLE_KEY = Qt.ItemDataRole.UserRole


def draft_sections(result, lang: str, header=None) -> list:
    """The draft statement of a check as [(section, text)] (``header``: the statement header's
    fields given). A section is named in the case by its heading, which is the same from one
    check to the next; the first section's heading is the statement's title (it names the plan
    areas checked), so it is named "Title and header"."""
    from ..core.report import statement

    sections, seen = [], {}
    for section in statement(result, lang, header):
        heading = translate("Title and header", lang) if section.key == "header" else section.heading
        seen[heading] = seen.get(heading, 0) + 1
        key = heading if seen[heading] == 1 else f"{heading} ({seen[heading]})"
        text = section.text if section.key != "header" else f"{section.heading}\n\n{section.text}"
        sections.append((key, text))
    return sections


def export_task(path, kind, document, setting="", profile=None, http=None, offline=False, profile_source=None,
                feedback=None):
    """Write the statement; the template is the settings' (``setting``) when of this format, else
    the profile's (downloaded and kept, or its kept copy offline), else none. Without a loaded
    ``profile`` the one of ``profile_source`` (the settings') is read here, when needed. Returns
    ``(path, notes)``."""
    from ..core.errors import ProfileError
    from ..core.export import write_docx, write_odt
    from ..core.profile import load_profile
    from ..core.profile.template import statement_template

    notes = []
    if profile is None and profile_source is not None and not setting.lower().endswith("." + kind):
        try:
            profile = load_profile(profile_source or None, offline=offline)
        except ProfileError as error:
            notes.append(tr("The profile could not be read, so its statement template was not used: {error}").format(
                error=str(error)))
    template = statement_template(kind, profile, setting=setting, http=http, offline=offline, feedback=feedback)
    writer = write_docx if kind == "docx" else write_odt
    return writer(path, document, template=template.path), notes + template.notes


class StatementPanel(QWidget):
    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.view = view
        self.order = []  # section keys in statement order
        self.texts = {}  # key -> text as saved
        self.edited = {}  # key -> bool
        self.pending = {}  # key -> a new draft that differs from the reviewer's edit
        self.current = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.sections = QListWidget()
        self.sections.setObjectName("statementSections")
        splitter.addWidget(self.sections)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("statementEditor")
        editor_layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        self.edit_label = QLabel("")
        self.edit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(tr("Save section"))
        row.addWidget(self.edit_label, 1)
        row.addWidget(self.save_button)
        editor_layout.addLayout(row)
        splitter.addWidget(editor_box)
        self.draft_box = QGroupBox(tr("New draft after the latest check"))
        draft_layout = QVBoxLayout(self.draft_box)
        self.draft_note = QLabel(tr("You edited this section. The new check gives the draft below: choose "
                                    "which to keep."))
        self.draft_note.setWordWrap(True)
        self.draft_view = QPlainTextEdit()
        self.draft_view.setObjectName("statementNewDraft")
        self.draft_view.setReadOnly(True)
        choose = QHBoxLayout()
        self.keep_button = QPushButton(tr("Keep my text"))
        self.take_button = QPushButton(tr("Take the new draft"))
        choose.addStretch(1)
        choose.addWidget(self.keep_button)
        choose.addWidget(self.take_button)
        draft_layout.addWidget(self.draft_note)
        draft_layout.addWidget(self.draft_view, 1)
        draft_layout.addLayout(choose)
        self.draft_box.setVisible(False)
        splitter.addWidget(self.draft_box)
        layout.addWidget(splitter, 1)
        export_row = QHBoxLayout()
        self.with_table = QCheckBox(tr("With the findings table"))
        self.with_table.setChecked(True)
        self.docx_button = QPushButton(tr("Export .docx…"))
        self.odt_button = QPushButton(tr("Export .odt…"))
        export_row.addWidget(self.with_table, 1)
        export_row.addWidget(self.docx_button)
        export_row.addWidget(self.odt_button)
        layout.addLayout(export_row)
        self.sections.currentItemChanged.connect(self._section_changed)
        self.save_button.clicked.connect(lambda: self.save_current())
        self.keep_button.clicked.connect(lambda: self.keep_mine(self.current))
        self.take_button.clicked.connect(lambda: self.take_new(self.current))
        self.docx_button.clicked.connect(lambda: self.export_dialog("docx"))
        self.odt_button.clicked.connect(lambda: self.export_dialog("odt"))
        self.set_enabled(False)

    def lang(self) -> str:
        return self.view.lang()

    def set_enabled(self, enabled: bool) -> None:
        writable = enabled and self.view.case is not None and not self.view.case.read_only
        for widget in (self.editor, self.save_button, self.keep_button, self.take_button):
            widget.setEnabled(writable)
        for widget in (self.docx_button, self.odt_button, self.with_table):
            widget.setEnabled(enabled and bool(self.order))

    # -- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        """Show the sections saved in the case (after opening it)."""
        case = self.view.case
        self.pending = {}
        saved = case.statement(self.lang()) if case is not None else {}
        self.order = list(saved)
        self.texts = {key: s.text for key, s in saved.items()}
        self.edited = {key: s.edited for key, s in saved.items()}
        self._fill()

    def apply_draft(self, sections) -> list:
        """A new draft from a check: sections not edited take it; an edited section that differs
        keeps the edit and shows the new draft beside it. Returns the keys waiting for a choice."""
        case = self.view.case
        saved = case.statement(self.lang())
        self.pending = {}
        self.order = [key for key, _ in sections]
        for key, text in sections:
            old = saved.get(key)
            if old is not None and old.edited:
                self.texts[key], self.edited[key] = old.text, True
                if old.text.strip() != text.strip():
                    self.pending[key] = text
            else:
                self.texts[key], self.edited[key] = text, False
        # edited sections the new draft no longer has stay, at the end
        self.order += [key for key, s in saved.items() if s.edited and key not in self.order]
        self._save_from(0)
        self._fill()
        return list(self.pending)

    def _save_from(self, start: int) -> None:
        """Save the sections from ``start`` on, in order (the case keeps saving order)."""
        case = self.view.case
        for key in self.order[start:]:
            case.save_statement_section(key, self.lang(), self.texts.get(key, ""), self.edited.get(key, False),
                                        replace_edited=True)

    def _fill(self) -> None:
        self.sections.blockSignals(True)
        self.sections.clear()
        for key in self.order:
            mark = " ✎" if self.edited.get(key) else ""
            if key in self.pending:
                mark += " ⚠"
            item = QListWidgetItem(key + mark)
            item.setData(ROLE_KEY, key)
            if key in self.pending:
                item.setToolTip(tr("A new draft differs from your edit: choose which to keep."))
            self.sections.addItem(item)
        self.sections.blockSignals(False)
        keys = self.order
        self.show_section(self.current if self.current in keys else (keys[0] if keys else None))
        self.set_enabled(self.view.case is not None)

    def show_section(self, key) -> None:
        self.current = key
        for i in range(self.sections.count()):
            if self.sections.item(i).data(ROLE_KEY) == key:
                self.sections.blockSignals(True)
                self.sections.setCurrentRow(i)
                self.sections.blockSignals(False)
        self.editor.setPlainText(self.texts.get(key, "") if key else "")
        self.edit_label.setText(tr("Edited by you") if self.edited.get(key) else (tr("Draft") if key else ""))
        self.draft_box.setVisible(key in self.pending)
        self.draft_view.setPlainText(self.pending.get(key, ""))

    def _section_changed(self, item, _previous) -> None:
        if self.current is not None and self.editor.toPlainText() != self.texts.get(self.current, ""):
            self.save_current()
        self.show_section(item.data(ROLE_KEY) if item is not None else None)

    # -- editing ----------------------------------------------------------------------------
    def save_current(self) -> bool:
        key = self.current
        if key is None or self.view.case is None:
            return False
        text = self.editor.toPlainText()
        if text == self.texts.get(key) and self.edited.get(key):
            return True
        if not self._store(key, text, True):
            return False
        self.edit_label.setText(tr("Edited by you"))
        item = self.sections.currentItem()
        if item is not None:
            item.setText(key + " ✎" + (" ⚠" if key in self.pending else ""))
        self.view.dock.set_status_message(tr("Saved the section in the case."))
        return True

    def _store(self, key, text: str, edited: bool) -> bool:
        """Set the section's text and save it (and the sections after it) in the case; on an
        error the section is as before and the error is shown."""
        old = (self.texts.get(key), self.edited.get(key))
        self.texts[key], self.edited[key] = text, edited
        try:
            self._save_from(self.order.index(key))
        except RegionplanError as error:
            self.texts[key], self.edited[key] = old
            self.view.dock.report_error(error)
            return False
        return True

    def keep_mine(self, key) -> None:
        self.pending.pop(key, None)
        self._fill()

    def take_new(self, key) -> bool:
        if key not in self.pending:
            return False
        text = self.pending.pop(key)
        if not self._store(key, text, False):
            self.pending[key] = text
            return False
        self._fill()
        return True

    # -- export -----------------------------------------------------------------------------
    def export_dialog(self, kind: str) -> None:
        filters = {"docx": tr("Word document (*.docx)"), "odt": tr("OpenDocument text (*.odt)")}
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the statement"), "", filters[kind])
        if path:
            if not path.lower().endswith("." + kind):
                path += "." + kind
            self.export(kind, path)

    def document(self):
        from ..core.case.result_version import findings_table, statement_document

        if self.current is not None and self.editor.toPlainText() != self.texts.get(self.current, ""):
            self.save_current()
        case, lang = self.view.case, self.lang()
        table = None
        version = case.latest_version()
        if self.with_table.isChecked() and version:
            table = findings_table(case.decided_view(version), lang, self.view.rule_titles(lang))
        sections = [(key, self.texts.get(key, "")) for key in self.order]
        date = QDate.currentDate().toString(Qt.DateFormat.ISODate)
        return statement_document(case.info(), sections, lang, date, table)

    def template(self, kind: str) -> str:
        """The settings' template when it is a ``.kind`` file (it comes before the profile's)."""
        path = (settings.STATEMENT_TEMPLATE.value() or "").strip()
        return path if path.lower().endswith("." + kind) else ""

    def _exported(self, task, path: str) -> None:
        for note in task.result[1]:
            self.view.dock.notify(note, warning=True)
        self.view.dock.notify(tr("Saved {path}").format(path=path), success=True)

    def export(self, kind: str, path: str):
        """Write the statement as ``kind`` (docx/odt) in a task; returns the task."""
        if self.view.case is None:
            return None
        try:
            document = self.document()
        except RegionplanError as error:
            self.view.dock.report_error(error)
            return None
        session = self.view.dock.session  # the profile's template, when the settings name none of this format
        if session is not None:
            arguments = (session.profile, session.http, bool(session.offline), None)
        else:  # no catalogue loaded (yet): the task reads the profile chosen in the settings
            arguments = (None, None, bool(settings.OFFLINE.value()), settings.PROFILE_SOURCE.value() or "")
        return self.view.dock.run_task(
            tr("Exporting the statement {path}").format(path=path), export_task, path, kind, document,
            self.template(kind), *arguments, on_success=lambda task: self._exported(task, path))
