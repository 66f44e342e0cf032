from __future__ import annotations

import pytest

from feedpub.pages import interleaved


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (6, 2, "b a a a b a a a"),
        (4, 4, "b a b a b a b a"),
        (0, 3, "b b b"),
        (3, 0, "a a a"),
        (1, 3, "b a b b"),
    ],
)
def test_interleaved_spreads_each_kind_evenly_and_keeps_its_order(
    first: int, second: int, expected: str
) -> None:
    a = [f"a{n}" for n in range(first)]
    b = [f"b{n}" for n in range(second)]
    out = list(interleaved(a, first, b, second))
    assert " ".join(job[0] for job in out) == expected
    assert [job for job in out if job[0] == "a"] == a
    assert [job for job in out if job[0] == "b"] == b


@pytest.mark.parametrize(("first_count", "second_count"), [(9, 1), (1, 9), (0, 0), (3, 3)])
def test_interleaved_loses_nothing_when_the_counts_are_wrong(
    first_count: int, second_count: int
) -> None:
    a = [f"a{n}" for n in range(4)]
    b = [f"b{n}" for n in range(5)]
    out = list(interleaved(a, first_count, b, second_count))
    assert sorted(out) == sorted(a + b)
    assert [job for job in out if job[0] == "a"] == a
