"""Fit the headline scorer's weights on the text corpus's development part.

    python tools/fit_layout.py /work/corpus/text            # cross-validated on dev, prints
    python tools/fit_layout.py /work/corpus/text --write    # and writes the weights module
    python tools/fit_layout.py /work/corpus/text --test     # also top-1 on the test part

Every candidate of every development copy (``feedpub.extract.candidates``) is a row: its
features (``feedpub.extract.headline_features``), and whether its words are the page's headline. A linear ranking is fitted on
them, a softmax over each copy's candidates (scipy and scikit-learn, development
dependencies only); the headline of a copy is its best-scoring candidate, so what counts is
top-1 accuracy per copy, measured on the
development part by 5-fold cross-validation grouped by page (a page's three copies stay in
one fold). ``--write`` saves the weights as ``feedpub/extract/layout_weights.py``, a Python
constant module read by ``layout``: a run needs no learning library.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_accuracy import load, same_text

from feedpub.dates import DateContext
from feedpub.documents import read_document
from feedpub.extract.candidates import article_run, candidates, window
from feedpub.extract.headline_features import FEATURES, features
from feedpub.extract.layout import split_headline
from feedpub.normalise import READERS

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "feedpub" / "extract" / "layout_weights.py"


def rows_of(corpus: Path, manifest: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per copy: its page id, part, variant, candidates' features and labels."""
    context = DateContext(UTC)
    out = []
    for row in manifest:
        answers = row["answers"]
        if not answers["title"]:
            continue
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        blocks = READERS["text"](text, row["file"], context).blocks
        run = article_run(blocks)
        lines = window(blocks, start=run[0])
        found = candidates(lines)
        if not found:
            continue
        labels = [same_text(answers["title"], c.text) for c in found]
        out.append({"id": row["id"], "part": row["part"], "variant": row["variant"],
                    "X": features(found, lines, blocks, run), "y": labels,
                    "shown": bool(answers["title_shown"])})  # fmt: skip
    return out


def labelled_rows() -> list[dict[str, Any]]:
    """The plain-text documents of tests/data/docs (the labelled development set), as
    copies of their own variant: the scorer must keep getting them right."""
    from accuracy import DATA, labels

    context = DateContext(UTC)
    out = []
    for name, label in labels().items():
        path = DATA / "docs" / f"{name}.txt"
        if not path.exists():
            continue
        text = read_document(path, DATA / "docs").text
        blocks = READERS["text"](text, path.name, context).blocks
        run = article_run(blocks)
        lines = window(blocks, start=run[0])
        found = candidates(lines)
        wanted = str(label["title"])
        # The labelled title is without its " | Section" or " - Publisher" suffix.
        y = [same_text(wanted, split_headline(c.text, [], True)[0]) for c in found]
        out.append({"id": name, "part": "dev", "variant": "labelled", "shown": True,
                    "X": features(found, lines, blocks, run), "y": y})  # fmt: skip
    return out


class Ranker(NamedTuple):
    """A linear scorer: a candidate's score is its features' dot product with ``coef_[0]``."""

    coef_: Any

    def decision_function(self, x: Any) -> Any:
        import numpy as np

        return np.asarray(x, dtype=float) @ self.coef_[0]


def _fit(copies: Sequence[dict[str, Any]], strength: float) -> Ranker:
    """A listwise ranking fit: for each copy, the softmax of its candidates' scores is the
    chance that each is the headline, and the weights maximise the chance the copy's
    headline candidates get (minus ``strength`` times half the squared weights). What
    counts is what sets a headline above the other lines of its own text, not above every
    line of every text: a text with a hundred menu lines weighs as much as one with five."""
    import numpy as np
    from scipy.optimize import minimize

    data = []
    for copy in copies:
        x, y = np.array(copy["X"], dtype=float), np.array(copy["y"], dtype=bool)
        if y.any() and not y.all():
            data.append((x, y))

    def loss(w: Any) -> tuple[float, Any]:
        total, gradient = 0.5 * strength * float(w @ w), strength * w
        for x, y in data:
            s = x @ w
            e = np.exp(s - s.max())
            p = e / e.sum()
            q = e * y / e[y].sum()  # the chances among the headline's candidates alone
            total -= float(np.log(e[y].sum() / e.sum()))
            gradient = gradient - x.T @ (q - p)
        return total, gradient

    result = minimize(loss, np.zeros(len(FEATURES)), jac=True, method="L-BFGS-B")
    return Ranker(np.array([result.x]))


def top1(model: Any, copies: Sequence[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Per variant: (copies whose best candidate is the headline, copies that show one)."""
    result: dict[str, list[int]] = {}
    for copy in copies:
        if not copy["shown"]:
            continue
        scores = model.decision_function(copy["X"])
        best = max(range(len(scores)), key=lambda i: scores[i])
        counts = result.setdefault(copy["variant"], [0, 0])
        counts[0] += bool(copy["y"][best])
        counts[1] += 1
    return {variant: (right, total) for variant, (right, total) in result.items()}


def cross_validate(copies: Sequence[dict[str, Any]], strength: float, folds: int = 5) -> str:
    from sklearn.model_selection import GroupKFold

    ids = [copy["id"] for copy in copies]
    totals: dict[str, list[int]] = {}
    for train, held in GroupKFold(n_splits=folds).split(copies, groups=ids):
        model = _fit([copies[i] for i in train], strength)
        for variant, (right, total) in top1(model, [copies[i] for i in held]).items():
            counts = totals.setdefault(variant, [0, 0])
            counts[0] += right
            counts[1] += total
    return _shown({v: (r, t) for v, (r, t) in totals.items()})


def _shown(result: dict[str, tuple[int, int]]) -> str:
    return ", ".join(f"{v} {r}/{t} = {100 * r / t:.0f}%" for v, (r, t) in sorted(result.items()))


def write(model: Any, path: Path = WEIGHTS) -> None:
    weights = "\n".join(
        f'    "{name}": {weight:.4f},'  # as ruff format writes it
        for name, weight in zip(FEATURES, model.coef_[0], strict=True)
    )
    path.write_text(
        '"""The headline scorer\'s weights: made by tools/fit_layout.py on the text corpus\'s\n'
        'development part (a softmax over each text\'s candidates); do not edit by hand."""\n\n'
        "BIAS = 0.0  # a ranking: only the differences between a text's lines count\n"
        f"WEIGHTS = {{\n{weights}\n}}\n",
        encoding="utf-8",
    )


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--l2", type=float, default=3.0, help="regularisation strength")
    parser.add_argument("--write", action="store_true", help="write the weights module")
    parser.add_argument("--test", action="store_true", help="also measure on the test part")
    args = parser.parse_args(argv)
    copies = rows_of(args.corpus, load(args.corpus)) + labelled_rows()
    dev = [copy for copy in copies if copy["part"] == "dev"]
    print(f"dev, cross-validated: {cross_validate(dev, args.l2)}")
    model = _fit(dev, args.l2)
    print(f"dev, fitted on all of it: {_shown(top1(model, dev))}")
    if args.test:
        print(f"test: {_shown(top1(model, [c for c in copies if c['part'] == 'test']))}")
    for name, weight in sorted(zip(FEATURES, model.coef_[0], strict=True), key=lambda p: p[1]):
        print(f"  {name:<20} {weight:+.2f}")
    if args.write:
        write(model)
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
