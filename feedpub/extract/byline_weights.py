"""The byline scorer's weights: made by tools/fit_bylines.py on the text corpus's
development part and tests/data's labelled documents (a softmax over each text's
candidates and "none", shrunk toward zero by a strength chosen by cross-validation by
page); do not edit by hand."""

THRESHOLD = 0.0  # "none of them" scores 0: a candidate scoring more is the byline
WEAK = -2.0000  # one scoring more is taken when nothing else names anybody
WEIGHTS = {
    "kind byline": 0.2334,
    "kind name and date": 0.0924,
    "kind name and role": 0.0510,
    "kind bare name": -0.2558,
    "kind name said twice": 0.0989,
    "kind pictured name": -0.0350,
    "kind loose byline": 0.0288,
    "kind agency": 0.0341,
    "kind agency and date": 0.0554,
    "kind handle": 0.2067,
    "kind name after date": -0.0714,
    "kind name and handle": 0.0477,
    "kind names": -0.0130,
    "kind lowercase byline": -0.0080,
    "above": 0.0596,
    "below distance": -0.1727,
    "above distance": 0.1051,
    "dated": 0.4336,
    "people": 0.1546,
    "one word": 0.2632,
    "several": -0.0674,
    "capitals": -0.1143,
    "organisation": 0.1053,
    "elsewhere": 0.1189,
    "prose before": -0.0619,
    "first below": 0.4760,
    "line words": 0.2324,
    "refused": -0.6288,
    "bullet": 0.1015,
    "wrapped before": 0.0129,
    "junk beside": 0.1565,
    "short beside": 0.2226,
    "before run": 0.1310,
    "run distance": 0.0425,
    "site": -0.0942,
    "role": -0.0153,
    "often": -0.0406,
    "at the end": 0.0613,
}
