"""The ``feedpub`` command: a thin shell over the library.

Exit codes: 0 success; 1 some documents were rejected but the feeds were published;
2 a configuration or fatal error (nothing was published).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .config import load_config
from .errors import FeedpubError
from .pipeline import build

__all__ = ["main"]

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_FATAL = 2


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
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    build_cmd.set_defaults(handler=_cmd_build)
    return parser


def _cmd_build(args: argparse.Namespace) -> int:
    report = build(load_config(args.config))
    for error in report.errors:
        print(f"feedpub: skipped {error}", file=sys.stderr)
    if not args.quiet:
        for path in report.written:
            print(f"wrote {path}")
        for path in report.unchanged:
            print(f"unchanged {path}")
        count = len(report.entries)
        print(f"{count} {'entry' if count == 1 else 'entries'}, {len(report.errors)} rejected")
    return EXIT_REJECTED if report.errors else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(format="feedpub: %(message)s", level=logging.ERROR)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except FeedpubError as exc:
        print(f"feedpub: error: {exc}", file=sys.stderr)
        return EXIT_FATAL


if __name__ == "__main__":
    sys.exit(main())
