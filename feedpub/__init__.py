"""feedpub: turn a folder of documents into Atom and RSS feeds.

The library API::

    from feedpub import load_config, build
    report = build(load_config("config.toml"))
"""

import logging

__version__ = "0.1.0"

from .config import Config, load_config
from .errors import (
    BuildError,
    ConfigError,
    DateError,
    DocumentError,
    FeedpubError,
    LockError,
    PingError,
)
from .model import Document, Entry, FeedMeta
from .normalise import Inspection, inspect_document, normalise
from .pipeline import Report, build, feed_meta
from .render import render

__all__ = [
    "BuildError",
    "Config",
    "ConfigError",
    "DateError",
    "Document",
    "DocumentError",
    "Entry",
    "FeedMeta",
    "FeedpubError",
    "Inspection",
    "LockError",
    "PingError",
    "Report",
    "__version__",
    "build",
    "feed_meta",
    "inspect_document",
    "load_config",
    "normalise",
    "render",
]

logging.getLogger("feedpub").addHandler(logging.NullHandler())
