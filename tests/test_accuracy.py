"""The normaliser against the hand-labelled documents in tests/data/ (see tools/accuracy.py)."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from .conftest import ROOT


def _accuracy() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "tools" / "accuracy.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy"] = module
    spec.loader.exec_module(module)
    return module


accuracy = _accuracy()
RESULTS = accuracy.checks("developed on")


def test_the_set_covers_five_languages_and_four_formats() -> None:
    names = {check.document for check in RESULTS}
    assert {name[:2] for name in names} == {"en", "de", "fr", "es", "nl"}
    suffixes = {path.suffix for path in (ROOT / "tests" / "data" / "docs").iterdir()}
    assert suffixes == {".txt", ".md", ".html", ".json"}
    assert len(names) >= 20


@pytest.mark.parametrize("check", RESULTS, ids=[f"{c.document}-{c.field}" for c in RESULTS])
def test_labelled_field(check) -> None:  # type: ignore[no-untyped-def]
    assert check.got == check.expected


def test_docs_table_is_measured() -> None:
    page = accuracy.TABLE_PAGE.read_text(encoding="utf-8")
    measured = {which: accuracy.checks(which) for which in accuracy.SETS}
    assert accuracy.table(measured) in page, (
        "run: .venv/bin/python tools/accuracy.py and paste the table into docs/accuracy.md"
    )
