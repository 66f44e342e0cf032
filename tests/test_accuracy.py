"""The normaliser against the hand-labelled documents in tests/data/ (see tools/accuracy.py)."""

from __future__ import annotations

import pytest

from .conftest import ROOT, load_tool

accuracy = load_tool("accuracy")
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
