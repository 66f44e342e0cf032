from __future__ import annotations

from feedpub.xmltext import xml_markup, xml_text


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
