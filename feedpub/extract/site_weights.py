"""The publisher scorer's weights: made by tools/fit_sites.py on the text corpus's
development part and tests/data's labelled documents (a softmax over each text's
names, shrunk toward the hand-set weights by a strength chosen by cross-validation
by page, and a bias); do not edit by hand."""

WEIGHTS = {
    "kind suffix": 2.5242,
    "kind logo": 1.0942,
    "kind copyright": 1.8256,
    "kind feed": 3.6702,
    "kind header": 3.5531,
    "kind first": 1.4693,
    "kind masthead": 0.6593,
    "kind top": 0.6559,
    "kind about": 0.3460,
    "kind newsletter": 1.1201,
    "kind staff": 1.1758,
    "kind search": 0.1572,
    "kind byline": 0.5459,
    "kind crumb": 1.2111,
    "kind source": 0.7438,
    "kind domain": 1.1121,
    "kind follow": 0.9497,
    "kind phrase": 0.8639,
    "kind repeated": 0.3811,
    "kind twice": 3.4174,
    "kind credit": 0.4545,
    "kind alone": -0.3824,
    "kind spelled": 2.7506,
    "mentions": 0.4900,
    "mentions, weak evidence only": 0.3304,
    "specific": 0.3587,
    "alone nearest": 0.8476,
    "alone topmost": 1.0785,
    "alone lines": -0.0000,
    "one word": -0.3553,
    "capitals": 0.0615,
    "bias": -1.5000,
}
