"""Dock panel, dialogs and QgsTask wrappers: thin shells over ``core``."""
