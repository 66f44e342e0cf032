"""Junk in a scraped article: site chrome, teasers, share buttons, ads and photo credits."""

from __future__ import annotations

import re

__all__ = ["AGENCY_LINE", "credit_start", "is_junk"]

# Lines that are site chrome, never a headline or a publisher.
_CHROME = re.compile(
    r"^(?:menu|home|homepage|skip to (?:main )?content|search|suche|rechercher|buscar|zoeken"
    r"|sign in|log ?in|anmelden|se connecter|iniciar sesión|inloggen|subscribe|abonnieren"
    r"|s'abonner|suscríbete|abonneren|breaking(?: news)?|eilmeldung|live|liveblog|direct"
    r"|en direct|en vivo|newsletter|advertisement|anzeige|werbung|publicité|publicidad"
    r"|advertentie|sponsored|gesponsert|share|teilen|partager|compartir|delen"
    r"|exclusive|exklusiv|exclusif|exclusiva|exclusief|premium|\+|plus|save|print"
    r"|comments?|comentar|comentarios|commenter|commentaires|kommentare?|kommentieren|reageer"
    r"|reacties"
    r"|startseite|accueil|inicio|portada|voorpagina)\W*$",
    re.IGNORECASE,
)
# A line naming only a news or photo agency: a credit in a body, maybe the publisher above
# the headline ("Reuters").
AGENCY_LINE = re.compile(
    r"^(?:getty images|reuters|afp|ap|dpa|epa|pa media|anp|efe|europa press|belga"
    r"|shutterstock|alamy|imago)(?:\s*/\s*[\w ]+)?\W*$",
    re.IGNORECASE,
)
# Junk lines in a body: teasers for other articles, ads, share buttons, newsletter prompts.
_JUNK = re.compile(
    r"^(?:see also|read (?:more|also|next)|related(?: articles?| stories)?|more on this"
    r"|advertisement|sponsored|share (?:this|on|article)|click here|sign up for|subscribe to"
    r"|listen to (?:this )?article|artikel anhören|écouter (?:cet )?article"
    r"|escuchar (?:la )?noticia|artikel beluisteren|watch:|recommended|subscribers only"
    r"|premium content"
    r"|news provided by|nur für abonnenten|article réservé aux abonnés|réservé aux abonnés"
    r"|exclusivo para suscriptores|alleen voor abonnees"
    r"|lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|weiterlesen|anzeige|werbung"
    r"|artikel teilen|jetzt abonnieren"
    r"|lire (?:aussi|la suite)|à lire aussi|a lire aussi|voir aussi|publicité|partager"
    r"|abonnez-vous|sur le même sujet"
    r"|lee también|leer más|lea también|ver también|te puede interesar|publicidad|compartir"
    r"|suscríbete|más información"
    r"|lees ook|lees meer|bekijk ook|advertentie|delen|deel dit artikel|meer over)\b",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^(?:(?:share|teilen|partager|compartir|delen|facebook|twitter|x|whatsapp|linkedin|email"
    r"|e-mail|mail|print|drucken|imprimer|imprimir|copy link|link kopieren|copier le lien"
    r"|pinterest|reddit|telegram|messenger|flipboard)[\s,|·•/]*)+$",
    re.IGNORECASE,
)
_READING_TIME = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?|minuten?)\.?\s*(?:read|lesezeit|de lecture|de lectura"
    r"|leestijd)|(?:lesezeit|temps de lecture|lecture|lectura|leestijd|reading time)"
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


_JUNK_LINE_MAX = 300  # characters: a teaser, button row or credit is never longer


# The junk that is junk whatever its length or punctuation, as one pattern: one match per
# line instead of five, and the normaliser asks about every short line, some several times.
_JUNK_WHOLE_LINE = re.compile(
    "|".join(
        f"(?:{pattern.pattern})"
        for pattern in (_SOCIAL, _READING_TIME, _CREDIT_LINE, _CHROME, AGENCY_LINE)
    ),
    re.IGNORECASE,
)
# Both junk patterns for ASCII text (most lines), lowercased: the same patterns not ignoring
# case, which lets the engine skip each branch on its first letter and so answer twice as fast.
# They spell every letter in lower case (and "[A-Za-z]" where any letter goes), so on a
# lowercased ASCII line they match where the originals match the line (tests check).
_JUNK_ASCII = re.compile(_JUNK.pattern)
_JUNK_WHOLE_LINE_ASCII = re.compile(_JUNK_WHOLE_LINE.pattern)


def is_junk(text: str) -> bool:
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
