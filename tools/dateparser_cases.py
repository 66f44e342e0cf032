"""feedpub's dates against dateparser's own test cases, per language and kind.

    .venv/bin/python tools/dateparser_cases.py PATH_TO_DATEPARSER_CHECKOUT [--misses] [--rules]

Reads the date strings and the datetimes expected of them from the test files of a checkout of
dateparser's repository (parsed with ``ast``, never imported), puts each string as the date
line of a minimal plain-text article in its language, normalises it with feedpub (the file's
time is the test's base time, zone UTC) and prints, per language (en, de, fr, es, nl, it, pt)
and kind (absolute, relative, with zone, partial), feedpub's share of right answers next to
dateparser's own on the same strings and settings. A date-only answer (midnight) is right when
its day is.

The test part of the one corpus split (``sha256(string)[0] in "0123"``) is shown apart.
Answers that differ from dateparser's by one of feedpub's documented rules (see RULES) are
counted apart, not as misses: ``--rules`` lists them; ``--misses`` lists the misses.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta

LANGUAGES = {
    "English": "en",
    "German": "de",
    "French": "fr",
    "Spanish": "es",
    "Dutch": "nl",
    "Italian": "it",
    "Portuguese": "pt",
}
KINDS = ("absolute", "relative", "with zone", "partial")


@dataclass(frozen=True)
class Source:
    """One parametrised test of dateparser's whose cases are read."""

    path: str
    test: str
    base: datetime
    """The test's RELATIVE_BASE (or frozen now), naive, in UTC."""
    settings: tuple[tuple[str, Any], ...]
    """The settings the test gives dateparser (besides RELATIVE_BASE)."""
    zone: bool = False
    """Its strings all name a zone and the expected datetimes are in UTC."""
    search: bool = False
    """A ``search_dates`` test: ``param(language, text, [(date string, datetime), ...])``;
    each date string is a case, its base the param's ``RELATIVE_BASE`` setting if any."""


SOURCES = (
    Source("tests/test_date_parser.py", "test_dates_parsing", datetime(2012, 11, 13),
           (("NORMALIZE", False),)),
    Source("tests/test_date_parser.py", "test_parsing_with_time_zones_and_converting_to_UTC",
           datetime(2012, 11, 13), (("TO_TIMEZONE", "UTC"),), zone=True),
    Source("tests/test_date_parser.py", "test_parsing_with_utc_offsets",
           datetime(2012, 11, 13), (("TO_TIMEZONE", "UTC"),), zone=True),
    Source("tests/test_date_parser.py", "test_preferably_past_dates",
           datetime(2015, 2, 15, 15, 30), (("PREFER_DATES_FROM", "past"),)),
    Source("tests/test_freshness_date_parser.py", "test_relative_past_dates",
           datetime(2014, 9, 1, 10, 30), (("NORMALIZE", False),)),
    Source("tests/test_search.py", "test_search_and_parse", datetime(2000, 1, 1), (),
           search=True),
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    text: str
    expected: datetime
    """Naive, in UTC."""
    language: str
    kind: str
    source: Source
    line: int


_LANGUAGE_COMMENT = re.compile(r"^\s*#\s*([A-Z][a-z]+) dates\b")


def _datetime(node: ast.expr) -> datetime | None:
    """A ``datetime(2014, 9, 4, ...)`` (or ``datetime.datetime(...)``) call's value, or None."""
    names = ("datetime", "datetime.datetime")
    if isinstance(node, ast.Call) and ast.unparse(node.func) in names and not node.keywords:
        try:
            return datetime(*(ast.literal_eval(arg) for arg in node.args))
        except (ValueError, TypeError):
            return None
    return None


def _language_at(lines: list[str], line: int, first: int) -> str | None:
    """The language of the nearest ``# German dates`` comment above ``line`` (1-based)."""
    for number in range(line - 1, first - 1, -1):
        match = _LANGUAGE_COMMENT.match(lines[number - 1])
        if match:
            return LANGUAGES.get(match.group(1), match.group(1))
    return None


def _params(function: ast.FunctionDef) -> Iterator[ast.Call]:
    for decorator in function.decorator_list:
        if not (isinstance(decorator, ast.Call) and decorator.args):
            continue
        name = ast.unparse(decorator.func)
        if name.endswith("expand") and isinstance(decorator.args[0], ast.List):
            for item in decorator.args[0].elts:
                if isinstance(item, ast.Call) and ast.unparse(item.func) == "param":
                    yield item


def extract(source_text: str, source: Source) -> list[Case]:
    """The cases of ``source.test`` in the text of its test file; strings that are not
    literals (``"{} months ago".format(...)``) are left out."""
    tree = ast.parse(source_text)
    lines = source_text.splitlines()
    cases: list[Case] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.FunctionDef) and node.name == source.test):
            continue
        params = list(_params(node))
        first = min((d.lineno for d in node.decorator_list), default=node.lineno)
        for param in params:
            if source.search:
                cases.extend(_search_cases(param, source))
                continue
            if not param.args or not isinstance(param.args[0], ast.Constant):
                continue
            text = param.args[0].value
            if not isinstance(text, str):
                continue
            keywords = {k.arg: k.value for k in param.keywords}
            expected: datetime | None
            if "ago" in keywords:
                try:
                    ago = ast.literal_eval(keywords["ago"])
                    expected = source.base - relativedelta(**ago)
                except (ValueError, TypeError, OverflowError):
                    continue
            else:
                expected = next(filter(None, map(_datetime, param.args[1:])), None)
            if expected is None:
                continue
            language = _language_at(lines, param.lineno, first) or "en"
            cases.append(Case(text, expected, language, _kind(text, expected, source),
                              source, param.lineno))  # fmt: skip
    return cases


def _search_cases(param: ast.Call, source: Source) -> Iterator[Case]:
    if len(param.args) < 3 or not isinstance(param.args[2], ast.List):
        return
    try:
        language = ast.literal_eval(param.args[0])
    except ValueError:
        return
    base = source.base
    for keyword in param.keywords:
        if keyword.arg == "settings" and isinstance(keyword.value, ast.Dict):
            for key, value in zip(keyword.value.keys, keyword.value.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "RELATIVE_BASE":
                    base = _datetime(value) or base
    with_base = replace(source, base=base)
    for item in param.args[2].elts:
        if not (isinstance(item, ast.Tuple) and len(item.elts) == 2):
            continue
        text, expected = item.elts[0], _datetime(item.elts[1])
        if isinstance(text, ast.Constant) and isinstance(text.value, str) and expected:
            kind = _kind(text.value, expected, with_base)
            yield Case(text.value, expected, language, kind, with_base, item.lineno)


def _kind(text: str, expected: datetime, source: Source) -> str:
    if "ago" in source.test or "relative" in source.test:
        return "relative"
    if source.zone:
        return "with zone"
    from dateparser.timezone_parser import pop_tz_offset_from_string

    if pop_tz_offset_from_string(text)[1] is not None:
        return "with zone"
    year = str(expected.year)
    if year not in text and f"{expected.year % 100:02d}" not in text:
        return "partial"
    return "absolute"


def cases(checkout: Path) -> list[Case]:
    found: list[Case] = []
    for source in SOURCES:
        text = (checkout / source.path).read_text(encoding="utf-8")
        found.extend(extract(text, source))
    return [case for case in found if case.language in LANGUAGES.values()]


# A headline and a body in each language, so the article is detected as written in it.
ARTICLES = {
    "en": ("Council approves the new budget after a long debate | Politics",
           "The city council approved the new budget on Tuesday after a debate that lasted "
           "most of the day, and the mayor said that the plan would be published soon."),
    "de": ("Stadtrat beschließt den neuen Haushalt nach langer Debatte | Politik",
           "Der Stadtrat hat am Dienstag nach einer langen Debatte den neuen Haushalt "
           "beschlossen, und die Bürgermeisterin sagte, dass der Plan bald veröffentlicht wird."),
    "fr": ("Le conseil approuve le nouveau budget après un long débat | Politique",
           "Le conseil municipal a approuvé mardi le nouveau budget après un débat qui a duré "
           "toute la journée, et la maire a dit que le plan sera publié dans les jours qui "
           "viennent."),
    "es": ("El consejo aprueba el nuevo presupuesto tras un largo debate | Política",
           "El consejo municipal aprobó el martes el nuevo presupuesto después de un debate que "
           "duró casi todo el día, y la alcaldesa dijo que el plan se publicará pronto."),
    "nl": ("Gemeenteraad keurt de nieuwe begroting goed na lang debat | Politiek",
           "De gemeenteraad heeft dinsdag de nieuwe begroting goedgekeurd na een debat dat "
           "bijna de hele dag duurde, en de burgemeester zei dat het plan snel wordt "
           "gepubliceerd."),
    "it": ("Il consiglio approva il nuovo bilancio dopo un lungo dibattito | Politica",
           "Il consiglio comunale ha approvato martedì il nuovo bilancio dopo un dibattito che "
           "è durato quasi tutto il giorno, e la sindaca ha detto che il piano sarà pubblicato "
           "presto."),
    "pt": ("Câmara aprova o novo orçamento depois de um longo debate | Política",
           "A câmara municipal aprovou na terça-feira o novo orçamento depois de um debate que "
           "durou quase todo o dia, e a presidente disse que o plano será publicado em breve."),
}  # fmt: skip


def article(case: Case) -> str:
    headline, body = ARTICLES[case.language]
    return f"{headline}\n\n{case.text}\n\n{body}\n\n{body}\n"


Answer = tuple[datetime, bool] | None  # (naive UTC value, date only)


def feedpub_answer(case: Case) -> Answer:
    from feedpub import DocumentError
    from feedpub.model import Document
    from feedpub.normalise import inspect_document

    document = Document("case.txt", article(case), modified=case.source.base.replace(tzinfo=UTC))
    try:
        inspection = inspect_document(document, zone=UTC)
    except DocumentError:
        return None
    if not inspection.origins.get("published", "").startswith("header"):
        return None  # a date from elsewhere is not this string's
    value = inspection.entry.published.astimezone(UTC).replace(tzinfo=None)
    date_only = any(note.startswith("published has no time of day") for note in inspection.notes)
    return value, date_only


def dateparser_answer(case: Case) -> Answer:
    import dateparser

    settings = {"RELATIVE_BASE": case.source.base, **dict(case.source.settings)}
    value = dateparser.parse(case.text, settings=settings)
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value, False


def right(answer: Answer, expected: datetime) -> bool:
    if answer is None:
        return False
    value, date_only = answer
    return value == expected or (date_only and value.date() == expected.date())


# feedpub's documented rules where they differ from dateparser's on purpose (docs/dates.md).
RULES = {
    "day-first": "10-11-12 and 10.11.12 are day-first (dateparser: month-first in English)",
    "20yy": "a two-digit year is 20yy (dateparser: the nearest century)",
    "no day filled in": "a date without its day is unknown (dateparser: the base's day)",
    "weekday": "a year-less date whose weekday names another day is unknown",
    "bare time": "a time without a day is the last such moment at or before the reference "
    "(dateparser: that time on the base's day, even after the base)",
    "past year": "a year-less date is the most recent such day not after the reference "
    "(dateparser's search: the base's year)",
    "feed range": "a year before 1000 rejects the document: no feed format can write it",
}


def rule_difference(case: Case, answer: Answer) -> str | None:
    """The documented rule ``answer`` follows where it is not dateparser's ``expected``."""
    expected = case.expected
    if answer is not None:
        value = answer[0]
        swapped = (value.year, value.day, value.month) == (
            expected.year, expected.month, expected.day)  # fmt: skip
        if swapped and value.month != value.day and re.search(r"\d[-./]\d", case.text):
            return "day-first"
        if value.year - expected.year == 100 and (value.month, value.day) == (
            expected.month, expected.day):  # fmt: skip
            return "20yy"
        if case.kind == "partial" and value + timedelta(days=1) == expected > case.source.base:
            return "bare time"
        if case.kind == "partial" and value.replace(year=value.year + 1) == expected:
            return "past year"
        return None
    if expected.year < 1000:
        return "feed range"
    words = re.findall(r"[^\W\d_]+", case.text.lower())
    from feedpub import dates  # WEEKDAYS is new: the tool also measures older feedpubs

    months, weekdays = dates.MONTHS, getattr(dates, "WEEKDAYS", {})

    no_day = re.search(r"(?<!\d)[0-3]?\d(?!\d)", case.text) is None
    # "ago" and "set" are months in Spanish and Portuguese too: not what says "a month" here
    month_or_year = any(
        w in months and w not in ("ago", "set", "may", "mar") for w in words
    ) or re.search(r"\d{4}", case.text)
    if case.kind != "relative" and no_day and month_or_year and not set(words) & set(weekdays):
        return "no day filled in"
    if case.kind == "partial":
        named = {weekdays[w] for w in words if w in weekdays}
        if named and expected.weekday() not in named and re.search(r"\d", case.text):
            return "weekday"
    return None


def test_part(case: Case) -> bool:
    return hashlib.sha256(case.text.encode()).hexdigest()[0] in "0123"


@dataclass
class Tally:
    cases: int = 0
    ours: int = 0
    theirs: int = 0
    by_rule: int = 0

    def add(self, ours: bool, theirs: bool, by_rule: bool) -> None:
        self.cases += 1
        self.ours += ours
        self.theirs += theirs
        self.by_rule += by_rule

    def cell(self) -> str:
        if not self.cases:
            return "-"
        counted = self.cases - self.by_rule
        ours = 100 * self.ours / counted if counted else 100.0
        theirs = 100 * self.theirs / self.cases
        return f"{ours:.0f}% / {theirs:.0f}% ({self.cases})"


def measure(
    all_cases: Iterable[Case],
) -> tuple[dict[tuple[str, str], Tally], list[tuple[Case, Answer, str | None]]]:
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    details: list[tuple[Case, Answer, str | None]] = []
    for case in all_cases:
        ours = feedpub_answer(case)
        ours_right = right(ours, case.expected)
        rule = None if ours_right else rule_difference(case, ours)
        theirs_right = right(dateparser_answer(case), case.expected)
        part = "test" if test_part(case) else "development"
        for key in ((case.language, case.kind), (case.language, "all"), ("all", case.kind),
                    ("all", "all"), (part, "all")):  # fmt: skip
            tallies[key].add(ours_right, theirs_right, rule is not None)
        details.append((case, ours, rule))
    return tallies, details


def table(tallies: dict[tuple[str, str], Tally]) -> str:
    columns = (*KINDS, "all")
    rows = ["| language | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for language in (*LANGUAGES.values(), "all"):
        cells = [tallies[(language, kind)].cell() for kind in columns]
        rows.append(f"| {language} | " + " | ".join(cells) + " |")
    for part in ("development", "test"):
        rows.append(
            f"| {part} part | " + " | ".join(["", "", "", "", tallies[(part, "all")].cell()]) + " |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkout", type=Path, help="a checkout of dateparser's repository")
    parser.add_argument("--misses", action="store_true", help="list feedpub's misses")
    parser.add_argument("--rules", action="store_true", help="list the rule differences")
    args = parser.parse_args(argv)
    found = cases(args.checkout)
    if not found:
        print(f"no test cases found in {args.checkout}", file=sys.stderr)
        return 1
    tallies, details = measure(found)
    print("feedpub / dateparser, right answers (cases); rule differences not counted")
    print(table(tallies))
    rules = Counter(rule for _, _, rule in details if rule)
    print("\nrule differences: " + (", ".join(f"{n} {r}" for r, n in rules.items()) or "none"))
    for case, answer, rule in details:
        wrong = not right(answer, case.expected)
        if (args.misses and wrong and rule is None) or (args.rules and rule is not None):
            got = "unknown" if answer is None else answer[0].isoformat(" ")
            print(f"{case.language} {case.kind:9} {case.text!r}: expected "
                  f"{case.expected.isoformat(' ')}, got {got}" + (f" [{rule}]" if rule else "")
                  + f"  ({case.source.path}:{case.line})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
