"""The ``feedpub`` command: a thin shell over the library.

Exit codes: 0 success; 1 the feeds were published but some documents were rejected or some
pings failed (queued for the next run);
2 a configuration or fatal error (nothing was published); 3 another run holds the lock, or
another writer changed an object this build publishes (nothing of it was overwritten).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .config import FILE_NAMES, STARTER_CONFIG, Config, load_config
from .errors import ConflictError, DocumentError, FeedpubError
from .pipeline import Report, build, failure_reason, ping_feeds
from .progress import ProgressLine
from .publish import ARCHIVE_FOLDER, GROUP_FOLDERS
from .state import LockError

# Each command imports what only it needs: `feedpub build -q` from cron, with nothing to
# do, should not pay for importing the normaliser, lxml or requests.
if TYPE_CHECKING:
    from .model import Entry
    from .ping import PingResult

__all__ = ["main"]

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_FATAL = 2
EXIT_LOCKED = 3


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError("a port number from 0 to 65535 (0: any free port)")
    return port


_CONFIG_DEFAULT = Path("config.toml")
_DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json"}

_MAIN_EPILOG = """\
a first feed from a folder of your own:
  feedpub init                write config.toml and an empty documents/ beside it
  cp ~/articles/*.txt documents/
  feedpub build               write public/: atom.xml, rss.xml, feed.json, index.html, ...
  feedpub serve               serve public/ at http://127.0.0.1:8000/ for your feed reader

from cron, every 5 minutes, quiet unless something is wrong:
  */5 * * * * cd $HOME/news && $HOME/.local/bin/feedpub build -q

exit codes: 0 done; 1 published, but some documents were rejected or some pings failed;
2 a configuration or fatal error, nothing published; 3 another run holds the lock.
Run `feedpub COMMAND --help` for a command's options; docs/ in the source has the rest."""


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples as written, line by line (argparse would refill them)."""


def _add_config(command: argparse.ArgumentParser) -> None:
    """The configuration file, as ``--config FILE`` or as the one positional argument
    (``feedpub build site.toml``, as ``feedpub init site.toml`` writes it)."""
    command.add_argument(
        "config_file", nargs="?", type=Path, metavar="CONFIG", help="the same as --config CONFIG"
    )
    command.add_argument(
        "--config",
        type=Path,
        metavar="CONFIG",
        help=f"the configuration file (default: {_CONFIG_DEFAULT} in the current folder)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="feedpub",
        description="Turn a folder of documents (plain text, Markdown, HTML pages, JSON) into\n"
        "Atom, RSS and JSON Feed feeds and a small site, and keep them fresh from cron.",
        epilog=_MAIN_EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"feedpub {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, title="commands")

    def command(name: str, summary: str, description: str, *examples: str) -> Any:
        return commands.add_parser(
            name,
            help=summary,
            description=description,
            epilog=_examples(*examples),
            formatter_class=_Formatter,
        )

    init_cmd = command(
        "init",
        "write a commented starter configuration",
        "Write a commented starter configuration (every key, with its default) and create its\n"
        "input folder, documents/, beside it. An existing file is never overwritten without\n"
        "--force.",
        "feedpub init                 config.toml and documents/ here",
        "feedpub init site.toml       another name; then: feedpub build site.toml",
    )
    init_cmd.add_argument(
        "path",
        type=Path,
        nargs="?",
        default=_CONFIG_DEFAULT,
        metavar="CONFIG",
        help=f"the file to write (default: {_CONFIG_DEFAULT})",
    )
    init_cmd.add_argument("--force", action="store_true", help="overwrite an existing file")
    init_cmd.set_defaults(handler=_cmd_init)

    build_cmd = command(
        "build",
        "build the feeds and the site from the input folder",
        "Read every document in the input folder and write the feeds (Atom, RSS, JSON Feed),\n"
        "the section, author and archive feeds and the site into the output folder. Only\n"
        "what changed since the last run is read and written again. Prints a short summary;\n"
        "a document that cannot be read is named on stderr, and the others are published.",
        "feedpub build                a summary: how many files were written where",
        "feedpub build site.toml      with another configuration",
        "feedpub build -v             every file written or unchanged, every draft, what waits",
        "feedpub build -q             for cron: nothing unless something is wrong",
    )
    _add_config(build_cmd)
    loudness = build_cmd.add_mutually_exclusive_group()
    loudness.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only what went wrong, and each problem once, not on every run (for cron)",
    )
    loudness.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list every file written or unchanged, the drafts left out, what was read",
    )
    build_cmd.set_defaults(handler=_cmd_build)

    serve_cmd = command(
        "serve",
        "serve the output folder over HTTP for feed readers",
        "Serve the output folder with the headers feed readers want (media types, ETag and\n"
        "Last-Modified with 304s, gzip, hub links), until Ctrl-C.",
        "feedpub serve                http://127.0.0.1:8000/ (subscribe to .../atom.xml)",
        "feedpub serve --watch        and rebuild whenever a document changes",
        "feedpub serve --bind 0.0.0.0 --port 8080   for the local network",
    )
    _add_config(serve_cmd)
    serve_cmd.add_argument(
        "--bind", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)"
    )
    serve_cmd.add_argument(
        "--port", type=_port, default=8000, help="the port; 0 picks a free one (default: 8000)"
    )
    serve_cmd.add_argument(
        "--watch",
        action="store_true",
        help="rebuild the feeds when a file in the input folder changes",
    )
    serve_cmd.set_defaults(handler=_cmd_serve)

    inspect_cmd = command(
        "inspect",
        "show what is read from one document, and from where",
        "Show each field feedpub reads from one document (title, dates, authors, section,\n"
        "language, link, summary, ...) and where it came from, read as a build reads it.",
        "feedpub inspect documents/a.txt",
        "feedpub inspect documents/a.md --json",
    )
    inspect_cmd.add_argument("file", type=Path, help="a document (.txt, .md, .html, .json)")
    inspect_cmd.add_argument("--json", action="store_true", help="print JSON")
    inspect_cmd.add_argument(
        "--config",
        type=Path,
        metavar="CONFIG",
        help="read it with this configuration's zone and options (default: config.toml if"
        " there is one here, else UTC and no options)",
    )
    inspect_cmd.set_defaults(handler=_cmd_inspect)

    check_cmd = command(
        "check",
        "validate the built feeds against their specifications",
        "Validate every feed in the output folder (Atom against RFC 4287's schema, RSS against\n"
        "the RSS Advisory Board's profile, JSON Feed 1.1) and print each problem. A build\n"
        "runs the same checks before it replaces any file.",
        "feedpub check",
        "feedpub check site.toml",
    )
    _add_config(check_cmd)
    check_cmd.set_defaults(handler=_cmd_check)

    ping_cmd = command(
        "ping",
        "notify the configured hubs and ping services about every feed now",
        "Notify the WebSub hubs and weblogUpdates services in [ping] about every feed now,\n"
        "and send the pings queued by earlier runs. A build pings by itself when a feed\n"
        "changed; this is for a new hub, or to retry at once.",
        "feedpub ping --dry-run       how many pings would go where",
        "feedpub ping --dry-run -v    every ping that would be sent",
        "feedpub ping",
    )
    _add_config(ping_cmd)
    ping_cmd.add_argument(
        "--dry-run", action="store_true", help="send nothing; say what would be sent"
    )
    ping_cmd.add_argument("-v", "--verbose", action="store_true", help="list every ping")
    ping_cmd.set_defaults(handler=_cmd_ping)
    return parser


def _config_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``CONFIG`` or ``--config CONFIG`` (once), else config.toml: into ``args.config``."""
    if not hasattr(args, "config_file"):
        return
    given = [path for path in (args.config_file, args.config) if path is not None]
    if len(given) == 2 and given[0] != given[1]:
        parser.error(
            f"{args.command}: two configurations given ({given[0]} and --config {given[1]});"
            " give one"
        )
    args.config = given[0] if given else _CONFIG_DEFAULT
    # `feedpub build seeds/`, `feedpub build post.md`: the input is named in the configuration.
    what = "a folder" if args.config.is_dir() else None
    if args.config.suffix.lower() in _DOCUMENT_SUFFIXES:
        what = "a document"
    if what:
        parser.error(
            f"{args.command}: {args.config} is {what}; CONFIG is the configuration file"
            " (config.toml), which names the input folder (input.folder)"
        )


def _by_target(pings: Sequence[PingResult]) -> dict[tuple[str, str], list[PingResult]]:
    """Results per (kind, hub or service), in the order first sent."""
    grouped: dict[tuple[str, str], list[PingResult]] = {}
    for result in pings:
        grouped.setdefault((result.ping.kind, result.ping.target), []).append(result)
    return grouped


def _noun(kind: str) -> str:
    """What a ping of ``kind`` is for: a purge's a URL, IndexNow's a page, others' a feed."""
    return {"purge": "URL", "indexnow": "page"}.get(kind, "feed")


def _print_pings(
    results: Sequence[PingResult],
    *,
    verbose: bool = False,
    quiet: bool = False,
    failing_before: frozenset[str] = frozenset(),
    sent: bool = False,
) -> None:
    """Failures on stderr, a line per hub or service (``verbose``: per ping); with ``quiet``
    only a hub that was not failing before this run, and a line when one works again.
    ``sent``: the successful pings too (``feedpub ping``; a build counts them)."""
    for (kind, target), mine in _by_target(results).items():
        failed = [r for r in mine if not r.ok]
        if failed and not (quiet and target in failing_before):
            first = failed[0]
            lines = (
                [(f" for {r.ping.topic}", r) for r in failed]
                if verbose or len(failed) == 1
                else [(f" for {_count(len(failed), _noun(kind))}", first)]
            )
            for what, result in lines:
                print(
                    f"feedpub: ping {kind} {target}{what} failed after {result.attempts}"
                    f" attempt(s): {result.message}; queued for the next run",
                    file=sys.stderr,
                )
        elif not failed and target in failing_before:
            print(f"ping {kind} {target} works again: {_count(len(mine), 'ping')} sent")
        if sent:
            done = [r for r in mine if r.ok]
            if verbose:
                for result in done:
                    print(f"pinged {kind} {target} for {result.ping.topic}")
            elif done:
                print(f"pinged {kind} {target} for {_count(len(done), _noun(kind))}")


_NOTHING_TO_PING = "nothing to ping: no hubs or services configured"


def _cmd_ping(args: argparse.Namespace) -> int:
    from .ping import Ping, PingResult

    config = load_config(args.config)
    if args.dry_run:
        planned = ping_feeds(config, dry_run=True)
        grouped: dict[tuple[str, str], list[str]] = {}
        for ping in planned:
            assert isinstance(ping, Ping)
            if args.verbose:
                print(f"would ping {ping.kind} {ping.target} for {ping.topic}")
            grouped.setdefault((ping.kind, ping.target), []).append(ping.topic)
        if not args.verbose:
            for (kind, target), topics in grouped.items():
                print(f"would ping {kind} {target} for {_count(len(topics), _noun(kind))}")
            if planned:
                print("(-v: every ping)")
        if not planned:
            print(_NOTHING_TO_PING)
        return EXIT_OK
    results = [r for r in ping_feeds(config) if isinstance(r, PingResult)]
    _print_pings(results, verbose=args.verbose, sent=True)
    if not results:
        print(_NOTHING_TO_PING)
    return EXIT_REJECTED if any(not r.ok for r in results) else EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check_file

    config = load_config(args.config)
    if config.target:
        return _check_store(config)
    paths = [config.output_dir / FILE_NAMES[fmt] for fmt in config.formats]
    # Section, author and archive feeds, one level into their folders (``sections/<slug>/``,
    # ``archive/<n>/``): a walk of the whole output would read every entry page's folder.
    names = set(FILE_NAMES.values())
    paths += sorted(
        path
        for folder in (ARCHIVE_FOLDER, *GROUP_FOLDERS.values())
        for path in (config.output_dir / folder).glob("*/*")
        if path.name in names and path.is_file()
    )
    problems = [
        f"{path}: missing (run feedpub build)" if not path.exists() else problem
        for path in paths
        for problem in (check_file(path) if path.exists() else [""])
    ]
    return _checked(problems, len(paths))


def _checked(problems: Sequence[str], feeds: int) -> int:
    for problem in problems:
        print(problem)
    if problems:
        print(f"feedpub: {len(problems)} problem(s) in {feeds} feed(s)", file=sys.stderr)
        return EXIT_REJECTED
    print(f"{feeds} feed(s) valid")
    return EXIT_OK


def _check_store(config: Config) -> int:
    """``check`` of a bucket: the same feeds, read back from the store."""
    from .check import check_feed, format_of
    from .targets import S3Target

    assert config.target
    store = S3Target(
        config.target, endpoint_url=config.endpoint_url, max_age=config.serve_max_age, state=None
    )
    names = set(FILE_NAMES.values())
    relatives = [FILE_NAMES[fmt] for fmt in config.formats]
    for folder in (ARCHIVE_FOLDER, *GROUP_FOLDERS.values()):
        relatives += [
            relative
            for relative in store.listing(folder)
            if relative.count("/") == 2 and relative.rsplit("/", 1)[1] in names
        ]
    problems: list[str] = []
    for relative in relatives:
        data = store.read(relative)
        shown = store.path(relative)
        if data is None:
            problems.append(f"{shown}: missing (run feedpub build)")
            continue
        fmt = format_of(relative.rsplit("/", 1)[-1])
        assert fmt is not None
        problems += [f"{shown}: {problem}" for problem in check_feed(data, fmt)]
    return _checked(problems, len(relatives))


def _cmd_init(args: argparse.Namespace) -> int:
    path: Path = args.path
    if path.exists() and not args.force:
        print(f"feedpub: error: {path} exists; --force to overwrite it", file=sys.stderr)
        return EXIT_FATAL
    path.write_text(STARTER_CONFIG, encoding="utf-8")
    # The starter's input folder, beside it, so that the next step is to fill it.
    folder = load_config(path).input_dir
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    command = "feedpub build" if path == Path("config.toml") else f"feedpub build --config {path}"
    where = folder.relative_to(Path.cwd()) if folder.is_relative_to(Path.cwd()) else folder
    print(f"wrote {path}" + (f" and an empty folder {where}/" if made else ""))
    print(f"next: edit {path}, put documents in {where}/, then run {command}")
    return EXIT_OK


# What a first build writes many of, counted by kind, not listed: a first build of 26
# entries writes about 90 files.
_COUNTED = {
    GROUP_FOLDERS["section"]: "section feed",
    GROUP_FOLDERS["author"]: "author feed",
    GROUP_FOLDERS["tag"]: "tag feed",
    ARCHIVE_FOLDER: "archive feed",
    "entries": "entry page",
}


def _count(count: int, name: str) -> str:
    return f"{count} {name}{'' if count == 1 else 's'}"


def _print_outputs(config: Config, report: Report, *, every_file: bool) -> None:
    """What was written where, in a few lines: the top-level files by name, the many
    section, author and archive feeds and entry pages by count, the unchanged files by
    count (``every_file``: every path, written or unchanged)."""
    output_dir = config.output_dir
    if config.target:  # the report's paths are s3://bucket/prefix/... (as Path makes them)
        from .targets import parse_s3_url

        bucket, prefix = parse_s3_url(config.target)
        output_dir = Path(f"s3://{bucket}/{prefix}")
    shown = config.target or str(output_dir)
    if every_file:
        for path in report.written:
            print(f"wrote {_joined(shown, output_dir, path)}")
        for path in report.unchanged:
            print(f"unchanged {_joined(shown, output_dir, path)}")
        return
    if not report.written:
        if report.unchanged:
            print(f"unchanged: {_count(len(report.unchanged), 'file')} already up to date")
        return
    named: list[str] = []
    counted = dict.fromkeys(_COUNTED, 0)
    for path in report.written:
        parts = path.relative_to(output_dir).parts
        if len(parts) > 1 and parts[0] in counted:
            counted[parts[0]] += 1
        else:
            named.append(path.relative_to(output_dir).as_posix())
    unchanged = f" ({len(report.unchanged)} unchanged)" if report.unchanged else ""
    print(f"wrote {_count(len(report.written), 'file')} in {shown}{unchanged}:")
    if named:
        print(f"  {', '.join(named)}")
    feeds = [
        f"{_count(count, _COUNTED[folder])} in {folder}/"
        for folder, count in counted.items()
        if count and folder != "entries"
    ]
    if feeds:
        print(f"  {', '.join(feeds)}")
    if counted["entries"]:
        print(f"  {_count(counted['entries'], 'entry page')} in entries/")


def _joined(shown: str, output_dir: Path, path: Path) -> str:
    if shown == str(output_dir):
        return str(path)
    return shown + path.relative_to(output_dir).as_posix()


def _shown(config: Config, error: DocumentError) -> str:
    """A rejected document as the user can open it: from the current folder when it is
    below it (``seeds/bad.txt:1: ...``, as cron's ``cd /srv/feedpub`` runs it), else the whole
    path. ``error.source`` is relative to the input folder, which is not where they are."""
    path, here = config.input_dir / error.source, Path.cwd()
    if path.is_relative_to(here):
        path = path.relative_to(here)
    line = "" if error.line is None else f":{error.line}"
    return f"{path}{line}: {error.reason}"


def _print_problems(
    config: Config, report: Report, *, quiet: bool = False, verbose: bool = False
) -> None:
    for error in report.errors:
        if quiet and error.source in report.repeated:
            continue  # said when it was first found broken: a cron run must not mail it again
        print(f"feedpub: skipped {_shown(config, error)}", file=sys.stderr)
    _print_pings(report.pings, verbose=verbose, quiet=quiet, failing_before=report.failing_before)


def _summary(report: Report) -> str:
    count = len(report.entries)
    summary = f"{count} {'entry' if count == 1 else 'entries'}, {len(report.errors)} rejected"
    if report.drafts:
        summary += f", {len(report.drafts)} {'draft' if len(report.drafts) == 1 else 'drafts'}"
    if report.waiting:
        summary += f", {len(report.waiting)} waiting"
    if report.pings:
        sent = len(report.pings) - len(report.failed_pings)
        summary += f", {sent} of {len(report.pings)} pings sent"
    return summary


def _not_rejected(record: logging.LogRecord) -> bool:
    return not hasattr(record, "rejected")


def _cmd_build(args: argparse.Namespace) -> int:
    logger = logging.getLogger("feedpub")
    if args.verbose:
        logger.setLevel(logging.INFO)
    config = load_config(args.config)
    # Progress only for a person watching: never in cron (no terminal) or with --quiet.
    progress = ProgressLine(sys.stderr) if sys.stderr.isatty() and not args.quiet else None
    # Rejected documents are printed from the report below, each once, not logged as well.
    logger.addFilter(_not_rejected)
    try:
        report = build(config, progress=progress)
    finally:
        logger.removeFilter(_not_rejected)
        if progress is not None:
            progress.clear()
    _print_problems(config, report, quiet=args.quiet, verbose=args.verbose)
    if args.verbose:
        for draft in report.drafts:
            print(f"feedpub: not published {_shown(config, draft)}", file=sys.stderr)
        for copy, kept in report.duplicates:
            shown = _shown(config, DocumentError(copy, f"the same story as {kept} (one URL)"))
            print(f"feedpub: not published {shown}", file=sys.stderr)
        for held in sorted(report.waiting, key=lambda held: (held.until, held.source)):
            print(f"feedpub: not published yet {_shown(config, held)}", file=sys.stderr)
    if not args.quiet:
        _print_outputs(config, report, every_file=args.verbose)
        print(_summary(report))
    return EXIT_REJECTED if report.errors or report.failed_pings else EXIT_OK


def _cmd_inspect(args: argparse.Namespace) -> int:
    from .documents import read_document
    from .normalise import inspect_document

    options: dict[str, Any] = {}
    max_size = Config.max_size  # the default limit, as a build without a setting has it
    # Like every other command, config.toml by default: the question is how the build read
    # the document, and the build reads it with that file's zone, language and options.
    path: Path | None = args.config
    if path is None and Path("config.toml").is_file():
        path = Path("config.toml")
    if path is not None:
        config = load_config(path)
        options = {
            "zone": config.tzinfo,
            "id_authority": config.id_authority,
            "language": config.language,
            "reference": config.reference_time,
            "day_first": config.day_first,
            "base_url": config.site_url,
        }
        max_size = config.max_size
    # A build publishes a document without a date when it first sees it; shown as a build
    # that saw it now would (and relative dates read against now, with reference_time =
    # "first_seen"), not rejected as the library is without that time.
    now = datetime.now(UTC).replace(microsecond=0)
    try:
        # Read as a build reads it: no more than input.max_size, never a named pipe.
        document = read_document(Path(args.file), max_size=max_size)
        inspection = inspect_document(document, first_seen=now, **options)
    except DocumentError as exc:  # a draft is shown, with a note: only errors land here
        print(f"feedpub: rejected {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except (OSError, KeyboardInterrupt):
        raise  # said by _main, as for every command
    except Exception as exc:  # what a build would report as this document's error
        print(f"feedpub: rejected {args.file}: {failure_reason(exc)}", file=sys.stderr)
        return EXIT_REJECTED
    if inspection.origins.get("published", "").startswith("first seen"):
        note = "no date in the document: published when a build first sees it (shown as now)"
        inspection = replace(inspection, notes=(*inspection.notes, note))
    copies = _copies_note(config if path is not None else None, Path(args.file), inspection.entry)
    if copies:
        inspection = replace(inspection, notes=(*inspection.notes, copies))
    if inspection.entry.published > now:
        note = (
            f"dated in the future: a build holds it back until {inspection.entry.published}"
            " and the first build at or after that time publishes it"
        )
        inspection = replace(inspection, notes=(*inspection.notes, note))
    if args.json:
        print(json.dumps(inspection.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(inspection.as_text())
    return EXIT_OK


def _copies_note(config: Config | None, file: Path, entry: Entry) -> str | None:
    """What the last build made of ``file`` and the other documents of its story (copies:
    one canonical URL, or texts alike with ``dedupe.similarity``), or why that is not known;
    None for a document the last build found no copy of."""
    from .state import story_copies
    from .urls import canonical_url

    if config is None:
        url = canonical_url(entry.link) if entry.link else None
        story = (
            f"copies of it are documents whose URL is {url} once spelt the same way"
            if url
            else "it has no URL, so only dedupe.similarity could find a copy of it"
        )
        return (
            "the same story elsewhere: not known without a configuration (a build finds"
            f" copies among its input folder's documents and keeps them in its state; give"
            f" --config): {story}"
        )
    try:
        source = file.resolve().relative_to(config.input_dir.resolve()).as_posix()
    except ValueError:
        return (
            "the same story elsewhere: not known: the file is not in the input folder"
            f" ({config.input_dir}), so no build reads it"
        )
    try:
        if config.state_url is not None:
            from .state_postgres import story_copies as stored_copies

            found = stored_copies(config.state_url, source)
        else:
            assert config.state_path is not None
            found = story_copies(config.state_path, source)
    except ImportError as exc:  # psycopg not installed
        return f"the same story elsewhere: not known: state.url needs psycopg ({exc})"
    except FeedpubError as exc:
        return f"the same story elsewhere: not known: {exc}"
    if found is None:
        return "the same story elsewhere: not known yet: no build has run with this configuration"
    in_place, others = found
    if in_place is not None:
        return f"the same story as {in_place}: the last build published that copy in its place"
    if others:
        return (
            f"the same story as {', '.join(others)}: the last build published this copy"
            " (the newest) in their place"
        )
    return None


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve import make_server, snapshot, watch_and_rebuild

    config = load_config(args.config)
    try:
        server = make_server(config, args.bind, args.port)
    except OSError as exc:  # the port is taken, the address is not this machine's, ...
        reason = exc.strerror or str(exc)
        print(f"feedpub: error: cannot serve on {args.bind}:{args.port}: {reason}", file=sys.stderr)
        return EXIT_FATAL
    host, port = server.server_address[:2]
    since = snapshot(config.input_dir, config.pattern) if args.watch else None
    print(f"serving {config.target or config.output_dir} at http://{host!s}:{port}/", flush=True)

    def rebuild() -> None:
        # Said like `feedpub build` says it: a rejected document must not go unnoticed.
        try:
            report = build(config)
        except FeedpubError as exc:  # a cron run holds the lock, say: try at the next change
            print(f"feedpub: rebuild failed, the feeds are as they were: {exc}", file=sys.stderr)
            return
        _print_problems(config, report)
        print(f"rebuilt: {_summary(report)}", flush=True)

    stop = threading.Event()
    if args.watch:
        threading.Thread(
            target=watch_and_rebuild,
            args=(config.input_dir, rebuild, stop, 1.0, config.pattern, since),
            daemon=True,
        ).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        # Ctrl-C is how a server is stopped; said in a line, with the shell's code for it.
        print("feedpub: interrupted; stopped serving", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        stop.set()
        server.server_close()
    return EXIT_OK


EXIT_PIPE = 128 + 13  # what a shell reports for a program SIGPIPE ended
EXIT_INTERRUPTED = 128 + 2  # ... and for one Ctrl-C (SIGINT) ended


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _main(argv)
        finally:
            # Here, not at exit, where a closed pipe could only print "Exception ignored".
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`feedpub inspect FILE | head`): no traceback for that. Point
        # stdout at nothing so that the interpreter's own flush at exit does not fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _config_arguments(parser, args)
    logging.basicConfig(format="feedpub: %(message)s", level=logging.ERROR)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except ConflictError as exc:
        # Two publishers writing one place: said even with -q, it needs a person.
        print(f"feedpub: error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except LockError as exc:
        # An earlier run still at work: not a failure, and nothing for cron to mail with -q.
        if not getattr(args, "quiet", False):
            print(f"feedpub: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except FeedpubError as exc:
        print(f"feedpub: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        # Ctrl-C on a long first build: each file is replaced whole and the state is
        # committed last, so nothing needs repair, and a traceback would only alarm.
        print(
            "feedpub: interrupted; the next run continues from the last complete one",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        raise  # our reader left: handled in main
    except OSError as exc:
        # A folder that cannot be created, a disk that is full: the file and the reason,
        # for whoever reads cron's mail, not a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"feedpub: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FATAL


if __name__ == "__main__":
    sys.exit(main())
