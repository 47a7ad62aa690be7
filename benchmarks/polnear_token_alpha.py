"""Token-level Krippendorff's alpha on PolNeAR's six-annotator articles, next to the 0.754
PolNeAR published.

Run: python benchmarks/polnear_token_alpha.py
Reads ../shared/thirdparty/polnear-corpus (metadata.tsv lists each article's annotators) and
../shared/thirdparty/polnear; imports every annotator's brat file with `annotator import`, then
prints what `annotator agreement --json` gives.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "thirdparty"
PUBLISHED = 0.754


def sources() -> dict[str, tuple[Path, list[Path]]]:
    """Each six-annotator article found: its text and its annotators' .ann files."""
    found: dict[str, tuple[Path, list[Path]]] = {}
    with (SHARED / "polnear-corpus" / "metadata.tsv").open(encoding="utf-8") as table:
        rows = [
            r for r in csv.DictReader(table, delimiter="\t") if len(r["annotators"].split("|")) == 6
        ]
    folders = [
        SHARED / "polnear-corpus" / "train",
        SHARED / "polnear-corpus" / "dev",
        SHARED / "polnear",
    ]
    for row in rows:
        name = row["filename"]
        for folder in folders:
            text = folder / "text" / f"{name}.txt"
            anns = sorted((folder / "attributions").glob(f"{name}_*.ann"))
            if text.is_file() and len(anns) == 6:
                found[name] = (text, anns)
                break
    return found


def main() -> None:
    articles = sources()
    skipped = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        (root / "seeds").mkdir(parents=True)
        for name, (text, anns) in articles.items():
            shutil.copy(text, root / "seeds" / f"{name}.txt")
            for ann in anns:
                annotator = ann.stem.rsplit("_", 1)[1]
                done = subprocess.run(
                    [sys.executable, "-m", "annotator", "--root", str(root), "--reviewer",
                     f"a{annotator}", "import", "--format", "brat", "--article", name, str(ann)],
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                if done.returncode != 0:  # offsets into a text that is not the normalised one
                    skipped.append(name)
                    shutil.rmtree(root / "annotations" / name, ignore_errors=True)
                    (root / "seeds" / f"{name}.txt").unlink()
                    break
        result = subprocess.run(
            [sys.executable, "-m", "annotator", "--root", str(root), "agreement", "--json"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    data = json.loads(result.stdout)
    four, two = data["token_alpha"], data["token_alpha_content"]
    used = len(articles) - len(skipped)
    print(f"{used} of {len(articles)} PolNeAR articles with six annotators each")
    if skipped:
        print(f"  left out (brat offsets do not fit the normalised text): {', '.join(skipped)}")
    low, high = four["ci95"]
    print(
        f"token alpha (content/source/cue/none): {four['value']:.3f}, 95% CI {low:.3f}-{high:.3f}"
    )
    print(f"  PolNeAR published: {PUBLISHED}")
    low, high = two["ci95"]
    print(f"token alpha (content or not): {two['value']:.3f}, 95% CI {low:.3f}-{high:.3f}")


if __name__ == "__main__":
    main()
