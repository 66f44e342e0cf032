"""Where a scraped article ends and which of its lines are junk to drop (pure): each line's
kind (a line saying the article has ended, a junk line, a list item, a sentence, other text),
how much each block counts for being the article, the run of blocks counting most, menus, and
the rules that keep a reader view's blocks (``article_blocks``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..metadata import Block, join_lines
from .junk import (
    BULLET,
    BULLET_STARTS,
    ENDS,
    is_comment_prompt,
    is_credited,
    is_footer,
    is_junk,
)

__all__ = [
    "CAPTION_WORDS",
    "END",
    "END_COST",
    "ITEM",
    "ITEM_WORDS",
    "JUNK_COST",
    "JUNK_LINE",
    "LINE_WORDS",
    "RENDERED",
    "SENTENCE",
    "TEXT",
    "article_blocks",
    "article_end",
    "block_value",
    "caption_lines",
    "end_of",
    "is_menu",
    "junk_line_at",
    "line_kinds",
    "page_kinds",
    "without_junk_lines",
]

_ENDS_START = re.compile(rf"^(?:{ENDS})(?!\w)", re.IGNORECASE)
_ENDS_START_ASCII = re.compile(_ENDS_START.pattern)  # for lowercased ASCII, as _JUNK_ASCII


def _says_it_ended(line: str) -> bool:
    if line.isascii():
        return _ENDS_START_ASCII.match(line.lower()) is not None
    return _ENDS_START.match(line) is not None


# How much a block counts for or against being the article's, per line: its words beyond
# LINE_WORDS (a shorter line costs the difference, a sentence never costs), a list item's
# beyond ITEM_WORDS (menus and link lists are made of them); a junk line costs JUNK_COST, and
# a line saying the article has ended (related articles, comments, tags, a footer) END_COST.
# Measured on the development part of the text corpus (tools/text_accuracy.py): see
# docs/accuracy.md.
LINE_WORDS = 7
ITEM_WORDS = 8
JUNK_COST = 2
END_COST = 80
_SENTENCE_END = (".", "!", "?")
END, JUNK_LINE, ITEM, SENTENCE, TEXT = range(5)
_NOTICE_WORDS = 40  # the longest junk line: a cookie or paywall notice


def line_kinds(block: Block) -> list[tuple[int, int]]:
    """(kind, words) of each line of ``block``."""
    kinds: list[tuple[int, int]] = []
    for index, line in enumerate(block.lines or (block.text,)):
        words = len(line.split())
        item = BULLET.match(line) if line[:1] in BULLET_STARTS else None
        rest = line[item.end() :] if item else line
        short = words <= _NOTICE_WORDS  # longer lines are prose, never junk
        prompt = is_comment_prompt(line)
        # A prompt opening its block ends the article; one under the article's last lines in
        # their block (a renderer drew no blank line) is a junk line, the block stays.
        if (
            (words <= 8 and _says_it_ended(rest))
            or (short and is_footer(line))
            or (prompt and index == 0)
        ):
            kind = END
        elif prompt or (
            short
            and (RENDERED.match(line) is not None or is_junk(rest) or (item and is_junk(line)))
        ):
            kind = JUNK_LINE
        elif item is not None:
            kind = ITEM
        elif line.rstrip("'\"”’»)").endswith(_SENTENCE_END):
            kind = SENTENCE
        else:
            kind = TEXT
        kinds.append((kind, words))
    return kinds


# A photo gallery's caption as renderers number it: "* 1/50 United goin down", "2/50 Star Wars
# boosts economy" (the picture's number of the gallery's; a caption of prose follows).
_GALLERY_ITEM = re.compile(r"^(?:[*•+-]\s*)?(\d{1,3}) ?/ ?(\d{1,3}) +\S")
_GALLERY_STARTS = frozenset("*•+-0123456789")


def page_kinds(blocks: Sequence[Block]) -> list[list[tuple[int, int]]]:
    """The ``line_kinds`` of each of a page's blocks, a photo gallery's captions marked as
    saying the article has ended (a gallery follows the article, or precedes it, and its
    captions read like paragraphs). A gallery: a number of pictures its first three are
    numbered against (``1/50``, ``2/50``, ``3/50``), which no recipe's fractions are."""
    kinds = [line_kinds(block) for block in blocks]
    numbered: dict[str, set[str]] = {}
    items: list[tuple[int, int, str]] = []
    for b, block in enumerate(blocks):
        for i, line in enumerate(block.lines or (block.text,)):
            if line[:1] in _GALLERY_STARTS and (item := _GALLERY_ITEM.match(line)) is not None:
                numbered.setdefault(item.group(2), set()).add(item.group(1))
                items.append((b, i, item.group(2)))
    galleries = {total for total, seen in numbered.items() if {"1", "2", "3"} <= seen}
    for b, i, total in items:
        if total in galleries:
            kinds[b][i] = (END, kinds[b][i][1])
    stamps = [
        (b, i)
        for b, block in enumerate(blocks)
        for i, line in enumerate(block.lines or (block.text,))
        if len(line) <= _STAMP_CHARS
        and line.endswith(_STAMP_ENDS)
        and _COMMENT_STAMP.match(line) is not None
    ]
    if len(stamps) >= _COMMENT_STAMPS:
        for b, i in stamps:
            kinds[b][i] = (END, kinds[b][i][1])
    return kinds


# A comment's time stamp as blogs and news sites print it over each reader's comment, on its
# own line: "August 8, 2018 at 3:17 pm", "Januar 15, 2014 um 23:36", "18/02/2020 à 16:42",
# "2 days ago at 07:54 am", and after its writer's name ("Gary M on September 17, 2018 at
# 8:50 pm said:"). Two of them or more on a page: a thread of comments, which reads like
# paragraphs; each says the article has ended (text-v2's dev part: none the article's). An
# article's own date line said once, with its time, stays what it was; a social post's
# embed signs with a handle ("A post shared by Name (@name) on Jun 16, 2019 at 7:30am") and
# is no comment (it stands inside an article).
_STAMP_DATE = (
    r"[^\W\d_]{3,10}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"  # August 8, 2018
    r"|\d{1,2}(?:st|nd|rd|th|\.)? [^\W\d_]{3,10}\.?,? \d{4}"  # 8 August 2018, 8. August 2018
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"  # 2018-08-08, 08/08/2018
    r"|\d{1,2} [^\W\d_]{3,8} ago"  # 2 days ago
)
_COMMENT_STAMP = re.compile(
    r"(?:[*•+-] )?(?:[^\s@]+(?: [^\s@]+){0,3} (?:on|am|le|el|op) )?"  # a list mark, a name
    rf"(?:{_STAMP_DATE}),? (?:at|@|um|à|a las|alle|om|às) \d{{1,2}}[:.h]\d{{2}}"
    r"(?:\s*[ap]\.?m\.?)?(?: (?:said|says|wrote|sagt|schrieb|schreef|dit|dice|escribió))?\s*:?$",
    re.IGNORECASE,
)
_STAMP_CHARS = 80  # the longest such line, with its writer's name
# How each ends: a minute, a.m. or p.m., "said:" (a first test, cheaper than the pattern).
_STAMP_ENDS = (*"0123456789:", "am", "pm", "a.m.", "p.m.", "AM", "PM", "A.M.", "P.M.")
_COMMENT_STAMPS = 2  # this many on a page: comments


def block_value(kinds: list[tuple[int, int]]) -> int:
    value = 0
    for kind, words in kinds:
        if kind == END:
            return -END_COST
        if kind == JUNK_LINE:
            value -= JUNK_COST
        elif kind == ITEM:
            value += words - ITEM_WORDS
        elif kind == SENTENCE:
            value += max(words - LINE_WORDS, 0)
        else:
            value += words - LINE_WORDS
    return value


def article_end(blocks: Sequence[Block]) -> int:
    """How many of ``blocks`` (a scraped page's text after its headline) are the article: up
    to the end of the run of blocks that counts most for being it (see ``block_value``; the
    run may start after a menu). A page's article comes first and is followed by other
    articles' teasers, comments, menus and its footer; a block that says the article has
    ended (``Related``, ``3 comments``, ``Mehr News``, a copyright line) counts heavily
    against what follows. All of them when nothing counts for it."""
    return end_of([block_value(k) for k in page_kinds(blocks)])


def end_of(values: Sequence[int]) -> int:
    # The article ends before a block saying so (or at the last block): at the one ending
    # the run that counts most, which may start after a menu. Ending anywhere else measured
    # worse: lists and code are short lines too.
    best, best_end, total, lowest = 0, len(values), 0, 0
    for index, value in enumerate(values):
        total += value
        ends = index + 1 == len(values) or values[index + 1] == -END_COST
        if ends and total - lowest >= best:
            best, best_end = total - lowest, index + 1
        lowest = min(lowest, total)
    return best_end


# What text renderers leave of a page's images, frames and buttons: "[Carrie_Arnold.jpg]",
# "IFRAME: https://...", "(BUTTON) Share", "[INS::INS]".
RENDERED = re.compile(
    r"^(?:\[[^\]]{0,80}\.(?:jpe?g|png|gif|webp|svg)\]|IFRAME:.*|\(BUTTON\).*|\[INS:.*"
    r"|\[(?:IMG|image|logo|icon)\]|(?:[□•*]\s*)?(?:\[[^\]\s]{1,80}\]\s*)+)$",
    re.IGNORECASE,
)
_CONTINUES = re.compile(r"[\w,;’'\"”-]$")  # a line ending like this runs on into the next


def junk_line_at(lines: Sequence[str], kinds: Sequence[tuple[int, int]], index: int) -> bool:
    """Whether line ``index`` of a block (``kinds``: its ``line_kinds``) is a junk line to
    drop: one unless it continues the line before it (which ends without a full stop), the
    same paragraph's, and is neither a list item nor a rendered image or button."""
    line = lines[index]
    return kinds[index][0] in (END, JUNK_LINE) and (
        index == 0
        or _CONTINUES.search(lines[index - 1]) is None
        or line[:1] in BULLET_STARTS
        or RENDERED.match(line) is not None
    )


# A caption is short: a run this long ending in a credit is a paragraph quoting a source.
CAPTION_WORDS = 60
_SENTENCE_CLOSE = "'\"”’»)]"  # what may close a sentence after its full stop


def caption_lines(lines: Sequence[str]) -> set[int]:
    """The indexes of a block's lines that are a picture's caption a renderer drew in it,
    under a paragraph, over one or alone (``lynx`` ends a ``<div>`` with a line break, so
    the caption shares the paragraph's block): each run of lines ending in the caption's
    credit (``junk.is_credited``: ``... landers. Credit: Tyvak``, ``... /Getty Images``),
    from the line after the last one before it that ends a sentence, of ``CAPTION_WORDS``
    words at most."""
    out: set[int] = set()
    start = 0
    for index, line in enumerate(lines):
        if is_credited(line):
            if sum(len(lines[i].split()) for i in range(start, index + 1)) <= CAPTION_WORDS:
                out.update(range(start, index + 1))
            start = index + 1
        elif line.rstrip(_SENTENCE_CLOSE).endswith(_SENTENCE_END):
            start = index + 1
    return out


_MENU_LINES, _MENU_WORDS = 3, 3  # a menu: this many list items or more, none longer


def is_menu(lines: Sequence[str]) -> bool:
    """A block of short list items only: a menu or a list of links (``* Business``,
    ``* Sport``, ``* Weather``)."""
    return len(lines) >= _MENU_LINES and all(
        (item := BULLET.match(line)) is not None and len(line[item.end() :].split()) <= _MENU_WORDS
        for line in lines
    )


def without_junk_lines(
    block: Block, kinds: Sequence[tuple[int, int]] | None = None
) -> Block | None:
    """A plain-text block without its junk lines (a share row, a credit, a rendered image
    under a paragraph), None when nothing is left. A line that continues the one before it
    (which ends without a full stop) is the same paragraph's and stays."""
    if block.tag is not None:
        return block
    lines = block.lines or (block.text,)
    if kinds is None:
        kinds = line_kinds(block)
    kept = [index for index in range(len(lines)) if not junk_line_at(lines, kinds, index)]
    if len(kept) == len(lines):
        return block
    if not kept:
        return None
    texts = tuple(lines[i] for i in kept)
    return Block(" ".join(join_lines(texts).split()), block.line + kept[0], None, texts)


def article_blocks(blocks: Sequence[Block]) -> list[Block]:
    """The blocks of a scraped page's text after its headline that are its article: those
    before ``article_end``, without their junk lines."""
    kinds = page_kinds(blocks)
    end = end_of([block_value(k) for k in kinds])
    kept = (without_junk_lines(block, k) for block, k in zip(blocks[:end], kinds, strict=False))
    return [block for block in kept if block is not None]
