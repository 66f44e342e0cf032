"""The ``feedpub`` command: a thin shell over the library.

Exit codes: 0 success; 1 the feeds were published but some documents were rejected or some
pings failed (queued for the next run);
2 a configuration or fatal error (nothing was published); 3 another run holds the lock.
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
from .errors import DocumentError, Draft, FeedpubError
from .pipeline import Report, build, ping_feeds
from .progress import ProgressLine
from .publish import ARCHIVE_FOLDER, GROUP_FOLDERS
from .state import LockError

# Each command imports what only it needs: `feedpub build -q` from cron, with nothing to
# do, should not pay for importing the normaliser, lxml or requests.
if TYPE_CHECKING:
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="feedpub", description="Turn a folder of documents into Atom and RSS feeds."
    )
    parser.add_argument("--version", action="version", version=f"feedpub {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_cmd = commands.add_parser("build", help="build the feeds from the input folder")
    build_cmd.add_argument(
        "--config", type=Path, default=Path("config.toml"), help="configuration file"
    )
    loudness = build_cmd.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    loudness.add_argument("-v", "--verbose", action="store_true", help="say what each step did")
    build_cmd.set_defaults(handler=_cmd_build)
    ping_cmd = commands.add_parser(
        "ping", help="notify the configured hubs and ping services about every feed now"
    )
    ping_cmd.add_argument(
        "--config", type=Path, default=Path("config.toml"), help="configuration file"
    )
    ping_cmd.add_argument("--dry-run", action="store_true", help="show what would be sent")
    ping_cmd.set_defaults(handler=_cmd_ping)
    check_cmd = commands.add_parser("check", help="validate the built feeds against the specs")
    check_cmd.add_argument(
        "--config", type=Path, default=Path("config.toml"), help="configuration file"
    )
    check_cmd.set_defaults(handler=_cmd_check)
    init_cmd = commands.add_parser("init", help="write a commented starter configuration")
    init_cmd.add_argument("path", type=Path, nargs="?", default=Path("config.toml"))
    init_cmd.add_argument("--force", action="store_true", help="overwrite an existing file")
    init_cmd.set_defaults(handler=_cmd_init)
    inspect_cmd = commands.add_parser(
        "inspect", help="show what the normaliser extracts from one document, and from where"
    )
    inspect_cmd.add_argument("file", type=Path, help="a document (.txt, .md, .html, .json)")
    inspect_cmd.add_argument("--json", action="store_true", help="print JSON")
    inspect_cmd.add_argument(
        "--config",
        type=Path,
        help="read it with this configuration's zone and options (default: config.toml if"
        " there is one here)",
    )
    inspect_cmd.set_defaults(handler=_cmd_inspect)
    serve_cmd = commands.add_parser("serve", help="serve the output folder over HTTP")
    serve_cmd.add_argument(
        "--config", type=Path, default=Path("config.toml"), help="configuration file"
    )
    serve_cmd.add_argument("--bind", default="127.0.0.1", help="address (default: loopback)")
    serve_cmd.add_argument("--port", type=_port, default=8000, help="port (default: 8000)")
    serve_cmd.add_argument(
        "--watch", action="store_true", help="rebuild when the input folder changes"
    )
    serve_cmd.set_defaults(handler=_cmd_serve)
    return parser


def _print_ping_failures(results: Sequence[PingResult]) -> None:
    for result in results:
        if not result.ok:
            ping = result.ping
            print(
                f"feedpub: ping {ping.kind} {ping.target} for {ping.topic} failed after "
                f"{result.attempts} attempt(s): {result.message}; queued for the next run",
                file=sys.stderr,
            )


_NOTHING_TO_PING = "nothing to ping: no hubs or services configured"


def _cmd_ping(args: argparse.Namespace) -> int:
    from .ping import Ping, PingResult

    config = load_config(args.config)
    if args.dry_run:
        planned = ping_feeds(config, dry_run=True)
        for ping in planned:
            assert isinstance(ping, Ping)
            print(f"would ping {ping.kind} {ping.target} for {ping.topic}")
        if not planned:
            print(_NOTHING_TO_PING)
        return EXIT_OK
    results = [r for r in ping_feeds(config) if isinstance(r, PingResult)]
    _print_ping_failures(results)
    for result in results:
        if result.ok:
            print(f"pinged {result.ping.kind} {result.ping.target} for {result.ping.topic}")
    if not results:
        print(_NOTHING_TO_PING)
    return EXIT_REJECTED if any(not r.ok for r in results) else EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check_file

    config = load_config(args.config)
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
    for problem in problems:
        print(problem)
    if problems:
        print(f"feedpub: {len(problems)} problem(s) in {len(paths)} feed(s)", file=sys.stderr)
        return EXIT_REJECTED
    print(f"{len(paths)} feed(s) valid")
    return EXIT_OK


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


# Folders of many generated pages: counted, not listed (a first build has one per entry).
_PAGE_FOLDERS = {"entries": "entry page", ARCHIVE_FOLDER: "archive file"}


def _print_outputs(output_dir: Path, report: Report, *, every_file: bool) -> None:
    """Each feed written, by path; the pages written, by count; the unchanged files, by
    count (``every_file``: every path)."""
    pages: dict[str, int] = {}
    for path in report.written:
        folder = path.relative_to(output_dir).parts[0]
        if folder in _PAGE_FOLDERS and not every_file:
            pages[folder] = pages.get(folder, 0) + 1
        else:
            print(f"wrote {path}")
    for folder, count in pages.items():
        name = _PAGE_FOLDERS[folder]
        print(f"wrote {count} {name}{'' if count == 1 else 's'} in {output_dir / folder}")
    if every_file:
        for path in report.unchanged:
            print(f"unchanged {path}")
    elif report.unchanged:
        count = len(report.unchanged)
        print(f"unchanged: {count} file{'' if count == 1 else 's'} already up to date")


def _shown(config: Config, error: DocumentError) -> str:
    """A rejected document as the user can open it: from the current folder when it is
    below it (``seeds/bad.txt:1: ...``, as cron's ``cd /srv/feedpub`` runs it), else the whole
    path. ``error.source`` is relative to the input folder, which is not where they are."""
    path, here = config.input_dir / error.source, Path.cwd()
    if path.is_relative_to(here):
        path = path.relative_to(here)
    line = "" if error.line is None else f":{error.line}"
    return f"{path}{line}: {error.reason}"


def _print_problems(config: Config, report: Report, *, quiet: bool = False) -> None:
    for error in report.errors:
        if quiet and error.source in report.repeated:
            continue  # said when it was first found broken: a cron run must not mail it again
        print(f"feedpub: skipped {_shown(config, error)}", file=sys.stderr)
    _print_ping_failures(report.pings)


def _summary(report: Report) -> str:
    count = len(report.entries)
    summary = f"{count} {'entry' if count == 1 else 'entries'}, {len(report.errors)} rejected"
    if report.drafts:
        summary += f", {len(report.drafts)} {'draft' if len(report.drafts) == 1 else 'drafts'}"
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
    _print_problems(config, report, quiet=args.quiet)
    if args.verbose:
        for draft in report.drafts:
            print(f"feedpub: not published {_shown(config, draft)}", file=sys.stderr)
    if not args.quiet:
        _print_outputs(config.output_dir, report, every_file=args.verbose)
        print(_summary(report))
    return EXIT_REJECTED if report.errors or report.failed_pings else EXIT_OK


def _cmd_inspect(args: argparse.Namespace) -> int:
    from .normalise import inspect_document

    options: dict[str, Any] = {}
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
    # A build publishes a document without a date when it first sees it; shown as a build
    # that saw it now would (and relative dates read against now, with reference_time =
    # "first_seen"), not rejected as the library is without that time.
    now = datetime.now(UTC).replace(microsecond=0)
    try:
        inspection = inspect_document(args.file, first_seen=now, **options)
    except DocumentError as exc:
        verdict = "not published" if isinstance(exc, Draft) else "rejected"
        print(f"feedpub: {verdict} {exc}", file=sys.stderr)
        return EXIT_REJECTED
    if inspection.origins.get("published", "").startswith("first seen"):
        note = "no date in the document: published when a build first sees it (shown as now)"
        inspection = replace(inspection, notes=(*inspection.notes, note))
    if args.json:
        print(json.dumps(inspection.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(inspection.as_text())
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve import make_server, watch_and_rebuild

    config = load_config(args.config)
    try:
        server = make_server(config, args.bind, args.port)
    except OSError as exc:  # the port is taken, the address is not this machine's, ...
        reason = exc.strerror or str(exc)
        print(f"feedpub: error: cannot serve on {args.bind}:{args.port}: {reason}", file=sys.stderr)
        return EXIT_FATAL
    host, port = server.server_address[:2]
    print(f"serving {config.output_dir} at http://{host!s}:{port}/", flush=True)

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
            target=watch_and_rebuild, args=(config.input_dir, rebuild, stop), daemon=True
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
    args = _parser().parse_args(argv)
    logging.basicConfig(format="feedpub: %(message)s", level=logging.ERROR)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except LockError as exc:
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
