"""Source-bias profiles computed from tags: how an article sources its story.

Per article: claims by type, the shares from unnamed sources and unattributed, the sources with
their claims and stances, the stance balance per target and which sources carry each side, and
the article-level tags. Across articles: one row per article, grouped by outlet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from annotator.model import ArticleTags, Claim, TagFile
from annotator.schema import Schema

UNNAMED = "unnamed_source"
UNATTRIBUTED = "unattributed"
NO_SOURCE = "(no source named)"


@dataclass(frozen=True, slots=True)
class TypeCount:
    type: str
    label: str
    claims: int
    share: float


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    role: str
    type: str  # the claim type most of its claims have
    claims: int
    stances: tuple[tuple[str, int], ...]  # (stance, claims), stances in schema order


@dataclass(frozen=True, slots=True)
class Balance:
    target: str
    counts: tuple[tuple[str, int], ...]  # (stance, claims) in schema order
    sources: tuple[tuple[str, tuple[str, ...]], ...]  # (stance, the sources carrying it)


@dataclass(frozen=True)
class ArticleReport:
    article: str
    title: str
    whose: str  # the reviewer whose tags, or "adjudicated"
    has_tags: bool
    claims: int
    by_type: tuple[TypeCount, ...]
    share_unnamed: float
    share_unattributed: float
    sources: tuple[Source, ...]
    balance: tuple[Balance, ...]
    article_tags: ArticleTags

    @property
    def outlet(self) -> str:
        return self.article_tags.outlet

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "title": self.title,
            "whose": self.whose,
            "has_tags": self.has_tags,
            "claims": self.claims,
            "by_type": [
                {"type": t.type, "label": t.label, "claims": t.claims, "share": round(t.share, 4)}
                for t in self.by_type
            ],
            "share_unnamed": round(self.share_unnamed, 4),
            "share_unattributed": round(self.share_unattributed, 4),
            "sources": [
                {
                    "name": s.name,
                    "role": s.role,
                    "type": s.type,
                    "claims": s.claims,
                    "stances": dict(s.stances),
                }
                for s in self.sources
            ],
            "stance_balance": [
                {
                    "target": b.target,
                    "counts": dict(b.counts),
                    "sources": {k: list(v) for k, v in b.sources},
                }
                for b in self.balance
            ],
            "article_tags": {
                "outlet": self.article_tags.outlet,
                "outlet_type": self.article_tags.outlet_type,
                "stance": dict(self.article_tags.stances),
                "bias_indicators": list(self.article_tags.bias_indicators),
                "note": self.article_tags.note,
            },
        }


def report_from_json(data: dict[str, Any]) -> ArticleReport:
    """The inverse of ``ArticleReport.to_json`` (used by the parse cache)."""
    tags = data["article_tags"]
    return ArticleReport(
        article=data["article"],
        title=data["title"],
        whose=data["whose"],
        has_tags=data["has_tags"],
        claims=data["claims"],
        by_type=tuple(
            TypeCount(t["type"], t["label"], t["claims"], t["share"]) for t in data["by_type"]
        ),
        share_unnamed=data["share_unnamed"],
        share_unattributed=data["share_unattributed"],
        sources=tuple(
            Source(s["name"], s["role"], s["type"], s["claims"], tuple(s["stances"].items()))
            for s in data["sources"]
        ),
        balance=tuple(
            Balance(
                b["target"],
                tuple(b["counts"].items()),
                tuple((k, tuple(v)) for k, v in b["sources"].items()),
            )
            for b in data["stance_balance"]
        ),
        article_tags=ArticleTags(
            tags["outlet"],
            tags["outlet_type"],
            tuple(tags["stance"].items()),
            tuple(tags["bias_indicators"]),
            tags["note"],
        ),
    )


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _most_common(values: list[str]) -> str:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else ""


def article_report(
    article: str, title: str, tags: TagFile | None, schema: Schema, whose: str
) -> ArticleReport:
    """The profile of one article from one set of tags (None: there are none)."""
    claims: list[Claim] = [c for c in tags.claims if not c.orphaned] if tags else []
    total = len(claims)
    types = Counter(c.type for c in claims)
    by_type = tuple(
        TypeCount(choice.key, choice.label, types[choice.key], _share(types[choice.key], total))
        for choice in schema.claim_types
    )
    stance_order = [s.key for s in schema.stances]
    grouped: dict[str, list[Claim]] = defaultdict(list)
    names: dict[str, str] = {}
    for claim in claims:
        # Sources by name, else by the words of the source span.
        name = " ".join(claim.source_label().split())
        key = name.casefold() or NO_SOURCE
        names.setdefault(key, name or NO_SOURCE)
        grouped[key].append(claim)
    sources = []
    for key, group in grouped.items():
        stances = Counter(c.stance for c in group if c.stance)
        sources.append(
            Source(
                name=names[key],
                role=_most_common([c.role for c in group]),
                type=_most_common([c.type for c in group]),
                claims=len(group),
                stances=tuple((s, stances[s]) for s in stance_order if stances[s]),
            )
        )
    sources.sort(key=lambda s: (-s.claims, s.name.casefold()))
    targets = [t.key for t in schema.targets]
    targets += sorted({c.target for c in claims if c.target and c.target not in targets})
    balance = []
    for target in targets:
        toward = [c for c in claims if c.target == target and c.stance]
        counts = Counter(c.stance for c in toward)
        carriers = {
            stance: tuple(
                sorted(
                    {c.source_label() or NO_SOURCE for c in toward if c.stance == stance},
                    key=str.casefold,
                )
            )
            for stance in stance_order
        }
        balance.append(
            Balance(
                target,
                tuple((s, counts[s]) for s in stance_order),
                tuple((s, carriers[s]) for s in stance_order),
            )
        )
    return ArticleReport(
        article=article,
        title=title,
        whose=whose,
        has_tags=tags is not None,
        claims=total,
        by_type=by_type,
        share_unnamed=_share(types[UNNAMED], total),
        share_unattributed=_share(types[UNATTRIBUTED], total),
        sources=tuple(sources),
        balance=tuple(balance),
        article_tags=tags.article_tags if tags else ArticleTags(),
    )


def by_outlet(reports: list[ArticleReport]) -> list[tuple[str, list[ArticleReport]]]:
    """Articles grouped by outlet (outlets in name order; articles without one last)."""
    groups: dict[str, list[ArticleReport]] = defaultdict(list)
    for report in reports:
        groups[report.outlet or ""].append(report)
    return sorted(groups.items(), key=lambda item: (item[0] == "", item[0].casefold()))


def corpus_json(reports: list[ArticleReport]) -> dict[str, Any]:
    return {
        "articles": [r.to_json() for r in reports],
        "outlets": [
            {
                "outlet": outlet or None,
                "articles": [r.article for r in group],
                "claims": sum(r.claims for r in group),
                "share_unnamed": round(
                    _share(
                        sum(r.share_unnamed * r.claims for r in group), sum(r.claims for r in group)
                    ),
                    4,
                ),
                "share_unattributed": round(
                    _share(
                        sum(r.share_unattributed * r.claims for r in group),
                        sum(r.claims for r in group),
                    ),
                    4,
                ),
            }
            for outlet, group in by_outlet(reports)
        ],
    }
