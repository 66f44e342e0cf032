"""The boilerplate scorer's weights: made by tools/fit_junk.py on the text corpus's
development part (logistic regressions on its lines); do not edit by hand."""

THRESHOLD = -0.5  # a line scoring above it is the article's
LINE_WEIGHTS = (
    2.0290,  # bias
    -1.3278,  # words
    0.3355,  # one_word
    -0.8896,  # few_words
    0.8360,  # width
    0.5278,  # full_width
    3.9802,  # unwrapped
    1.1338,  # stopwords
    0.7523,  # no_stopwords
    -1.8237,  # capitalised
    -1.5009,  # digits
    -2.4532,  # symbols
    -1.9842,  # markup
    0.4722,  # ends_sentence
    1.3571,  # ends_colon
    0.0476,  # end_line
    -1.8918,  # junk_line
    -0.1175,  # item
    -2.6631,  # rendered
    1.4834,  # url
    -3.3074,  # image_file
    0.4601,  # block_lines
    -0.4342,  # block_words
    -0.5913,  # block_stopwords
    1.2945,  # block_sentences
    0.0248,  # block_first
    0.0855,  # block_last
    0.2799,  # prev_words
    0.2794,  # prev_stopwords
    0.2046,  # next_words
    0.1096,  # next_stopwords
    -1.0730,  # position
    -1.6824,  # after_end
    -0.2122,  # ends_before
    1.2761,  # in_run
    0.2918,  # run_value
    0.3012,  # continues
    -0.0151,  # continued
)
CONTEXT_WEIGHTS = (
    0.1978,  # bias
    0.7656,  # own
    0.1712,  # near_before
    0.1768,  # near_after
    0.1297,  # wide_before
    0.0315,  # wide_after
    -0.0741,  # block
    -0.6733,  # in_run
    0.5715,  # after_end
    0.0809,  # page
)
