"""The date scorer's weights: made by tools/fit_dates.py on the text corpus's
development part (a softmax over each text's dates, shrunk toward zero by a strength
chosen by cross-validation by page); do not edit by hand."""

THRESHOLD = -0.3053  # a text's best date scoring less is not its own
WEIGHTS = {
    "published": 0.5354,
    "updated": -0.1650,
    "alone": 0.0126,
    "metadata": -0.0126,
    "header": 0.6554,
    "below": 0.6968,
    "above": 0.3461,
    "far": -1.0529,
    "before_run": 0.6448,
    "run_before": -0.0273,
    "in_run": -0.0992,
    "after_run": -0.5456,
    "run_after": -0.5330,
    "byline": 0.1847,
    "byline_beside": 0.5523,
    "dateline": -0.1022,
    "footer": -0.0020,
    "dense": -0.3553,
    "repeated": -0.1930,
    "first": 1.0405,
    "first_below": 0.7506,
    "latest": 0.2316,
    "earliest": 0.5202,
    "top_latest": 0.0236,
    "timed": 0.3579,
    "resolved": 0.0000,
    "bullet": -0.0082,
}
