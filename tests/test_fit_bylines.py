"""tools/fit_bylines.py: the candidates' features, the ranking fit and the choice it makes."""

from __future__ import annotations

import runpy
from pathlib import Path

from feedpub.extract.byline_scores import FEATURES

from .conftest import load_tool

fit = load_tool("fit_bylines")


def _copy(page: str, right_at: int, candidates: int = 3) -> dict[str, object]:
    """A copy whose right candidate alone is dated, the others are bare names."""
    rows = []
    for i in range(candidates):
        row = {"kind bare name": 1.0, "below distance": float(i)}
        if i == right_at:
            row = {"kind byline": 1.0, "dated": 1.0, "below distance": float(i)}
        rows.append(row)
    return {"id": page, "part": "dev", "variant": "w3m", "asked": True, "right": False,
            "X": rows, "y": [i == right_at for i in range(candidates)],
            "far": (False, False), "bio": (False, False)}  # fmt: skip


def test_the_fit_ranks_the_right_candidate_first_and_above_none() -> None:
    copies = [_copy(f"p{n}", n % 3) for n in range(12)]
    weights = fit.fit(copies, 1.0)
    assert all(fit.chosen(copy, weights, -1.0) for copy in copies)
    nobody = {**_copy("none", 0), "X": [{"kind bare name": 1.0}], "y": [False]}
    assert not fit.chosen(nobody, weights, 0.0)
    # a copy whose header lines named the author is right or wrong whatever the weights
    assert fit.chosen({"asked": False, "right": True}, weights, 0.0)


def test_a_refused_line_is_never_chosen() -> None:
    # a bare name under the headline with no date line beside it (refused), scoring above
    # "none" and above the weak threshold: the copy ends up with nobody rather than with it
    weights = fit.np_weights({"kind bare name": 0.5})
    copy = {"id": "p", "part": "dev", "variant": "w3m", "asked": True, "right": False,
            "X": [{"kind bare name": 1.0, "refused": 1.0}], "y": [True],
            "far": (False, False), "bio": (False, False)}  # fmt: skip
    assert not fit.chosen(copy, weights, -1.0)
    unrefused = {**copy, "X": [{"kind bare name": 1.0}]}
    assert fit.chosen(unrefused, weights, -1.0)
    weak = fit.np_weights({"kind bare name": -0.5})
    assert fit.chosen(unrefused, weak, -1.0)  # the weak choice when nothing else names one
    assert not fit.chosen(unrefused, weak, 0.0)


def test_the_weights_module_written_is_what_the_package_reads(tmp_path: Path) -> None:
    weights = fit.np_weights({"kind byline": 1.25, "refused": -2.0})
    path = tmp_path / "byline_weights.py"
    fit.write(weights, -1.5, path)
    module = runpy.run_path(str(path))
    assert module["THRESHOLD"] == 0.0
    assert module["WEAK"] == -1.5
    assert set(module["WEIGHTS"]) == set(FEATURES)
    assert module["WEIGHTS"]["kind byline"] == 1.25
    assert module["WEIGHTS"]["refused"] == -2.0
