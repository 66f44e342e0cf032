"""The features of a plain-text article's headline candidates and their score (pure).

Each candidate (``candidates``) gets a vector of features: where it stands, how long it is,
its case and punctuation, whether it repeats, what comes before and after it (a byline or a
date line below, a paragraph, a menu above), and which patterns it matches (a byline, a date,
junk, a menu bullet, an image's alt text). ``layout`` scores them with the weights fitted by
``tools/fit_layout.py`` on the corpus's development part (``layout_weights``), a dot product,
so a run needs no learning library.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from operator import mul

from ..metadata import Block
from .body import MARKDOWN_HEADING
from .bylines import BYLINE
from .candidates import (
    BULLET,
    JOIN_MAX_LINES,
    Candidate,
    WindowLine,
    article_run,
    date_line,
    is_paragraph,
    several_words,
    title_like,
)
from .headline_echoes import TITLE_LINES, contained, crumbs_and_echoes, key, title_fronts
from .headline_evidence import EVIDENCE, evidence
from .junk import credit_start, is_caption

__all__ = ["FEATURES", "features", "score"]

_FOLLOWING_LINES = 80  # the text a candidate's words are looked for in

FEATURES = (
    "position", "paragraphs_before", "first_line", "words_2_3", "words_4_6",
    "words_7_15", "words_16_30", "words_over_30", "long", "ends_period", "ends_colon",
    "ends_question", "ends_comma", "bar", "dash", "capitalised", "upper", "bullet",
    "heading", "repeated_next", "repeated", "date", "url", "brackets",
    "few_letters", "block_one_line", "block_long", "joined", "next_meta", "next_paragraph",
    "prev_short", "prev_bullet", "overlap", "site_like", "first_in_block", "last_in_block",
    "breadcrumb", "anchor", "paragraphs_after", "next_title_like", "prev_title_like",
    "label", "title_like", "longest_title_like",
    "article_near", "article_distance", "in_article", "article_overlap", "said_later",
    "menu_run", "meta_below", "date_line", "caption", "titles_around", "run_before",
    "wrapped", "continued", "in_longer", "has_shorter", "prose", "outdented", "titled",
    "run_after", "crumb_end", "echoed", "words_log", *EVIDENCE, "one_word",
)  # fmt: skip

_DATEY = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:19|20)\d\d\b"
    r"|\b\d{1,2}:\d{2}\b|\b(?:ago|gestern|heute|hier|ayer|gisteren)\b",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"\s(?:>|»|›|/|::)\s")
_LABEL = re.compile(r"^[^:]{1,24}:\s")  # "Most read: ...", "Watch: ...", "Related: ..."
_SITE_LIKE = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}$|^(?:[A-Z0-9][\w&'’.-]*\s?){1,4}$")
_WORD = re.compile(r"[^\W\d_]{4,}")
# A photo's caption or credit: "Photo illustration by ...", "Chris Jackson/Pool via REUTERS".
_PHOTO = re.compile(
    r"\b(?:photos?|fotos?|images?|bild|imagen|illustration|credit|getty|reuters|afp|pool"
    r"|shutterstock|alamy|imago|dpa|epa)\b|\w/\w",
    re.IGNORECASE,
)


def features(
    found: Sequence[Candidate],
    lines: Sequence[WindowLine],
    blocks: Sequence[Block],
    article: tuple[int, int] | None = None,
) -> list[list[float]]:
    """The feature vector (in ``FEATURES`` order) of every candidate; ``article`` is the
    text's ``article_run`` (computed when not given)."""
    texts = [ln.text for ln in lines]
    seen: dict[str, int] = {}
    for text in texts:
        seen[text] = seen.get(text, 0) + 1
    # Where each word appears, by line: a headline's words come back in the text below it.
    where: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        for word in set(_WORD.findall(text.lower())):
            where.setdefault(word, []).append(i)
    paragraph_lines = [i for i, ln in enumerate(lines) if is_paragraph(blocks[ln.block].text)]
    # The longest headline-like candidate before each paragraph.
    shaped = [title_like(c.text) for c in found]
    longest: set[int] = set()
    best, best_words, run = None, 0, 0
    for k, candidate in enumerate(found):
        while run < len(paragraph_lines) and paragraph_lines[run] < candidate.start:
            if best is not None:
                longest.add(best)
            best, best_words, run = None, 0, run + 1
        words = candidate.text.count(" ") + 1
        if shaped[k] and words > best_words:
            best, best_words = k, words
    if best is not None:
        longest.add(best)
    first, last = article_run(blocks) if article is None else article
    starts = next((i for i, ln in enumerate(lines) if ln.block >= first), len(lines))
    opening = {
        word
        for block in blocks[first : last + 1]
        if is_paragraph(block.text)
        for word in _WORD.findall(block.text.lower())
    } if last >= first else set()  # fmt: skip
    whole = "\n".join(block.text for block in blocks).casefold()
    # Lines shaped like a headline of several words: a list of teasers has many together.
    titles = [float(title_like(t) and t.count(" ") >= 3) for t in texts]
    # The article's paragraphs before each block: a headline comes before its article's.
    run_before = [0] * (len(blocks) + 1)
    for index, block in enumerate(blocks):
        opens = first <= index <= last and is_paragraph(block.text)
        run_before[index + 1] = run_before[index] + opens
    widths = _widths(lines)
    keys = [key(c.text) for c in found]
    openings = contained(keys)
    body_indent = _body_indent(lines, paragraph_lines)
    # The article's own paragraphs' lines (not a teaser's sentence): a headline is over them.
    run_lines = [i for i in paragraph_lines if first <= lines[i].block <= last]
    titled = title_fronts(texts[:TITLE_LINES])
    crumbs, echoes = crumbs_and_echoes(lines)
    # Per line, once: a byline or a date line (a short line mostly a date); a byline or
    # any date-like token.
    bylined = [bool(t) and BYLINE.match(t) is not None for t in texts]
    metas = [b or (bool(t) and date_line(t)) for b, t in zip(bylined, texts, strict=True)]
    datey = [b or _DATEY.search(t) is not None for b, t in zip(bylined, texts, strict=True)]
    vectors = []
    others = evidence(found, lines, blocks)
    for k, candidate in enumerate(found):
        vector = _vector(candidate, lines, texts, seen, where, paragraph_lines, datey)
        vector += [float(shaped[k]), float(k in longest)]
        vector += _document_vector(candidate, texts, (first, last, starts), opening, whole, metas)
        end = candidate.start + candidate.size
        around = [*titles[max(0, candidate.start - _TITLES_AROUND) : candidate.start],
                  *titles[end : end + _TITLES_AROUND]]  # fmt: skip
        vector += [
            float(_PHOTO.search(candidate.text) is not None or _is_credit(candidate.text)),
            sum(around) / (2 * _TITLES_AROUND),
            min(run_before[candidate.block], 3) / 3,
            # A byline or a date line under it is no sentence's rest, however long.
            float(_wraps(lines, widths, end - 1) and not (end < len(metas) and metas[end])),
            float(candidate.start > 0 and _wraps(lines, widths, candidate.start - 1)),
            *openings[k],
            float(is_paragraph(candidate.text)),
            float(lines[candidate.start].indent < body_indent),
            float(keys[k] in titled and candidate.text not in titled[keys[k]]),
            _blocks_within(lines, run_lines, end - 1, _RUN_AFTER_LINES) / _RUN_AFTER_BLOCKS,
            float(keys[k] in crumbs and candidate.text not in crumbs[keys[k]]),
            float(len(echoes.get(keys[k], ())) > (candidate.size == 1)),
            math.log1p(candidate.text.count(" ") + 1) / 3,
            *others[k],
            float(not several_words(candidate.text)),
        ]
        vectors.append(vector)
    return vectors


def _body_indent(lines: Sequence[WindowLine], paragraph_lines: Sequence[int]) -> int:
    """How far the text indents its paragraphs, when it does (``lynx -dump``: 3 spaces, its
    headings at column 0): the least indent of most of its paragraphs' lines; 0 otherwise."""
    indents = sorted(lines[i].indent for i in paragraph_lines)
    return indents[len(indents) // 4] if indents else 0


_RUN_AFTER_LINES = 30  # lines under a candidate looked at for its article's paragraphs ...
_RUN_AFTER_BLOCKS = 8  # ... counted up to this many


def _blocks_within(lines: Sequence[WindowLine], at: Sequence[int], last: int, span: int) -> int:
    """How many blocks (at most ``_RUN_AFTER_BLOCKS``) the lines ``at`` (sorted) hold in the
    ``span`` lines after line ``last``."""
    held = at[bisect_right(at, last) : bisect_right(at, last + span)]
    return min(len({lines[i].block for i in held}), _RUN_AFTER_BLOCKS)


def _widths(lines: Sequence[WindowLine]) -> list[int]:
    """The longest line of each line's block (the width its renderer wrapped it to)."""
    longest: dict[int, int] = {}
    for line in lines:
        longest[line.block] = max(longest.get(line.block, 0), len(line.text))
    return [longest[line.block] for line in lines]


def _wraps(lines: Sequence[WindowLine], widths: Sequence[int], i: int) -> bool:
    """Whether line ``i`` runs on into the next line of its block: the next one's first word
    would not have fit on it (a renderer wrapped a sentence there)."""
    if i + 1 >= len(lines) or lines[i + 1].block != lines[i].block:
        return False
    following = lines[i + 1].text
    word = following.split(" ", 1)[0]
    return bool(word) and len(lines[i].text) + 1 + len(word) > widths[i]


_TITLES_AROUND = 6  # lines each side of a candidate looked at for other headline-like lines


def _is_credit(text: str) -> bool:
    return is_caption(text) or credit_start(text) is not None


_MENU_LINES = 3  # lines each side of a candidate looked at for a menu's short lines
_META_BELOW = 5  # lines under a candidate looked at for a byline or a date line


def _document_vector(
    c: Candidate,
    texts: Sequence[str],
    run: tuple[int, int, int],
    opening: set[str],
    whole: str,
    metas: Sequence[bool],
) -> list[float]:
    """Features of a candidate against the whole text: the article's run below it, its words
    in the article, said again further on (share links, breadcrumbs), a menu around it."""
    first, last, starts = run
    end = c.start + c.size - 1
    gap = starts - end - 1  # lines between the candidate and the article's first line
    own = set(_WORD.findall(c.text.lower()))
    text = c.text.casefold()
    again = whole.count(text) - 1 if c.text.count(" ") >= 2 else 0
    around = [t for t in (*texts[max(0, c.start - _MENU_LINES) : c.start],
                          *texts[end + 1 : end + 1 + _MENU_LINES]) if t]  # fmt: skip
    return [
        float(0 <= gap <= 8),
        math.log1p(abs(gap)) / 5,
        float(first <= c.block <= last),
        len(own & opening) / len(own) if own else 0.0,
        min(max(again, 0), 3) / 3,
        sum(t.count(" ") < 3 for t in around) / len(around) if around else 0.0,
        float(any(metas[end + 1 : end + 1 + _META_BELOW])),
        float(date_line(c.text)),
    ]


def _vector(
    c: Candidate,
    lines: Sequence[WindowLine],
    texts: Sequence[str],
    seen: Mapping[str, int],
    where: Mapping[str, list[int]],
    paragraph_lines: Sequence[int],
    datey: Sequence[bool],
) -> list[float]:
    text = c.text
    words = text.split()
    n = len(words)
    last = c.start + c.size - 1
    letters = sum(map(str.isalpha, text))
    alphabetic = [w for w in words if w[:1].isalpha()]
    end = text.rstrip("'\"”’»)")
    before = next((texts[i] for i in range(c.start - 1, -1, -1) if texts[i]), "")
    own = set(_WORD.findall(text.lower()))
    horizon = last + _FOLLOWING_LINES
    found_below = sum(_any_within(where.get(word, ()), last, horizon) for word in own)
    at = bisect_right(paragraph_lines, last)  # the paragraphs' lines after the candidate
    next_block = paragraph_lines[at] if at < len(paragraph_lines) else None
    line = lines[c.start]
    later = paragraph_lines[at : bisect_right(paragraph_lines, last + 30)]
    paragraphs_after = len({lines[i].block for i in later})
    following = next((texts[i] for i in range(last + 1, len(texts)) if texts[i]), "")
    return [
        math.log1p(c.start) / 5,
        math.log1p(bisect_left(paragraph_lines, c.start)),
        float(c.start == 0),
        float(2 <= n <= 3),
        float(4 <= n <= 6),
        float(7 <= n <= 15),
        float(16 <= n <= 30),
        float(n > 30),
        float(len(text) > 200),
        float(end.endswith(".")),
        float(end.endswith(":")),
        float(end.endswith(("?", "!"))),
        float(end.endswith((",", ";", "…"))),
        float(" | " in text),
        float(" - " in text or " – " in text or " — " in text),
        sum(w[0].isupper() for w in alphabetic) / len(alphabetic) if alphabetic else 0.0,
        float(text.isupper()),
        float(BULLET.match(text) is not None),
        float(MARKDOWN_HEADING.match(text) is not None or line.tag in ("h2", "h3")),
        float(c.size == 1 and c.start + 1 < len(texts) and texts[c.start + 1] == text),
        float(seen.get(text, 0) > 1),
        float(_DATEY.search(text) is not None),
        float("http" in text or "www." in text),
        float("[" in text or "]" in text),
        float(letters < 0.6 * len(text)),
        float(line.block_lines == 1),
        float(line.block_lines > JOIN_MAX_LINES),
        float(c.size > 1),
        float(any(datey[last + 1 : last + 3])),
        float(next_block is not None and next_block - last <= 4),
        float(0 < before.count(" ") + 1 <= 3),
        float(BULLET.match(before) is not None),
        found_below / len(own) if own else 0.0,
        float(_SITE_LIKE.match(text) is not None),
        float(c.start == 0 or lines[c.start - 1].block != c.block),
        float(last + 1 >= len(lines) or lines[last + 1].block != c.block),
        float(_BREADCRUMB.search(text) is not None),
        float(text.startswith("#") and not text.startswith("# ")),
        min(paragraphs_after, 8) / 8,
        float(title_like(following) and following.count(" ") >= 5),
        float(title_like(before) and before.count(" ") >= 5),
        float(_LABEL.match(text) is not None),
    ]


def _any_within(positions: Sequence[int], low: int, high: int) -> bool:
    """Whether the sorted ``positions`` hold one in ``(low, high]``."""
    at = bisect_right(positions, low)
    return at < len(positions) and positions[at] <= high


def score(vector: Sequence[float], weights: Sequence[float], bias: float) -> float:
    """The candidate's log-odds of being the headline."""
    if len(vector) != len(weights):
        raise ValueError(f"{len(vector)} features for {len(weights)} weights")
    total: float = sum(map(mul, weights, vector))
    return bias + total
