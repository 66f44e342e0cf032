from __future__ import annotations

from xml.sax import saxutils

from hypothesis import given
from hypothesis import strategies as st

from feedpub.xmltext import quoteattr, xml_markup, xml_text


def test_a_reference_goes_exactly_when_its_character_would() -> None:
    # Every code point of the first planes and past U+FFFF, in the ways HTML writes one.
    for code in [*range(0x12000), 0x1FFFE, 0x10FFFF]:
        gone = xml_text(chr(code)) == ""
        for reference in (f"&#x{code:x};", f"&#X{code:04X}", f"&#{code};", f"&#00{code}"):
            assert (xml_markup(reference) == "") == gone, reference


def test_only_the_reference_goes() -> None:
    assert (
        xml_markup("a&#x1F;b &#x1Fa; &#31;&#310; &amp;#31; \x1f") == "ab &#x1Fa; &#310; &amp;#31; "
    )


# The characters quoteattr treats apart, among any others.
_ATTRIBUTE_TEXT = st.text(st.sampled_from("&<>\"'\n\r\t a\u00e9;#") | st.characters())


@given(_ATTRIBUTE_TEXT)
def test_quoteattr_writes_what_saxutils_writes(value: str) -> None:
    assert quoteattr(value) == saxutils.quoteattr(value)


def test_quoteattr_picks_the_quotes() -> None:
    assert quoteattr('a "b"') == "'a \"b\"'"
    assert quoteattr("""it's "b" & <c>\n""") == '"it\'s &quot;b&quot; &amp; &lt;c&gt;&#10;"'
