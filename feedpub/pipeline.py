"""``build``: the one call that ties the stages together.

documents -> entries -> feeds -> files. A document that cannot be read or understood is
reported in the ``Report`` and left out; it never stops the others.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .documents import iter_documents
from .errors import BuildError, ConfigError, DocumentError
from .model import Entry, FeedMeta
from .normalise import entry_id, normalise
from .output import write_atomic
from .render import FILE_NAMES, render, sort_entries

__all__ = ["Report", "build", "feed_meta"]

log = logging.getLogger("feedpub")


@dataclass(frozen=True)
class Report:
    """What a build did."""

    entries: tuple[Entry, ...]
    """The entries published in the feeds, newest first."""
    written: tuple[Path, ...]
    """Output files whose bytes changed."""
    unchanged: tuple[Path, ...]
    """Output files that already held exactly the new bytes."""
    errors: tuple[DocumentError, ...]
    """Documents that were rejected, each saying which file and why."""

    @property
    def ok(self) -> bool:
        return not self.errors


def feed_meta(config: Config) -> FeedMeta:
    """The feed-level metadata for the main feed of ``config``."""
    return FeedMeta(
        title=config.title,
        id=entry_id(config.id_authority, "feed"),
        site_url=config.site_url,
        author=config.author,
        author_email=config.author_email,
        subtitle=config.subtitle,
        language=config.language,
        feed_urls={fmt: config.feed_url + FILE_NAMES[fmt] for fmt in config.formats},
        hubs=config.hubs,
    )


def build(config: Config) -> Report:
    """Read every document, normalise it, render each configured format and write the files."""
    if not config.input_dir.is_dir():
        raise ConfigError(f"input folder {config.input_dir} does not exist", key="input.folder")
    entries: list[Entry] = []
    errors: list[DocumentError] = []
    for item in iter_documents(config.input_dir, config.pattern):
        if isinstance(item, DocumentError):
            errors.append(item)
            continue
        try:
            entries.append(
                normalise(
                    item,
                    zone=config.tzinfo,
                    id_authority=config.id_authority,
                    language=config.language,
                    reference="first_seen" if config.reference_time == "first_seen" else "file",
                    day_first=config.day_first,
                )
            )
        except DocumentError as exc:
            errors.append(exc)
    for error in errors:
        log.warning("skipped %s", error)
    published = tuple(sort_entries(entries)[: config.max_entries])
    meta = feed_meta(config)
    # Render everything before writing anything: a failure leaves every old file in place.
    outputs = {
        config.output_dir / FILE_NAMES[fmt]: data
        for fmt, data in render(published, meta, config.formats).items()
    }
    written: list[Path] = []
    unchanged: list[Path] = []
    for path, data in outputs.items():
        try:
            changed = write_atomic(path, data)
        except OSError as exc:
            raise BuildError(f"cannot write {path}: {exc.strerror}") from exc
        (written if changed else unchanged).append(path)
    return Report(published, tuple(written), tuple(unchanged), tuple(errors))
