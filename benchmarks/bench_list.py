"""`annotator list --json` over a generated corpus of 1,000 articles x 3 reviewers x 30 claims.

Run: python benchmarks/bench_list.py [--articles N]
Targets: first run (empty parse cache) within 1.5x of bare libyaml loading of every tag file;
second run with no file changed under 1 s. Both runs are whole processes.
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


def run_list(root: Path, cache: Path) -> float:
    env = {**os.environ, "ANNOTATOR_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--root", str(root), "list", "--json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"annotator list failed: {result.stderr.decode()}")
    return elapsed


def bare_load_all(root: Path) -> float:
    code = (
        "import sys, yaml, pathlib\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).glob('annotations/*/*.yaml')):\n"
        "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(root)], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root, cache = Path(folder) / "corpus", Path(folder) / "cache"
        start = time.perf_counter()
        write_corpus(root, args.articles, reviewers=3, claims=30, paragraphs=20)
        files = list(root.glob("annotations/*/*.yaml"))
        size = sum(p.stat().st_size for p in files)
        print(
            f"corpus: {args.articles} articles, {len(files)} tag files, {size / 1e6:.1f} MB "
            f"(generated in {time.perf_counter() - start:.1f} s)"
        )
        bare = bare_load_all(root)
        first = run_list(root, cache)
        second = run_list(root, cache)
        third = run_list(root, cache)
    print(f"bare CSafeLoader load of every tag file: {bare:6.2f} s")
    print(
        f"annotator list --json, first run:         {first:6.2f} s  "
        f"({first / bare:.2f}x, target <= 1.5x)"
    )
    print(f"annotator list --json, second run:        {second:6.2f} s  (target < 1 s)")
    print(f"annotator list --json, third run:         {third:6.2f} s")


if __name__ == "__main__":
    main()
