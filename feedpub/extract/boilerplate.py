"""Which lines of a scraped page's text after its headline are its article (pure).

Boilerplate removal as jusText and boilerpipe do it, for text dumps: every line gets
features of its own (length, how full it is against the dump's wrapping width, stopword
density, case, punctuation, markup, the junk patterns of ``junk``), of its block and of the
blocks around it, and of where it stands (before or after a block saying the article ended,
inside or outside the run of blocks that counts most for the article, see
``article_end``). Gradient-boosted trees score each line (``boilerplate_trees``); a
logistic regression scores it again with its neighbours' scores (context smoothing: a short
line between paragraphs is the article's, a sentence inside a list of links is not). Both
are fitted by ``tools/fit_junk.py`` on the text corpus's development part (its lines known
to be the article's or not, of whole articles and of pages known by passages) and shipped
as data (``boilerplate_weights``), so a run needs no learning library. The scores also tell the
paragraph the article opens with, its summary (``lead``): a dek, a caption or a teaser left
above it scores lower or is shorter.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import NamedTuple

from ..metadata import Block, join_lines, squash
from .article_end import (
    SENTENCE,
    block_value,
    caption_lines,
    end_of,
    is_menu,
    junk_line_at,
    page_kinds,
)
from .article_end import article_blocks as rules_article_blocks
from .body import clean_body, reads_as_text
from .boilerplate_features import (
    CONTEXT_FEATURES,
    LINE_FEATURES,
    context_features,
    line_features,
)
from .boilerplate_trees import Trees, tree_score, tree_scorer
from .boilerplate_weights import (
    CONTEXT_WEIGHTS,
    SUMMARY_SCORE,
    SUMMARY_WORDS,
    THRESHOLD,
    TREES,
)
from .junk import LIST_MARKS, is_credited
from .repeats import repeated_lines

__all__ = [
    "CLOSING_MARGIN",
    "CLOSING_WORDS",
    "CONTEXT_FEATURES",
    "LINE_FEATURES",
    "Kept",
    "Trees",
    "article",
    "article_blocks",
    "context_features",
    "kept_lines",
    "lead",
    "line_features",
    "scored",
    "scores",
    "tree_score",
    "tree_scorer",
]

_ONE_LINE_BLOCKS = 0.9  # this share of one-line blocks: a reader view's copy


def _logit(weights: Sequence[float], row: Sequence[float]) -> float:
    # The same products added in the same order as a generator over zip, for less CPU.
    total: float = sum(map(operator.mul, weights, row))
    return total


@cache  # compiled once per process, by the first page that needs it
def _tree_score() -> Callable[[Sequence[float]], float]:
    return tree_scorer(TREES)


def scores(
    blocks: Sequence[Block], kinds: list[list[tuple[int, int]]] | None = None
) -> list[float]:
    """How much each line of ``blocks`` looks like the article's (a logit: above
    ``THRESHOLD``, it is kept); ``kinds``: their ``article_end.page_kinds``, when known."""
    rows = line_features(blocks, kinds)
    score = _tree_score()
    own = [score(row) for row in rows]
    block_of = [i for i, block in enumerate(blocks) for _ in block.lines or (block.text,)]
    return [_logit(CONTEXT_WEIGHTS, row) for row in context_features(own, rows, block_of)]


def scored(blocks: Sequence[Block]) -> bool:
    """Whether ``article_blocks`` scores these blocks' lines: not for a copy whose blocks are
    one line each (a reader view's: a paragraph a line, a blank line between)."""
    return sum(len(block.lines) <= 1 for block in blocks) < _ONE_LINE_BLOCKS * len(blocks)


class Kept(NamedTuple):
    """What ``article`` keeps of a page's text after its headline."""

    blocks: list[Block]
    """The article's blocks (see ``article_blocks``)."""
    lead: str | None
    """The article's opening paragraph where the scorer tells it (see ``lead``), else None:
    the summary is then the first paragraph."""


def article_blocks(blocks: Sequence[Block]) -> list[Block]:
    """The blocks of a scraped page's text after its headline that are its article: those
    before ``article_end.article_end`` (a block saying the article has ended), each with only the
    lines the scorer keeps and that are no junk line (``junk_line_at``), none of a menu
    (``is_menu``); a block none of whose lines is kept is left out. A copy whose
    blocks are one line each (a reader view's: a paragraph a line, a blank line between)
    keeps the rules of ``article_end.article_blocks``: there the scorer cost more article than junk
    (dev part)."""
    return article(blocks).blocks


def article(blocks: Sequence[Block], title: str = "") -> Kept:
    """``article_blocks``, and the paragraph the article opens with (``lead``)."""
    if not blocks:
        return Kept([], None)
    if not scored(blocks):
        return Kept(rules_article_blocks(blocks), None)
    kinds = page_kinds(blocks)  # once: the features and the kept lines both ask
    kept = kept_lines(blocks, scores(blocks, kinds), THRESHOLD, kinds)
    return Kept([block for block, _ in kept], lead(kept, title, SUMMARY_SCORE, SUMMARY_WORDS))


def kept_lines(
    blocks: Sequence[Block],
    line_scores: Sequence[float],
    threshold: float,
    kinds: list[list[tuple[int, int]]] | None = None,
) -> list[tuple[Block, float]]:
    """``article_blocks`` for lines scoring ``line_scores``, with each block's strength:
    the mean score of the lines it keeps (``kinds``: the blocks' ``page_kinds``, when known)."""
    line_score = iter(line_scores)
    if kinds is None:
        kinds = page_kinds(blocks)
    end = end_of([block_value(k) for k in kinds])
    # An image's alt text and its caption, said twice: junk whatever it scores (repeats).
    twice = repeated_lines([line for block in blocks for line in block.lines or (block.text,)])
    at = 0  # the page's line at the block's first
    out = []
    # A closing sentence the scorer doubts, right after the last block kept (see _closing).
    closing: tuple[Block, float] | None = None
    last_kept = -2
    for index, (block, block_kinds) in enumerate(zip(blocks[:end], kinds, strict=False)):
        lines = block.lines or (block.text,)
        # A junk line (a share row, a credit), a caption or a menu goes whatever its score.
        menu = is_menu(lines)
        captions = caption_lines(lines)
        kept = []
        total = 0.0
        first_score = 0.0
        for i in range(len(lines)):
            score = next(line_score)
            if i == 0:
                first_score = score
            if (
                score > threshold
                and not menu
                and at + i not in twice
                and i not in captions
                and not junk_line_at(lines, block_kinds, i)
            ):
                kept.append(i)
                total += score
        at += len(lines)
        if not kept:
            if (
                closing is None
                and last_kept == index - 1
                and _closing(block_kinds, first_score, threshold)
            ):
                closing = (block, first_score)
            continue
        closing = None  # a block kept after it: it was no closing sentence
        last_kept = index
        strength = total / len(kept)
        if len(kept) == len(lines):
            out.append((block, strength))
            continue
        texts = tuple(squash(lines[i]) for i in kept)
        # Squashed: XML-safe, as every block is (a control character gone).
        out.append((Block(squash(join_lines(texts)), block.line + kept[0], None, texts), strength))
    if closing is not None:
        out.append(closing)
    return out


# An article's last paragraph is often one short sentence ("The first lane should open next
# summer."), and the scorer doubts it beside the share row or the teasers that follow: the
# last block kept lost it on 24 of the 43 lynx copies of text-v2's dev part whose article ends
# with one (a fifth of the short paragraphs elsewhere). A one-line sentence of CLOSING_WORDS words
# or more, right after the last block kept and scoring within CLOSING_MARGIN of the threshold,
# stays (dev part, the scores cross-validated: body F1 up, junk removed the same).
CLOSING_WORDS = 5
CLOSING_MARGIN = 1.0  # logits


def _closing(kinds: Sequence[tuple[int, int]], score: float, threshold: float) -> bool:
    """Whether a block of ``kinds`` (its ``line_kinds``) whose line scores ``score`` is a
    closing sentence to keep."""
    return (
        len(kinds) == 1
        and kinds[0][0] == SENTENCE
        and kinds[0][1] >= CLOSING_WORDS
        and score > threshold - CLOSING_MARGIN
    )


_LEAD_PARAGRAPHS = 6  # the opening paragraph is among the body's first ones that say something
# A list item's mark as text renderers draw it, at the start of a paragraph or inside one
# (a wrapped list run into one block): "* Here's our ...", "• Dubai's ...".
_LIST_MARK = re.compile(rf"(?:^|\s)[*+{LIST_MARKS}]\s+\S")


def lead(kept: Sequence[tuple[Block, float]], title: str, score: float, words: int) -> str | None:
    """The paragraph an article opens with: the first of the body's first paragraphs whose
    lines score ``score`` on average and that has ``words`` words or more. A dek, a photo
    caption, a byline or a teaser left above it is short or scores lower (both fitted by
    ``tools/fit_junk.py`` for the best summaries); a caption ending in its credit
    (``... the CLPS program. Credit: SpaceX``), a run of list items (two marks or more) and
    a form's boxes (``[ ] [ ]``) are none, whatever they score; None when no paragraph is.
    Only paragraphs that say something (``reads_as_text``) count among the first: a row of
    marks (``• • • •``) or a rule a renderer drew is no paragraph."""
    paragraphs = 0
    for block, strength in kept:
        body = clean_body([block], title)
        if not body or body[0].tag not in ("p", "blockquote", "li"):
            continue
        text = body[0].text
        says = reads_as_text(text)
        if (
            says
            and strength > score
            and len(text.split()) >= words
            and not is_credited(block.text)
            and len(_LIST_MARK.findall(text, 0, 400)) < 2
        ):
            return text
        if says:
            paragraphs += 1
            if paragraphs == _LEAD_PARAGRAPHS:
                break
    return None
