"""What the page's other readings say of its headline candidates (pure).

Two stages read a page without knowing its headline, and each tells something of it:

- the junk model (``boilerplate.scores``) scores every line for how much it looks like the
  article's: a headline stands just above the lines it keeps (the article starts there), its
  chrome and its teasers sit among the lines it drops;
- the site's names (``sitenames.named_sites``: its logo, copyright, feed, about lines, its
  domain): a line that is the site's name, or says it (``Welcome to Site``), is chrome.

``headline_features`` adds these to each candidate's features.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence

from ..metadata import Block, squash
from .boilerplate import scores
from .boilerplate_weights import THRESHOLD
from .candidates import BULLET, Candidate, WindowLine, heaviest_run, is_paragraph
from .sitenames import named_sites, site_key

__all__ = ["EVIDENCE", "evidence"]

EVIDENCE = (
    "kept_below", "kept_above", "kept_own", "kept_gap", "kept_first", "kept_after",
    "site_name", "names_site",
)  # fmt: skip

_NEAR = 8  # lines each side of a candidate whose kept share counts
_AFTER = 30  # lines under a candidate looked at for the kept paragraphs ...
_AFTER_BLOCKS = 8  # ... counted up to this many blocks


def evidence(
    found: Sequence[Candidate], lines: Sequence[WindowLine], blocks: Sequence[Block]
) -> list[list[float]]:
    """The vector (in ``EVIDENCE`` order) of each candidate among the window's ``lines``
    (``candidates.window``: the blocks' leading lines, in order) of the text's ``blocks``."""
    # One score a line, in the window's order (its lines are the blocks' first ones).
    line_scores = scores(blocks)[: len(lines)] if lines else []
    kept = [
        score > THRESHOLD and bool(ln.text) for score, ln in zip(line_scores, lines, strict=True)
    ]
    paragraph = {ln.block: is_paragraph(blocks[ln.block].text) for ln in lines}
    # The lines the junk model keeps of the article's paragraphs, in order: those of its
    # run of kept paragraphs (``_kept_run``), not a kept teaser's sentence above it.
    first, last = _kept_run(lines, kept, paragraph)
    prose = [i for i in range(first, last + 1) if kept[i] and paragraph[lines[i].block]]
    shown = [0]  # prefix sums of the lines with text, and of those kept
    held = [0]
    for ln, keep in zip(lines, kept, strict=True):
        shown.append(shown[-1] + bool(ln.text))
        held.append(held[-1] + keep)

    def share(low: int, high: int) -> float:
        low, high = max(low, 0), min(high, len(lines))
        count = shown[high] - shown[low] if high > low else 0
        return (held[high] - held[low]) / count if count else 0.0

    sites = _site_keys(blocks)
    vectors = []
    for c in found:
        end = c.start + c.size  # one past its last line
        own = line_scores[c.start : end]
        at = bisect_right(prose, end - 1)
        gap = prose[at] - end if at < len(prose) else None
        later = prose[at : bisect_right(prose, end - 1 + _AFTER)]
        key = site_key(BULLET.sub("", c.text))
        vectors.append([
            share(end, end + _NEAR),
            share(c.start - _NEAR, c.start),
            math.tanh(sum(own) / len(own) / 4) if own else 0.0,
            math.log1p(gap) / 5 if gap is not None else 1.0,
            float(end <= first <= last),
            min(len({lines[i].block for i in later}), _AFTER_BLOCKS) / _AFTER_BLOCKS,
            float(bool(key) and any(site == key or _spelled(site, key) for site in sites)),
            float(bool(key) and any(site != key and _within(site, key) for site in sites)),
        ])  # fmt: skip
    return vectors


_DISCOUNT = 10  # words of a kept paragraph that count for nothing (a teaser's few)
_PENALTY = 8  # words each line of a block the junk model drops costs the run


def _kept_run(
    lines: Sequence[WindowLine], kept: Sequence[bool], paragraph: dict[int, bool]
) -> tuple[int, int]:
    """(first, last) index among ``lines`` of the article as the junk model keeps it: the
    run of blocks whose kept paragraphs' words outweigh the lines it drops most (as
    ``candidates.article_run`` weighs paragraphs against other lines); (0, -1) when it
    keeps no paragraph."""
    spans: list[tuple[int, int, int]] = []  # per block: first line, last line, its gain
    for i, line in enumerate(lines):
        if i == 0 or lines[i - 1].block != line.block:
            spans.append((i, i, 0))
        start, _, gain = spans[-1]
        if kept[i] and paragraph[line.block]:
            gain += line.text.count(" ") + 1
        spans[-1] = (start, i, gain)
    first, last = heaviest_run(
        words - _DISCOUNT if words else -_PENALTY * sum(bool(ln.text) for ln in lines[a : b + 1])
        for a, b, words in spans
    )
    return (spans[first][0], spans[last][1]) if last >= 0 else (0, -1)


def _site_keys(blocks: Sequence[Block]) -> set[tuple[str, ...]]:
    """The keys (``site_key``) of the names the page gives its site."""
    lines = [
        (squash(text), block.line + i if block.line else 0)
        for block in blocks
        for i, text in enumerate(block.lines or (block.text,))
    ]
    return {key for name, _, _ in named_sites(lines) if (key := site_key(name))}


def _spelled(site: tuple[str, ...], key: tuple[str, ...]) -> bool:
    """Whether a site's name (its domain's: ``cbsnews``) spells all of ``key``'s words."""
    letters = "".join(key)
    return "".join(site) in (letters, "the" + letters)


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether the words ``part`` stand together, in order, among the words ``whole``."""
    size = len(part)
    return 0 < size < len(whole) and any(
        whole[i : i + size] == part for i in range(len(whole) - size + 1)
    )
