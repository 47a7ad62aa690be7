"""Each reviewer against the adjudicated version: span F1 (overall and per claim type), Cohen's
kappa and Krippendorff's alpha for type and stance on matched claims, each with a 95% bootstrap
interval (articles resampled with replacement, seeded: reruns agree).

The adjudicated version is the reference (``a``), the reviewer ``b``: recall is the share of
the adjudicated claims the reviewer found, precision the share of the reviewer's claims kept.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from annotator.model import TagFile
from annotator.review.agreement import (
    PairResult,
    cohen_kappa,
    compare_pair,
    krippendorff_alpha,
    pooled,
)
from annotator.slugs import ADJUDICATED

Figure = Callable[[PairResult], float | None]


def _figures(labels: Sequence[str]) -> dict[str, Figure]:
    figures: dict[str, Figure] = {
        "exact_f1": lambda r: r.exact.f1,
        "overlap_f1": lambda r: r.overlap.f1,
        "kappa_type": lambda r: cohen_kappa(r.type_pairs),
        "kappa_stance": lambda r: cohen_kappa(r.stance_pairs),
        "alpha_type": lambda r: krippendorff_alpha([list(p) for p in r.type_pairs]),
        "alpha_stance": lambda r: krippendorff_alpha([list(p) for p in r.stance_pairs]),
    }
    for label in labels:
        figures[f"f1:{label}"] = lambda r, label=label: (  # type: ignore[misc]
            r.labels[label].f1 if label in r.labels else None
        )
    return figures


def _interval(values: list[float]) -> list[float] | None:
    if not values:
        return None
    values.sort()
    return [values[int(0.025 * (len(values) - 1))], values[int(0.975 * (len(values) - 1))]]


def against_adjudicated(
    per_article: dict[str, dict[str, TagFile]],
    adjudicated: dict[str, TagFile],
    reviewers: Sequence[str],
    rounds: int = 1000,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Per reviewer, over the articles that have an adjudicated version and their tags."""
    found = []
    for reviewer in reviewers:
        results = [
            compare_pair(ADJUDICATED, reviewer, [(adjudicated[article_id], tags[reviewer])])
            for article_id, tags in sorted(per_article.items())
            if article_id in adjudicated and reviewer in tags
        ]
        if not results:
            continue
        total = pooled(ADJUDICATED, reviewer, results)
        figures = _figures(sorted(total.labels))
        samples: dict[str, list[float]] = {name: [] for name in figures}
        rng = random.Random(seed)  # noqa: S311 - a statistical resample, seeded to be repeatable
        for _ in range(rounds if len(results) > 1 else 0):
            drawn = pooled(ADJUDICATED, reviewer, rng.choices(results, k=len(results)))
            for name, figure in figures.items():
                value = figure(drawn)
                if value is not None:
                    samples[name].append(value)
        found.append(
            {
                "reviewer": reviewer,
                "articles": len(results),
                **{name: figure(total) for name, figure in figures.items()},
                "ci95": {name: _interval(values) for name, values in samples.items()},
                "counts": total.to_json(),
            }
        )
    return found
