from __future__ import annotations

import types

import feedpub


def test_all_matches_public_names() -> None:
    public = {
        name
        for name in dir(feedpub)
        if not name.startswith("_") and not isinstance(getattr(feedpub, name), types.ModuleType)
    }
    assert set(feedpub.__all__) - {"__version__"} == public


def test_errors_mix_in_builtins() -> None:
    assert issubclass(feedpub.ConfigError, ValueError)
    assert issubclass(feedpub.DateError, feedpub.DocumentError)
    assert issubclass(feedpub.DocumentError, feedpub.FeedpubError)
