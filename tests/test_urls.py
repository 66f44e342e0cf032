from __future__ import annotations

import pytest

from feedpub.urls import http_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/a", "https://x.example/a"),
        ("/a?b", "https://base.example/a?b"),
        ("javascript:alert(1)", None),
        ("http://[::1", None),  # urlsplit raises: Invalid IPv6 URL
        ("http://::1+99:99{", None),  # a port that is no number
        ("http://x.example:99999/", None),
        ("http:///path", None),
    ],
)
def test_http_url(url: str, expected: str | None) -> None:
    assert http_url(url, "https://base.example/c/") == expected
