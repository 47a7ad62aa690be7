"""Scoring suggested attributions against a reviewer's: content overlap (one-to-one, any shared
character), and exact source and cue spans (one-to-one, the same fragments), as precision,
recall and F1. Spans are sets of (start, end) in one text's offsets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Spans = Sequence[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Score:
    matched: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return (
            self.matched / self.predicted if self.predicted else 1.0 if not self.expected else 0.0
        )

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0 if not self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.matched + other.matched,
            self.predicted + other.predicted,
            self.expected + other.expected,
        )


def _shared(first: Spans, second: Spans) -> int:
    return sum(max(0, min(a[1], b[1]) - max(a[0], b[0])) for a in first for b in second)


def overlap_score(predicted: Sequence[Spans], expected: Sequence[Spans]) -> Score:
    """One-to-one matching of spans that share characters, largest overlaps first."""
    pairs = sorted(
        (
            (-shared, i, j)
            for i, p in enumerate(predicted)
            for j, e in enumerate(expected)
            if (shared := _shared(p, e)) > 0
        )
    )
    used_p: set[int] = set()
    used_e: set[int] = set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_e:
            used_p.add(i)
            used_e.add(j)
    return Score(len(used_p), len(predicted), len(expected))


def exact_score(predicted: Iterable[Spans], expected: Iterable[Spans]) -> Score:
    """One-to-one matching of identical spans (empty spans are not counted)."""
    wanted = Counter(tuple(sorted(s)) for s in expected if s)
    given = Counter(tuple(sorted(s)) for s in predicted if s)
    matched = sum(min(n, wanted[key]) for key, n in given.items())
    return Score(matched, sum(given.values()), sum(wanted.values()))
