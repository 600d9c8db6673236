"""The offline store: one GeoPackage per dataset and a manifest, under ``<cache_dir>/<profile id>/``.

Durability rules (nothing the user had is ever lost):

* A fetch streams the service's pages to a spool file on disk (memory does not grow
  with the size of the dataset), then writes a new GeoPackage under a new, unique file
  name in ``tmp/``. Only a complete, verified copy is moved next to the others and made
  current, in one atomic manifest update (temp file + fsync + ``os.replace``) done under
  an exclusive lock (``fcntl.flock`` on ``.lock``) after re-reading the manifest. A
  failed, cancelled or killed fetch leaves the previous copy current and readable.
* Each GeoPackage also carries its own manifest entry (layer metadata), so a manifest
  edited into garbage is rebuilt from the files that can be verified.
* On open, a copy is verified (``PRAGMA quick_check``, the layer opens, the feature count
  matches the manifest). A corrupt copy is reported, never silently used. A passed check is
  remembered across sessions (``memo.py``, ``integrity.json``) while the file keeps its
  identity (device, inode, size, mtime and ctime) and a fingerprint of sampled pages; a
  refresh and ``Cache.verify()`` check in full again.
* Superseded copies are deleted once no layer of the current project uses them; layers
  pointing at a superseded copy are repointed to the new one first.

Field types are inferred over *all* features while spooling (first pass), so the
GeoPackage is created with its final schema (second pass): integers -> Integer64,
numbers -> Real, booleans -> Integer(Boolean), text -> String, objects/arrays -> String
(JSON). A property whose values disagree is widened: int + real -> Real, bool + int ->
Integer64, anything else -> String (values written as text, objects as JSON); an integer beyond
signed 64 bits -> String (exact). The rules are ``core/fieldtypes.py``, shared with the memory layers.
Features without geometry are skipped (and counted) by the service client. Every feature is
validated once while spooling (``core/validity.py``): an invalid one is repaired with
``makeValid()`` (counted in ``CacheEntry.repaired``) or, when nothing of its geometry type is
left, skipped and counted.

Package layout (one job per module): ``entry`` (CacheEntry, RefreshResult, file names, time
helpers), ``durable`` (atomic writes, lock, fsync, disk-full messages), ``uris`` (SQLite and
layer URIs), ``manifest``, ``integrity`` (+ ``memo``), ``writer`` (spool + GeoPackage writer), ``refresh``
(the only part that talks to a data source), ``layers`` (repointing project layers) and
``store`` (class ``Cache``). Every name importable from ``core.cache`` before the split still is.
"""

from .durable import (  # noqa: F401
    _fsync_dir,
    _fsync_file,
    _is_disk_full,
    _release_frames,
    _write_error,
    atomic_write_json,
    fcntl,
    file_lock,
)
from .entry import (  # noqa: F401
    CATALOG,
    LAYER,
    LOCK,
    MANIFEST,
    META_KEY,
    RESERVED,
    SCHEMA,
    TMP,
    CacheEntry,
    RefreshResult,
    _copy_entry,
    parse_time,
    safe_name,
    utc_now,
)
from .integrity import STATUS_FULL_CHECK_BYTES, _light_problem  # noqa: F401
from .layers import _is_main_thread, _layer_path, _on_main_thread  # noqa: F401
from .manifest import read_embedded_entry  # noqa: F401
from .store import Cache  # noqa: F401
from .uris import _layer_uri, _percent_free, _sqlite_uri  # noqa: F401
from .writer import _field_plan, _Spool, _write_gpkg  # noqa: F401
