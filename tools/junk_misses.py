"""Which junk lines stay in the content, by kind and by where they stand (development part).

    python tools/junk_misses.py /work/corpus/text-v2 --variant lynx
    python tools/junk_misses.py /work/corpus/text-v2 --variant lynx --show 40

For every copy of the part (``--part``, dev unless told) whose junk lines the corpus knows
(``answers.junk``), feedpub's content is made as ``tools/text_accuracy.py`` makes it and each
junk line still in it is counted by its shape (a list item, a rendered link ``[text]``, a
caption with its credit, a short line, a sentence, other text) and by where it stands in the
copy: above the headline feedpub found, between it and the article's first line, inside the
article (between its first and last line), or after its last line; and by whether the
boilerplate scorer decided it (the text after the headline of a wrapped copy) or the rules
did (a reader view's copy) or it was never handed to either (above the headline). The
figures say which junk is worth a feature before one is built.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_junk import copy_blocks
from text_accuracy import FIRST_SEEN, html_blocks, load
from text_corpus import Answers, Article, locate, norm

from feedpub import Document, DocumentError, inspect_document
from feedpub.extract import boilerplate
from feedpub.extract.junk import BULLET, is_caption

_LINK = re.compile(r"^\s*(?:[*•+-]\s*)?\[[^\]]+\]")
_SENTENCE_END = (".", "!", "?", ".”", '."', "?”", "!”")


def shape(line: str) -> str:
    """What a junk line looks like."""
    words = len(line.split())
    if _LINK.match(line):
        return "rendered [link]"
    if BULLET.match(line):
        return "list item" if words <= 8 else "long list item"
    if is_caption(line):
        return "caption with credit"
    if words <= 4:
        return "short (<=4 words)"
    if line.rstrip().endswith(_SENTENCE_END):
        return "sentence"
    return "other text"


def where(at: int, headline: int | None, first: int | None, last: int | None) -> str:
    """Where line ``at`` of a copy stands against the headline found and the article."""
    if headline is not None and at <= headline:
        return "above the headline found"
    if first is None or last is None:
        return "article not shown"
    if at < first:
        return "headline..article"
    if at <= last:
        return "inside the article"
    return "after the article"


def _content(text: str, name: str) -> tuple[str, str | None]:
    try:
        inspection = inspect_document(Document(name, text), first_seen=FIRST_SEEN)
    except DocumentError:
        return "", None
    return "\n".join(html_blocks(inspection.entry.content_html)), inspection.entry.title


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--part", default="dev", choices=("dev", "test"))
    parser.add_argument("--variant", default="lynx")
    parser.add_argument("--origin")
    parser.add_argument("--show", type=int, default=0, help="print this many stayed lines")
    args = parser.parse_args(argv)
    if args.part == "test":
        print("the test part is for reporting only: tune on dev", file=sys.stderr)
    rows = [
        r
        for r in load(args.corpus)
        if r["part"] == args.part
        and r["variant"] == args.variant
        and (args.origin is None or r["origin"] == args.origin)
        and r["answers"]["junk"]
    ]
    stayed: Counter[tuple[str, str]] = Counter()
    total: Counter[str] = Counter()
    decided: Counter[str] = Counter()
    per_page: Counter[str] = Counter()
    shown: list[str] = []
    for row in rows:
        text = (args.corpus / row["file"]).read_text(encoding="utf-8")
        answers = row["answers"]
        content, _ = _content(text, row["file"])
        kept = Article(content.split("\n"))
        blocks, _ = copy_blocks(text, row["file"])
        scored = bool(blocks) and boilerplate.scored(blocks)
        lines = [line.strip() for line in text.split("\n")]
        known = Answers(title=answers["title"], body=answers["body"],
                        body_known=answers.get("body_known", True),
                        anchors=answers.get("anchors", []),
                        not_body=answers.get("not_body", []))  # fmt: skip
        _, first, last = locate(lines, known)
        handed = blocks[0].line - 1 if blocks else None  # the first line after the headline
        junk = {norm(j) for j in answers["junk"]}
        for at, line in enumerate(lines):
            if not line or norm(line) not in junk:
                continue
            headline = handed - 1 if handed is not None else None
            place = where(at, headline, first, last)
            kind = shape(line)
            total[place] += 1
            if kept.has(line):
                stayed[place, kind] += 1
                decided[
                    "scorer"
                    if scored and place != "above the headline found"
                    else "rules"
                    if place != "above the headline found"
                    else "neither"
                ] += 1
                per_page[row["file"]] += 1
                if len(shown) < args.show:
                    shown.append(f"{row['file']}:{at + 1} [{place}; {kind}] {line[:100]}")
    all_junk = sum(len(r["answers"]["junk"]) for r in rows)
    left = sum(stayed.values())
    share = 100 * left / (all_junk or 1)
    print(f"{len(rows)} copies, {all_junk} junk lines, {left} stay ({share:.1f}%)")
    print("\nstayed, by where they stand (of the junk lines there):")
    for place in total:
        n = sum(v for (p, _), v in stayed.items() if p == place)
        print(f"  {place:28s} {n:5d} of {total[place]:5d}")
    print("\nstayed, by where and shape:")
    for (place, kind), n in stayed.most_common():
        print(f"  {place:28s} {kind:22s} {n:5d}")
    print("\nwho decided them:", dict(decided))
    print("\npages holding the most:")
    for name, n in per_page.most_common(15):
        print(f"  {name:50s} {n:4d}")
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
