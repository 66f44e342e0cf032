"""The byline scorer's weights (``feedpub/extract/byline_weights.py``), fitted on the text
corpus's development part and tests/data's labelled documents.

    python tools/fit_bylines.py /work/corpus/text-v2 --rows /tmp/bylines.pickle [--test] [--write]

Every copy whose author counts (``tools/text_accuracy.py``'s rule: the page's metadata names
a person the copy shows) and every labelled plain text of tests/data/docs (naming nobody
too: a wrong author is worse than none) is normalised as a run does it; where its header
lines name nobody and ``bylines.byline_away`` is asked, each candidate line near the headline
(``bylines.byline_candidates``) is a row: its features (``byline_scores.features``, what the
package scores) and whether its names are the author's (``text_accuracy.same_author``, the
rule every column is measured by). A linear ranking is fitted on the rows, a softmax over
each copy's candidates and "none of them" (score 0: then what is taken next, a byline near
the article's opening or away from the headline, or an author's note), with scipy and
scikit-learn (development dependencies only); last, when nothing else names anybody, the
best candidate scoring above a weak threshold (chosen on the training copies). A candidate
the rules' guard refuses (``byline_scores.refused``: a bare name or an agency's name below
the headline with no date line beside it: a subheading, a menu item, a company's name or a
photo's credit as often) is a row of the fit but never chosen, whatever it scores. What
counts is the author each copy ends up with, by 5-fold cross-validation on the development
part grouped by page (a page's copies stay in one fold), beside what feedpub gives now on
the same copies.
``--rows`` keeps what was read (reading is the slow part; the features are made again from
it); ``--test`` also reports the test part (to report only: never tune on it); ``--write``
writes the weights fitted on the whole development part.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_accuracy import load, names_the_site, same_author

from feedpub import Document, DocumentError, inspect_document
from feedpub.extract import byline_scores, bylines, layout
from feedpub.extract.byline_scores import FEATURES
from feedpub.extract.textdates import lines_around
from feedpub.metadata import Block

ROOT = Path(__file__).resolve().parent.parent
FIRST_SEEN = datetime(2000, 1, 1, tzinfo=UTC)
STRENGTHS = (1.0, 3.0, 10.0, 30.0)


WEIGHTS = ROOT / "feedpub" / "extract" / "byline_weights.py"
refused = byline_scores.refused


candidate_features = byline_scores.features  # what the package scores


def guarded(copy: dict[str, Any]) -> dict[str, Any]:
    """A copy without the candidates the rules' guard refuses (``refused``)."""
    if not copy.get("asked") or not copy["X"]:
        return copy
    keep = [i for i, x in enumerate(copy["X"]) if not x.get("refused")]

    return {**copy, "X": [copy["X"][i] for i in keep], "y": [copy["y"][i] for i in keep]}


def _counts(answers: dict[str, Any]) -> bool:
    return bool(
        answers["author"]
        and answers["author_shown"]
        and not names_the_site(answers["author"], answers["site"])
    )


Right = Callable[[Sequence[str]], bool]


def read_copies(corpus: Path, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per copy whose author counts: its page, part, variant, whether feedpub's author is
    right, and, where ``byline_away`` was asked, its candidates (``raw``: with the lines
    and the text their features are made of) and labels and whether the byline away from
    the headline and the author's note are right."""
    documents = []
    for row in rows:
        answers = row["answers"]
        if not _counts(answers):
            continue
        text = (corpus / row["file"]).read_text(encoding="utf-8")

        def right(names: Sequence[str], answers: dict[str, Any] = answers) -> bool:
            return same_author(answers["author"], ", ".join(names) or None, answers["site"])

        documents.append(
            (row["id"], row["part"], row["variant"], Document(row["file"], text), right)
        )
    return _read(documents)


def labelled_copies() -> list[dict[str, Any]]:
    """The plain-text documents of tests/data/docs (the labelled development set), as
    copies of their own variant: the scorer must keep getting them right, those whose label
    names nobody too (a wrong author is worse than none)."""
    from accuracy import _JOINER, DATA, labels, load

    documents = []
    for name, label in labels().items():
        if not (DATA / "docs" / f"{name}.txt").exists():
            continue
        wanted = label.get("author")
        expected = _JOINER.sub(", ", wanted) if isinstance(wanted, str) else None

        def right(names: Sequence[str], expected: str | None = expected) -> bool:
            return (", ".join(names) or None) == expected

        documents.append((name, "dev", "labelled", load(name, label), right))
    return _read(documents)


def _read(documents: Sequence[tuple[str, str, str, Document, Right]]) -> list[dict[str, Any]]:
    asked: list[dict[str, Any]] = []
    real = layout.byline_away

    def recording(
        blocks: Sequence[Block],
        headline: tuple[int, int, int] | None,
        is_date_line: Callable[[str], bool],
        date_start: Callable[[str], int | None],
        run: tuple[int, int] = (0, -1),
        site: str | None = None,
    ) -> Any:
        seen: dict[str, Any] = {"raw": None}
        if headline is not None:
            lines, head, end = lines_around(blocks, headline[0], headline[1:])
            if head >= 0:
                found = bylines.byline_candidates(lines, head, end, is_date_line, date_start)
                text = "\n".join(t for b in blocks for t in (b.lines or (b.text,)))
                top = blocks[run[0]].line if run[0] <= run[1] else 0
                seen["raw"] = (found, lines, end, text, top, site)
        # what is taken next: a byline near the article's opening, else the first
        opening = bylines._run_byline(blocks, headline, run, is_date_line, date_start, site)
        far = opening[0] if opening else ()
        far = far or bylines.first_byline(
            (t for b in blocks for t in (*(b.lines or (b.text,)), "")), date_start
        )
        bio = bylines.author_bio(blocks)
        seen["far"] = far
        seen["bio"] = bio[0] if bio else ()
        asked.append(seen)
        return real(blocks, headline, is_date_line, date_start, run, site)

    layout.byline_away = recording
    out = []
    try:
        for page, part, variant, document, right in documents:
            asked.clear()
            try:
                entry = inspect_document(document, first_seen=FIRST_SEEN).entry
                got = tuple(entry.authors)
            except DocumentError:
                got = ()
            copy: dict[str, Any] = {"id": page, "part": part, "variant": variant,
                                    "asked": bool(asked), "right": right(got)}  # fmt: skip
            if asked:
                seen = asked[0]
                found = seen["raw"][0] if seen["raw"] else []
                copy["raw"] = seen["raw"]
                copy["y"] = [right(c.names) for c in found]
                copy["far"] = (bool(seen["far"]), right(seen["far"]))
                copy["bio"] = (bool(seen["bio"]), right(seen["bio"]))
                copy["nobody"] = right(())
            out.append(copy)
    finally:
        layout.byline_away = real
    return out


def featurised(copies: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The copies with their candidates' features (``X``) made from what was read."""
    return [
        {**c, "X": candidate_features(*c["raw"]) if c.get("raw") else []} if c["asked"] else c
        for c in copies
    ]


def np_weights(named: dict[str, float]) -> Any:
    """Weights in ``FEATURES`` order from a mapping of some of them (0 for the rest)."""
    import numpy as np

    return np.array([named.get(name, 0.0) for name in FEATURES], dtype=float)


def _matrix(copy: dict[str, Any]) -> Any:
    import numpy as np

    return np.array(
        [[x.get(name, 0.0) for name in FEATURES] for x in copy["X"]], dtype=float
    ).reshape(len(copy["X"]), len(FEATURES))


def fit(copies: Sequence[dict[str, Any]], strength: float) -> Any:
    """The weights maximising, over the copies, the softmax chance of the right choices
    among their candidates and "none" (score 0), minus ``strength`` times half the squared
    weights: the right candidates, or "none" where none is right or where the byline away
    from the headline or the author's note is."""
    import numpy as np
    from scipy.optimize import minimize

    data = []
    for copy in copies:
        if not copy.get("asked") or not copy["X"]:
            continue
        x = _matrix(copy)
        y = np.array(copy["y"], dtype=bool)
        fallback = copy["far"][1] if copy["far"][0] else copy["bio"][1]
        none_right = not y.any() or fallback
        data.append((x, y, none_right))

    def loss(w: Any) -> tuple[float, Any]:
        total, gradient = 0.5 * strength * float(w @ w), strength * w
        for x, y, none_right in data:
            s = np.append(x @ w, 0.0)
            e = np.exp(s - s.max())
            good = np.append(y, none_right)
            p = e / e.sum()
            q = e * good / e[good].sum()
            total -= float(np.log(e[good].sum() / e.sum()))
            gradient = gradient - np.vstack([x, np.zeros(len(w))]).T @ (q - p)
        return total, gradient

    result = minimize(loss, np.zeros(len(FEATURES)), jac=True, method="L-BFGS-B")
    return result.x


def chosen(copy: dict[str, Any], weights: Any, weak: float) -> bool:
    """Whether the author a copy ends up with under ``weights`` is right (as
    ``bylines.byline_away`` chooses), among the candidates the guard does not refuse
    (``byline_scores.refused``): its best candidate scoring above 0, else the byline away
    from the headline, else the author's note, else its best candidate scoring above
    ``weak``."""
    if not copy["asked"]:
        return bool(copy["right"])
    best = None
    allowed = [i for i, x in enumerate(copy["X"]) if not x.get("refused")]
    if allowed:
        scores = _matrix(copy) @ weights
        top = max(allowed, key=lambda i: scores[i])
        best = (float(scores[top]), bool(copy["y"][top]))
    if best is not None and best[0] > 0:
        return best[1]
    for present, right in (copy["far"], copy["bio"]):
        if present:
            return bool(right)
    if best is not None and best[0] > weak:
        return best[1]
    return bool(copy.get("nobody"))  # a labelled document naming nobody


def write(weights: Any, weak: float, path: Path = WEIGHTS) -> None:
    """The weights module the package scores with (``byline_scores``)."""
    lines = "\n".join(
        f'    "{name}": {weight:.4f},'  # as ruff format writes it
        for name, weight in zip(FEATURES, weights, strict=True)
    )
    path.write_text(
        '"""The byline scorer\'s weights: made by tools/fit_bylines.py on the text corpus\'s\n'
        "development part and tests/data's labelled documents (a softmax over each text's\n"
        'candidates and "none", shrunk toward zero by a strength chosen by cross-validation by\n'
        'page); do not edit by hand."""\n\n'
        'THRESHOLD = 0.0  # "none of them" scores 0: a candidate scoring more is the byline\n'
        f"WEAK = {weak:.4f}  # one scoring more is taken when nothing else names anybody\n"
        f"WEIGHTS = {{\n{lines}\n}}\n",
        encoding="utf-8",
    )


def _accuracy(results: dict[str, list[int]]) -> str:
    return ", ".join(f"{v} {r}/{t} = {100 * r / t:.1f}%" for v, (r, t) in sorted(results.items()))


def _tally(
    copies: Sequence[dict[str, Any]], right: Callable[[dict[str, Any]], bool]
) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for copy in copies:
        counts = out.setdefault(copy["variant"], [0, 0])
        counts[0] += right(copy)
        counts[1] += 1
    return out


def cross_validate(
    copies: Sequence[dict[str, Any]], strength: float, folds: int = 5
) -> tuple[dict[str, list[int]], float]:
    """Per variant (right, copies) of the cross-validated choices, and the weak threshold
    chosen inside the folds (the best on each fold's training copies, averaged)."""
    from sklearn.model_selection import GroupKFold

    ids = [copy["id"] for copy in copies]
    results: dict[str, list[int]] = {}
    weaks = []
    for train, held in GroupKFold(n_splits=folds).split(copies, groups=ids):
        trained = [copies[i] for i in train]
        weights = fit(trained, strength)
        weak = best_weak(trained, weights)
        weaks.append(weak)
        choose = partial(chosen, weights=weights, weak=weak)
        for variant, (r, t) in _tally([copies[i] for i in held], choose).items():
            counts = results.setdefault(variant, [0, 0])
            counts[0] += r
            counts[1] += t
    return results, sum(weaks) / len(weaks)


def best_weak(copies: Sequence[dict[str, Any]], weights: Any) -> float:
    grid = [x / 4 for x in range(-16, 1)]
    return max(grid, key=lambda weak: (sum(chosen(c, weights, weak) for c in copies), weak))


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rows", type=Path, help="keep what was read here (read it again)")
    parser.add_argument("--l2", type=float, help="regularisation strength (else the CV's best)")
    parser.add_argument("--test", action="store_true", help="also measure on the test part")
    parser.add_argument("--write", action="store_true", help="write the weights module")
    parser.add_argument(
        "--guard",
        choices=("filter", "feature"),
        default="feature",
        help="the rules' guard (refused) as a hard filter, or as a feature the fit weighs",
    )
    args = parser.parse_args(argv)
    if args.rows is not None and args.rows.exists():
        copies = pickle.loads(args.rows.read_bytes())
    else:
        # The test part is read only when it is to be reported: nothing of it is fitted on.
        manifest = [row for row in load(args.corpus) if args.test or row["part"] == "dev"]
        copies = read_copies(args.corpus, manifest) + labelled_copies()
        if args.rows is not None:
            args.rows.write_bytes(pickle.dumps(copies))
    copies = featurised(copies)
    if args.guard == "filter":
        copies = [guarded(copy) for copy in copies]
    dev = [c for c in copies if c["part"] == "dev"]
    print(f"dev, feedpub as read: {_accuracy(_tally(dev, lambda c: c['right']))}")
    best = None
    for strength in (args.l2,) if args.l2 is not None else STRENGTHS:
        results, weak = cross_validate(dev, strength)
        total = sum(r for r, _ in results.values())
        print(f"dev, cross-validated, l2 {strength}: {_accuracy(results)} (weak {weak:.2f})")
        if best is None or total > best[0]:
            best = (total, strength)
    assert best is not None
    weights = fit(dev, best[1])
    weak = best_weak(dev, weights)
    print(f"dev, fitted on all of it (l2 {best[1]}, weak {weak}): "
          f"{_accuracy(_tally(dev, lambda c: chosen(c, weights, weak)))}")  # fmt: skip
    if args.test:
        test = [c for c in copies if c["part"] == "test"]
        if not test:
            parser.error(f"{args.rows} holds no test part: read it again with --test")
        print(f"test, feedpub as read: {_accuracy(_tally(test, lambda c: c['right']))}")
        print(f"test, fitted: {_accuracy(_tally(test, lambda c: chosen(c, weights, weak)))}")
    for name, weight in sorted(zip(FEATURES, weights, strict=True), key=lambda p: p[1]):
        print(f"  {name:<24} {weight:+.2f}")
    if args.write:
        write(weights, weak)
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
