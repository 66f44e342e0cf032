"""Per-page cost of reading HTML pages: feedpub's reader (through the normaliser, as a build
reads a page) next to trafilatura alone, on the same pages in one run.

    .venv/bin/python bench/html_pages.py READABILITY_CHECKOUT [--repeat 3]

READABILITY_CHECKOUT is a checkout of mozilla/readability (its ``test/test-pages``). Each page
is read ``--repeat`` times by each, alternately; the best time per page counts, and the
medians are printed with their ratio. Only the ratio means anything across machines.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "html_accuracy", ROOT / "tools" / "html_accuracy.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["html_accuracy"] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("readability", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tool = _tool()
    pages = tool.readability_pages(args.readability)
    ours: list[float] = []
    theirs: list[float] = []
    tool.trafilatura_reading("warm-up", pages[0].text)  # imports, not reading
    tool.feedpub_reading("warm-up", pages[0].text)
    for page in pages:
        times = {"ours": [], "theirs": []}  # type: dict[str, list[float]]
        for _ in range(args.repeat):
            # A new string each time: feedpub keeps trafilatura's reading of the last page
            # for the normaliser's second reading of it, not for another run.
            text = page.text + "\n"
            times["ours"].append(tool.feedpub_reading(page.id, text).seconds)
            times["theirs"].append(tool.trafilatura_reading(page.id, text).seconds)
        ours.append(min(times["ours"]))
        theirs.append(min(times["theirs"]))
    mine, other = statistics.median(ours) * 1000, statistics.median(theirs) * 1000
    print(f"{len(pages)} pages, median per page: feedpub {mine:.1f} ms, trafilatura alone "
          f"{other:.1f} ms, feedpub / trafilatura {mine / other:.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
