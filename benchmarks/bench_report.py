"""`annotator report --format json` over 1,000 articles x 3 reviewers (30 claims each).

Run: python benchmarks/bench_report.py [--articles N]
Target: under 3 s on a second run (whole process; the parse cache is keyed on file bytes).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus


def run_report(root: Path, cache: Path) -> float:
    env = {**os.environ, "ANNOTATOR_CACHE_DIR": str(cache)}
    command = [
        sys.executable,
        "-m",
        "annotator",
        "--root",
        str(root),
        "--reviewer",
        "reviewer0",
        "report",
        "--format",
        "json",
    ]
    start = time.perf_counter()
    result = subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"annotator report failed: {result.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root, cache = Path(folder) / "corpus", Path(folder) / "cache"
        write_corpus(root, args.articles, reviewers=3, claims=30, paragraphs=20)
        first = run_report(root, cache)
        second = run_report(root, cache)
    print(f"annotator report --format json, {args.articles} articles x 3 reviewers")
    print(f"  first run (empty cache): {first:6.2f} s")
    print(f"  second run:              {second:6.2f} s  (target < 3 s)")


if __name__ == "__main__":
    main()
