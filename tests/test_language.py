"""The language identifier's model: read from py3langid's package once, then mapped from the
cache folder, answering the same."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from feedpub.extract import language
from feedpub.extract.language import detect_language
from feedpub.model import Document

TEXTS = [
    "The government announced on Tuesday that the new measures would take effect next month.",
    "Die Regierung hat am Dienstag angekündigt, dass die neuen Maßnahmen nächsten Monat gelten.",
    "Le gouvernement a annoncé mardi que les nouvelles mesures entreraient en vigueur.",
    "El gobierno anunció el martes que las nuevas medidas entrarían en vigor el mes próximo.",
    "De regering heeft dinsdag aangekondigd dat de nieuwe maatregelen volgende maand ingaan.",
    "Правительство объявило во вторник, что новые меры вступят в силу в следующем месяце.",
    "政府は火曜日、新しい措置が来月施行されると発表した。",
    "ΑΒΓ",
    "",
    "12345 67890",
]


@pytest.fixture(scope="module")
def model() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(str(MODEL_DIR)) / str(MODEL_FILE)


@pytest.fixture(scope="module")
def saved(model: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """The packaged identifier, and the folder its arrays were saved in."""
    folder = tmp_path_factory.mktemp("cache") / language._cache_name(model)
    return language._packaged(model, save_to=folder), folder


@pytest.fixture
def fresh_identifier() -> Iterator[None]:
    """No identifier loaded yet in this process, and none left behind by the test."""
    language._identifier.cache_clear()
    yield
    language._identifier.cache_clear()


def test_the_mapped_model_ranks_every_text_as_the_packaged_one(saved: tuple[Any, Path]) -> None:
    packaged, folder = saved
    mapped = language._mapped(folder)
    assert mapped is not None
    assert isinstance(mapped.tk_nextmove, memoryview)  # mapped, not decompressed again
    for text in TEXTS:
        assert mapped.rank(text) == packaged.rank(text), text


def test_a_build_process_saves_the_model_once_then_maps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_identifier: None, model: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = language._identifier()
    folder = tmp_path / "feedpub" / language._cache_name(model)
    assert sorted(p.name for p in folder.iterdir()) == [
        "classes.json", "nextmove.npy", "output.npy", "pc.npy", "ptc.npy", "row.npy",
    ]  # fmt: skip
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]  # no partial folder
    language._identifier.cache_clear()
    second = language._identifier()
    assert isinstance(second.tk_nextmove, memoryview)
    assert [second.rank(t) for t in TEXTS] == [first.rank(t) for t in TEXTS]


def test_every_environment_with_the_same_model_shares_one_copy(model: Path, tmp_path: Path) -> None:
    """The copy is named by the model's bytes, not by its file's time: a new environment
    (another virtualenv, a reinstall) finds the copy an earlier one saved."""
    elsewhere = tmp_path / "py3langid" / "data" / model.name
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_bytes(model.read_bytes())
    os.utime(elsewhere, ns=(1_000_000_000, 1_000_000_000))
    assert language._cache_name(elsewhere) == language._cache_name(model)
    elsewhere.write_bytes(model.read_bytes()[:-1] + b"x")  # another model: another copy
    assert language._cache_name(elsewhere) != language._cache_name(model)


def test_saving_the_copy_removes_those_no_feedpub_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_identifier: None, model: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = tmp_path / "feedpub"
    hour_ago = time.time() - 2 * language._PARTIAL_AGE
    kept = ["other-tool", ".py3langid-0.4.0-0123456789abcdef-writing", "py3langid-9.9-cafe"]
    removed = ["py3langid-0.4.0-4586720-1796131991987840196", ".py3langid-0.4.0-killed"]
    for name in kept + removed:
        (cache / name).mkdir(parents=True)
        (cache / name / "ptc.npy").write_bytes(b"old")
    os.utime(cache / removed[1], (hour_ago, hour_ago))
    language._identifier()
    names = {p.name for p in cache.iterdir()}
    assert names == {*kept, language._cache_name(model)}


@pytest.mark.parametrize("damage", ["truncated", "classes", "missing"])
def test_a_damaged_cache_is_not_used(saved: tuple[Any, Path], tmp_path: Path, damage: str) -> None:
    _, folder = saved
    copy = tmp_path / folder.name
    copy.mkdir()
    for path in folder.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    if damage == "truncated":
        data = (copy / "nextmove.npy").read_bytes()
        (copy / "nextmove.npy").write_bytes(data[: len(data) // 2])
    elif damage == "classes":
        (copy / "classes.json").write_text('["en", "de"]', encoding="utf-8")  # not the columns
    else:
        (copy / "row.npy").unlink()
    assert language._mapped(copy) is None


def test_no_cache_folder_to_write_still_identifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_identifier: None
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert detect_language(TEXTS[0]) == "en"
    assert detect_language(TEXTS[1]) == "de"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_stated_language_is_not_identified_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    normaliser = importlib.import_module("feedpub.normalise")  # the module, not the function
    asked: list[str] = []

    def detect(text: str, plausible: tuple[str, ...] = ()) -> str | None:
        asked.append(text)
        return detect_language(text, plausible)

    monkeypatch.setattr(normaliser, "detect_language", detect)
    post = "---\ntitle: Hallo\ndate: 2024-03-05\n{}---\n\n" + TEXTS[1] + "\n"
    stated = normaliser.inspect_document(Document("a.md", post.format("lang: de-AT\n")))
    assert stated.entry.language == "de-AT"
    assert stated.origins["language"] == "YAML front matter 'lang'"
    assert asked == []
    guessed = normaliser.inspect_document(Document("b.md", post.format("")))
    assert guessed.entry.language == "de"
    assert guessed.origins["language"] == "detected (py3langid)"
    assert asked == [TEXTS[1]]


def _ranked_answer(text: str, plausible: tuple[str, ...] = ()) -> str | None:
    """``detect_language`` as it was written on py3langid's sorted ranking."""
    sample = text[: language.SAMPLE_CHARS + 20]
    if len(sample) > language.SAMPLE_CHARS:
        sample = sample[: language.SAMPLE_CHARS].rsplit(" ", 1)[0]
    words = language._WORD.findall(sample)
    if len(words) < language.MIN_WORDS:
        return None
    ranked = language._identifier().rank(sample)
    best, probability = ranked[0]
    latin = all(word[0] < language._LATIN_END for word in words)
    allowed = (*language.PLAUSIBLE, *plausible)
    if not latin or best in allowed or probability >= language.SURE:
        return str(best)
    longer = text[: language.LONG_CHARS + 20]
    if len(longer) > language.LONG_CHARS:
        longer = longer[: language.LONG_CHARS].rsplit(" ", 1)[0]
    if len(longer) > len(sample):  # unsure of a language not plausible: a longer sample
        best, probability = language._identifier().rank(longer)[0]
        if best in allowed or probability >= language.MAJORITY:
            return str(best)
    return next((str(lang) for lang, _ in ranked if lang in allowed), None)


def _corpus_samples() -> list[str]:
    """Paragraphs in many languages and scripts: the labelled documents of tests/data, cut
    into pieces, and some made up to be unsure (mixed, short, numbers)."""
    pieces = []
    for path in sorted((Path(__file__).parent / "data").rglob("*")):
        if path.suffix not in (".txt", ".md", ".html") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        pieces += [text[at : at + 140] for at in range(0, min(len(text), 4000), 70)]
    mixed = [f"{a} {b}" for a, b in zip(TEXTS, reversed(TEXTS), strict=True)]
    return [*TEXTS, *mixed, "Ok ok ok ok ok ok", "Ja ja ja ja ja", *pieces]


def test_the_answer_is_that_of_py3langid_s_ranking() -> None:
    samples = _corpus_samples()
    assert len(samples) > 500
    for plausible in ((), ("en",), ("pl", "sv"), ("zz",)):
        for text in samples:
            assert detect_language(text, plausible) == _ranked_answer(text, plausible), text


INDONESIAN = (
    "Pemerintah kota mengumumkan bahwa jalan utama akan ditutup selama dua minggu karena "
    "perbaikan jembatan yang rusak akibat banjir. Warga diminta menggunakan jalur alternatif "
    "melalui pasar lama dan mengikuti petunjuk petugas di lapangan. Menurut kepala dinas "
    "pekerjaan umum, pekerjaan ini sudah direncanakan sejak awal tahun dan biayanya "
    "ditanggung oleh anggaran daerah."
)


def test_a_language_not_plausible_is_told_by_a_longer_sample() -> None:
    """py3langid is not sure of Indonesian on the first 100 characters (0.96), which alone
    would keep the answer among the plausible languages; the first 1,000 tell it."""
    short = language._identifier().rank(INDONESIAN[: language.SAMPLE_CHARS])
    assert short[0][0] == "id"
    assert short[0][1] < language.SURE
    assert detect_language(INDONESIAN) == "id"
    assert detect_language(INDONESIAN[: language.SAMPLE_CHARS]) in language.PLAUSIBLE
    assert detect_language(INDONESIAN, ("id",)) == "id"
