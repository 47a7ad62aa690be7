"""The shipped CRF: labels each token of a paragraph as part of a cue (Q), source (S) or
content (C), or none (O), in BIO form."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import pycrfsuite

from annotator.errors import AnnotatorError
from annotator.suggest.features import Lexicon, token_features
from annotator.suggest.tokens import Token

DATA = Path(__file__).resolve().parent / "data"
MODEL_FILE = DATA / "attributions.crfsuite.gz"  # gzip: a third of the size, read in 0.07 s
LEXICON_FILE = DATA / "lexicon.json"
LETTERS = ("Q", "S", "C")  # cue, source, content
# Chosen on a held-out tenth of the training split (benchmarks/suggest_settings.py trains it).
KEEP: Mapping[str, float] = {"Q": 0.45, "S": 0.4, "C": 0.35}


class Tagger:
    def __init__(self, model: Path = MODEL_FILE, lexicon: Path = LEXICON_FILE) -> None:
        self._tagger = pycrfsuite.Tagger()
        try:
            data = model.read_bytes()
            # CRFsuite reads the model where it lies in memory: the bytes must live as long.
            self._model = gzip.decompress(data) if model.suffix == ".gz" else data
            self._tagger.open_inmemory(self._model)
            self.lexicon: Lexicon = json.loads(lexicon.read_text(encoding="utf-8"))
        except (OSError, ValueError, EOFError) as error:  # missing, truncated, not a model
            raise AnnotatorError(
                f"the suggestions model cannot be read ({error}); reinstall annotator or "
                "retrain it: python -m annotator.suggest.train",
                model,
            ) from None
        self._known = frozenset(self._tagger.labels())
        self._lock = threading.Lock()

    def features(self, tokens: Sequence[Token]) -> list[list[str]]:
        return token_features(tokens, self.lexicon)

    def labels_and_confidence(
        self, tokens: Sequence[Token], keep: Mapping[str, float] = KEEP
    ) -> tuple[list[str], list[float]]:
        """Labels by marginal probability: a token is part of a cue, source or content when the
        model gives that part at least ``keep`` (Viterbi's best path is too shy for
        suggestions, which the reviewer filters), and each token's probability of its part."""
        if not tokens:
            return [], []
        features = self.features(tokens)
        with self._lock:  # one CRFsuite tagger holds one sequence at a time
            return self._decode(features, len(tokens), keep)

    def _decode(
        self, features: list[list[str]], count: int, keep: Mapping[str, float]
    ) -> tuple[list[str], list[float]]:
        self._tagger.set(features)
        labels: list[str] = []
        confidence: list[float] = []
        for i in range(count):
            parts = {
                letter: (self._marginal("B-" + letter, i), self._marginal("I-" + letter, i))
                for letter in LETTERS
            }
            letter, (begin, inside) = max(parts.items(), key=lambda item: sum(item[1]))
            best = begin + inside
            if best >= keep[letter]:
                same = bool(labels) and labels[-1][2:] == letter
                labels.append(("I-" if same and begin <= inside else "B-") + letter)
                confidence.append(best)
            else:
                labels.append("O")
                confidence.append(1.0 - best)
        return labels, confidence

    def _marginal(self, label: str, position: int) -> float:
        return self._tagger.marginal(label, position) if label in self._known else 0.0


@cache
def shipped_tagger() -> Tagger:
    return Tagger()
