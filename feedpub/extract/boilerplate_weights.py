"""The boilerplate scorer's weights: made by tools/fit_junk.py on the text corpus's
development part (logistic regressions on its lines); do not edit by hand."""

THRESHOLD = 0.0  # a line scoring above it is the article's
SUMMARY_SCORE = 2.0  # an opening paragraph's lines score above it
SUMMARY_WORDS = 25  # ... and it has this many words or more
LINE_WEIGHTS = (
    1.5100,  # bias
    -1.0713,  # words
    0.5733,  # one_word
    -0.8756,  # few_words
    0.7007,  # width
    -0.0201,  # full_width
    4.0480,  # unwrapped
    0.7647,  # stopwords
    0.6279,  # no_stopwords
    -1.6679,  # capitalised
    -1.6195,  # digits
    -1.9921,  # symbols
    -1.9911,  # markup
    0.2967,  # ends_sentence
    1.3415,  # ends_colon
    -0.4263,  # end_line
    -1.8388,  # junk_line
    0.4681,  # item
    -1.2376,  # rendered
    1.3411,  # url
    -3.0929,  # image_file
    0.9879,  # block_lines
    -0.6409,  # block_words
    -1.0992,  # block_stopwords
    1.5537,  # block_sentences
    0.3299,  # block_first
    -0.0114,  # block_last
    0.2093,  # prev_words
    -0.0846,  # prev_stopwords
    0.1959,  # next_words
    -0.4532,  # next_stopwords
    -1.2878,  # position
    -1.8804,  # after_end
    -0.2738,  # ends_before
    1.0168,  # in_run
    0.2200,  # run_value
    0.2131,  # continues
    0.0435,  # continued
    -0.7891,  # repeated
    0.1309,  # short_run
    0.2280,  # prose
    0.8231,  # prose_before
    0.6940,  # prose_after
    -0.3938,  # before_prose
    -0.4220,  # after_prose
    0.9853,  # paragraph
    -1.1462,  # before_paragraph
    1.7896,  # lead_short
    -0.2381,  # after_paragraph
    0.6629,  # repeated_block
    -0.0133,  # few_words_run
    -0.2046,  # item_run
)
CONTEXT_WEIGHTS = (
    0.1450,  # bias
    0.8069,  # own
    0.1555,  # near_before
    0.1233,  # near_after
    0.1016,  # wide_before
    0.0260,  # wide_after
    -0.0761,  # block
    -0.5658,  # in_run
    0.4778,  # after_end
    0.1058,  # page
)
