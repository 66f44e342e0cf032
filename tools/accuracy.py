"""Measure the normaliser on the labelled documents in tests/data/ (per field).

    python tools/accuracy.py            # print the per-field accuracy table (Markdown)
    python tools/accuracy.py --check    # exit 1 unless README.md holds exactly that table

Each document in tests/data/docs/ is normalised with the default zone Europe/Brussels and its
labelled file time; every field is compared with tests/data/labels.toml.
"""

from __future__ import annotations

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


def labels() -> dict[str, dict[str, object]]:
    with (DATA / "labels.toml").open("rb") as fh:
        return tomllib.load(fh)


def load(name: str, label: dict[str, object]) -> Document:
    [path] = (DATA / "docs").glob(f"{name}.*")
    document = read_document(path, DATA / "docs")
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
    return label.get(name), getattr(entry, name)


def checks() -> list[Check]:
    """Every (document, field) comparison of the labelled set."""
    results: list[Check] = []
    for name, label in labels().items():
        try:
            entry = normalise(load(name, label), zone=ZONE)  # type: ignore[arg-type]
        except DocumentError as exc:
            results.extend(Check(name, f, "an entry", str(exc)) for f in FIELDS)
            continue
        for field in FIELDS:
            expected, got = _field(entry, field, label)
            results.append(Check(name, field, expected, got))
    return results


def table(results: list[Check]) -> str:
    documents = len({c.document for c in results})
    lines = [
        TABLE_START,
        f"| field | correct | of {documents} documents | accuracy |",
        "| --- | ---: | ---: | ---: |",
    ]
    for field in FIELDS:
        mine = [c for c in results if c.field == field]
        right = sum(c.ok for c in mine)
        lines.append(f"| {field} | {right} | {len(mine)} | {100 * right / len(mine):.0f}% |")
    lines.append(TABLE_END)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    results = checks()
    text = table(results)
    if "--check" in argv:
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        if text not in readme:
            print(
                "README.md's accuracy table is stale; run python tools/accuracy.py", file=sys.stderr
            )
            return 1
        return 0
    print(text)
    for check in results:
        if not check.ok:
            print(
                f"  {check.document} {check.field}: expected {check.expected!r}, got {check.got!r}",
                file=sys.stderr,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
