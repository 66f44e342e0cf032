"""feedpub.extract.boilerplate: which lines of a scraped page's text are its article."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedpub import normalise
from feedpub.extract import article_end, boilerplate
from feedpub.extract.boilerplate_weights import CONTEXT_WEIGHTS, TREES
from feedpub.metadata import Block

from .conftest import load_tool

fit = load_tool("fit_junk")

_PARAGRAPHS = [
    "The city council voted on Tuesday to build a network of protected cycle lanes on the "
    "ring road, after two years of consultation with residents and shop owners who had "
    "feared for their deliveries.",
    "The plan, which will cost about 40 million euros, replaces one lane of traffic in each "
    "direction with a lane for bicycles that is separated from the cars by a low kerb and a "
    "row of trees.",
    "Supporters of the scheme said that it would make the road safer for the thousands of "
    "people who cycle to work every day, and that it was the only way to meet the city's "
    "target for cleaner air by the end of the decade.",
    "Opponents said that the work would bring months of traffic jams, and that the money "
    "would have been better spent on the buses, which many of the city's older residents "
    "depend on to reach the hospital and the market.",
]


def _wrapped(text: str) -> str:
    """A paragraph as lynx draws it: wrapped at 72 columns, indented."""
    return textwrap.fill(text, 72, initial_indent="   ", subsequent_indent="   ")


def _page(*inside: str) -> str:
    parts = [
        "Council votes for new cycle lanes on the ring road",
        "By Jane Doe",
        "December 19, 2022",
        _wrapped(_PARAGRAPHS[0]),
        _wrapped(_PARAGRAPHS[1]),
        *inside,
        _wrapped(_PARAGRAPHS[2]),
        _wrapped(_PARAGRAPHS[3]),
    ]
    return "\n\n".join(parts)


def test_a_wrapped_dump_loses_the_junk_between_its_paragraphs() -> None:
    entry = normalise(
        _page(
            "   ring-road-cyclists.jpg",
            "     * Business\n     * Sport\n     * Weather\n     * Travel\n     * Culture",
            "   Play Video\n   Play\n   Mute\n   Current Time 0:00\n   Duration Time 0:00",
        )
    )
    text = " ".join(entry.content_html.split())
    for paragraph in _PARAGRAPHS:
        assert paragraph in text.replace("<p>", "").replace("</p>", "")
    for junk_line in ("ring-road-cyclists.jpg", "Sport", "Weather", "Mute", "Current Time"):
        assert junk_line not in entry.content_html
    assert entry.summary == _PARAGRAPHS[0]


def test_a_reader_view_copy_keeps_the_rules() -> None:
    """One line a block (a reader view's copy): the same blocks as article_end.article_blocks."""
    blocks = [Block(text, n, None, (text,)) for n, text in enumerate(
        [*_PARAGRAPHS, "Short line", "* An item", "Another short line"], 1)]  # fmt: skip
    assert boilerplate.article_blocks(blocks) == article_end.article_blocks(blocks)


def test_every_line_gets_a_score_and_nothing_is_lost_without_blocks() -> None:
    blocks = [
        Block(" ".join(lines), 1, None, tuple(lines))
        for lines in (["a menu", "* Home", "* News"], _wrapped(_PARAGRAPHS[0]).splitlines())
    ]
    assert len(boilerplate.scores(blocks)) == sum(len(b.lines) for b in blocks)
    assert boilerplate.article_blocks([]) == []


def test_the_weights_match_the_features() -> None:
    assert max(TREES.feature) < len(boilerplate.LINE_FEATURES)
    assert len(TREES.feature) == len(TREES.threshold) == len(TREES.left) == len(TREES.value)
    assert len(CONTEXT_WEIGHTS) == len(boilerplate.CONTEXT_FEATURES)


def test_a_tree_sends_a_row_left_at_or_below_its_threshold() -> None:
    # one tree asking about feature 1: at or below 0.5 it adds -2, above it 3
    trees = boilerplate.Trees(0.5, (0,), (1, -1, -1), (0.5, 0, 0), (1, 0, 0), (2, 0, 0),
                              (0, -2.0, 3.0))  # fmt: skip
    assert boilerplate.tree_score(trees, [9.0, 0.5]) == -1.5
    assert boilerplate.tree_score(trees, [9.0, 0.6]) == 3.5
    two = trees._replace(roots=(0, 0))
    assert boilerplate.tree_score(two, [0.0, 1.0]) == 6.5


def _copy(page: str, count: int = 12) -> dict[str, object]:
    """A copy whose article lines have many stopwords and whose junk lines have none."""
    rows, labels, lines = [], [], []
    for i in range(count):
        row = [0.0] * len(boilerplate.LINE_FEATURES)
        row[0] = 1.0
        article = i % 3 != 0
        row[boilerplate.LINE_FEATURES.index("stopwords")] = 0.5 if article else 0.0
        rows.append(row)
        labels.append(article)
        lines.append(f"the council voted on the plan number {i}" if article else f"Menu {i}")
    body = [line for line, label in zip(lines, labels, strict=True) if label]
    return {"id": page, "variant": "lynx", "lines": lines, "X": rows, "y": labels,
            "block_of": list(range(count)), "may_keep": [True] * count, "scored": True,
            "body": body}  # fmt: skip


def test_the_fit_learns_stopwords_and_writes_its_weights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fit, "TREES", 5)  # a few are enough here, and fast
    copies = [_copy(f"p{n}", 60) for n in range(6)]
    weights = fit._fit(copies)
    assert boilerplate.LINE_FEATURES.index("stopwords") in weights[0].feature
    measured = fit._measure(copies, fit._scores(copies, weights), 0.0)
    # all of the junk dropped, all of the article kept (no page known by passages)
    assert measured["lynx"] == (1.0, 1.0, 0.0)
    # an unlabelled line is left out of the fit
    unknown = [{**c, "y": [None, *c["y"][1:]]} for c in copies]  # type: ignore[index]
    assert all(0 not in labelled for _, labelled in fit._labelled(unknown))
    _, labels = fit._context_rows(fit._labelled(unknown), weights[0])
    assert len(labels) == 6 * 59
    assert None not in labels
    path = tmp_path / "weights.py"
    fit._write(weights, -0.5, path, summary=(1.5, 12))
    spec = importlib.util.spec_from_file_location("weights", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.THRESHOLD == -0.5
    assert (module.SUMMARY_SCORE, module.SUMMARY_WORDS) == (1.5, 12)
    assert (
        weights[0]._replace(
            threshold=tuple(float(f"{t:.6g}") for t in weights[0].threshold),
            value=tuple(float(f"{v:.6g}") for v in weights[0].value),
        )
        == module.TREES
    )
    assert tuple(round(w, 4) for w in weights[1]) == module.CONTEXT_WEIGHTS


def test_the_threshold_drops_the_most_junk_at_the_best_body_f1() -> None:
    copies = [_copy(f"p{n}") for n in range(3)]
    # Junk scores -4: every threshold drops it; article lines 1.0: kept below 1.0 only.
    scores = [[1.0 if label else -4.0 for label in c["y"]] for c in copies]  # type: ignore[attr-defined]
    threshold, measured = fit.best_threshold(copies, scores)
    assert threshold == 0.75
    assert measured[0.75]["lynx"] == (1.0, 1.0, 0.0)
    assert measured[1.0]["lynx"][1] == 0.0  # every article line dropped
    # A line cut after the article's end is dropped whatever its score.
    ended = [{**c, "may_keep": [i < 6 for i in range(12)]} for c in copies]
    assert fit._measure(ended, scores, 0.0)["lynx"][1] < 1.0
    # Copies the scorer does not decide (reader views) are not measured.
    assert fit._measure([{**c, "scored": False} for c in copies], scores, 0.0) == {}


def test_a_block_cut_by_the_scorer_is_xml_safe() -> None:
    # Found by hypothesis: a block some of whose lines were dropped kept a control
    # character ('\x1b') that no feed can carry.
    paragraph = _wrapped(_PARAGRAPHS[0]).splitlines()
    lines = ("\x1b" + paragraph[0], *paragraph[1:], "[gif]")  # a picture: it goes
    kept = boilerplate.article_blocks(
        [Block(" ".join(lines), 3, None, lines), Block("b", 9, None, ("b",))]
    )
    assert kept[0].lines == (lines[0].strip(" \x1b"), *(line.strip() for line in paragraph[1:]))
    for block in kept:
        assert block.text.isprintable()
        assert all(line.isprintable() for line in block.lines)


def test_the_layout_features_place_a_line_against_the_prose() -> None:
    caption = "   A cyclist on the ring road."
    paragraph = tuple(_wrapped(_PARAGRAPHS[0]).splitlines())
    blocks = [
        Block(caption.strip(), 1, None, (caption,)),
        Block(_PARAGRAPHS[0], 3, None, paragraph),
        Block("Sport", 8, None, ("     * Sport",)),
        Block(caption.strip(), 10, None, (caption,)),
    ]  # fmt: skip
    rows = boilerplate.line_features(blocks)

    def feature(name: str) -> list[float]:
        return [row[boilerplate.LINE_FEATURES.index(name)] for row in rows]

    paragraph_lines = len(blocks[1].lines)
    assert feature("paragraph") == [0.0, *[1.0] * paragraph_lines, 0.0, 0.0]
    assert feature("lead_short")[0] == 1.0  # a caption before the first paragraph
    assert feature("after_paragraph")[-2:] == [1.0, 1.0]
    assert feature("repeated")[0] == feature("repeated")[-1] == 1.0  # said twice
    assert feature("repeated_block")[-1] == 1.0
    assert feature("repeated")[1] == 0.0
    assert feature("before_prose")[0] > 0.0
    assert feature("after_prose")[-1] > feature("after_prose")[-2] > 0.0
    assert feature("prose")[1] == 1.0
    assert feature("short_run")[-1] > 0.0
    assert feature("short_run")[1] == 0.0


def _kept(*texts_and_strengths: tuple[str, float]) -> list[tuple[Block, float]]:
    return [(Block(text, n, None, (text,)), strength)
            for n, (text, strength) in enumerate(texts_and_strengths, 1)]  # fmt: skip


def test_the_lead_is_the_first_paragraph_that_scores_as_prose() -> None:
    caption = "A cyclist on the ring road, where the first lane opened in May."
    kept = _kept((caption, 3.0), ("Subheading", 3.0), (_PARAGRAPHS[0], 2.5), (_PARAGRAPHS[1], 3.0))
    assert boilerplate.lead(kept, "", 2.0, 16) == _PARAGRAPHS[0]  # the caption is short
    assert boilerplate.lead(kept, "", 2.0, 8) == caption
    assert boilerplate.lead(kept, "", 2.75, 16) == _PARAGRAPHS[1]  # the first scores lower
    assert boilerplate.lead(kept, "", 4.0, 0) is None  # none does: the first paragraph then
    # only among the first paragraphs
    many = _kept(*[(f"{_PARAGRAPHS[0]} {n}", 0.0) for n in range(6)], (_PARAGRAPHS[1], 3.0))
    assert boilerplate.lead(many, "", 2.0, 0) is None


def test_a_credited_caption_is_never_the_lead_however_it_scores() -> None:
    caption = (
        "Starship on the moon SpaceX said its lander will be able to carry 100 metric tons "
        "to the surface of the moon, far more than the agency asked for. Credit: SpaceX"
    )
    credited = "A view of the city gate amid smog on Friday morning. (AP Photo/Jane Doe)"
    kept = _kept((caption, 3.0), (credited, 3.0), (_PARAGRAPHS[0], 3.0))
    assert boilerplate.lead(kept, "", 2.0, 8) == _PARAGRAPHS[0]


def test_a_run_of_list_items_is_never_the_lead() -> None:
    items = (
        "* Here's our year in review, with the numbers of the last twelve months! * Here's "
        "our performance review! * We've just landed a fix for the update that stopped a "
        "second instance from starting while another one was running"
    )
    kept = _kept((items, 3.0), (_PARAGRAPHS[0], 3.0))
    assert boilerplate.lead(kept, "", 2.0, 8) == _PARAGRAPHS[0]
    one = "• " + _PARAGRAPHS[1]  # one item is a paragraph drawn as a list item
    assert boilerplate.lead(_kept((one, 3.0)), "", 2.0, 8) == one


def test_rows_of_marks_are_not_counted_among_the_first_paragraphs() -> None:
    marks = _kept(*[("• • • •", 0.0), ("━━━━━━━━━━", 0.0)] * 4, (_PARAGRAPHS[0], 3.0))
    assert boilerplate.lead(marks, "", 2.0, 16) == _PARAGRAPHS[0]


def test_a_caption_above_the_first_paragraph_is_not_the_summary() -> None:
    entry = normalise(_page_after_headline("   Cyclists on the ring road in May."))
    assert entry.summary == _PARAGRAPHS[0]
    assert "Cyclists on the ring road" in entry.content_html  # still in the body


def _page_after_headline(*lead: str) -> str:
    return "\n\n".join(
        ["Council votes for new cycle lanes on the ring road", "By Jane Doe",
         "December 19, 2022", *lead, *(_wrapped(p) for p in _PARAGRAPHS)]
    )  # fmt: skip


def test_the_fit_chooses_the_summary_rule_with_the_most_right_summaries() -> None:
    caption = "Cyclists on the ring road."
    blocks = [Block(caption, 1, None, (caption,)),
              *[Block(p, n, None, tuple(_wrapped(p).splitlines()))
                for n, p in enumerate(_PARAGRAPHS, 3)]]  # fmt: skip
    lines = [line for block in blocks for line in block.lines]
    row = {"id": "p", "variant": "lynx", "lines": lines, "scored": True,
           "body": _PARAGRAPHS, "blocks": blocks, "title": ""}  # fmt: skip
    # the caption scores as high as the paragraphs: only its length tells it
    scores = [[3.0] * len(lines)]
    (score, words), shares = fit.best_summary([row], scores, 0.0)
    assert words > 4
    assert shares[score, words] == 1.0
    assert shares[0.0, 0] == 0.0  # the first paragraph: the caption
    # scores of another set count as well: here the caption scores low, the paragraphs high
    low = [[0.5, *[3.0] * (len(lines) - 1)]]
    _, both = fit.best_summary([row], scores, 0.0, also=[low])
    assert both[0.0, 0] == 0.0
    assert both[1.0, 0] == 0.5  # right on the second set only


def test_the_fit_writes_the_summarys_rule_alone(tmp_path: Path) -> None:
    path = tmp_path / "weights.py"
    path.write_text(
        "THRESHOLD = 0.0  # a line\nSUMMARY_SCORE = 2.5  # lines score above it\n"
        "SUMMARY_WORDS = 25  # words\nTREES = 1\n",
        encoding="utf-8",
    )
    fit.write_summary((3.0, 8), path)
    assert path.read_text(encoding="utf-8") == (
        "THRESHOLD = 0.0  # a line\nSUMMARY_SCORE = 3.0  # lines score above it\n"
        "SUMMARY_WORDS = 8  # words\nTREES = 1\n"
    )


def test_the_fit_labels_pages_known_by_passages_and_leaves_the_rest_unknown(
    tmp_path: Path,
) -> None:
    text = _page("   The best pictures of the week")
    (tmp_path / "a.lynx.txt").write_text(text, encoding="utf-8")
    answers = {"title": "Council votes for new cycle lanes on the ring road",
               "body": _PARAGRAPHS}  # fmt: skip
    row = {"id": "a", "variant": "lynx", "file": "a.lynx.txt", "answers": answers}
    known = fit.rows_of(tmp_path, [row])
    assert len(known) == 1
    assert None not in known[0]["y"]
    assert any(known[0]["y"])
    assert known[0]["y"][known[0]["lines"].index("The best pictures of the week")] is False
    assert known[0]["body"] == _PARAGRAPHS
    passages = {**row, "answers": {**answers, "body": [], "body_known": False,
                                   "anchors": [" ".join(_PARAGRAPHS[1].split()[:10])],
                                   "not_body": ["The best pictures of the week"]}}  # fmt: skip
    (found,) = fit.rows_of(tmp_path, [passages])
    labels = dict(zip(found["lines"], found["y"], strict=True))
    assert labels["The best pictures of the week"] is False
    assert labels[_wrapped(_PARAGRAPHS[1]).splitlines()[0].strip()] is True
    assert labels[_wrapped(_PARAGRAPHS[3]).splitlines()[0].strip()] is None  # not said
    assert not found["body_known"]
    # such a copy counts by the share of its article lines kept, not a body F1
    kept_all = fit._measure([found], [[5.0] * len(found["lines"])], 0.0)
    assert kept_all["lynx"][2] == 1.0


def test_the_compiled_trees_score_as_the_walked_ones() -> None:
    trees = boilerplate.Trees(0.5, (0, 3), (1, -1, -1, 0, -1, -1), (0.5, 0, 0, -1.25, 0, 0),
                              (1, 0, 0, 4, 0, 0), (2, 0, 0, 5, 0, 0),
                              (0, -2.0, 3.0, 0, 0.25, -0.75))  # fmt: skip
    score = boilerplate.tree_scorer(trees)
    for row in ([9.0, 0.5], [9.0, 0.6], [-1.25, 0.0], [-1.0, 1.0]):
        assert score(row) == boilerplate.tree_score(trees, row)
    assert score([-2.0, 0.5]) == 0.5 - 2.0 + 0.25


_SHIPPED = boilerplate.tree_scorer(TREES)
# A feature's value: any, or exactly a threshold the trees ask about (where <= and < differ).
_VALUES = st.one_of(
    st.floats(-5, 5, allow_nan=False), st.sampled_from(sorted(set(TREES.threshold)))
)


@given(st.lists(_VALUES, min_size=len(boilerplate.LINE_FEATURES),
                max_size=len(boilerplate.LINE_FEATURES)))  # fmt: skip
def test_the_shipped_trees_compiled_give_the_same_score(row: list[float]) -> None:
    assert _SHIPPED(row) == boilerplate.tree_score(TREES, row)


def test_a_page_scores_the_same_with_the_trees_walked() -> None:
    texts = [_wrapped(p).splitlines() for p in _PARAGRAPHS]
    texts.insert(2, ["   Share this:", "     * Twitter", "     * Facebook"])
    blocks = [Block(" ".join(lines), 1, None, tuple(lines)) for lines in texts]
    rows = boilerplate.line_features(blocks)
    assert [_SHIPPED(row) for row in rows] == [boilerplate.tree_score(TREES, row) for row in rows]


def _one_line_blocks(*texts: str) -> list[Block]:
    return [Block(text, n, None, (text,)) for n, text in enumerate(texts, 1)]


def test_a_closing_sentence_the_scorer_doubts_stays_after_the_last_block_kept() -> None:
    closing = "The first lane should open next summer."
    blocks = _one_line_blocks(*_PARAGRAPHS[:2], closing, "Share this: Twitter Facebook")
    doubted = -(boilerplate.CLOSING_MARGIN / 2)
    kept = boilerplate.kept_lines(blocks, [2.0, 2.0, doubted, -3.0], 0.0)
    assert [block.text for block, _ in kept] == [*_PARAGRAPHS[:2], closing]
    # too doubtful, or too short, or not a sentence: it goes
    far = -(boilerplate.CLOSING_MARGIN + 0.5)
    assert len(boilerplate.kept_lines(blocks, [2.0, 2.0, far, -3.0], 0.0)) == 2
    for line in ("Open next summer.", "The first lane should open next summer"):
        short = _one_line_blocks(*_PARAGRAPHS[:2], line)
        assert len(boilerplate.kept_lines(short, [2.0, 2.0, doubted], 0.0)) == 2
    # a block kept after it: it was no closing sentence, and stays out
    middle = _one_line_blocks(_PARAGRAPHS[0], closing, _PARAGRAPHS[1])
    kept = boilerplate.kept_lines(middle, [2.0, doubted, 2.0], 0.0)
    assert [block.text for block, _ in kept] == [_PARAGRAPHS[0], _PARAGRAPHS[1]]
    # not right after the last block kept: it goes
    apart = _one_line_blocks(_PARAGRAPHS[0], "* Twitter", closing)
    assert len(boilerplate.kept_lines(apart, [2.0, -3.0, doubted], 0.0)) == 1


def test_an_alt_text_and_its_caption_go_whatever_they_score() -> None:
    alt = "Spokojený Tomáš Souček po vítězství ve Villa Parku."
    lines = (_PARAGRAPHS[0], alt, f"{alt} | Foto: Reuters")
    blocks = [Block(" ".join(lines), 1, None, lines), *_one_line_blocks(_PARAGRAPHS[1])]
    kept = boilerplate.kept_lines(blocks, [2.0, 2.0, 2.0, 2.0], 0.0)
    assert [block.text for block, _ in kept] == [_PARAGRAPHS[0], _PARAGRAPHS[1]]


def test_a_caption_glued_under_a_paragraph_goes_whatever_it_scores() -> None:
    lines = (_PARAGRAPHS[0], "Tyvak lander Tyvak Nano-Satellite Systems plans to leverage its",
             "experience in smallsats for its small lunar landers. Credit: Tyvak")  # fmt: skip
    blocks = [Block(" ".join(lines), 1, None, lines), *_one_line_blocks(_PARAGRAPHS[1])]
    kept = boilerplate.kept_lines(blocks, [2.0, 2.0, 2.0, 2.0], 0.0)
    assert [block.text for block, _ in kept] == [_PARAGRAPHS[0], _PARAGRAPHS[1]]


def test_a_forms_boxes_are_never_the_lead_however_many() -> None:
    boxes = " ".join(["[ ]"] * 19)
    kept = _kept((boxes, 3.0), (_PARAGRAPHS[0], 3.0))
    assert boilerplate.lead(kept, "", 2.0, 16) == _PARAGRAPHS[0]
