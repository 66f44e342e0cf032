"""What finding near-identical texts costs (``dedupe.similarity``), as ratios in one run.

    python bench/dedupe.py [--sizes 1000 10000] [--work DIR]

For each corpus size (bench/corpus.py's documents, a tenth of them saved twice, the second
copy with a changed sentence and another name): a full build with ``dedupe.similarity`` off
and with it at 0.9, then a build after one document changed, each in a child process, runs
alternated, best of ``--repeat``. Prints the times, their ratios and how many copies the
similarity setting collapsed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402 - bench/ is run as a script folder
from run import CONFIG  # noqa: E402

_BUILD = (
    "import json, sys; from feedpub import build, load_config; "
    "report = build(load_config(sys.argv[1])); "
    "print(json.dumps([len(report.entries), len(report.duplicates)]))"
)


def _project(folder: Path, size: int, similarity: float) -> Path:
    docs = folder / "docs"
    write_corpus(docs, size)
    for path in sorted(docs.iterdir())[::10]:  # a tenth saved again, one sentence changed
        text = path.read_text("utf-8")
        cut = text.rfind(". ")
        copy = text[:cut] + ". One sentence more in the second copy" + text[cut:]
        path.with_name("again-" + path.name).write_text(copy, "utf-8")
    config = folder / "config.toml"
    config.write_text(CONFIG + f"[dedupe]\nsimilarity = {similarity}\n", "utf-8")
    return config


def _timed(config: Path) -> tuple[float, list[int]]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _BUILD, str(config)], check=True, capture_output=True, text=True
    ).stdout
    return time.perf_counter() - start, json.loads(out.splitlines()[-1])


def bench(size: int, work: Path, repeat: int = 3) -> dict[str, float]:
    """Times (seconds) and ratios for one corpus size."""
    best: dict[str, float] = {}
    counts: dict[str, list[int]] = {}
    for attempt in range(repeat):
        for name, similarity in (("off", 0.0), ("on", 0.9)):  # alternated
            folder = work / f"{name}-{attempt}"
            shutil.rmtree(folder, ignore_errors=True)
            config = _project(folder, size, similarity)
            full, counts[name] = _timed(config)
            changed = sorted((folder / "docs").iterdir())[size // 2]
            changed.write_text(changed.read_text("utf-8") + "\nA new last line.\n", "utf-8")
            one, _ = _timed(config)
            for key, value in ((f"full_{name}_s", full), (f"one_change_{name}_s", one)):
                best[key] = min(best.get(key, value), value)
    return {
        "size": size,
        **best,
        "full_ratio": best["full_on_s"] / best["full_off_s"],
        "one_change_ratio": best["one_change_on_s"] / best["one_change_off_s"],
        "entries_off": counts["off"][0],
        "entries_on": counts["on"][0],
        "collapsed_on": counts["on"][1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="feedpub-dedupe-"))
    for size in args.sizes:
        result = bench(size, work / str(size), args.repeat)
        print(json.dumps(result))


if __name__ == "__main__":
    main()
