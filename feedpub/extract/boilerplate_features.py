"""The boilerplate scorer's features (pure): what ``boilerplate`` asks of every line of a
scraped page's text after its headline, and of the lines around it (jusText's and
boilerpipe's signals for text dumps): its length, how full it is against the dump's wrapping
width, stopword density, case, punctuation, markup, the junk patterns of ``junk``, its
block and the blocks around it, where it stands against the page's prose and the run of
blocks counting most for the article (``article_end``); and for the second stage, its
neighbours' scores."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence

from ..metadata import Block
from .article_end import (
    END,
    ITEM,
    JUNK_LINE,
    RENDERED,
    SENTENCE,
    block_value,
    end_of,
    page_kinds,
)
from .junk import BULLET

__all__ = ["CONTEXT_FEATURES", "LINE_FEATURES", "context_features", "line_features"]

# The commonest words of the corpus's languages: prose is full of them, menus, captions,
# credits and link lists are not (jusText's main signal).
_STOPWORD_TEXT = """
a an the and or but of to in on at for with from by as is are was were be been has have
had it its this that these those he she they we you i his her their our not no so if
than then there which who what when will would can could said says about after over into
more also one all out up just do does did
der die das und oder aber ein eine einen einem eines ist sind war waren hat haben nicht
mit von zu im den dem des auf für an als auch es sie er wir ich sich bei nach aus wie
noch nur wird werden wurde dass so um über
le la les et ou mais un une des du de est sont été a ont pas avec pour par sur dans au
aux ce cette ces il elle ils nous vous je qui que se sa son ses leur plus en ne y
el los las y o pero unos unas es son fue han ha no con para por sobre en del al lo
su sus que se como más pero este esta
het een en of maar is zijn was waren heeft hebben niet met voor door op aan bij als ook
dat die deze dit er hij zij ze wij ik zich naar uit om te van
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"\w+")
# An image's file name, as lynx shows an image without alt text: "bed-hotel-room.jpg".
_IMAGE_FILE = re.compile(r"\S\.(?:jpe?g|png|gif|webp|svg)\b", re.IGNORECASE)
_MARKUP = re.compile(r"</?\w+[^>]*>|\{\\|\\[a-z]+\{|=\"|&\w+;|\w+_\w+_")
_SENTENCE_END = (".", "!", "?", ":", ";")
_WIDE_CHARS = 0x2E80  # CJK and what follows: characters a renderer draws two columns wide
_WIDE_START = chr(_WIDE_CHARS)
_PROSE_STOPWORDS = 0.35  # the stopword share of a typical paragraph
_WRAP_MAX = 100  # columns: a renderer wraps lines at 80 or so, a reader view not at all
_CONTEXT = 3  # lines each side for the near context
_WIDE = 15  # ... and for the wide one
# A line of prose: this full against the wrapping width, with a paragraph's stopwords and
# more words than a menu item; a paragraph: a block of PARAGRAPH_LINES or more, all of them
# but one about as full as a wrapped line can be.
_PROSE_WIDTH, _PROSE_STOPWORDS_MIN, _PROSE_WORDS = 0.6, 0.2, 5
_PARAGRAPH_LINES, _PARAGRAPH_WIDTH = 3, 0.8
_PROSE_WINDOW = 5  # lines each side for the share of prose around a line
_PROSE_DISTANCE = 20  # lines: further from the prose than this counts the same

LINE_FEATURES = (
    "bias", "words", "one_word", "few_words", "width", "full_width", "unwrapped", "stopwords",
    "no_stopwords", "capitalised", "digits", "symbols", "markup", "ends_sentence", "ends_colon",
    "end_line", "junk_line", "item", "rendered", "url", "image_file",
    "block_lines", "block_words", "block_stopwords", "block_sentences", "block_first",
    "block_last", "prev_words", "prev_stopwords", "next_words", "next_stopwords",
    "position", "after_end", "ends_before", "in_run", "run_value", "continues", "continued",
    "repeated", "short_run", "prose", "prose_before", "prose_after", "before_prose",
    "after_prose", "paragraph", "before_paragraph", "lead_short", "after_paragraph",
    "repeated_block", "few_words_run", "item_run",
)  # fmt: skip
CONTEXT_FEATURES = (
    "bias", "own", "near_before", "near_after", "wide_before", "wide_after", "block",
    "in_run", "after_end", "page",
)  # fmt: skip


# The ASCII characters ``str.isdigit`` and ``str.isalnum`` or ``str.isspace`` say yes to.
_ASCII_DIGITS = bytes(b for b in range(128) if chr(b).isdigit())
_ASCII_ALNUM_SPACE = bytes(b for b in range(128) if chr(b).isalnum() or chr(b).isspace())


def _line_stats(line: str) -> tuple[int, float, float, float, float, bool, int]:
    """(words, stopword share, capitalised share, digit share, symbol share, markup, width)."""
    words = _WORD.findall(line)
    count = len(words)
    # Chinese and Japanese write no spaces: about two characters a word, each drawn two
    # columns wide, and no stopwords to count (the share of a typical paragraph instead).
    wide = (
        0
        if line.isascii() or max(line) < _WIDE_START
        else sum(ord(ch) >= _WIDE_CHARS for ch in line)
    )
    if wide:
        count += wide // 2
    if not count:
        return 0, 0.0, 0.0, 0.0, 0.0, bool(_MARKUP.search(line)), len(line)
    stop = (
        _PROSE_STOPWORDS
        if wide * 2 > len(line)
        else sum(map(_STOPWORDS.__contains__, map(str.lower, words))) / count
    )
    capitalised = sum([word[0].isupper() for word in words]) / count
    chars = len(line) or 1
    if line.isascii():  # most lines: counted by deleting bytes, not a test per character
        raw = line.encode("ascii")
        digits = (chars - len(raw.translate(None, _ASCII_DIGITS))) / chars if raw else 0.0
        symbols = len(raw.translate(None, _ASCII_ALNUM_SPACE)) / chars
    else:  # no character is both alphanumeric and white space
        digits = sum(map(str.isdigit, line)) / chars
        symbols = (chars - sum(map(str.isalnum, line)) - sum(map(str.isspace, line))) / chars
    return (
        count,
        stop,
        capitalised,
        digits,
        symbols,
        _MARKUP.search(line) is not None,
        len(line) + wide,
    )


def _wrap_width(columns: Iterable[int]) -> int:
    """The dump's wrapping width: most of a paragraph's lines are about this long."""
    lengths = sorted(columns)
    return max(lengths[int(0.9 * (len(lengths) - 1))] if lengths else 1, 20)


def line_features(
    blocks: Sequence[Block], kinds: list[list[tuple[int, int]]] | None = None
) -> list[list[float]]:
    """The features (``LINE_FEATURES``) of every line of ``blocks``, in order (``kinds``:
    their ``article_end.page_kinds``, when the caller has them)."""
    if kinds is None:
        kinds = page_kinds(blocks)
    values = [block_value(k) for k in kinds]
    run_end = end_of(values)
    # The run of blocks counting most for the article: where it starts (see article_end.end_of).
    run_start, total, lowest, lowest_at = 0, 0, 0, 0
    for index, value in enumerate(values[:run_end]):
        total += value
        if total < lowest:
            lowest, lowest_at = total, index + 1
    run_start = lowest_at
    texts = [block.lines or (block.text,) for block in blocks]
    stats = [[_line_stats(line) for line in lines] for lines in texts]
    width = _wrap_width(s[6] for b in stats for s in b)
    # A copy that does not wrap its paragraphs (a reader view's) says nothing by a line's
    # width: a short line there is as likely a list item or a short paragraph.
    unwrapped = width > _WRAP_MAX
    block_words = [sum(s[0] for s in b) for b in stats]
    block_stop = [
        sum(s[0] * s[1] for s in b) / words if words else 0.0
        for b, words in zip(stats, block_words, strict=True)
    ]
    ends_total = sum(kind == END for k in kinds for kind, _ in k)
    shares = [0.0 if unwrapped else s[6] / width for b in stats for s in b]
    layout = _layout_features(texts, shares, [(s[0], s[1]) for b in stats for s in b])
    out: list[list[float]] = []
    ends_seen = 0
    count = len(blocks)
    for index, (lines, block_kinds, block_stats) in enumerate(
        zip(texts, kinds, stats, strict=True)
    ):
        n = len(lines)
        sentences = sum(kind == SENTENCE for kind, _ in block_kinds) / n
        prev_words = math.log1p(block_words[index - 1]) if index else 0.0
        prev_stop = block_stop[index - 1] if index else 0.0
        following = index + 1 < count
        next_words = math.log1p(block_words[index + 1]) if following else 0.0
        next_stop = block_stop[index + 1] if following else 0.0
        in_run = 1.0 if run_start <= index < run_end else 0.0
        for position, (
            line,
            (kind, _),
            (words, stop, caps, digits, symbols, markup, columns),
        ) in enumerate(zip(lines, block_kinds, block_stats, strict=True)):
            if kind == END:
                ends_seen += 1
            stripped = line.rstrip("'\"”’»)")
            share = 0.0 if unwrapped else columns / width
            placed = layout[len(out)]
            short_run = placed[1]  # a menu: a run of short lines, of list items
            out.append([
                1.0,
                math.log1p(words),
                1.0 if words <= 1 else 0.0,
                1.0 if words <= 4 else 0.0,
                min(share, 1.5),
                1.0 if share >= 0.8 else 0.0,
                1.0 if unwrapped else 0.0,
                stop,
                1.0 if words >= 3 and stop == 0 else 0.0,
                caps,
                digits,
                symbols,
                1.0 if markup else 0.0,
                1.0 if stripped.endswith(_SENTENCE_END[:3]) else 0.0,
                1.0 if stripped.endswith(":") else 0.0,
                1.0 if kind == END else 0.0,
                1.0 if kind == JUNK_LINE else 0.0,
                1.0 if kind == ITEM else 0.0,
                1.0 if RENDERED.match(line) else 0.0,
                1.0 if "http" in line or "www." in line else 0.0,
                1.0 if "." in line and _IMAGE_FILE.search(line) else 0.0,
                math.log1p(n),
                math.log1p(block_words[index]),
                block_stop[index],
                sentences,
                1.0 if position == 0 else 0.0,
                1.0 if position == n - 1 else 0.0,
                prev_words,
                prev_stop,
                next_words,
                next_stop,
                index / count,
                min(ends_seen, 3) / 3,
                (ends_total - ends_seen) / (ends_total or 1),
                in_run,
                math.copysign(math.log1p(abs(values[index])), values[index]),
                1.0 if position + 1 < n and not stripped.endswith(_SENTENCE_END) else 0.0,
                1.0 if position and not lines[position - 1].rstrip().endswith(_SENTENCE_END)
                else 0.0,
                *placed,
                short_run if words <= 4 else 0.0,
                short_run if kind == ITEM or BULLET.match(line) else 0.0,
            ])  # fmt: skip
    return out


def _layout_features(
    texts: Sequence[Sequence[str]], shares: Sequence[float], stats: Sequence[tuple[int, float]]
) -> list[list[float]]:
    """The features of where each line stands against the page's prose (``LINE_FEATURES``
    from ``repeated`` on): how many lines of prose are around it, how far it is before the
    first or after the last, whether its block is a paragraph or comes before the first or
    after the last, whether it or its block is said twice (a caption, a teaser)."""
    lines = [line for block in texts for line in block]
    block_of = [b for b, block in enumerate(texts) for _ in block]
    n = len(lines)
    said = [" ".join(_WORD.findall(line.lower())) for line in lines]
    said_count: dict[str, int] = {}
    for text in said:
        said_count[text] = said_count.get(text, 0) + 1
    starts = [0, *itertools.accumulate(len(block) for block in texts)]
    block_said = [" ".join(said[starts[k] : starts[k + 1]]) for k in range(len(texts))]
    prose = [
        share >= _PROSE_WIDTH and stop >= _PROSE_STOPWORDS_MIN and words > _PROSE_WORDS
        for share, (words, stop) in zip(shares, stats, strict=True)
    ]
    # The run of lines that are not prose each line is in (0 for prose).
    short_run = [0] * n
    start = 0
    for i in range(1, n + 1):
        if i == n or prose[i] != prose[start]:
            if not prose[start]:
                short_run[start:i] = [i - start] * (i - start)
            start = i
    prose_share = _window_mean(prose)
    prose_at = [i for i in range(n) if prose[i]]
    first_prose, last_prose = (prose_at[0], prose_at[-1]) if prose_at else (0, n)
    full = [0, *itertools.accumulate(share >= _PARAGRAPH_WIDTH for share in shares)]
    paragraphs = [
        k
        for k, block in enumerate(texts)
        if len(block) >= _PARAGRAPH_LINES
        and full[starts[k + 1]] - full[starts[k]] >= len(block) - 1
    ]
    is_paragraph = set(paragraphs)
    first_paragraph = paragraphs[0] if paragraphs else len(texts)
    last_paragraph = paragraphs[-1] if paragraphs else -1
    block_count: dict[str, int] = {}
    for text in block_said:
        block_count[text] = block_count.get(text, 0) + 1
    out = []
    for i in range(n):
        block = block_of[i]
        before = block < first_paragraph
        out.append([
            1.0 if said[i] and said_count[said[i]] > 1 else 0.0,
            math.log1p(short_run[i]),
            1.0 if prose[i] else 0.0,
            prose_share(i - _PROSE_WINDOW, i),
            prose_share(i + 1, i + 1 + _PROSE_WINDOW),
            min((first_prose - i) / _PROSE_DISTANCE, 1.0) if i < first_prose else 0.0,
            min((i - last_prose) / _PROSE_DISTANCE, 1.0) if i > last_prose else 0.0,
            1.0 if block in is_paragraph else 0.0,
            1.0 if before else 0.0,
            1.0 if before and len(texts[block]) <= 2 else 0.0,
            1.0 if block > last_paragraph else 0.0,
            1.0 if block_said[block] and block_count[block_said[block]] > 1 else 0.0,
        ])  # fmt: skip
    return out


def _window_mean(values: Sequence[float]) -> Callable[[int, int], float]:
    """The mean of ``values[start:stop]`` with the window clipped to the sequence (0.0 for an
    empty one), from prefix sums: each window costs the same whatever its width."""
    n = len(values)
    prefix = [0.0, *itertools.accumulate(values)]

    def mean(start: int, stop: int) -> float:
        start, stop = max(start, 0), min(stop, n)
        return (prefix[stop] - prefix[start]) / (stop - start) if stop > start else 0.0

    return mean


def context_features(
    own: Sequence[float], rows: Sequence[Sequence[float]], block_of: Sequence[int]
) -> list[list[float]]:
    """The second stage's features (``CONTEXT_FEATURES``) from the lines' own scores."""
    n = len(own)
    mean = _window_mean(own)
    block_sums: dict[int, list[float]] = {}
    for value, block in zip(own, block_of, strict=True):
        block_sums.setdefault(block, []).append(value)
    in_run = LINE_FEATURES.index("in_run")
    after_end = LINE_FEATURES.index("after_end")
    page = mean(0, n)
    out = []
    for i, value in enumerate(own):
        members = block_sums[block_of[i]]
        out.append([
            1.0,
            value,
            mean(i - _CONTEXT, i),
            mean(i + 1, i + 1 + _CONTEXT),
            mean(i - _WIDE, i),
            mean(i + 1, i + 1 + _WIDE),
            sum(members) / len(members),
            rows[i][in_run],
            rows[i][after_end],
            page,
        ])  # fmt: skip
    return out
