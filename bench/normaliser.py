"""The normaliser's cost per document on the benchmark corpus, this checkout against another.

    python bench/normaliser.py [--count 2000] [--repeat 3] [--against PATH_TO_OTHER_CHECKOUT]

Writes the seeded corpus (bench/corpus.py) once, then in fresh child processes, alternately
for this checkout and the other one (``--against``: e.g. a worktree of main), reads every
document and runs ``feedpub.normalise`` on it, and prints the best CPU time per document of
``--repeat`` rounds and their ratio. The first document's cost (imports, dateparser's first
call if any) is counted apart: it is paid once per process. Only the ratio means anything
across machines.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402 - bench/ is run as a script folder

_JOB = """
import json, sys, time
from pathlib import Path
from dateutil import tz
start = time.process_time()
from feedpub.documents import read_document
from feedpub.normalise import normalise
zone = tz.gettz("Europe/Brussels")
paths = sorted(Path(sys.argv[1]).iterdir())
first = time.process_time()
normalise(read_document(paths[0]), zone=zone, language="en")
rest = time.process_time()
for path in paths[1:]:
    normalise(read_document(path), zone=zone, language="en")
end = time.process_time()
print(json.dumps({"first": rest - start, "per_doc": (end - rest) / (len(paths) - 1)}))
"""


def _measure(checkout: Path, corpus: Path) -> dict[str, float]:
    # Run in the checkout: ``-c`` puts the working folder first on the path, ahead of
    # PYTHONPATH, so run from another checkout (this one, say) it would measure that one.
    result = subprocess.run(
        [sys.executable, "-c", _JOB, str(corpus)],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"},
        cwd=checkout,
    )
    data: dict[str, float] = json.loads(result.stdout)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", type=Path, default=None)
    args = parser.parse_args()
    corpus = Path(tempfile.mkdtemp(prefix="feedpub-bench-normaliser-")) / "docs"
    write_corpus(corpus, args.count)
    checkouts = {"this": HERE.parent}
    if args.against is not None:
        checkouts["against"] = args.against.resolve()
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    for _ in range(args.repeat):
        for name, checkout in checkouts.items():
            runs[name].append(_measure(checkout, corpus))
    print(f"# {args.count} documents, best of {args.repeat}, CPU time")
    print("| checkout | per document | first document (imports) |")
    print("|---|---:|---:|")
    best = {}
    for name, checkout in checkouts.items():
        best[name] = min(r["per_doc"] for r in runs[name])
        first = min(r["first"] for r in runs[name])
        print(f"| {name} ({checkout}) | {best[name] * 1e3:.3f} ms | {first:.2f} s |")
    if "against" in best:
        print(f"\nthis / against: {best['this'] / best['against']:.2f}x")


if __name__ == "__main__":
    main()
