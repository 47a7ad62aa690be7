"""Agreement between reviewers: span matching and F1, Cohen's kappa, Krippendorff's alpha.

Two reviewers' claims are matched one to one within a paragraph: exact matches (same span) first,
then the overlapping pairs with the largest proportional overlap |a∩b| / max(|a|, |b|)
(the SemEval-2020 Task 11 credit). A claim's span is its whole content, every fragment of it:
exact means the same fragments, overlap any shared character. Span agreement of B against A:
precision = matches / |B|, recall = matches / |A|, F1 = 2·matches / (|A| + |B|), for exact and for
overlap matching.
On matched claims (overlap matching): Cohen's kappa per pair for claim type and for stance (no
stance counts as a value of its own). Across all reviewers: Krippendorff's alpha (nominal) over
units made of claims linked by matching, reviewers without a claim in a unit being missing values.
Source and cue spans: of the matched claims where a reviewer marked one, how many the other marked
exactly the same (exact F1), reported when both reviewers marked some.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from annotator.model import Claim, TagFile, positions, shared_length, span_length

NO_STANCE = "(none)"


@dataclass(frozen=True, slots=True)
class Match:
    a: Claim
    b: Claim
    exact: bool
    credit: float = 1.0  # |a∩b| / max(|a|, |b|)


def _overlap(a: Claim, b: Claim) -> int:
    return shared_length(a.fragments, b.fragments)


def match(first: Sequence[Claim], second: Sequence[Claim]) -> list[Match]:
    """One-to-one matching of two reviewers' claims: exact spans first, then largest overlap."""
    # Only claims that share a paragraph can overlap: compare within paragraphs, not all pairs.
    by_paragraph: defaultdict[int, list[int]] = defaultdict(list)
    for j, b in enumerate(second):
        for paragraph in {f.paragraph for f in b.fragments}:
            by_paragraph[paragraph].append(j)
    candidates = []
    # Each claim's place and length once, not once per pair it is compared in.
    second_places = [positions(b.fragments) for b in second]
    second_lengths = [span_length(b.fragments) for b in second]
    for i, a in enumerate(first):
        near = {j for f in a.fragments for j in by_paragraph.get(f.paragraph, ())}
        if not near:
            continue
        place, length = positions(a.fragments), span_length(a.fragments)
        for j in sorted(near):
            shared = _overlap(a, second[j])
            if shared:
                exact = place == second_places[j]
                credit = shared / max(length, second_lengths[j])
                candidates.append((not exact, -credit, i, j, exact))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    matches = []
    for _, minus_credit, i, j, exact in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            matches.append(Match(first[i], second[j], exact, -minus_credit))
    return matches


@dataclass(frozen=True, slots=True)
class SpanScore:
    matches: int
    a_claims: int
    b_claims: int

    @property
    def precision(self) -> float | None:
        return self.matches / self.b_claims if self.b_claims else None

    @property
    def recall(self) -> float | None:
        return self.matches / self.a_claims if self.a_claims else None

    @property
    def f1(self) -> float | None:
        total = self.a_claims + self.b_claims
        return 2 * self.matches / total if total else None

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "matches": self.matches,
            "a_claims": self.a_claims,
            "b_claims": self.b_claims,
        }


def _round(value: float | None) -> float | None:
    """Figures are given unrounded, to be cited and recomputed exactly (tables round them)."""
    return value


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels; None where it is undefined (chance agreement is 1)."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Iterable[Sequence[str | None]]) -> float | None:
    """Nominal alpha; each unit lists one value per reviewer, None where missing."""
    coincidences: defaultdict[tuple[str, str], float] = defaultdict(float)
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[(c, k)] += 1 / (m - 1)
    totals: defaultdict[str, float] = defaultdict(float)
    for (c, _), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    if n <= 1:
        return None
    disagreement = sum(w for (c, k), w in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k) / (n - 1)
    if expected == 0:
        return None
    return 1 - disagreement / expected


def units(tags: Sequence[TagFile]) -> list[list[Claim | None]]:
    """Every claim of every reviewer in exactly one unit, at most one claim per reviewer in each.

    Units grow from the pairwise matches, best first (exact spans, then the largest proportional
    overlap); two units are joined only when no reviewer has a claim in both, so a reviewer's
    second claim on the same text starts a unit of its own instead of being dropped. A claim that
    matches nothing is a unit alone. Units come in text order."""
    claims = [_claims(t) for t in tags]
    candidates = []
    for r1, r2 in combinations(range(len(tags)), 2):
        index1 = {id(c): i for i, c in enumerate(claims[r1])}
        index2 = {id(c): i for i, c in enumerate(claims[r2])}
        for m in match(claims[r1], claims[r2]):
            candidates.append((not m.exact, -m.credit, r1, index1[id(m.a)], r2, index2[id(m.b)]))
    candidates.sort()
    # Each group maps a reviewer to their claim's index; every claim starts alone.
    group_of = {(r, i): (r, i) for r in range(len(tags)) for i in range(len(claims[r]))}
    members: dict[tuple[int, int], dict[int, int]] = {node: {node[0]: node[1]} for node in group_of}
    for _, _, r1, i1, r2, i2 in candidates:
        first, second = group_of[(r1, i1)], group_of[(r2, i2)]
        if first == second or members[first].keys() & members[second].keys():
            continue
        if len(members[first]) < len(members[second]):
            first, second = second, first
        for reviewer, index in members.pop(second).items():
            members[first][reviewer] = index
            group_of[(reviewer, index)] = first
    found = [
        [claims[r][group[r]] if r in group else None for r in range(len(tags))]
        for group in members.values()
    ]
    return sorted(found, key=unit_position)


def unit_position(unit: Sequence[Claim | None]) -> tuple[tuple[int, int, int], ...]:
    return min(positions(c.fragments) for c in unit if c is not None)


def unit_json(
    article_id: str, reviewers: Sequence[str], unit: Sequence[Claim | None]
) -> dict[str, Any]:
    return {
        "article": article_id,
        "claims": [
            {"reviewer": name, "id": claim.id}
            for name, claim in zip(reviewers, unit, strict=True)
            if claim is not None
        ],
    }


def _claims(tags: TagFile) -> list[Claim]:
    return [c for c in tags.normalized().claims if not c.orphaned]


@dataclass
class PairResult:
    a: str
    b: str
    exact: SpanScore
    overlap: SpanScore
    type_pairs: list[tuple[str, str]]
    stance_pairs: list[tuple[str, str]]
    labels: dict[str, SpanScore]
    parts: dict[str, SpanScore]  # source and cue spans of matched claims, exact

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "exact": self.exact.to_json(),
            "overlap": self.overlap.to_json(),
            "kappa_type": {
                "value": _round(cohen_kappa(self.type_pairs)),
                "n": len(self.type_pairs),
            },
            "kappa_stance": {
                "value": _round(cohen_kappa(self.stance_pairs)),
                "n": len(self.stance_pairs),
            },
            "labels": {label: score.to_json() for label, score in sorted(self.labels.items())},
            # Only where both reviewers marked some: otherwise there is nothing to agree on.
            **{
                f"{part}_spans": score.to_json() if score.a_claims and score.b_claims else None
                for part, score in self.parts.items()
            },
        }


def pooled(a_name: str, b_name: str, results: Sequence[PairResult]) -> PairResult:
    """Per-article results of one pair pooled: what ``compare_pair`` gives over the articles,
    without matching their claims again."""

    def total(scores: Iterable[SpanScore]) -> SpanScore:
        listed = list(scores)
        return SpanScore(
            sum(s.matches for s in listed),
            sum(s.a_claims for s in listed),
            sum(s.b_claims for s in listed),
        )

    labels = sorted({label for r in results for label in r.labels})
    return PairResult(
        a_name,
        b_name,
        total(r.exact for r in results),
        total(r.overlap for r in results),
        [pair for r in results for pair in r.type_pairs],
        [pair for r in results for pair in r.stance_pairs],
        {label: total(r.labels[label] for r in results if label in r.labels) for label in labels},
        {part: total(r.parts[part] for r in results) for part in ("source", "cue")},
    )


def compare_pair(
    a_name: str, b_name: str, articles: Sequence[tuple[TagFile, TagFile]]
) -> PairResult:
    """Agreement of b against a over the articles both tagged, pooled."""
    exact = overlap = a_total = b_total = 0
    type_pairs: list[tuple[str, str]] = []
    stance_pairs: list[tuple[str, str]] = []
    label_counts: dict[str, list[int]] = {}
    part_counts = {"source": [0, 0, 0], "cue": [0, 0, 0]}
    for a_tags, b_tags in articles:
        first, second = _claims(a_tags), _claims(b_tags)
        matches = match(first, second)
        exact += sum(1 for m in matches if m.exact)
        overlap += len(matches)
        a_total += len(first)
        b_total += len(second)
        type_pairs += [(m.a.type, m.b.type) for m in matches]
        stance_pairs += [(m.a.stance or NO_STANCE, m.b.stance or NO_STANCE) for m in matches]
        for part, counts in part_counts.items():
            field = f"{part}_fragments"
            for m in matches:
                first_part, second_part = getattr(m.a, field), getattr(m.b, field)
                counts[0] += bool(first_part) and positions(first_part) == positions(second_part)
                counts[1] += bool(first_part)
                counts[2] += bool(second_part)
        for label in {c.type for c in first} | {c.type for c in second}:
            counts = label_counts.setdefault(label, [0, 0, 0])
            first_l = [c for c in first if c.type == label]
            second_l = [c for c in second if c.type == label]
            counts[0] += len(match(first_l, second_l))
            counts[1] += len(first_l)
            counts[2] += len(second_l)
    labels = {label: SpanScore(*counts) for label, counts in label_counts.items()}
    return PairResult(
        a_name,
        b_name,
        SpanScore(exact, a_total, b_total),
        SpanScore(overlap, a_total, b_total),
        type_pairs,
        stance_pairs,
        labels,
        {part: SpanScore(*counts) for part, counts in part_counts.items()},
    )
