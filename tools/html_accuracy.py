"""How well feedpub reads HTML pages, field by field, next to trafilatura on the same pages.

    .venv/bin/python tools/html_accuracy.py READABILITY_CHECKOUT \
        [--aeb ARTICLE_EXTRACTION_BENCHMARK_CHECKOUT] [--htmldate HTMLDATE_CHECKOUT] [--misses]

READABILITY_CHECKOUT is a checkout of mozilla/readability: its ``test/test-pages/*/`` hold a
page (``source.html``), the article readability finds in it (``expected.html``) and the
page's own metadata (``expected-metadata.json``: title, byline, siteName, publishedTime,
lang). Every page goes through feedpub's reader and normaliser as a build reads it
(``inspect_document`` on the decoded page, with a first-seen time so a page without a date
is not rejected for that) and through trafilatura (``bare_extraction`` with its metadata,
comments left out); the table gives, for the development and the test part of the one split
(``sha256(id)[0] in "0123"`` is the test part), the share of pages each gets right:

- title: the expected title exactly (white space squashed), or with the site's name off
  (the part after the title's last separator, or before its first, of six words at most);
- author: of the pages that name one, the expected byline (a leading ``By`` and anything
  after its first line off, case ignored), or a name of two words or more it starts with;
- date: of the pages that state one, the same calendar day (in the stated offset or UTC);
- site: of the pages that name one, the site name, case ignored;
- language: of the pages that state one, the primary language subtag;
- body F1: the mean over the pages of the F1 of the body's word tokens (lowercased) against
  those of the expected article, a rejected page counting 0;
- rejected: pages feedpub refuses (a ``DocumentError``) or trafilatura returns nothing for.

``--aeb`` adds scrapinghub's article-extraction-benchmark (``html/*.html.gz`` and
``ground-truth.json``: body F1 against ``articleBody``); ``--htmldate`` adds htmldate's
evaluation pages (``tests/eval_default.json`` with the files in ``tests/eval`` and
``tests/cache``, ``tests/eval_mediacloud_2020.json`` with ``tests/test_set``: date against
the publication date), with htmldate's own ``find_date`` (extensive search, original date)
beside feedpub. These are check sets: nobody tunes on them.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feedpub.documents import decode  # noqa: E402
from feedpub.errors import DocumentError  # noqa: E402
from feedpub.model import Document  # noqa: E402
from feedpub.normalise import inspect_document  # noqa: E402

# A first-seen time far from any page's date: a page stating none is published then, and
# scored as having no date.
FIRST_SEEN = datetime(1971, 1, 1, tzinfo=UTC)

# ---------------------------------------------------------------------------- scoring (pure)


def in_test_part(page_id: str) -> bool:
    """The one corpus split: a quarter of the pages, by the hash of their id."""
    return hashlib.sha256(page_id.encode()).hexdigest()[0] in "0123"


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


_WORD = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """The word tokens of a text, lowercased, with their counts."""
    return Counter(_WORD.findall(text.lower()))


def token_f1(expected: str, found: str) -> float:
    """F1 of ``found``'s word tokens against ``expected``'s (a bag of words: repeats count)."""
    want, got = tokens(expected), tokens(found)
    if not want and not got:
        return 1.0
    common = sum((want & got).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, block elements apart."""
    if not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter():
        if element.tag in ("p", "li", "h1", "h2", "h3", "h4", "blockquote", "br", "div", "td"):
            element.tail = " " + (element.tail or "")
    return str(root.text_content())


# What parts a title's site name from the title: "Title | Site", "Title - Site", "Site: Title".
_TITLE_PARTS = re.compile(r"\s+[|\-–—·•»›~/_]\s+|\s*[|·•»›_]\s*|:\s+")
_SITE_PART_WORDS = 6


def titles_site_off(title: str) -> set[str]:
    """A title as it is and without the site's name: the part after its last separator or
    before its first, when that part is at most six words."""
    title = squash(title)
    variants = {title}
    parts = list(_TITLE_PARTS.finditer(title))
    if parts:
        last, first = parts[-1], parts[0]
        if len(title[last.end() :].split()) <= _SITE_PART_WORDS:
            variants.add(title[: last.start()].strip())
        if len(title[: first.start()].split()) <= _SITE_PART_WORDS:
            variants.add(title[first.end() :].strip())
    return {v for v in variants if v}


def title_right(expected: str | None, found: str | None) -> bool:
    """The expected title, or the expected title with the site's name off (readability's
    answers keep it: ``How to Build a Terrarium | eHow``)."""
    if not expected or not found:
        return False
    return squash(found) in titles_site_off(expected)


_BY = re.compile(r"^(?:by|von|par|por|door)\b\s*:?\s*", re.IGNORECASE)


def byline_name(byline: str) -> str:
    """An expected byline as a name: its first line, a leading ``By`` off, case folded."""
    first = _BY.sub("", byline.strip()).strip().split("\n")[0]
    return squash(first).casefold()


def author_right(expected: str | None, found: str | None) -> bool:
    if not expected or not found:
        return False
    want, got = byline_name(expected), squash(found).casefold()
    if want == got:
        return True
    # "Bradley M. Kuhn (http://...)", "Lucas Nolan22 Dec": the name, then something else.
    return len(got.split()) >= 2 and want.startswith(got) and not want[len(got)].isalpha()


def stated_day(value: str) -> set[date]:
    """The calendar days an ISO-like date string names: as written, and in UTC."""
    text = value.strip().replace(" ", "T", 1)
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)  # +0100 -> +01:00
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        match = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
        return {date(*map(int, match.groups()))} if match else set()
    days = {moment.date()}
    if moment.tzinfo is not None:
        days.add(moment.astimezone(UTC).date())
    return days


def date_right(expected: str | None, found: datetime | str | None) -> bool:
    if not expected or found is None:
        return False
    if isinstance(found, str):
        found_days = stated_day(found)
    else:
        found_days = {found.date(), found.astimezone(UTC).date()}
    return bool(stated_day(expected) & found_days)


def site_right(expected: str | None, found: str | None) -> bool:
    return (
        bool(expected and found)
        and squash(expected or "").casefold() == squash(found or "").casefold()
    )


def language_right(expected: str | None, found: str | None) -> bool:
    if not expected or not found:
        return False
    return expected.replace("_", "-").split("-")[0].lower() == found.split("-")[0].lower()


# ---------------------------------------------------------------------------- one reading


@dataclass(frozen=True)
class Reading:
    """What one extractor found on one page."""

    rejected: bool
    title: str | None = None
    author: str | None = None
    published: datetime | str | None = None
    site: str | None = None
    language: str | None = None
    body: str = ""
    reason: str = ""
    seconds: float = 0.0


def feedpub_reading(page_id: str, text: str) -> Reading:
    start = time.perf_counter()
    try:
        seen = inspect_document(
            Document(source=f"{page_id}.html", text=text), first_seen=FIRST_SEEN
        )
    except DocumentError as exc:
        return Reading(True, reason=str(exc), seconds=time.perf_counter() - start)
    seconds = time.perf_counter() - start
    entry = seen.entry
    published = None if entry.published == FIRST_SEEN else entry.published
    return Reading(
        False,
        entry.title,
        ", ".join(entry.authors) or None,
        published,
        entry.publisher,
        entry.language,
        html_text(entry.content_html),
        seconds=seconds,
    )


def trafilatura_reading(page_id: str, text: str) -> Reading:
    import trafilatura

    start = time.perf_counter()
    found = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    seconds = time.perf_counter() - start
    if found is None or not (found.text or "").strip():
        return Reading(True, reason="nothing extracted", seconds=seconds)
    return Reading(
        False,
        found.title,
        found.author,
        found.date,
        found.sitename,
        found.language,
        found.text or "",
        seconds=seconds,
    )


def htmldate_reading(page_id: str, text: str) -> Reading:
    import htmldate

    start = time.perf_counter()
    found = htmldate.find_date(text, extensive_search=True, original_date=True)
    return Reading(found is None, published=found, seconds=time.perf_counter() - start)


# ---------------------------------------------------------------------------- corpora


@dataclass(frozen=True)
class Page:
    id: str
    text: str
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    site: str | None = None
    language: str | None = None
    body: str | None = None


def readability_pages(checkout: Path) -> list[Page]:
    pages = []
    for folder in sorted((checkout / "test" / "test-pages").iterdir()):
        if not (folder / "source.html").exists():
            continue
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        pages.append(
            Page(
                folder.name,
                decode((folder / "source.html").read_bytes(), folder.name),
                meta.get("title"),
                meta.get("byline"),
                meta.get("publishedTime"),
                meta.get("siteName"),
                meta.get("lang"),
                html_text((folder / "expected.html").read_text(encoding="utf-8")),
            )
        )
    return pages


def aeb_pages(checkout: Path) -> list[Page]:
    truth = json.loads((checkout / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, answer in sorted(truth.items()):
        data = gzip.decompress((checkout / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(Page(page_id, decode(data, page_id), body=answer.get("articleBody", "")))
    return pages


def htmldate_pages(checkout: Path) -> list[Page]:
    tests = checkout / "tests"
    pages = []
    for listing, folders in (
        ("eval_default.json", ("eval", "cache")),
        ("eval_mediacloud_2020.json", ("test_set",)),
    ):
        answers = json.loads((tests / listing).read_text(encoding="utf-8"))
        for answer in answers.values():
            name = answer["file"]
            path = next((tests / f / name for f in folders if (tests / f / name).exists()), None)
            if path is None or not isinstance(answer.get("date"), str):
                continue
            try:
                text = decode(path.read_bytes(), name)
            except DocumentError:
                continue  # an empty or binary file in their cache: no page to read
            pages.append(Page(name, text, published=answer["date"]))
    return pages


# ---------------------------------------------------------------------------- scores


@dataclass
class Tally:
    """Right answers out of the pages that have an answer, per field."""

    right: Counter[str] = field(default_factory=Counter)
    asked: Counter[str] = field(default_factory=Counter)
    f1: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    pages: int = 0
    rejected: int = 0
    misses: list[str] = field(default_factory=list)

    def count(self, name: str, expected: object, right: bool, page: str, found: object) -> None:
        if expected is None or expected == "":
            return
        self.asked[name] += 1
        if right:
            self.right[name] += 1
        else:
            self.misses.append(f"{page}: {name}: expected {expected!r}, found {found!r}")

    def share(self, name: str) -> str:
        if name == "body":
            return f"{statistics.fmean(self.f1):.3f}" if self.f1 else "-"
        if name == "rejected":
            return f"{self.rejected}/{self.pages}"
        if name == "ms":
            return f"{1000 * statistics.median(self.seconds):.1f}" if self.seconds else "-"
        if not self.asked[name]:
            return "-"
        return f"{100 * self.right[name] / self.asked[name]:.1f}% of {self.asked[name]}"


FIELDS = ("title", "author", "date", "site", "language", "body", "rejected", "ms")


def score(pages: Iterable[Page], read: Callable[[str, str], Reading]) -> Tally:
    tally = Tally()
    for page in pages:
        reading = read(page.id, page.text)
        tally.pages += 1
        tally.seconds.append(reading.seconds)
        if reading.rejected:
            tally.rejected += 1
            tally.misses.append(f"{page.id}: rejected: {reading.reason}")
        tally.count("title", page.title, title_right(page.title, reading.title), page.id,
                    reading.title)  # fmt: skip
        tally.count("author", page.byline, author_right(page.byline, reading.author), page.id,
                    reading.author)  # fmt: skip
        tally.count("date", page.published, date_right(page.published, reading.published),
                    page.id, reading.published)  # fmt: skip
        tally.count("site", page.site, site_right(page.site, reading.site), page.id,
                    reading.site)  # fmt: skip
        tally.count("language", page.language, language_right(page.language, reading.language),
                    page.id, reading.language)  # fmt: skip
        if page.body is not None:
            f1 = token_f1(page.body, reading.body)
            tally.f1.append(f1)
            if f1 < 0.8:
                tally.misses.append(f"{page.id}: body F1 {f1:.2f}")
    return tally


def table(rows: Sequence[tuple[str, Tally, Tally]], fields: Sequence[str], other: str) -> str:
    head = "| set | pages | " + " | ".join(f"{f} (feedpub / {other})" for f in fields) + " |"
    lines = [head, "|" + "---|" * (len(fields) + 2)]
    for name, ours, theirs in rows:
        cells = [f"{ours.share(f)} / {theirs.share(f)}" for f in fields]
        lines.append(f"| {name} | {ours.pages} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("readability", type=Path, help="a checkout of mozilla/readability")
    parser.add_argument("--aeb", type=Path, help="a checkout of article-extraction-benchmark")
    parser.add_argument("--htmldate", type=Path, help="a checkout of adbar/htmldate")
    parser.add_argument("--misses", action="store_true", help="list feedpub's misses")
    args = parser.parse_args(argv)

    def report(title: str, pages: list[Page], fields: Sequence[str], other: str,
               theirs: Callable[[str, str], Reading]) -> None:  # fmt: skip
        rows = []
        for part, chosen in (
            ("development", [p for p in pages if not in_test_part(p.id)]),
            ("test", [p for p in pages if in_test_part(p.id)]),
        ):
            ours = score(chosen, feedpub_reading)
            rows.append((part, ours, score(chosen, theirs)))
            if args.misses:
                print(f"## feedpub's misses, {title}, {part}")
                print("\n".join(ours.misses) + "\n")
        print(f"### {title}\n\n{table(rows, fields, other)}\n")

    report("readability test pages", readability_pages(args.readability), FIELDS,
           "trafilatura", trafilatura_reading)  # fmt: skip
    if args.aeb:
        report("article-extraction-benchmark", aeb_pages(args.aeb), ("body", "rejected", "ms"),
               "trafilatura", trafilatura_reading)  # fmt: skip
    if args.htmldate:
        report("htmldate evaluation pages", htmldate_pages(args.htmldate), ("date", "ms"),
               "htmldate", htmldate_reading)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
