"""The normaliser's shortcuts give what the plain checks they stand in for give.

Each cheap test or narrowed search (see the comments where they are defined) must never change
an answer: these compare each with the plain form, on text built to hit the patterns.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from dateutil import tz
from hypothesis import example, given
from hypothesis import strategies as st

from feedpub import dates, metadata
from feedpub.extract.junk import (
    _CREDIT,
    _JUNK,
    _JUNK_ASCII,
    _JUNK_LINE_MAX,
    _JUNK_WHOLE_LINE_ASCII,
    _TWEET,
    _WHOLE_LINE_PATTERNS,
    credit_start,
    is_caption,
    is_footer,
    is_junk,
)
from feedpub.extract.names import NAME_WITH_ROLE, may_name_role


def _text(tokens: list[str]) -> st.SearchStrategy[str]:
    """Text made of ``tokens`` in any case, separators and arbitrary characters."""
    token = st.one_of(
        st.sampled_from(tokens),
        st.sampled_from(tokens).map(str.upper),
        st.sampled_from(tokens).map(str.title),
        st.text(max_size=4),
    )
    separator = st.sampled_from([" ", "  ", "", ", ", ": ", " / ", "\t", "."])
    return st.lists(st.tuples(token, separator), max_size=10).map(
        lambda parts: "".join(t + s for t, s in parts)
    )


_ROLE_TITLES = [
    "correspondent", "editor", "reporter", "writer", "journalist", "columnist",
    "korrespondentin", "redakteur", "rédacteur", "rédactrice", "journaliste",
    "envoyée spéciale", "corresponsal", "redactora", "periodista", "redacteur",
    "verslaggever", "correspondente",
]  # fmt: skip


@pytest.mark.parametrize("title", _ROLE_TITLES)
@pytest.mark.parametrize("before", ["", "chief political ", "Senior "])
def test_every_role_passes_the_role_precheck(before: str, title: str) -> None:
    line = f"Jessica Elgot {before}{title}"
    assert NAME_WITH_ROLE.match(line) is not None
    assert may_name_role(line)


@given(_text(["Jane", "de", "Vries", "chief", "our", *_ROLE_TITLES, "editorial", "ſ", "K"]))
@example("Pieter de Vries REDACTEUR")
@example("Jane Doe, Chief Political CORRESPONDENT for Europe")
@example("Jane Doe editor at large now")
@example("Jane Doe senior editor\n")
def test_role_precheck_never_hides_a_role(text: str) -> None:
    if NAME_WITH_ROLE.match(text) is not None:
        assert may_name_role(text)


def _plain_is_junk(text: str) -> bool:
    if len(text) > _JUNK_LINE_MAX:
        return False
    return bool(
        (_JUNK.match(text) and (len(text.split()) <= 6 or not text.endswith(".")))
        or any(pattern.match(text) for pattern in _WHOLE_LINE_PATTERNS)
        or is_footer(text)
        or is_caption(text)
        or _TWEET.search(text)
    )


_JUNK_WORDS = [
    "see also",
    "(AP Photo)",
    "(@jane) May 5, 2024",
    "pic.twitter.com/x",
    "all rights reserved",
    "copyright 2024",
    "___",
    "we use cookies",
    "labels:",
    "mehr news",
    "share",
    "twitter",
    "5 min read",
    "Photo:",
    "© AFP",
    "menu",
    "Reuters",
    "getty images",
    "Advertisement",
    "lesezeit",
    "print",
    "+",
    "live",
    "play video",
    "current time 0:00",
]


@given(_text(_JUNK_WORDS))
@example("Reuters / Kay Nietfeld")
@example("Leestijd: 4 min.")
@example("Source: Reuters")
def test_one_junk_pattern_answers_like_the_six(text: str) -> None:
    assert is_junk(text) == _plain_is_junk(text)


def _letters_outside_escapes_and_ranges(pattern: str) -> str:
    # "[A-Za-z]" is any letter either way; a lone "A-Z" would be upper case only.
    return re.sub(r"\\[A-Za-z]|A-Za-z|[^A-Za-z]", "", pattern)


@pytest.mark.parametrize(
    "pattern",
    [_JUNK_ASCII, _JUNK_WHOLE_LINE_ASCII, dates._UPDATED_LABEL_ASCII, dates._PUBLISHED_LABEL_ASCII],
)
def test_patterns_for_lowercased_text_spell_letters_in_lower_case(pattern: re.Pattern[str]) -> None:
    # They match lowercased text without ignoring case: an upper-case letter would never match.
    letters = _letters_outside_escapes_and_ranges(pattern.pattern)
    assert letters == letters.lower()
    assert not pattern.flags & re.IGNORECASE


def _plain_credit_cut(text: str) -> str:
    tail = text[-80:]
    marked = "©" in tail or ":" in tail or "(c)" in tail.lower()
    credit = _CREDIT.search(text, max(0, len(text) - 80)) if marked else None
    return text if credit is None else text[: credit.start()].strip()


_CREDIT_WORDS = [
    "©",
    "©AP",
    "(c)",
    "(C)",
    "(",
    ")",
    "Photo:",
    "photo credit :",
    "crédit photo :",
    "Source: Reuters",
    "Foto: dpa/Kay Nietfeld",
    "AFP",
    "in Belarus.",
    "x" * 30,
]


@given(_text(_CREDIT_WORDS))
@example("Soldiers at the border in Belarus.       (Photo credit : Reuters)")
@example("A caption.  (crédit photo : AFP)")
def test_narrowed_credit_search_cuts_the_same_text(text: str) -> None:
    start = credit_start(text)
    fast = text if start is None else text[:start].strip()
    assert fast == _plain_credit_cut(text)


_LABELS = [
    "updated",
    "Last modified",
    "mis à jour",
    "MàJ",
    "stand",
    "Stand:",
    "bijgewerkt",
    "published",
    "Publié",
    "posted",
    "gepubliceerd",
    "laatste update",
    "standard",
]


@given(_text(_LABELS))
def test_labels_in_lowercased_ascii_are_the_same_labels(text: str) -> None:
    updated = [m.end() for m in dates._UPDATED_LABEL.finditer(text)]
    published = [m.end() for m in dates._PUBLISHED_LABEL.finditer(text)]
    assert dates._label_ends(text) == (updated, published)


_DATE_WORDS = [
    "19",
    "2024",
    "-",
    "/",
    ".",
    "12.03.2024",
    "2024-03-12",
    "Dec",
    "December",
    "19th",
    "10:31",
    "ago",
    "3 hours",
    "yesterday",
    "mars",
    "(1)",
    "il y a",
    "hier à",
    "heute",
    "vor",
    "hace",
    "märz",
    "août",
    "Jan",
    "T",
    "+01:00",
    "h",
]


@given(_text(_DATE_WORDS))
@example("Dec 19, 2022")
@example("2024/03/12")
@example("vor 3 Stunden")
@example("il y a 2 heures")
@example("hier à 22h07")
def test_a_form_is_skipped_only_when_it_cannot_match(line: str) -> None:
    for pattern, _build, needs in dates._SCANS:
        if needs is not None and not needs(line):
            assert pattern.search(line) is None


@given(st.text())
@example("a\x0bb\x1cc \ufffe d\ud800e\tf\u2028g")
@example(" a  b ")
@example("a  b")
@example("a b ")
@example("a\u00a0b\u3000c")
@example("")
def test_squash_without_the_substitution_when_printable(text: str) -> None:
    assert metadata.squash(text) == " ".join(metadata.xml_text(text).split())


_ZONES = [UTC, timezone(timedelta(hours=23, minutes=59)),
          timezone(-timedelta(hours=23, minutes=59)), tz.gettz("Europe/Brussels")]  # fmt: skip


@given(st.datetimes(timezones=st.sampled_from(_ZONES)))
@example(datetime(1000, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))))
@example(datetime(9999, 12, 31, 23, 30, tzinfo=timezone(-timedelta(hours=1))))
def test_in_feed_range_shortcut(value: datetime) -> None:
    plain = value.year >= 1000 and dates.FEED_DATE_MIN <= value <= dates.FEED_DATE_MAX
    assert dates.in_feed_range(value) == plain
