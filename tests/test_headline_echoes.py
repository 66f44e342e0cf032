"""Where a headline candidate is given again on its page (feedpub.extract.headline_echoes)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from feedpub.extract.headline_echoes import contained


def _one_by_one(keys: Sequence[str]) -> list[tuple[float, float]]:
    """``contained`` as it was written first: every key against every other one."""
    out = []
    for key in keys:
        if key.count(" ") < 1:
            out.append((0.0, 0.0))
            continue
        longer = any(len(o) > len(key) and o.startswith(key) for o in keys)
        shorter = any(len(o) < len(key) and o.count(" ") >= 1 and key.startswith(o) for o in keys)
        out.append((float(longer), float(shorter)))
    return out


def test_a_longer_candidate_and_a_shorter_one_are_found() -> None:
    keys = ["world news", "world news: storm floods the valley", "storm", "world", "world news"]
    assert contained(keys) == [(1.0, 0.0), (0.0, 1.0), (0.0, 0.0), (0.0, 0.0), (1.0, 0.0)]


def test_a_one_word_opening_does_not_count_as_shorter() -> None:
    assert contained(["world", "world news today"]) == [(0.0, 0.0), (0.0, 0.0)]


@given(st.lists(st.text(alphabet="ab ΩΩ\U0001f600", max_size=8), max_size=12))
def test_the_same_as_every_key_against_every_other(keys: list[str]) -> None:
    assert contained(keys) == _one_by_one(keys)
