"""tools/fit_bylines.py: the candidates' features, the ranking fit and the choice it makes."""

from __future__ import annotations

from datetime import UTC, datetime

from feedpub.dates import DateContext
from feedpub.extract.bylines import byline_candidates
from feedpub.extract.textdates import Dates

from .conftest import load_tool

fit = load_tool("fit_bylines")


def test_each_candidate_has_the_features_the_scorer_knows() -> None:
    lines = [("Menu", 1), ("Headline of the story", 2), ("By Jane Doe", 3), ("Nov 19, 2019", 4),
             ("A first paragraph of the article, long enough to be prose and not a header.", 5),
             ("Jane Doe is a reporter.", 6)]  # fmt: skip
    reference = datetime(2024, 1, 1, tzinfo=UTC)
    dates = Dates(DateContext(UTC, reference=reference))

    def date_start(text: str) -> int | None:
        found = dates(text, recognise_only=True)
        return found[0].start if found else None

    found = byline_candidates(lines, 1, 1, dates.is_date_line, date_start)
    assert [(c.names, c.kind, c.number, c.distance, c.above, c.dated) for c in found] == [
        (("Jane Doe",), "byline", 3, 0, False, True)
    ]
    text = "\n".join(t for t, _ in lines)
    (row,) = fit.candidate_features(found, lines, 1, text)
    assert set(row) <= set(fit.FEATURES)
    assert row["kind byline"] == 1.0
    assert row["first below"] == 1.0
    assert row["elsewhere"] == 1.0  # the author's note names her again
    assert row["prose before"] == 0.0
    assert row["dated"] == 1.0


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
