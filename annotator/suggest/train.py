"""Retrain the attribution tagger from PolNeAR's training split:

    python -m annotator.suggest.train [CORPUS]   (default ../shared/thirdparty/polnear-corpus)

Writes ``annotator/suggest/data/attributions.crfsuite`` (the CRF) and ``lexicon.json`` (how often
each word was part of a cue or a source). Needs only the default install; takes a few minutes.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

from annotator.suggest.features import Lexicon, stem, token_features
from annotator.suggest.polnear import Attribution, read_ann, split_files
from annotator.suggest.tagger import LEXICON_FILE, MODEL_FILE
from annotator.suggest.tokens import Paragraph, tokenize

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "thirdparty" / "polnear-corpus"
PARTS = (("cue", "Q"), ("source", "S"), ("content", "C"))  # earlier parts win on overlap
MIN_COUNT = 3
# Strong L1 and L2 together: measured on a held-out tenth of train (suggest_settings.py), they
# generalise best and keep a model of 1 MB (c1 0.15 / c2 0.01: 5 MB and lower F1).
TRAINING: dict[str, object] = {
    "c1": 2.0,
    "c2": 3.0,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}


def token_labels(paragraph: Paragraph, attributions: list[Attribution]) -> list[str]:
    """BIO labels: a token belongs to a part when it overlaps one of the part's spans."""
    labels = ["O"] * len(paragraph.tokens)
    for part, letter in reversed(PARTS):
        for attribution in attributions:
            for start, end in getattr(attribution, part):
                if end <= paragraph.start or start >= paragraph.end:
                    continue
                previous = -2
                for i, token in enumerate(paragraph.tokens):
                    if token.start < end and token.end > start:
                        inside = previous == i - 1
                        labels[i] = ("I-" if inside else "B-") + letter
                        previous = i
    return labels


def learn_lexicon(samples: list[tuple[list[Paragraph], list[list[str]]]]) -> Lexicon:
    """How often each word (and each word's stem) was part of a cue or a source."""
    seen: Counter[str] = Counter()
    stems_seen: Counter[str] = Counter()
    parts: dict[str, Counter[str]] = {part: Counter() for part in ("cue", "source", "cue_stem")}
    for paragraphs, labels in samples:
        for paragraph, row in zip(paragraphs, labels, strict=True):
            for token, label in zip(paragraph.tokens, row, strict=True):
                word = token.text.casefold()
                seen[word] += 1
                stems_seen[stem(word)] += 1
                if label.endswith("Q"):
                    parts["cue"][word] += 1
                    parts["cue_stem"][stem(word)] += 1
                elif label.endswith("S"):
                    parts["source"][word] += 1
    totals = {"cue": seen, "source": seen, "cue_stem": stems_seen}
    return {
        part: {w: round(n / totals[part][w], 3) for w, n in counts.items() if n >= MIN_COUNT}
        for part, counts in parts.items()
    }


def labelled(corpus: Path, split: str) -> list[tuple[list[Paragraph], list[list[str]]]]:
    samples = []
    for text_path, ann in split_files(corpus, split):
        paragraphs = tokenize(text_path.read_text(encoding="utf-8"))
        attributions = read_ann(ann)
        samples.append((paragraphs, [token_labels(p, attributions) for p in paragraphs]))
    return samples


Sample = tuple[list[Paragraph], list[list[str]]]


def _train_pass(
    rows: list[tuple[list[list[str]], list[str]]], path: Path, params: dict[str, object]
) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in rows:
        trainer.append(features, labels)
    trainer.set_params(params)
    trainer.train(str(path))


def _base_rows(samples: list[Sample], lexicon: Lexicon) -> list[tuple[list[list[str]], list[str]]]:
    return [
        (token_features(paragraph.tokens, lexicon), row)
        for paragraphs, labels in samples
        for paragraph, row in zip(paragraphs, labels, strict=True)
        if paragraph.tokens
    ]


def train(
    corpus: Path,
    model: Path = MODEL_FILE,
    lexicon_file: Path = LEXICON_FILE,
    params: dict[str, object] | None = None,
) -> None:
    began = time.perf_counter()
    samples = labelled(corpus, "train")
    lexicon = learn_lexicon(samples)
    model.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "model.crfsuite"
        _train_pass(_base_rows(samples, lexicon), raw, {**TRAINING, **(params or {})})
        data = raw.read_bytes()
    # mtime 0: the same training gives the same bytes
    model.write_bytes(gzip.compress(data, 9, mtime=0) if model.suffix == ".gz" else data)
    lexicon_file.write_text(json.dumps(lexicon, sort_keys=True, ensure_ascii=False) + "\n")
    took = time.perf_counter() - began
    size = model.stat().st_size + lexicon_file.stat().st_size
    print(f"trained on {len(samples)} articles in {took:.0f} s: {model.parent} ({size:,} bytes)")


if __name__ == "__main__":
    train(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS)
