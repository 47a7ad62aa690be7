"""Load + validate and save of one tag file with 5,000 claims, against bare libyaml.

Run: python benchmarks/bench_tagfile.py
Targets: load + validate within 1.5x of a bare CSafeLoader load of the same file;
save within 1.5x of a bare CSafeDumper dump of the same document.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import article_text, make_tags

from annotator.article import parse_article
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize, to_document

CLAIMS = 5000
REPEAT = 7


def timed(function: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "seeds").mkdir()
        text = article_text(rng, 2000)
        (root / "seeds" / "big.txt").write_text(text, encoding="utf-8")
        corpus = Corpus.open(root)
        article = parse_article("big", text)
        tags = make_tags(rng, article, "alice", CLAIMS)
        corpus.save_tags(tags, None)
        path = corpus.tag_path("big", "alice")
        data = path.read_bytes()
        document = to_document(tags)

        bare_load = timed(lambda: yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))
        ours_load = timed(lambda: corpus.load_tags(article, "alice"))
        assert corpus.load_tags(article, "alice").tags == tags

        bare_dump = timed(
            lambda: yaml.dump(
                document,
                Dumper=yaml.CSafeDumper,
                sort_keys=False,
                allow_unicode=True,
                default_flow_style=False,
            )
        )
        state = {"tags": tags, "digest": corpus.load_tags(article, "alice").disk_digest}

        def save_one_change() -> None:
            changed = replace(
                state["tags"],
                claims=(
                    replace(state["tags"].claims[0], note=str(time.perf_counter())),
                    *state["tags"].claims[1:],
                ),
            )  # type: ignore[attr-defined]
            state["digest"] = corpus.save_tags(changed, state["digest"])  # type: ignore[arg-type]
            state["tags"] = changed

        ours_save = timed(save_one_change)
        ours_serialize = timed(lambda: serialize(tags))

    print(f"tag file: {CLAIMS} claims, {len(data) / 1e6:.2f} MB")
    print(f"bare CSafeLoader load:     {bare_load * 1000:8.1f} ms")
    print(
        f"annotator load + validate: {ours_load * 1000:8.1f} ms  "
        f"({ours_load / bare_load:.2f}x, target <= 1.5x)"
    )
    print(f"bare CSafeDumper dump:     {bare_dump * 1000:8.1f} ms")
    print(
        f"annotator save (atomic):   {ours_save * 1000:8.1f} ms  "
        f"({ours_save / bare_dump:.2f}x, target <= 1.5x)"
    )
    print(f"  of which serialize:      {ours_serialize * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
