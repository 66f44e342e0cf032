"""What a site's name looks like in a page's text (feedpub.extract.site_shape)."""

from __future__ import annotations

import pytest

from feedpub.extract.site_shape import site_name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Paradigm", "The Paradigm"),
        ("Vox Media, Inc.", "Vox"),  # the company's word off
        ("JUNGE FREIHEIT Verlag GmbH & Co. KG", "JUNGE FREIHEIT"),  # and a publishing house's
        ("Trustpilot A/S", "Trustpilot"),
        ("Steinzeit & Co", "Steinzeit & Co"),  # a name's own "& Co"
        # a logo's alt text before the name it shows: the name
        ("Logo des BDZV", "BDZV"),
        ("Logo | Silkes Weinblatt", "Silkes Weinblatt"),
        ("Logo Deutscher Bundesjugendring", "Deutscher Bundesjugendring"),
        ("Logopädie Berlin", "Logopädie Berlin"),  # a word that starts so
        ("Logo", None),
        # and after it, as a logo's alt text draws it twice in a line
        ("El Nuevo Herald Logo", "El Nuevo Herald"),
        ("Btn", None),  # a button's label
        ("November 15, 2019", None),
    ],
)  # fmt: skip
def test_site_name(text: str, name: str | None) -> None:
    assert site_name(text) == name


def test_a_name_asked_again_is_answered_from_the_cache() -> None:
    """A site's pages repeat its chrome's lines: a line is read once per process."""
    site_name("Coastal Herald Weekly")
    before = site_name.cache_info().hits
    assert site_name("Coastal Herald Weekly") == "Coastal Herald Weekly"
    assert site_name.cache_info().hits == before + 1
