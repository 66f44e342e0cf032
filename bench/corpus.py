"""A seeded corpus of documents shaped like seeds/000_92fe2bc6f3a1f1dd.txt.

Each document has a date line (in one of several real-world forms), a publisher, a tagline,
the headline twice with a `` | Section`` suffix, body paragraphs, a subheading, repeated photo
captions with credits and a ``See also`` junk line. The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

PUBLISHERS = ["Taylor Daily Press", "The Morning Ledger", "Coastal Herald", "Metro Wire"]
SECTIONS = ["Ukraine and Russia war", "Economy", "Science", "Sport", "Culture"]
WORDS = [
    "government",
    "minister",
    "city",
    "river",
    "council",
    "market",
    "energy",
    "price",
    "school",
    "storm",
    "court",
    "election",
    "report",
    "hospital",
    "police",
    "museum",
    "bridge",
    "train",
    "festival",
    "research",
    "company",
    "workers",
    "union",
]
CREDITS = ["©AP", "© AFP", "©Reuters", "Photo: Reuters"]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _date_line(rng: random.Random, when: datetime) -> str:
    forms = [
        when.strftime("%B %d, %Y").replace(" 0", " "),
        when.strftime("%Y-%m-%dT%H:%M:%S+01:00"),
        when.strftime("%a, %d %b %Y %H:%M:%S +0000"),
        when.strftime("%d.%m.%Y"),
        when.strftime("%b %d, %Y %I:%M %p"),
    ]
    return rng.choice(forms)


@dataclass(frozen=True)
class Article:
    """One generated article, before it is written out as a document of some kind."""

    index: int
    when: datetime
    date_line: str
    publisher: str
    headline: str
    section: str
    body: tuple[str, ...]
    see_also: str
    caption: str
    credits: tuple[str, str]


def article(rng: random.Random, index: int) -> Article:
    when = datetime(2020, 1, 1) + timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
    headline = f"{_sentence(rng, rng.randint(6, 14))[:-1]} ({index})"
    section = rng.choice(SECTIONS)
    caption = _sentence(rng, 10)
    body = tuple(_sentence(rng, rng.randint(20, 60)) for _ in range(rng.randint(4, 9)))
    date_line = _date_line(rng, when)
    publisher = rng.choice(PUBLISHERS)
    see_also = _sentence(rng, 8)[:-1]
    credits = (rng.choice(CREDITS), rng.choice(CREDITS))
    return Article(index, when, date_line, publisher, headline, section, body, see_also,
                   caption, credits)  # fmt: skip


def text_document(item: Article) -> str:
    """The article as a scraped plain-text page, shaped like the seed."""
    parts = [
        item.date_line,
        item.publisher,
        "Complete News World",
        f"{item.headline} | {item.section}",
        f"{item.headline} | {item.section}",
        *item.body[:2],
        "See also  " + item.see_also,  # a linked headline, as in the seed
        "Military exercises",
        *item.body[2:],
        item.caption,
        f"{item.caption} {item.credits[0]}",
        item.caption,
        f"{item.caption} {item.credits[1]}",
    ]
    return "\n\n".join(parts) + "\n"


def document(rng: random.Random, index: int) -> str:
    return text_document(article(rng, index))


def articles(count: int, seed: int = 1) -> list[Article]:
    """The ``count`` articles ``write_corpus`` writes with the same ``seed``."""
    rng = random.Random(seed)
    return [article(rng, index) for index in range(count)]


def write_corpus(folder: Path, count: int, seed: int = 1) -> None:
    """Write ``count`` documents into ``folder`` (created), deterministically from ``seed``."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in articles(count, seed):
        (folder / f"{item.index:06d}.txt").write_text(text_document(item), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.folder, args.count, args.seed)


if __name__ == "__main__":
    main()
