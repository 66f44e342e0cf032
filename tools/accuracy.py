"""Measure the normaliser on the labelled documents in tests/data/ (per field).

    python tools/accuracy.py            # print the per-field accuracy table (Markdown)
    python tools/accuracy.py --check    # exit 1 unless docs/accuracy.md holds exactly that table
    python tools/accuracy.py --write    # put that table into docs/accuracy.md

Two sets: tests/data/docs/ (labels.toml), the set the normaliser was developed against, and
tests/data/holdout/ (holdout.toml), written afterwards and never tuned on. Each document is
normalised with the default zone Europe/Brussels and its labelled file time; every field is
compared with its label.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dateutil import tz

from feedpub.documents import read_document
from feedpub.errors import DocumentError
from feedpub.model import Document, Entry
from feedpub.normalise import normalise

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
# The page that shows the table, between TABLE_START and TABLE_END.
TABLE_PAGE = ROOT / "docs" / "accuracy.md"
ZONE = tz.gettz("Europe/Brussels")
FIELDS = ("title", "published", "updated", "author", "publisher", "section", "language",
          "link", "summary", "body")  # fmt: skip
TABLE_START = "<!-- accuracy table: made by tools/accuracy.py -->"
TABLE_END = "<!-- end of accuracy table -->"


@dataclass(frozen=True)
class Check:
    document: str
    field: str
    expected: object
    got: object

    @property
    def ok(self) -> bool:
        return self.expected == self.got


# How a label joins the names of several authors besides a comma: "Ana Ruiz and Tom Lee".
_JOINER = re.compile(r"\s+(?:and|und|et|y|en|&)\s+")

SETS = {"developed on": ("docs", "labels.toml"), "held out": ("holdout", "holdout.toml")}


def labels(labels_file: str = "labels.toml") -> dict[str, dict[str, object]]:
    with (DATA / labels_file).open("rb") as fh:
        return tomllib.load(fh)


def load(name: str, label: dict[str, object], folder: str = "docs") -> Document:
    [path] = (DATA / folder).glob(f"{name}.*")
    document = read_document(path, DATA / folder)
    modified = label.get("modified")
    return Document(
        document.source,
        document.text,
        datetime.fromisoformat(str(modified)) if modified else None,
        document.path,
    )


def _field(entry: Entry, name: str, label: dict[str, object]) -> tuple[object, object]:
    """(expected, got) for one field of one document."""
    if name == "body":
        has = [s for s in label.get("body_has", []) if s not in entry.content_html]  # type: ignore[attr-defined]
        lacks = [s for s in label.get("body_lacks", []) if s in entry.content_html]  # type: ignore[attr-defined]
        return [], [*(f"missing {s!r}" for s in has), *(f"kept {s!r}" for s in lacks)]
    if name == "summary":
        start = str(label["summary"])
        return start, entry.summary[: len(start)]
    if name in ("published", "updated"):
        expected = datetime.fromisoformat(str(label.get(name, label["published"])))
        return expected.isoformat(), getattr(entry, name).astimezone(expected.tzinfo).isoformat()
    if name == "author":  # several, as labelled: joined by commas ("and", "und" read as one)
        expected = label.get(name)
        if isinstance(expected, str):
            expected = _JOINER.sub(", ", expected)
        return expected, ", ".join(entry.authors) or None
    return label.get(name), getattr(entry, name)


def checks(which: str = "developed on") -> list[Check]:
    """Every (document, field) comparison of one labelled set."""
    folder, labels_file = SETS[which]
    results: list[Check] = []
    for name, label in labels(labels_file).items():
        try:
            entry = normalise(load(name, label, folder), zone=ZONE)  # type: ignore[arg-type]
        except DocumentError as exc:
            results.extend(Check(name, f, "an entry", str(exc)) for f in FIELDS)
            continue
        for field in FIELDS:
            expected, got = _field(entry, field, label)
            results.append(Check(name, field, expected, got))
    return results


def table(results: dict[str, list[Check]]) -> str:
    """The Markdown table: per field, correct/total and percentage for each set."""
    names = list(results)
    header = " | ".join(
        f"{name} ({len({c.document for c in results[name]})} documents)" for name in names
    )
    lines = [TABLE_START, f"| field | {header} |", "| --- |" + " ---: |" * len(names)]
    for field in FIELDS:
        cells = []
        for name in names:
            mine = [c for c in results[name] if c.field == field]
            right = sum(c.ok for c in mine)
            cells.append(f"{right}/{len(mine)} = {100 * right / len(mine):.0f}%")
        lines.append(f"| {field} | {' | '.join(cells)} |")
    lines.append(TABLE_END)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    results = {which: checks(which) for which in SETS}
    text = table(results)
    page = TABLE_PAGE.read_text(encoding="utf-8")
    if "--check" in argv:
        if text not in page:
            print(
                f"{TABLE_PAGE.relative_to(ROOT)}'s accuracy table is stale;"
                " run python tools/accuracy.py --write",
                file=sys.stderr,
            )
            return 1
        return 0
    if "--write" in argv:
        start, end = page.index(TABLE_START), page.index(TABLE_END) + len(TABLE_END)
        TABLE_PAGE.write_text(page[:start] + text + page[end:], encoding="utf-8")
    print(text)
    for check in (c for which in results.values() for c in which):
        if not check.ok:
            print(
                f"  {check.document} {check.field}: expected {check.expected!r}, got {check.got!r}",
                file=sys.stderr,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
