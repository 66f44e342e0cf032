"""feedpub: turn a folder of documents into Atom, RSS and JSON Feed feeds.

The library API::

    from feedpub import load_config, build
    report = build(load_config("config.toml"))
"""

import importlib
import logging
import sys
import types
import typing

__version__ = "0.1.0"

from .config import Config, load_config
from .errors import (
    ArgumentError,
    BuildError,
    ConfigError,
    ConflictError,
    DateError,
    DocumentError,
    Draft,
    Embargoed,
    FeedpubError,
    LockError,
    PingError,
    Retracted,
)
from .model import Document, Entry, FeedMeta

if typing.TYPE_CHECKING:
    from .normalise import Inspection, inspect_document, normalise
    from .pipeline import Report, build, feed_meta
    from .render import render

# Imported on first use: the normaliser and the renderers pull in dateutil, lxml, feedgen,
# Markdown and YAML, which took longer than the whole of a no-op `feedpub build`.
_LAZY = {
    "Inspection": "normalise",
    "inspect_document": "normalise",
    "normalise": "normalise",
    "Report": "pipeline",
    "build": "pipeline",
    "feed_meta": "pipeline",
    "render": "render",
}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _Package(types.ModuleType):
    """Keeps ``feedpub.render`` and ``feedpub.normalise`` the functions.

    Importing a submodule sets the package attribute of its name to the module; with eager
    imports the function was bound afterwards and won. Lazily, the submodule may be imported
    first (by the pipeline), so that assignment is refused for the names exported here.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "ArgumentError",
    "BuildError",
    "Config",
    "ConfigError",
    "ConflictError",
    "DateError",
    "Document",
    "DocumentError",
    "Draft",
    "Embargoed",
    "Entry",
    "FeedMeta",
    "FeedpubError",
    "Inspection",
    "LockError",
    "PingError",
    "Report",
    "Retracted",
    "__version__",
    "build",
    "feed_meta",
    "inspect_document",
    "load_config",
    "normalise",
    "render",
]

logging.getLogger("feedpub").addHandler(logging.NullHandler())
