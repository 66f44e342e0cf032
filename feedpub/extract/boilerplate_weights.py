"""The boilerplate scorer's weights: made by tools/fit_junk.py on the text corpus's
development part (logistic regressions on its lines); do not edit by hand."""

THRESHOLD = -0.25  # a line scoring above it is the article's
LINE_WEIGHTS = (
    2.1757,  # bias
    -1.1948,  # words
    0.3505,  # one_word
    -1.0057,  # few_words
    0.7167,  # width
    0.0734,  # full_width
    3.9608,  # unwrapped
    0.8563,  # stopwords
    0.6880,  # no_stopwords
    -1.5873,  # capitalised
    -1.6459,  # digits
    -2.6159,  # symbols
    -1.8414,  # markup
    0.2338,  # ends_sentence
    1.4165,  # ends_colon
    -0.3437,  # end_line
    -1.6938,  # junk_line
    -0.0270,  # item
    -3.2031,  # rendered
    1.5709,  # url
    -3.2051,  # image_file
    0.7747,  # block_lines
    -0.5603,  # block_words
    -1.0881,  # block_stopwords
    1.7851,  # block_sentences
    0.0594,  # block_first
    -0.2157,  # block_last
    0.2289,  # prev_words
    0.0572,  # prev_stopwords
    0.1629,  # next_words
    -0.0999,  # next_stopwords
    -1.3604,  # position
    -1.9107,  # after_end
    -0.2347,  # ends_before
    0.9474,  # in_run
    0.1985,  # run_value
    -0.0194,  # continues
    -0.1268,  # continued
    -0.8018,  # repeated
    0.1259,  # short_run
    0.2197,  # prose
    0.7119,  # prose_before
    0.6366,  # prose_after
    -0.8102,  # before_prose
    -0.4698,  # after_prose
    1.0651,  # paragraph
    -1.1419,  # before_paragraph
    1.8311,  # lead_short
    -0.0581,  # after_paragraph
    0.4624,  # repeated_block
)
CONTEXT_WEIGHTS = (
    0.1470,  # bias
    0.7601,  # own
    0.1617,  # near_before
    0.1349,  # near_after
    0.0935,  # wide_before
    0.0244,  # wide_after
    -0.0383,  # block
    -0.5888,  # in_run
    0.5282,  # after_end
    0.1365,  # page
)
