"""What a check asks its data access about a collection (kind, has, extent), asked once per run.

Each answer of an online ``DataAccess`` may be a request for the collection's document: a check
of the full rule set asked ~60 of them (the rules' kinds for the boundary rule, the region's
extent, the statement's themes), the same few collections again and again (issue 18, item 4).
The answers do not change during one run.
"""

_ASKED = ("kind", "has", "extent")


class RememberedData:
    """``data`` (a ``DataAccessLike``) with ``kind``, ``has`` and ``extent`` remembered per
    collection; everything else (``source``, ``notes``, ``release``...) is ``data``'s own. A
    question ``data`` cannot answer (no such method) stays unanswerable; an error is not remembered."""

    def __init__(self, data):
        self._data = data
        self._answers = {}
        for name in _ASKED:
            if callable(getattr(data, name, None)):
                setattr(self, name, self._asker(name))

    def _asker(self, name):
        ask = getattr(self._data, name)

        def asked(cid, *args, **kwargs):
            key = (name, cid)
            if key not in self._answers:
                self._answers[key] = ask(cid, *args, **kwargs)
            return self._answers[key]

        return asked

    def __getattr__(self, name):
        return getattr(self._data, name)


def remembered(data):
    """``data`` with its answers about collections remembered for one run (None stays None)."""
    if data is None or isinstance(data, RememberedData):
        return data
    return RememberedData(data)
