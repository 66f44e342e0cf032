"""Measure feedpub on the plain-text corpus that tools/text_corpus.py builds.

    python tools/text_accuracy.py /work/corpus/text            # the tables (Markdown)
    python tools/text_accuracy.py /work/corpus/text --misses title --variant lynx --part dev

Per part (dev, test) and per copy (w3m, lynx, reader), each field as feedpub gets it from
the text, beside baselines on the same copies (the first non-empty line as headline, the
``By ...`` line as author, every line kept as body) and trafilatura on the same pages' HTML
(the library reference; its figures do not depend on the copy, only which pages count).

A field counts only where the page states its answer and the copy shows it: ``headline``
(the same text, case, quotes and white space aside), ``date`` (the published day),
``author`` (the same names), ``section`` and ``publisher`` (the same text), ``summary``
(opens like one of the article's first paragraphs), ``fields`` (all of these together).
``body F1`` is the mean over copies of the word-level F1 of the content against the
article; ``junk removed`` the share of the copy's junk lines (its lines after the headline
that are not in the article) that are not in the content; ``rejected`` the copies feedpub
made no entry of. Where the source gives only passages of the article (trafilatura's
evaluation set, goose3's and postlight's tests: ``body_known`` false in the manifest), the
body F1 and the summary are not counted; ``passages kept`` is the share of those passages
the content holds (of those the copy shows), and the junk lines are the lines the passages
known not to be the article's make up (trafilatura's only). trafilatura's own evaluation
set is what its authors tune it on: its figures there flatter it.

    python tools/text_accuracy.py /work/corpus/text-v2 --compact --origin trafilatura
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_corpus import (
    NAME_JOIN,
    VARIANTS,
    Article,
    Passages,
    html_blocks,
    names,
    norm,
    section_shown,
    site_shown,
)

FIELDS = ("headline", "date", "author", "section", "publisher", "summary")
FIRST_SEEN = datetime(1999, 1, 1, tzinfo=UTC)  # a day no page states: a dateless copy's date
_TOKEN = re.compile(r"\w+")
_BY_LINE = re.compile(r"^\s*(?:by|von|par|por|door)\s+(\S.*)", re.IGNORECASE)


def first_call(owner: Any, attribute: str, text: str, name: str) -> dict[str, Any] | None:
    """The arguments, by name, of the first call of ``owner.attribute`` while
    ``inspect_document`` reads the copy ``text`` (what a real run hands that stage: the
    fitting tools fit on it), or None when the run made none."""
    from feedpub import Document, inspect_document

    return first_call_while(
        owner,
        attribute,
        lambda: inspect_document(Document(name, text), first_seen=FIRST_SEEN),
    )


def first_call_while(
    owner: Any, attribute: str, run: Callable[[], object]
) -> dict[str, Any] | None:
    """The arguments, by name, of the first call of ``owner.attribute`` while ``run``
    normalises a text (a document refused on the way is no error), or None when it made
    none."""
    from inspect import signature

    from feedpub import DocumentError

    real = getattr(owner, attribute)
    seen: list[dict[str, Any]] = []

    def record(*args: Any, **kwargs: Any) -> Any:
        bound = signature(real).bind(*args, **kwargs)
        bound.apply_defaults()
        seen.append(dict(bound.arguments))
        return real(*args, **kwargs)

    setattr(owner, attribute, record)
    try:
        run()
    except DocumentError:
        pass
    finally:
        setattr(owner, attribute, real)
    return seen[0] if seen else None


@dataclass(frozen=True)
class Got:
    """What one extractor found in one copy (None: it found nothing, or rejected it)."""

    headline: str | None = None
    date: str | None = None
    """The published day, YYYY-MM-DD, as written (and in UTC, after a slash)."""
    author: str | None = None
    section: str | None = None
    publisher: str | None = None
    summary: str | None = None
    body: str = ""
    rejected: bool = False
    notes: tuple[str, ...] = ()


# ----------------------------------------------------------------------------- comparing


def _tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(norm(text or ""))


def same_text(answer: str, got: str | None) -> bool:
    return bool(got) and _tokens(answer) == _tokens(got)


# An author answer is a byline as the page's metadata writes it: what introduces it ("By",
# "Analysis by"), a credit after it ("Edited by ..."), a role, a degree and an affiliation
# after its first name ("By TOM KRISHER, AP Auto Writer", "Rachael Link, MS, RD", "Troy L.
# Smith, Cleveland.com", "Amy Kuperinsky | NJ Advance Media for NJ.com") are not names.
_ANSWER_LEAD = re.compile(
    r"^\s*(?:(?i:(?:written|analysis|reported|posted|story)\s+)?(?i:by)\s+"
    # The words other languages sign with, before a capital (not "von der Leyen"), and the
    # labels a Chinese or Japanese byline opens with.
    r"|(?:[Vv]on|[Pp]ar|[Pp]or|[Dd]oor)\s+(?=[A-ZÀ-ÖØ-ÞĀ-Ž])"
    r"|(?:著者|作者|记者|記者|责任编辑|責任編集)\s*[：:]\s*)"
)
_ANSWER_CREDIT = re.compile(r"\s(?:\|\s|(?:edited|photos?|illustrations?|video)\s+by\s).*$", re.I)
_AFFILIATION_WORDS = frozenset(
    [
        "writer",
        "editor",
        "correspondent",
        "reporter",
        "columnist",
        "contributor",
        "staff",
        "press",
        "news",
        "newsroom",
        "media",
        "agency",
        "wire",
        "service",
        "times",
        "post",
        "journal",
        "magazine",
        "redaktion",
        "rédaction",
        "redacción",
        "redactie",
    ]
)


def _unlabelled(byline: str) -> str:
    """A byline without what introduces it and the credits after it."""
    return _ANSWER_CREDIT.sub("", _ANSWER_LEAD.sub("", byline))


def author_answer(answer: str, site: str | None = None) -> tuple[set[str], set[str]]:
    """(names an extractor must give, names it may give) of an author answer: the first
    name and the other people it names, then the roles, degrees and affiliations after the
    first name (a part of one word, one with a newsroom's or a role's word, a domain, one
    sharing a word with the page's site name), which it may give or leave off.

    The same rule for every column (feedpub, the baseline, trafilatura)."""
    text = _unlabelled(answer)
    site_words = set(_tokens(site)) if site else set()
    required: set[str] = set()
    optional: set[str] = set()
    for i, part in enumerate(p.strip() for p in NAME_JOIN.split(text)):
        words = _tokens(part)
        if not words:
            continue
        name = " ".join(words)
        raw = part.split()
        extra = i > 0 and (
            len(raw) == 1  # "MS", "RD", "Futurism"
            or any(w in _AFFILIATION_WORDS for w in words)
            or bool(site_words & set(words))
            or any("." in w and not w.endswith(".") for w in raw)  # a domain
        )
        (optional if extra else required).add(name)
    return required, optional


def names_the_site(answer: str, site: str | None) -> bool:
    """Whether an author answer names the site and no one else (``BBC News`` on BBC News,
    ``Snopes`` on Snopes.com): the page's metadata names its newsroom, which a text copy
    shows only as the site's name, not as a byline; such an answer is the publisher's."""
    required, _ = author_answer(answer, site)
    words = set(_tokens(site))
    return bool(words) and all(set(name.split()) <= words for name in required)


def same_author(answer: str, got: str | None, site: str | None = None) -> bool:
    """The names ``got`` gives are the answer's people, and all of them (``author_answer``:
    roles, degrees and affiliations after a name may be given or left off; in both, what
    introduces a byline and the credits after it are no names)."""
    if not got:
        return False
    required, optional = author_answer(answer, site)
    given = names(_unlabelled(got))
    return bool(required) and required <= given <= required | optional


def same_date(answer: str, got: str | None) -> bool:
    return bool(got) and answer in (got or "").split("/")


_SITE_URL = re.compile(
    r"^(?:https?://)?(?:www\.)?|\.(?:com?|net|org|info|[a-z]{2})(?:\.[a-z]{2})?/?$"
)


def _site_letters(name: str) -> str:
    """A site's name as compared: its letters and digits only, without a URL's scheme,
    ``www.``, top-level domain or a leading ``the`` (a domain runs it into the name:
    ``theguardian.com``)."""
    words = _tokens(_SITE_URL.sub("", norm(name)))
    letters = "".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)
    return letters.removeprefix("the") if len(letters) > len("the") else letters


def same_publisher(answer: str, got: str | None) -> bool:
    """The same site's name, however written: ``The Guardian``, ``the Guardian``,
    ``theguardian.com``, ``https://www.hawaiinewsnow.com`` and ``Hawaii News Now`` (``BBC``
    for ``BBC News`` is another name). The same rule for every column."""
    return bool(got) and _site_letters(answer) == _site_letters(got or "")


# Kana and ideographs: a script written without spaces, where each character counts as a
# word (``\w+`` would make a whole clause one word, and a copy that wraps a line in the
# middle of one, which a reader's copy joins with a space, two).
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SUMMARY_TOKEN = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")


def _summary_tokens(text: str | None) -> list[str]:
    """The words of a summary or a paragraph as the summary's check counts them: a Chinese or
    Japanese character is a word."""
    return _SUMMARY_TOKEN.findall(norm(text or ""))


def summary_paragraphs(body: Sequence[str]) -> list[str]:
    """The article's paragraphs a right summary may open like: its first three of 8 words
    (or Chinese or Japanese characters) or more."""
    return [b for b in body if len(_summary_tokens(b)) >= 8][:3]


def right_summary(body: Sequence[str], got: str | None) -> bool:
    """The summary opens like one of the article's first three paragraphs (8 words)."""
    words = _summary_tokens(got)[:8]
    if not words:
        return False
    paragraphs = [_summary_tokens(b) for b in summary_paragraphs(body)]
    n = len(words)
    return any(p[i : i + n] == words for p in paragraphs for i in range(len(p) - n + 1))


def f1(answer: Iterable[str], got: str) -> float:
    """Word-level F1 of ``got`` against the article (bags of words)."""
    truth = Counter(_tokens(" ".join(answer)))
    mine = Counter(_tokens(got))
    common = sum((truth & mine).values())
    if not common:
        return 0.0
    precision, recall = common / sum(mine.values()), common / sum(truth.values())
    return 2 * precision * recall / (precision + recall)


def passages_kept(passages: Sequence[str], body: str) -> tuple[int, int]:
    """(passages of the article the content holds, passages): where a source gives only
    passages of the article, what stands for its body's recall."""
    content = Passages(body.split("\n"))
    return sum(bool(content.occurrences(p)) for p in passages), len(passages)


def junk_removed(junk: Sequence[str], body: str) -> tuple[int, int]:
    """(junk lines not in the content, junk lines)."""
    content = Article(body.split("\n"))
    return sum(not content.has(line) for line in junk), len(junk)


# ----------------------------------------------------------------------------- extractors


def _day(value: datetime | None) -> str | None:
    if value is None:
        return None
    return f"{value.date().isoformat()}/{value.astimezone(UTC).date().isoformat()}"


def feedpub_got(text: str, name: str) -> Got:
    from feedpub import Document, DocumentError, inspect_document

    try:
        inspection = inspect_document(Document(name, text), first_seen=FIRST_SEEN)
    except DocumentError as exc:
        return Got(rejected=True, notes=(str(exc),))
    entry = inspection.entry
    return Got(
        headline=entry.title,
        date=None if entry.published == FIRST_SEEN else _day(entry.published),
        author=", ".join(entry.authors) or None,
        section=entry.section,
        publisher=entry.publisher,
        summary=entry.summary,
        body="\n".join(html_blocks(entry.content_html)),
        notes=inspection.notes,
    )


def baseline_got(text: str, _name: str) -> Got:
    """First non-empty line as headline, the ``By`` line as author, every line as body."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    author = None
    for line in lines:
        found = _BY_LINE.match(line)
        if found:
            author = re.split(r"\s+[-|–—]\s+|,|\s+\d|\s+on\s", found.group(1))[0].strip()
            break
    return Got(headline=lines[0] if lines else None, author=author,
               summary=lines[1] if len(lines) > 1 else None, body="\n".join(lines))  # fmt: skip


def trafilatura_got(html: str) -> Got:
    import trafilatura

    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if found is None:
        return Got(rejected=True)
    data: dict[str, Any] = found if isinstance(found, dict) else found.as_dict()
    categories = data.get("categories") or []
    text = data.get("text") or ""
    return Got(
        headline=data.get("title"),
        date=(data.get("date") or "")[:10] or None,
        author=data.get("author"),
        section=categories[0] if categories else None,
        publisher=data.get("sitename"),
        summary=text.split("\n")[0] if text else None,
        body=text,
    )


# ----------------------------------------------------------------------------- scoring


_SHOWN = 100  # characters of a summary's paragraph a miss shows


def expected_of(name: str, answers: dict[str, Any]) -> str:
    """What a miss of field ``name`` should have found, as its listing shows it: the answer,
    or for the summary (measured against the article's first paragraphs, it has no answer
    of its own) the openings of the paragraphs it may be."""
    if name != "summary":
        return repr(answers.get({"headline": "title", "publisher": "site"}.get(name, name)))
    openings = [p if len(p) <= _SHOWN else p[:_SHOWN] + "..." for p in
                summary_paragraphs(answers["body"])]  # fmt: skip
    return "one of " + repr(openings) if openings else "a paragraph of 8 words (none)"


@dataclass
class Score:
    """Right/total per field, body F1s, junk counts and rejections for one set of copies."""

    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    f1s: list[float] = field(default_factory=list)
    junk: list[int] = field(default_factory=lambda: [0, 0])
    kept: list[int] = field(default_factory=lambda: [0, 0])
    """Passages of the article in the content, passages (where the body is not known)."""
    rejected: int = 0
    copies: int = 0
    misses: dict[str, list[str]] = field(default_factory=dict)

    def add(self, row: dict[str, Any], got: Got) -> None:
        answers = row["answers"]
        body_known = answers.get("body_known", True)  # a body only in passages: no F1
        self.copies += 1
        self.rejected += got.rejected
        checks: dict[str, tuple[bool, Callable[[], bool]]] = {
            "headline": (bool(answers["title"] and answers["title_shown"]),
                         lambda: same_text(answers["title"], got.headline)),
            "date": (bool(answers["date"] and answers["date_shown"]),
                     lambda: same_date(answers["date"], got.date)),
            "author": (bool(answers["author"] and answers["author_shown"]
                            and not names_the_site(answers["author"], answers["site"])),
                       lambda: same_author(answers["author"], got.author, answers["site"])),
            "section": (bool(answers["section"] and answers.get("section_shown", True)),
                        lambda: same_text(answers["section"], got.section)),
            "publisher": (bool(answers["site"] and answers.get("site_shown", True)),
                          lambda: same_publisher(answers["site"], got.publisher)),
            "summary": (body_known, lambda: right_summary(answers["body"], got.summary)),
        }  # fmt: skip
        for name, (counts, check) in checks.items():
            if not counts:
                continue
            ok = check()
            for key in (name, "fields"):
                self.total[key] += 1
                self.right[key] += ok
            if not ok:
                shown = getattr(got, name) if not got.rejected else f"rejected: {got.notes}"
                self.misses.setdefault(name, []).append(
                    f"{row['file']}: expected {expected_of(name, answers)}, got {shown!r}"
                )
        if body_known:
            self.f1s.append(f1(answers["body"], got.body))
        else:
            kept, passages = passages_kept(answers.get("anchors", []), got.body)
            self.kept[0] += kept
            self.kept[1] += passages
        removed, total = junk_removed(answers["junk"], got.body)
        self.junk[0] += removed
        self.junk[1] += total

    def cells(self) -> dict[str, str]:
        out = {}
        for name in (*FIELDS, "fields"):
            total = self.total[name]
            out[name] = f"{100 * self.right[name] / total:.0f}% of {total}" if total else "-"
        out["body F1"] = f"{sum(self.f1s) / len(self.f1s):.2f}" if self.f1s else "-"
        out["passages kept"] = f"{100 * self.kept[0] / self.kept[1]:.0f}%" if self.kept[1] else "-"
        out["junk removed"] = f"{100 * self.junk[0] / self.junk[1]:.0f}%" if self.junk[1] else "-"
        out["rejected"] = f"{self.rejected} of {self.copies}"
        return out


ROWS = (*FIELDS, "fields", "body F1", "passages kept", "junk removed", "rejected")
COLUMNS = ("feedpub", "baseline", "trafilatura")


def load(corpus: Path) -> list[dict[str, Any]]:
    with (corpus / "manifest.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _trafilatura_cache(corpus: Path, rows: Sequence[dict[str, Any]]) -> dict[str, Got]:
    """trafilatura's result per page, kept in the corpus folder (it is slow and the same for
    every copy)."""
    import trafilatura

    path = corpus / f"trafilatura-{trafilatura.__version__}.json"
    cache: dict[str, dict[str, Any]] = (
        json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    )
    changed = False
    for row in rows:
        if row["id"] not in cache:
            html = (corpus / row["html"]).read_text(encoding="utf-8")
            got = trafilatura_got(html)
            cache[row["id"]] = {k: v for k, v in got.__dict__.items() if k != "notes"}
            changed = True
    if changed:
        path.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    return {key: Got(**value) for key, value in cache.items()}


def _shown_now(row: dict[str, Any], text: str) -> dict[str, Any]:
    """``row`` with whether its copy shows the section and the site's name by today's rules
    (``section_shown``, ``site_shown``), so that a corpus built before them measures the
    same as a new one, and with only the article's passages the copy shows (a link's
    address, an image's caption or a passage outside the lynx cut is in no copy: no extractor
    of the text could keep it)."""
    answers = row["answers"]
    lines = text.splitlines()
    article = answers["body"] or answers.get("anchors", [])
    section = section_shown(lines, answers.get("section"), article,
                            answers.get("title"), answers.get("site"))  # fmt: skip
    site = site_shown(lines, answers.get("site"), article)
    found = Passages(lines)
    anchors = [p for p in answers.get("anchors", []) if found.occurrences(p)]
    return {**row, "answers": {**answers, "section_shown": section, "site_shown": site,
                               "anchors": anchors}}  # fmt: skip


def measure(
    corpus: Path, rows: Sequence[dict[str, Any]], *, library: bool = True
) -> dict[tuple[str, str, str], Score]:
    """(part, variant, column) -> Score."""
    reference = _trafilatura_cache(corpus, rows) if library else {}
    scores: dict[tuple[str, str, str], Score] = {}
    for row in rows:
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        row = _shown_now(row, text)
        gots = {"feedpub": feedpub_got(text, row["file"]),
                "baseline": baseline_got(text, row["file"])}  # fmt: skip
        if row["id"] in reference:
            gots["trafilatura"] = reference[row["id"]]
        for column, got in gots.items():
            scores.setdefault((row["part"], row["variant"], column), Score()).add(row, got)
    return scores


def tables(scores: dict[tuple[str, str, str], Score]) -> str:
    out = []
    for part in ("dev", "test"):
        for variant in VARIANTS:
            columns = [c for c in COLUMNS if (part, variant, c) in scores]
            if not columns:
                continue
            cells = {c: scores[part, variant, c].cells() for c in columns}
            copies = scores[part, variant, columns[0]].copies
            out.append(f"### {part} part, {variant} copies ({copies})\n")
            out.append("| | " + " | ".join(columns) + " |")
            out.append("| --- |" + " ---: |" * len(columns))
            out.extend(f"| {r} | " + " | ".join(cells[c][r] for c in columns) + " |" for r in ROWS)
            out.append("")
    return "\n".join(out)


def _percent(cell: str) -> str:
    return cell.split(" of ")[0] if "%" in cell else cell


def compact(scores: dict[tuple[str, str, str], Score]) -> str:
    """One table per part: per field and copy, ``feedpub (baseline, trafilatura)``."""
    out = []
    for part in ("dev", "test"):
        variants = [v for v in VARIANTS if (part, v, "feedpub") in scores]
        if not variants:
            continue
        copies = sum(scores[part, v, "feedpub"].copies for v in variants)
        out.append(f"{part} part ({copies} copies): feedpub (baseline, trafilatura)\n")
        out.append("| | " + " | ".join(variants) + " |")
        out.append("| --- |" + " ---: |" * len(variants))
        cells = {
            (v, c): scores[part, v, c].cells()
            for v in variants
            for c in COLUMNS
            if (part, v, c) in scores
        }
        for row in ROWS:
            shown = []
            for v in variants:
                others = [_percent(cells[v, c][row]) for c in COLUMNS[1:] if (v, c) in cells]
                shown.append(f"{_percent(cells[v, 'feedpub'][row])} ({', '.join(others)})")
            out.append(f"| {row} | " + " | ".join(shown) + " |")
        out.append("")
    return "\n".join(out)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the folder tools/text_corpus.py wrote")
    parser.add_argument("--part", choices=("dev", "test"), help="only this part")
    parser.add_argument("--variant", choices=VARIANTS, help="only this copy")
    parser.add_argument("--origin", help="only the pages of this source (readability, aeb, ...)")
    parser.add_argument("--misses", metavar="FIELD", help="list feedpub's misses of FIELD")
    parser.add_argument("--no-library", action="store_true", help="skip trafilatura")
    parser.add_argument("--compact", action="store_true", help="one table per part")
    args = parser.parse_args(argv)
    rows = [
        r
        for r in load(args.corpus)
        if args.part in (None, r["part"])
        and args.variant in (None, r["variant"])
        and args.origin in (None, r["origin"])
    ]
    scores = measure(args.corpus, rows, library=not args.no_library)
    print(compact(scores) if args.compact else tables(scores))
    if args.misses:
        for (part, variant, column), score in sorted(scores.items()):
            if column == "feedpub":
                for miss in score.misses.get(args.misses, []):
                    print(f"{part} {variant} {miss}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
