"""Every speed figure users wait on, with its yardstick, ratio and goal, measured in one run.

Run: python benchmarks/run_all.py            (about five minutes)
     python benchmarks/run_all.py --quick    (skips the 100,000-paragraph and 5,000-article cases)

Whole processes are timed from spawn; the terminal UI in a 100x30 pseudo-terminal until a text
is drawn; a figure and its yardstick are measured interleaved, and medians are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import random
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tui import BARE_APP, key_latency, write_article
from corpus import article_text

ROOT = Path(__file__).resolve().parent.parent
ANNOTATOR = [sys.executable, "-m", "annotator"]
SEED = "004_2011e3964b8c9ec8"


def row(what: str, figure: str, goal: str) -> None:
    print(f"| {what} | {figure} | {goal} |", flush=True)


def _peak_kb(pid: int) -> int:
    """The largest VmHWM among ``pid`` and its descendants (kB); 0 once they are gone."""
    peak = 0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1])
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
            for child in children.read().split():
                peak = max(peak, _peak_kb(int(child)))
    except (OSError, ValueError):
        pass
    return peak


def run_process(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of a whole process and its workers, output discarded.

    The peak is read from /proc while it runs (VmHWM, which exec resets), not from wait4:
    a child forked from this large process would count this process's memory as its own."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = 0
    while child.poll() is None:
        peak = max(peak, _peak_kb(child.pid))
        time.sleep(0.005)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed")
    return time.perf_counter() - start, peak / 1024


def interleaved(
    first: Callable[[], float], second: Callable[[], float], runs: int
) -> tuple[float, float]:
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


def on_terminal(
    command: list[str], markers: list[bytes], env: dict[str, str]
) -> tuple[list[float], float]:
    """Seconds until each marker is drawn, in order, and the process's peak RSS (MB)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    seen, times = b"", []
    try:
        for marker in markers:
            while marker not in seen:
                ready, _, _ = select.select([master], [], [], 60)
                if not ready:
                    raise SystemExit(f"{marker!r} not shown in 60 s")
                seen = seen[-8192:] + os.read(master, 65536)
            times.append(time.perf_counter() - start)
            seen = b""
    finally:
        child.kill()
        _, _, usage = os.wait4(child.pid, 0)
        os.close(master)
    return times, usage.ru_maxrss / 1024


def startup(env: dict[str, str], root: Path) -> None:
    version, yaml = interleaved(
        lambda: run_process([*ANNOTATOR, "--version"], env)[0],
        lambda: run_process([sys.executable, "-c", "import yaml"], env)[0],
        9,
    )
    row(
        "`annotator --version` vs `python -c 'import yaml'`",
        f"{version * 1000:.0f} ms vs {yaml * 1000:.0f} ms: **{version / yaml:.2f}×**",
        "≤ 1.5×",
    )
    seed_command = [*ANNOTATOR, "--root", str(root), "annotate", SEED]
    seed, bare = interleaved(
        lambda: on_terminal(seed_command, [b"partner countries"], env)[0][0],
        lambda: on_terminal([sys.executable, "-c", BARE_APP], [b"showing this line"], env)[0][0],
        7,
    )
    row(
        f"`annotator annotate {SEED}` first paint vs a bare Textual app showing one line",
        f"{seed * 1000:.0f} ms vs {bare * 1000:.0f} ms: **{seed / bare:.2f}×**",
        "≤ 1.3×",
    )
    large_article(env, root, bare, 10_000, 5_000, "≤ 2.5× bare / < 1 s / < 300 MB")


def large_article(
    env: dict[str, str], root: Path, bare: float | None, paragraphs: int, claims: int, goal: str
) -> None:
    rng = random.Random(paragraphs)
    article_id = f"big{paragraphs}"
    text = "Opening paragraph of the very long benchmark article.\n\n"
    write_article(root, article_id, text + article_text(rng, paragraphs - 1), rng, claims)
    command = [*ANNOTATOR, "--root", str(root), "annotate", article_id]
    markers = [b"very long benchmark", f"{claims} claims".encode()]
    runs = [on_terminal(command, markers, env) for _ in range(3)]
    paint = statistics.median(r[0][0] for r in runs)
    shown = statistics.median(r[0][1] for r in runs)
    peak = max(r[1] for r in runs)
    row(
        f"annotate, {paragraphs:,} ¶ + {claims:,} claims: first paint / tags shown / peak RSS",
        f"**{paint:.2f} s**{f' ({paint / bare:.1f}× bare)' if bare else ''} / **{shown:.2f} s** / "
        f"**{peak:.0f} MB**",
        goal,
    )
    start = time.perf_counter()
    subprocess.run(
        [*ANNOTATOR, "--root", str(root), "--reviewer", "bench", "show", article_id],
        stdout=subprocess.DEVNULL, env=env, check=True,
    )  # fmt: skip
    row("`show` of that article, into a pipe", f"**{time.perf_counter() - start:.2f} s**",
        "< 1 s (10,000 ¶) / < 5 s (100,000 ¶)")  # fmt: skip


def tagging(root: Path) -> None:
    shutil.copytree(ROOT / "seeds", root / "seeds")
    rng = random.Random(3)
    text = "Opening paragraph of the very long benchmark article.\n\n" + article_text(rng, 9999)
    write_article(root, "big", text, rng, claims=5000)
    latency = asyncio.run(key_latency(root))
    figures = " / ".join(f"{name}: **{value * 1000:.0f} ms**" for name, value in latency.items())
    row("tagging on the 10,000 ¶ article (Pilot, medians)", figures,
        "j ≤ 20 ms; enter → shown ≤ 50 ms, → saved ≤ 100 ms")  # fmt: skip


def make_corpus(root: Path, articles: int, seed: int) -> None:
    """In a process of its own: building it here would grow this process, and a child forked
    from a large process starts that large, which its peak memory would count."""
    code = (
        f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'benchmarks')!r}]\n"
        "from pathlib import Path; from corpus import write_corpus\n"
        f"write_corpus(Path({str(root)!r}), {articles}, reviewers=3, claims=30, paragraphs=20,"
        f" seed={seed})"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def corpus_commands(env: dict[str, str], root: Path) -> None:
    make_corpus(root, 1000, seed=1)
    cache = root.parent / "cache"
    env = {**env, "ANNOTATOR_CACHE_DIR": str(cache), "ANNOTATOR_REVIEWER": "reviewer0"}
    base = [*ANNOTATOR, "--root", str(root)]
    for command in (["list", "--json"], ["validate"]):
        shutil.rmtree(cache, ignore_errors=True)
        cold, _ = run_process([*base, *command], env)
        warm, _ = run_process([*base, *command], env)
        row(f"1,000 articles × 3 reviewers × 30 claims: `{' '.join(command)}` cold / warm",
            f"**{cold:.2f} s** / **{warm:.2f} s**", "< 3 s / < 0.5 s")  # fmt: skip
    run_process([*base, "report"], env)
    after, _ = run_process([*base, "list", "--json"], env)
    row("`list` after `report` on that corpus", f"**{after:.2f} s**", "warm (< 0.5 s)")
    for command in (["agreement", "--json"], ["export", "--format", "jsonl", "--all-reviewers"]):
        seconds, peak = run_process([*base, *command], env)
        row(f"that corpus: `{' '.join(command)}`", f"**{seconds:.2f} s, {peak:.0f} MB**",
            "< 3 s, < 100 MB")  # fmt: skip


def agreement_scale(env: dict[str, str], root: Path) -> None:
    for claims in (1000, 4000):
        folder = root / f"agreement{claims}"
        rng = random.Random(claims)
        (folder / "seeds").mkdir(parents=True)
        (folder / "annotations").mkdir()
        text = article_text(rng, claims // 5)
        write_article(folder, "one", text, rng, claims)
        shutil.copy(folder / "annotations/one/bench.yaml", folder / "annotations/one/other.yaml")
        other = folder / "annotations/one/other.yaml"
        other.write_text(other.read_text().replace("reviewer: bench", "reviewer: other"))
        seconds, _ = run_process([*ANNOTATOR, "--root", str(folder), "--no-cache",
                                  "agreement", "--json"], env)  # fmt: skip
        row(f"`agreement`, one article, 2 reviewers × {claims:,} claims", f"**{seconds:.2f} s**",
            "linear, < 1 s at 4,000")  # fmt: skip


def big_export(env: dict[str, str], root: Path) -> None:
    make_corpus(root, 5000, seed=2)
    seconds, peak = run_process(
        [*ANNOTATOR, "--root", str(root), "--no-cache", "export", "--format", "jsonl",
         "--all-reviewers"], env,
    )  # fmt: skip
    row("`export --all-reviewers`, 5,000 articles", f"{seconds:.1f} s, **{peak:.0f} MB**",
        "< 100 MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the largest cases")
    quick = parser.parse_args().quick
    env = {**os.environ, "TERM": "xterm-256color", "ANNOTATOR_REVIEWER": "bench"}
    print(f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores.\n")
    print("| what | measured | goal |\n|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        env["ANNOTATOR_CACHE_DIR"] = str(base / "cache")
        ui = base / "ui"
        shutil.copytree(ROOT / "seeds", ui / "seeds")
        (ui / "annotations").mkdir()
        startup(env, ui)
        if not quick:
            large_article(env, ui, None, 100_000, 50_000, "< 1.5 s / < 5 s / < 600 MB")
        corpus_commands(env, base / "corpus")
        agreement_scale(env, base)
        if not quick:
            big_export(env, base / "export")
        # Last: the Pilot run grows this process, and a child forked from it starts that large,
        # which its peak memory would count.
        tagging(base / "tagging")


if __name__ == "__main__":
    main()
