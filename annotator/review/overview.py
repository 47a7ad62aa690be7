"""The whole agreement report over a selection of articles: each article's part computed on its
own (in a worker, from its tag files, so only counts and unit lists travel back), then the parts
combined: pooled pair figures, alpha over every unit, per-article figures, the unit list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from annotator.model import Claim, TagFile
from annotator.review.agreement import (
    NO_STANCE,
    PairResult,
    SpanScore,
    _round,
    compare_pair,
    krippendorff_alpha,
    pooled,
    unit_json,
    units,
)

# What alpha needs of a unit: each reviewer's (type, stance), or None where they have no claim.
UnitValues = list[tuple[str, str] | None]


@dataclass
class ArticleAgreement:
    article: str
    reviewers: list[str]  # those who tagged it, in the selection's order
    pairs: dict[tuple[str, str], PairResult]
    values: list[UnitValues]
    units: list[dict[str, Any]]


def unit_values(unit: Sequence[Claim | None]) -> UnitValues:
    return [(c.type, c.stance or NO_STANCE) if c else None for c in unit]


def alpha_json(all_units: Sequence[UnitValues]) -> dict[str, Any]:
    type_units = [[v[0] if v else None for v in unit] for unit in all_units]
    stance_units = [[v[1] if v else None for v in unit] for unit in all_units]
    pairable = sum(1 for unit in all_units if sum(v is not None for v in unit) >= 2)
    return {
        "type": {
            "value": _round(krippendorff_alpha(type_units)),
            "units": len(all_units),
            "pairable_units": pairable,
        },
        "stance": {
            "value": _round(krippendorff_alpha(stance_units)),
            "units": len(all_units),
            "pairable_units": pairable,
        },
    }


def article_agreement(
    article_id: str, tags: dict[str, TagFile], reviewers: Sequence[str]
) -> ArticleAgreement:
    """One article's part: each pair matched once, its units over all ``reviewers`` (those
    without a file there are missing values)."""
    pairs = {
        (a, b): compare_pair(a, b, [(tags[a], tags[b])])
        for a, b in combinations(reviewers, 2)
        if a in tags and b in tags
    }
    files = [tags.get(r) or TagFile(article_id, r, "") for r in reviewers]
    article_units = units(files)
    return ArticleAgreement(
        article_id,
        [r for r in reviewers if r in tags],
        pairs,
        [unit_values(unit) for unit in article_units],
        [unit_json(article_id, reviewers, unit) for unit in article_units],
    )


def combine(parts: Sequence[ArticleAgreement], reviewers: Sequence[str]) -> dict[str, Any]:
    """The report from the articles' parts (in any order; articles are listed by id)."""
    ordered = sorted(parts, key=lambda part: part.article)
    pairs = []
    for a, b in combinations(reviewers, 2):
        results = [part.pairs[(a, b)] for part in ordered if (a, b) in part.pairs]
        pairs.append(pooled(a, b, results).to_json() | {"articles": len(results)})
    return {
        "reviewers": list(reviewers),
        "pairs": pairs,
        "alpha": alpha_json([values for part in ordered for values in part.values]),
        "articles": [
            {
                "article": part.article,
                "reviewers": part.reviewers,
                "pairs": [result.to_json() for result in part.pairs.values()],
                "alpha": alpha_json(part.values),
            }
            for part in ordered
        ],
        "units": [unit for part in ordered for unit in part.units],
    }


def agreement(
    per_article: dict[str, dict[str, TagFile]], reviewers: Sequence[str]
) -> dict[str, Any]:
    """The whole report: per pair and per article, and over the whole selection."""
    parts = [article_agreement(a, tags, reviewers) for a, tags in per_article.items()]
    return combine(parts, reviewers)


def _score_state(score: SpanScore) -> list[int]:
    return [score.matches, score.a_claims, score.b_claims]


def part_state(part: ArticleAgreement) -> dict[str, Any]:
    """The part as JSON values, for the parse cache (``part_from_state`` reads it back)."""
    return {
        "article": part.article,
        "reviewers": part.reviewers,
        "pairs": [
            {
                "a": r.a,
                "b": r.b,
                "exact": _score_state(r.exact),
                "overlap": _score_state(r.overlap),
                "type_pairs": r.type_pairs,
                "stance_pairs": r.stance_pairs,
                "labels": {k: _score_state(v) for k, v in r.labels.items()},
                "parts": {k: _score_state(v) for k, v in r.parts.items()},
            }
            for r in part.pairs.values()
        ],
        "values": part.values,
        "units": part.units,
    }


def part_from_state(state: dict[str, Any]) -> ArticleAgreement:
    pairs = {}
    for r in state["pairs"]:
        pairs[(r["a"], r["b"])] = PairResult(
            r["a"],
            r["b"],
            SpanScore(*r["exact"]),
            SpanScore(*r["overlap"]),
            [(x, y) for x, y in r["type_pairs"]],
            [(x, y) for x, y in r["stance_pairs"]],
            {k: SpanScore(*v) for k, v in r["labels"].items()},
            {k: SpanScore(*v) for k, v in r["parts"].items()},
        )
    values = [[None if v is None else (v[0], v[1]) for v in unit] for unit in state["values"]]
    return ArticleAgreement(state["article"], state["reviewers"], pairs, values, state["units"])
