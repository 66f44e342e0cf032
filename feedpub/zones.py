"""The configured time zone as dateutil reads it, sent to a worker process by its name.

Pickled the way dateutil pickles it, a zone is its whole table of transitions, and the other
process makes a new zone object of it: every batch of entries a parsing worker sent back
carried a copy of the table, and the build's process, whose own zone was another object,
converted every time it was given in that zone (``astimezone``, comparisons, differences)
through dateutil's Python code, a few microseconds each, some ten a document. A
``NamedZone`` is dateutil's zone for an IANA name with the same transitions, so the same
answers; it is pickled as its name and unpickled as the one zone of that name in the process
(``config.named_zone``), so times in the configured zone stay in the same zone object
across processes. It also remembers the offsets it gave: a build asks for the offset of each
entry's times again and again (to store them, compare them, write them), and dateutil's
answer is a function of the local time and its ``fold`` alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from dateutil import tz

__all__ = ["NamedZone"]

_REMEMBERED = 1 << 16  # offsets kept at most (a few MB), then forgotten all at once


class NamedZone(tz.tzfile):
    """dateutil's zone ``zone`` of the IANA name ``name``, pickled by that name."""

    def __init__(self, name: str, zone: tz.tzfile) -> None:
        super().__init__(None)  # type: ignore[arg-type] # reads nothing: ``zone`` has read it
        self.__dict__.update(zone.__dict__)  # the same transitions: the same answers
        self.name = name
        self._offsets: dict[tuple[datetime, int], timedelta | None] = {}

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return None
        key = (dt.replace(tzinfo=None), dt.fold)  # a naive time's hash leaves its fold out
        if key not in self._offsets:
            if len(self._offsets) >= _REMEMBERED:
                self._offsets.clear()
            self._offsets[key] = super().utcoffset(dt)
        return self._offsets[key]

    def __reduce_ex__(self, protocol: object) -> tuple[Any, tuple[str]]:  # type: ignore[override]
        from .config import named_zone

        return named_zone, (self.name,)
