"""Benchmark feedpub against the naive baseline, in one run, as ratios.

    python bench/run.py [--sizes 1000 10000] [--work DIR]

For each corpus size: a full build of feedpub and of the naive baseline (bench/naive.py), a
no-op rebuild, a rebuild after one document changed, listing + stat-ing the files (the floor a
no-op rebuild is compared with), and each one's peak memory. Every measurement runs in its own
child process, so the peak RSS (ru_maxrss) is that of the job alone; times are the best of
``--repeat`` runs. Ratios, not absolute times, are what to compare across machines.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402 - bench/ is run as a script folder

CONFIG = """\
[feed]
title = "Bench"
site_url = "https://bench.example.org/"
author = "Bench"
language = "en"
[input]
folder = "docs"
timezone = "Europe/Brussels"
[output]
folder = "public"
max_entries = 50
"""

# Like for like with the baseline's output: the two feeds, nothing else (no archive, no
# section or author feeds, no site), in its own output folder and state.
FEEDS_ONLY = (
    CONFIG.replace('folder = "public"', 'folder = "public-feeds"')
    + 'formats = ["atom", "rss"]\narchive_size = 0\nsection_feeds = false\n'
    + "author_feeds = false\nsite = false\n"
)

JOBS = {
    "feedpub": "import sys; from feedpub import build, load_config; "
    "build(load_config(sys.argv[1] + '/config.toml'))",
    "feedpub-feeds-only": "import sys; from feedpub import build, load_config; "
    "build(load_config(sys.argv[1] + '/feeds-only.toml'))",
    "naive": f"import sys; sys.path.insert(0, {str(HERE)!r}); import naive; "
    "from pathlib import Path; "
    "naive.build(Path(sys.argv[1]) / 'docs', Path(sys.argv[1]) / 'naive')",
    "list+stat": "import os, sys; [e.stat() for e in os.scandir(sys.argv[1] + '/docs')]",
}


# The job's own peak, or its largest worker process's (a big first build parses in workers).
_REPORT_PEAK = (
    "; import resource; print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
    " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))"
)


def _run(job: str, work: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one job in a fresh child process (its own ru_maxrss, in KiB)."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", JOBS[job] + _REPORT_PEAK, str(work)],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    return seconds, int(result.stdout.split()[-1]) / 1024


def _best(job: str, work: Path, repeat: int) -> tuple[float, float]:
    runs = [_run(job, work) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def bench(size: int, root: Path, repeat: int) -> dict[str, float]:
    work = root / f"n{size}"
    shutil.rmtree(work, ignore_errors=True)
    write_corpus(work / "docs", size)
    (work / "config.toml").write_text(CONFIG, encoding="utf-8")
    (work / "feeds-only.toml").write_text(FEEDS_ONLY, encoding="utf-8")
    naive, naive_mem = _best("naive", work, repeat)
    feeds_only_runs = []
    for _ in range(repeat):
        shutil.rmtree(work / "public-feeds", ignore_errors=True)
        for state in work.glob(".public-feeds.feedpub.sqlite*"):
            state.unlink()
        feeds_only_runs.append(_run("feedpub-feeds-only", work)[0])
    feeds_only = min(feeds_only_runs)
    full_runs = []
    for _ in range(repeat):
        shutil.rmtree(work / "public", ignore_errors=True)
        for state in work.glob(".*.feedpub.sqlite*"):
            state.unlink()
        full_runs.append(_run("feedpub", work))
    full = min(r[0] for r in full_runs)
    # The state a full build leaves (checkpointed: the WAL is folded in when it closes).
    state_bytes = sum(p.stat().st_size for p in work.glob(".public.feedpub.sqlite*"))
    input_bytes = sum(p.stat().st_size for p in (work / "docs").iterdir())
    full_mem = max(r[1] for r in full_runs)
    noop, noop_mem = _best("feedpub", work, repeat)
    listing, _ = _best("list+stat", work, repeat)
    changed = work / "docs" / "000000.txt"
    changed.write_text(changed.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    one_change, _ = _run("feedpub", work)
    return {
        "size": size,
        "naive_s": naive,
        "full_s": full,
        "feeds_only_s": feeds_only,
        "naive_over_feeds_only": naive / feeds_only,
        "noop_s": noop,
        "one_change_s": one_change,
        "list_stat_s": listing,
        "naive_over_full": naive / full,
        "noop_over_list": noop / listing,
        "state_over_input": state_bytes / input_bytes,
        "peak_mib": noop_mem,
        "full_peak_mib": full_mem,
        "naive_peak_mib": naive_mem,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    root = args.work or Path(tempfile.mkdtemp(prefix="feedpub-bench-"))
    print(f"# python {sys.version.split()[0]}, {os.cpu_count()} cpus, corpus in {root}")
    print(
        "| docs | naive full | feedpub full | naive/feedpub | feeds only | naive/feeds only "
        "| no-op | list+stat | no-op/list | one change | one change/no-op | state/input "
        "| peak MiB (full / no-op / naive) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        r = bench(size, root, args.repeat)
        print(
            f"| {size} | {r['naive_s']:.2f}s | {r['full_s']:.2f}s | {r['naive_over_full']:.2f}x "
            f"| {r['feeds_only_s']:.2f}s | {r['naive_over_feeds_only']:.2f}x "
            f"| {r['noop_s']:.2f}s | {r['list_stat_s']:.3f}s | {r['noop_over_list']:.1f}x "
            f"| {r['one_change_s']:.2f}s | {r['one_change_s'] / r['noop_s']:.1f}x "
            f"| {r['state_over_input']:.2f}x "
            f"| {r['full_peak_mib']:.0f} / {r['peak_mib']:.0f} / {r['naive_peak_mib']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
