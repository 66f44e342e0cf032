"""Embargoes: a document dated in the future waits for the first build at or after its time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from feedpub import Embargoed, build, load_config
from feedpub.cli import main

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
BODY = "A paragraph of body text that is long enough to be the summary of this story.\n"


def _post(folder: Path, name: str, front: str) -> Path:
    path = folder / name
    path.write_text(f"---\n{front}\n---\n\n{BODY}", encoding="utf-8")
    return path


def _titles(feed: Path) -> list[str]:
    return [entry.title for entry in feedparser.parse(feed.read_bytes()).entries]


def _feed_updated(feed: Path) -> datetime:
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    stamp = parsed.feed.updated_parsed  # Atom <updated>, RSS <lastBuildDate>
    return datetime(*stamp[:6], tzinfo=UTC)


@pytest.mark.parametrize("key", ["publish_at", "date"])
def test_a_future_document_waits_and_the_first_run_after_its_time_publishes_it(
    project: Path, key: str
) -> None:
    config = load_config(project / "config.toml")
    _post(project / "docs", "held.md", f"title: Held story\n{key}: 2026-03-02T09:30:00Z")
    report = build(config, now=NOW)
    assert report.ok
    (held,) = report.waiting
    assert isinstance(held, Embargoed)
    assert (held.source, held.until) == ("held.md", datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    assert "Held story" not in [e.title for e in report.entries]
    public = project / "public"
    for name in ("atom.xml", "rss.xml"):
        assert "Held story" not in _titles(public / name)
        assert _feed_updated(public / name) <= NOW
    assert b"Held story" not in (public / "feed.json").read_bytes()

    # A cron run before its time: still waiting, nothing rewritten.
    report = build(config, now=NOW + timedelta(minutes=85))
    assert [w.source for w in report.waiting] == ["held.md"]
    assert report.written == ()

    # The first cron run after it (every 5 minutes: 09:32) publishes it, dated 09:30.
    later = datetime(2026, 3, 2, 9, 32, tzinfo=UTC)
    report = build(config, now=later)
    assert report.waiting == ()
    assert report.entries[0].title == "Held story"
    for name in ("atom.xml", "rss.xml"):
        assert _titles(public / name)[0] == "Held story"
        assert _feed_updated(public / name) <= later
    parsed = feedparser.parse((public / "atom.xml").read_bytes())
    assert parsed.entries[0].published_parsed[:5] == (2026, 3, 2, 9, 30)
    assert (public / "entries" / f"{report.entries[0].key}.html").exists()


def test_publish_at_holds_a_story_dated_earlier_and_dates_it_when_it_goes_out(
    project: Path,
) -> None:
    config = load_config(project / "config.toml")
    front = "title: Embargoed report\ndate: 2026-03-01\npublish_at: 2026-03-02T10:00:00Z"
    _post(project / "docs", "report.md", front)
    assert [w.until for w in build(config, now=NOW).waiting] == [
        datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    ]
    report = build(config, now=NOW + timedelta(hours=3))
    (entry,) = [e for e in report.entries if e.title == "Embargoed report"]
    assert entry.published == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_an_update_time_in_the_future_is_never_published(project: Path) -> None:
    config = load_config(project / "config.toml")
    front = "title: Typo in the update\ndate: 2026-03-01T12:00:00Z\nupdated: 2027-01-01T00:00:00Z"
    _post(project / "docs", "typo.md", front)
    report = build(config, now=NOW)
    (entry,) = [e for e in report.entries if e.title == "Typo in the update"]
    assert entry.updated == NOW
    for name in ("atom.xml", "rss.xml"):
        assert _feed_updated(project / "public" / name) <= NOW


def test_build_v_and_inspect_say_what_waits_and_until_when(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    front = "title: Far future\npublish_at: 2999-01-01T06:00:00Z"
    post = _post(project / "docs", "later.md", front)
    assert main(["build", "-v", "--config", str(project / "config.toml")]) == 0
    captured = capsys.readouterr()
    assert "not published yet" in captured.err
    assert "later.md: waiting until 2999-01-01T06:00:00+00:00" in captured.err
    assert captured.out.rstrip().endswith("1 waiting")
    assert main(["inspect", "--config", str(project / "config.toml"), str(post)]) == 0
    out = capsys.readouterr().out
    assert "front matter 'publish_at'" in out
    assert "holds it back until 2999-01-01 06:00:00+00:00" in out
