"""Lines a text renderer draws twice: an image's alt text and then its caption (pure).

``lynx`` and ``w3m`` write an image's alt text where the picture stood and then the caption
under it, which is often the same words again, with a credit after them or not:

    Spokojený Tomáš Souček po vítězství ve Villa Parku.
    Spokojený Tomáš Souček po vítězství ve Villa Parku. | Foto: Reuters

A gallery draws each caption twice (the thumbnail's and the slide's), and a link around a
picture gives its name twice on one line (``Pamela Wilson Pamela Wilson``). An article's
own text is not said twice in a row, so such lines are junk whatever they score.
"""

from __future__ import annotations

from collections.abc import Sequence

from .junk import AGENCY_LINE, credit_start

__all__ = ["GAP_WORDS", "MIN_WORDS", "RUN_LINES", "repeated_lines", "said_twice"]

MIN_WORDS = 3  # fewer words repeat by chance: "Read more", "* Share"
RUN_LINES = 4  # the longest run of lines looked for twice (a caption wrapped on four lines)
GAP_WORDS = 2  # a line this short may stand between the two copies: "Caption", "View Photos"
# What a caption's copy goes on with after the alt text: a separator before its credit
# ("| Foto: Reuters", "© AdobeStock.com", "(Lucy Akins)", "/ amazon / istock"). Not any
# words: a paragraph may open with its heading's ("Machen Bananen glücklich?" over "Machen
# Bananen glücklich? Ja, das tun sie! ...").
_CREDIT_SEPARATORS = "|©(/"


def said_twice(line: str) -> bool:
    """A line that is the same words twice, each two words or more: a linked picture's alt
    text beside the link's name (``Pamela Wilson Pamela Wilson``)."""
    words = line.split()
    half = len(words) // 2
    return half >= 2 and len(words) == 2 * half and words[:half] == words[half:]


def repeated_lines(lines: Sequence[str]) -> set[int]:
    """The indexes of ``lines`` (a page's lines in order, stripped, blank ones left out)
    that a renderer drew twice: a line the next one starts with and goes on from with a
    credit (an alt text and its caption), the longest run of up to ``RUN_LINES`` lines said
    again right after it (maybe past one line of ``GAP_WORDS`` words at most), both
    copies; and a line ``said_twice``. Only lines and runs of ``MIN_WORDS`` words or more
    count."""
    out: set[int] = set()
    count = len(lines)
    for at, line in enumerate(lines):
        if said_twice(line):
            out.add(at)
        if len(line.split()) < MIN_WORDS:
            continue
        following = lines[at + 1] if at + 1 < count else ""
        if (
            len(following) > len(line)
            and following.startswith(line)
            and _credited(following, following[len(line) :].strip())
        ):
            out.update((at, at + 1))
            continue
        for run in range(RUN_LINES, 0, -1):  # the longest first: a wrapped caption's lines
            again = _again(lines, at, run)
            if again is not None:
                out.update(range(at, at + run))
                out.update(range(again, again + run))
                break
    return out


def _credited(caption: str, tail: str) -> bool:
    """Whether ``tail``, what ``caption`` adds to the alt text before it, is its credit."""
    return (
        tail[:1] in _CREDIT_SEPARATORS
        or AGENCY_LINE.match(tail) is not None
        or credit_start(caption) is not None
    )


def _again(lines: Sequence[str], at: int, run: int) -> int | None:
    """Where the ``run`` lines from ``at`` start again right after them (past one short line
    at most), None when they do not."""
    first = lines[at : at + run]
    if len(first) < run:
        return None
    end = at + run
    for start in (end, end + 1):
        if start == end + 1 and (end >= len(lines) or len(lines[end].split()) > GAP_WORDS):
            break
        if lines[start : start + run] == first:
            return start
    return None
