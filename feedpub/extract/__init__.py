"""From a document's blocks to an entry's fields (pure): what a document does not state,
guessed from its text. ``feedpub.normalise`` ties these to the readers.

- ``layout``: the headline, its section and publisher, and where the body starts;
- ``textdates``: the dates in the text and which is published or updated;
- ``bylines``: who wrote it; ``junk``: chrome, teasers, share buttons, photo credits;
- ``language``: the language of a text; ``body``: the body as feed content;
- ``guess``: the guessed fields with where each was found.
"""
