from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_92fe2bc6f3a1f1dd.txt"
ATOM_RNG = ROOT.parent / "shared" / "specs" / "atom.rng"

CONFIG_TEMPLATE = """\
[feed]
title = "Test feed"
site_url = "https://news.example.org/"
feed_url = "https://news.example.org/feeds/"
author = "Test newsroom"
language = "en"

[input]
folder = "docs"
timezone = "Europe/Brussels"

[output]
folder = "public"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the seed document in ``docs/`` and a ``config.toml``."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED, docs / SEED.name)
    (tmp_path / "config.toml").write_text(CONFIG_TEMPLATE, encoding="utf-8")
    return tmp_path


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[[str], Path]:
    def write(text: str) -> Path:
        path = tmp_path / "config.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
