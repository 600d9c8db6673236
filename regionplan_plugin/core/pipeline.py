"""THE one place that puts the parts together: profile -> http -> source -> catalogue -> cache
-> data access.

The panel (``gui/session.py``), the Processing algorithms (``cachelayers``, ``checkplan``), the
review panel and ``scripts/demo.py`` all start from :func:`open_pipeline` (or, with a profile
already loaded, :func:`pipeline_for`), so that they agree on every rule:

* offline never touches the network: the profile is read with ``load_profile(offline=True)``
  (a URL profile from the copy kept by its last download), the catalogue and the data come
  from the cache only;
* the service address of the settings or a parameter replaces the profile's;
* the catalogue is live from the service when it can be reached, else the cached one, and the
  pipeline then says ``offline`` and why (``offline_reason``); a cancelled request is never
  taken for an unreachable service;
* one :class:`HttpClient` serves the whole run (its refused-origin memory included).

Building a pipeline sends no request (except the download of a URL profile when online).
"""

from dataclasses import dataclass
from typing import Optional

from .cache import Cache
from .catalog import Catalog
from .http import HttpClient
from .profile import Profile, load_profile
from .sources import DataAccess
from .sources.multi import MultiSource


@dataclass
class Pipeline:
    """The parts of one run: ``profile``, ``http``, ``service`` (a :class:`MultiSource` over the
    profile's sources, built with ``open_source``; never asked while ``offline``), ``cache``
    and whether the run is ``offline`` (and why)."""

    profile: Profile
    http: HttpClient
    service: MultiSource
    cache: Cache
    offline: bool = False
    offline_reason: str = ""

    def catalog(self, feedback=None) -> Catalog:
        """The catalogue: live from the service (saved for offline use), else the cached one.

        When the service cannot be reached the cached catalogue is used and the pipeline goes
        ``offline`` with the reason; with none cached the NetworkError is raised. Offline
        (asked for), only the cache is read: CacheError when it has no catalogue."""
        if not self.offline:
            catalog = Catalog.load(self.profile, service=self.service, cache=self.cache, offline=False,
                                   feedback=feedback)
            if catalog.from_cache:
                self.offline, self.offline_reason = True, catalog.error
            return catalog
        return Catalog.load(self.profile, service=None, cache=self.cache, offline=True, feedback=feedback)

    def data_access(self) -> DataAccess:
        """What the check reads: the cache, and the service unless ``offline``."""
        return DataAccess(self.profile, self.cache, service=None if self.offline else self.service,
                          offline=self.offline)


def pipeline_for(profile: Profile, offline: bool = False, http: Optional[HttpClient] = None,
                 cache: Optional[Cache] = None, cache_root: Optional[str] = None) -> Pipeline:
    """A :class:`Pipeline` for a profile already loaded (``http``: a new client with the
    settings' timeout and authentication; ``cache``: the profile's cache under ``cache_root``,
    by default the plugin's cache folder)."""
    http = http if http is not None else HttpClient()
    cache = cache if cache is not None else Cache(profile.id, root=cache_root or None)
    return Pipeline(profile, http, MultiSource.open(profile, http), cache, offline=bool(offline))


def open_pipeline(profile_source=None, service_url: str = "", offline: bool = False, authcfg=None,
                  timeout_s=None, cache_root: Optional[str] = None, http: Optional[HttpClient] = None) -> Pipeline:
    """Load the profile (None/"" = the bundled one, a file path or an http(s) URL) and put the
    parts together. ``service_url`` (when not empty) replaces the profile's service address;
    ``authcfg``/``timeout_s`` default to the settings; ``offline``: no request at all."""
    if http is None:
        http = HttpClient(timeout_s=timeout_s, authcfg=authcfg or None)
    profile = load_profile(profile_source or None, http=http, offline=offline)
    if service_url:
        profile = profile.with_service_url(service_url)
    return pipeline_for(profile, offline=offline, http=http, cache_root=cache_root)
