"""Terminal UI speed: start-up, a 10,000-paragraph article, key latency, memory.

Run: python benchmarks/bench_tui.py
Targets:
- `annotator annotate <seed>` shows its first paragraph within 1.3x of a bare Textual app showing
  one line (both whole processes, in a pseudo-terminal, in the same run);
- an article of 10,000 paragraphs with 5,000 claims shows its first paragraph in under 1 s, and
  within 2.5x of the bare app;
- next paragraph and tagging a claim: median under 50 ms from key to updated screen (Pilot, 200
  presses on that article);
- peak memory for that article under 300 MB;
- keys to tag the seed example claims (content + source + cue + type): median at most 12
  without suggestions (``keys_per_claim.py``, also run alone).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import random
import resource
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import article_text, make_tags

from annotator.article import parse_article
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize

if TYPE_CHECKING:
    from textual.app import App

ROOT = Path(__file__).resolve().parent.parent
BARE_APP = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("bare textual app is showing this line")
Bare().run()
"""
RUNS = 5


def spawn_and_wait_for(
    command: list[str], marker: bytes, env: dict[str, str], then: bytes | None = None
) -> tuple[float, float]:
    """Run ``command`` in a 100x30 pseudo-terminal: seconds until ``marker`` is drawn, and, when
    ``then`` is given, seconds from typing it until the process is gone (else 0)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    seen = b""
    try:
        while marker not in seen:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                raise SystemExit(f"{command[0]}: nothing shown in 30 s")
            seen = seen[-4096:] + os.read(master, 65536)
        shown = time.perf_counter() - start
        if then is None:
            return shown, 0.0
        time.sleep(0.3)  # let the first frame settle, as a user would
        typed = time.perf_counter()
        os.write(master, then)
        while process.poll() is None:
            if time.perf_counter() - typed > 30:
                raise SystemExit(f"{command[0]}: still running 30 s after {then!r}")
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                with contextlib.suppress(OSError):  # the child closed the terminal
                    os.read(master, 65536)
        return shown, time.perf_counter() - typed
    finally:
        process.kill()
        process.wait()
        os.close(master)


def time_until_shown(command: list[str], marker: bytes, env: dict[str, str]) -> float:
    """Seconds from spawning ``command`` in a 100x30 pseudo-terminal until ``marker`` is drawn."""
    return spawn_and_wait_for(command, marker, env)[0]


def best_of(command: list[str], marker: bytes, env: dict[str, str]) -> float:
    return statistics.median(time_until_shown(command, marker, env) for _ in range(RUNS))


def make_big_corpus(root: Path) -> str:
    rng = random.Random(3)
    shutil.copytree(ROOT / "seeds", root / "seeds")
    text = "Opening paragraph of the very long benchmark article.\n\n" + article_text(rng, 9999)
    return write_article(root, "big", text, rng, claims=5000)


def write_article(root: Path, article_id: str, text: str, rng: random.Random, claims: int) -> str:
    """Add an article to the corpus at ``root``, with ``claims`` random claims by "bench"."""
    (root / "seeds" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    tags = make_tags(rng, parse_article(article_id, text), "bench", claims)
    (root / "annotations" / article_id).mkdir(parents=True)
    (root / "annotations" / article_id / "bench.yaml").write_bytes(serialize(tags))
    return article_id


def record_frames(app: App[None]) -> list[float]:
    """The times of the frames ``app`` writes to the terminal, appended as they are written."""
    frames: list[float] = []
    display = app._display

    def recording_display(screen: object, renderable: object) -> None:
        frames.append(time.perf_counter())
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = recording_display  # type: ignore[method-assign]
    return frames


async def key_latency(root: Path) -> dict[str, float]:
    """Median time from a key press to the next frame written to the terminal.

    Pilot's ``press`` also waits for the app to be idle afterwards (about 60 ms even for a bare
    app here), so the time is taken to the first frame the app writes after the key.
    """
    from annotator.tui.annotate import AnnotateScreen
    from annotator.tui.app import AnnotatorApp

    app = AnnotatorApp(Corpus.open(root), "bench", "big")
    frames = record_frames(app)
    figures: dict[str, list[float]] = {
        "next paragraph (j)": [],
        "open the claim form (1)": [],
        "save a claim (enter)": [],
        "enter to saved on disk": [],
    }
    saved_at: list[float] = []

    async def press(key: str, figure: str | None) -> None:
        start = time.perf_counter()
        await pilot.press(key)
        if figure is not None:
            figures[figure].append(next(t for t in frames if t > start) - start)

    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen) and screen.session is not None
        real_saved = screen._saved

        def saved() -> None:
            saved_at.append(time.perf_counter())
            real_saved()

        screen._saved = saved  # type: ignore[method-assign]
        for _ in range(200):
            await press("j", "next paragraph (j)")
        for _ in range(50):
            await press("j", None)
            await press("s", None)
            await press("1", "open the claim form (1)")
            pressed = time.perf_counter()
            await press("enter", "save a claim (enter)")
            await app.workers.wait_for_complete()
            figures["enter to saved on disk"].append(
                next(t for t in saved_at if t > pressed) - pressed
            )
        claims = len(screen.session.tags.claims)
    assert claims == 5050, claims
    return {name: statistics.median(values) for name, values in figures.items()}


def main() -> None:
    env = {**os.environ, "TERM": "xterm-256color", "ANNOTATOR_REVIEWER": "bench"}
    annotator = [sys.executable, "-m", "annotator"]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        env["ANNOTATOR_CACHE_DIR"] = str(Path(folder) / "cache")
        big = make_big_corpus(root)
        bare = best_of([sys.executable, "-c", BARE_APP], b"showing this line", env)
        seed = best_of(
            [*annotator, "--root", str(root), "annotate", "004_2011e3964b8c9ec8"],
            b"partner countries",
            env,
        )
        large = best_of(
            [*annotator, "--root", str(root), "annotate", big], b"very long benchmark", env
        )
        latency = asyncio.run(key_latency(root))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bare Textual app, first line shown:          {bare * 1000:7.0f} ms")
    print(
        f"annotate a seed article, first paragraph:    {seed * 1000:7.0f} ms  "
        f"({seed / bare:.2f}x, target <= 1.3x)"
    )
    print(
        f"10,000 paragraphs + 5,000 claims, first ¶:   {large * 1000:7.0f} ms  "
        f"({large / bare:.2f}x, target < 1 s and <= 2.5x)"
    )
    for name, value in latency.items():
        print(f"median key to updated screen, {name:<22} {value * 1000:5.1f} ms  (target < 50 ms)")
    print(f"peak memory of the Pilot run on that article: {peak:6.0f} MB  (target < 300 MB)")
    import keys_per_claim

    keys_per_claim.report()


if __name__ == "__main__":
    main()
