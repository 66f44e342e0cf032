"""Junk in a scraped article: site chrome, teasers, share buttons, ads and photo credits."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "AGENCY_LINE",
    "BULLET",
    "BULLET_STARTS",
    "ENDS",
    "LIST_MARKS",
    "TEASER_LABELS",
    "credit_start",
    "is_caption",
    "is_comment_prompt",
    "is_credited",
    "is_footer",
    "is_junk",
    "is_junk_line",
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
_AGENCIES = (
    r"getty(?: images)?|reuters|afp|ap|dpa|epa|pa media|anp|efe|europa press|belga"
    r"|shutterstock|alamy|imago"
)
AGENCY_LINE = re.compile(rf"^(?:{_AGENCIES})(?:\s*/\s*[\w ]+)?\W*$", re.IGNORECASE)
# What follows an article's own text on a page: other articles, comments, tags, follow-us
# and newsletter prompts, paywalls. Each is junk, and marks where the article has ended
# (the teasers an article carries inside it, "Lesen Sie auch", "Lire aussi", are in _JUNK).
ENDS = (
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
# The labels a teaser for another article opens with: junk in a body, and what makes a date
# after them that article's, not this one's (textdates.in_metadata).
TEASER_LABELS = (
    r"see also|read (?:more|also|next)|lesen sie (?:auch|mehr)|auch interessant"
    r"|(?:à )?lire aussi|voir aussi|lee también|ver también|lees ook"
)
# Junk lines in a body: teasers for other articles, ads, share buttons, newsletter prompts.
_JUNK = re.compile(
    rf"^(?:{TEASER_LABELS}|read later|main articles?\s*:"
    r"|media caption|image (?:caption|copyright|source)|#\w+\s+#\w+"
    r"|advertisement|sponsored|share (?:this|on|article)|click (?:here|to (?:share|email|print))"
    r"|listen to (?:this )?article|artikel anhören|écouter (?:cet )?article"
    r"|escuchar (?:la )?noticia|artikel beluisteren|watch:|subscribers only"
    r"|premium content"
    r"|news provided by|nur für abonnenten|article réservé aux abonnés|réservé aux abonnés"
    r"|exclusivo para suscriptores|alleen voor abonnees"
    r"|mehr zu(?:m thema)?|zum thema|weiterlesen"
    r"|anzeige|werbung"
    r"|artikel teilen"
    r"|lire la suite|a lire aussi|sur le même sujet"
    r"|publicité|partager"
    r"|leer más|lea también|te puede interesar|publicidad|compartir"
    r"|más información"
    r"|lees meer|bekijk ook|ook interessant|advertentie|delen|deel dit artikel"
    rf"|{ENDS})(?!\w)",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^(?:(?:share|teilen|partager|compartir|delen|facebook|twitter|x|whatsapp|linkedin|email"
    r"|linked in|fb-messenger"
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


# What a page says over its comments, or where they would be: a reader's prompt to sign in
# before commenting ("You must be logged in to post a comment.", "Du musst angemeldet sein,
# um einen Kommentar abzugeben."), a comment widget's stand-in ("Please enable JavaScript to
# view the comments powered by Disqus.") or notice ("Comments are closed."). Looked for
# anywhere in a short line: it may follow the article's last sentence in one block.
_COMMENT_PROMPT = re.compile(
    r"\b(?:log ?in|sign ?in|sign up|register|logged in|an account|angemeldet|connecté"
    r"|connesso|registrado|ingelogd)\b[^.]{0,40}?\b(?:to|um|pour|per|para|om)\s+"
    r"(?:(?:post|leave|add|write|laisser|poster|écrire|lasciare|inviare|scrivere|dejar"
    r"|publicar|enviar|plaatsen)\s+)?(?:(?:a|einen|un|una|een)\s+)?"
    r"(?:comment|kommentar|commentaire|commenter|commento|comentario|comentar|reactie|reageren)"
    r"|\benable javascript to view the comments|\bcomments? (?:are|is) (?:now )?(?:closed"
    r"|moderated)|\bmoderating (?:all )?comments|\bcomments powered by\b",
    re.IGNORECASE,
)
_COMMENT_PROMPT_WORDS = 25  # longer lines are prose that talks about comments


def is_comment_prompt(text: str) -> bool:
    """A line over a page's comments (see ``_COMMENT_PROMPT``): what follows is no article."""
    # Each prompt names the comments: most lines are answered without the pattern (and
    # without lowering the line: "Comment", "COMMENTS", "Kommentar", "comentario",
    # "reactie", "reageren").
    if not (
        "omment" in text
        or "OMMENT" in text
        or "omentar" in text
        or "eactie" in text
        or "eageren" in text
    ):
        return False
    return len(text.split()) <= _COMMENT_PROMPT_WORDS and _COMMENT_PROMPT.search(text) is not None


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


# The marks w3m draws a list's items with, one a level of nesting: "•", "□", "☆", "○", "■",
# "★", "◎", "●", "△" (and "◦", "▪" other pages write).
LIST_MARKS = "•□☆○■★◎●△◦▪"
# A list item as text renderers draw one: "* Login", "• News", "  + Sport", "1. Step".
BULLET = re.compile(rf"^(?:[*{LIST_MARKS}+#·-]|o(?= )|\d{{1,2}}[.)])\s*(?=\S)")
BULLET_STARTS = frozenset(f"*{LIST_MARKS}+#·-o0123456789")

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
    if text[:1] in BULLET_STARTS and (item := BULLET.match(text)) is not None:
        return is_junk(text[item.end() :]) or is_junk(text)
    return is_junk(text)


# A picture's credit with no label, after a slash: "Sanjeev Verma/Hindustan Times/Getty
# Images", "Ezra Acayan / AFP - Getty Images", "Ali Jadallah/Anadolu via Getty Images".
_SLASH_CREDIT = re.compile(
    rf"/\s*(?:(?:[A-Z][\w.&'-]*|via|for|[—–&-])\s+){{0,4}}(?i:{_AGENCIES})\)?\.?\s*$"
)
_SLASH_CREDIT_TAIL = 60  # characters: the longest such credit


def is_credited(text: str) -> bool:
    """Whether a line or block ends in a picture's credit, as a caption does: ``... lunar
    landers. Credit: Tyvak``, ``(AP Photo/Rodrigo Abd)``, ``... Hindustan Times/Getty Images``."""
    return (
        credit_start(text) is not None
        or is_caption(text)
        or _SLASH_CREDIT.search(text, max(0, len(text) - _SLASH_CREDIT_TAIL)) is not None
    )


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
