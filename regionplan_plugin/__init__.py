"""Regionplan: regional planning layers, offline cache and RUS plan check for QGIS.

Only ``classFactory`` lives here, and it imports the plugin lazily so that loading
QGIS stays fast and a broken optional import can never stop QGIS from starting.
"""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    from .plugin import RegionplanPlugin

    return RegionplanPlugin(iface)
