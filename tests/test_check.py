from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from lxml import etree

from feedpub import BuildError, build, load_config
from feedpub.check import check_feed, check_file, check_tree
from feedpub.cli import main

from .conftest import ATOM_RNG, ROOT, SHARED_ATOM_RNG

# SHA-256 of RFC 4287's schema as ../shared/specs/atom.rng holds it.
RFC4287_RNG_SHA256 = "d992e949e6a01b93f1b49a9da9ba1c1808b4fc9e938b78061f61f35f88095edb"


def test_shipped_schema_is_rfc4287s() -> None:
    import hashlib

    shipped = (ROOT / "feedpub" / "schemas" / "atom.rng").read_bytes()
    assert shipped == ATOM_RNG.read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == RFC4287_RNG_SHA256
    if SHARED_ATOM_RNG.exists():  # beside the checkout in CI, not in a fresh clone
        assert shipped == SHARED_ATOM_RNG.read_bytes()


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def built(project: Path) -> dict[str, bytes]:
    build(load_config(project / "config.toml"))
    out = project / "public"
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def test_built_feeds_have_no_problems(built: dict[str, bytes]) -> None:
    assert check_feed(built["atom.xml"], "atom") == []
    assert check_feed(built["rss.xml"], "rss") == []
    assert check_feed(built["feed.json"], "json") == []


@pytest.mark.parametrize(
    ("name", "fmt", "old", "new", "problem"),
    [
        ("atom.xml", "atom", b"<id>urn:uuid:3", b"<idx>urn:uuid:3", "not well-formed"),
        ("atom.xml", "atom", b"<title>", b"<title>x</title><title>", "line"),
        ("atom.xml", "atom", b'rel="self"', b'rel="related"', 'no <link rel="self">'),
        ("rss.xml", "rss", b"<description>", b"<description>", ""),
        ("rss.xml", "rss", b'isPermaLink="false"', b'isPermaLink="true"', "guid is not a URL"),
        ("rss.xml", "rss", b"Sat, 23 Nov 2024", b"Sa, 23 Nov. 2024", "not RFC 822"),
        ("rss.xml", "rss", b'rel="self"', b'rel="alternate"', "no <atom:link rel="),
        ("feed.json", "json", b"version/1.1", b"version/1", "version is not"),
        ("feed.json", "json", b'"content_html"', b'"content_htm"', "neither content_html"),
    ],
)
def test_each_rule_catches_its_problem(
    built: dict[str, bytes], name: str, fmt: str, old: bytes, new: bytes, problem: str
) -> None:
    broken = built[name].replace(old, new, 1)
    problems = check_feed(broken, fmt)
    if not problem:
        assert problems == []  # the control row: an identity edit stays valid
    else:
        assert any(problem in p for p in problems), problems


def test_rss_empty_channel_field(built: dict[str, bytes]) -> None:
    broken = built["rss.xml"].replace(b"<title>Test feed</title>", b"<title></title>", 1)
    assert "channel has no <title>" in check_feed(broken, "rss")


def test_check_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(project / "config.toml")
    assert main(["check", "--config", config]) == 1
    assert "missing (run feedpub build)" in capsys.readouterr().out
    build(load_config(config))
    assert main(["check", "--config", config]) == 0
    # atom, rss and JSON for the main feed and for the seed's section
    assert "6 feed(s) valid" in capsys.readouterr().out
    rss = project / "public" / "rss.xml"
    rss.write_bytes(rss.read_bytes().replace(b'isPermaLink="false"', b""))
    assert main(["check", "--config", config]) == 1
    out = capsys.readouterr().out
    assert f"{rss}: item 1: guid is not a URL" in out
    assert check_file(project / "public" / "atom.xml") == []


def test_build_refuses_to_publish_a_broken_feed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(project / "config.toml")
    build(config)
    before = _files(project / "public")
    # The module, not the package attribute of the same name (the function).
    render_module = importlib.import_module("feedpub.render")
    real_render = render_module.render_document

    def broken_render(entries, meta, fmt, **options):  # type: ignore[no-untyped-def]
        out, tree = real_render(entries, meta, fmt, **options)
        if fmt == "rss":
            out = out.replace(b"<link>", b"<lnk>", 1).replace(b"</link>", b"</lnk>", 1)
            tree = etree.fromstring(out)  # the tree the build checks, broken the same way
        return out, tree

    monkeypatch.setattr(render_module, "render_document", broken_render)
    seed = next((project / "docs").iterdir())
    (project / "docs" / "new.txt").write_text(seed.read_text("utf-8"), "utf-8")
    with pytest.raises(BuildError, match="refusing to publish") as info:
        build(config)
    assert "rss.xml: channel has no <link>" in str(info.value)
    assert _files(project / "public") == before


@pytest.mark.parametrize(
    "feed",
    [
        {"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": []},
        {"version": "1", "title": 3, "items": {}},
        {"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [{"id": 1}]},
        {"title": "T", "items": [{"id": "a", "content_html": "x"}, {"id": "a"}, "item"]},
        ["not", "an", "object"],
    ],
)
def test_a_json_feed_object_has_the_problems_of_its_bytes(feed: object) -> None:
    problems = check_feed(json.dumps(feed).encode("utf-8"), "json")
    assert check_tree(feed, "json") == problems  # type: ignore[arg-type]
    assert bool(problems) is (feed != _VALID_JSON)


_VALID_JSON = {"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": []}


def test_an_xml_feed_is_not_checked_as_an_object() -> None:
    with pytest.raises(TypeError):
        check_tree({"title": "T"}, "atom")
