"""`feedpub inspect`, and the CLI's independence from the host's time zone."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from feedpub.cli import main

from .conftest import ROOT, SEED

DOCS = ROOT / "tests" / "data" / "docs"


def test_inspect_prints_fields_and_origins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "(read as text)" in out
    assert "section    Ukraine and Russia war" in out
    assert "(near the headline, line 1: 'November 23, 2024')" in out
    assert "midnight at the start of the day" in out


def test_inspect_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--json", str(DOCS / "en_reuters_rates.html")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "html"
    assert data["published"] == "2024-03-21T12:00:00+00:00"
    assert data["origins"]["published"] == "JSON-LD datePublished"
    assert data["origins"]["link"] == "<link rel=canonical>"
    assert "<script" not in data["content_html"]


def test_inspect_uses_the_configured_zone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = project / "docs" / SEED.name
    assert main(["inspect", "--json", "--config", str(project / "config.toml"), str(document)]) == 0
    assert json.loads(capsys.readouterr().out)["published"] == "2024-11-23T00:00:00+01:00"


def test_inspect_rejected_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    assert main(["inspect", str(bad)]) == 1
    assert "bad.txt: binary content" in capsys.readouterr().err


def test_output_does_not_depend_on_the_host_zone(project: Path) -> None:
    """The same build under two TZ values gives byte-identical feeds and inspections."""
    for path in DOCS.iterdir():
        shutil.copy(path, project / "docs" / path.name)
    results = []
    for zone in ("Pacific/Kiritimati", "America/Los_Angeles"):
        env = {**os.environ, "TZ": zone}
        public = project / "public"
        shutil.rmtree(public, ignore_errors=True)
        subprocess.run(
            [sys.executable, "-m", "feedpub", "build", "-q", "--config", "config.toml"],
            cwd=project, env=env, check=False, capture_output=True,
        )  # fmt: skip
        inspected = subprocess.run(
            [sys.executable, "-m", "feedpub", "inspect", "--json", "--config", "config.toml",
             str(project / "docs" / "en_herald_budget.txt")],
            cwd=project, env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
        feeds = {str(p): p.read_bytes() for p in sorted(public.rglob("*")) if p.is_file()}
        assert feeds, "the build wrote no feed"
        results.append((feeds, inspected.stdout))
    assert results[0] == results[1]


def test_inspect_shows_an_undated_document_as_a_build_publishes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A build publishes a document without a date at the time it first sees it (README);
    inspect rejected it ("no publication date found"), so the user was told the opposite."""
    undated = tmp_path / "note.txt"
    undated.write_text(
        "Why we changed our comment rules\n\nComments are now reviewed before they appear on"
        " this site, which we hope will make the discussion more pleasant for everyone.\n",
        encoding="utf-8",
    )
    assert main(["inspect", "--json", str(undated)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["origins"]["published"] == "first seen (the document states no date)"
    assert "now" in " ".join(data["notes"])


def test_inspect_a_file_name_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It crashed with a UnicodeEncodeError traceback."""
    path = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    shutil.copy(SEED, path)
    assert main(["inspect", os.fsdecode(path)]) == 1
    assert "caf\\xe9.txt: file name is not valid UTF-8" in capsys.readouterr().err


def test_inspect_shows_a_draft_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15: `feedpub inspect draft.md` exited 1 and showed nothing."""
    draft = tmp_path / "draft.md"
    body = "A paragraph of body text that is long enough to be the summary here.\n"
    draft.write_text(f"---\ntitle: Not yet\ndate: 2024-01-02\ndraft: true\n---\n\n{body}")
    assert main(["inspect", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "title      Not yet" in out
    assert "note       a draft (YAML front matter says draft: true): a build does not" in out


def test_inspect_says_a_failure_as_a_build_would(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    module = importlib.import_module("feedpub.normalise")  # feedpub.normalise is the function

    def failing(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.chdir(tmp_path)  # no config.toml here
    monkeypatch.setattr(module, "inspect_document", failing)
    assert main(["inspect", str(SEED)]) == 1
    assert capsys.readouterr().err == f"feedpub: rejected {SEED}: nested too deeply to read\n"


def _story(folder: Path, name: str, url: str | None, hour: int) -> Path:
    path = folder / name
    link = f"url: {url}\n" if url else ""
    path.write_text(
        f"---\ntitle: One story\n{link}date: 2026-03-01T{hour:02d}:00:00Z\n---\n\nThe body.\n",
        "utf-8",
    )
    return path


def test_inspect_without_a_configuration_says_why_copies_are_not_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no config.toml here
    with_url = _story(tmp_path, "a.md", "https://News.example.org/s/?utm_source=x#update", 10)
    assert main(["inspect", str(with_url)]) == 0
    out = capsys.readouterr().out
    assert "the same story elsewhere: not known without a configuration" in out
    assert "whose URL is https://news.example.org/s once spelt the same way" in out
    assert main(["inspect", "--json", str(_story(tmp_path, "b.md", None, 11))]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert [n for n in notes if n.startswith("the same story elsewhere: not known without")]
    assert "it has no URL, so only dedupe.similarity could find a copy of it" in " ".join(notes)


def test_inspect_with_a_configuration_says_what_it_cannot_know(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from feedpub import build, load_config

    config = project / "config.toml"
    docs = project / "docs"
    a = _story(docs, "a.md", "https://news.example.org/s", 10)
    assert main(["inspect", "--config", str(config), str(a)]) == 0
    assert "not known yet: no build has run with this configuration" in capsys.readouterr().out
    outside = _story(project, "outside.md", "https://news.example.org/s", 12)
    assert main(["inspect", "--config", str(config), str(outside)]) == 0
    assert "not known: the file is not in the input folder" in capsys.readouterr().out
    _story(docs, "b.md", "https://news.example.org/s/", 11)
    build(load_config(config))
    assert main(["inspect", "--config", str(config), str(a)]) == 0
    out = capsys.readouterr().out
    assert "the same story as b.md: the last build published that copy" in out
    assert "not known" not in out
    # A story of one document: nothing to say.
    (docs / "b.md").unlink()
    build(load_config(config))
    assert main(["inspect", "--config", str(config), str(a)]) == 0
    assert "same story" not in capsys.readouterr().out
