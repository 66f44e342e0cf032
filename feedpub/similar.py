"""Near-identical texts: the same story saved twice under two URLs (pure, standard library).

Each text gets a bottom-k MinHash sketch (Broder 1997; the "k minimum values" form): the
``SKETCH`` smallest 64-bit hashes of its 5-word shingles. Two sketches estimate the Jaccard
similarity of the texts' shingle sets; one hash per shingle makes a sketch cost about as
much as reading the words. A store finds the candidates for a new text by the few smallest
hashes of its sketch (``keys``): two texts alike to 0.9 share the smallest one nine times in
ten, one of the smallest ``KEYS`` nearly always.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections.abc import Sequence

__all__ = ["KEYS", "SHINGLE", "SKETCH", "keys", "similarity", "sketch"]

SHINGLE = 5
"""Words per shingle: short enough that a changed word changes few of them."""
SKETCH = 64
"""Hashes kept per text: the estimate's standard error is about 1/8 at 64."""
KEYS = 4
"""The smallest hashes a text is found by."""
_MIN_WORDS = 12
"""A text shorter than this (a caption, a title alone) gets no sketch: too little to say
two stories are one."""
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]+>")


_MAX_WORDS = 2000
"""Words of a text sketched: its first ones (a copy of a story is a copy from its start)."""
_MASK = (1 << 63) - 1  # what SQLite's signed integers hold


def _hash(shingle: str) -> int:
    # Two C checksums make 63 bits: a third of a cryptographic hash's cost, and collisions
    # only cost a comparison (a sketch is never trusted on one hash).
    data = shingle.encode()
    return ((zlib.crc32(data) << 32) | zlib.adler32(data)) & _MASK


def sketch(text: str) -> tuple[int, ...]:
    """The sorted ``SKETCH`` smallest shingle hashes of ``text`` (HTML tags ignored, case
    folded); () for a text of fewer than a dozen words."""
    words = _WORD.findall(_TAG.sub(" ", text).casefold())[:_MAX_WORDS]
    if len(words) < _MIN_WORDS:
        return ()
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    return tuple(heapq.nsmallest(SKETCH, map(_hash, shingles)))


def keys(signature: Sequence[int]) -> tuple[int, ...]:
    """What a text is looked up by: its ``KEYS`` smallest hashes."""
    return tuple(signature[:KEYS])


def similarity(one: Sequence[int], other: Sequence[int]) -> float:
    """The estimated Jaccard similarity of two texts' shingles, from their sketches: the
    share of the ``k`` smallest hashes of both together that are in each (0.0 when either
    has no sketch)."""
    if not one or not other:
        return 0.0
    k = min(len(one), len(other))
    union = heapq.nsmallest(k, set(one) | set(other))
    both = set(one) & set(other)
    return sum(1 for value in union if value in both) / k
