"""Token-level agreement as PolNeAR reports it, with bootstrap confidence intervals.

The article text (as the tool sees it) is cut into tokens with ``\\w+|[^\\w\\s]``. For each
reviewer a token is ``content`` when its first character lies in a content fragment of one of
their claims, else ``source`` when in a source span, else ``cue`` when in a cue span, else
``none``. Nominal Krippendorff's alpha over every token of the selected articles, reviewers as
coders (a reviewer without a tag file for an article is a missing value there): ``token_alpha``;
the same with two labels, content or not: ``token_alpha_content``.

Alpha is computed from coincidence matrices, one per article, so that a bootstrap over articles
(resampled with replacement, seeded: reruns agree) only adds matrices up.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from operator import mul
from typing import Any

from annotator.article import Article
from annotator.model import TagFile

TOKEN = re.compile(r"\w+|[^\w\s]")
LABELS = ("none", "cue", "source", "content")  # index = priority
Coincidences = dict[tuple[object, object], float]


def _levels(article: Article, tags: TagFile) -> bytearray:
    """Per character of the article: 0 none, 1 cue, 2 source, 3 content (the highest wins)."""
    level = bytearray(len(article.text))
    starts = article.paragraph_starts
    claims = [c for c in tags.claims if not c.orphaned]
    # Lower priorities first, so that content overwrites source, and source overwrites cue.
    for priority, part in ((1, "cue_fragments"), (2, "source_fragments"), (3, "fragments")):
        for claim in claims:
            for fragment in getattr(claim, part):
                if fragment.orphaned:
                    continue
                begin = starts[fragment.paragraph - 1] + fragment.start
                end = starts[fragment.paragraph - 1] + fragment.end
                level[begin:end] = bytes([priority]) * (end - begin)
    return level


def token_starts(article: Article) -> list[int]:
    return [m.start() for m in TOKEN.finditer(article.text)]


def token_labels(article: Article, tags: TagFile) -> list[str]:
    """The label of each token of the article for one reviewer."""
    level = _levels(article, tags)
    return [LABELS[level[start]] for start in token_starts(article)]


def coincidences(units: Sequence[Sequence[object]]) -> Coincidences:
    """Krippendorff's coincidence matrix; units with the same values are counted once."""
    patterns = Counter(
        tuple(sorted(Counter(v for v in unit if v is not None).items(), key=repr)) for unit in units
    )
    return _from_patterns(patterns)


def _from_patterns(patterns: Counter[tuple[tuple[object, int], ...]]) -> Coincidences:
    matrix: Coincidences = {}
    for pattern, times in patterns.items():
        pairable = sum(n for _, n in pattern)
        if pairable < 2:
            continue
        for c, n_c in pattern:
            for k, n_k in pattern:
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                if pairs:
                    matrix[(c, k)] = matrix.get((c, k), 0.0) + times * pairs / (pairable - 1)
    return matrix


def alpha_of(matrix: Coincidences) -> float | None:
    totals: dict[object, float] = {}
    for (c, _), weight in matrix.items():
        totals[c] = totals.get(c, 0.0) + weight
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(w for (c, k), w in matrix.items() if c != k)
    expected = (n * n - sum(t * t for t in totals.values())) / (n - 1)
    return None if expected == 0 else 1 - observed / expected


def add(matrices: Sequence[Coincidences]) -> Coincidences:
    total: Coincidences = {}
    for matrix in matrices:
        for key, weight in matrix.items():
            total[key] = total.get(key, 0.0) + weight
    return total


def article_matrices(
    article: Article, tags: dict[str, TagFile], reviewers: Sequence[str]
) -> tuple[Coincidences, Coincidences]:
    """The article's coincidences over the four labels, and over content or not. Reviewers
    without a tag file for it are missing on all its tokens, so they are simply left out."""
    starts = token_starts(article)
    rows = [
        bytes(map(_levels(article, tags[r]).__getitem__, starts)) for r in reviewers if r in tags
    ]
    units = Counter(zip(*rows, strict=True))  # each distinct combination of labels, counted
    four: Counter[tuple[str, ...]] = Counter()
    two: Counter[tuple[bool, ...]] = Counter()
    for combination, times in units.items():
        four[tuple(LABELS[v] for v in combination)] += times
        two[tuple(v == 3 for v in combination)] += times
    return _coincidences_of(four), _coincidences_of(two)


def _coincidences_of(units: Counter[Any]) -> Coincidences:
    patterns: Counter[tuple[tuple[object, int], ...]] = Counter()
    for unit, times in units.items():
        patterns[tuple(sorted(Counter(unit).items(), key=repr))] += times
    return _from_patterns(patterns)


def bootstrap(
    matrices: Sequence[Coincidences], rounds: int, seed: int = 0
) -> tuple[float, float] | None:
    """The 95% interval of alpha over articles resampled with replacement.

    A round draws how many times each article is taken, then adds each cell of the matrices
    weighted by those counts (a C-level sum over articles), so a thousand rounds over a thousand
    articles take about a second."""
    if rounds <= 0 or len(matrices) < 2:
        return None
    rng = random.Random(seed)  # noqa: S311 - a statistical resample, seeded to be repeatable
    keys = sorted({key for matrix in matrices for key in matrix}, key=repr)
    columns = [[matrix.get(key, 0.0) for matrix in matrices] for key in keys]
    count = len(matrices)
    values = []
    for _ in range(rounds):
        taken = [0] * count
        for index in rng.choices(range(count), k=count):
            taken[index] += 1
        total = {
            key: sum(map(mul, taken, column)) for key, column in zip(keys, columns, strict=True)
        }
        alpha = alpha_of(total)
        if alpha is not None:
            values.append(alpha)
    if not values:
        return None
    values.sort()
    return values[int(0.025 * (len(values) - 1))], values[int(0.975 * (len(values) - 1))]


def token_agreement(
    matrices: Sequence[tuple[Coincidences, Coincidences]], rounds: int = 1000
) -> dict[str, object]:
    """The token figures from each article's ``article_matrices``."""
    four = [m for m, _ in matrices]
    two = [m for _, m in matrices]
    return {
        "token_alpha": {
            "value": alpha_of(add(four)),
            "ci95": bootstrap(four, rounds),
            "tokens": TOKEN.pattern,
        },
        "token_alpha_content": {"value": alpha_of(add(two)), "ci95": bootstrap(two, rounds)},
        "bootstrap": {"rounds": rounds, "resampling": "articles", "seed": 0},
    }
