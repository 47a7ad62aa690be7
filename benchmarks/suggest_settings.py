"""How the tagger's training settings were chosen without looking at the dev split: train on
nine tenths of PolNeAR's training split, score the suggestions on the tenth left out.

Run: python benchmarks/suggest_settings.py   (two trainings, about 8 minutes)
Compares CRFsuite's usual regularisation (c1 0.15, c2 0.01) with the shipped one (see
annotator/suggest/train.py), and for the shipped one the probabilities at which a token's part is
kept (annotator/suggest/tagger.py KEEP); prints content overlap, source exact and cue exact F1 and
each model's size.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.suggest import train as training
from annotator.suggest.evaluate import Score, exact_score, overlap_score
from annotator.suggest.polnear import read_ann, split_files
from annotator.suggest.suggester import suggest_text
from annotator.suggest.tagger import KEEP, Tagger
from annotator.suggest.tokens import tokenize

# Token probabilities at which a part is kept: the shipped ones first, then others tried.
KEEPS = [
    dict(KEEP),
    {"Q": 0.35, "S": 0.4, "C": 0.4},
    {"Q": 0.5, "S": 0.5, "C": 0.5},
    {"Q": 0.3, "S": 0.35, "C": 0.35},
]
SETTINGS: dict[str, dict[str, object]] = {
    "usual": {"c1": 0.15, "c2": 0.01},
    "shipped": {"c1": training.TRAINING["c1"], "c2": training.TRAINING["c2"]},
}


def main() -> None:
    pairs = split_files(training.DEFAULT_CORPUS, "train")
    fit = [p for i, p in enumerate(pairs) if i % 10 != 3]
    held = [p for i, p in enumerate(pairs) if i % 10 == 3]
    samples = []
    for text_path, ann in fit:
        paragraphs = tokenize(text_path.read_text(encoding="utf-8"))
        attributions = read_ann(ann)
        samples.append((paragraphs, [training.token_labels(p, attributions) for p in paragraphs]))
    lexicon = training.learn_lexicon(samples)
    rows = training._base_rows(samples, lexicon)
    print(
        f"trained on {len(fit)} articles of the training split, scored on the {len(held)} left out"
    )
    with tempfile.TemporaryDirectory() as folder:
        lexicon_file = Path(folder) / "lexicon.json"
        lexicon_file.write_text(json.dumps(lexicon), encoding="utf-8")
        for name, params in SETTINGS.items():
            raw = Path(folder) / f"{name}.crfsuite"
            training._train_pass(rows, raw, {**training.TRAINING, **params})
            model = Path(folder) / f"{name}.crfsuite.gz"
            model.write_bytes(gzip.compress(raw.read_bytes(), 9, mtime=0))
            tagger = Tagger(model, lexicon_file)
            size = model.stat().st_size / 1e6
            print(f"  {name:<8} c1 {params['c1']}, c2 {params['c2']} ({size:.1f} MB):")
            for keep in KEEPS if name == "shipped" else KEEPS[:1]:
                print(f"    keep {keep}: {_figures(tagger, held, keep)}")


def _figures(tagger: Tagger, held: list[tuple[Path, Path]], keep: dict[str, float]) -> str:
    """Scores of the suggestions on the held-out articles, tokens kept at ``keep``."""
    label = tagger.labels_and_confidence
    tagger.labels_and_confidence = lambda tokens, _keep=keep: label(tokens, _keep)  # type: ignore[method-assign,assignment]
    total = {"content overlap": Score(0, 0, 0), "source exact": Score(0, 0, 0),
             "cue exact": Score(0, 0, 0)}  # fmt: skip
    for text_path, ann in held:
        found = suggest_text(text_path.read_text(encoding="utf-8"), tagger=tagger)
        gold = read_ann(ann)
        total["content overlap"] += overlap_score(
            [f.content for f in found], [g.content for g in gold]
        )
        total["source exact"] += exact_score(
            [f.source_spans for f in found], [g.source for g in gold]
        )
        total["cue exact"] += exact_score([f.cue_spans for f in found], [g.cue for g in gold])
    tagger.labels_and_confidence = label  # type: ignore[method-assign]
    return "  ".join(f"{k} F1 {s.f1:.3f}" for k, s in total.items())


if __name__ == "__main__":
    main()
