"""What the junk model and the site's names say of the headline candidates
(feedpub.extract.headline_evidence)."""

from __future__ import annotations

from feedpub.extract.candidates import article_run, candidates, window
from feedpub.extract.headline_evidence import EVIDENCE, evidence
from feedpub.metadata import text_blocks

PARAGRAPHS = "\n\n".join(
    f"The river rose {n} metres overnight and closed every road out of town, officials said "
    "on Tuesday, as more rain was forecast for the rest of the week and the next one."
    for n in range(2, 7)
)
# A page as `w3m -dump` saves it: its site's name, a menu, a welcome, the headline over
# the article, a footer naming the site again.
PAGE = f"""Coastal Herald

  • World news
  • Local sport

Welcome to Coastal Herald

Storm floods the valley as rain keeps falling

{PARAGRAPHS}

  • Our newsrooms
  • Letters to the desk

© 2024 Coastal Herald. All rights reserved.
"""


def _evidence(text: str) -> dict[str, dict[str, float]]:
    """Each candidate's evidence by name, by its text."""
    blocks = text_blocks(text)
    lines = window(blocks, start=article_run(blocks)[0])
    found = candidates(lines)
    return {
        c.text: dict(zip(EVIDENCE, vector, strict=True))
        for c, vector in zip(found, evidence(found, lines, blocks), strict=True)
    }


def test_a_line_that_names_the_site_or_says_its_name_is_marked() -> None:
    found = _evidence(PAGE)
    assert found["Coastal Herald"]["site_name"] == 1.0
    assert found["Welcome to Coastal Herald"]["site_name"] == 0.0
    assert found["Welcome to Coastal Herald"]["names_site"] == 1.0
    headline = found["Storm floods the valley as rain keeps falling"]
    assert headline["site_name"] == headline["names_site"] == 0.0


def test_the_headline_stands_right_above_the_lines_the_junk_model_keeps() -> None:
    found = _evidence(PAGE)
    headline = found["Storm floods the valley as rain keeps falling"]
    assert headline["kept_below"] > 0.5  # the article's paragraphs under it
    assert headline["kept_gap"] == 0.0  # the first of them right under it
    assert headline["kept_first"] == 1.0  # and none kept above it
    assert headline["kept_after"] > 0.5
    assert found["• World news"]["kept_gap"] > headline["kept_gap"]
    assert found["• Our newsrooms"]["kept_first"] == 0.0  # under the article
    assert found["• Our newsrooms"]["kept_after"] == 0.0


def test_a_text_without_lines_has_no_evidence() -> None:
    assert evidence([], [], []) == []
