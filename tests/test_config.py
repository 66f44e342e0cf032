from __future__ import annotations

import re
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
        # Found by following the README as a new user: each of these was accepted, or
        # failed later with a message that named neither the file nor the key.
        (("[output]", "[ping]\ntimeout = '5'\n[output]"), "ping.timeout: must be a number"),
        (('timezone = "Europe/Brussels"', "pattern = 5"), "input.pattern: must be a string or"),
        (('title = "Test feed"', 'title = " "'), "feed.title: must not be empty"),
        (('author = "Test newsroom"', 'author = ""'), "feed.author: must not be empty"),
        (('author = "Test newsroom"', 'author = "A"\nauthor_email = "nope"'), "feed.author_email"),
        (('site_url = "https://news.example.org/"', 'site_url = ""'), "feed.site_url: must be an"),
        (('site_url = "https://news.example.org/"', 'site_url = "https:///"'), "feed.site_url"),
        (('language = "en"', 'language = "english"'), "feed.language: must be a language tag"),
        (('timezone = "Europe/Brussels"', 'timezone = ""'), "input.timezone: unknown time zone"),
        (("[output]", "[output]\nformats = []"), "output.formats: must name at least one"),
        (('timezone = "Europe/Brussels"', "pattern = []"), "input.pattern: must name at least one"),
        (("[output]", "[ping]\ntimeout = inf\n[output]"), "ping.timeout: must be a finite"),
        (("[output]", "[ping]\nbudget = nan\n[output]"), "ping.budget: must be a finite"),
        (("[output]", "[state]\nlock_timeout = inf\n[output]"), "state.lock_timeout: must be a"),
        (('language = "en"', 'icon = "javascript:alert(1)"'), "feed.icon: must be an http"),
        (('language = "en"', 'logo = "ftp://x.example/l.png"'), "feed.logo: must be an http"),
    ],
)
def test_invalid_config_names_the_key(
    write_config: Callable[[str], Path], change: tuple[str, str], message: str
) -> None:
    path = write_config(CONFIG_TEMPLATE.replace(*change, 1))
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("change", "value"),
    [
        (('language = "en"', 'language = "de_DE"'), "de-DE"),
        (('language = "en"', 'language = "pt-br"'), "pt-BR"),
    ],
)
def test_a_language_tag_is_written_in_its_usual_case(
    write_config: Callable[[str], Path], change: tuple[str, str], value: str
) -> None:
    assert load_config(write_config(CONFIG_TEMPLATE.replace(*change, 1))).language == value


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[feed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
    # Saved in Latin-1 by an editor: a UnicodeDecodeError traceback before.
    bad.write_bytes(b'[feed]\ntitle = "Caf\xe9"\n')
    with pytest.raises(ConfigError, match=r"not UTF-8 .*line 2"):
        load_config(bad)


def test_feed_images_are_made_absolute_against_the_site(
    write_config: Callable[[str], Path],
) -> None:
    text = CONFIG_TEMPLATE.replace(
        'language = "en"', 'icon = "/favicon.png"\nlogo = "https://cdn.example/logo.svg"', 1
    )
    config = load_config(write_config(text))
    assert config.icon == "https://news.example.org/favicon.png"
    assert config.logo == "https://cdn.example/logo.svg"
    assert load_config(write_config(CONFIG_TEMPLATE)).icon is None


@pytest.mark.parametrize(
    ("line", "key", "message"),
    [
        ("max_size = 0", "input.max_size", "must be at least 1"),
        ("time_limit = 0", "input.time_limit", "must be more than 0 seconds"),
        ("time_limit = inf", "input.time_limit", "must be a finite number"),
        ("time_limit = 1e300", "input.time_limit", "must be at most 86,400 seconds"),
        ("max_size = 9223372036854775807", "input.max_size", "must be at most 1,073,741,824"),
        ('max_size = "1 MB"', "input.max_size", "must be of type int"),
    ],
)
def test_document_limits_are_checked(
    write_config: Callable[[str], Path], line: str, key: str, message: str
) -> None:
    path = write_config(CONFIG_TEMPLATE.replace('folder = "docs"', f'folder = "docs"\n{line}'))
    with pytest.raises(ConfigError, match=rf"{re.escape(key)}: {message}"):
        load_config(path)


def test_document_limits_have_defaults(write_config: Callable[[str], Path]) -> None:
    config = load_config(write_config(CONFIG_TEMPLATE))
    assert (config.max_size, config.time_limit) == (16 * 1024 * 1024, 30.0)


# Each of these ended in a traceback (issue 14): now an error naming its key.
@pytest.mark.parametrize(
    ("table", "line", "key", "message"),
    [
        ("feed", 'site_url = "http://[::1"', "feed.site_url", "must be an http(s) URL"),
        ("feed", 'feed_url = "http://[::1"', "feed.feed_url", "must be an http(s) URL"),
        ("feed", 'icon = "http://[::1"', "feed.icon", "must be an http(s) URL or a path"),
        ("ping", 'hubs = ["http://[::1/"]', "ping.hubs", "must be http(s) URLs"),
        ("ping", 'services = ["http://[::1/"]', "ping.services", "must be http(s) URLs"),
        ("input", 'pattern = "/etc/passwd"', "input.pattern", "must be globs inside the input"),
        ("input", 'pattern = ["*.txt", "../*.txt"]', "input.pattern", "must be globs inside"),
        ("input", 'pattern = [""]', "input.pattern", "must be globs inside the input folder"),
        ("output", "max_entries = 9223372036854775807", "output.max_entries", "must be at most"),
        ("output", "archive_size = 9223372036854775807", "output.archive_size", "must be at"),
        ("ping", "timeout = 1e300", "ping.timeout", "must be at most 3,600 seconds"),
        ("ping", "budget = 1e300", "ping.budget", "must be at most 86,400 seconds"),
        ("state", "lock_timeout = 1e300", "state.lock_timeout", "must be at most 86,400"),
        ("state", 'path = "public/state.sqlite"', "state.path", "must not be inside the output"),
        ("state", 'path = "public/../public/s.sqlite"', "state.path", "must not be inside"),
    ],
)
def test_a_value_feedpub_cannot_use_is_an_error_naming_its_key(
    write_config: Callable[[str], Path], table: str, line: str, key: str, message: str
) -> None:
    text = CONFIG_TEMPLATE
    if f"[{table}]\n" in text:
        name = line.partition(" =")[0]
        text = re.sub(rf"(?m)^{name} = .*\n", "", text).replace(
            f"[{table}]\n", f"[{table}]\n{line}\n"
        )
    else:
        text += f"\n[{table}]\n{line}\n"
    with pytest.raises(ConfigError, match=rf"{re.escape(key)}: {re.escape(message)}"):
        load_config(write_config(text))
