"""Bylines away from the headline, for a page whose header lines name nobody: the first byline
anywhere, an author's note after the article, the person a personal site's copyright names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

from ..metadata import Block, single_spaced
from .byline_text import (
    AUTHOR_LINK,
    BY_ALONE,
    BYLINE,
    DIGIT,
    FAR_BYLINE_CHARS,
    FAR_BYLINE_WORDS,
    FOLLOW,
    ITEM_MARK,
    Found,
    after_alone,
    byline_authors,
    continues_prose,
    name_before_date,
    relabelled,
    unglued_lead,
    word_count,
)
from .names import JOINING, is_people_name, is_role_line

__all__ = ["author_bio", "cjk_byline", "copyright_holder", "first_byline"]

# A Chinese or Japanese byline's label and the names after it, where a Chinese page states
# its author (作者 "author", 记者 "reporter", 责任编辑 "editor in charge", 撰文 "written by";
# Japanese 著者, 筆者): a colon after the label, then a name of two to four ideographs (a
# Chinese name has no spaces) ending at what is no ideograph; another label right after the
# colon is no name (``作者：责任编辑：Jane``: the author left blank, the editor named).
_CJK_LABELS = "作者|记者|記者|责任编辑|責任編輯|撰文|著者|筆者"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK_BYLINE = re.compile(
    rf"(?:{_CJK_LABELS})\s*[：:]\s*(?!{_CJK_LABELS})"
    rf"(?P<names>[{_HAN}]{{2,4}}(?:[\s、，,]+[{_HAN}]{{2,4}})*)(?![{_HAN}])"
)
_CJK_SEPARATOR = re.compile(r"[\s、，,]+")


def cjk_byline(line: str) -> tuple[str, ...]:
    """The names a Chinese or Japanese byline's label introduces in ``line``
    (``责任编辑：Jane``, ``【责任编辑：Jane】``, ``记者：Jane、John``), or none."""
    found = _CJK_BYLINE.search(line) if "：" in line or ":" in line else None
    return tuple(_CJK_SEPARATOR.split(found.group("names"))) if found else ()


# An author's note after the article: "Meg James is a corporate media reporter for the Los
# Angeles Times", "Molly Wood (@mollywood) is an Ideas contributor at WIRED", "Contact Mark
# Di Stefano at mark.distefano@buzzfeed.com".
_BIO = re.compile(
    r"^(?:[*•·]\s+)?(?P<name>(?:[A-ZÀ-Þ][\w.'’-]+\s+){1,3}[A-ZÀ-Þ][\w.'’-]+)(?:\s+\(@\w+\))?"
    r"\s+(?:is|was)\s+(?:a|an|the)\s+[^.]{0,80}?\b(?:reporter|writer|editor|correspondent"
    r"|columnist|journalist|contributor|author|producer|critic|blogger|freelancer|analyst)s?\b"
    r"|^(?:Contact|Email|E-mail|Reach)\s+(?P<contact>(?:[A-ZÀ-Þ][\w.'’-]+\s+){1,3}"
    r"[A-ZÀ-Þ][\w.'’-]+)\s+(?:at|on|via)\s"
)


def author_bio(blocks: Sequence[Block]) -> Found | None:
    """(the author, where) an author's note names (``_BIO``), the first of them; else the
    person an author's box names (``_boxed_author``)."""
    for block in blocks:
        if block.text[:1] not in _BIO_OPENERS:
            continue
        found = _BIO.match(block.text)
        if found is not None:
            name = " ".join((found.group("name") or found.group("contact")).split())
            if is_people_name(name):
                return (name,), f"line {block.line}: the author's note"
    return _boxed_author(blocks)


def _boxed_author(blocks: Sequence[Block]) -> Found | None:
    """(the person, where) an author's box names: a person's name alone on its line, the
    line under it opening a note about the author with the same name and going on in lower
    case or after a comma, in any language (``Jane Doe`` / ``Jane Doe lehrt Geschichte an
    ...``, ``Jane Doe`` / ``Jane Doe, Jahrgang 1979, ist ...``); never a line that only says
    the name again (a picture's alt text, then the link), a teaser's headline opening with
    the name (no sentence ends in it), the end of a wrapped sentence (``... Lehren aus`` /
    ``Vietnam und Malaysia``) or names joined."""
    lines = [
        (single_spaced(text), block.line + i if block.line else 0, block, i)
        for block in blocks
        for i, text in enumerate(block.lines or (block.text,))
    ]
    previous = ""
    for (text, number, _, _), (below, _, block, i) in pairwise(lines):
        name, above, previous = ITEM_MARK.sub("", text), previous, text
        if len(name) > _BOX_NAME_CHARS or not below.startswith(name):
            continue
        rest = below[len(name) :]
        note = (block.lines or ())[i:]  # the note's lines, from the one under the name
        if (
            (rest[:2] == ", " or (rest[:1] == " " and rest[1:2].islower()))
            and _SENTENCE_END.search(" ".join(note) or below)
            and is_people_name(name)
            and not JOINING.intersection(name.lower().split())
            and not continues_prose(above)
        ):
            return (name,), f"line {number}: the author's box"
    return None


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_BOX_NAME_CHARS = 60


_BIO_OPENERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ*•·")


def first_byline(lines: Iterable[str], date_start: Callable[[str], int | None]) -> tuple[str, ...]:
    """The people the first byline among ``lines`` names, for a page whose byline stands away
    from what was taken for its headline: a line opening with its word (``By``, ``Von``,
    ``Posted by``) and a full name, also when the word is alone on the line above the name;
    a name and a newsroom role on the next line (``Ben Silverman`` / ``Games Editor``); a
    name before a date (``Alex Perry 1 day ago``; ``date_start`` says where a line's first
    date starts)."""
    previous, block_start = "", True
    for line in lines:
        if not line:  # between blocks (a line goes on with its own block's sentence only)
            block_start = True
            continue
        words: Sequence[str] = line.split() if len(line) <= FAR_BYLINE_CHARS else ()
        wrapped, block_start = not block_start and continues_prose(previous), False
        many = len(words) > FAR_BYLINE_WORDS and word_count(words) > FAR_BYLINE_WORDS
        if not words or many or wrapped:
            previous = line
            continue
        if cjk := cjk_byline(line):  # "责任编辑：Jane": an ideograph's name is one word
            return cjk
        line = relabelled(unglued_lead(line))
        words = line.split()
        if BY_ALONE.match(previous):
            line, words = after_alone(previous, line), ("by", *words)
        candidates: tuple[str, ...] = ()
        posted = _POSTED_AT.match(line) if words[0].lower() in _POSTED_WORDS else None
        if posted is not None:  # "Posted by jdoe at 10:52": a blog's poster, as written
            return (" ".join(posted.group("name").split()),)
        if words[0].lower().rstrip(":") in _BYLINE_STARTS:
            candidates = byline_authors(line) if BYLINE.match(line) else ()
        elif not line[:1].isupper():
            pass
        elif (
            2 <= len(previous.split()) <= 5
            and is_people_name(named := ITEM_MARK.sub("", previous.strip()))
            and (is_role_line(line) or _links_to_author(line, named))
        ):  # "Jane Doe" / "Games Editor", "• Jane Doe" / "Alles von Jane Doe"
            candidates = (" ".join(named.split()),)
        elif len(words) >= 3 and words[1][:1].isupper() and DIGIT.search(line):
            candidates = name_before_date(line, date_start(line))
        if candidates and len(candidates[0].split()) >= 2:
            return candidates
        previous = line
    return ()


def _links_to_author(line: str, name: str) -> bool:
    """Whether ``line``, under ``name`` away from the headline, links to that author's page:
    a link to the author's articles that says the name again (``Alles von Jane Doe``) or
    says it is the author's (``Search for this author in:``, ``MEHR VOM AUTOR``), not one
    to every article (``Subject Areas`` / ``All Articles``: a menu's heading)."""
    if FOLLOW.match(line.strip()):  # "Jane Doe" / "Follow": the author's follow button
        # (not a newsletter's box: "Join Our Newsletter" / "Follow Us")
        return not _POSSESSIVES.intersection(name.lower().split())
    found = AUTHOR_LINK.search(line)
    return found is not None and (found.group("author") is not None or name in line)


# Words of a site's address to its readers, never of a person's name.
_POSSESSIVES = frozenset(["our", "your", "my", "unser", "unsere", "unseren", "dein", "deine",
                          "notre", "nos", "votre", "nuestro", "nuestra", "onze",
                          "jouw"])  # fmt: skip


# A blog's line under its post (Blogger's, in the blog's language): who posted it, at what
# time ("Posted by jdoe at 10:52 AM", "Eingestellt von der Michel um 21:11", "Publié par
# Jane Doe à 08:00"): the poster's name as the blog shows it, one word or several, any case.
_POSTED_WORDS = frozenset(["posted", "eingestellt", "publié", "publicado", "pubblicato",
                           "geplaatst"])  # fmt: skip
_POSTED_AT = re.compile(
    r"(?i:posted\s+by|eingestellt\s+von|publié\s+par|publicado\s+por|pubblicato\s+da"
    r"|geplaatst\s+door)\s+(?P<name>[^\s\d|•·,;:()]+(?:\s+[^\s\d|•·,;:()]+){0,4}?)"
    r"\s+(?i:at|um|à|a\s+las|alle|om)\s+\d{1,2}[:.]\d\d\b"
)
# The first words a BYLINE can open with (lowercased, without a colon).
_BYLINE_STARTS = frozenset(
    [
        "by",
        "von",
        "par",
        "por",
        "door",
        "written",
        "reported",
        "posted",
        "analysis",
        "opinion",
        "commentary",
        "story",
        "words",
        "reporting",
        "article",
        "rédigé",
        "écrit",
        "publié",
        "geschrieben",
        "verfasst",
        "escrito",
        "publicado",
        "geschreven",
        "geplaatst",
        "published",
        "veröffentlicht",
        "text",
        "texto",
        "auteur",
        "autor",
        "autorin",
        "author",
        "tekst",
    ]
)


# A personal site's copyright line: a year or a "by" between the mark and the name, nothing
# after the name but a separator or the rights reserved ("© 2020 Jane Doe", "Copyright ©
# 2012-2020 by Jane Doe - All rights reserved", "2009-2020 by Jane Doe", "© by Jane Doe |").
_YEAR = r"(?:19|20)\d\d"
_COPYRIGHT = re.compile(
    rf"(?:(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?:{_YEAR}(?:\s*[–—-]\s*(?:{_YEAR})?)?\s*"
    rf"(?:[–—-]\s*)?(?:by\s+)?|by\s+)|(?<![\w-]){_YEAR}\s*[–—-]\s*{_YEAR}\s+by\s+)"
    r"(?P<name>[A-ZÀ-Þ][\w'’-]*(?:\s+(?:[A-ZÀ-Þ][\w'’-]*|van|von|de|der|den|du|da))*)"
    r"(?=\s*$|\s*[|–—•·,]|\s+-\s|\.?\s+(?i:all\s+rights|alle\s+rechte|tous\s+droits"
    r"|todos\s+los\s+derechos|alle\s+rechten|tutti\s+i\s+diritti))",
    re.IGNORECASE,
)
# A company's or a publication's word: "Acme GmbH", "Unsere Zeitung", "Eishockeynews".
_COMPANY = re.compile(
    r"\b(?:gmbh|inc|ltd|limited|llc|corp|corporation|co|sa|se|ag|kg|plc|bv|nv|srl|sp)\b"
    r"|news|zeitung|magazin|blog|online|live|media|verlag|presse?|radio|software|shop|group"
    r"|gruppe|team|redaktion|creative\s+commons",
    re.IGNORECASE,
)
_FOOTER_LINES = 40  # a site's copyright stands among its last lines


def copyright_holder(blocks: Sequence[Block]) -> Found | None:
    """(the person, where) a personal site's copyright line among the text's last lines
    names (``_COPYRIGHT``: ``© 2020 Jane Doe``), its owner, who writes what it shows; never a
    company's or a publication's (``© 2020 Acme GmbH``, ``© Unsere Zeitung``), nor one with
    a word in capitals (``© 2020 ACME Schweiz``)."""
    tail = [
        (text, block.line + i if block.line else 0)
        for block in blocks[-_FOOTER_LINES:]
        for i, text in enumerate(block.lines or (block.text,))
    ][-_FOOTER_LINES:]
    for text, number in reversed(tail):
        if len(text) > FAR_BYLINE_CHARS or not _MAY_COPYRIGHT.search(text):
            continue
        found = _COPYRIGHT.search(text)
        if found is None:
            continue
        name = " ".join(found.group("name").split())
        words = name.split()
        shouted = any(w.isupper() and len(w) > 1 for w in words)  # a company's, as often
        if is_people_name(name) and not shouted and _COMPANY.search(name) is None:
            return (name,), f"line {number}: the site's copyright"
    return None


# ``©|\(c\)|copyright|\d\d\s+by\s`` ignoring case, spelled to open with a set of characters
# (as ``sitenames._COPYRIGHT``: a search skips to them).
_MAY_COPYRIGHT = re.compile(
    r"[©(cC\d](?:(?<=©)|(?<=\()[cC]\)|(?<=[cC])[oO][pP][yY][rR][iIİı][gG][hH][tT]"
    r"|(?<=\d)\d\s+[bB][yY]\s)"
)
