"""A plain-text headline candidate against the page's other candidates (pure).

The linear score (``headline_features.score``) judges each line on its own; what sets the
headline above a teaser or a dek that scores within a hair of it is often relative: how far
its score stands behind the best one's, whether it is the best one's echo or holds its words,
whether it stands above the first byline or date line of the page, how long it is beside the
best one. ``ranks`` gives each candidate these; the trees of ``layout_weights`` score them
with its own features and its linear score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from .bylines import BYLINE
from .candidates import BULLET, Candidate, WindowLine, date_line, title_like
from .headline_echoes import key

__all__ = ["RANKS", "best_first", "ranks", "rescored"]

RANKS = (
    "linear", "behind_best", "ahead_of_next", "rank", "candidates", "share", "from_best",
    "in_best", "holds_best", "words_to_best", "meta_gap", "above_meta", "title_rank",
    "under_best", "over_best", "best_sentence", "caps_to_best",
)  # fmt: skip

_RANK_MOST = 5  # ranks past this one count as this one
_GAP_MOST = 10.0  # score differences past this count as this


def best_first(scores: Sequence[float], top: int | None = None) -> list[int]:
    """The indexes of ``scores``, the best first (the ``top`` best only, when given)."""
    return sorted(range(len(scores)), key=lambda i: -scores[i])[:top]


def ranks(
    found: Sequence[Candidate],
    lines: Sequence[WindowLine],
    scores: Sequence[float],
    among: Sequence[int] | None = None,
) -> list[list[float]]:
    """The vector (in ``RANKS`` order) of each candidate of ``found`` (among the window's
    ``lines``), whose linear scores are ``scores``; of the candidates ``among`` only (in
    that order), when given: the trees score a few."""
    if not found:
        return []
    order = best_first(scores)
    rank = [0] * len(found)
    for place, i in enumerate(order):
        rank[i] = place
    top = order[0]
    best = scores[top]
    second = scores[order[1]] if len(order) > 1 else best
    total = sum(math.exp(max(s - best, -50.0)) for s in scores)
    keys = [key(c.text) for c in found]
    best_key = keys[top]
    best_words = found[top].text.count(" ") + 1
    meta = next((i for i, ln in enumerate(lines) if ln.text and _is_meta(ln.text)), None)
    titled = [i for i in order if title_like(found[i].text)]
    title_rank = {i: place for place, i in enumerate(titled)}
    best_end = found[top].start + found[top].size  # the line after the best one
    best_sentence = found[top].text.rstrip("'\"”’»)").endswith((".", "!", "?"))
    best_caps = _caps(found[top].text)
    vectors = []
    for k in range(len(found)) if among is None else among:
        candidate = found[k]
        own = scores[k]
        other_best = second if k == top else best
        end = candidate.start + candidate.size - 1
        gap = meta - end if meta is not None else None
        words = candidate.text.count(" ") + 1
        vectors.append([
            own,
            min(best - own, _GAP_MOST),
            max(min(own - other_best, _GAP_MOST), -_GAP_MOST),
            min(rank[k], _RANK_MOST) / _RANK_MOST,
            math.log1p(len(found)) / 5,
            math.exp(max(own - best, -50.0)) / total,
            _signed_log(candidate.start - found[top].start),
            float(k != top and len(keys[k]) > 3 and keys[k] in best_key),
            float(k != top and len(best_key) > 3 and best_key in keys[k]),
            math.log(words / best_words),
            _signed_log(gap) if gap is not None else 1.0,
            float(gap is not None and gap > 0),
            min(title_rank.get(k, _RANK_MOST), _RANK_MOST) / _RANK_MOST,
            float(k != top and 0 <= candidate.start - best_end <= 2),
            float(k != top and 0 <= found[top].start - end <= 2),
            float(best_sentence),
            _caps(candidate.text) - best_caps,
        ])  # fmt: skip
    return vectors


def _is_meta(text: str) -> bool:
    """A byline or a date line."""
    return BYLINE.match(text) is not None or date_line(text)


def _signed_log(lines: int) -> float:
    """A distance in lines, signed, on a log scale."""
    return math.copysign(math.log1p(abs(lines)), lines) / 5


_OUTSIDE = 1e6  # what a candidate past the trees' few loses: it stays below all of them


def rescored(
    found: Sequence[Candidate],
    lines: Sequence[WindowLine],
    vectors: Sequence[Sequence[float]],
    linear: Sequence[float],
    trees: Callable[[Sequence[float]], float],
    top: int,
) -> list[float]:
    """The candidates' scores once ``trees`` (a function of a candidate's features, then its
    ``ranks``) have scored again the ``top`` best of the ``linear`` scores: those are ranked
    by the trees, the others stay below them in their linear order."""
    order = best_first(linear, top)
    out = [score - _OUTSIDE for score in linear]
    for i, relative in zip(order, ranks(found, lines, linear, order), strict=True):
        out[i] = trees([*vectors[i], *relative])
    _items_below_headings(found, order, out)
    return out


def _items_below_headings(found: Sequence[Candidate], few: Sequence[int], out: list[float]) -> None:
    """A list's item drawn with a mark (``• Bridge reopens ...``, not ``4. Step``: a number
    may open a headline) is a link to another page: when the trees put one first and a
    headline-shaped line that is no item, byline or date line stands below it among the
    ``few``, the best of those takes the item's place and score (a teaser list over the
    article's heading). On the corpus's development part it is even (cross-validated by
    page, ``w3m`` 764 -> 765 copies, ``lynx`` and reader the same); it keeps the trees from
    taking a menu's item on a short page, which the corpus's pages do not teach them."""
    for _ in few:
        best = max(few, key=out.__getitem__)
        if not _marked(found[best].text):
            return
        below = [
            i
            for i in few
            if found[i].start > found[best].start
            and BULLET.match(found[i].text) is None
            and title_like(found[i].text)
            and not _is_meta(found[i].text)
        ]
        if not below:
            return
        heading = max(below, key=out.__getitem__)
        out[best], out[heading] = out[heading], out[best]


def _marked(text: str) -> bool:
    """A list's item drawn with a mark, not a number."""
    return BULLET.match(text) is not None and not text[:1].isdigit()


def _caps(text: str) -> float:
    """The share of a line's words that open with a capital (Title Case over a sentence)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0
