"""Hostile input and hostile set-ups: each gives a clear error and loses nothing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from feedpub import ConfigError, build, load_config
from feedpub.check import check_file

from .conftest import ATOM_RNG, CONFIG_TEMPLATE, SEED


@pytest.mark.parametrize("folder", ['"docs"', '"docs/public"', '"."'])
def test_output_inside_input_is_a_config_error(
    write_config: Callable[[str], Path], folder: str
) -> None:
    path = write_config(CONFIG_TEMPLATE.replace('folder = "public"', f"folder = {folder}"))
    with pytest.raises(ConfigError, match=r"output\.folder: the output folder .* must not contain"):
        load_config(path)


def test_symlink_out_of_the_input_folder_is_rejected(project: Path) -> None:
    outside = project / "secret.txt"
    shutil.copy(SEED, outside)
    os.symlink(outside, project / "docs" / "link.txt")
    report = build(load_config(project / "config.toml"))
    assert [(e.source, e.reason) for e in report.errors] == [
        ("link.txt", "a link to a file outside the input folder")
    ]
    assert [e.source for e in report.entries] == [SEED.name]


def test_hostile_documents_never_stop_the_build(project: Path) -> None:
    docs = project / "docs"
    text = SEED.read_text("utf-8")
    (docs / "huge.txt").write_text(text + ("Filler sentence goes here. " * 400_000), "utf-8")
    (docs / "nul.txt").write_bytes(b"November 23, 2024\n\nTitle | X\n\nBody\x00text\n")
    (docs / "control.txt").write_text(text.replace("Monday", "Mon\x07day\x1b"), "utf-8")
    script = "<script>alert(1)</script> & <b>bold</b>"
    (docs / "script.txt").write_text(text.replace("Military exercises", script), "utf-8")
    rtl = "مرحبا بالعالم 🎉 שלום"
    (docs / "rtl.txt").write_text(text.replace("Christmas attack?", rtl), "utf-8")
    report = build(load_config(project / "config.toml"))
    assert [e.source for e in report.errors] == ["nul.txt"]
    assert {e.source for e in report.entries} == {
        SEED.name,
        "huge.txt",
        "control.txt",
        "script.txt",
        "rtl.txt",
    }
    atom = (project / "public" / "atom.xml").read_bytes()
    schema = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
    assert schema.validate(etree.fromstring(atom)), schema.error_log
    assert b"<script>" not in atom
    assert b"&lt;script&gt;" not in atom.replace(b"&amp;lt;script&amp;gt;", b"")
    assert rtl.encode() in atom
    assert b"\x07" not in atom


def test_old_dates_and_scripts_in_summaries_never_stop_the_build(
    project: Path, write_config: Callable[[str], Path]
) -> None:
    # Amsterdam kept local mean time (+00:19:32) until 1937: an offset no feed format can
    # write. It used to fail the checks, so one archived article stopped every feed.
    config = write_config(CONFIG_TEMPLATE.replace("Europe/Brussels", "Europe/Amsterdam"))
    docs = project / "docs"
    body = "The council voted on a plan to build new lanes after years of debate, said the mayor."
    (docs / "1930.md").write_text(f"---\ntitle: Archive\ndate: 1930-05-01 10:00\n---\n{body}\n")
    (docs / "999.md").write_text(f"---\ntitle: Far too old\ndate: 0999-01-01\n---\n{body}\n")
    script = f"---\ntitle: Scripts\ndate: 2024-01-01\n---\nUse <script>alert(1)</script>: {body}\n"
    (docs / "script.md").write_text(script.replace("<", "&lt;"))
    report = build(load_config(config))
    assert [(e.source, "1000 to 9999" in e.reason) for e in report.errors] == [("999.md", True)]
    assert {e.source for e in report.entries} == {SEED.name, "1930.md", "script.md"}
    for path in (project / "public").iterdir():
        assert check_file(path) == []
    atom = feedparser.parse(project / "public" / "atom.xml")
    by_title = {e.title: e for e in atom.entries}
    # 10:00 at +00:19:32 is 09:40:28 UTC: the instant kept, written in UTC.
    assert by_title["Archive"].published == "1930-05-01T09:40:28+00:00"
    rss = feedparser.parse(project / "public" / "rss.xml", sanitize_html=False)
    summary = {e.title: e.summary for e in rss.entries}["Scripts"]
    assert summary.startswith("Use &lt;script&gt;alert(1)&lt;/script&gt;:")
