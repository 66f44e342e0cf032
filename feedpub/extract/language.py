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
(``SURE``). When it is not, and its best answer is none of the plausible ones, the text's
first ``LONG_CHARS`` characters are identified too: their answer wins when it is plausible or
more probable than all the others together (``MAJORITY``): a language feedpub reads no dates
in, Indonesian, Latvian or Norwegian, is told from its neighbours on 100 characters only by
a margin (``id`` 0.56 against ``ms`` 0.43), on 1,000 by more (0.80 against 0.20), so the
first rule alone put Indonesian pages down as French, German or Italian. It costs a second, longer
identification on those texts only (some 3% of the text corpus's copies). Text in another
script is not restricted. A sample of fewer than ``MIN_WORDS`` words is unknown (None).

The model is loaded on the first call, once per process. py3langid ships it compressed with
lzma (4.5 MB for 68 MB of arrays): decompressing it cost 0.7 to 0.9 s of CPU in every process
that identifies a language, each worker of a build included. So the arrays are written once,
uncompressed, under the user's cache folder (``$XDG_CACHE_HOME/feedpub``, else
``~/.cache/feedpub``), named by py3langid's version and a digest of the packaged model's
bytes (4 ms: every environment holding the same model shares one copy, 68 MB; named by the
file's time, as it was, each new environment added a copy and none was ever removed: those
are removed, with what a killed writer left), and later processes map them into memory (a
few ms, and the pages are shared by every process). The arrays are the same: py3langid
answers the same. When the folder cannot be written or what it holds cannot be read, the
model is read from the package as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["PLAUSIBLE", "detect_language", "language_sample", "load_model"]

PLAUSIBLE = ("en", "de", "fr", "es", "nl", "it", "pt")
"""The languages an answer is kept among for text in Latin script (see the module)."""

SAMPLE_CHARS = 100
MIN_WORDS = 5
SURE = 0.99
LONG_CHARS = 1000
MAJORITY = 0.5

_WORD = re.compile(r"[^\W\d_]+")
_LATIN_END = "\u0250"  # past Latin Extended-B: IPA, Greek, Cyrillic, CJK...


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    model = Path(MODEL_DIR) / MODEL_FILE
    try:
        folder = cache_folder() / _cache_name(model)
    except OSError:
        return _packaged(model)
    return _mapped(folder) or _packaged(model, save_to=folder)


def cache_folder() -> Path:
    """Where feedpub keeps what it can make again: ``$XDG_CACHE_HOME/feedpub``, else
    ``~/.cache/feedpub``."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "feedpub"


def _cache_name(model: Path) -> str:
    import py3langid

    # The package's own version string (importlib.metadata costs 30 to 40 ms to import and
    # search the installed distributions: a tenth of a one-document run's parsing).
    version = getattr(py3langid, "__version__", None)
    if not isinstance(version, str):
        from importlib.metadata import version as installed

        version = installed("py3langid")
    digest = hashlib.sha256(model.read_bytes()).hexdigest()[:16]
    return f"py3langid-{version}-{digest}"


_STALE = re.compile(r"py3langid-[^-]+-\d+-\d+")
"""A copy named by the packaged model's size and time, as earlier versions named them."""
_PARTIAL_AGE = 3600.0
"""Seconds after which a writer's temporary folder is taken as left by a killed process
(writing one takes a second or two)."""


def _remove_stale(folder: Path, now: float) -> None:
    """Remove the copies beside ``folder`` that no feedpub reads any more: those named by
    a file's time, and temporary folders older than ``_PARTIAL_AGE``."""
    try:
        siblings = list(folder.parent.iterdir())
    except OSError:
        return
    for path in siblings:
        try:
            stale = _STALE.fullmatch(path.name) is not None or (
                path.name.startswith(".py3langid-") and now - path.stat().st_mtime > _PARTIAL_AGE
            )
        except OSError:
            continue  # removed meanwhile by another process
        if stale and path != folder and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


# The identifier's arrays as py3langid 0.4 holds them: (attribute, file).
_ARRAYS = (
    ("nb_ptc", "ptc.npy"),
    ("nb_pc", "pc.npy"),
    ("tk_nextmove", "nextmove.npy"),
    ("tk_row", "row.npy"),
    ("tk_output", "output.npy"),
)


def _packaged(model: Path, save_to: Path | None = None) -> Any:
    """The identifier read from py3langid's compressed model; its arrays saved uncompressed
    in ``save_to`` when given (and writable)."""
    from py3langid.langid import LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(model, norm_probs=True)
    if save_to is not None:
        _save(identifier, save_to)
    return identifier


def _save(identifier: Any, folder: Path) -> None:
    """Write the arrays under a temporary name, then rename it to ``folder`` (a reader sees
    all of it or none); a failure leaves nothing behind."""
    import numpy as np

    try:
        arrays = {name: np.asarray(getattr(identifier, attribute)) for attribute, name in _ARRAYS}
        classes = [str(label) for label in identifier.nb_classes]
        folder.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    except (AttributeError, TypeError, ValueError, OSError):
        return  # another py3langid's layout, or no folder to write to: no cache
    try:
        for name, array in arrays.items():
            np.save(partial / name, array, allow_pickle=False)
        (partial / "classes.json").write_text(json.dumps(classes), encoding="utf-8")
        os.rename(partial, folder)
    except OSError:  # the disk is full, or another process wrote it first
        shutil.rmtree(partial, ignore_errors=True)
    _remove_stale(folder, time.time())


def _mapped(folder: Path) -> Any | None:
    """The identifier on the arrays saved in ``folder``, mapped into memory; None when there
    are none or they cannot be read."""
    if not folder.is_dir():
        return None
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    try:
        ptc, pc, nextmove, row, output = (
            np.load(folder / name, mmap_mode="r", allow_pickle=False) for _, name in _ARRAYS
        )
        classes = json.loads((folder / "classes.json").read_text(encoding="utf-8"))
        if not (
            isinstance(classes, list)
            and ptc.ndim == 2
            and ptc.shape[1] == len(pc) == len(classes)
            and nextmove.ndim == row.ndim == output.ndim == 1
            and len(row) == len(output)
            and len(nextmove) % 256 == 0
        ):
            return None
        # The transitions are indexed byte by byte in Python: a memoryview gives ints as
        # fast as py3langid's own array; the outputs are a list, as py3langid makes them.
        return LanguageIdentifier(
            ptc, np.asarray(pc), classes, memoryview(nextmove), output.tolist(),
            norm_probs=True, tk_row=memoryview(row),
        )  # fmt: skip
    except (OSError, ValueError, TypeError):
        return None


def load_model() -> None:
    """Load py3langid's model now (a process that forks workers, say), not on the first
    call of ``detect_language``."""
    _identifier()


def language_sample(paragraphs: list[str]) -> str:
    """What to identify a document's language by: the longest of ``paragraphs``."""
    return max(paragraphs, key=len, default="")


def _cut(text: str, chars: int) -> str:
    """The first ``chars`` characters of ``text``, cut at a word's end."""
    sample = text[: chars + 20]
    if len(sample) > chars:
        sample = sample[:chars].rsplit(" ", 1)[0]
    return sample


def detect_language(text: str, plausible: tuple[str, ...] = ()) -> str | None:
    """The language of ``text`` (a 2-letter code), None when unsure; see the module."""
    sample = _cut(text, SAMPLE_CHARS)
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS:
        return None
    identifier = _identifier()
    latin = all(word[0] < _LATIN_END for word in words)
    allowed = (*PLAUSIBLE, *plausible)
    if not hasattr(identifier, "_decide"):  # another py3langid: its ranking, sorted
        ranked: list[tuple[str, float]] = identifier.rank(sample)
        best, probability = ranked[0]
        if not latin or best in allowed or probability >= SURE:
            return best
        longer = _longer(identifier, text, sample, allowed)
        return longer or next((language for language, _ in ranked if language in allowed), None)
    # What rank() sorts, without the sorting: a score per column of the model, of which
    # rank() keeps each language's first; sorted stably, the first of equal scores wins,
    # as argmax's first maximum does.
    scores = identifier._decide(sample)
    labels, firsts = _columns(identifier)
    column = int(firsts[int(scores[firsts].argmax())])
    if not latin or labels[column] in allowed or float(scores[column]) >= SURE:
        return labels[column]
    longer = _longer(identifier, text, sample, allowed)
    if longer is not None:
        return longer
    columns = _allowed_columns(identifier, allowed)
    if not len(columns):
        return None
    return labels[int(columns[int(scores[columns].argmax())])]


def _longer(identifier: Any, text: str, sample: str, allowed: tuple[str, ...]) -> str | None:
    """The language of the first ``LONG_CHARS`` characters of ``text`` (longer than its
    ``sample``), when it is one of ``allowed`` or more probable than all the others."""
    longer = _cut(text, LONG_CHARS)
    if len(longer) <= len(sample):
        return None
    if hasattr(identifier, "_decide"):
        scores = identifier._decide(longer)
        labels, firsts = _columns(identifier)
        column = int(firsts[int(scores[firsts].argmax())])
        best, probability = labels[column], float(scores[column])
    else:
        best, probability = identifier.rank(longer)[0]
    return str(best) if best in allowed or probability >= MAJORITY else None


@cache
def _columns(identifier: Any) -> tuple[list[str], Any]:
    """The model's languages, a column each, and the columns that are a language's first."""
    import numpy as np

    labels = [str(label) for label in identifier.nb_classes]
    first: dict[str, int] = {}
    for column, label in enumerate(labels):
        first.setdefault(label, column)
    return labels, np.array(sorted(first.values()), dtype=np.intp)


@cache
def _allowed_columns(identifier: Any, allowed: tuple[str, ...]) -> Any:
    """The first columns of the languages in ``allowed``, in the model's order."""
    import numpy as np

    labels, firsts = _columns(identifier)
    return np.array([c for c in firsts if labels[c] in allowed], dtype=np.intp)
