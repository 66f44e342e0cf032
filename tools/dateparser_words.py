"""Write ``feedpub/dateparser_words.py``: what ``feedpub.dateparser_dates`` reads of the
installed dateparser (each of the seven languages' words, the zone table's abbreviations)
kept as data, with the dateparser version it was made from (feedpub uses it only with that
version). Run it after upgrading dateparser; ``tests/test_dateparser_words.py`` fails until
then.

    .venv/bin/python tools/dateparser_words.py
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feedpub.dateparser_dates import (  # noqa: E402 - the checkout's package, not an installed one
    LANGUAGES,
    language_words,
    zone_abbreviations,
)

TARGET = ROOT / "feedpub" / "dateparser_words.py"


def _words(words: frozenset[str], indent: int) -> str:
    """``words`` sorted, as implicitly joined string literals of space-separated words."""
    if not words:
        return '""'
    lines = textwrap.wrap(" ".join(sorted(words)), width=90 - indent, break_on_hyphens=False)
    pad = " " * indent
    return "(\n" + "".join(f'{pad}"{line} "\n' for line in lines) + pad[4:] + ")"


def source() -> str:
    """The module's text."""
    import dateparser

    abbreviations = zone_abbreviations()
    zones = "None" if abbreviations is None else _words(abbreviations, 4)
    languages = "".join(
        f'    "{language}": (\n'
        f"        {_words(known, 12)},\n"
        f"        {_words(strong, 12)},\n"
        "    ),\n"
        for language in LANGUAGES
        for known, strong in [language_words((language,))]
    )
    return (
        '"""What feedpub.dateparser_dates reads of dateparser, kept as data: made by\n'
        "tools/dateparser_words.py from the dateparser below, used only with that version;\n"
        'do not edit by hand."""\n\n'
        f'DATEPARSER_VERSION = "{dateparser.__version__}"\n\n'
        "# The upper-cased ASCII abbreviations of its zone table, space-separated (None: a\n"
        "# table of another shape).\n"
        f"ZONE_ABBREVIATIONS: str | None = {zones}\n\n"
        "# Each language's (every word, the words that say a date), lowercased without accents,\n"
        "# space-separated.\n"
        "WORDS: dict[str, tuple[str, str]] = {\n"
        f"{languages}"
        "}\n"
    )


def main() -> None:
    TARGET.write_text(source(), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(TARGET)], check=False)
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
