"""A headline candidate against the page's other candidates, and the trees that score the
best few again (feedpub.extract.headline_ranks)."""

from __future__ import annotations

from collections.abc import Sequence

from feedpub.extract.candidates import Candidate, WindowLine
from feedpub.extract.headline_ranks import RANKS, best_first, ranks, rescored

TEXTS = (
    "Daily Example",
    "Storm floods the valley as rain keeps falling",
    "By Jane Doe",
    "Storm floods the valley",
    "Council approves new budget after long debate",
)
LINES = [WindowLine(text, i + 1, i, None, 1, 0) for i, text in enumerate(TEXTS)]
FOUND = [Candidate(text, i + 1, i, i, 1) for i, text in enumerate(TEXTS) if i != 2]
SCORES = [1.0, 3.0, 2.5, 0.5]


def _ranks() -> dict[str, dict[str, float]]:
    return {
        c.text: dict(zip(RANKS, vector, strict=True))
        for c, vector in zip(FOUND, ranks(FOUND, LINES, SCORES), strict=True)
    }


def test_each_candidate_is_placed_against_the_best_one() -> None:
    found = _ranks()
    best = found["Storm floods the valley as rain keeps falling"]
    assert (best["linear"], best["behind_best"], best["ahead_of_next"]) == (3.0, 0.0, 0.5)
    assert best["rank"] == 0.0
    echo = found["Storm floods the valley"]
    assert (echo["behind_best"], echo["ahead_of_next"], echo["rank"]) == (0.5, -0.5, 0.2)
    assert echo["in_best"] == 1.0  # its words open the best one's: an echo, a kicker
    assert best["in_best"] == 0.0
    assert abs(sum(c["share"] for c in found.values()) - 1.0) < 1e-9


def test_a_candidate_above_the_first_byline_is_marked() -> None:
    found = _ranks()
    assert found["Storm floods the valley as rain keeps falling"]["above_meta"] == 1.0
    assert found["Storm floods the valley"]["above_meta"] == 0.0
    headline = found["Storm floods the valley as rain keeps falling"]
    assert found["Daily Example"]["meta_gap"] > headline["meta_gap"] > 0


def test_the_trees_rank_the_best_few_and_the_rest_stays_below() -> None:
    seen: list[Sequence[float]] = []

    def trees(row: Sequence[float]) -> float:
        seen.append(row)
        return -row[1]  # after the features (one here), the linear score: the lower wins

    vectors = [[float(i)] for i in range(len(FOUND))]
    scores = rescored(FOUND, LINES, vectors, SCORES, trees, 2)
    assert len(seen) == 2  # the two best by the linear score only
    assert all(len(row) == 1 + len(RANKS) for row in seen)
    assert scores[2] > scores[1]  # the second best by the weights wins by the trees
    assert max(scores[0], scores[3]) < min(scores[1], scores[2])
    assert scores[0] > scores[3]  # the rest in their linear order


def test_the_ranks_of_a_few_are_theirs_among_all() -> None:
    few = best_first(SCORES, 2)
    assert few == [1, 2]
    whole = ranks(FOUND, LINES, SCORES)
    assert ranks(FOUND, LINES, SCORES, few) == [whole[i] for i in few]


def _picked(texts: Sequence[str], tree_scores: Sequence[float]) -> str:
    """The candidate ``rescored`` puts first when the trees give ``texts`` these scores."""
    lines = [WindowLine(text, i + 1, i, None, 1, 0) for i, text in enumerate(texts)]
    found = [Candidate(text, i + 1, i, i, 1) for i, text in enumerate(texts)]
    by_text = dict(zip(texts, tree_scores, strict=True))

    def trees(row: Sequence[float]) -> float:
        return by_text[texts[int(row[0])]]

    vectors = [[float(i)] for i in range(len(texts))]
    scores = rescored(found, lines, vectors, [1.0] * len(texts), trees, len(texts))
    return texts[max(range(len(texts)), key=scores.__getitem__)]


def test_a_marked_list_item_gives_its_place_to_a_heading_below_it() -> None:
    item = "• Bridge reopens to traffic after two years of repairs"
    assert _picked([item, "Storm floods the valley"], [1.0, 0.5]) == "Storm floods the valley"
    # Not to a heading above it, a byline or a date line, nor when the item is numbered
    # (a headline may open with a number: "15. Zukunftsforum ...").
    assert _picked(["Storm floods the valley", item], [0.5, 1.0]) == item
    assert _picked([item, "By Jane Doe and Kay Li"], [1.0, 0.5]) == item
    assert _picked([item, "Updated March 12, 2024"], [1.0, 0.5]) == item
    numbered = "15. Zukunftsforum Ländliche Entwicklung"
    assert _picked([numbered, "Storm floods the valley"], [1.0, 0.5]) == numbered


def test_a_candidate_is_placed_right_under_or_over_the_best_one() -> None:
    """A dek stands right under its headline and a kicker right over it: the trees hear
    where a candidate stands against the best one, whether the best one reads as a
    sentence, and how much more of its words open with a capital (Title Case)."""
    ranked = _ranks()
    best = ranked["Storm floods the valley as rain keeps falling"]
    under, over = ranked["Storm floods the valley"], ranked["Daily Example"]
    assert (best["under_best"], best["over_best"]) == (0.0, 0.0)
    assert (under["under_best"], under["over_best"]) == (1.0, 0.0)
    assert (over["under_best"], over["over_best"]) == (0.0, 1.0)
    assert {v["best_sentence"] for v in ranked.values()} == {0.0}
    assert over["caps_to_best"] == 1.0 - 1 / 8
    texts = ("Storm floods the valley", "The river rose two metres overnight.")
    lines = [WindowLine(text, i + 1, i, None, 1, 0) for i, text in enumerate(texts)]
    found = [Candidate(text, i + 1, i, i, 1) for i, text in enumerate(texts)]
    at = RANKS.index("best_sentence")
    assert [v[at] for v in ranks(found, lines, [0.5, 3.0])] == [1.0, 1.0]
