"""What the panel works with: profile, service, cache and catalogue, and the core calls
that the panel's tasks run. Only orchestration of ``core`` lives here: the network,
cache and check logic are in ``core``. Functions taking ``feedback`` run in a QgsTask.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any, Optional

from ..core import settings
from ..core.errors import NetworkError
from ..core.vocabulary import CORRUPT, FRESH, MISSING, STALE, UNKNOWN


@dataclass
class Options:
    """Settings read on the main thread and handed to a task."""

    profile_source: str = ""
    service_url: str = ""
    authcfg: str = ""
    timeout_s: int = 30
    cache_root: str = ""
    offline: bool = False

    @classmethod
    def from_settings(cls) -> "Options":
        return cls(
            profile_source=settings.PROFILE_SOURCE.value() or "",
            service_url=settings.SERVICE_URL.value() or "",
            authcfg=settings.AUTHCFG.value() or "",
            timeout_s=int(settings.TIMEOUT_S.value() or 30),
            cache_root=settings.cache_dir(),
            offline=bool(settings.OFFLINE.value()),
        )


@dataclass
class Session:
    """One opened panel: the :class:`core.pipeline.Pipeline` (profile, http, service, cache,
    offline) and the catalogue; ``profile`` ... ``offline_reason`` read and set the pipeline's."""

    options: Options
    pipeline: Any
    catalog: Any
    statuses: dict = field(default_factory=dict)
    verified: dict = field(default_factory=dict)  # cid -> FRESH/STALE learnt in this session

    @property
    def data_date(self) -> Optional[datetime.datetime]:
        return getattr(self.catalog, "fetched_at", None)


def _pipeline_attribute(name: str) -> property:
    def get(session):
        return getattr(session.pipeline, name)

    def put(session, value):
        setattr(session.pipeline, name, value)

    return property(get, put)


for _name in ("profile", "http", "service", "cache", "offline", "offline_reason"):
    setattr(Session, _name, _pipeline_attribute(_name))


def open_session(options: Options, feedback=None) -> Session:
    """Load the profile and the catalogue; fall back to the offline cache when the service
    cannot be reached (the session then says ``offline`` and why)."""
    from ..core.pipeline import open_pipeline  # here, not at the top: keeps QGIS start-up fast

    pipeline = open_pipeline(options.profile_source or None, service_url=options.service_url,
                             offline=options.offline, authcfg=options.authcfg or None,
                             timeout_s=options.timeout_s, cache_root=options.cache_root or None)
    catalog = pipeline.catalog(feedback=feedback)
    session = Session(options, pipeline, catalog)
    session.statuses = cache_statuses(session)
    return session


def cache_statuses(session: Session) -> dict:
    """{collection id: status} for every dataset, from the local cache only (no network).

    A cached copy is "fresh" or "stale" when that is known (from the catalogue's version
    keyword, a check for updates or a download in this session), else "unknown" (a copy whose
    currency is not known). A damaged copy shows as missing."""
    result = {}
    for dataset in session.catalog.search():
        try:
            local = session.cache.status(dataset.id)
        except Exception:  # noqa: BLE001 - a broken entry shows as not cached
            local = MISSING
        if local in (MISSING, CORRUPT):
            status = MISSING
        elif session.offline:
            status = UNKNOWN
        elif dataset.id in session.verified:
            status = session.verified[dataset.id]
        elif local in (FRESH, STALE):
            status = local
        elif getattr(dataset, "status", "") in (FRESH, STALE):
            status = dataset.status
        else:
            status = UNKNOWN
        result[dataset.id] = status
    return result


def check_updates(session: Session, ids, feedback=None) -> dict:
    """{collection id: status} for the cached datasets ``ids``, asking the service for versions."""
    from .icons import normalize_status

    result = {}
    ids = list(ids)
    for index, cid in enumerate(ids):
        if feedback is not None and feedback.isCanceled():
            break
        result[cid] = normalize_status(session.cache.check(session.service, cid, feedback=feedback))
        if feedback is not None:
            feedback.setProgress(100.0 * (index + 1) / max(1, len(ids)))
    return result


class RefreshSummary(list):
    """[(cid, status)] of the datasets written or already fresh; ``failed`` = [(cid, message)]."""

    def __init__(self, done=(), failed=()):
        super().__init__(done)
        self.failed = list(failed)


def refresh_datasets(session: Session, ids, bbox=None, force=False, feedback=None) -> RefreshSummary:
    """Download ``ids`` into the cache (each replaced atomically, a failure keeps the old copy).

    One dataset that fails does not stop the others; when none succeeds the first error is
    raised. Cancelling, or a service that cannot be reached, stops at once."""
    from qgis.core import QgsFeedback
    from qgis.PyQt.QtCore import Qt

    from ..core.errors import Cancelled, RegionplanError

    ids = list(ids)
    summary = RefreshSummary()
    first_error = None
    for index, cid in enumerate(ids):
        if feedback is not None and feedback.isCanceled():
            raise Cancelled("cancelled")
        sub = QgsFeedback()
        if feedback is not None:
            base, span = 100.0 * index / len(ids), 100.0 / len(ids)
            sub.progressChanged.connect(lambda value, b=base, s=span: feedback.setProgress(b + s * value / 100.0),
                                        Qt.ConnectionType.DirectConnection)
            feedback.canceled.connect(sub.cancel, Qt.ConnectionType.DirectConnection)
        try:
            result = session.cache.refresh(session.service, cid, session.profile.crs, bbox=bbox, feedback=sub,
                                           force=force)
        except Cancelled:
            raise
        except NetworkError as exc:
            if exc.kind in ("cancelled", "unreachable", "timeout", "tls", "refused"):
                raise
            first_error = first_error or exc
            summary.failed.append((cid, str(exc)))
            continue
        except RegionplanError as exc:
            first_error = first_error or exc
            summary.failed.append((cid, str(exc)))
            continue
        session.verified[cid] = FRESH
        summary.append((cid, getattr(result, "status", "updated")))
    if first_error is not None and not summary:
        raise first_error
    return summary
