"""The fitted byline scorer's features and scores (feedpub.extract.byline_scores)."""

from __future__ import annotations

from datetime import UTC, datetime

from feedpub.dates import DateContext
from feedpub.extract import byline_weights
from feedpub.extract.byline_scores import FEATURES, features, refused, scores
from feedpub.extract.bylines import Candidate, byline_candidates
from feedpub.extract.textdates import Dates

DATES = Dates(DateContext(UTC, reference=datetime(2024, 1, 1, tzinfo=UTC)))


def _date_start(text: str) -> int | None:
    found = DATES(text, recognise_only=True)
    return found[0].start if found else None


def _candidates(lines: list[tuple[str, int]], head: int) -> list[Candidate]:
    return byline_candidates(lines, head, head, DATES.is_date_line, _date_start)


def test_each_candidate_has_the_features_the_scorer_knows() -> None:
    lines = [("Menu", 1), ("Headline of the story", 2), ("By Jane Doe", 3), ("Nov 19, 2019", 4),
             ("A first paragraph of the article, long enough to be prose and not a header.", 5),
             ("Jane Doe is a reporter.", 6)]  # fmt: skip
    found = _candidates(lines, 1)
    assert [(c.names, c.kind, c.number, c.distance, c.above, c.dated) for c in found] == [
        (("Jane Doe",), "byline", 3, 0, False, True)
    ]
    text = "\n".join(t for t, _ in lines)
    (row,) = features(found, lines, 1, text, run_top=5)
    assert set(row) <= set(FEATURES)
    assert row["kind byline"] == 1.0
    assert row["first below"] == 1.0
    assert row["elsewhere"] == 1.0  # the author's note names her again
    assert "prose before" not in row  # what is 0 is left out
    assert row["dated"] == 1.0
    assert row["before run"] == 1.0  # above the article's first paragraph, two lines off
    assert row["run distance"] == 0.2
    assert "refused" not in row


def test_a_bare_name_with_no_date_beside_it_under_the_headline_is_refused() -> None:
    lines = [("Headline of the story", 1), ("", 0), ("Jane Doe", 3), ("", 0),
             ("The council met on Tuesday.", 5)]  # fmt: skip
    (candidate,) = _candidates(lines, 0)
    assert candidate.kind == "bare name"
    assert refused(candidate)
    dated = candidate._replace(dated=True)
    assert not refused(dated)
    assert not refused(candidate._replace(kind="byline"))


def test_the_context_features_see_menus_wrapped_sentences_and_teasers() -> None:
    lines = [("Headline of the story", 1), ("• Older Article", 2), ("• Newer Article", 3),
             ("The council met on Tuesday and agreed that the old bridge", 4),
             ("Would Close", 5), ("Jane Doe", 6), ("Read more", 7)]  # fmt: skip
    found = [
        Candidate((name,), "bare name", at, at + 1, at - 1, False, False)
        for at, name in ((1, "Older Article"), (4, "Would Close"), (5, "Jane Doe"))
    ]
    text = "\n".join(t for t, _ in lines)
    older, close, jane = features(found, lines, 0, text)
    assert older["bullet"] == 1.0
    assert older["short beside"] > 0
    assert close["wrapped before"] == 1.0
    assert "bullet" not in close
    assert jane["junk beside"] == 1.0  # a teaser's "Read more" under it
    assert "wrapped before" not in jane


def test_a_score_is_the_weighted_sum_of_a_rows_features() -> None:
    weights = byline_weights.WEIGHTS
    row = {"kind byline": 1.0, "below distance": 2.0}
    (score,) = scores([row])
    assert score == weights["kind byline"] + 2 * weights["below distance"]
    assert scores([{}]) == [0.0]
    assert set(weights) == set(FEATURES)
