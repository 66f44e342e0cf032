from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from feedpub import ConfigError, load_config

from .conftest import CONFIG_TEMPLATE, ROOT


def test_repository_config_loads() -> None:
    config = load_config(ROOT / "config.toml")
    assert config.input_dir == ROOT / "seeds"
    assert config.output_dir == ROOT / "public"
    assert config.formats == ("atom", "rss", "json")
    assert config.timezone == "Europe/Brussels"


def test_paths_are_relative_to_the_config_file(write_config: Callable[[str], Path]) -> None:
    path = write_config(CONFIG_TEMPLATE)
    config = load_config(path)
    assert config.input_dir == path.parent / "docs"
    assert config.id_authority == "news.example.org"
    assert config.feed_url == "https://news.example.org/feeds/"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("[output]", "[output]\nformat = 'atom'"), "output.format: unknown key"),
        (('folder = "public"', "folder = 3"), "output.folder: must be of type str"),
        (('title = "Test feed"\n', ""), "feed.title: is required"),
        (('timezone = "Europe/Brussels"', 'timezone = "Mars/Olympus"'), "unknown time zone"),
        (("[output]", "[outptu]"), "unknown table"),
        (('site_url = "https://', 'site_url = "ftp://'), "feed.site_url: must be an http"),
        (("[output]", "[output]\nformats = ['atom', 'pdf']"), "unknown format"),
        (("[output]", "[output]\nmax_entries = true"), "must be of type int"),
        (("[output]", "[ping]\nhubs = ['ftp://hub']\n[output]"), "ping.hubs: must be http"),
        (("[output]", "[ping]\nhubs = [1]\n[output]"), "ping.hubs: must be a list of str"),
    ],
)
def test_invalid_config_names_the_key(
    write_config: Callable[[str], Path], change: tuple[str, str], message: str
) -> None:
    path = write_config(CONFIG_TEMPLATE.replace(*change, 1))
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[feed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
