"""tools/fit_layout.py: the ranking fit and the weights module it writes."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from typing import Any

import pytest

from feedpub.extract.boilerplate_trees import tree_score
from feedpub.extract.candidates import Candidate, WindowLine
from feedpub.extract.headline_features import FEATURES
from feedpub.extract.headline_ranks import RANKS, rescored

from .conftest import load_tool

fit = load_tool("fit_layout")


def _copy(page: str, headline_at: int, lines: int = 5) -> dict[str, Any]:
    """A copy whose headline has the first feature set and the others do not."""
    rows = [[0.0] * len(FEATURES) for _ in range(lines)]
    rows[headline_at][FEATURES.index("title_like")] = 1.0
    for i, row in enumerate(rows):
        row[FEATURES.index("position")] = i / 10
    labels = [i == headline_at for i in range(lines)]
    shown = [WindowLine(f"Line number {i} of the page", i + 1, i, None, 1, 0) for i in range(lines)]
    found = [Candidate(ln.text, ln.line, ln.block, i, 1) for i, ln in enumerate(shown)]
    return {"id": page, "part": "dev", "variant": "w3m", "X": rows, "y": labels, "shown": True,
            "found": found, "lines": shown}  # fmt: skip


def test_the_ranking_fit_puts_the_headline_first_and_writes_its_weights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fit, "TREE_LEAF", 5)  # the real fit's leaves are larger than this fit
    copies = [_copy(f"p{n}", n % 5) for n in range(20)]
    model = fit.fit_stacked(copies, 1.0)
    assert fit.top1(model.ranker, copies) == {"w3m": (20, 20)}
    assert fit.top1(model, copies) == {"w3m": (20, 20)}
    path = tmp_path / "weights.py"
    fit.write(model, path)
    spec = importlib.util.spec_from_file_location("weights", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert list(module.WEIGHTS) == list(FEATURES)
    assert module.WEIGHTS["title_like"] > 0
    assert module.BIAS == 0.0
    assert model.trees == module.TREES  # every digit of the thresholds and the leaves
    assert module.TREE_TOP == fit.TREE_TOP


def rescored_by(copy: dict[str, Any], scores: list[float], trees: Any) -> list[float]:
    return rescored(copy["found"], copy["lines"], copy["X"], scores, trees, fit.TREE_TOP)


def test_the_trees_learn_what_the_linear_score_cannot() -> None:
    # The headline is the second best by the linear score on every page: the trees, which
    # see its rank among the page's candidates, put it first.
    copies = []
    for n in range(40):
        copy = _copy(f"p{n}", 1)
        for i, row in enumerate(copy["X"]):
            row[FEATURES.index("title_like")] = (5 - i) / 5 + (n % 7) / 10
        copies.append(copy)
    linear = [[-float(i) for i in range(5)] for _ in copies]
    trees = fit._fit_trees(copies, linear, leaf=5)  # a leaf of the real fit's size: too few rows
    assert max(trees.feature) < len(FEATURES) + len(RANKS)
    for copy, scores in zip(copies, linear, strict=True):
        rescored = rescored_by(copy, scores, lambda row: tree_score(trees, row))
        assert max(range(5), key=rescored.__getitem__) == 1


def test_copies_without_a_headline_candidate_are_left_out_of_the_fit() -> None:
    copies = [_copy(f"p{n}", n % 5) for n in range(10)]
    nothing = {**_copy("none", 0), "y": [False] * 5}
    model = fit._fit([*copies, nothing], 1.0)
    assert fit.top1(model, copies)["w3m"] == (10, 10)


def test_a_strong_prior_keeps_the_weights_it_shrinks_toward() -> None:
    copies = [_copy(f"p{n}", n % 5) for n in range(20)]
    toward = [0.0] * len(FEATURES)
    toward[FEATURES.index("bullet")] = -2.0
    model = fit._fit(copies, 1e6, toward)
    assert abs(model.coef_[0][FEATURES.index("bullet")] + 2.0) < 1e-3
    assert abs(model.coef_[0][FEATURES.index("title_like")]) < 1e-3
    loose = fit._fit(copies, 1e-3, toward)
    assert loose.coef_[0][FEATURES.index("title_like")] > 1.0


def test_the_folds_keep_a_pages_copies_together_and_hold_each_copy_out_once() -> None:
    copies = [{**_copy(f"p{n // 3}", n % 5), "variant": ("w3m", "lynx", "reader")[n % 3]}
              for n in range(30)]  # fmt: skip
    held_out: list[int] = []
    for fitted, held in fit.folds(copies):
        assert {copies[i]["id"] for i in fitted}.isdisjoint(copies[i]["id"] for i in held)
        held_out += held
    assert sorted(held_out) == list(range(30))


def test_the_strength_is_chosen_by_cross_validation() -> None:
    copies = [_copy(f"p{n}", n % 5) for n in range(20)]
    strength, report = fit.choose_strength(copies, [0.1, 1e6], [0.0] * len(FEATURES))
    assert strength == 0.1  # a prior of zeros held that strongly ranks nothing
    assert len(report) == 2
    assert "mean 100.0%" in report[0]


def test_each_variant_weighs_the_same_halfway() -> None:
    copies = [_copy("a", 0)] * 4 + [{**_copy("b", 0), "variant": "reader"}]
    weights = fit._copy_weights(copies)
    assert abs(weights[0] - (2.5 / 4) ** 0.5) < 1e-9
    assert abs(weights[-1] - 2.5**0.5) < 1e-9


def test_the_prior_can_be_the_weights_shipped_at_a_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = tmp_path / "feedpub" / "extract" / "layout_weights.py"
    weights.parent.mkdir(parents=True)
    weights.write_text('BIAS = 0.0\nWEIGHTS = {"bullet": -2.5, "gone": 1.0}\n', encoding="utf-8")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "weights"], check=True)
    weights.write_text('BIAS = 0.0\nWEIGHTS = {"bullet": 9.0}\n', encoding="utf-8")
    monkeypatch.setattr(fit, "ROOT", tmp_path)
    vector = fit.prior("HEAD")
    assert vector[FEATURES.index("bullet")] == -2.5  # as committed, not as in the tree
    assert sum(abs(v) for v in vector) == 2.5  # a feature the commit lacks weighs 0


def test_the_rows_are_kept_in_a_file_until_the_code_or_the_corpus_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "checkout"
    (root / "feedpub").mkdir(parents=True)
    module = root / "feedpub" / "features.py"
    module.write_text("A = 1\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "manifest.jsonl").write_text("{}\n", encoding="utf-8")
    made: list[int] = []

    def rows_of(corpus: Path, manifest: object) -> list[dict[str, object]]:
        made.append(len(made))
        return [_copy(f"made {len(made)}", 0)]

    monkeypatch.setattr(fit, "ROOT", root)
    monkeypatch.setattr(fit, "load", lambda corpus: [{"part": "dev"}])
    monkeypatch.setattr(fit, "rows_of", rows_of)
    monkeypatch.setattr(fit, "labelled_rows", lambda: [])
    kept = tmp_path / "rows.pickle"
    first = fit.kept_rows(corpus, False, kept)
    assert [c["id"] for c in first] == ["made 1"]
    assert fit.kept_rows(corpus, False, kept) == first  # read back, not made again
    assert made == [0]
    module.write_text("A = 2\n", encoding="utf-8")  # the features' code changed
    assert [c["id"] for c in fit.kept_rows(corpus, False, kept)] == ["made 2"]
    assert [c["id"] for c in fit.kept_rows(corpus, True, kept)] == ["made 3"]  # the test part
    (corpus / "manifest.jsonl").write_text("{}\n{}\n", encoding="utf-8")
    assert [c["id"] for c in fit.kept_rows(corpus, True, kept)] == ["made 4"]
    assert [c["id"] for c in fit.kept_rows(corpus, True, None)] == ["made 5"]  # no file
