"""The benchmark scripts run (on a tiny corpus); their figures are in docs/benchmarks.md."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from feedpub import build, load_config

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import corpus
import normaliser
import peers
import run


def test_corpus_is_seeded_and_every_document_is_accepted(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path / "a" / "docs", 30, seed=7)
    corpus.write_corpus(tmp_path / "b" / "docs", 30, seed=7)
    a = sorted((tmp_path / "a" / "docs").iterdir())
    b = sorted((tmp_path / "b" / "docs").iterdir())
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    (tmp_path / "a" / "config.toml").write_text(run.CONFIG, encoding="utf-8")
    report = build(load_config(tmp_path / "a" / "config.toml"))
    assert report.errors == ()
    assert len(report.entries) == 30
    assert all("See also" not in e.content_html for e in report.entries)


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_bench_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    result = run.bench(10, tmp_path, repeat=1)
    assert result["size"] == 10
    keys = ("naive_s", "full_s", "feeds_only_s", "noop_s", "one_change_s", "list_stat_s")
    for key in (*keys, "peak_mib", "state_over_input"):
        assert result[key] > 0
    assert (tmp_path / "n10" / "public" / "atom.xml").exists()
    # The like-for-like build writes what the baseline writes: two feeds.
    feeds_only = tmp_path / "n10" / "public-feeds"
    assert sorted(p.name for p in feeds_only.iterdir()) == ["atom.xml", "rss.xml"]
    assert (tmp_path / "n10" / "naive" / "atom.xml").exists()


def test_peer_posts_are_the_corpus_articles(tmp_path: Path) -> None:
    """feedpub reads the Markdown posts the peers get as the same articles as the text corpus."""
    peers.write_posts(tmp_path, 12)
    corpus.write_corpus(tmp_path / "docs", 12)
    (tmp_path / "config.toml").write_text(run.CONFIG, encoding="utf-8")
    from_text = build(load_config(tmp_path / "config.toml")).entries
    from_posts = build(load_config(tmp_path / "feedpub.toml")).entries
    assert len(from_posts) == 12
    assert sorted(e.title for e in from_posts) == sorted(e.title for e in from_text)
    assert sorted(e.section or "" for e in from_posts) == sorted(e.section or "" for e in from_text)
    # Each tool gets the same article in its own metadata form.
    pelican = sorted((tmp_path / "pelican" / "content").iterdir())
    hugo = sorted((tmp_path / "hugo" / "content" / "posts").iterdir())
    assert [p.name for p in pelican] == [p.name for p in hugo] == [f"{i:06d}.md" for i in range(12)]
    first = corpus.articles(1)[0]
    assert pelican[0].read_text("utf-8").startswith(f"Title: {first.headline}\nDate: ")
    assert f"## Military exercises\n\n{first.body[2]}" in hugo[0].read_text("utf-8")


def test_alternate_keeps_each_jobs_best_run() -> None:
    runs = {"a": iter([3.0, 1.0, 2.0]), "b": iter([5.0, 6.0, 4.0])}
    order: list[str] = []

    def job(name: str) -> float:
        order.append(name)
        return next(runs[name])

    best = peers.alternate({"a": lambda: job("a"), "b": lambda: job("b")}, repeat=3)
    assert best == {"a": 1.0, "b": 4.0}
    assert order == ["a", "b", "a", "b", "a", "b"]


def test_the_normaliser_bench_measures_the_checkout_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``bench/normaliser.py --against`` imports feedpub from the other checkout, also when
    run from this one (``-c`` puts the working folder first on the path)."""
    other = tmp_path / "other"
    (other / "feedpub").mkdir(parents=True)
    (other / "feedpub" / "__init__.py").write_text("", encoding="utf-8")
    (other / "feedpub" / "documents.py").write_text(
        "def read_document(path):\n    return path\n", encoding="utf-8"
    )
    (other / "feedpub" / "normalise.py").write_text(
        "import pathlib\n\n\ndef normalise(document, **options):\n"
        "    pathlib.Path(__file__).with_name('ran').touch()\n",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    corpus.write_corpus(docs, 2)
    monkeypatch.chdir(ROOT)
    assert set(normaliser._measure(other, docs)) == {"first", "per_doc"}
    assert (other / "feedpub" / "ran").exists()
