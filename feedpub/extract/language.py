"""The language of a text, when the document does not state it: py3langid.

py3langid (a fork of langid.py, its model inside the package, 97 languages) was chosen over
lingua-language-detector by measurement (docs/dates.md): on the paragraphs of readability's
test pages with a stated language both are right as often (98% on the development part),
while on this use, about 100 characters, py3langid costs 0.2 to 0.4 ms and lingua 1 to 2 ms
(its Rust models, even in low-accuracy mode), and lingua with all its languages takes 40 s
and gigabytes to load.

Its cost is a Python loop over the bytes of the text, so it is given a sample: the first
``SAMPLE_CHARS`` characters of the longest paragraph (prose, not the headline or a menu),
which costs no more than the word counting it replaced (2,000 characters against five lists
of common words) and reads as well. A short sample in Latin script is easily taken for a
neighbour of its language, so the answer is kept among the plausible ones: the seven
languages feedpub reads dates in, and the ones the caller adds (the configured
``feed.language``); another language wins only when py3langid is all but sure of it
(``SURE``). Text in another script is not restricted. A sample of fewer than
``MIN_WORDS`` words is unknown (None).

The model (about 1 MB) is loaded on the first call, once per process.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

__all__ = ["PLAUSIBLE", "detect_language", "language_sample"]

PLAUSIBLE = ("en", "de", "fr", "es", "nl", "it", "pt")
"""The languages an answer is kept among for text in Latin script (see the module)."""

SAMPLE_CHARS = 100
MIN_WORDS = 5
SURE = 0.99

_WORD = re.compile(r"[^\W\d_]+")
_LATIN_END = "\u0250"  # past Latin Extended-B: IPA, Greek, Cyrillic, CJK...


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_sample(paragraphs: list[str]) -> str:
    """What to identify a document's language by: the longest of ``paragraphs``."""
    return max(paragraphs, key=len, default="")


def detect_language(text: str, plausible: tuple[str, ...] = ()) -> str | None:
    """The language of ``text`` (a 2-letter code), None when unsure; see the module."""
    sample = text[: SAMPLE_CHARS + 20]
    if len(sample) > SAMPLE_CHARS:  # cut at a word's end
        sample = sample[:SAMPLE_CHARS].rsplit(" ", 1)[0]
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS:
        return None
    ranked: list[tuple[str, float]] = _identifier().rank(sample)
    best, probability = ranked[0]
    latin = all(word[0] < _LATIN_END for word in words)
    allowed = (*PLAUSIBLE, *plausible)
    if not latin or best in allowed or probability >= SURE:
        return best
    return next((language for language, _ in ranked if language in allowed), None)
