"""The settings dialog: profile, service URL, authentication (also per source of the profile),
cache folder, timeout, the folder of review cases and the statement template.

Everything is read and written through ``core/settings.py`` (QgsSettings under
``regionplan/``). Credentials are never stored here: only the id of a QGIS
authentication configuration, chosen with QGIS's own selector.
"""

from qgis.gui import QgsAuthConfigSelect, QgsFileWidget
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from ..core import settings
from ..core.i18n import tr


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _lang() -> str:
    from ..core.i18n import ui_language

    return ui_language()


def _current_profile():
    """The profile of the settings, read without the network (a URL profile from its kept copy), or None."""
    from ..core.errors import RegionplanError
    from ..core.profile import load_profile

    try:
        return load_profile(settings.PROFILE_SOURCE.value() or None, offline=True)
    except (RegionplanError, OSError, ValueError):
        return None


class SettingsDialog(QDialog):
    """Edit the plugin's settings; ``accept()`` stores them."""

    def __init__(self, parent=None, profile=None):
        super().__init__(parent)
        self.profile = profile if profile is not None else _current_profile()
        self.source_selects = {}  # source id -> QgsAuthConfigSelect
        self.setObjectName("RegionplanSettingsDialog")
        self.setWindowTitle(tr("Regionplan settings"))
        layout = QVBoxLayout(self)

        # -- profile -------------------------------------------------------------------
        profile_box = QGroupBox(tr("Region profile"))
        profile_layout = QFormLayout(profile_box)
        self.profile_bundled = QRadioButton(tr("Bundled profile (Region Örebro län)"))
        self.profile_file = QRadioButton(tr("Profile file"))
        self.profile_url = QRadioButton(tr("Profile URL"))
        self._profile_group = QButtonGroup(self)
        for button in (self.profile_bundled, self.profile_file, self.profile_url):
            self._profile_group.addButton(button)
        self.profile_file_widget = QgsFileWidget()
        self.profile_file_widget.setFilter(tr("Region profile (*.json)"))
        self.profile_url_edit = QLineEdit()
        self.profile_url_edit.setPlaceholderText("https://…/profile.json")
        profile_layout.addRow(self.profile_bundled)
        profile_layout.addRow(self.profile_file, self.profile_file_widget)
        profile_layout.addRow(self.profile_url, self.profile_url_edit)
        layout.addWidget(profile_box)

        # -- service -------------------------------------------------------------------
        service_box = QGroupBox(tr("Service"))
        service_layout = QFormLayout(service_box)
        self.service_url_edit = QLineEdit()
        self.service_url_edit.setPlaceholderText(tr("Empty: the URL in the profile"))
        service_layout.addRow(tr("Service URL"), self.service_url_edit)
        self.auth_select = QgsAuthConfigSelect(self)
        service_layout.addRow(tr("Authentication"), self.auth_select)
        self.timeout_spin = QSpinBox()
        self.timeout_spin.setRange(1, 600)
        self.timeout_spin.setSuffix(" s")
        service_layout.addRow(tr("Network timeout"), self.timeout_spin)
        layout.addWidget(service_box)

        # -- one authentication per source of the profile (version 2) -------------------
        sources_box = QGroupBox(tr("Sources of the profile"))
        sources_layout = QFormLayout(sources_box)
        for spec in getattr(self.profile, "sources", None) or []:
            select = QgsAuthConfigSelect(self)
            select.setObjectName(f"auth_{spec.id}")
            hint = {"basic": tr("needs a user name and password (Basic)"),
                    "oauth2": tr("needs OAuth2: QGIS's OAuth2 method, grant flow Resource Owner")}.get(spec.auth, "")
            select.setToolTip(spec.url + (" – " + hint if hint else ""))
            label = f"{spec.title_in(_lang())} ({spec.type})"
            sources_layout.addRow(label + (" *" if hint else ""), select)
            self.source_selects[spec.id] = select
        if not self.source_selects:
            note = QLabel(tr("The profile's sources are listed here once the profile can be read."))
            note.setWordWrap(True)
            sources_layout.addRow(note)
        layout.addWidget(sources_box)

        # -- cache ---------------------------------------------------------------------
        cache_box = QGroupBox(tr("Offline cache"))
        cache_layout = QFormLayout(cache_box)
        self.cache_widget = QgsFileWidget()
        self.cache_widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        cache_layout.addRow(tr("Cache folder"), self.cache_widget)
        self.cache_note = QLabel(tr("Empty: a folder in the QGIS profile."))
        self.cache_note.setWordWrap(True)
        cache_layout.addRow(self.cache_note)
        layout.addWidget(cache_box)

        # -- review cases ----------------------------------------------------------------
        case_box = QGroupBox(tr("Review cases"))
        case_layout = QFormLayout(case_box)
        self.cases_widget = QgsFileWidget()
        self.cases_widget.setObjectName("casesDir")
        self.cases_widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        case_layout.addRow(tr("Case folder (inbox)"), self.cases_widget)
        self.template_widget = QgsFileWidget()
        self.template_widget.setObjectName("statementTemplate")
        self.template_widget.setFilter(tr("Word or OpenDocument template (*.docx *.odt)"))
        case_layout.addRow(tr("Statement template"), self.template_widget)
        layout.addWidget(case_box)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._profile_group.buttonToggled.connect(self._update_enabled)
        self.load()

    def _update_enabled(self, *_args):
        self.profile_file_widget.setEnabled(self.profile_file.isChecked())
        self.profile_url_edit.setEnabled(self.profile_url.isChecked())

    def load(self) -> None:
        source = settings.PROFILE_SOURCE.value() or ""
        if not source:
            self.profile_bundled.setChecked(True)
        elif _is_url(source):
            self.profile_url.setChecked(True)
            self.profile_url_edit.setText(source)
        else:
            self.profile_file.setChecked(True)
            self.profile_file_widget.setFilePath(source)
        self.service_url_edit.setText(settings.SERVICE_URL.value() or "")
        self.auth_select.setConfigId(settings.AUTHCFG.value() or "")
        for source_id, select in self.source_selects.items():
            select.setConfigId(settings.source_authcfg(self.profile.id, source_id))
        self.timeout_spin.setValue(int(settings.TIMEOUT_S.value()))
        self.cache_widget.setFilePath(settings.CACHE_DIR.value() or "")
        self.cases_widget.setFilePath(settings.CASES_DIR.value() or "")
        self.template_widget.setFilePath(settings.STATEMENT_TEMPLATE.value() or "")
        self._update_enabled()

    def profile_source(self) -> str:
        if self.profile_file.isChecked():
            return self.profile_file_widget.filePath().strip()
        if self.profile_url.isChecked():
            return self.profile_url_edit.text().strip()
        return ""

    def save(self) -> None:
        settings.PROFILE_SOURCE.set(self.profile_source())
        settings.SERVICE_URL.set(self.service_url_edit.text().strip())
        settings.AUTHCFG.set(self.auth_select.configId() or "")
        for source_id, select in self.source_selects.items():
            settings.set_source_authcfg(self.profile.id, source_id, select.configId() or "")
        settings.TIMEOUT_S.set(int(self.timeout_spin.value()))
        settings.CACHE_DIR.set(self.cache_widget.filePath().strip())
        settings.CASES_DIR.set(self.cases_widget.filePath().strip())
        settings.STATEMENT_TEMPLATE.set(self.template_widget.filePath().strip())

    def accept(self):
        self.save()
        super().accept()
