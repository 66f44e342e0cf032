"""Fit the headline scorer's weights on the text corpus's development part.

    python tools/fit_layout.py /work/corpus/text-v2            # cross-validated on dev, prints
    python tools/fit_layout.py /work/corpus/text-v2 --write    # and writes the weights module
    python tools/fit_layout.py /work/corpus/text-v2 --misses w3m   # the held-out misses
    python tools/fit_layout.py /work/corpus/text-v2 --test     # also top-1 on the test part
    python tools/fit_layout.py /work/corpus/text-v2 --rows /tmp/layout.pickle  # rows kept

Every candidate of every development copy (``feedpub.extract.candidates``) is a row: its
features (``feedpub.extract.headline_features``) and whether its words are the page's
headline. A linear ranking is fitted on them, a softmax over each copy's candidates (scipy
and scikit-learn, development dependencies only); the headline of a copy is its
best-scoring candidate, so what counts is top-1 accuracy per copy.

The fit is regularised toward a prior: the weights shipped now (``layout_weights``, what
the last fit learned; 0 for a feature it did not have) or at ``--prior-from COMMIT``, with a
strength chosen by cross-validation. A prior fitted on the same development pages flatters
a strong prior in the cross-validation (the held-out pages were in its fit): take one fitted
before them (``--prior-from 54b6cc1``: fitted on the old corpus's development part, the
readability and benchmark pages only), or ``--no-prior``.

The fold rule: 5 folds grouped by page (``GroupKFold`` on the page id: a page's w3m, lynx
and reader copies are always in the same fold, so no page is both fitted and measured);
each strength of ``--strengths`` is measured by its held-out top-1, averaged over the
variants (w3m, lynx, reader, the labelled documents), and the best one fits the whole
development part. Each variant weighs the same in the fit too (a copy's weight is the
square root of the variants' mean count over its variant's count): the corpus has six whole
page dumps for each reader copy. ``--write`` saves the weights as
``feedpub/extract/layout_weights.py``, a Python constant module read by ``layout``: a run
needs no learning library.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_junk import _trees as trees_of
from fit_junk import trees_source
from text_accuracy import load, same_text

from feedpub.dates import DateContext
from feedpub.documents import read_document
from feedpub.extract.boilerplate_trees import Trees, tree_scorer
from feedpub.extract.candidates import article_run, candidates, window
from feedpub.extract.headline_features import FEATURES, features
from feedpub.extract.headline_ranks import best_first, ranks, rescored
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
                    "shown": bool(answers["title_shown"]), "file": row["file"],
                    "texts": [c.text for c in found], "title": answers["title"],
                    "found": found, "lines": lines})  # fmt: skip
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
                    "X": features(found, lines, blocks, run), "y": y, "file": path.name,
                    "texts": [c.text for c in found], "title": wanted,
                    "found": found, "lines": lines})  # fmt: skip
    return out


def rows_key(corpus: Path, test: bool) -> str:
    """What the rows depend on: the package's code, the corpus's manifest and its part."""
    digest = hashlib.sha256(b"test" if test else b"dev")
    digest.update((corpus / "manifest.jsonl").read_bytes())
    for path in sorted((ROOT / "feedpub").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def kept_rows(corpus: Path, test: bool, path: Path | None) -> list[dict[str, Any]]:
    """The copies' rows (``rows_of`` and ``labelled_rows``), kept in the file ``path`` when
    given: read from it while the code and the corpus are those it was made with (a fit on
    the whole development part takes minutes to make them), made and written again
    otherwise."""
    key = rows_key(corpus, test)
    if path is not None and path.exists():
        kept = pickle.loads(path.read_bytes())  # our own file, written below
        if kept.get("key") == key:
            return list(kept["copies"])
        print(f"{path}: made by other code or another corpus: making the rows again")
    manifest = [row for row in load(corpus) if test or row["part"] == "dev"]
    copies = rows_of(corpus, manifest) + labelled_rows()
    if path is not None:
        path.write_bytes(pickle.dumps({"key": key, "copies": copies}))
    return copies


class Ranker(NamedTuple):
    """A linear scorer: a candidate's score is its features' dot product with ``coef_[0]``."""

    coef_: Any

    def decision_function(self, x: Any) -> Any:
        import numpy as np

        return np.asarray(x, dtype=float) @ self.coef_[0]


def prior(commit: str | None = None) -> Any:
    """The weights shipped now, or at git ``commit``, in ``FEATURES`` order (0 for a feature
    they lack)."""
    import subprocess

    import numpy as np

    if commit is None:
        from feedpub.extract.layout_weights import WEIGHTS as shipped
    else:
        source = subprocess.run(
            ["git", "show", f"{commit}:feedpub/extract/layout_weights.py"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        module: dict[str, Any] = {}
        exec(compile(source, f"{commit}:layout_weights.py", "exec"), module)  # our own file
        shipped = module["WEIGHTS"]
    return np.array([shipped.get(name, 0.0) for name in FEATURES])


def _fit(copies: Sequence[dict[str, Any]], strength: float, toward: Any = None) -> Ranker:
    """A listwise ranking fit: for each copy, the softmax of its candidates' scores is the
    chance that each is the headline, and the weights maximise the chance the copy's
    headline candidates get, each copy weighed by its variant (``_copy_weights``), minus
    ``strength`` times half the squared distance of the weights from ``toward`` (zero when
    not given). What counts is what sets a headline above the other lines of its own text,
    not above every line of every text: a text with a hundred menu lines weighs as much as
    one with five."""
    import numpy as np
    from scipy.optimize import minimize

    start = np.zeros(len(FEATURES)) if toward is None else np.asarray(toward, dtype=float)
    data = []
    for copy, weight in zip(copies, _copy_weights(copies), strict=True):
        x, y = np.array(copy["X"], dtype=float), np.array(copy["y"], dtype=bool)
        if y.any() and not y.all():
            data.append((x, y, weight))

    def loss(w: Any) -> tuple[float, Any]:
        away = w - start
        total, gradient = 0.5 * strength * float(away @ away), strength * away
        for x, y, weight in data:
            s = x @ w
            e = np.exp(s - s.max())
            p = e / e.sum()
            q = e * y / e[y].sum()  # the chances among the headline's candidates alone
            total -= weight * float(np.log(e[y].sum() / e.sum()))
            gradient = gradient - weight * (x.T @ (q - p))
        return total, gradient

    result = minimize(loss, start, jac=True, method="L-BFGS-B")
    return Ranker(np.array([result.x]))


def _copy_weights(copies: Sequence[dict[str, Any]]) -> list[float]:
    """Each copy's weight in the fit: the square root of the variants' mean count over its
    own variant's count (halfway between counting copies and counting variants)."""
    counts: dict[str, int] = {}
    for copy in copies:
        counts[copy["variant"]] = counts.get(copy["variant"], 0) + 1
    mean = len(copies) / len(counts) if counts else 0.0
    return [(mean / counts[copy["variant"]]) ** 0.5 for copy in copies]


def _best(model: Any, copy: dict[str, Any]) -> int:
    stacked = isinstance(model, Stacked)
    scores = model.rescore(copy) if stacked else model.decision_function(copy["X"])
    return max(range(len(scores)), key=lambda i: scores[i])


TREE_TOP = 5  # the best candidates by the linear score that the trees score again
TREE_COUNT, TREE_DEPTH, TREE_RATE, TREE_LEAF = 100, 4, 0.1, 100  # TREE_LEAF: rows a leaf has


class Stacked(NamedTuple):
    """The linear ranker, then trees that score its ``TREE_TOP`` best candidates again on
    their features, their linear score and their ranks among the page's candidates
    (``headline_ranks``), as ``layout`` runs them."""

    ranker: Ranker
    trees: Trees

    def rescore(self, copy: dict[str, Any]) -> list[float]:
        linear = [float(s) for s in self.ranker.decision_function(copy["X"])]
        return rescored(copy["found"], copy["lines"], copy["X"], linear,
                        tree_scorer(self.trees), TREE_TOP)  # fmt: skip


def out_of_fold(
    copies: Sequence[dict[str, Any]], strength: float, toward: Any = None
) -> list[list[float]]:
    """Each copy's candidates' linear scores by a ranker fitted on the other folds' pages:
    the trees learn from scores as a ranker gives them to pages it has not seen."""
    scores: list[list[float]] = [[] for _ in copies]
    for fitted, held in folds(copies):
        model = _fit([copies[i] for i in fitted], strength, toward)
        for i in held:
            scores[i] = [float(s) for s in model.decision_function(copies[i]["X"])]
    return scores


def _fit_trees(
    copies: Sequence[dict[str, Any]], linear: Sequence[Sequence[float]], leaf: int | None = None
) -> Trees:
    """Gradient-boosted trees on the ``TREE_TOP`` best candidates (by ``linear``) of each copy
    whose headline is among them: its features, then its ``ranks``; each copy weighed by its
    variant (``_copy_weights``)."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    X: list[list[float]] = []
    y: list[bool] = []
    w: list[float] = []
    for copy, scores, weight in zip(copies, linear, _copy_weights(copies), strict=True):
        best = best_first(scores, TREE_TOP)
        if not any(copy["y"][i] for i in best):
            continue
        relative = ranks(copy["found"], copy["lines"], scores, best)
        X += [[*copy["X"][i], *vector] for i, vector in zip(best, relative, strict=True)]
        y += [bool(copy["y"][i]) for i in best]
        w += [weight] * len(best)
    model = HistGradientBoostingClassifier(
        max_iter=TREE_COUNT, max_depth=TREE_DEPTH, max_leaf_nodes=2**TREE_DEPTH,
        learning_rate=TREE_RATE, min_samples_leaf=TREE_LEAF if leaf is None else leaf,
        early_stopping=False, random_state=0,
    ).fit(np.array(X), np.array(y), sample_weight=np.array(w))  # fmt: skip
    return trees_of(model)


def fit_stacked(copies: Sequence[dict[str, Any]], strength: float, toward: Any = None) -> Stacked:
    """The linear ranker fitted on ``copies``, and the trees on their out-of-fold scores."""
    trees = _fit_trees(copies, out_of_fold(copies, strength, toward))
    return Stacked(_fit(copies, strength, toward), trees)


def top1(model: Any, copies: Sequence[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Per variant: (copies whose best candidate is the headline, copies that show one)."""
    result: dict[str, list[int]] = {}
    for copy in copies:
        if not copy["shown"]:
            continue
        counts = result.setdefault(copy["variant"], [0, 0])
        counts[0] += bool(copy["y"][_best(model, copy)])
        counts[1] += 1
    return {variant: (right, total) for variant, (right, total) in result.items()}


FOLDS = 5


def folds(copies: Sequence[dict[str, Any]]) -> list[tuple[list[int], list[int]]]:
    """(fitted, held out) indexes of the copies, 5 folds grouped by page id."""
    from sklearn.model_selection import GroupKFold

    ids = [copy["id"] for copy in copies]
    return [
        (list(fitted), list(held))
        for fitted, held in GroupKFold(n_splits=FOLDS).split(copies, groups=ids)
    ]


def cross_validate(
    copies: Sequence[dict[str, Any]], strength: float, toward: Any = None, stacked: bool = False
) -> tuple[dict[str, tuple[int, int]], list[dict[str, Any]]]:
    """The held-out top-1 per variant, and the held-out misses (each copy with the
    candidate chosen for it); of the linear ranker, or with ``stacked`` of the ranker and
    its trees (``fit_stacked``: the out-of-fold scores the trees learn from are made within
    the fitted folds, so no held-out page is in any of the fits)."""
    totals: dict[str, list[int]] = {}
    misses = []
    fit = fit_stacked if stacked else _fit
    for fitted, held in folds(copies):
        model = fit([copies[i] for i in fitted], strength, toward)
        out = [copies[i] for i in held]
        for variant, (right, total) in top1(model, out).items():
            counts = totals.setdefault(variant, [0, 0])
            counts[0] += right
            counts[1] += total
        misses += [
            {**copy, "chosen": best}
            for copy in out
            if copy["shown"] and not copy["y"][best := _best(model, copy)]
        ]
    return {v: (r, t) for v, (r, t) in totals.items()}, misses


def mean_top1(result: dict[str, tuple[int, int]]) -> float:
    """The variants' mean top-1 (each variant counts the same)."""
    return sum(r / t for r, t in result.values()) / len(result) if result else 0.0


def choose_strength(
    copies: Sequence[dict[str, Any]], strengths: Sequence[float], toward: Any = None
) -> tuple[float, list[str]]:
    """The strength of the best cross-validated mean top-1, and one line per strength."""
    report, best, best_mean = [], strengths[0], -1.0
    for strength in strengths:
        result, _ = cross_validate(copies, strength, toward)
        mean = mean_top1(result)
        report.append(f"  strength {strength:g}: {_shown(result)} (mean {100 * mean:.1f}%)")
        if mean > best_mean:
            best, best_mean = strength, mean
    return best, report


def _shown(result: dict[str, tuple[int, int]]) -> str:
    return ", ".join(f"{v} {r}/{t} = {100 * r / t:.0f}%" for v, (r, t) in sorted(result.items()))


def write(model: Stacked, path: Path = WEIGHTS) -> None:
    """The ranker's weights and its trees as ``layout_weights``."""
    weights = "\n".join(
        f'    "{name}": {weight:.4f},'  # as ruff format writes it
        for name, weight in zip(FEATURES, model.ranker.coef_[0], strict=True)
    )
    trees = model.trees
    path.write_text(
        '"""The headline scorer\'s weights: made by tools/fit_layout.py on the text corpus\'s\n'
        "development part (a softmax over each text's candidates, shrunk toward the weights\n"
        "before it by a strength chosen by cross-validation by page; then gradient-boosted\n"
        "trees that score the best few again, on their features, then their ranks among the\n"
        'page\'s candidates, headline_ranks.RANKS); do not edit by hand."""\n\n'
        "from feedpub.extract.boilerplate_trees import Trees\n\n"
        "BIAS = 0.0  # a ranking: only the differences between a text's lines count\n"
        f"WEIGHTS = {{\n{weights}\n}}\n"
        f"TREE_TOP = {TREE_TOP}  # the best candidates by the weights that the trees score again\n"
        "# The trees' nodes, one after the other (boilerplate_trees.tree_score): a leaf's\n"
        "# feature is -1; features index headline_features.FEATURES, then headline_ranks.RANKS.\n"
        "# fmt: off\n" + trees_source(trees, ".17g"),
        encoding="utf-8",
    )


def _misses(misses: Sequence[dict[str, Any]], variant: str) -> None:
    for copy in misses:
        if copy["variant"] != variant:
            continue
        right = [t for t, y in zip(copy["texts"], copy["y"], strict=True) if y]
        chosen = copy["texts"][copy["chosen"]]
        print(f"{copy['file']}\n  wanted {copy['title']!r}\n  chose  {chosen!r}")
        print(f"  ({'a candidate: ' + repr(right[0]) if right else 'no candidate is it'})")


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument(
        "--strengths", default="1,3,10,30,100,300", help="the prior's strengths to cross-validate"
    )
    parser.add_argument("--no-prior", action="store_true", help="shrink toward zero instead")
    parser.add_argument(
        "--prior-from", metavar="COMMIT", help="the prior: the weights shipped at this commit"
    )
    parser.add_argument("--misses", metavar="VARIANT", help="list the held-out misses")
    parser.add_argument("--write", action="store_true", help="write the weights module")
    parser.add_argument("--test", action="store_true", help="also measure on the test part")
    parser.add_argument("--rows", type=Path, help="a file to keep the candidates' rows in")
    args = parser.parse_args(argv)
    copies = kept_rows(args.corpus, args.test, args.rows)
    dev = [copy for copy in copies if copy["part"] == "dev"]
    toward = None if args.no_prior else prior(args.prior_from)
    strengths = [float(s) for s in args.strengths.split(",")]
    strength, report = choose_strength(dev, strengths, toward)
    print("dev, cross-validated by page:", *report, sep="\n")
    if args.misses:
        _misses(cross_validate(dev, strength, toward)[1], args.misses)
    stacked, _ = cross_validate(dev, strength, toward, stacked=True)
    print(f"with the trees, cross-validated by page: {_shown(stacked)}")
    model = fit_stacked(dev, strength, toward)
    print(f"strength {strength:g}, fitted on all of dev: {_shown(top1(model, dev))}")
    if args.test:
        print(f"test: {_shown(top1(model, [c for c in copies if c['part'] == 'test']))}")
    pairs = zip(FEATURES, model.ranker.coef_[0], strict=True)
    for name, weight in sorted(pairs, key=lambda p: p[1]):
        print(f"  {name:<20} {weight:+.2f}")
    if args.write:
        write(model)
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
