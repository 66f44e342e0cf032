"""What the text of a document says, field by field, with where each was found."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Guess"]


@dataclass
class Guess:
    """What the text says, field by field, with where each was found."""

    values: dict[str, object] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def offer(self, name: str, value: object, origin: str) -> None:
        if value is not None and value != "" and name not in self.values:
            self.values[name] = value
            self.origins[name] = origin
