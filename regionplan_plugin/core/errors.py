"""Errors a user can cause. ``str(error)`` is one clear, translated message that says
what to do; it is what the panel, the message bar and Processing show."""


class RegionplanError(Exception):
    """Base class of every error the plugin reports to a user.

    An error made with :meth:`of` also keeps its message's English source and arguments, so that
    a report in another language than the user interface can say it again (:meth:`said_in`)."""

    source = ""  # the message's English source text (marked with N_), when known
    params = None  # its format arguments

    @classmethod
    def of(cls, source: str, params=None, **kwargs):
        """``cls(tr(source).format(**params), **kwargs)`` that remembers ``source`` and ``params``."""
        from .i18n import tr

        params = dict(params or {})
        error = cls(tr(source).format(**params), **kwargs)
        error.source, error.params = source, params
        return error

    def said_in(self, lang: str):
        """The message in ``lang`` when its source is known, else None."""
        if not self.source:
            return None
        from .i18n import translate

        return translate(self.source, lang).format(**(self.params or {}))


class ProfileError(RegionplanError):
    """The region profile cannot be loaded or breaks the contract."""


class NetworkError(RegionplanError):
    """A request failed. ``kind`` says how: unreachable, timeout, http, json, tls,
    too_large, cancelled, redirect, scheme, auth, paging (the pages repeat, never end, or
    bring fewer features than announced), crs (coordinates in no CRS we can tell) or refused
    (the server asked, with a long ``Retry-After``, not to be asked again for a while;
    ``retry_after`` = its seconds)."""

    def __init__(self, message: str, kind: str, url: str = "", status=None, retry_after=None):
        super().__init__(message)
        self.kind = kind
        self.url = url
        self.status = status
        self.retry_after = retry_after


class CacheError(RegionplanError):
    """The offline cache cannot be read or written."""


class CheckError(RegionplanError):
    """The plan check cannot run on this input (wrong layer, empty selection, no CRS...)."""


class Cancelled(RegionplanError):
    """The user cancelled the operation."""


class CaseError(RegionplanError):
    """A review case file cannot be created, opened or written (damaged, newer, read-only)."""
