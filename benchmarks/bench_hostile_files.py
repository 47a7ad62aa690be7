"""Cost of hostile files that fit the byte limits: time and peak memory of whole processes.

Run: python benchmarks/bench_hostile_files.py
Targets: any accepted or refused tag file validates in under 10 s and 1 GB (files in the shape
the tool writes go to a fast reader, limited by lines; others to PyYAML, limited by values); a
brat line of 3 million fragments is refused in seconds with nothing written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = "004_2011e3964b8c9ec8"


def measure(root: Path, *argv: str) -> tuple[float, float, int, str]:
    """Seconds, peak RSS in MB of the command's own process, its exit code, its last line."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as said:
        child = subprocess.Popen(
            [sys.executable, "-m", "annotator", "--root", str(root), "--reviewer", "alice",
             "--no-cache", *argv],
            stdout=said, stderr=subprocess.STDOUT,
        )  # fmt: skip
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        said.seek(0)
        lines = said.read().decode("utf-8", "replace").strip().splitlines()
    return seconds, usage.ru_maxrss / 1024, child.returncode, lines[-1] if lines else ""


def tiny_values(megabytes: int) -> bytes:
    return b"format: 2\nclaims:\n" + b"- a\n" * (megabytes * 1024 * 1024 // 4)


HAND_EDITED = b"# edited by hand: not the shape the tool writes, so PyYAML reads it\n"


def largest_accepted() -> bytes:
    """Just under the values limit of PyYAML's path, padded with one long note to 31 MB."""
    body = b"- a\n" * 990_000
    padding = 31 * 1024 * 1024 - len(body) - 200
    return HAND_EDITED + b"format: 2\nnote: " + b"x" * padding + b"\nclaims:\n" + body


def largest_in_shape() -> bytes:
    """Just under the lines limit of the fast reader, a mapping a line."""
    return b"format: 2\nclaims:\n" + b"- a: b\n" * 1_999_000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        shutil.copytree(REPO / "seeds", root / "seeds")
        tag_folder = root / "annotations" / SEED
        tag_folder.mkdir(parents=True)
        cases = [
            ("largest in the written shape (1,999,000 one-key claims, 14 MB)", largest_in_shape()),
            ("largest outside it (990,000 values, 31 MB)", largest_accepted()),
            (
                "240,000 one-key claims outside it (960,000 values)",
                HAND_EDITED + b"format: 2\nclaims:\n" + b"- a: b\n" * 240_000,
            ),
            ("31 MB of one-letter values", tiny_values(31)),
        ]
        for label, data in cases:
            (tag_folder / "bob.yaml").write_bytes(data)
            seconds, peak, code, line = measure(root, "validate")
            print(f"validate, {label}: {seconds:.2f} s, peak {peak:.0f} MB, exit {code}")
            print(f"    {line[:150]}")
        (tag_folder / "bob.yaml").unlink()
        ann = Path(folder) / "huge.ann"
        offsets = ";".join(["0 1"] * 3_000_000)
        ann.write_text(f"T1\tofficial_statement {offsets}\tx\n", encoding="utf-8")
        seconds, peak, code, line = measure(
            root, "import", "--format", "brat", "--article", SEED, str(ann)
        )
        written = (tag_folder / "alice.yaml").exists()
        print(
            f"import brat, one line of 3,000,000 fragments ({ann.stat().st_size / 1e6:.0f} MB): "
            f"{seconds:.2f} s, peak {peak:.0f} MB, exit {code}, tag file written: {written}"
        )
        print(f"    {line[:150]}")


if __name__ == "__main__":
    main()
