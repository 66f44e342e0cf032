from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from dateutil import tz

from feedpub import DateError, DocumentError, normalise
from feedpub.documents import read_document

from .conftest import SEED

BRUSSELS = tz.gettz("Europe/Brussels")
TITLE = (
    "Putin returns to Belarus for the first time since 2019: he fears that he will drag "
    "the country into a new offensive in Ukraine"
)


@pytest.fixture(scope="module")
def seed_entry():  # type: ignore[no-untyped-def]
    return normalise(read_document(SEED, SEED.parent), zone=BRUSSELS, id_authority="example.org")


def test_seed_title_has_no_section_suffix(seed_entry) -> None:  # type: ignore[no-untyped-def]
    assert seed_entry.title == TITLE


def test_seed_metadata(seed_entry) -> None:  # type: ignore[no-untyped-def]
    assert seed_entry.section == "Ukraine and Russia war"
    assert seed_entry.publisher == "Taylor Daily Press"
    assert seed_entry.published == datetime(2024, 11, 23, tzinfo=BRUSSELS)
    assert seed_entry.published.utcoffset() is not None
    assert seed_entry.summary.startswith("Russian President Vladimir Putin arrived in Belarus")
    assert seed_entry.summary.endswith("war base in Ukraine.")


def test_seed_content_is_clean_html(seed_entry) -> None:  # type: ignore[no-untyped-def]
    content = seed_entry.content_html
    assert content.startswith("<p>Russian President Vladimir Putin arrived")
    assert "See also" not in content
    assert "Woman reuniting mother" not in content
    assert "©" not in content
    caption = "Photo released Monday by the Russian Ministry of Defense"
    assert content.count(caption) == 1
    assert "<h2>Military exercises</h2>" in content
    assert "<h2>An earlier attack across Belarus</h2>" in content
    # The headline belongs in the title, not repeated in the body.
    assert TITLE not in content
    # Real body text survives, including the last paragraph before the captions.
    assert "The Russian Defense Ministry has already shared the first photos" in content


def test_id_is_stable_and_scoped_by_authority(seed_entry) -> None:  # type: ignore[no-untyped-def]
    again = normalise(read_document(SEED, SEED.parent), zone=BRUSSELS, id_authority="example.org")
    other = normalise(read_document(SEED, SEED.parent), zone=BRUSSELS, id_authority="other.org")
    assert again.id == seed_entry.id
    assert other.id != seed_entry.id
    assert seed_entry.id.startswith("urn:uuid:")


def test_normalise_accepts_a_path_and_plain_text() -> None:
    from_path = normalise(SEED)
    from_text = normalise(SEED.read_text(encoding="utf-8"))
    assert from_path.title == from_text.title == TITLE
    assert from_text.source == "<text>"


def test_zone_is_the_configured_default() -> None:
    utc = normalise(SEED)
    assert utc.published.isoformat() == "2024-11-23T00:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "error", "line"),
    [
        ("just one line of text\n", DocumentError, 1),
        ("\n\nTitle | Section\n\nBody paragraph here.\n", DateError, 3),
        ("November 23, 2024\n\nTitle | Section\n\nSee also  Other story\n", DocumentError, 5),
    ],
)
def test_bad_documents_say_what_is_wrong(text: str, error: type[Exception], line: int) -> None:
    with pytest.raises(error) as info:
        normalise(text)
    assert isinstance(info.value, DocumentError)
    assert info.value.source == "<text>"
    assert info.value.line == line


def test_missing_file_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="cannot read"):
        normalise(tmp_path / "missing.txt")
