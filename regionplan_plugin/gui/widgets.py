"""Small widget builders the panel's tabs share: a wrapping plain-text label (service and case text
is never rendered as rich text), a flat one-selection list tree, a tree's column widths, the OK/Cancel
buttons of a dialog."""

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QAbstractItemView, QDialogButtonBox, QHeaderView, QLabel, QTreeWidget


def plain_label(text: str = "", name: str = "") -> QLabel:
    """A label that wraps and shows its text as plain text."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def list_tree(name: str, headers) -> QTreeWidget:
    """A tree of flat rows (no root decoration), one row selectable at a time."""
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setHeaderLabels(headers)
    return tree


def stretch_column(tree: QTreeWidget, stretch: int = 0) -> None:
    """Column ``stretch`` takes the width the others, sized to their contents, leave."""
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(tree.columnCount()):
        fit = QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, fit)


def ok_cancel(dialog) -> QDialogButtonBox:
    """OK and Cancel, wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
