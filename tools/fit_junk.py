"""Fit the boilerplate scorer's weights on the text corpus's development part.

    python tools/fit_junk.py /work/corpus/text-v2            # cross-validated on dev, prints
    python tools/fit_junk.py /work/corpus/text-v2 --write    # and writes the weights module
    python tools/fit_junk.py /work/corpus/text-v2 --summary  # writes only the summary's rule

Every line of every development copy that the normaliser hands to
``feedpub.extract.boilerplate.article`` (the text after the headline it found) and that the
scorer decides (wrapped copies: reader views keep the rules) is a row: its features
(``line_features``) and whether it is the article's, by ``text_corpus.line_labels``: on a
page whose whole article is known, whether the article holds the line; on a page known by
passages only (text-v2's trafilatura, goose3 and postlight pages), True where a passage of
the article covers it, False where passages known not to be the article's make it up, and
unknown elsewhere: such lines are left out of the fit and of every measure, never counted
as junk. Gradient-boosted trees (scikit-learn, a development dependency only) are fitted on
the labelled rows; a logistic regression on each line's score beside its neighbours'
(``context_features``). Both are measured by 5-fold cross-validation grouped by page (a
page's copies stay in one fold): the share of junk lines dropped, the body F1 and the share
of the labelled article lines kept. The keeping threshold is part of the fit: the highest of
``THRESHOLDS`` (the one dropping the most junk) whose cross-validated scores give a mean
body F1 (``text_accuracy.f1``: the kept lines of a copy, before the block saying its article
ended, against the article) within ``F1_TOLERANCE`` of the best, over the copies the scorer
decides whose article is known. So is the summary's rule (``boilerplate.lead``: the first
of the body's first paragraphs whose kept lines score ``SUMMARY_SCORES`` on average, with
``SUMMARY_WORDS`` words or more): the pair giving the most right summaries
(``text_accuracy.right_summary``) on the cross-validated scores at that threshold and on
the scores of the weights the run ends with (those it writes, or with ``--summary`` the
shipped ones, at their threshold), on the pages whose article is known. ``--write`` saves
the trees, the weights, the threshold and the summary's rule as
``feedpub/extract/boilerplate_weights.py``, a Python constant module: a run needs no
learning library; ``--summary`` writes the summary's rule alone.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_accuracy import f1, first_call, load, right_summary
from text_corpus import Answers, line_labels

from feedpub.extract import article_end, boilerplate
from feedpub.extract import boilerplate_weights as shipped
from feedpub.extract.article_end import block_value, end_of
from feedpub.extract.body import clean_body
from feedpub.extract.boilerplate_trees import Trees
from feedpub.metadata import Block

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "feedpub" / "extract" / "boilerplate_weights.py"
_FOLDS = 5
# The first stage's trees: how many, how deep, how much each corrects the ones before.
TREES, TREE_DEPTH, LEARNING_RATE = 100, 3, 0.2
# The thresholds tried: logits from -3 to 2 by a quarter.
THRESHOLDS = tuple(n / 4 for n in range(-12, 9))
# The opening paragraph's least mean line score and words tried (boilerplate.lead).
SUMMARY_SCORES = tuple(n / 2 for n in range(11))
SUMMARY_WORDS = (0, 8, 12, 16, 20, 25, 30)
# Mean body F1s closer than this are the same (half a point: the figures are reported to two
# digits; a few words a copy): of those the threshold dropping the most junk is taken (the
# issue's goal is the junk, at a body F1 no lower).
F1_TOLERANCE = 0.005
# The module, not the function feedpub exports under the same name.
_NORMALISE = importlib.import_module("feedpub.normalise")
Weights = tuple[Trees, list[float]]


def copy_blocks(text: str, name: str) -> tuple[list[Block], str]:
    """The blocks the normaliser asks ``boilerplate.article`` about for one copy, and the
    headline it found."""
    called = first_call(_NORMALISE, "article", text, name)
    return (list(called["blocks"]), called["title"]) if called else ([], "")


def rows_of(corpus: Path, manifest: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per copy: its page id, features per line, labels (True: the article's, False: not,
    None: not known, by ``text_corpus.line_labels``) and what the measures need."""
    out = []
    for row in manifest:
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        blocks, title = copy_blocks(text, row["file"])
        if not blocks:
            continue
        answers = row["answers"]
        lines = [line for block in blocks for line in block.lines or (block.text,)]
        block_of = [i for i, block in enumerate(blocks) for _ in block.lines or (block.text,)]
        kinds = article_end.page_kinds(blocks)
        end = end_of([block_value(k) for k in kinds])
        # The lines article_blocks drops whatever their score: junk lines, captions, menus.
        dropped = [
            article_end.is_menu(block_lines)
            or i in captions
            or article_end.junk_line_at(block_lines, k, i)
            for block, k in zip(blocks, kinds, strict=True)
            for block_lines in [block.lines or (block.text,)]
            for captions in [article_end.caption_lines(block_lines)]
            for i in range(len(block_lines))
        ]
        body_known = answers.get("body_known", True)
        out.append({"id": row["id"], "variant": row["variant"], "lines": lines,
                    "X": boilerplate.line_features(blocks), "y": labels_of(text, blocks, answers),
                    "block_of": block_of,
                    "may_keep": [b < end and not d for b, d in zip(block_of, dropped, strict=True)],
                    "scored": boilerplate.scored(blocks), "body_known": body_known,
                    "body": answers["body"], "blocks": blocks, "title": title})  # fmt: skip
    return out


def labels_of(text: str, blocks: Sequence[Block], answers: dict[str, Any]) -> list[bool | None]:
    """``text_corpus.line_labels`` of each line of ``blocks`` (a line the normaliser made
    that is no line of the copy as written: None)."""
    source = [line.strip() for line in text.split("\n")]
    known = Answers(
        title=answers["title"],
        body=answers["body"],
        body_known=answers.get("body_known", True),
        anchors=answers.get("anchors", []),
        not_body=answers.get("not_body", []),
    )
    labels = line_labels(source, known)
    out: list[bool | None] = []
    for block in blocks:
        for k, line in enumerate(block.lines or (block.text,)):
            at = block.line - 1 + k
            out.append(labels[at] if 0 <= at < len(source) and source[at] == line else None)
    return out


def _labelled(rows: Sequence[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], list[int]]]:
    """Each copy the scorer decides, with its labelled lines."""
    for r in rows:
        if r["scored"]:
            labelled = [i for i, label in enumerate(r["y"]) if label is not None]
            if labelled:
                yield r, labelled


def _fit(rows: Sequence[dict[str, Any]]) -> Weights:
    """Gradient-boosted trees on the lines' own features, then a logistic regression on each
    line's score beside its neighbours' (``context_features``); on the labelled lines of
    the copies the scorer decides."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    chosen = list(_labelled(rows))
    X = np.array([r["X"][i] for r, labelled in chosen for i in labelled])
    y = np.array([r["y"][i] for r, labelled in chosen for i in labelled], dtype=bool)
    first = HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=TREE_DEPTH, max_leaf_nodes=2**TREE_DEPTH,
        learning_rate=LEARNING_RATE, early_stopping=False, random_state=0,
    ).fit(X, y)  # fmt: skip
    trees = _trees(first)
    X2, y2 = _context_rows(chosen, trees)
    second = LogisticRegression(C=1.0, max_iter=3000, fit_intercept=False)
    second.fit(np.array(X2), np.array(y2, dtype=bool))
    return trees, [float(w) for w in second.coef_[0]]


def _trees(model: Any) -> Trees:
    """A fitted ``HistGradientBoostingClassifier``'s trees as flat lists (see
    ``boilerplate.tree_score``): the leaves' feature is -1."""
    roots: list[int] = []
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    for (predictor,) in model._predictors:  # one per iteration (binary: one tree each)
        base = len(feature)
        roots.append(base)
        for node in predictor.nodes:
            leaf = bool(node["is_leaf"])
            feature.append(-1 if leaf else int(node["feature_idx"]))
            threshold.append(0.0 if leaf else float(node["num_threshold"]))
            left.append(0 if leaf else base + int(node["left"]))
            right.append(0 if leaf else base + int(node["right"]))
            value.append(float(node["value"]) if leaf else 0.0)
    import numpy as np

    bias = float(np.asarray(model._baseline_prediction).ravel()[0])
    return Trees(bias, *map(tuple, (roots, feature, threshold, left, right, value)))


def _context_rows(
    chosen: Iterable[tuple[dict[str, Any], list[int]]], trees: Trees
) -> tuple[list[list[float]], list[bool]]:
    X: list[list[float]] = []
    y: list[bool] = []
    score = boilerplate.tree_scorer(trees)
    for r, labelled in chosen:
        own = [score(row) for row in r["X"]]
        rows = boilerplate.context_features(own, r["X"], r["block_of"])
        X.extend(rows[i] for i in labelled)
        y.extend(r["y"][i] for i in labelled)
    return X, y


def _scores(rows: Sequence[dict[str, Any]], weights: Weights) -> list[list[float]]:
    """Per copy, each line's score (the second stage's logit)."""
    out = []
    score = boilerplate.tree_scorer(weights[0])
    for r in rows:
        own = [score(row) for row in r["X"]]
        context = boilerplate.context_features(own, r["X"], r["block_of"])
        out.append([sum(w * x for w, x in zip(weights[1], row, strict=True)) for row in context])
    return out


def _measure(
    rows: Sequence[dict[str, Any]], scores: Sequence[Sequence[float]], threshold: float
) -> dict[str, tuple[float, float, float]]:
    """Per variant of the scored copies: the share of junk lines (labelled so) dropped, the
    mean body F1 of the lines kept (those scoring above ``threshold`` before the article's
    end, junk lines and menus aside, as ``boilerplate.article_blocks`` keeps them) and the
    share of the article's lines kept on the pages known by passages only."""
    sums: dict[str, list[float]] = {}
    for r, line_scores in zip(rows, scores, strict=True):
        if not r["scored"]:
            continue
        kept = [s > threshold and may for s, may in zip(line_scores, r["may_keep"], strict=True)]
        junk = [not k for k, label in zip(kept, r["y"], strict=True) if label is False]
        total = sums.setdefault(r["variant"], [0, 0, 0.0, 0, 0, 0])
        total[0] += sum(junk)
        total[1] += len(junk)
        if r.get("body_known", True):
            body = "\n".join(line for line, k in zip(r["lines"], kept, strict=True) if k)
            total[2] += f1(r["body"], body)
            total[3] += 1
        else:
            article = [k for k, label in zip(kept, r["y"], strict=True) if label is True]
            total[4] += sum(article)
            total[5] += len(article)
    return {v: (t[0] / (t[1] or 1), t[2] / (t[3] or 1), t[4] / (t[5] or 1))
            for v, t in sums.items()}  # fmt: skip


def best_threshold(
    rows: Sequence[dict[str, Any]], scores: Sequence[Sequence[float]]
) -> tuple[float, dict[float, dict[str, tuple[float, float, float]]]]:
    """The highest threshold of ``THRESHOLDS`` (the one dropping the most junk) whose mean
    body F1 over the scored copies whose article is known is within ``F1_TOLERANCE`` of the
    best, and every threshold's measures. (The F1 of the kept lines against the labelled
    ones of the pages known by passages would favour keeping everything: most of those
    pages label the article's lines only.)"""
    measured = {t: _measure(rows, scores, t) for t in THRESHOLDS}
    copies = Counter(r["variant"] for r in rows if r["scored"] and r.get("body_known", True))

    def mean_f1(threshold: float) -> float:
        total = sum(copies.values()) or 1
        return sum(copies[v] * f for v, (_, f, _) in measured[threshold].items()) / total

    best = max(mean_f1(t) for t in THRESHOLDS)
    return max(t for t in THRESHOLDS if mean_f1(t) >= best - F1_TOLERANCE), measured


def best_summary(
    rows: Sequence[dict[str, Any]],
    scores: Sequence[Sequence[float]],
    threshold: float,
    also: Sequence[Sequence[Sequence[float]]] = (),
) -> tuple[tuple[float, int], dict[tuple[float, int], float]]:
    """The (score, words) of ``SUMMARY_SCORES`` and ``SUMMARY_WORDS`` whose ``boilerplate.lead``
    (the summary where it finds one, else the first paragraph) is right on the most scored
    copies (``text_accuracy.right_summary``), the first of equals; and every pair's share.
    ``also``: more scores of the same rows, counted as well (the shipped weights' own, beside
    the cross-validated ones: a pair chosen on either alone wins or loses a copy or two by
    chance on each variant)."""
    copies = []
    for line_scores_of in (scores, *also):
        for r, line_scores in zip(rows, line_scores_of, strict=True):
            if r["scored"] and r.get("blocks") and r.get("body_known", True):
                kept = boilerplate.kept_lines(r["blocks"], line_scores, threshold)
                body = clean_body([block for block, _ in kept], r["title"])
                first = next((b.text for b in body if b.tag in ("p", "blockquote", "li")), None)
                copies.append((r["body"], kept, r["title"], first))
    measured = {}
    for score in SUMMARY_SCORES:
        for words in SUMMARY_WORDS:
            right = 0
            for answer, kept, title, first in copies:
                found = boilerplate.lead(kept, title, score, words)
                right += right_summary(answer, found if found is not None else first)
            measured[score, words] = right / (len(copies) or 1)
    best = max(measured.values())
    return next(pair for pair, share in measured.items() if share == best), measured


def _numbers(name: str, values: Sequence[float | int], form: str) -> str:
    """A tuple constant of ``values`` (each formatted by ``form``), as many on a line as fit
    in 96 characters."""
    shown = [format(v, form) for v in values]
    lines, line = [], "   "
    for item in shown:
        if len(line) + len(item) + 2 > 96:
            lines.append(line)
            line = "   "
        line += f" {item},"
    lines.append(line)
    return f"{name} = (\n" + "\n".join(lines) + "\n)\n"


def trees_source(trees: Trees, form: str) -> str:
    """``trees`` as the constants of a weights module (its thresholds and leaves formatted by
    ``form``), left as they are by ``ruff format``, ending with ``TREES = Trees(...)``."""
    return (
        _numbers("_ROOTS", trees.roots, "d")
        + _numbers("_FEATURE", trees.feature, "d")
        + _numbers("_THRESHOLD", trees.threshold, form)
        + _numbers("_LEFT", trees.left, "d")
        + _numbers("_RIGHT", trees.right, "d")
        + _numbers("_VALUE", trees.value, form)
        + "# fmt: on\n"
        f"TREES = Trees({trees.bias!r}, _ROOTS, _FEATURE, _THRESHOLD, _LEFT, _RIGHT, _VALUE)\n"
    )


def _write(
    weights: Weights,
    threshold: float,
    path: Path = WEIGHTS,
    summary: tuple[float, int] = (0.0, 0),
) -> None:
    trees, context = weights
    path.write_text(
        '"""The boilerplate scorer\'s weights: made by tools/fit_junk.py on the text corpus\'s\n'
        "development part (gradient-boosted trees on its lines' features, a logistic regression\n"
        'on their scores in context); do not edit by hand."""\n\n'
        "from feedpub.extract.boilerplate_trees import Trees\n\n"
        f"THRESHOLD = {threshold}  # a line scoring above it is the article's\n"
        f"SUMMARY_SCORE = {summary[0]}  # an opening paragraph's lines score above it\n"
        f"SUMMARY_WORDS = {summary[1]}  # ... and it has this many words or more\n"
        "CONTEXT_WEIGHTS = (\n"
        + "".join(
            f"    {v:.4f},  # {n}\n"
            for v, n in zip(context, boilerplate.CONTEXT_FEATURES, strict=True)
        )
        + ")\n"
        "# The trees' nodes, one after the other (boilerplate_trees.tree_score): a leaf's\n"
        "# feature is -1; features are indexes into boilerplate_features.LINE_FEATURES.\n"
        "# fmt: off\n" + trees_source(trees, ".6g"),
        encoding="utf-8",
    )


def write_summary(summary: tuple[float, int], path: Path = WEIGHTS) -> None:
    """Write the summary's rule into the weights module ``path`` as ``_write`` does, the rest
    as it is."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        name, _, rest = line.partition(" = ")
        if name in ("SUMMARY_SCORE", "SUMMARY_WORDS"):
            value = summary[0] if name == "SUMMARY_SCORE" else summary[1]
            line = f"{name} = {value}  #{rest.partition('#')[2]}"
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the folder tools/text_corpus.py wrote")
    parser.add_argument("--write", action="store_true", help="write the weights module")
    parser.add_argument(
        "--summary", action="store_true",
        help="write only the summary's rule, chosen with the shipped weights",
    )  # fmt: skip
    args = parser.parse_args(argv)
    rows = rows_of(args.corpus, [r for r in load(args.corpus) if r["part"] == "dev"])
    pages = sorted({r["id"] for r in rows})
    held_out: dict[int, list[float]] = {}
    for fold in range(_FOLDS):
        held = set(pages[fold::_FOLDS])
        weights = _fit([r for r in rows if r["id"] not in held])
        tested = [i for i, r in enumerate(rows) if r["id"] in held]
        for i, line_scores in zip(tested, _scores([rows[i] for i in tested], weights), strict=True):
            held_out[i] = line_scores
    threshold, measured = best_threshold(rows, [held_out[i] for i in range(len(rows))])
    for t, variants in measured.items():
        shown = ", ".join(
            f"{v} junk dropped {100 * junk:.1f}%, body F1 {f:.3f}, article lines kept "
            f"{100 * kept:.1f}%"
            for v, (junk, f, kept) in sorted(variants.items())
        )
        print(f"{'*' if t == threshold else ' '} {t:5.2f}: {shown}")
    print(f"threshold {threshold}: the most junk dropped at the best body F1 ({_FOLDS}-fold, dev)")
    # The weights the run ends with score the rows too: the summary's rule is chosen on their
    # scores beside the held-out ones (the dev measure sees the first, new pages the second).
    final = _fit(rows) if args.write else (shipped.TREES, list(shipped.CONTEXT_WEIGHTS))
    if args.summary and not args.write:
        threshold = shipped.THRESHOLD  # the shipped weights' own
    summary, shares = best_summary(
        rows, [held_out[i] for i in range(len(rows))], threshold, also=[_scores(rows, final)]
    )
    for (score, words), share in shares.items():
        print(
            f"{'*' if (score, words) == summary else ' '} summary score {score:4.1f}, "
            f"{words:2d} words: {100 * share:.1f}% right"
        )
    print(f"summary {summary}: the most right summaries ({_FOLDS}-fold, dev)")
    if args.write:
        _write(final, threshold, summary=summary)
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    elif args.summary:
        write_summary(summary)
        print(f"wrote the summary's rule in {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
