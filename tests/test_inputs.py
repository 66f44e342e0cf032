"""The input options of a build: which files, what relative dates are read against."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from feedpub import ConfigError, build, load_config
from feedpub.documents import DEFAULT_PATTERNS

from .conftest import CONFIG_TEMPLATE

RELATIVE_DOC = """Example Daily

Ministers agree a new deal on fishing rights after all-night talks

3 hours ago

The first paragraph of the story is long enough to be a paragraph and ends with a full stop.
"""


def test_default_pattern_reads_every_format(write_config: Callable[[str], Path]) -> None:
    config = load_config(write_config(CONFIG_TEMPLATE))
    assert config.pattern == DEFAULT_PATTERNS
    assert config.reference_time == "file"
    assert config.day_first is None


@pytest.mark.parametrize(
    ("setting", "pattern"),
    [('pattern = "*.md"', "*.md"), ('pattern = ["*.md", "*.txt"]', ("*.md", "*.txt"))],
)
def test_pattern_string_or_list(
    write_config: Callable[[str], Path], setting: str, pattern: object
) -> None:
    text = CONFIG_TEMPLATE.replace("[input]\n", f"[input]\n{setting}\n")
    assert load_config(write_config(text)).pattern == pattern


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('reference_time = "now"', "input.reference_time: must be one of"),
        ('day_first = "yes"', "input.day_first: must be of type bool"),
        ("pattern = [1, 2]", "input.pattern: must be a list of strings"),
        ("pattern = 3", "input.pattern: must be a string or a list of strings"),
    ],
)
def test_bad_input_settings_name_the_key(
    write_config: Callable[[str], Path], setting: str, message: str
) -> None:
    text = CONFIG_TEMPLATE.replace("[input]\n", f"[input]\n{setting}\n")
    with pytest.raises(ConfigError, match=message):
        load_config(write_config(text))


@pytest.mark.parametrize(
    ("reference", "expected"),
    [("file", "2023-11-14T20:13:20+01:00"), ("first_seen", "2024-01-01T10:00:00+01:00")],
)
def test_reference_time_setting(project: Path, reference: str, expected: str) -> None:
    document = project / "docs" / "relative.txt"
    document.write_text(RELATIVE_DOC, encoding="utf-8")
    os.utime(document, (1_700_000_000, 1_700_000_000))  # 2023-11-14 22:13:20 UTC
    config_path = project / "config.toml"
    text = config_path.read_text(encoding="utf-8")
    config_path.write_text(
        text.replace("[input]\n", f'[input]\nreference_time = "{reference}"\n'), encoding="utf-8"
    )
    # The state store records when the document was first seen: `now` of its first build.
    first_seen = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
    report = build(load_config(config_path), now=first_seen)
    assert report.errors == ()
    entry = next(e for e in report.entries if e.source == "relative.txt")
    assert entry.published.isoformat() == expected
    # Later runs keep the date: it is resolved once, against the stored first-seen time.
    later = build(load_config(config_path), now=first_seen + timedelta(days=3))
    again = next(e for e in later.entries if e.source == "relative.txt")
    assert again.published == entry.published
