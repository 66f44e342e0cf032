"""The naive baseline: feedgen + dateutil used the obvious way, no caching, no cleaning."""

from __future__ import annotations

import sys
from pathlib import Path

from dateutil import parser as date_parser
from dateutil import tz
from feedgen.feed import FeedGenerator


def build(folder: Path, output: Path, max_entries: int = 50) -> None:
    zone = tz.gettz("Europe/Brussels")
    items = []
    for path in sorted(folder.glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        published = date_parser.parse(blocks[0], fuzzy=True)
        if published.tzinfo is None:
            published = published.replace(tzinfo=zone)
        title, _, section = blocks[3].rpartition(" | ")
        items.append((published, path.stem, title, section, blocks[5:]))
    items.sort(reverse=True)
    fg = FeedGenerator()
    fg.id("urn:naive")
    fg.title("naive")
    fg.author({"name": "naive"})
    fg.link(href="https://example.org/", rel="alternate")
    fg.description("naive")
    for published, key, title, section, body in items[:max_entries]:
        fe = fg.add_entry()
        fe.id(f"urn:naive:{key}")
        fe.title(title)
        fe.published(published)
        fe.updated(published)
        fe.category(term=section)
        fe.summary(body[0])
        fe.content("".join(f"<p>{p}</p>" for p in body), type="html")
    output.mkdir(parents=True, exist_ok=True)
    fg.atom_file(str(output / "atom.xml"))
    fg.rss_file(str(output / "rss.xml"))


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
