"""Benchmark feedpub against the tools users would pick instead: Pelican and Hugo.

    python bench/peers.py [--sizes 1000 10000] [--repeat 3] [--work DIR]

The same generated articles (bench/corpus.py) are written as Markdown posts: with YAML front
matter for feedpub and Hugo, with Pelican's own metadata lines for Pelican. Two comparisons,
each in CPU seconds (user + system of the job and every process it waited for), the runs
alternated so that a busy machine slows both alike, the best of ``--repeat`` kept:

- feeds only: feedpub writing Atom and RSS (no archive, section, author feeds or site) against
  Pelican writing its two all-articles feeds and nothing else;
- the full build: feedpub's feeds, archives, section and author feeds and site against Hugo
  building its site (a page per post, the home page, section and taxonomy lists, their RSS).

Pelican is installed into its own virtual environment under the work folder, and Hugo from
Debian's package when there is no ``hugo`` (that needs root); neither is part of
``make test``. Ratios, not absolute times, are what to compare across machines.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import Article, articles  # noqa: E402 - bench/ is run as a script folder

PELICAN = "pelican==4.12.0"
ZONE = "+01:00"  # the corpus's times are local times in Europe/Brussels, winter or summer

FEEDPUB_FULL = """\
[feed]
title = "Bench"
site_url = "https://bench.example.org/"
author = "Bench"
language = "en"
[input]
folder = "posts"
pattern = "*.md"
timezone = "Europe/Brussels"
[output]
folder = "public"
max_entries = 50
"""
FEEDPUB_FEEDS_ONLY = (
    FEEDPUB_FULL.replace('folder = "public"', 'folder = "public-feeds"')
    + 'formats = ["atom", "rss"]\narchive_size = 0\nsection_feeds = false\n'
    + "author_feeds = false\nsite = false\n"
)

# Pelican writes its two all-articles feeds and nothing else: every page template off.
PELICAN_CONF = """\
AUTHOR = "Bench"
SITENAME = "Bench"
SITEURL = "https://bench.example.org"
FEED_DOMAIN = SITEURL
PATH = "content"
TIMEZONE = "Europe/Brussels"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = "atom.xml"
FEED_ALL_RSS = "rss.xml"
FEED_MAX_ITEMS = 50
FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = INDEX_SAVE_AS = ""
DIRECT_TEMPLATES = []
STATIC_PATHS = []
THEME_STATIC_PATHS = []
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
"""

HUGO_CONF = """\
baseURL = "https://bench.example.org/"
title = "Bench"
languageCode = "en"
rssLimit = 50
disableKinds = ["sitemap", "robotsTXT", "404"]
[taxonomies]
category = "categories"
author = "authors"
"""
# The smallest templates that make every page a real page: Hugo writes nothing without them.
HUGO_LAYOUTS = {
    "_default/single.html": "<!doctype html><html lang=en><title>{{ .Title }}</title>"
    '<h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02 15:04" }}</p>{{ .Content }}</html>\n',
    "_default/list.html": "<!doctype html><html lang=en><title>{{ .Title }}</title><ul>"
    '{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</ul></html>\n',
    "index.html": "<!doctype html><html lang=en><title>{{ .Site.Title }}</title><ul>"
    '{{ range first 50 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>'
    "{{ end }}</ul></html>\n",
}


def _markdown_body(item: Article) -> str:
    """The article's text as a writer would post it: paragraphs and its one subheading."""
    return "\n\n".join([*item.body[:2], "## Military exercises", *item.body[2:]]) + "\n"


def _stamp(item: Article) -> str:
    return item.when.strftime("%Y-%m-%dT%H:%M:%S") + ZONE


def yaml_post(item: Article) -> str:
    """The article with YAML front matter, as feedpub and Hugo read it."""
    title = item.headline.replace('"', '\\"')
    return (
        f'---\ntitle: "{title}"\ndate: {_stamp(item)}\ncategories: ["{item.section}"]\n'
        f'authors: ["{item.publisher}"]\n---\n\n' + _markdown_body(item)
    )


def pelican_post(item: Article) -> str:
    """The article with Pelican's metadata lines."""
    return (
        f"Title: {item.headline}\nDate: {item.when:%Y-%m-%d %H:%M}\n"
        f"Category: {item.section}\nAuthor: {item.publisher}\n\n" + _markdown_body(item)
    )


def write_posts(work: Path, count: int) -> None:
    """The same ``count`` articles as posts for feedpub, Hugo and Pelican under ``work``."""
    for folder in ("posts", "hugo/content/posts", "pelican/content"):
        shutil.rmtree(work / folder, ignore_errors=True)
        (work / folder).mkdir(parents=True)
    for item in articles(count):
        name = f"{item.index:06d}.md"
        post = yaml_post(item)
        (work / "posts" / name).write_text(post, encoding="utf-8")
        (work / "hugo" / "content" / "posts" / name).write_text(post, encoding="utf-8")
        (work / "pelican" / "content" / name).write_text(pelican_post(item), encoding="utf-8")
    (work / "feedpub.toml").write_text(FEEDPUB_FULL, encoding="utf-8")
    (work / "feeds-only.toml").write_text(FEEDPUB_FEEDS_ONLY, encoding="utf-8")
    (work / "pelican" / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    (work / "hugo" / "hugo.toml").write_text(HUGO_CONF, encoding="utf-8")
    for name, template in HUGO_LAYOUTS.items():
        path = work / "hugo" / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template, encoding="utf-8")


def ensure_pelican(root: Path) -> Path:
    """The ``pelican`` command of a virtual environment of its own, made when missing."""
    venv = root / "pelican-venv"
    command = venv / "bin" / "pelican"
    if not command.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, PELICAN, "markdown"], check=True)
    return command


def ensure_hugo() -> str:
    """The ``hugo`` command, from Debian's package when it is not installed."""
    found = shutil.which("hugo")
    if found is None:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        apt = ["apt-get", "-o", "DPkg::Lock::Timeout=600"]
        subprocess.run([*apt, "update", "-qq"], check=True, env=env)
        subprocess.run([*apt, "install", "-y", "-qq", "hugo"], check=True, env=env)
        found = shutil.which("hugo")
    if found is None:
        raise SystemExit("peers: hugo is not installed and could not be installed")
    return found


def cpu_seconds(command: list[str], cwd: Path) -> float:
    """User + system CPU seconds of ``command`` and every process it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _feedpub(config: str) -> list[str]:
    return [sys.executable, "-m", "feedpub", "build", "-q", "--config", config]


def _fresh(*paths: Path) -> None:
    """Remove outputs and state so each run is a first build."""
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def alternate(jobs: dict[str, Callable[[], float]], repeat: int) -> dict[str, float]:
    """The best of ``repeat`` runs of each job, the jobs taking turns."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, job in jobs.items():
            seconds = job()
            best[name] = min(seconds, best.get(name, seconds))
    return best


def bench(size: int, root: Path, repeat: int, pelican: Path, hugo: str) -> dict[str, float]:
    work = root / f"n{size}"
    work.mkdir(parents=True, exist_ok=True)
    write_posts(work, size)

    def feedpub_feeds() -> float:
        _fresh(work / "public-feeds", *work.glob(".public-feeds.feedpub.sqlite*"))
        return cpu_seconds(_feedpub("feeds-only.toml"), work)

    def pelican_feeds() -> float:
        _fresh(work / "pelican" / "output")
        return cpu_seconds(
            [str(pelican), "content", "-s", "pelicanconf.py", "-o", "output", "-q"],
            work / "pelican",
        )

    def feedpub_full() -> float:
        _fresh(work / "public", *work.glob(".public.feedpub.sqlite*"))
        return cpu_seconds(_feedpub("feedpub.toml"), work)

    def hugo_site() -> float:
        _fresh(work / "hugo" / "public", work / "hugo" / "resources")
        return cpu_seconds([hugo, "--quiet", "--source", "."], work / "hugo")

    best = alternate(
        {
            "feedpub_feeds": feedpub_feeds,
            "pelican_feeds": pelican_feeds,
            "feedpub_full": feedpub_full,
            "hugo_site": hugo_site,
        },
        repeat,
    )
    return {
        "size": size,
        **best,
        "feeds_vs_pelican": best["feedpub_feeds"] / best["pelican_feeds"],
        "full_vs_hugo": best["feedpub_full"] / best["hugo_site"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    root = args.work or Path(tempfile.mkdtemp(prefix="feedpub-peers-"))
    pelican, hugo = ensure_pelican(root), ensure_hugo()
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()
    print(f"# python {sys.version.split()[0]}, {os.cpu_count()} cpus, {PELICAN}, "
          f"hugo {version[1] if len(version) > 1 else '?'}, work in {root}")  # fmt: skip
    print(
        "| posts | feedpub feeds only | Pelican feeds | feedpub/Pelican "
        "| feedpub full build | Hugo site | feedpub/Hugo |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        r = bench(size, root, args.repeat, pelican, hugo)
        print(
            f"| {size} | {r['feedpub_feeds']:.2f}s | {r['pelican_feeds']:.2f}s "
            f"| {r['feeds_vs_pelican']:.2f}x | {r['feedpub_full']:.2f}s | {r['hugo_site']:.2f}s "
            f"| {r['full_vs_hugo']:.2f}x |",
            flush=True,
        )


if __name__ == "__main__":
    main()
