"""Fit the date scorer's weights on the text corpus's development part.

    python tools/fit_dates.py /work/corpus/text-v2            # cross-validated on dev, prints
    python tools/fit_dates.py /work/corpus/text-v2 --write    # and writes the weights module
    python tools/fit_dates.py /work/corpus/text-v2 --misses w3m   # the held-out misses
    python tools/fit_dates.py /work/corpus/text-v2 --test     # also on the test part

Every date of every development copy, as the normaliser sees it (``date_ranking``'s
candidates, recorded from a real run of ``inspect_document``, so the headline and the
metadata lines are those the normaliser found), is a row: its features and whether its day
is the page's published day (the day in the date's own zone or in UTC, the rule of
``tools/text_accuracy.py``). A linear ranking is fitted on them, a softmax over each copy's
dates (scipy and scikit-learn, development dependencies only), shrunk toward zero by a
strength chosen by cross-validation (5 folds grouped by page: a page's w3m, lynx and reader
copies are always in the same fold).

A copy whose page states its date and whose copy shows it is right when the date its entry
gets (``date_ranking.choose``'s published date, else its updated one) has that day. A copy
whose page states a date its copy does not show is right when no date is chosen: a text
without a date of its own gets the time it was first seen, not a teaser's date. The
threshold under which no date is chosen is the one that maximises the held-out copies
right, counting both kinds the same. ``--write`` saves the weights as
``feedpub/extract/date_weights.py``, read by ``date_ranking``: a run needs no learning
library.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_accuracy import _day, first_call, load, same_date

import feedpub.extract.layout as layout_module
from feedpub.extract.date_ranking import FEATURES, DateCandidate, choose

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "feedpub" / "extract" / "date_weights.py"


def recorded(text: str, name: str) -> list[DateCandidate]:
    """The date candidates the normaliser scores for ``text`` (empty when it rejects it)."""
    called = first_call(layout_module, "offer_dates", text, name)
    return list(called["shown"].candidates) if called else []


def rows_of(corpus: Path, manifest: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per copy with a stated date: its page id, part, variant, candidates and labels."""
    out = []
    for row in manifest:
        answers = row["answers"]
        if not answers["date"]:
            continue
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        found = recorded(text, row["file"])
        labels = [same_date(answers["date"], _day(c.item.parsed.value)) for c in found]
        out.append({"id": row["id"], "part": row["part"], "variant": row["variant"],
                    "file": row["file"], "shown": bool(answers["date_shown"]),
                    "date": answers["date"], "candidates": found, "y": labels,
                    "X": [c.features for c in found]})  # fmt: skip
    return out


def _fit(copies: Sequence[dict[str, Any]], strength: float) -> Any:
    """A listwise ranking fit: for each copy that shows its date among its candidates (and
    not only), the softmax of its candidates' scores is the chance each is the date; the
    weights maximise the chance its right candidates get, each copy weighed by its variant
    (as in tools/fit_layout.py), minus ``strength`` times half the squared weights."""
    import numpy as np
    from scipy.optimize import minimize

    counts: dict[str, int] = {}
    for copy in copies:
        counts[copy["variant"]] = counts.get(copy["variant"], 0) + 1
    mean = len(copies) / len(counts) if counts else 0.0
    data = []
    for copy in copies:
        if not copy["shown"] or not copy["X"]:
            continue
        x, y = np.array(copy["X"], dtype=float), np.array(copy["y"], dtype=bool)
        if y.any() and not y.all():
            data.append((x, y, (mean / counts[copy["variant"]]) ** 0.5))

    def loss(w: Any) -> tuple[float, Any]:
        total, gradient = 0.5 * strength * float(w @ w), strength * w
        for x, y, weight in data:
            s = x @ w
            e = np.exp(s - s.max())
            p = e / e.sum()
            q = e * y / e[y].sum()
            total -= weight * float(np.log(e[y].sum() / e.sum()))
            gradient = gradient - weight * (x.T @ (q - p))
        return total, gradient

    result = minimize(loss, np.zeros(len(FEATURES)), jac=True, method="L-BFGS-B")
    return result.x


def _best_scores(weights: Any, copy: dict[str, Any]) -> tuple[float | None, bool]:
    """The best score of the copy's dates (the threshold decides on it) and whether the date
    its entry gets with no threshold is right (``choose``'s published date, else its updated
    date: a text stating only an update was published then); None: no candidate."""
    from feedpub.extract.date_ranking import score

    candidates = copy["candidates"]
    published, updated = choose(candidates, tuple(weights), float("-inf"))
    chosen = published if published is not None else updated
    if chosen is None:
        return None, False
    best = max(score(c.features, tuple(weights)) for c in candidates)
    return best, copy["y"][chosen]


def right(
    scored: Sequence[tuple[dict[str, Any], float | None, bool]], threshold: float
) -> dict[str, list[int]]:
    """Per variant: [shown copies right, shown copies, unshown copies without a date, unshown
    copies] at ``threshold``."""
    out: dict[str, list[int]] = {}
    for copy, best, ok in scored:
        counts = out.setdefault(copy["variant"], [0, 0, 0, 0])
        taken = best is not None and best >= threshold
        if copy["shown"]:
            counts[0] += taken and ok
            counts[1] += 1
        else:
            counts[2] += not taken
            counts[3] += 1
    return out


def _objective(result: dict[str, list[int]]) -> float:
    return sum(c[0] + c[2] for c in result.values())


def choose_threshold(scored: Sequence[tuple[dict[str, Any], float | None, bool]]) -> float:
    values = sorted({best for _, best, _ in scored if best is not None})
    options = [float("-inf"), *(v - 1e-6 for v in values)]
    return max(options, key=lambda t: (_objective(right(scored, t)), -abs(t)))


def held_out(copies: Sequence[dict[str, Any]], strength: float) -> list[tuple[Any, ...]]:
    """Each copy with its best score and whether that date is right, fitted without its page."""
    from sklearn.model_selection import GroupKFold

    ids = [copy["id"] for copy in copies]
    out = []
    for fitted, held in GroupKFold(n_splits=5).split(copies, groups=ids):
        weights = _fit([copies[i] for i in fitted], strength)
        out += [(copies[i], *_best_scores(weights, copies[i])) for i in held]
    return out


def _shown(result: dict[str, list[int]]) -> str:
    return ", ".join(
        f"{v} {c[0]}/{c[1]} = {100 * c[0] / max(1, c[1]):.1f}% (no date {c[2]}/{c[3]})"
        for v, c in sorted(result.items())
    )


def write(weights: Any, threshold: float, path: Path = WEIGHTS) -> None:
    lines = "\n".join(
        f'    "{name}": {weight:.4f},' for name, weight in zip(FEATURES, weights, strict=True)
    )
    path.write_text(
        '"""The date scorer\'s weights: made by tools/fit_dates.py on the text corpus\'s\n'
        "development part (a softmax over each text's dates, shrunk toward zero by a strength\n"
        'chosen by cross-validation by page); do not edit by hand."""\n\n'
        f"THRESHOLD = {threshold:.4f}  # a text's best date scoring less is not its own\n"
        f"WEIGHTS = {{\n{lines}\n}}\n",
        encoding="utf-8",
    )


def _misses(scored: Sequence[tuple[dict[str, Any], float | None, bool]], weights: Any,
            threshold: float, variant: str) -> None:  # fmt: skip
    for copy, best, ok in scored:
        if (
            copy["variant"] != variant
            or not copy["shown"]
            or (ok and best is not None and best >= threshold)
        ):
            continue
        published, updated = choose(copy["candidates"], tuple(weights), threshold)
        index = published if published is not None else updated
        chosen = copy["candidates"][index].origin if index is not None else "none"
        wanted = [c.origin for c, y in zip(copy["candidates"], copy["y"], strict=True) if y]
        print(f"{copy['file']}: wanted {copy['date']}, chose {chosen}; right: {wanted[:3]}")


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--strengths", default="0.3,1,3,10", help="strengths to cross-validate")
    parser.add_argument("--misses", metavar="VARIANT", help="list the held-out misses")
    parser.add_argument("--write", action="store_true", help="write the weights module")
    parser.add_argument("--test", action="store_true", help="also measure on the test part")
    parser.add_argument("--rows", type=Path, help="a file to keep the candidates in (pickle)")
    args = parser.parse_args(argv)
    manifest = [row for row in load(args.corpus) if args.test or row["part"] == "dev"]
    if args.rows is not None and args.rows.exists():
        copies = pickle.loads(args.rows.read_bytes())  # our own file, written below
    else:
        copies = rows_of(args.corpus, manifest)
        if args.rows is not None:
            args.rows.write_bytes(pickle.dumps(copies))
    dev = [copy for copy in copies if copy["part"] == "dev"]
    best: tuple[float, float, float, Any] | None = None
    print("dev, cross-validated by page:")
    for strength in (float(s) for s in args.strengths.split(",")):
        scored = held_out(dev, strength)
        threshold = choose_threshold(scored)
        result = right(scored, threshold)
        print(f"  strength {strength:g}, threshold {threshold:.2f}: {_shown(result)}")
        if best is None or _objective(result) > best[0]:
            best = (_objective(result), strength, threshold, scored)
    assert best is not None
    _, strength, threshold, scored = best
    weights = _fit(dev, strength)
    if args.misses:
        _misses(scored, weights, threshold, args.misses)
    fitted = [(c, *_best_scores(weights, c)) for c in dev]
    print(f"strength {strength:g}, fitted on all of dev: {_shown(right(fitted, threshold))}")
    if args.test:
        test = [(c, *_best_scores(weights, c)) for c in copies if c["part"] == "test"]
        print(f"test: {_shown(right(test, threshold))}")
    for name, weight in sorted(zip(FEATURES, weights, strict=True), key=lambda p: p[1]):
        print(f"  {name:<14} {weight:+.2f}")
    if args.write:
        write(weights, threshold)
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
