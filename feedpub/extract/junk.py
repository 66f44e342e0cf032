"""Junk in a scraped article: site chrome, teasers, share buttons, ads and photo credits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..metadata import Block

__all__ = [
    "AGENCY_LINE",
    "article_blocks",
    "article_end",
    "credit_start",
    "is_caption",
    "is_footer",
    "is_junk",
    "is_junk_line",
    "is_menu",
    "junk_line_at",
    "page_kinds",
    "without_junk_lines",
]

# Lines that are site chrome, never a headline or a publisher.
_CHROME = re.compile(
    r"^(?:menu|home|homepage|skip to (?:main )?content|search|suche|rechercher|buscar|zoeken"
    r"|sign in|log ?in|anmelden|se connecter|iniciar sesión|inloggen|subscribe|abonnieren"
    r"|s'abonner|suscríbete|abonneren|breaking(?: news)?|eilmeldung|live|liveblog|direct"
    r"|en direct|en vivo|newsletter|advertisement|advertising|anzeige|werbung|publicité|publicidad"
    r"|advertentie|sponsored|gesponsert|share|teilen|partager|compartir|delen"
    r"|exclusive|exklusiv|exclusif|exclusiva|exclusief|premium|\+|plus|save|print"
    r"|comments?|comentar|comentarios|commenter|commentaires|kommentare?|kommentieren|reageer"
    r"|reacties|close|copied|sharing is caring|\d*\s*shares?|image \d+ of \d+"
    r"|startseite|accueil|inicio|portada|voorpagina)\W*$",
    re.IGNORECASE,
)
# A line naming only a news or photo agency: a credit in a body, maybe the publisher above
# the headline ("Reuters").
AGENCY_LINE = re.compile(
    r"^(?:getty(?: images)?|reuters|afp|ap|dpa|epa|pa media|anp|efe|europa press|belga"
    r"|shutterstock|alamy|imago)(?:\s*/\s*[\w ]+)?\W*$",
    re.IGNORECASE,
)
# What follows an article's own text on a page: other articles, comments, tags, follow-us
# and newsletter prompts, paywalls. Each is junk, and marks where the article has ended
# (the teasers an article carries inside it, "Lesen Sie auch", "Lire aussi", are in _JUNK).
_ENDS = (
    r"related(?: articles?| stories| posts| content| coverage| topics)?|more on this"
    r"|more (?:from|news|stories|like this)|top stories|most (?:read|popular|viewed)"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested)|recommended(?: for you)?"
    r"|trending(?: now)?|popular (?:now|stories)|latest (?:news|stories)|up next|what to read next"
    r"|mehr (?:news|aus|nachrichten|artikel|themen|vom)|meistgelesen|das könnte sie"
    r"|weitere (?:artikel|themen|nachrichten|meldungen)"
    r"|les plus lus|plus d'(?:actualités|articles|infos)"
    r"|dans la même rubrique|nos autres articles|vous aimerez aussi"
    r"|lo más (?:leído|visto)|más noticias|noticias relacionadas"
    r"|también te puede|otras noticias"
    r"|meer (?:uit|over|nieuws|van|in)|meest gelezen|gerelateerde artikelen"
    r"|like this\s*:|labels\s*:|tags?\s*:|tagged(?: with)?\b|filed under|posted in"
    r"|categories\s*:|category\s*:"
    r"|schlagwörter|themen\s*:|étiquettes|mots-clés|etiquetas|temas\s*:|categorieën"
    r"|no comments|\d+ (?:comments?|kommentare?|commentaires?|comentarios?|reacties|reactions)"
    # WordPress's comment heading: "10 thoughts on “Title”", "One Response to “Title”"
    r"|(?:\d+|one) (?:thoughts?|responses?|repl(?:y|ies)) (?:on|to) (?=[“\"‘'])"
    r"|(?:view|show|read|load|see) (?:all )?comments|comments?(?: \(\d+\))?\s*:?$"
    r"|leave a (?:comment|reply)|post a comment|add a comment|write a comment|join the discussion"
    r"|kommentar (?:schreiben|verfassen)|laisser un commentaire|réagir|deja (?:un|tu) comentario"
    r"|laat een reactie achter|reageer op dit artikel|reacties\s*:"
    r"|about the author|über (?:den|die) autor(?:in)?|à propos de l'auteur|sobre el autor"
    r"|over de auteur"
    r"|follow us|folgen sie uns|suivez-nous|síguenos|volg ons"
    r"|get [\w ]{1,30} on (?:whatsapp|telegram|facebook|twitter|instagram|apple news|google news)"
    r"|sign up (?:for|to)|subscribe (?:to|for|now)|newsletter|nieuwsbrief|boletín"
    r"|inscrivez-vous|abonnez-vous|jetzt (?:abonnieren|registrieren|[\w ]{1,30} testen)"
    r"|suscríbete|abonneer|already (?:a subscriber|have an account)|bereits abonnent"
    r"|déjà abonné|ya (?:eres|soy) suscriptor|al abonnee"
    r"|(?:this|the) (?:article|story|content) is (?:only )?(?:for|available to) subscribers"
    r"|to (?:continue|keep) reading|continue reading|keep reading|um weiterzulesen"
    r"|pour lire la suite|para (?:seguir|continuar) leyendo|sigue leyendo|seguir leyendo"
    r"|om verder te lezen|lees verder|verder lezen"
    r"|cookies? (?:policy|settings)"
)
# A cookie notice, whatever its length and punctuation: "We use cookies to give you ...".
_COOKIES = re.compile(
    r"^(?:we use cookies|(?:this|our) (?:site|website) uses cookies|wir verwenden cookies"
    r"|diese (?:website|seite) (?:verwendet|nutzt) cookies|nous utilisons des cookies"
    r"|ce site utilise des cookies|utilizamos cookies|usamos cookies|este sitio (?:web )?utiliza"
    r" cookies|wij gebruiken cookies|deze (?:website|site) gebruikt cookies"
    r"|(?:accept|akzeptieren|accepter|aceptar|accepteren)\w* (?:all |alle |tous |todas )?"
    r"(?:les |las )?cookies)",
    re.IGNORECASE,
)
# Junk lines in a body: teasers for other articles, ads, share buttons, newsletter prompts.
_JUNK = re.compile(
    r"^(?:see also|read (?:more|also|next|later)|main articles?\s*:"
    r"|media caption|image (?:caption|copyright|source)|#\w+\s+#\w+"
    r"|advertisement|sponsored|share (?:this|on|article)|click (?:here|to (?:share|email|print))"
    r"|listen to (?:this )?article|artikel anhören|écouter (?:cet )?article"
    r"|escuchar (?:la )?noticia|artikel beluisteren|watch:|subscribers only"
    r"|premium content"
    r"|news provided by|nur für abonnenten|article réservé aux abonnés|réservé aux abonnés"
    r"|exclusivo para suscriptores|alleen voor abonnees"
    r"|lesen sie (?:auch|mehr)|mehr zu(?:m thema)?|zum thema|auch interessant|weiterlesen"
    r"|anzeige|werbung"
    r"|artikel teilen"
    r"|lire (?:aussi|la suite)|à lire aussi|a lire aussi|voir aussi|sur le même sujet"
    r"|publicité|partager"
    r"|lee también|leer más|lea también|ver también|te puede interesar|publicidad|compartir"
    r"|más información"
    r"|lees (?:ook|meer)|bekijk ook|ook interessant|advertentie|delen|deel dit artikel"
    rf"|{_ENDS})(?!\w)",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^(?:(?:share|teilen|partager|compartir|delen|facebook|twitter|x|whatsapp|linkedin|email"
    r"|e-mail|mail|print|drucken|imprimer|imprimir|copy link|link kopieren|copier le lien"
    r"|pinterest|reddit|telegram|messenger|flipboard|tweet|pin it|pin|google\+?|tumblr|pocket"
    r"|xing|sms|threads|bluesky|mastodon|instagram|youtube|rss|comment|kommentieren|like"
    r"|gefällt mir|j'aime|me gusta|email this|mail this|copy url|url kopieren|share on \w+"
    r"|share via \w+|teilen auf \w+|partager sur \w+|compartir en \w+|delen op \w+)"
    r"[\s,|·•/]*)+$",
    re.IGNORECASE,
)
# What a video player (video.js and the like) shows as text: its buttons, times and dialogs.
_PLAYER = re.compile(
    r"^(?:play(?: video)?|pause|replay|mute|unmute|fullscreen|full screen|exit full ?screen"
    r"|non-fullscreen|(?:current|duration|remaining) time\b.{0,20}|loaded\s*:\s*\d.{0,10}"
    r"|progress\s*:\s*\d.{0,10}|stream type live|seek to live.{0,40}"
    r"|this is a modal window\b.*|beginning of dialog window\b.*|end of dialog window\b.*"
    r"|captions settings|subtitles settings|descriptions off|captions off|subtitles off"
    r"|audio track|playback rate|video player is loading\b.*)\W*$",
    re.IGNORECASE,
)
_READING_TIME = re.compile(
    r"^(?:\d+\s*[–-]\s*\d+\s*(?:min(?:ute)?s?|minuten?)\.?"
    r"|\d+\s*(?:min(?:ute)?s?|minuten?)\.?\s*(?:read|lesezeit|de lecture|de lectura|leestijd)"
    r"|(?:lesezeit|temps de lecture|lecture|lectura|leestijd|reading time)"
    r"\s*:?\s*\d+\s*min\w*\.?)$",
    re.IGNORECASE,
)
_CREDIT_WORDS = (
    r"©|\(c\)|photo\s?:|photos\s?:|foto\s?:|fotos\s?:|bild\s?:|image\s?:|picture\s?:"
    r"|credit\s?:|crédit(?: photo)?\s?:|photo credit\s?:|source\s?:\s?(?=[A-Za-z])|imagen\s?:"
    r"|quelle\s?:|fuente\s?:|bron\s?:"
    r"|fotografía\s?:|beeld\s?:"
)
# A whole line that is only a photo credit: "Photo: Reuters", "© AFP", "Foto: dpa/Kay Nietfeld".
_CREDIT_LINE = re.compile(rf"^(?:{_CREDIT_WORDS})\s*\S.{{0,60}}$", re.IGNORECASE)
# A trailing photo credit: "... in Belarus. ©AP", "(Photo: Reuters)", "Foto: dpa".
_CREDIT = re.compile(
    rf"\s*\(?(?:{_CREDIT_WORDS})\s*[\w.&/'-]+(?:[ ][A-Z][\w.&/'-]*){{0,3}}\)?\s*$",
    re.IGNORECASE,
)


# A site's footer: "Copyright 2025 The Associated Press. All rights reserved.", "© 2024 Le
# Monde": how it starts, or how it ends (looked for only in a line's last characters).
_FOOTER_START = re.compile(r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}\b|by\b)", re.IGNORECASE)
_RIGHTS = re.compile(
    r"\b(?:all rights reserved|alle rechte vorbehalten|tous droits réservés"
    r"|todos los derechos reservados|alle rechten voorbehouden)\W*$",
    re.IGNORECASE,
)
_RIGHTS_TAIL = 40  # characters: the longest of those phrases and what may follow it


def is_footer(text: str) -> bool:
    """A site's copyright line."""
    return (
        _FOOTER_START.match(text) is not None
        or _RIGHTS.search(text, max(0, len(text) - _RIGHTS_TAIL)) is not None
    )


# A rule between parts of a page: "___", "* * *" is a section break and stays.
_RULE = re.compile(r"^(?:_{3,}|-{3,}|={3,}|~{3,}|\.{4,})$")
# An embedded tweet's signature: "— Jane Doe (@janedoe) December 5, 2023", and its pictures.
_TWEET = re.compile(
    r"(?:[—–-]\s*[^()]{1,60}\(@\w{1,15}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}|pic\.twitter\.com/\w+)\s*$",
    re.IGNORECASE,
)
# A caption's trailing credit in parentheses: "(AP Photo/Rodrigo Abd)", "(©(AP PHOTO/RODRIGO
# ABD)", "(Photo: Reuters)", "(Foto: dpa)", "(Getty Images)".
_CAPTION_CREDIT = re.compile(
    r"\(\s*(?:©\s*)?\(?\s*(?:[\w.&-]+\s+){0,3}(?:photos?|fotos?|images?|bild|imagen|beeld|foto's"
    r"|pictures?|video)\b[^()]{0,60}\)\)?\s*$"
    r"|\(\s*(?:getty images|reuters|afp|ap|dpa|epa|anp|efe|shutterstock|alamy|imago)"
    r"(?:\s*/\s*[^()]{1,40})?\)\s*$",
    re.IGNORECASE,
)
_CAPTION_WORDS_MAX = 60  # a caption is short; a longer paragraph only loses its credit


def is_caption(text: str) -> bool:
    """A photo caption ending in its credit, or a credit alone: "(AP Photo)", "Lima, Peru,
    Monday. (AP Photo/Rodrigo Abd)"."""
    return (
        text.endswith(")")
        and len(text.split()) <= _CAPTION_WORDS_MAX
        and _CAPTION_CREDIT.search(text[-100:]) is not None
    )


# A list item as text renderers draw one: "* Login", "• News", "  + Sport", "1. Step".
_BULLET = re.compile(r"^(?:[*•◦▪□■●+#·-]|o(?= )|\d{1,2}[.)])\s*(?=\S)")
_BULLET_STARTS = frozenset("*•◦▪□■●+#·-o0123456789")

_JUNK_LINE_MAX = 300  # characters: a teaser, button row or credit is never longer


# The junk that is junk whatever its length or punctuation, as one pattern: one match per
# line instead of eight, and the normaliser asks about every short line, some several times.
_WHOLE_LINE_PATTERNS = (
    _SOCIAL,
    _READING_TIME,
    _CREDIT_LINE,
    _CHROME,
    AGENCY_LINE,
    _RULE,
    _COOKIES,
    _PLAYER,
)
_JUNK_WHOLE_LINE = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern in _WHOLE_LINE_PATTERNS), re.IGNORECASE
)
# Both junk patterns for ASCII text (most lines), lowercased: the same patterns not ignoring
# case, which lets the engine skip each branch on its first letter and so answer twice as fast.
# They spell every letter in lower case (and "[A-Za-z]" where any letter goes), so on a
# lowercased ASCII line they match where the originals match the line (tests check).
_JUNK_ASCII = re.compile(_JUNK.pattern)
_JUNK_WHOLE_LINE_ASCII = re.compile(_JUNK_WHOLE_LINE.pattern)


@lru_cache(maxsize=8192)  # a line is asked about by the layout, the article's end and the body
def is_junk(text: str) -> bool:
    """A line or block that is not the article's: chrome, a teaser, share buttons, an ad, a
    credit or caption, a paywall, cookie or newsletter notice, a footer, an embedded tweet."""
    if len(text) > _JUNK_LINE_MAX:
        return False
    if text.isascii():
        junk, whole_line, line = _JUNK_ASCII, _JUNK_WHOLE_LINE_ASCII, text.lower()
    else:
        junk, whole_line, line = _JUNK, _JUNK_WHOLE_LINE, text
    return bool(
        # A teaser is short or unpunctuated; a sentence that merely starts like one is body.
        (junk.match(line) and (len(text.split()) <= 6 or not text.endswith(".")))
        or whole_line.match(line)
        or is_footer(text)
        or is_caption(text)
        or (
            ("@" in text or "/" in text)  # every signature has one
            and _TWEET.search(text) is not None
        )
    )


def is_junk_line(text: str) -> bool:
    """``is_junk``, also for a list item as text renderers draw one (``* Login``): in a body,
    not before the headline, where a page's menu may be all there is to take for one."""
    if text[:1] in _BULLET_STARTS and (item := _BULLET.match(text)) is not None:
        return is_junk(text[item.end() :]) or is_junk(text)
    return is_junk(text)


_CREDIT_MARK = re.compile(r"©|:|\(c\)|\(C\)")  # every credit has one: "©AP", "Photo: Reuters"
# How far into a credit its mark can be: "photo credit :" and "crédit photo :" have their
# colon 13 characters in; one more for an opening "(".
_CREDIT_MARK_LEAD = 14


def credit_start(text: str) -> int | None:
    """Where a trailing photo credit starts in ``text``, None without one."""
    # Only the end can hold a credit; searching just there keeps long paragraphs cheap.
    start = max(0, len(text) - 80)
    mark = _CREDIT_MARK.search(text, start)
    if mark is None:
        return None
    # No credit starts more than _CREDIT_MARK_LEAD characters before the first mark, unless
    # in the white space before one: searching from there finds the same credit, or the same
    # one a few spaces later, which leaves the same text once stripped.
    credit = _CREDIT.search(text, max(start, mark.start() - _CREDIT_MARK_LEAD))
    return None if credit is None else credit.start()


# ----------------------------------------------------------------------------- the article's end

_ENDS_START = re.compile(rf"^(?:{_ENDS})(?!\w)", re.IGNORECASE)
_ENDS_START_ASCII = re.compile(_ENDS_START.pattern)  # for lowercased ASCII, as _JUNK_ASCII


def _says_it_ended(line: str) -> bool:
    if line.isascii():
        return _ENDS_START_ASCII.match(line.lower()) is not None
    return _ENDS_START.match(line) is not None


# How much a block counts for or against being the article's, per line: its words beyond
# LINE_WORDS (a shorter line costs the difference, a sentence never costs), a list item's
# beyond ITEM_WORDS (menus and link lists are made of them); a junk line costs JUNK_COST, and
# a line saying the article has ended (related articles, comments, tags, a footer) END_COST.
# Measured on the development part of the text corpus (tools/text_accuracy.py): see
# docs/accuracy.md.
LINE_WORDS = 7
ITEM_WORDS = 8
JUNK_COST = 2
END_COST = 80
_SENTENCE_END = (".", "!", "?")
_END, _JUNK_LINE, _ITEM, _SENTENCE, _TEXT = range(5)
_NOTICE_WORDS = 40  # the longest junk line: a cookie or paywall notice


def _line_kinds(block: Block) -> list[tuple[int, int]]:
    """(kind, words) of each line of ``block``."""
    kinds: list[tuple[int, int]] = []
    for line in block.lines or (block.text,):
        words = len(line.split())
        item = _BULLET.match(line) if line[:1] in _BULLET_STARTS else None
        rest = line[item.end() :] if item else line
        short = words <= _NOTICE_WORDS  # longer lines are prose, never junk
        if (words <= 8 and _says_it_ended(rest)) or (short and is_footer(line)):
            kind = _END
        elif short and (
            _RENDERED.match(line) is not None or is_junk(rest) or (item and is_junk(line))
        ):
            kind = _JUNK_LINE
        elif item is not None:
            kind = _ITEM
        elif line.rstrip("'\"”’»)").endswith(_SENTENCE_END):
            kind = _SENTENCE
        else:
            kind = _TEXT
        kinds.append((kind, words))
    return kinds


# A photo gallery's caption as renderers number it: "* 1/50 United goin down", "2/50 Star Wars
# boosts economy" (the picture's number of the gallery's; a caption of prose follows).
_GALLERY_ITEM = re.compile(r"^(?:[*•+-]\s*)?(\d{1,3}) ?/ ?(\d{1,3}) +\S")
_GALLERY_STARTS = frozenset("*•+-0123456789")


def page_kinds(blocks: Sequence[Block]) -> list[list[tuple[int, int]]]:
    """The ``_line_kinds`` of each of a page's blocks, a photo gallery's captions marked as
    saying the article has ended (a gallery follows the article, or precedes it, and its
    captions read like paragraphs). A gallery: a number of pictures its first three are
    numbered against (``1/50``, ``2/50``, ``3/50``), which no recipe's fractions are."""
    kinds = [_line_kinds(block) for block in blocks]
    numbered: dict[str, set[str]] = {}
    items: list[tuple[int, int, str]] = []
    for b, block in enumerate(blocks):
        for i, line in enumerate(block.lines or (block.text,)):
            if line[:1] in _GALLERY_STARTS and (item := _GALLERY_ITEM.match(line)) is not None:
                numbered.setdefault(item.group(2), set()).add(item.group(1))
                items.append((b, i, item.group(2)))
    galleries = {total for total, seen in numbered.items() if {"1", "2", "3"} <= seen}
    for b, i, total in items:
        if total in galleries:
            kinds[b][i] = (_END, kinds[b][i][1])
    return kinds


def _block_value(kinds: list[tuple[int, int]]) -> int:
    value = 0
    for kind, words in kinds:
        if kind == _END:
            return -END_COST
        if kind == _JUNK_LINE:
            value -= JUNK_COST
        elif kind == _ITEM:
            value += words - ITEM_WORDS
        elif kind == _SENTENCE:
            value += max(words - LINE_WORDS, 0)
        else:
            value += words - LINE_WORDS
    return value


def article_end(blocks: Sequence[Block]) -> int:
    """How many of ``blocks`` (a scraped page's text after its headline) are the article: up
    to the end of the run of blocks that counts most for being it (see ``_block_value``; the
    run may start after a menu). A page's article comes first and is followed by other
    articles' teasers, comments, menus and its footer; a block that says the article has
    ended (``Related``, ``3 comments``, ``Mehr News``, a copyright line) counts heavily
    against what follows. All of them when nothing counts for it."""
    return _end([_block_value(k) for k in page_kinds(blocks)])


def _end(values: Sequence[int]) -> int:
    # The article ends before a block saying so (or at the last block): at the one ending
    # the run that counts most, which may start after a menu. Ending anywhere else measured
    # worse: lists and code are short lines too.
    best, best_end, total, lowest = 0, len(values), 0, 0
    for index, value in enumerate(values):
        total += value
        ends = index + 1 == len(values) or values[index + 1] == -END_COST
        if ends and total - lowest >= best:
            best, best_end = total - lowest, index + 1
        lowest = min(lowest, total)
    return best_end


# What text renderers leave of a page's images, frames and buttons: "[Carrie_Arnold.jpg]",
# "IFRAME: https://...", "(BUTTON) Share", "[INS::INS]".
_RENDERED = re.compile(
    r"^(?:\[[^\]]{0,80}\.(?:jpe?g|png|gif|webp|svg)\]|IFRAME:.*|\(BUTTON\).*|\[INS:.*"
    r"|\[(?:IMG|image|logo|icon)\]|(?:[□•*]\s*)?(?:\[[^\]\s]{1,80}\]\s*)+)$",
    re.IGNORECASE,
)
_CONTINUES = re.compile(r"[\w,;’'\"”-]$")  # a line ending like this runs on into the next


def junk_line_at(lines: Sequence[str], kinds: Sequence[tuple[int, int]], index: int) -> bool:
    """Whether line ``index`` of a block (``kinds``: its ``_line_kinds``) is a junk line to
    drop: one unless it continues the line before it (which ends without a full stop), the
    same paragraph's, and is neither a list item nor a rendered image or button."""
    line = lines[index]
    return kinds[index][0] in (_END, _JUNK_LINE) and (
        index == 0
        or _CONTINUES.search(lines[index - 1]) is None
        or line[:1] in _BULLET_STARTS
        or _RENDERED.match(line) is not None
    )


_MENU_LINES, _MENU_WORDS = 3, 3  # a menu: this many list items or more, none longer


def is_menu(lines: Sequence[str]) -> bool:
    """A block of short list items only: a menu or a list of links (``* Business``,
    ``* Sport``, ``* Weather``)."""
    return len(lines) >= _MENU_LINES and all(
        (item := _BULLET.match(line)) is not None and len(line[item.end() :].split()) <= _MENU_WORDS
        for line in lines
    )


def without_junk_lines(
    block: Block, kinds: Sequence[tuple[int, int]] | None = None
) -> Block | None:
    """A plain-text block without its junk lines (a share row, a credit, a rendered image
    under a paragraph), None when nothing is left. A line that continues the one before it
    (which ends without a full stop) is the same paragraph's and stays."""
    if block.tag is not None:
        return block
    lines = block.lines or (block.text,)
    if kinds is None:
        kinds = _line_kinds(block)
    kept = [index for index in range(len(lines)) if not junk_line_at(lines, kinds, index)]
    if len(kept) == len(lines):
        return block
    if not kept:
        return None
    texts = tuple(lines[i] for i in kept)
    return Block(" ".join(" ".join(texts).split()), block.line + kept[0], None, texts)


def article_blocks(blocks: Sequence[Block]) -> list[Block]:
    """The blocks of a scraped page's text after its headline that are its article: those
    before ``article_end``, without their junk lines."""
    kinds = page_kinds(blocks)
    end = _end([_block_value(k) for k in kinds])
    kept = (without_junk_lines(block, k) for block, k in zip(blocks[:end], kinds, strict=False))
    return [block for block in kept if block is not None]
