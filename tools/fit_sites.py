"""The publisher scorer's weights (``feedpub/extract/site_weights.py``), fitted on the text
corpus's development part and tests/data's labelled documents.

    python tools/fit_sites.py /work/corpus/text-v2 --rows /tmp/sites.pickle [--test] [--write]

Every copy whose page states its site (``tools/text_accuracy.py``'s answer) and every
labelled plain text of tests/data/docs is normalised as a run does it, and what the
masthead hands ``site_scores.best_site`` is kept (the names the page gives its site, each
with its kind of evidence, and the page's chrome); each name is a row: its features
(``site_scores.candidates``, what the package scores) and whether it is the site's
(``text_accuracy.same_publisher``, the rule every column is measured by; the label's own
spelling for a labelled text). A linear ranking is fitted on the rows, a softmax over each
copy's names on the copies with a right name among others, shrunk toward the weights the
package has, with scipy (a development dependency only); then the bias (a name scoring 0 or
more is taken) that gives most right names less a quarter for each wrong name given. What
counts is the publisher each copy ends up with where
its copy shows the site's name, by 5-fold cross-validation on the development part grouped
by page (a page's copies stay in one fold), beside what the weights in the package give on
the same copies; the labelled texts must all stay right.
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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_accuracy import _shown_now, first_call_while, load, same_publisher

from feedpub import Document, inspect_document
from feedpub.extract import masthead, site_scores, site_weights
from feedpub.extract.site_scores import FEATURES

ROOT = Path(__file__).resolve().parent.parent
FIRST_SEEN = datetime(2000, 1, 1, tzinfo=UTC)
STRENGTHS = (1.0, 3.0, 10.0, 30.0)
WEIGHTS = ROOT / "feedpub" / "extract" / "site_weights.py"

Right = Callable[[str | None], bool]


def _recorded(run: Callable[[], Any]) -> tuple[Any, Any] | None:
    """(sites, chrome) of the first call of ``best_site`` while ``run`` normalises a text."""
    called = first_call_while(masthead, "best_site", run)
    return (list(called["sites"]), called["chrome"]) if called is not None else None


def read_copies(corpus: Path, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per copy whose page states its site: its page, part, variant, answer, whether its copy
    shows the name, and what the masthead weighed."""
    out = []
    for row in rows:
        if not row["answers"].get("site"):
            continue
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        answers = _shown_now(row, text)["answers"]
        document = Document(row["file"], text)
        seen = _recorded(
            lambda document=document: inspect_document(document, first_seen=FIRST_SEEN)
        )
        out.append({"id": row["id"], "part": row["part"], "variant": row["variant"],
                    "site": answers["site"], "counts": bool(answers["site_shown"]),
                    "seen": seen})  # fmt: skip
    return out


def labelled_copies() -> list[dict[str, Any]]:
    """The plain-text documents of tests/data/docs (the labelled development set) whose
    publisher the masthead gives (a run's answer is its best name), as copies of their own
    variant: the scorer must keep getting them right, those labelled with no publisher too."""
    from accuracy import DATA, ZONE, labels
    from accuracy import load as load_labelled

    from feedpub.normalise import normalise

    out = []
    for name, label in labels().items():
        if not (DATA / "docs" / f"{name}.txt").exists():
            continue
        document = load_labelled(name, label)
        seen = _recorded(lambda document=document: normalise(document, zone=ZONE))
        out.append({"id": name, "part": "dev", "variant": "labelled",
                    "site": label.get("publisher"), "counts": True, "seen": seen})  # fmt: skip
    return out


def right_name(copy: dict[str, Any]) -> Right:
    if copy["variant"] == "labelled":
        return lambda name: name == copy["site"]
    return lambda name: same_publisher(copy["site"], name)


def featurised(copies: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The copies with their names' features (``X``) and labels (``y``)."""
    out = []
    for copy in copies:
        found = site_scores.candidates(*copy["seen"]) if copy["seen"] else []
        right = right_name(copy)
        out.append({**copy, "X": [f for _, _, f in found], "y": [right(n) for n, _, _ in found],
                    "nobody": right(None)})  # fmt: skip
    return out


def _matrix(copy: dict[str, Any]) -> Any:
    import numpy as np

    return np.array(
        [[x.get(name, 0.0) for name in FEATURES] for x in copy["X"]], dtype=float
    ).reshape(len(copy["X"]), len(FEATURES))


WRONG_COST = 0.25  # a wrong name given costs a quarter of a right one (the bias's choice)


def fit(copies: Sequence[dict[str, Any]], strength: float) -> Any:
    """The weights maximising, over the copies with a right name among others, the softmax
    chance of the right names among their names, minus ``strength`` times half the squared
    distance to the package's weights (the bias aside); then the bias (the score "none of
    them" is measured against) that gives most right names less ``WRONG_COST`` a wrong one."""
    import numpy as np
    from scipy.optimize import minimize

    data = [
        (_matrix(copy), np.array(copy["y"], dtype=bool))
        for copy in copies
        if len(copy["X"]) > 1 and any(copy["y"])
    ]
    toward = package_weights()
    bias = FEATURES.index("bias")
    mask = np.ones(len(FEATURES))
    mask[bias] = 0.0

    def loss(w: Any) -> tuple[float, Any]:
        away = (w - toward) * mask
        total, gradient = 0.5 * strength * float(away @ away), strength * away
        for x, good in data:
            s = x @ w
            e = np.exp(s - s.max())
            total -= float(np.log(e[good].sum() / e.sum()))
            gradient = gradient - x.T @ (e * good / e[good].sum() - e / e.sum())
        return total, gradient

    weights = minimize(loss, toward.copy(), jac=True, method="L-BFGS-B").x

    def value(b: float) -> float:
        weights[bias] = b
        outcomes = [(copy["counts"], outcome(copy, weights)) for copy in copies]
        return sum(o == "right" for c, o in outcomes if c) - WRONG_COST * sum(
            o == "wrong" for _, o in outcomes
        )

    weights[bias] = max((b / 8 for b in range(-48, 17)), key=value)
    return weights


def outcome(copy: dict[str, Any], weights: Any) -> str:
    """What ``best_site`` gives a copy under ``weights`` (the first best name, if it scores 0
    or more): "right", "wrong" or "none"."""
    if not copy["X"]:
        return "none"
    scores = list(_matrix(copy) @ weights)
    top = scores.index(max(scores))
    if scores[top] < 0:
        return "none"
    return "right" if copy["y"][top] else "wrong"


def chosen(copy: dict[str, Any], weights: Any) -> bool:
    """Whether the publisher a copy ends up with under ``weights`` is right."""
    got = outcome(copy, weights)
    return got == "right" or (got == "none" and bool(copy["nobody"]))


def package_weights() -> Any:
    import numpy as np

    return np.array([site_weights.WEIGHTS[name] for name in FEATURES], dtype=float)


def write(weights: Any, path: Path = WEIGHTS) -> None:
    """The weights module the package scores with (``site_scores``)."""
    lines = "\n".join(
        f'    "{name}": {weight:.4f},' for name, weight in zip(FEATURES, weights, strict=True)
    )
    path.write_text(
        '"""The publisher scorer\'s weights: made by tools/fit_sites.py on the text corpus\'s\n'
        "development part and tests/data's labelled documents (a softmax over each text's\n"
        "names, shrunk toward the hand-set weights by a strength chosen by cross-validation\n"
        'by page, and a bias); do not edit by hand."""\n\n'
        f"WEIGHTS = {{\n{lines}\n}}\n",
        encoding="utf-8",
    )


def _tally(copies: Sequence[dict[str, Any]], right: Callable[[dict[str, Any]], bool]) -> str:
    out: dict[str, list[int]] = {}
    for copy in copies:
        if copy["counts"]:
            counts = out.setdefault(copy["variant"], [0, 0])
            counts[0] += right(copy)
            counts[1] += 1
    return ", ".join(f"{v} {r}/{t} = {100 * r / t:.1f}%" for v, (r, t) in sorted(out.items()))


def cross_validate(
    copies: Sequence[dict[str, Any]], strength: float, folds: int = 5
) -> tuple[str, int]:
    """The cross-validated choices' tally per variant, and how many counted were right."""
    from sklearn.model_selection import GroupKFold

    held_right: dict[int, bool] = {}
    ids = [copy["id"] for copy in copies]
    for train, held in GroupKFold(n_splits=folds).split(copies, groups=ids):
        weights = fit([copies[i] for i in train], strength)
        held_right.update((id(copies[i]), chosen(copies[i], weights)) for i in held)
    total = sum(held_right[id(c)] for c in copies if c["counts"])
    return _tally(copies, lambda c: held_right[id(c)]), total


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rows", type=Path, help="keep what was read here (read it again)")
    parser.add_argument("--l2", type=float, help="regularisation strength (else the CV's best)")
    parser.add_argument("--test", action="store_true", help="also measure on the test part")
    parser.add_argument("--write", action="store_true", help="write the weights module")
    args = parser.parse_args(argv)
    if args.rows is not None and args.rows.exists():
        copies = pickle.loads(args.rows.read_bytes())
    else:
        # The test part is read only when it is to be reported: nothing of it is fitted on.
        rows = [row for row in load(args.corpus) if args.test or row["part"] == "dev"]
        copies = read_copies(args.corpus, rows) + labelled_copies()
        if args.rows is not None:
            args.rows.write_bytes(pickle.dumps(copies))
    copies = featurised(copies)
    dev = [c for c in copies if c["part"] == "dev"]
    now = package_weights()
    print(f"dev, the package's weights: {_tally(dev, lambda c: chosen(c, now))}")
    strengths = (args.l2,) if args.l2 is not None else STRENGTHS
    best: tuple[int, float] | None = None
    for strength in strengths:
        tally, total = cross_validate(dev, strength)
        print(f"dev, cross-validated, l2 {strength}: {tally}")
        if best is None or total > best[0]:
            best = (total, strength)
    assert best is not None
    strength = best[1]
    weights = fit(dev, strength)
    print(f"dev, fitted on all of it (l2 {strength}): {_tally(dev, lambda c: chosen(c, weights))}")
    if args.test:
        test = [c for c in copies if c["part"] == "test"]
        if not test:
            parser.error(f"{args.rows} holds no test part: read it again with --test")
        print(f"test, the package's weights: {_tally(test, lambda c: chosen(c, now))}")
        print(f"test, fitted: {_tally(test, lambda c: chosen(c, weights))}")
    for name, weight in sorted(zip(FEATURES, weights, strict=True), key=lambda p: p[1]):
        print(f"  {name:<30} {weight:+.2f}")
    if args.write:
        write(weights)
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
