"""feedpub.extract.repeats: lines a text renderer draws twice (an alt text, then its caption)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from feedpub.extract.repeats import repeated_lines, said_twice

_PROSE = [
    "The city council voted on Tuesday to build a network of protected cycle",
    "lanes on the ring road, after two years of consultation with residents.",
    "The plan replaces one lane of traffic in each direction.",
]


def test_an_alt_text_and_its_caption_with_a_credit_both_go() -> None:
    lines = [
        *_PROSE[:2],
        "Spokojený Tomáš Souček po vítězství ve Villa Parku.",
        "Spokojený Tomáš Souček po vítězství ve Villa Parku. | Foto: Reuters",
        _PROSE[2],
    ]
    assert repeated_lines(lines) == {2, 3}


def test_a_wrapped_caption_said_again_goes_past_one_short_line() -> None:
    caption = ["The Apple Vision Pro headset on display at Apple’s headquarters in", "Cupertino."]
    assert repeated_lines([_PROSE[0], *caption, *caption, _PROSE[1]]) == {1, 2, 3, 4}
    assert repeated_lines([_PROSE[0], *caption, "Caption", *caption]) == {1, 2, 4, 5}
    # a longer line between the copies: not the renderer's doing
    assert repeated_lines([*caption, _PROSE[2], *caption]) == set()


def test_a_line_of_the_same_words_twice_goes() -> None:
    assert said_twice("Pamela Wilson Pamela Wilson")
    assert repeated_lines([_PROSE[0], "Pamela Wilson Pamela Wilson", _PROSE[1]]) == {1}
    for line in ("New New", "Pamela Wilson Pamela", "Bye bye bye bye", "Read more"):
        assert not said_twice(line)


def test_short_lines_said_twice_and_prose_stay() -> None:
    assert repeated_lines(["Read more", "Read more", "* Share", "* Share on Facebook"]) == set()
    assert repeated_lines(_PROSE) == set()


@given(st.lists(st.text(alphabet="ab ", max_size=12), max_size=12))
def test_lines_of_distinct_words_are_never_repeats(lines: list[str]) -> None:
    # numbered words: no line starts with another, and no two are the same
    numbered = [" ".join(f"{word}{n}-{i}" for i, word in enumerate(line.split())) for n, line in
                enumerate(lines)]  # fmt: skip
    assert repeated_lines(numbered) == set()
    # said once more right after itself, a line of three words or more is a repeat
    doubled = [line for line in numbered for _ in range(2)]
    assert repeated_lines(doubled) >= {
        at for at, line in enumerate(doubled) if len(line.split()) >= 3
    }


def test_a_paragraph_opening_with_its_heading_stays() -> None:
    lines = ["Machen Bananen glücklich?", "Machen Bananen glücklich? Ja, das tun sie! Bananen"]
    assert repeated_lines(lines) == set()
    assert repeated_lines(["The Doobie Brothers", "The Doobie Brothers will unite"]) == set()
    for credit in ("| ©", "(Lucy Akins)", "Getty Images", "– genannt. Foto: Crocs"):
        assert repeated_lines(["Cowboyboots von Crocs", f"Cowboyboots von Crocs {credit}"]) == {
            0,
            1,
        }
