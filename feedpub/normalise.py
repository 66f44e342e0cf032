"""Turning a document into an ``Entry`` (pure).

Each input format has a reader (plain text here; Markdown in ``frontmatter``, HTML in
``html_input``, JSON in ``json_input``) that returns the metadata the document states and its
body as blocks. What the document does not state is then guessed from its text:

- the **headline**: a line repeated right after itself, else one with a `` | Section`` suffix,
  else the first heading, else the longest headline-like line before the first paragraph
  (site names, menus, kickers and banners are shorter); `` | Section`` and `` - Publisher``
  suffixes are split off;
- the **dates**: in the lines before the headline, the byline and date lines after it, a
  dateline opening the first paragraph (``LONDON, Dec. 19, 2022 /PRNewswire/ --``) and a
  ``Published ...`` line at the end; labels (``Updated``, ``mis à jour``, ``Stand:``) say
  which date is the update;
- the **author** from a byline (``By``, ``Von``, ``Par``, ``Por``, ``Door``, a name with a
  newsroom role, a bare name above the date line), the **publisher** from the chrome before
  the headline, the **language** from common words, the **link** from a URL line;
- the **body**: what follows, without junk lines (``See also``, ``Read more:``, share
  buttons, ``Advertisement``), photo credits and repeated captions; the **summary** is its
  first paragraph.

``inspect_document`` returns the entry together with where each field came from.
"""

from __future__ import annotations

import hashlib
import html
import re
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Literal, NamedTuple
from urllib.parse import urljoin, urlsplit

from .dates import DateContext, FoundDate, ParsedDate, find_dates, in_feed_range
from .documents import read_document
from .errors import DateError, DocumentError
from .frontmatter import read_markdown
from .html_input import read_html
from .json_input import read_json
from .metadata import Block, Metadata, Parsed, squash, text_blocks, xml_text
from .model import Document, Entry

__all__ = [
    "READERS",
    "Inspection",
    "ReferenceTime",
    "detect_language",
    "document_kind",
    "entry_id",
    "inspect_document",
    "normalise",
]

ReferenceTime = Literal["file", "first_seen"]

_HEADER_LINES = 16  # the headline is looked for among this many leading lines
_META_BLOCKS = 6  # bylines and date lines are looked for in this many blocks after it
_FOOTER_BLOCKS = 3  # ... and in this many at the end
_DATE_LINE_MAX = 160  # characters: longer lines are prose, never a date line
_DATE_SCAN_MAX = 400  # characters of a line searched for dates

# Lines that are site chrome, never a headline or a publisher.
_CHROME = re.compile(
    r"^(?:menu|home|homepage|skip to (?:main )?content|search|suche|rechercher|buscar|zoeken"
    r"|sign in|log ?in|anmelden|se connecter|iniciar sesión|inloggen|subscribe|abonnieren"
    r"|s'abonner|suscríbete|abonneren|breaking(?: news)?|eilmeldung|live|liveblog|direct"
    r"|en direct|en vivo|newsletter|advertisement|anzeige|werbung|publicité|publicidad"
    r"|advertentie|sponsored|gesponsert|share|teilen|partager|compartir|delen"
    r"|exclusive|exklusiv|exclusif|exclusiva|exclusief|premium|\+|plus|save|print"
    r"|comments?|comentar|comentarios|commenter|commentaires|kommentare?|kommentieren|reageer"
    r"|reacties"
    r"|startseite|accueil|inicio|portada|voorpagina)\W*$",
    re.IGNORECASE,
)
# A line naming only a news or photo agency: a credit in a body, maybe the publisher above
# the headline ("Reuters").
_AGENCY_LINE = re.compile(
    r"^(?:getty images|reuters|afp|ap|dpa|epa|pa media|anp|efe|europa press|belga"
    r"|shutterstock|alamy|imago)(?:\s*/\s*[\w ]+)?\W*$",
    re.IGNORECASE,
)
# Junk lines in a body: teasers for other articles, ads, share buttons, newsletter prompts.
_JUNK = re.compile(
    r"^(?:see also|read (?:more|also|next)|related(?: articles?| stories)?|more on this"
    r"|advertisement|sponsored|share (?:this|on|article)|click here|sign up for|subscribe to"
    r"|listen to (?:this )?article|artikel anhören|écouter (?:cet )?article"
    r"|escuchar (?:la )?noticia|artikel beluisteren|watch:|recommended|subscribers only"
    r"|premium content"
    r"|news provided by|nur für abonnenten|article réservé aux abonnés|réservé aux abonnés"
    r"|exclusivo para suscriptores|alleen voor abonnees"
    r"|lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|weiterlesen|anzeige|werbung"
    r"|artikel teilen|jetzt abonnieren"
    r"|lire (?:aussi|la suite)|à lire aussi|a lire aussi|voir aussi|publicité|partager"
    r"|abonnez-vous|sur le même sujet"
    r"|lee también|leer más|lea también|ver también|te puede interesar|publicidad|compartir"
    r"|suscríbete|más información"
    r"|lees ook|lees meer|bekijk ook|advertentie|delen|deel dit artikel|meer over)\b",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^(?:(?:share|teilen|partager|compartir|delen|facebook|twitter|x|whatsapp|linkedin|email"
    r"|e-mail|mail|print|drucken|imprimer|imprimir|copy link|link kopieren|copier le lien"
    r"|pinterest|reddit|telegram|messenger|flipboard)[\s,|·•/]*)+$",
    re.IGNORECASE,
)
_READING_TIME = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?|minuten?)\.?\s*(?:read|lesezeit|de lecture|de lectura"
    r"|leestijd)|(?:lesezeit|temps de lecture|lecture|lectura|leestijd|reading time)"
    r"\s*:?\s*\d+\s*min\w*\.?)$",
    re.IGNORECASE,
)
_CREDIT_WORDS = (
    r"©|\(c\)|photo\s?:|photos\s?:|foto\s?:|fotos\s?:|bild\s?:|image\s?:|picture\s?:"
    r"|credit\s?:|crédit(?: photo)?\s?:|photo credit\s?:|source\s?:\s?(?=[A-Za-z])|imagen\s?:"
    r"|quelle\s?:|fuente\s?:|bron\s?:"
    r"|fotografía\s?:|beeld\s?:"
)
# A whole line that is only a photo credit: "Photo: Reuters", "© AFP", "Foto: dpa/Kay Nietfeld".
_CREDIT_LINE = re.compile(rf"^(?:{_CREDIT_WORDS})\s*\S.{{0,60}}$", re.IGNORECASE)
# A trailing photo credit: "... in Belarus. ©AP", "(Photo: Reuters)", "Foto: dpa".
_CREDIT = re.compile(
    rf"\s*\(?(?:{_CREDIT_WORDS})\s*[\w.&/'-]+(?:[ ][A-Z][\w.&/'-]*){{0,3}}\)?\s*$",
    re.IGNORECASE,
)
# A newsroom role, alone or after "our": "Chief political correspondent", "onze redacteur".
_ROLE = (
    r"(?:(?:chief|senior|deputy|political|economics|business|foreign|special|science|health"
    r"|sports?|\w+)\s+){0,3}(?:correspondent|editor|reporter|writer|journalist|columnist"
    r"|korrespondent(?:in|en)?|redakteur(?:in|en)?|rédact(?:eur|rice)|journaliste"
    r"|envoyée?\s+spéciale?|corresponsal|redactor(?:a)?|periodista|redacteur|verslaggever"
    r"|correspondente?)"
)
# What every role above contains, for ASCII text (the accented roles cannot occur in it):
# a line without any of these cannot be a name with a role, and that pattern, backtracking
# over every word, is the normaliser's slowest. The test of this module checks they agree.
_ROLE_STEMS = ("correspon", "korrespondent", "editor", "reporter", "writer", "journalist",
               "columnist", "redakteur", "redact", "periodista", "verslaggever")  # fmt: skip
_BYLINE = re.compile(
    r"^(?:(?:(?:written|reported|article\s+rédigé|rédigé|écrit|geschrieben|escrito|geschreven)"
    r"\s+)?(?:by|von|par|por|door)"
    rf"(?:\s+(?:our|unserem|unserer|notre|nuestr[oa]|onze)\s+{_ROLE})?"
    r"|text\s*:|texto\s*:|auteur\s*:|autor(?:in)?\s*:"
    r"|author\s*:|tekst\s*:)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_NAME_STOP = re.compile(
    r"\s*(?:[,|•·(]|\s[-–—]\s|/|\d"
    r"|(?i:\b(?:published|updated|posted|publié|mis à jour|veröffentlicht|aktualisiert|stand"
    r"|publicado|actualizado|gepubliceerd|bijgewerkt)\b)"
    r"|\b(?:on|am|le|el|op|in|im|en|à|a las)\b)",
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w.'’-]*|de|da|del|della|der|den|van|von|zu|la|le|du|y|e|and|und|et"
    r"|en|ten|ter|bin|al)$"
)
_SUBHEADING_MAX_WORDS = 10
_SENTENCE_END = re.compile(r"[.,;:…]$")

# Words common in one of the five languages and not in the others; see detect_language.
_STOPWORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "en": "the and of to is that for was with are has have said his this from it be will "
              "which were been their would they after about who",
        "de": "der und das ist nicht mit den von sich auf für dem ein eine auch wurde sind "
              "nach bei wie im zu hat noch aber sei einen wird vom",
        "fr": "le les et des est une du que dans pour qui pas sur au avec il ont été aux mais "
              "par ses cette sont ces leur selon",
        "es": "el los las y del se por con una para es su al lo como más pero sus fue ha "
              "este esta según sobre también",
        "nl": "het een van dat op te niet met zijn voor er aan ook werd wordt naar bij heeft "
              "maar nog deze wel hun",
    }.items()
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
# In lowercased ASCII text _WORD's words are the runs of a-z: every other character made a
# space, ``split`` finds the same words faster than the pattern does.
_ASCII_NOT_LETTER = {code: " " for code in range(128) if not ord("a") <= code <= ord("z")}


def detect_language(text: str) -> str | None:
    """The language of ``text`` among en/de/fr/es/nl by its common words, None when unsure."""
    sample = text[:2000].lower()
    if sample.isascii():
        words = Counter(sample.translate(_ASCII_NOT_LETTER).split())
    else:
        words = Counter(_WORD.findall(sample))
    # Each distinct word looked up once, in C, rather than every occurrence in Python.
    counts = {
        language: sum(words[word] for word in words.keys() & stopwords)
        for language, stopwords in _STOPWORDS.items()
    }
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 4 and top >= 1.5 * second else None


def entry_id(authority: str, key: str) -> str:
    """The entry's global id: a name-based UUID, stable for the same authority and key."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"feedpub:{authority}:{key}").urn


def document_key(source: str) -> str:
    """The entry key of a document first seen at ``source``."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


# ----------------------------------------------------------------------------- readers


def _read_text(text: str, source: str, context: DateContext) -> Parsed:
    blocks = text_blocks(text)
    if len(blocks) == 1 and len(blocks[0].lines) > 3:
        # No blank line anywhere: a scrape that put each paragraph on one line.
        blocks = [
            Block(squash(line), blocks[0].line + i, None, (line,))
            for i, line in enumerate(blocks[0].lines)
        ]
    return Parsed("text", Metadata(), tuple(blocks))


Reader = Callable[[str, str, DateContext], Parsed]
READERS: Mapping[str, Reader] = {
    "text": _read_text,
    "markdown": read_markdown,
    "html": read_html,
    "json": read_json,
}
SUFFIXES: Mapping[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def document_kind(document: Document) -> str:
    """``text``, ``markdown``, ``html`` or ``json``: by the file's suffix, else its start."""
    kind = SUFFIXES.get(Path(document.source).suffix.lower())
    if kind is not None:
        return kind
    start = document.text.lstrip()[:200].lower()
    if start.startswith(("<!doctype html", "<html")):
        return "html"
    if start.startswith("{"):
        return "json"
    if start.startswith(("---\n", "+++\n")):
        return "markdown"
    return "text"


# ----------------------------------------------------------------------------- text layout


class _Line(NamedTuple):  # a tuple: made for every header line, and cheaper to make
    text: str
    line: int
    block: int  # index of the block the line belongs to
    tag: str | None = None


def _header_lines(blocks: Sequence[Block]) -> list[_Line]:
    lines: list[_Line] = []
    for index, block in enumerate(blocks):
        parts = block.lines or (block.text,)
        for offset, text in enumerate(parts):
            number = block.line + offset if block.line else 0
            lines.append(_Line(squash(text), number, index, block.tag))
            if len(lines) >= _HEADER_LINES:
                return lines
    return lines


def _is_date_line(text: str, found: list[FoundDate]) -> bool:
    """True when a line is only dates and their labels ("Stand: 20.11.2021 22:35 Uhr")."""
    if not found:
        return False
    rest = text
    for item in reversed(found):
        rest = rest[: item.start] + " " + rest[item.end :]
    words = [w for w in _WORD.findall(rest) if len(w) > 3]
    return len(words) <= 4


_JUNK_LINE_MAX = 300  # characters: a teaser, button row or credit is never longer


# The junk that is junk whatever its length or punctuation, as one pattern: one match per
# line instead of five, and the normaliser asks about every short line, some several times.
_JUNK_WHOLE_LINE = re.compile(
    "|".join(
        f"(?:{pattern.pattern})"
        for pattern in (_SOCIAL, _READING_TIME, _CREDIT_LINE, _CHROME, _AGENCY_LINE)
    ),
    re.IGNORECASE,
)
# Both junk patterns for ASCII text (most lines), lowercased: the same patterns not ignoring
# case, which lets the engine skip each branch on its first letter and so answer twice as fast.
# They spell every letter in lower case (and "[A-Za-z]" where any letter goes), so on a
# lowercased ASCII line they match where the originals match the line (tests check).
_JUNK_ASCII = re.compile(_JUNK.pattern)
_JUNK_WHOLE_LINE_ASCII = re.compile(_JUNK_WHOLE_LINE.pattern)


def _is_junk(text: str) -> bool:
    if len(text) > _JUNK_LINE_MAX:
        return False
    if text.isascii():
        junk, whole_line, line = _JUNK_ASCII, _JUNK_WHOLE_LINE_ASCII, text.lower()
    else:
        junk, whole_line, line = _JUNK, _JUNK_WHOLE_LINE, text
    return bool(
        # A teaser is short or unpunctuated; a sentence that merely starts like one is body.
        (junk.match(line) and (len(text.split()) <= 6 or not text.endswith(".")))
        or whole_line.match(line)
    )


def _looks_like_headline(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 30
        and len(text) <= 220
        and not _SENTENCE_END.search(text.rstrip("'\"”’»"))
        and not text.isupper()
        and not _is_junk(text)
        and not _BYLINE.match(text)
    )


def _is_paragraph(text: str) -> bool:
    words = len(text.split())
    return words >= 25 or (words >= 8 and text.rstrip("'\"”’»)").endswith((".", "!", "?")))


_NAME_WITH_ROLE = re.compile(
    r"^(?P<rest>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+[\w'’.-]+){1,3}?),?\s+"
    rf"(?i:{_ROLE})\b(?:\s+\w+){{0,3}}$"
)


def _is_bare_name(text: str, *, places: bool = False) -> bool:
    """Two to four capitalised words, as a person's name ("Pieter de Vries"); with ``places``
    also one ("Madrid")."""
    words = text.split()
    return (
        (1 if places else 2) <= len(words) <= 4
        and all(_NAME_WORD.match(w) for w in words)
        and words[0][0].isupper()
        and words[-1][0].isupper()
        and not _is_junk(text)
    )


def byline_author(text: str) -> str | None:
    """The author named by a byline: ``By Jane Doe, Dec 19`` -> ``Jane Doe``.

    Also ``Jessica Elgot Chief political correspondent`` (a name and a newsroom role) and
    ``Door onze redacteur Marieke de Jong``.
    """
    match = _BYLINE.match(text) or (_NAME_WITH_ROLE.match(text) if _may_name_role(text) else None)
    if match is None or len(text.split()) > 20:
        return None
    rest = match.group("rest")
    stop = _NAME_STOP.search(rest, 1)
    name = rest[: stop.start()] if stop else rest
    words = name.split()
    if not words or len(words) > 8 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if not words[0][0].isupper() or not words[-1][0].isupper():
        return None
    return " ".join(words)


def _may_name_role(text: str) -> bool:
    """False only when ``text`` certainly holds no newsroom role (see ``_ROLE_STEMS``)."""
    if not text.isascii():
        return True  # case-insensitive matching beyond ASCII is the pattern's to judge
    # The role is one of the last four words (at most three follow it): a long line is
    # checked only there.
    tail = " ".join(text.rsplit(None, 4)[-4:]).lower()
    # A plain loop, not any() over a generator: this runs for nearly every line it checks.
    for stem in _ROLE_STEMS:  # noqa: SIM110
        if stem in tail:
            return True
    return False


@dataclass(frozen=True)
class _Headline:
    index: int  # index into the header lines
    how: str


# Only to recognise dates that need a reference ("3 hours ago") as dates; never a value.
_ANY_TIME = datetime(2000, 1, 1, tzinfo=UTC)


class _Dates:
    """``find_dates`` in one context, remembering its answers: a header line is asked about
    several times (headline? chrome? date line? which date?)."""

    def __init__(self, context: DateContext) -> None:
        self.context = context
        # The same context with some reference: to see "3 hours ago" as a date line even when
        # it cannot be resolved.
        self.probe = (
            context if context.reference is not None else replace(context, reference=_ANY_TIME)
        )
        self._answers: dict[tuple[str, bool], list[FoundDate]] = {}

    def __call__(self, text: str, *, recognise_only: bool = False) -> list[FoundDate]:
        # Dates sit at the start of a line; the rest of a long line is prose.
        text = text[:_DATE_SCAN_MAX]
        probing = recognise_only and self.probe is not self.context  # else the same answer
        key = (text, probing)
        if key not in self._answers:
            self._answers[key] = find_dates(text, self.probe if probing else self.context)
        return self._answers[key]


def _find_headline(lines: list[_Line], known_title: str | None, dates: _Dates) -> _Headline | None:
    texts = [line.text for line in lines]
    if known_title is not None:
        for i, text in enumerate(texts):
            if text == known_title or text.startswith(known_title):
                return _Headline(i, "stated title")
        return None
    for i in range(len(texts) - 1):
        if texts[i] == texts[i + 1] and _looks_like_headline(texts[i].split(" | ")[0]):
            return _Headline(i, "headline repeated")
    for i, text in enumerate(texts):
        if (
            _SECTION_BAR.search(text)
            and _looks_like_headline(text.split("|")[0].strip())
            and not dates(text, recognise_only=True)  # "Di 14.05.2024 | 12:30 Uhr"
        ):
            return _Headline(i, "headline with ' | Section'")
    for i, line in enumerate(lines):
        if _MARKDOWN_HEADING.match(line.text) or line.tag in ("h2", "h3"):
            return _Headline(i, "first heading")
    # Otherwise the longest headline-like line before the first paragraph: site names,
    # menus, kickers and banners are shorter than headlines.
    best: int | None = None
    for i, text in enumerate(texts):
        if _is_paragraph(text):
            break
        if not _looks_like_headline(text) or dates(text, recognise_only=True):
            continue
        if best is None or len(text.split()) > len(texts[best].split()):
            best = i
    return None if best is None else _Headline(best, "longest headline-like line")


_SECTION_BAR = re.compile(r"\s+\|\s+")  # "Headline | Section"
_DASH_SUFFIX = re.compile(r"(.*\S)\s+[-–—]\s+(\S.{0,40})")  # "Headline - Publisher"
_MARKDOWN_HEADING = re.compile(r"(#{1,6})\s+(\S.*)")
_BLOCK_TAG = re.compile(r"<(p|h2|h3|li|blockquote|img)[> ]")
_SITE_LIKE = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}$|^(?:[A-Z0-9][\w&'’.-]*\s?){1,4}$")
_NOT_PUBLISHERS = re.compile(
    r"^(?:live|update|updated|video|videos|photos|analysis|opinion|explainer|exclusive|watch"
    r"|listen|podcast|interview|kommentar|meinung|analyse|vidéo|tribune|opinión|análisis)$",
    re.IGNORECASE,
)


def split_headline(
    headline: str, publishers: Sequence[str], guess_site: bool
) -> tuple[str, str | None, str | None]:
    """(title, section, publisher) of ``Title | Section``, ``Title - Publisher`` and the like.

    A `` - Suffix`` is split off when it names one of ``publishers``, or, with ``guess_site``,
    when it looks like a site's name (a domain, or a few capitalised words).
    """
    known = {p.casefold() for p in publishers}
    parts = [p.strip() for p in _SECTION_BAR.split(squash(headline.lstrip("# ")))]
    title, section, publisher = parts[0], None, None
    if len(parts) >= 3:
        section, publisher = parts[1], parts[-1]
    elif len(parts) == 2:
        if parts[1].casefold() in known:
            publisher = parts[1]
        else:
            section = parts[1]
    dash = _DASH_SUFFIX.fullmatch(title)
    if dash is not None and publisher is None:
        left, suffix = dash.group(1), dash.group(2).strip()
        site_like = (
            guess_site
            and _SITE_LIKE.match(suffix) is not None
            and len(left.split()) >= 4
            and not _NOT_PUBLISHERS.match(suffix)
        )
        if suffix.casefold() in known or site_like:
            title, publisher = left, suffix
    return title, section, publisher


@dataclass
class _Guess:
    """What the text says, field by field, with where each was found."""

    values: dict[str, object] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def offer(self, name: str, value: object, origin: str) -> None:
        if value is not None and value != "" and name not in self.values:
            self.values[name] = value
            self.origins[name] = origin


def _date_candidates(
    lines: Sequence[tuple[str, int]], dates: _Dates, where: str
) -> list[tuple[FoundDate, str]]:
    found: list[tuple[FoundDate, str]] = []
    for text, number in lines:
        for item in dates(text):
            origin = f"{where} line {number}: {text[item.start : item.end]!r}"
            found.append((item, origin))
    return found


def _choose_dates(groups: Sequence[list[tuple[FoundDate, str]]], guess: _Guess) -> None:
    """Published and updated from candidates grouped from most to least trusted place."""
    everything = [item for group in groups for item in group]
    for item, origin in everything:
        if item.role == "published":
            guess.offer("published", item.parsed, origin)
    for group in groups:
        for item, origin in group:
            if item.role is None:
                guess.offer("published", item.parsed, origin)
    for item, origin in everything:
        if item.role == "updated":
            guess.offer("updated", item.parsed, origin)


def _layout(
    blocks: Sequence[Block], metadata: Metadata, dates: _Dates, guess: _Guess, source: str
) -> tuple[Block, ...]:
    """Guess the header fields of ``blocks`` into ``guess``; return the body blocks."""
    lines = _header_lines(blocks)
    headline = _find_headline(lines, metadata.title, dates)
    if headline is None and metadata.title is None:
        raise DocumentError(
            source,
            "no headline found (expected a line repeated, with a ' | Section' suffix or "
            f"headline-like within the first {_HEADER_LINES} lines)",
            line=blocks[0].line or None,
        )
    before = lines[: headline.index] if headline is not None else []
    after: list[_Line] = []
    leading: list[Block] = []  # body text sharing the headline's block
    body_from = 0
    if headline is not None:
        head = lines[headline.index]
        guess.offer("headline", head.text, f"line {head.line}: {headline.how}")
        body_from = head.block + 1
        block = blocks[head.block]
        rest = [
            _Line(text, block.line + i, head.block)
            for i, text in enumerate(map(squash, block.lines))
            if block.line + i > head.line and text != head.text
        ]
        # Bylines and date lines right under the headline in its own block, then body text.
        meta = 0
        while meta < len(rest) and _is_meta_line(rest[meta].text, dates):
            meta += 1
        after.extend(rest[:meta])
        if rest[meta:]:
            texts = tuple(ln.text for ln in rest[meta:])
            leading.append(Block(" ".join(texts), rest[meta].line, None, texts))
    # Blocks of bylines, date lines and junk among the first after the headline (or at the
    # top of a body whose title is stated elsewhere) are metadata, not body.
    body: list[Block] = list(leading)
    title_text = lines[headline.index].text if headline is not None else None
    following = blocks[body_from:]
    orphaned: tuple[tuple[str, str], ...] = ()  # images of metadata blocks, for the body's
    for offset, block in enumerate(following):
        near = offset < _META_BLOCKS
        if not near:
            # Past the metadata blocks everything is body.
            body.append(_after_images(orphaned, block))
            body.extend(following[offset + 1 :])
            break
        block_lines = [squash(t) for t in (block.lines or (block.text,))]
        # A bare name (and a bare place) just above the date line is a byline: "Isabel
        # Moreno" / "Madrid" / "Actualizado 05/07/2024 a las 10:15h."
        above_date = near and any(
            _is_date_line(b.text, dates(b.text, recognise_only=True))
            for b in following[offset + 1 : offset + 3]
            if len(b.text) <= _DATE_LINE_MAX
        )
        if above_date and len(block_lines) == 1 and _is_bare_name(block.text):
            guess.offer("bare_name", block.text, f"line {block.line}: a name above the date line")
        if near and (
            squash(block.text) == title_text
            or all(_is_meta_line(t, dates) for t in block_lines)
            or (above_date and len(block_lines) == 1 and _is_bare_name(block.text, places=True))
        ):
            number = block.line
            after.extend(
                _Line(t, number + i if number else 0, -1) for i, t in enumerate(block_lines)
            )
            orphaned += block.images
        else:
            body.append(_after_images(orphaned, block))
            orphaned = ()

    # Chrome before the headline: the first that is not a date, a banner or a kicker.
    chrome = [
        ln.text
        for ln in before
        if (_AGENCY_LINE.match(ln.text) or not _is_junk(ln.text))
        and not dates(ln.text)
        and not byline_author(ln.text)
    ]
    footer: list[Block] = []
    while body and len(footer) < _FOOTER_BLOCKS:
        last = body[-1]
        if not all(_is_meta_line(squash(t), dates) for t in (last.lines or (last.text,))):
            break
        footer.insert(0, body.pop())
    if headline is not None:
        title, section, publisher = split_headline(lines[headline.index].text, chrome[:1], True)
        origin = guess.origins["headline"]
        guess.offer("title", title, origin)
        guess.offer("section", section, origin)
        guess.offer("publisher", publisher, f"{origin}, suffix")
    if chrome and len(chrome[0].split()) <= 6:
        guess.offer("publisher", chrome[0], "site chrome before the headline")

    footer_lines = [
        (squash(t), b.line + i) for b in footer for i, t in enumerate(b.lines or (b.text,))
    ]
    meta_lines = [(ln.text, ln.line) for ln in (*before, *after)]
    for text, number in (*meta_lines, *footer_lines):
        guess.offer("author", byline_author(text), f"line {number}: byline")
        url = _URL_LINE.match(text)
        guess.offer("link", url.group(1) if url else None, f"line {number}: URL")
        if dates.context.reference is None:
            for item in dates(text, recognise_only=True):
                if item.parsed.resolved:
                    guess.notes.append(
                        f"line {number}: {text[item.start : item.end]!r} left unknown: "
                        "no reference time to resolve it against"
                    )
    if "bare_name" in guess.values:
        guess.offer("author", guess.values.pop("bare_name"), guess.origins.pop("bare_name"))
    dateline: list[tuple[str, int]] = []
    if body:
        dateline = [(body[0].text[:160], body[0].line)]
    _choose_dates(
        [
            _date_candidates(meta_lines, dates, "header"),
            _date_candidates(dateline, dates, "dateline,"),
            _date_candidates(footer_lines, dates, "footer"),
        ],
        guess,
    )
    return tuple(body)


def _after_images(images: tuple[tuple[str, str], ...], block: Block) -> Block:
    """``block`` shown after ``images`` too (those of the metadata blocks before it)."""
    return replace(block, images=images + block.images) if images else block


_URL_LINE = re.compile(r"^(?:(?:source|quelle|fuente|bron|url)\s*:\s*)?(https?://\S+)$", re.I)


def _is_meta_line(text: str, dates: _Dates) -> bool:
    """A byline, a date line, a URL or junk: a line between the headline and the body."""
    if byline_author(text) is not None or _is_junk(text) or _URL_LINE.match(text):
        return True
    # A date line is short; a paragraph is not worth scanning for one.
    return len(text) <= _DATE_LINE_MAX and _is_date_line(text, dates(text, recognise_only=True))


# ----------------------------------------------------------------------------- body


class _BodyBlock(NamedTuple):
    tag: str
    text: str
    links: tuple[tuple[str, str], ...] = ()
    images: tuple[tuple[str, str], ...] = ()  # (src, alt) shown before the block


def _clean_body(blocks: Sequence[Block], title: str) -> list[_BodyBlock]:
    """The real body: junk, credits and repeated captions removed (the images of a removed
    block go with the next one)."""
    seen: set[str] = {title.casefold()}
    out: list[_BodyBlock] = []
    guessed_heading = False
    carried: tuple[tuple[str, str], ...] = ()
    for block in blocks:
        text = block.text
        images = carried + block.images if carried else block.images
        if _is_junk(text):
            carried = images
            continue
        credit = _credit_start(text)
        if credit is not None:
            text = text[:credit].strip()
        folded = text.casefold()
        if not text or folded in seen:
            carried = images
            continue  # a caption repeated under each photo of a gallery
        carried = ()
        seen.add(folded)
        tag = block.tag
        guessed_heading = False
        if tag is None:
            heading = _MARKDOWN_HEADING.match(text)
            if heading:
                tag, text = ("h2" if len(heading.group(1)) <= 2 else "h3"), heading.group(2)
            else:
                tag = "h2" if _is_subheading(text) else "p"
                guessed_heading = tag == "h2"
        out.append(_BodyBlock(tag, text, block.links, images))
    # A trailing short block is a last paragraph, not a heading over nothing.
    if guessed_heading:
        out[-1] = out[-1]._replace(tag="p")
    return out


_CREDIT_MARK = re.compile(r"©|:|\(c\)|\(C\)")  # every credit has one: "©AP", "Photo: Reuters"
# How far into a credit its mark can be: "photo credit :" and "crédit photo :" have their
# colon 13 characters in; one more for an opening "(".
_CREDIT_MARK_LEAD = 14


def _credit_start(text: str) -> int | None:
    """Where a trailing photo credit starts in ``text``, None without one."""
    # Only the end can hold a credit; searching just there keeps long paragraphs cheap.
    start = max(0, len(text) - 80)
    mark = _CREDIT_MARK.search(text, start)
    if mark is None:
        return None
    # No credit starts more than _CREDIT_MARK_LEAD characters before the first mark, unless
    # in the white space before one: searching from there finds the same credit, or the same
    # one a few spaces later, which leaves the same text once stripped.
    credit = _CREDIT.search(text, max(start, mark.start() - _CREDIT_MARK_LEAD))
    return None if credit is None else credit.start()


def _is_subheading(text: str) -> bool:
    return (
        len(text) <= 80  # first: most paragraphs are longer, and then need no splitting
        and 0 < len(text.split()) <= _SUBHEADING_MAX_WORDS
        and not _SENTENCE_END.search(text)
        and not text.endswith(("?", "!", "”", '"'))
    )


def _content_url(href: str, base: str | None) -> str | None:
    """An absolute http(s) URL for a link in the content: relative ones are made absolute
    against ``base`` (the document's own URL, else the site's); others are dropped."""
    if any(c.isspace() or ord(c) < 32 for c in href):
        return None
    parts = urlsplit(href)
    if not parts.scheme and base:
        parts = urlsplit(urljoin(base, href))
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return parts.geturl()
    return None  # javascript:, mailto:, data:, or relative with nothing to resolve against


def _linked_text(text: str, links: Sequence[tuple[str, str]], base: str | None) -> str:
    """``text`` escaped, each link's anchor text wrapped in ``<a href>`` where it occurs."""
    out: list[str] = []
    position = 0
    for anchor, href in links:
        url = _content_url(href, base)
        found = text.find(anchor, position) if url else -1
        if found < 0:
            continue
        out.append(html.escape(text[position:found], quote=False))
        escaped_url = html.escape(url or "", quote=True)
        out.append(f'<a href="{escaped_url}">{html.escape(anchor, quote=False)}</a>')
        position = found + len(anchor)
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def _to_html(body: Sequence[_BodyBlock], base: str | None = None) -> str:
    parts: list[str] = []
    in_list = False
    for tag, text, links, images in body:
        shown = [(url, alt) for src, alt in images if (url := _content_url(src, base))]
        if shown and in_list:
            parts.append("</ul>")  # an image between list items ends the list
            in_list = False
        for url, alt in shown:
            escaped_url, escaped_alt = html.escape(url, quote=True), html.escape(alt, quote=True)
            parts.append(f'<p><img src="{escaped_url}" alt="{escaped_alt}"></p>')
        if tag == "li" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif tag != "li" and in_list:
            parts.append("</ul>")
            in_list = False
        escaped = _linked_text(text, links, base) if links else html.escape(text, quote=False)
        if tag == "blockquote":
            parts.append(f"<blockquote><p>{escaped}</p></blockquote>")
        else:
            parts.append(f"<{tag}>{escaped}</{tag}>")
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


# ----------------------------------------------------------------------------- the entry


@dataclass(frozen=True)
class Inspection:
    """An entry with what the normaliser saw: where each field came from."""

    entry: Entry
    kind: str
    """The reader used: ``text``, ``markdown``, ``html`` or ``json``."""
    origins: Mapping[str, str]
    """Field name -> where its value was found (a line, a metadata key, a default)."""
    notes: tuple[str, ...] = ()
    """Things a user may want to know (a date left unknown for lack of a reference, ...)."""

    def as_dict(self) -> dict[str, object]:
        """The inspection as JSON-ready data (``feedpub inspect --json``)."""
        entry = self.entry
        return {
            "source": entry.source,
            "kind": self.kind,
            "id": entry.id,
            "title": entry.title,
            "published": entry.published.isoformat(),
            "updated": entry.updated.isoformat(),
            "author": entry.author,
            "publisher": entry.publisher,
            "section": entry.section,
            "language": entry.language,
            "link": entry.link,
            "image": entry.image,
            "tags": list(entry.tags),
            "summary": entry.summary,
            "content_html": entry.content_html,
            "origins": dict(self.origins),
            "notes": list(self.notes),
        }

    def as_text(self) -> str:
        """The inspection for people (``feedpub inspect``): each field with its origin."""
        data = self.as_dict()
        lines = [f"{'source':<10} {data['source']} (read as {self.kind})"]
        for name in ("title", "published", "updated", "author", "publisher", "section",
                     "language", "link", "image", "tags", "summary"):  # fmt: skip
            value = data[name]
            if isinstance(value, list):
                value = ", ".join(value) or None
            shown = "-" if value is None else str(value)
            if len(shown) > 100:
                shown = shown[:99] + "…"
            origin = self.origins.get(name)
            lines.append(f"{name:<10} {shown}" + (f"\n{'':<10} ({origin})" if origin else ""))
        body = _BLOCK_TAG.findall(self.entry.content_html)
        counts = ", ".join(f"{body.count(tag)} {tag}" for tag in dict.fromkeys(body))
        lines.append(f"{'content':<10} {counts}")
        lines.extend(f"{'note':<10} {note}" for note in self.notes)
        return "\n".join(lines)


def _as_document(document: Document | str | Path) -> Document:
    if isinstance(document, Path):
        return read_document(document)
    if isinstance(document, str):
        return Document(source="<text>", text=document)
    return document


def _with_source(error: DocumentError, source: str) -> DocumentError:
    if error.source:
        return error
    return type(error)(source, error.reason, line=error.line)


def inspect_document(
    document: Document | str | Path,
    *,
    zone: tzinfo = UTC,
    id_authority: str = "feedpub.invalid",
    language: str | None = None,
    first_seen: datetime | None = None,
    reference: ReferenceTime = "file",
    day_first: bool | None = None,
    base_url: str | None = None,
) -> Inspection:
    """Normalise a document and say where each field came from; see ``normalise``."""
    document = _as_document(document)
    try:
        return _inspect(
            document, zone, id_authority, language, first_seen, reference, day_first, base_url
        )
    except DocumentError as exc:
        raise _with_source(exc, document.source) from exc.__cause__


def _inspect(
    document: Document,
    zone: tzinfo,
    id_authority: str,
    language: str | None,
    first_seen: datetime | None,
    reference: ReferenceTime,
    day_first: bool | None,
    base_url: str | None = None,
) -> Inspection:
    source = document.source
    reference_time = document.modified if reference == "file" else first_seen
    kind = document_kind(document)
    # Day-first for a numeric date follows the language, which needs the text: read once with
    # a provisional context, detect, then read again only if the answer changes.
    provisional = DateContext(zone, day_first if day_first is not None else True, reference_time)
    parsed = READERS[kind](document.text, source, provisional)
    if not parsed.blocks:
        raise DocumentError(source, "no text")
    metadata = parsed.metadata
    sample = " ".join(b.text for b in parsed.blocks[:40])
    guess = _Guess()
    guess.offer("language", metadata.language, metadata.origins.get("language", ""))
    guess.offer("language", detect_language(sample), "detected from common words")
    guess.offer("language", language, "configured default")
    found_language = guess.values.get("language")
    if day_first is None:
        day_first = not (isinstance(found_language, str) and found_language.startswith("en"))
    context = DateContext(zone, day_first, reference_time)
    if context != provisional and kind != "text":  # plain text has no stated dates to reread
        parsed = READERS[kind](document.text, source, context)
        metadata = parsed.metadata

    body_blocks = _layout(parsed.blocks, metadata, _Dates(context), guess, source)
    # Explicit metadata wins over everything guessed.
    fields: dict[str, object] = {}
    origins: dict[str, str] = {}
    for name in ("title", "published", "updated", "author", "publisher", "section", "link",
                 "summary", "image", "tags"):  # fmt: skip
        value = getattr(metadata, name)
        if value is not None:
            fields[name], origins[name] = value, metadata.origins.get(name, "metadata")
        elif name in guess.values:
            fields[name], origins[name] = guess.values[name], guess.origins[name]
    fields["language"] = found_language
    origins["language"] = guess.origins.get("language", "")
    notes = list(guess.notes)

    title = fields.get("title")
    if not isinstance(title, str) or not title:
        raise DocumentError(source, "no title", line=parsed.blocks[0].line or None)
    if kind != "text":
        _split_stated_title(title, fields, origins)
    title = str(fields["title"])

    body = _clean_body(body_blocks, title)
    paragraphs = [block.text for block in body if block.tag in ("p", "blockquote", "li")]
    if not paragraphs:
        last = parsed.blocks[-1].line or None
        raise DocumentError(source, "no body text after the headline", line=last)
    if "summary" not in fields:
        fields["summary"], origins["summary"] = paragraphs[0], "first body paragraph"

    dates = _publication_dates(fields, origins, first_seen, zone)
    if dates is None:
        why = "; ".join(notes)
        raise DateError(
            source,
            "no publication date found (looked in the metadata, before and after the "
            "headline, the first paragraph and the last lines)" + (f"; {why}" if why else ""),
            line=parsed.blocks[0].line or None,
        )
    published, updated = dates
    for role, date in (("published", published), ("updated", updated)):
        if not in_feed_range(date.value):
            # Render would refuse it, and then every feed: reject this one document instead.
            raise DateError(
                source,
                f"{role} date {date.value.isoformat()} ({origins[role]}) is outside the years "
                "1000 to 9999 feeds can carry",
            )
    if published.date_only:
        notes.append("published has no time of day: midnight at the start of the day")

    key = document_key(source)
    link = _web_link(fields.get("link"), notes, base_url)
    # A relative image is relative to the article's own page, as its content links are.
    image = _web_link(fields.get("image"), notes, link or base_url, what="image")
    entry = Entry(
        id=entry_id(id_authority, key),
        key=key,
        title=xml_text(title),
        published=published.value,
        updated=updated.value,
        summary=xml_text(str(fields["summary"])),
        content_html=_to_html(body, link or base_url),
        source=source,
        link=link,
        section=_optional(fields.get("section")),
        publisher=_optional(fields.get("publisher")),
        author=_optional(fields.get("author")),
        language=_optional(fields.get("language")),
        image=image,
        tags=_tags(fields.get("tags"), fields.get("section")),
    )
    return Inspection(entry, kind, origins, tuple(notes))


def _split_stated_title(title: str, fields: dict[str, object], origins: dict[str, str]) -> None:
    """Split a site's suffix off a stated title ("Headline | Site"); a <title> nearly always
    has one, other stated titles only when it names the known publisher."""
    known = [str(fields["publisher"])] if "publisher" in fields else []
    split_title, section, publisher = split_headline(title, known, origins["title"] == "<title>")
    if split_title == title:
        return
    fields["title"] = split_title
    for name, value in (("section", section), ("publisher", publisher)):
        if value and name not in fields:
            fields[name], origins[name] = value, origins["title"] + ", suffix"


def _publication_dates(
    fields: Mapping[str, object], origins: dict[str, str], first_seen: datetime | None, zone: tzinfo
) -> tuple[ParsedDate, ParsedDate] | None:
    """(published, updated): a document stating only an update was published then; one
    stating no date at all when feedpub first saw it; ``updated`` is never before
    ``published``."""
    published, updated = fields.get("published"), fields.get("updated")
    if not isinstance(updated, ParsedDate):
        updated = None
    if not isinstance(published, ParsedDate):
        published = None
        if updated is not None:
            published, origins["published"] = updated, origins["updated"] + " (only date given)"
        elif first_seen is not None:
            published = ParsedDate(first_seen.astimezone(zone))
            origins["published"] = "first seen (the document states no date)"
    if published is None:
        return None
    if updated is None or updated.value < published.value:
        updated, origins["updated"] = published, "same as published"
    return published, updated


def _web_link(
    value: object, notes: list[str], base_url: str | None, what: str = "link"
) -> str | None:
    """An absolute http(s) URL, or None: a relative link is made absolute against
    ``base_url`` (the page it is on, or the site) and dropped without one; a ``javascript:``
    link never reaches a feed reader."""
    link = _optional(value)
    if link is None:
        return None
    parts = urlsplit(link)
    if base_url and not parts.scheme and " " not in link:
        link = urljoin(base_url, link)
        parts = urlsplit(link)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and " " not in link:
        return link
    notes.append(f"{what} {link!r} ignored: not an absolute http(s) URL")
    return None


def _tags(value: object, section: object) -> tuple[str, ...]:
    """The stated tags, XML-safe, without the one that repeats the section."""
    if not isinstance(value, tuple):
        return ()
    same = section.casefold() if isinstance(section, str) else None
    return tuple(tag for t in value if (tag := _optional(t)) and tag.casefold() != same)


def _optional(value: object) -> str | None:
    text = xml_text(value).strip() if isinstance(value, str) else ""
    return text or None


def normalise(
    document: Document | str | Path,
    *,
    zone: tzinfo = UTC,
    id_authority: str = "feedpub.invalid",
    language: str | None = None,
    first_seen: datetime | None = None,
    reference: ReferenceTime = "file",
    day_first: bool | None = None,
    base_url: str | None = None,
) -> Entry:
    """Extract an ``Entry`` from a document, a path to one, or plain text.

    ``zone`` is the default zone for dates that name none; ``id_authority`` scopes entry ids
    (the site's host name by default in a build); ``language`` is used when the document
    neither states nor clearly shows its language. ``first_seen`` is when feedpub first saw
    the document: the published date of a document that states none. ``reference`` picks the
    time relative dates and missing years are resolved against: the file's modification time
    (``"file"``) or ``first_seen``. ``day_first`` reads ``1/2/2024`` as 1 February; by default
    it is true except for English. ``base_url`` (the site's URL in a build) makes a relative
    link of the document's absolute. Raises ``DocumentError`` (or ``DateError``) saying which
    file and line could not be understood.
    """
    return inspect_document(
        document,
        zone=zone,
        id_authority=id_authority,
        language=language,
        first_seen=first_seen,
        reference=reference,
        day_first=day_first,
        base_url=base_url,
    ).entry
