"""Build the plain-text development corpus: real web pages saved as text, with their answers.

    python tools/text_corpus.py --out /work/corpus/text-v2 \\
        --readability /work/ext/readability --aeb /work/ext/article-extraction-benchmark \\
        --trafilatura ../trafilatura --newspaper4k ../newspaper4k --goose3 ../goose3 \\
        --postlight ../parser

The sources (one option each, a checkout of the repository; ``SOURCES``): mozilla/readability
(``test/test-pages/``), scrapinghub's article-extraction-benchmark (``html/``,
``ground-truth.json``) and newspaper4k's test pages give the whole article; adbar/trafilatura's
evaluation set (``tests/evaldata.json``: passages in and not in the article, the annotators'
title, author and date), goose3's content tests (the article's opening) and postlight/parser's
custom extractors' tests (title, author, date, the content's first 13 words) give passages
of it. A page two sources hold (the same HTML) is built once.

Each page is rendered to text three ways, the way scrapers and people save articles:

- ``w3m``: ``w3m -dump`` of the whole page (menus, footers and all);
- ``lynx``: ``lynx -dump -nolist``, cut to the article's surroundings (from a dozen lines
  above the headline to a dozen lines below the article's last line);
- ``reader``: a reader view's copy of the visible article: the site name, the headline, the
  byline, the date and a reading time, then the article's paragraphs.

The answers come from the page itself, never from feedpub: the headline from the test page's
expected metadata (mozilla/readability) or the page's JSON-LD ``headline``/``og:title``
(the site's name taken off), the author from JSON-LD/``<meta name=author>`` (else the
expected byline when it is a name), the published date the page states (JSON-LD
``datePublished``, ``article:published_time``, ``publishedTime``), the site name, the
section (``article:section``/``articleSection``) and the body: the expected article
(``expected.html``) or the benchmark's ``articleBody``; another project's expected
title, author and date (``Page.stated``) win over the page's metadata. The junk lines of a
copy are its lines after the headline that are not in the article; where the source gives
only passages of the article, the lines that its passages known not to be the article's
make up (and such a page has no reader copy). For each copy the manifest also says
whether the page shows the headline, the author and the date in that text at all.

Written to ``--out`` (outside the repository: nothing from those checkouts is committed):
``ID.VARIANT.txt``, ``html/ID.html`` and ``manifest.jsonl`` (one JSON object per copy:
``id``, ``variant``, ``part`` (``dev``/``test`` by the project's one split rule),
``origin``, ``file``, ``html``, ``answers``: the ``Answers``, with ``body_known``,
``anchors`` and ``not_body``, and what the copy shows). ``line_labels`` says which lines of a
copy are the article's, which are not and, on a page known only by passages, which are not
known (a fit must leave those out).
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import hashlib
import html as html_lib
import itertools
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

VARIANTS = ("w3m", "lynx", "reader")
CONTEXT_LINES = 12  # lines of the page kept around the article in the lynx copy
_SHORT_WORDS = 4  # a dump line this short is in the article only as a block's start or end


def part_of(page_id: str) -> str:
    """The project's one corpus split: a quarter of the ids are the test part."""
    return "test" if hashlib.sha256(page_id.encode()).hexdigest()[0] in "0123" else "dev"


_QUOTES = str.maketrans(dict.fromkeys("‘’‚", "'") | dict.fromkeys("“”„«»", '"')
                        | dict.fromkeys("–—‐", "-") | {"\u00a0": " "})  # fmt: skip
_BULLET = re.compile(r"^(?:[*•·+#>-]|\d{1,3}[.)]|\[\d+\])\s+")


def norm(text: str) -> str:
    """Text as compared: NFKC, typographic quotes and dashes plain, case folded, white space
    collapsed, a list bullet taken off."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _BULLET.sub("", " ".join(text.split()))


# ----------------------------------------------------------------------------- answers


@dataclass
class Answers:
    """What the page says about itself; None where it does not say."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    """The stated published date as YYYY-MM-DD (in the zone the page states it in)."""
    site: str | None = None
    section: str | None = None
    body: list[str] = field(default_factory=list)
    """The article's blocks (paragraphs, headings, list items), as text."""
    body_known: bool = True
    """Whether ``body`` is the whole article; where the source gives only passages of it
    (``anchors``) and passages known not to be in it (``not_body``), False."""
    anchors: list[str] = field(default_factory=list)
    """Passages the source says are in the article (the body's, when it is known)."""
    not_body: list[str] = field(default_factory=list)
    """Passages the source says are not in the article (menus, footers, comments)."""


def _json_ld(root: Any) -> Iterator[dict[str, Any]]:
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() and "://" not in value else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _stated_day(value: object) -> str | None:
    """YYYY-MM-DD of an ISO-like stated date, in the zone it is written in."""
    if not isinstance(value, str):
        return None
    found = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not found:
        return None
    try:
        return date(*map(int, found.groups())).isoformat()
    except ValueError:
        return None


def strip_site(title: str, site: str | None, host: str | None = None) -> str:
    """``title`` without a trailing `` | Site`` (or ``- Site``, ``· Site``, ``_Site``) naming
    the site or its host."""
    names = {norm(n) for n in (site, host) if n}
    names |= {n.removeprefix("www.").split(".")[0] for n in list(names) if "." in n}
    parts = re.split(r"\s+[|\-–—·:]\s+|_", title)
    while len(parts) > 1 and norm(parts[-1]) in names | {n.removeprefix("the ") for n in names}:
        title = title[: title.rfind(parts[-1])].rstrip(" |-–—·:_")
        parts.pop()
    return title.strip()


def _clean_byline(byline: str | None) -> str | None:
    if not byline:
        return None
    text = " ".join(byline.split())
    text = re.sub(r"^(?:by|von|par|por|door)\s+", "", text, flags=re.IGNORECASE)
    if re.search(r"\d", text) or len(text.split()) > 8 or not text:
        return None
    return text


def _parse(html: str) -> Any:
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(encoding="utf-8")
    return lxml_html.fromstring(html.encode("utf-8", "replace") or b"<p></p>", parser=parser)


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_CHARSET_TEXT = re.compile(r"""<meta[^>]+charset\s*=[^>]*>""", re.IGNORECASE)


def decode_page(raw: bytes) -> str:
    """A page's text, decoded by its BOM or its ``<meta charset>`` (else UTF-8), with the
    declaration made UTF-8 (as the copy on disk is written)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", "replace")
    else:
        found = _CHARSET.search(raw[:4096])
        try:
            text = raw.decode(found.group(1).decode() if found else "utf-8", "replace")
        except LookupError:
            text = raw.decode("utf-8", "replace")
    return _CHARSET_TEXT.sub('<meta charset="utf-8">', text)


def page_answers(
    html: str,
    expected: dict[str, Any] | None,
    body: list[str],
    stated: dict[str, str] | None = None,
) -> Answers:
    """The answers a page states: its metadata (and the test page's expected metadata);
    ``stated`` (title, author, date, site: another project's expected output for the page)
    wins over both where it gives a value (and its ``url`` names the host where the page
    does not)."""
    root = _parse(html)
    meta: dict[str, str] = {}
    for element in root.iterfind(".//meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        if key and element.get("content") and key.lower() not in meta:
            meta[key.lower()] = element.get("content").strip()
    ld_title = ld_date = ld_section = ld_site = None
    ld_authors: list[str] = []
    for item in _json_ld(root):
        ld_title = ld_title or (item.get("headline") if isinstance(item.get("headline"), str)
                                else None)  # fmt: skip
        ld_date = ld_date or _stated_day(item.get("datePublished"))
        section = item.get("articleSection")
        if isinstance(section, list):
            section = section[0] if section else None
        ld_section = ld_section or (section if isinstance(section, str) else None)
        ld_authors = ld_authors or _names(item.get("author"))
        publisher = _names(item.get("publisher"))
        ld_site = ld_site or (publisher[0] if publisher else None)
    expected = expected or {}
    site = expected.get("siteName") or meta.get("og:site_name") or ld_site
    stated = stated or {}
    links = [e.get("href") or "" for e in root.iterfind(".//link[@rel='canonical']")]
    canonical = meta.get("og:url") or next(filter(None, links), "") or stated.get("url") or ""
    host = re.sub(r"^https?://(?:www\.)?([^/]+).*", r"\1", canonical) if canonical else None
    title = expected.get("title") or ld_title or meta.get("og:title")
    if not title:
        title_element = root.find(".//title")
        title = title_element.text_content() if title_element is not None else None
    itemprop_dates = [e.get("datetime") or e.get("content")
                      for e in root.iterfind(".//*[@itemprop='datePublished']")]  # fmt: skip
    day = (ld_date or _stated_day(meta.get("article:published_time"))
           or _stated_day(expected.get("publishedTime"))
           or next(filter(None, map(_stated_day, itemprop_dates)), None))  # fmt: skip
    author = ", ".join(ld_authors) if ld_authors else None
    author = author or _clean_byline(meta.get("author") if "://" not in meta.get("author", "")
                                     else None)  # fmt: skip
    author = author or _clean_byline(expected.get("byline"))
    section = meta.get("article:section") or ld_section
    title = stated.get("title") or title
    author = " ".join((stated.get("author") or "").split()) or author
    day = _stated_day(stated.get("date")) or day
    site = stated.get("site") or site
    if title:
        title = _visible_title(strip_site(" ".join(title.split()), site, host), root)
    return Answers(
        title=title,
        author=author,
        date=day,
        site=" ".join(site.split()) if site else None,
        section=" ".join(section.split()) if section else None,
        body=body,
    )


def _visible_title(title: str, root: Any) -> str:
    """The page's ``<h1>`` where it is the stated title without a site's or a series' part
    (``Chapter 1 - Conversations with a Cryptid - Author``), else the stated title."""
    words = _words(title)
    for h1 in root.iterfind(".//h1"):
        text = " ".join(h1.text_content().split())
        shown = _words(text)
        if shown and shown != words and 2 * len(shown) >= len(words) and _contains(words, shown):
            return text
    return title


_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd",
               "figcaption", "td", "th")  # fmt: skip


def html_blocks(html: str) -> list[str]:
    """The text of an article's HTML, one string per block (innermost block elements)."""
    root = _parse(html)
    blocks: list[str] = []
    for element in root.iter(*_BLOCK_TAGS):
        if any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(("• " if element.tag == "li" else "") + text)
    if not blocks:
        text = " ".join(root.text_content().split())
        blocks = [text] if text else []
    return blocks


# ----------------------------------------------------------------------------- the copies


_TOKEN = re.compile(r"\w+")


class Article:
    """An article's text, ready for asking whether a line of a dump is part of it."""

    def __init__(self, blocks: Sequence[str], title: str | None = None) -> None:
        self.blocks = [tuple(_TOKEN.findall(norm(b))) for b in blocks]
        self.pairs = {pair for b in self.blocks for pair in itertools.pairwise(b)}
        self.title = tuple(_TOKEN.findall(norm(title or "")))

    def has(self, line: str) -> bool:
        """Whether a line of a dump is part of the article: most of its word pairs are the
        article's (renderers differ in a superscript, a quote or a code line), or, when
        short, it is the start or end of one of its blocks (where a wrapped paragraph's
        first or last line falls)."""
        words = tuple(_TOKEN.findall(norm(line)))
        if not words:
            return True
        if len(words) >= _SHORT_WORDS:
            pairs = list(itertools.pairwise(words))
            return sum(pair in self.pairs for pair in pairs) >= 0.6 * len(pairs)
        n = len(words)
        return any(b[:n] == words or b[-n:] == words for b in self.blocks)

    def is_title(self, line: str) -> bool:
        words = tuple(_TOKEN.findall(norm(line)))
        return bool(words) and _contains(self.title, words)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def locate(lines: Sequence[str], answers: Answers) -> tuple[int | None, int | None, int | None]:
    """(headline line, first article line, last article line) in a dump, each None when
    the dump does not show it. The headline is the last line showing the title at or before
    the article's first line (the title's opening, as a wrapped headline shows it)."""
    normed = [norm(line) for line in lines]
    if answers.body_known:
        article = Article(answers.body)
        long_ones = [i for i, n in enumerate(normed)
                     if len(n.split()) >= 6 and article.has(n)]  # fmt: skip
    else:  # the article's passages the source gives (of a few words: a menu's are shorter)
        found = Passages(lines)
        spans = [found.first(p) for p in answers.anchors if len(_words(p)) >= _SHORT_WORDS - 1]
        long_ones = sorted({i for span in spans if span for i in (span[0], span[-1])})
    first = long_ones[0] if long_ones else None
    last = long_ones[-1] if long_ones else None
    headline = None
    title = _words(answers.title or "")
    limit = first if first is not None else len(lines) - 1
    for i in range(limit, -1, -1) if title else ():
        words = _words(normed[i])
        if not words or title[: len(words)] != words[: len(title)]:
            continue
        for following in normed[i + 1 : i + 3]:  # a wrapped headline goes on below
            if len(words) >= len(title) or not following:
                break
            words += _words(following)
        if words[: len(title)] == title:
            headline = i
            break
    return headline, first, last


def _words(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(norm(text)))


def junk_lines(lines: Sequence[str], answers: Answers, headline: int | None) -> list[str]:
    """The lines of a copy after its headline that are not in the article (and not the
    headline again), as written."""
    start = headline + 1 if headline is not None else 0
    if not answers.body_known:
        return _known_junk(lines, answers, start)
    article = Article(answers.body, answers.title)
    junk = []
    for line in lines[start:]:
        if not _has_letters(line) or article.has(line) or article.is_title(line):
            continue
        junk.append(line.strip())
    return junk


class Passages:
    """Where passages (a few words to a paragraph, as another project's test gives them)
    are in a dump: the lines each occurrence spans, wrapped or not."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.tokens: list[str] = []
        self.line_of: list[int] = []  # the line of each token
        for i, line in enumerate(lines):
            found = _words(line)
            self.tokens.extend(found)
            self.line_of.extend([i] * len(found))
        self.text = " ".join(self.tokens)
        self.starts = list(itertools.accumulate((len(t) + 1 for t in self.tokens), initial=0))

    def occurrences(self, passage: str) -> list[range]:
        """The tokens of each occurrence of ``passage`` (whole words only)."""
        needle = " ".join(_words(passage))
        out: list[range] = []
        at = self.text.find(needle) if needle else -1
        while at >= 0:
            token = bisect.bisect_left(self.starts, at)
            end = token + needle.count(" ")
            if self.starts[token] == at and self.starts[end + 1] - 1 == at + len(needle):
                out.append(range(token, end + 1))
            at = self.text.find(needle, at + 1)
        return out

    def spans(self, passage: str) -> list[range]:
        """The lines of each occurrence of ``passage``."""
        return [range(self.line_of[o[0]], self.line_of[o[-1]] + 1)
                for o in self.occurrences(passage)]  # fmt: skip

    def first(self, passage: str) -> range | None:
        spans = self.spans(passage)
        return spans[0] if spans else None

    def covered(self, passage: str) -> Counter[int]:
        """Per line, how many of its words the occurrences of ``passage`` are."""
        return Counter(self.line_of[t] for o in self.occurrences(passage) for t in o)


def _known_junk_at(lines: Sequence[str], answers: Answers, start: int) -> list[int]:
    """The lines from ``start`` that passages known not to be in the article make up (at
    least half of their words), where the source gives no whole article; a line holding a
    passage of the article is none."""
    found = Passages(lines)
    covered: Counter[int] = Counter()
    for passage in answers.not_body:
        covered.update(found.covered(passage))
    article = {i for passage in answers.anchors for span in found.spans(passage) for i in span}
    return [
        i
        for i in sorted(covered)
        if i >= start and i not in article and 2 * covered[i] >= len(_words(lines[i]))
    ]


def _known_junk(lines: Sequence[str], answers: Answers, start: int) -> list[str]:
    return [lines[i].strip() for i in _known_junk_at(lines, answers, start)]


def line_labels(lines: Sequence[str], answers: Answers) -> list[bool | None]:
    """Per line of a copy: True where it is the article's (or its headline), False where it
    is not, None where the source does not say (a page known only by passages: the lines
    neither a passage of the article nor junk by ``junk_lines``)."""
    if answers.body_known:
        article = Article(answers.body, answers.title)
        return [article.has(line) or article.is_title(line) for line in lines]
    found = Passages(lines)
    inside = {i for passage in answers.anchors for span in found.spans(passage) for i in span}
    headline, _, _ = locate(lines, answers)
    if headline is not None:
        inside.add(headline)
    start = headline + 1 if headline is not None else 0
    junk = set(_known_junk_at(lines, answers, start))
    return [True if i in inside else False if i in junk else None for i in range(len(lines))]


_MONTHS = {
    1: "jan janv januar januari enero ene gen",
    2: "feb fév févr februar februari febrero",
    3: "mar mär märz mars maart marzo mrt",
    4: "apr avr avril april abril",
    5: "may mai mei mayo",
    6: "jun juin juni junio",
    7: "jul juil juillet juli julio",
    8: "aug août augustus agosto ago",
    9: "sep sept septembre september septiembre",
    10: "oct okt octobre oktober octubre",
    11: "nov novembre november noviembre",
    12: "dec dez déc décembre dezember december diciembre dic",
}


def date_shown(lines: Iterable[str], day: str | None) -> bool:
    """Whether any line shows the date (numeric, or day, month name and year together)."""
    if not day:
        return False
    when = date.fromisoformat(day)
    year, month, dd = str(when.year), when.month, when.day
    numeric = {when.isoformat(), f"{dd:02}.{month:02}.{year}", f"{dd}.{month}.{year}",
               f"{month:02}/{dd:02}/{year}", f"{month}/{dd}/{year}", f"{dd:02}/{month:02}/{year}",
               f"{dd}/{month}/{year}", f"{year}/{month:02}/{dd:02}"}  # fmt: skip
    names = _MONTHS[month].split()
    for line in lines:
        if year not in line:
            continue
        if any(form in line for form in numeric):
            return True
        words = re.findall(r"[^\W\d_]+|\d+", line.casefold())
        if str(dd) in {w.lstrip("0") for w in words if w.isdigit()} and any(
            w[:3] == name[:3] and (w.startswith(name) or name.startswith(w))
            for w in words
            for name in names
            if not w.isdigit()
        ):
            return True
    return False


def section_shown(
    lines: Iterable[str],
    section: str | None,
    body: Sequence[str],
    title: str | None = None,
    site: str | None = None,
) -> bool:
    """Whether the copy shows the section as a section: on a line outside the article's text
    that is neither the headline nor the site's name, as a whole part of it (a kicker, a
    breadcrumb's or a title suffix's part, a menu item: ``Home > Weather``, ``* Weather``). A
    section named only in sentences, in a phrase (``Higher education``, ``Jane Doe Education
    editor``), an image's or a link's name (``world-europe-50473792``) or as a word of the
    headline is not shown: no reader of the text could tell it is the section (a reader view
    shows none)."""
    others = {norm(t) for t in (title, site) if t}
    return _shown_outside(lines, section, body, others, whole=True)


def site_shown(lines: Iterable[str], site: str | None, body: Sequence[str]) -> bool:
    """Whether the copy shows the site's name as the site's: its words on a line outside the
    article's text (a masthead, a menu, a copyright line, a credit, a domain), given as a name.
    A name only in sentences (``told Newsweek``, ``a reporter for NBC News``, the article's or
    a teaser's, see ``_shown_outside``) or only as part of a word (``Vox`` in ``Voxel``) is
    not shown: no reader of the text could tell it is the site's. The same rule as
    ``section_shown``, for every column."""
    return _shown_outside(lines, site, body, set())


# What parts a line's names stand between: "Photo by Jane Doe / The Verge", "Mac & i > News",
# "Olena Shmahalo/Quanta Magazine", "PolitiFact, "Title"", "Title | Section | Site".
_LINE_PARTS = re.compile(r"\s*(?:[|>»›·•©:,;()\[\]]|(?<=\w)/(?=\w)|\s[/–—-]\s)\s*")
_RUNNING_WIDTH = 60  # characters: the lines of a paragraph a renderer wrapped are this long
_SENTENCE_END = re.compile(r"\w[.!?…][\"'”’)]*$")


def _in_running_text(lines: Sequence[str], index: int) -> bool:
    """Whether a line is a sentence's: a line of a paragraph the renderer wrapped (as long as
    wrapped lines are, and the paragraph goes on on the next line), or a paragraph on one line
    (a reader copy's); never a list item or a link of lynx's head (``#Site » Feed``)."""
    text = lines[index].strip()
    if _BULLET.match(text) or text.startswith("#"):
        return False
    if len(text) >= 2 * _RUNNING_WIDTH:
        return True
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if len(text) >= _RUNNING_WIDTH and bool(after) and not _BULLET.match(after):
        return True
    # The last line of a paragraph the renderer wrapped: a wrapped line above it, a sentence's
    # end at its own ("... a trademark of the Wikimedia Foundation, Inc., a non-profit.").
    before = lines[index - 1].strip() if index > 0 else ""
    return (
        len(before) >= _RUNNING_WIDTH
        and not _BULLET.match(before)
        and _SENTENCE_END.search(text) is not None
    )


def _as_name(line: str, words: tuple[str, ...]) -> bool:
    """Whether ``words`` are one of a line's parts, whole (``* CNET``, ``Photo by James
    Martin/CNET``, ``© ScienceAlert Pty Ltd.`` is not: the name has more words there)."""
    return any(tuple(_TOKEN.findall(norm(p))) == words for p in _LINE_PARTS.split(line))


# A link: its host, then its path, query and fragment ("https://www.site.com/news/x.html").
_URL = re.compile(r"\b(?:https?://|www\.)(?:www\.)?([^/\s?#\])]+)[^\s\])]*")


def _shown_outside(
    lines: Iterable[str],
    answer: str | None,
    body: Sequence[str],
    others: set[str],
    *,
    whole: bool = False,
) -> bool:
    """Whether the answer's words are on a line that is not in the article nor one of
    ``others`` (normalised), given as a name: one of the line's parts, whole, or (unless
    ``whole``) on a line that is no sentence's (``_in_running_text``: a sentence outside the
    article, a teaser's or a comment's, where the article is known only by passages, names it
    as prose does). A link shows only its host's name (``phys.org`` in
    ``https://phys.org/news/...``), not the words of its path or query."""
    words = tuple(_TOKEN.findall(norm(_URL.sub(r"\1", answer or ""))))
    if not words:
        return False
    article = Article(body)
    copy = list(lines)
    for index, line in enumerate(copy):
        shown = _URL.sub(r"\1", line)  # a link shows its host, not the words of its path
        found = tuple(_TOKEN.findall(norm(shown)))
        if (
            _contains(found, words)
            and norm(line) not in others
            and not article.has(line)
            and (_as_name(shown, words) or not (whole or _in_running_text(copy, index)))
        ):
            return True
    return False


NAME_JOIN = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\ben\b)\s*", re.IGNORECASE)


def names(text: str) -> set[str]:
    """The names in an author answer (``Jane Doe, Tom Hale``), as compared."""
    return {" ".join(_TOKEN.findall(norm(p))) for p in NAME_JOIN.split(text) if _TOKEN.search(p)}


def names_shown(text: str, author: str | None) -> bool:
    """Whether the copy shows every name of the author answer."""
    words = " ".join(_TOKEN.findall(norm(text)))
    return bool(author) and all(f" {name} " in f" {words} " for name in names(author or ""))


def cut(lines: Sequence[str], answers: Answers) -> list[str]:
    """The lynx copy's cut: the article's surroundings, CONTEXT_LINES either side."""
    headline, first, last = locate(lines, answers)
    start = headline if headline is not None else first
    if start is None or last is None:
        return list(lines)
    return list(lines[max(0, start - CONTEXT_LINES) : last + CONTEXT_LINES + 1])


def reader_copy(answers: Answers, language: str | None) -> str:
    """The visible article as a reader view shows it: site, headline, byline, date, reading
    time, then the article's blocks."""
    head = [answers.site] if answers.site else []
    head.append(answers.title or "")
    meta = []
    if answers.author:
        meta.append(f"By {answers.author}")
    if answers.date:
        when = date.fromisoformat(answers.date)
        english = language is None or language.lower().startswith("en")
        meta.append(f"{when:%B} {when.day}, {when.year}" if english else when.isoformat())
    words = sum(len(b.split()) for b in answers.body)
    meta.append(f"{max(1, words // 250)}–{max(2, words // 200)} minutes")
    return "\n\n".join(["\n".join(head), "\n".join(meta), *answers.body]) + "\n"


# ----------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class Page:
    """A test page of another project: its HTML and what that project expects of it."""

    id: str
    """Unique across sources: the page's name in its source, prefixed with the source's
    (``trafilatura/lemire.me.json``) except for the first two sources' (``ars-1``)."""
    origin: str
    html: str
    expected: dict[str, Any] | None
    body: list[str]
    """The whole article's blocks; empty where the source gives only passages."""
    stated: dict[str, str] | None = None
    """The source's expected title, author, date, site (they win over the metadata)."""
    anchors: list[str] = field(default_factory=list)
    not_body: list[str] = field(default_factory=list)


def readability_pages(checkout: Path) -> Iterator[Page]:
    for folder in sorted((checkout / "test" / "test-pages").iterdir()):
        source, article = folder / "source.html", folder / "expected.html"
        if not (source.exists() and article.exists()):
            continue
        meta = folder / "expected-metadata.json"
        expected = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else None
        body = html_blocks(article.read_text(encoding="utf-8", errors="replace"))
        yield Page(folder.name, "readability", decode_page(source.read_bytes()), expected, body)


def aeb_pages(checkout: Path) -> Iterator[Page]:
    truth = json.loads((checkout / "ground-truth.json").read_text(encoding="utf-8"))
    for path in sorted((checkout / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        if page_id not in truth:
            continue
        raw = gzip.decompress(path.read_bytes())
        body = [line.strip() for line in truth[page_id]["articleBody"].split("\n") if line.strip()]
        yield Page(page_id, "aeb", decode_page(raw), None, body)


def trafilatura_pages(checkout: Path) -> Iterator[Page]:
    """adbar/trafilatura's evaluation set: ``tests/evaldata.json`` (per page its file in
    ``tests/eval/`` or ``tests/cache/``, passages that must be in the extracted text
    (``with``) and must not (``without``, ``comments``), and the annotators' ``title``,
    ``author`` and ``date``). It gives no whole article: the body is unknown, the junk is
    the lines the passages that are not the article's make up."""
    tests = checkout / "tests"
    evaldata = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    seen: set[str] = set()
    for url, item in evaldata.items():
        name = item.get("file") or ""
        path = next((tests / d / name for d in ("eval", "cache") if (tests / d / name).is_file()),
                    None)  # fmt: skip
        if path is None or name in seen or not item.get("with"):
            continue
        seen.add(name)
        author = item.get("author")
        stated = {
            "url": url,
            "title": item.get("title") or "",
            "author": ", ".join(author) if isinstance(author, list) else author or "",
            "date": item.get("date") or "",
            "site": item.get("sitename") or "",
        }
        yield Page(
            f"trafilatura/{name.removesuffix('.html')}",
            "trafilatura",
            decode_page(path.read_bytes()),
            None,
            [],
            stated={k: v for k, v in stated.items() if v},
            anchors=list(item["with"]),
            not_body=[*item.get("without", []), *(item.get("comments") or [])],
        )


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def newspaper4k_pages(checkout: Path) -> Iterator[Page]:
    """AndyTheFactory/newspaper4k's test pages: ``tests/data/html/NAME.html`` with the
    article's text newspaper is expected to give (``txt/NAME.txt``: the whole article) and,
    for some, its expected ``metadata/NAME.json`` (of which the title and the date are taken,
    the date as the page's own metadata ranks it; its authors are not: they hold names of
    other articles' writers)."""
    data = checkout / "tests" / "data"
    for path in sorted((data / "html").glob("*.html")):
        text = data / "txt" / f"{path.stem}.txt"
        if not text.is_file():
            continue
        meta_path = data / "metadata" / f"{path.stem}.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        expected = {"title": meta.get("title") or None,
                    "publishedTime": meta.get("publish_date") or None}  # fmt: skip
        body = _paragraphs(text.read_text(encoding="utf-8", errors="replace"))
        url = meta.get("canonical_link") or meta.get("url") or ""
        yield Page(f"newspaper4k/{path.stem}", "newspaper4k", decode_page(path.read_bytes()),
                   {k: v for k, v in expected.items() if v}, body,
                   stated={"url": url} if url else None)  # fmt: skip


_MADE_UP_BYTES = 4096  # a test page this small was made up for a unit test: no real page


def goose3_pages(checkout: Path) -> Iterator[Page]:
    """goose3/goose3's content tests: ``tests/data/content/NAME.html`` with the beginning of
    the article goose is expected to give (``NAME.json``: ``expected.cleaned_text``, often a
    sentence or two): passages of the article, not the whole of it (no junk known); the
    answers are the page's metadata. The few pages made up for a unit test are left out."""
    for path in sorted((checkout / "tests" / "data" / "content").glob("*.html")):
        expected_path = path.with_suffix(".json")
        if not expected_path.is_file() or path.stat().st_size < _MADE_UP_BYTES:
            continue
        test = json.loads(expected_path.read_text(encoding="utf-8"))
        opening = _paragraphs((test.get("expected") or {}).get("cleaned_text") or "")
        if not opening or sum(len(p.split()) for p in opening) < _SHORT_WORDS:
            continue
        yield Page(f"goose3/{path.stem.removeprefix('test_')}", "goose3",
                   decode_page(path.read_bytes()), None, [],
                   stated={"url": test.get("url") or ""}, anchors=opening)  # fmt: skip


_JS_STRING = r"""(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.)*`)"""
_JS_FIELD = re.compile(
    rf"assert\.equal\(\s*(title|author|date_published|first13)\s*,\s*({_JS_STRING})\s*[,)]"
)
_JS_URL = re.compile(rf"\burl\s*=\s*({_JS_STRING})\s*;")
_JS_FIXTURE = re.compile(r"readFileSync\(\s*['\"`]\./(fixtures/[^'\"`]+)['\"`]")


def _js_literal(literal: str) -> str:
    """A JavaScript string literal's text (its escapes and HTML entities resolved)."""
    text = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), literal[1:-1])
    return html_lib.unescape(text)


def _postlight_cases(source: str) -> Iterator[tuple[str, dict[str, str]]]:
    """(fixture, {field: expected value, "url": the page's URL}) per page a test reads."""
    fixtures = list(_JS_FIXTURE.finditer(source))
    for n, fixture in enumerate(fixtures):
        end = fixtures[n + 1].start() if n + 1 < len(fixtures) else len(source)
        found = {m[1]: _js_literal(m[2]) for m in _JS_FIELD.finditer(source, fixture.end(), end)}
        urls = _JS_URL.findall(source, 0, fixture.start())
        if urls:
            found["url"] = _js_literal(urls[-1])
        yield fixture.group(1), found


def postlight_pages(checkout: Path) -> Iterator[Page]:
    """postlight/parser's custom extractors' tests: each ``src/extractors/custom/SITE/
    index.test.js`` reads a page of ``fixtures/`` and expects its ``title``, ``author`` and
    ``date_published`` (an instant in UTC, ranked as the page's ``publishedTime``: the page's
    own metadata states its day in its zone) and the content's first 13 words (a passage of
    the article: no whole article, no junk known)."""
    seen: set[str] = set()
    for test in sorted((checkout / "src" / "extractors" / "custom").glob("*/index.test.js")):
        for name, found in _postlight_cases(test.read_text(encoding="utf-8", errors="replace")):
            path = checkout / name
            if name in seen or not path.is_file() or not found.get("first13"):
                continue
            seen.add(name)
            stated = {k: found[k] for k in ("url", "title", "author") if found.get(k)}
            when = found.get("date_published")
            yield Page(
                "postlight/" + name.removeprefix("fixtures/").removesuffix(".html"),
                "postlight",
                decode_page(path.read_bytes()),
                {"publishedTime": when} if when else None,
                [],
                stated=stated,
                anchors=[found["first13"]],
            )


SOURCES: dict[str, tuple[Callable[[Path], Iterator[Page]], str]] = {
    "readability": (readability_pages, "mozilla/readability"),
    "aeb": (aeb_pages, "scrapinghub/article-extraction-benchmark"),
    "trafilatura": (trafilatura_pages, "adbar/trafilatura"),
    "newspaper4k": (newspaper4k_pages, "AndyTheFactory/newspaper4k"),
    "goose3": (goose3_pages, "goose3/goose3"),
    "postlight": (postlight_pages, "postlight/parser"),
}
"""The sources, by their command-line option: the pages' reader and the repository."""


def render(program: str, html_path: Path) -> str:
    commands = {
        "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", str(html_path)],
        "lynx": [
            "lynx",
            "-dump",
            "-nolist",
            "-assume_charset=UTF-8",
            "-display_charset=UTF-8",
            str(html_path),
        ],
    }
    done = subprocess.run(commands[program], capture_output=True, timeout=120, check=False)
    return done.stdout.decode("utf-8", "replace")


def _language(html: str, expected: dict[str, Any] | None) -> str | None:
    if expected and expected.get("lang"):
        return str(expected["lang"])
    found = re.search(r"<html[^>]*\blang=[\"']?([\w-]+)", html, re.IGNORECASE)
    return found.group(1) if found else None


def build(pages: Iterable[Page], out: Path, renderer: Callable[[str, Path], str] = render) -> int:
    """Write every page's copies and the manifest; the number of copies written."""
    (out / "html").mkdir(parents=True, exist_ok=True)
    count = 0
    seen: set[str] = set()  # one page kept once (two sources, or two tests, of one file)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for page in pages:
            digest = hashlib.sha256(page.html.encode()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            html_path = out / "html" / f"{page.id}.html"
            html_path.parent.mkdir(parents=True, exist_ok=True)
            html_path.write_text(page.html, encoding="utf-8")
            answers = page_answers(page.html, page.expected, page.body, page.stated)
            answers.body_known = bool(page.body)
            answers.anchors = page.anchors
            answers.not_body = page.not_body
            if not (answers.body or answers.anchors):
                continue
            language = _language(page.html, page.expected)
            copies = {
                "w3m": renderer("w3m", html_path),
                "lynx": "\n".join(cut(renderer("lynx", html_path).splitlines(), answers)) + "\n",
            }
            if answers.body_known:  # a reader view's copy is the article: only where known
                copies["reader"] = reader_copy(answers, language)
            for variant, text in copies.items():
                if not _has_letters(text):  # the renderer gave nothing (lynx, on a few pages)
                    continue
                lines = text.splitlines()
                headline, _, _ = locate(lines, answers)
                name = f"{page.id}.{variant}.txt"
                (out / name).parent.mkdir(parents=True, exist_ok=True)
                (out / name).write_text(text, encoding="utf-8")
                row = {
                    "id": page.id,
                    "variant": variant,
                    "part": part_of(page.id),
                    "origin": page.origin,
                    "language": language,
                    "file": name,
                    "html": f"html/{page.id}.html",
                    "answers": {
                        **asdict(answers),
                        "title_shown": headline is not None,
                        "author_shown": names_shown(text, answers.author),
                        "date_shown": date_shown(lines, answers.date),
                        "section_shown": section_shown(
                            lines, answers.section, answers.body, answers.title, answers.site
                        ),
                        "site_shown": site_shown(lines, answers.site, answers.body),
                        "headline_line": headline,
                        "junk": junk_lines(lines, answers, headline),
                    },
                }
                manifest.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
    return count


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="the corpus folder to write")
    for name, (_, what) in SOURCES.items():
        parser.add_argument(f"--{name}", type=Path, metavar="CHECKOUT", help=f"a {what} checkout")
    args = parser.parse_args(argv)
    chosen = [(name, getattr(args, name)) for name in SOURCES if getattr(args, name)]
    if not chosen:
        parser.error(f"give at least one checkout ({', '.join('--' + n for n in SOURCES)})")
    root = Path(__file__).resolve().parent.parent
    if args.out.resolve().is_relative_to(root):
        parser.error("--out must be outside the repository (the pages may not be committed)")
    sources = [SOURCES[name][0](checkout) for name, checkout in chosen]
    started = datetime.now()
    count = build((page for source in sources for page in source), args.out)
    seconds = (datetime.now() - started).total_seconds()
    print(f"wrote {count} copies to {args.out} in {seconds:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
