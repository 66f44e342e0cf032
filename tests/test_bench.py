"""The benchmark scripts run (on a tiny corpus); their figures live in the README, not here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from feedpub import build, load_config

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import corpus
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
    for key in (*keys, "peak_mib"):
        assert result[key] > 0
    assert (tmp_path / "n10" / "public" / "atom.xml").exists()
    # The like-for-like build writes what the baseline writes: two feeds.
    feeds_only = tmp_path / "n10" / "public-feeds"
    assert sorted(p.name for p in feeds_only.iterdir()) == ["atom.xml", "rss.xml"]
    assert (tmp_path / "n10" / "naive" / "atom.xml").exists()
