"""Python-Markdown as feedpub converts a post's body with it: one reused instance per thread,
with two shortcuts that leave its HTML as it is.

Making an instance, with its extensions, costs as much as converting a post, so each thread
keeps one (``convert`` resets it first). Most of a conversion is Python-Markdown offering
text to parsers that cannot take it: every text node to each inline pattern in turn, every
block to each block processor in turn. Both shortcuts skip an offer whose answer is known to
be no (the text lacks what the pattern or processor needs) and are taken only when every
pattern and processor of the instance is one they know, by name (and class, for the block
processors): another Python-Markdown's, or another extension's, turns them off.
``tests/test_frontmatter.py`` compares the HTML with a plain instance's.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from xml.etree.ElementTree import Element

import markdown
from markdown import util

__all__ = ["convert"]

_LOCAL = threading.local()  # a Markdown instance per thread: it keeps state while converting

# Python-Markdown gives every text node to each of its inline patterns in turn (code, escapes,
# links, images, autolinks, HTML, entities, emphasis, line breaks), a regular expression search
# each: 40% of converting a post. None of them can match text without what it starts with,
# and a node that no pattern matches comes out of that stage as it went in; so a node without
# any of these skips it (the same HTML, half the conversion's time). They are those of the
# patterns Python-Markdown and its "extra" extension register, by name: a pattern not named
# here (another version's) turns the shortcut off.
_INLINE_STARTS = {
    "backtick": ("`", "\\"),
    "escape": ("\\",),
    "footnote": ("[",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}

# The inline stage's own method for one text (name-mangled, as Python-Markdown spells it): what
# the stage calls for every node's text and tail, and for the text inside a match.
_HANDLE_INLINE = "_InlineProcessor__handleInline"

# The block parser offers each block to every block processor by priority until one takes it,
# and most of them look for their syntax with a regular expression over the whole block: a
# paragraph of prose went through a dozen searches (a table's test splits it into rows) before
# the paragraph processor, the last, took it: about half of the parser's time. None of these
# can take a block without one of its strings (those whose test always passes decline in
# their run, putting the block back as it was: footnote, abbr, reference, markdown_block), so
# a block holding none of them is not offered to it. By class (Python-Markdown's own):
# the strings one of which a block holds if the processor may take it.
_BLOCK_NEEDS: dict[str, tuple[str, ...]] = {
    "MarkdownInHtmlProcessor": (util.STX,),  # markdown_block: a stashed HTML block
    "TableProcessor": ("|",),
    "HashHeaderProcessor": ("#",),
    "SetextHeaderProcessor": ("\n=", "\n-"),
    "HRProcessor": ("-", "_", "*"),
    "DefListProcessor": (":",),
    "BlockQuoteProcessor": (">",),
    "FootnoteBlockProcessor": ("[^",),
    "AbbrBlockprocessor": ("*[",),
    "ReferenceProcessor": ("]:",),
}
# Offered every block as before: those whose test looks at the block's start only (as cheap
# as the shortcut's look), and the paragraph, which takes what is left.
_BLOCK_AS_IS = frozenset(
    (
        "EmptyBlockProcessor",
        "ListIndentProcessor",
        "DefListIndentProcessor",
        "CodeBlockProcessor",
        "SaneOListProcessor",
        "SaneUListProcessor",
        "ParagraphProcessor",
    )
)


def _holds_any(strings: Iterable[str]) -> Callable[[str], bool]:
    """Whether a text holds any of ``strings``: the characters among them looked for at once
    (a class; an alternation of them was four times slower), the longer ones one by one."""
    chars = "".join(sorted(string for string in strings if len(string) == 1))
    longer = sorted(string for string in strings if len(string) > 1)
    if len(chars) == 1 and not longer:
        return lambda text: chars in text
    search = re.compile(f"[{re.escape(chars)}]").search if chars else None

    def holds(text: str) -> bool:
        return (search is not None and search(text) is not None) or any(
            string in text for string in longer
        )

    return holds


def _inline_shortcut(converter: markdown.Markdown) -> None:
    patterns = converter.inlinePatterns
    names = [name for name in _INLINE_STARTS if name in patterns]
    try:
        inline = converter.treeprocessors["inline"]
    except KeyError:
        return
    handle: Callable[[str, int], str] | None = getattr(inline, _HANDLE_INLINE, None)
    if handle is None or not names or len(names) != len(patterns):
        return  # another version's stages: converted as they are
    may_be_inline = _holds_any({start for name in names for start in _INLINE_STARTS[name]})

    def shortcut(data: str, pattern_index: int = 0) -> str:
        if not may_be_inline(data):
            return data
        return handle(data, pattern_index)

    setattr(inline, _HANDLE_INLINE, shortcut)


def _block_shortcut(converter: markdown.Markdown) -> bool:
    """Install the block shortcut; False (and nothing changed) when a block processor is
    not one it knows."""
    processors = list(converter.parser.blockprocessors)
    kinds = [type(processor) for processor in processors]
    if any(
        not kind.__module__.startswith("markdown.")
        or (kind.__name__ not in _BLOCK_NEEDS and kind.__name__ not in _BLOCK_AS_IS)
        for kind in kinds
    ):
        return False
    for processor, kind in zip(processors, kinds, strict=True):
        if kind.__name__ in _BLOCK_NEEDS:
            may_take = _holds_any(_BLOCK_NEEDS[kind.__name__])
            test: Callable[[Element, str], bool] = processor.test

            def guarded(
                parent: Element,
                block: str,
                test: Callable[[Element, str], bool] = test,
                may_take: Callable[[str], bool] = may_take,
            ) -> bool:
                return may_take(block) and test(parent, block)

            setattr(processor, "test", guarded)  # noqa: B010 - a method replaced on the instance
    return True


def _converter() -> markdown.Markdown:
    """A Python-Markdown instance with the extensions feedpub reads Markdown with, taking the
    shortcuts its patterns and processors allow."""
    converter = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    _inline_shortcut(converter)
    _block_shortcut(converter)
    return converter


def convert(body: str) -> str:
    """The Markdown body as HTML, by this thread's Python-Markdown instance."""
    converter: markdown.Markdown | None = getattr(_LOCAL, "markdown", None)
    if converter is None:
        converter = _converter()
        _LOCAL.markdown = converter
    return converter.reset().convert(body)
