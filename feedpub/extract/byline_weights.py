"""The byline scorer's weights: made by tools/fit_bylines.py on the text corpus's
development part and tests/data's labelled documents (a softmax over each text's
candidates and "none", shrunk toward zero by a strength chosen by cross-validation by
page); do not edit by hand."""

THRESHOLD = 0.0  # "none of them" scores 0: a candidate scoring more is the byline
WEAK = -1.5000  # one scoring more is taken when nothing else names anybody
WEIGHTS = {
    "kind byline": 0.3752,
    "kind name and date": 0.2055,
    "kind name and role": 0.1084,
    "kind bare name": -0.3147,
    "kind name said twice": 0.1976,
    "kind pictured name": -0.1241,
    "kind loose byline": 0.0353,
    "kind agency": 0.0680,
    "kind agency and date": 0.1232,
    "kind handle": 0.2737,
    "kind name after date": -0.2617,
    "kind name and handle": 0.1009,
    "kind names": -0.0488,
    "above": 0.0954,
    "below distance": -0.1569,
    "above distance": 0.1403,
    "dated": 0.5958,
    "people": 0.2563,
    "one word": 0.3729,
    "several": -0.2202,
    "capitals": -0.1814,
    "organisation": 0.2432,
    "elsewhere": 0.1150,
    "prose before": -0.1326,
    "first below": 0.6382,
    "line words": 0.1623,
    "refused": -1.0922,
    "bullet": 0.1130,
    "wrapped before": -0.0845,
    "junk beside": 0.3374,
    "short beside": 0.2776,
    "before run": 0.0842,
    "run distance": -0.0371,
}
