"""tools/fit_layout.py: the ranking fit and the weights module it writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from feedpub.extract.headline_features import FEATURES

from .conftest import load_tool

fit = load_tool("fit_layout")


def _copy(page: str, headline_at: int, lines: int = 5) -> dict[str, object]:
    """A copy whose headline has the first feature set and the others do not."""
    rows = [[0.0] * len(FEATURES) for _ in range(lines)]
    rows[headline_at][FEATURES.index("title_like")] = 1.0
    for i, row in enumerate(rows):
        row[FEATURES.index("position")] = i / 10
    labels = [i == headline_at for i in range(lines)]
    return {"id": page, "part": "dev", "variant": "w3m", "X": rows, "y": labels, "shown": True}


def test_the_ranking_fit_puts_the_headline_first_and_writes_its_weights(tmp_path: Path) -> None:
    copies = [_copy(f"p{n}", n % 5) for n in range(20)]
    model = fit._fit(copies, 1.0)
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


def test_copies_without_a_headline_candidate_are_left_out_of_the_fit() -> None:
    copies = [_copy(f"p{n}", n % 5) for n in range(10)]
    nothing = {**_copy("none", 0), "y": [False] * 5}
    model = fit._fit([*copies, nothing], 1.0)
    assert fit.top1(model, copies)["w3m"] == (10, 10)
