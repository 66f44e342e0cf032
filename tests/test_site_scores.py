"""The publisher scorer: each name's features and their weights as data (site_scores)."""

from __future__ import annotations

from feedpub.extract import site_scores
from feedpub.extract.site_weights import WEIGHTS


def test_every_feature_has_a_weight() -> None:
    assert set(WEIGHTS) == set(site_scores.FEATURES)
    assert {f"kind {kind}" for kind in site_scores.KINDS} <= set(WEIGHTS)


def test_a_names_features_count_its_evidence_and_its_domain() -> None:
    sites = [
        ("The Guardian", "logo", "line 1"),
        ("theguardian.com", "domain", "line 9"),
        ("theguardian.com", "domain", "line 12"),
        ("Sport", "alone", "line 3"),
        ("The Guardian", "copyright", "line 40"),
    ]
    found = {name: features for name, _, features in site_scores.candidates(sites, "")}
    assert set(found) == {"The Guardian", "Sport"}  # the domain's evidence is the name's
    assert found["The Guardian"]["kind domain"] == 2.0
    assert found["The Guardian"]["kind logo"] == found["The Guardian"]["kind copyright"] == 1.0
    assert found["Sport"]["alone nearest"] == 1.0
    # where its weightiest evidence says it (the fitted weights: the copyright line's)
    assert site_scores.best_site(sites, "") == ("The Guardian", "line 40")


def test_evidence_only_the_site_gives_ranks_its_name() -> None:
    # A staff line is what only the site says of itself: "NBC News" over "NBC", which a
    # follow line and a phrase give as often (the hand-set points tied them, 2 each).
    sites = [
        ("NBC", "follow", "line 5"),
        ("NBC", "phrase", "line 6"),
        ("NBC News", "follow", "line 7"),
        ("NBC News", "staff", "line 8"),
    ]
    assert site_scores.best_site(sites, "") == ("NBC News", "line 8")


def test_too_little_evidence_is_no_publisher() -> None:
    assert site_scores.best_site([("Sport", "alone", "line 3")], "") is None
    assert site_scores.best_site([("Wikipedia", "source", "line 3")], "") is None
    assert site_scores.best_site([("Wikipedia", "header", "line 1")], "") == (
        "Wikipedia",
        "line 1",
    )


def test_a_name_is_written_in_words_rather_than_as_its_domain() -> None:
    # "techdaily.com" over the headline and "TechDaily" in its suffix are one name: its
    # words, whichever evidence weighs more
    sites = [("techdaily.com", "header", "line 1"), ("TechDaily", "suffix", "line 5")]
    assert site_scores.best_site(sites, "") == ("TechDaily", "line 5")


def test_the_topmost_of_several_names_alone_over_the_headline_is_marked() -> None:
    # "alone" names come nearest the headline first: a masthead stands over the menus.
    sites = [
        ("Politics", "alone", "line 9"),
        ("Subscribe Now", "alone", "line 5"),
        ("Example Times", "alone", "line 1"),
    ]
    found = {name: features for name, _, features in site_scores.candidates(sites, "")}
    assert found["Example Times"].get("alone topmost") == 1.0
    assert "alone topmost" not in found["Politics"]
    assert found["Politics"]["alone nearest"] == 1.0
    # one name alone is the nearest, not the topmost of several
    (only,) = site_scores.candidates([("Example Times", "alone", "line 1")], "")
    assert "alone topmost" not in only[2]
