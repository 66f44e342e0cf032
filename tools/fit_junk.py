"""Fit the boilerplate scorer's weights on the text corpus's development part.

    python tools/fit_junk.py /work/corpus/text            # cross-validated on dev, prints
    python tools/fit_junk.py /work/corpus/text --write    # and writes the weights module

Every line of every development copy that the normaliser hands to
``feedpub.extract.boilerplate.article_blocks`` (the text after the headline it found) is a
row: its features (``line_features``) and whether it is the article's (the corpus's own test,
``text_corpus.Article.has``). A logistic regression (scikit-learn, a development dependency
only) is fitted on them; a second one on each line's score beside its neighbours'
(``context_features``). Both are measured by 5-fold cross-validation grouped by page (a
page's three copies stay in one fold): the share of junk lines dropped and of article words
kept. ``--write`` saves the weights as ``feedpub/extract/boilerplate_weights.py``, a Python
constant module: a run needs no learning library. The threshold is chosen on dev with
``tools/text_accuracy.py`` (junk removed against body F1) and given with ``--threshold``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_accuracy import FIRST_SEEN, load
from text_corpus import Article

from feedpub import Document, DocumentError, inspect_document
from feedpub.extract import boilerplate
from feedpub.metadata import Block

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "feedpub" / "extract" / "boilerplate_weights.py"
_FOLDS = 5
# The module, not the function feedpub exports under the same name.
_NORMALISE = importlib.import_module("feedpub.normalise")


def copy_blocks(text: str, name: str) -> list[Block]:
    """The blocks the normaliser asks ``article_blocks`` about for one copy."""
    seen: list[list[Block]] = []
    real = _NORMALISE.article_blocks

    def capture(blocks: Sequence[Block]) -> list[Block]:
        seen.append(list(blocks))
        return real(blocks)

    _NORMALISE.article_blocks = capture  # type: ignore[assignment]
    try:
        inspect_document(Document(name, text), first_seen=FIRST_SEEN)
    except DocumentError:
        pass
    finally:
        _NORMALISE.article_blocks = real
    return seen[0] if seen else []


def rows_of(corpus: Path, manifest: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per copy: its page id, features per line, labels (1: the article's) and words."""
    out = []
    for row in manifest:
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        blocks = copy_blocks(text, row["file"])
        if not blocks:
            continue
        answers = row["answers"]
        article = Article(answers["body"], answers["title"])
        lines = [line for block in blocks for line in block.lines or (block.text,)]
        labels = [article.has(line) or article.is_title(line) for line in lines]
        block_of = [i for i, block in enumerate(blocks) for _ in block.lines or (block.text,)]
        out.append({"id": row["id"], "variant": row["variant"], "lines": lines,
                    "X": boilerplate.line_features(blocks), "y": labels,
                    "block_of": block_of})  # fmt: skip
    return out


def _fit(rows: Sequence[dict[str, Any]]) -> tuple[list[float], list[float]]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    def model() -> Any:
        return LogisticRegression(C=1.0, max_iter=3000, fit_intercept=False)

    X = np.array([x for r in rows for x in r["X"]])
    y = np.array([v for r in rows for v in r["y"]])
    first = model().fit(X, y)
    line_weights = [float(w) for w in first.coef_[0]]
    X2, y2 = _context_rows(rows, line_weights)
    second = model().fit(np.array(X2), np.array(y2))
    return line_weights, [float(w) for w in second.coef_[0]]


def _context_rows(
    rows: Sequence[dict[str, Any]], line_weights: Sequence[float]
) -> tuple[list[list[float]], list[bool]]:
    X: list[list[float]] = []
    y: list[bool] = []
    for r in rows:
        own = [sum(w * x for w, x in zip(line_weights, row, strict=True)) for row in r["X"]]
        X.extend(boilerplate.context_features(own, r["X"], r["block_of"]))
        y.extend(r["y"])
    return X, y


def _measure(
    rows: Sequence[dict[str, Any]], weights: tuple[list[float], list[float]], threshold: float
) -> dict[str, tuple[int, int]]:
    """Per variant: (junk lines dropped, junk lines), (article lines kept, article lines)."""
    out: dict[str, tuple[int, int]] = {}
    for r in rows:
        X2, y = _context_rows([r], weights[0])
        kept = [sum(w * x for w, x in zip(weights[1], row, strict=True)) > threshold for row in X2]
        for name, want in (("junk", False), ("article", True)):
            key = f"{r['variant']} {name}"
            hits, total = out.get(key, (0, 0))
            out[key] = (
                hits + sum(k == want for k, label in zip(kept, y, strict=True) if label == want),
                total + sum(label == want for label in y),
            )
    return out


def _write(
    weights: tuple[list[float], list[float]], threshold: float, path: Path = WEIGHTS
) -> None:
    def numbers(values: Sequence[float], names: Sequence[str]) -> str:
        return "".join(f"    {v:.4f},  # {n}\n" for v, n in zip(values, names, strict=True))

    path.write_text(
        '"""The boilerplate scorer\'s weights: made by tools/fit_junk.py on the text corpus\'s\n'
        'development part (logistic regressions on its lines); do not edit by hand."""\n\n'
        f"THRESHOLD = {threshold}  # a line scoring above it is the article's\n"
        "LINE_WEIGHTS = (\n"
        + numbers(weights[0], boilerplate.LINE_FEATURES)
        + ")\nCONTEXT_WEIGHTS = (\n"
        + numbers(weights[1], boilerplate.CONTEXT_FEATURES)
        + ")\n",
        encoding="utf-8",
    )


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the folder tools/text_corpus.py wrote")
    parser.add_argument("--write", action="store_true", help="write the weights module")
    parser.add_argument("--threshold", type=float, default=0.0, help="the keeping threshold")
    args = parser.parse_args(argv)
    rows = rows_of(args.corpus, [r for r in load(args.corpus) if r["part"] == "dev"])
    pages = sorted({r["id"] for r in rows})
    totals: dict[str, list[int]] = {}
    for fold in range(_FOLDS):
        held = set(pages[fold::_FOLDS])
        weights = _fit([r for r in rows if r["id"] not in held])
        for key, (hits, total) in _measure(
            [r for r in rows if r["id"] in held], weights, args.threshold
        ).items():
            sums = totals.setdefault(key, [0, 0])
            sums[0] += hits
            sums[1] += total
    for key, (hits, total) in sorted(totals.items()):
        what = "dropped" if key.endswith("junk") else "kept"
        print(f"{key} lines {what}: {100 * hits / total:.1f}% of {total} (5-fold, dev)")
    if args.write:
        _write(_fit(rows), args.threshold)
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
