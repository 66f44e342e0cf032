from __future__ import annotations

import types
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import feedpub

from .conftest import ROOT, SEED


def test_all_matches_public_names() -> None:
    public = {
        name
        for name in dir(feedpub)
        if not name.startswith("_") and not isinstance(getattr(feedpub, name), types.ModuleType)
    }
    assert set(feedpub.__all__) - {"__version__"} == public


def test_errors_mix_in_builtins() -> None:
    assert issubclass(feedpub.ConfigError, ValueError)
    assert issubclass(feedpub.DateError, feedpub.DocumentError)
    assert issubclass(feedpub.DocumentError, feedpub.FeedpubError)


# Issue 15's library traps, each found by calling the API as its docs read.
SEED_TEXT = SEED.read_text("utf-8")


def test_a_str_is_text_and_one_that_names_a_file_is_refused(tmp_path: Path) -> None:
    """`normalise("/tmp/x/nos.txt")` read the path as the document's text and failed with
    `<text>:1: no headline found`; `load_config` takes a str as a path."""
    copy = tmp_path / "nos.txt"
    copy.write_text(SEED_TEXT, "utf-8")
    for name in (str(copy), "nos.txt", "posts/2024/a-story.md", f"  {copy}\n".strip()):
        with pytest.raises(feedpub.ArgumentError, match=r"looks like a path.*pass a Path"):
            feedpub.normalise(name)

    # The same file as a Path, as any os.PathLike, or its text: one entry.
    class Named:  # os.PathLike without being a Path
        def __fspath__(self) -> str:
            return str(copy)

    titles = {feedpub.normalise(doc).title for doc in (copy, Named(), SEED_TEXT)}
    assert len(titles) == 1
    assert feedpub.normalise(SEED_TEXT).source == "<text>"


@pytest.mark.parametrize("document", [42, b"bytes", None, ["a list"]])
def test_a_document_of_another_type_is_a_clear_error(document: object) -> None:
    with pytest.raises(feedpub.ArgumentError, match=r"a Path .*, a Document or its text") as info:
        feedpub.normalise(document)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)  # was an AttributeError from deep inside
    assert isinstance(info.value, feedpub.FeedpubError)


def test_zone_by_its_name() -> None:
    """`zone="Europe/Amsterdam"` raised a bare TypeError; it is read as the zone's name,
    the same zone as `input.timezone` gives a build."""
    from dateutil import tz

    by_name = feedpub.normalise(SEED, zone="Europe/Amsterdam")
    assert by_name == feedpub.normalise(SEED, zone=tz.gettz("Europe/Amsterdam"))
    assert by_name.published.isoformat() == "2024-11-23T00:00:00+01:00"
    assert feedpub.inspect_document(SEED, zone="UTC").entry.published.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"zone": "Europe/Atlantis"}, "zone: 'Europe/Atlantis' is no time zone"),
        ({"zone": ""}, "zone: '' is no time zone"),
        ({"zone": 1}, "zone: a tzinfo or an IANA zone name"),
        ({"reference": "bogus"}, "reference: 'file' or 'first_seen', not 'bogus'"),
        ({"first_seen": datetime(2024, 1, 1)}, "first_seen: a datetime with its zone"),
        ({"first_seen": "2024-01-01"}, "first_seen: a datetime with its zone"),
        ({"day_first": "yes"}, "day_first: True, False or None"),
        ({"language": 5}, "language: a str or None"),
        ({"base_url": Path("x")}, "base_url: a str or None"),
        ({"id_authority": ""}, "id_authority: a non-empty str"),
    ],
)
def test_an_option_it_cannot_take_is_named(options: dict[str, object], match: str) -> None:
    for call in (feedpub.normalise, feedpub.inspect_document):
        with pytest.raises(feedpub.ArgumentError, match=match) as info:
            call(SEED, **options)  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, TypeError)


def test_load_config_takes_a_path() -> None:
    assert feedpub.load_config(str(ROOT / "config.toml")) == feedpub.load_config(
        ROOT / "config.toml"
    )
    with pytest.raises(feedpub.ArgumentError, match="the path of a TOML file, not its text"):
        feedpub.load_config('[feed]\ntitle = "x"\n')
    with pytest.raises(feedpub.ArgumentError, match="the path of a TOML file, not 42"):
        feedpub.load_config(42)  # type: ignore[arg-type]


def test_a_draft_is_raised_by_normalise_and_shown_by_inspect(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    body = "A paragraph of body text that is long enough to be the summary here.\n"
    draft.write_text(f"---\ntitle: Not yet\ndate: 2024-01-02\ndraft: true\n---\n\n{body}")
    with pytest.raises(feedpub.Draft):
        feedpub.normalise(draft)
    seen = feedpub.inspect_document(draft)
    assert seen.entry.title == "Not yet"
    assert "a draft (YAML front matter says draft: true): a build does not publish it" in (
        seen.notes
    )
    # A draft's unreadable date is no reason to reject it: it is not published either way.
    draft.write_text(f"---\ntitle: Not yet\ndate: next week\ndraft: true\n---\n\n{body}")
    with pytest.raises(feedpub.Draft):
        feedpub.normalise(draft)
    draft.write_text("---\ntitle: Not yet\ndraft: true\n---\n")  # and an empty one
    with pytest.raises(feedpub.Draft):
        feedpub.normalise(draft)
