"""The exceptions feedpub raises.

Every error is a ``FeedpubError``; callers that only care whether feedpub failed catch that::

    FeedpubError
    ├── ArgumentError(TypeError, ValueError)   a library call given what it cannot take
    ├── ConfigError(ValueError)      the configuration file is missing, unreadable or invalid
    ├── DocumentError(ValueError)    one input document could not be read or normalised
    │   ├── DateError                a date in a document could not be understood
    │   └── Draft                    the document says it is a draft: it is not published
    │       ├── Embargoed            dated in the future: published by the first run after
    │       └── Retracted            the document says it is withdrawn (``retracted: true``)
    ├── BuildError                   feeds could not be rendered or written
    │   └── ConflictError            another writer changed a published object
    ├── LockError                    another run holds the state store's lock
    └── PingError                    an aggregator could not be notified

A ``DocumentError`` never stops a build: the pipeline reports it and goes on with the other
documents (see ``Report.errors``).
"""

from __future__ import annotations

from datetime import datetime

__all__ = [
    "ArgumentError",
    "BuildError",
    "ConfigError",
    "ConflictError",
    "DateError",
    "DocumentError",
    "Draft",
    "Embargoed",
    "FeedpubError",
    "LockError",
    "PingError",
    "Retracted",
]


class FeedpubError(Exception):
    """Base class of every error feedpub raises on purpose."""


class ArgumentError(FeedpubError, TypeError, ValueError):
    """A library function was called with an argument it cannot take: a wrong type
    (``normalise(42)``) or a value it does not know (``reference="bogus"``, a zone name that
    is no zone). A ``TypeError`` and a ``ValueError``, as Python's own calls raise either."""


class ConfigError(FeedpubError, ValueError):
    """The configuration is invalid; ``path`` and ``key`` say where, when known."""

    def __init__(self, message: str, *, path: str | None = None, key: str | None = None) -> None:
        self.path = path
        self.key = key
        self.message = message
        where = ": ".join(part for part in (path, key) if part)
        super().__init__(f"{where}: {message}" if where else message)


class DocumentError(FeedpubError, ValueError):
    """A document was rejected; ``source`` names the file and ``line`` the line, when known."""

    def __init__(self, source: str, message: str, *, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class DateError(DocumentError):
    """A date string in a document could not be parsed."""


class Draft(DocumentError):
    """The document says it is not ready (``draft: true``, ``published: false``, ``status:
    draft``): there is no entry to publish, and a build lists it apart from the errors."""


class Embargoed(Draft):
    """The document is dated in the future (``date`` or ``publish_at``): held back, it is
    published by the first build at or after ``until``. Listed apart from the errors."""

    def __init__(
        self, source: str, message: str, *, line: int | None = None, until: datetime
    ) -> None:
        super().__init__(source, message, line=line)
        self.until = until


class Retracted(Draft):
    """The document says it is withdrawn (``retracted: true``, with ``retraction_reason``, or
    ``retracted: <reason>``): it is not published, and if it was, feeds carry a tombstone.
    ``comment`` is the reason it states, if any."""

    PREFIX = "retracted"

    @property
    def comment(self) -> str | None:
        """The stated reason (the part of ``reason`` after ``retracted: ``), if any."""
        _, sep, rest = self.reason.partition(": ")
        return rest if sep and rest else None


class BuildError(FeedpubError):
    """A feed could not be rendered or written."""


class ConflictError(BuildError):
    """A conditional write to the output found the object changed by someone else (an
    ``If-Match`` or ``If-None-Match`` answered ``412``): nothing was overwritten; ``path``
    names the object."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class LockError(FeedpubError):
    """Another feedpub run holds the lock on the state store."""


class PingError(FeedpubError):
    """A hub or ping service did not accept a notification; ``target`` is its URL."""

    def __init__(self, target: str, message: str) -> None:
        self.target = target
        super().__init__(f"{target}: {message}")
