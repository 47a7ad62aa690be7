"""The parts of a tag file beside its claims: paragraph reviews, article tags and comments,
and what every check shares (problems with their place in the document, schema choices)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeGuard

from annotator.article import Article
from annotator.model import (
    OUTCOMES,
    STATUSES,
    ArticleTags,
    Comment,
    Decision,
    ParagraphReview,
    RejectedSuggestion,
)
from annotator.schema import Schema
from annotator.storage.tagfile import (
    ARTICLE_TAG_KEYS,
    COMMENT_KEYS,
    DECISION_KEYS,
    REJECTION_KEYS,
    REVIEW_KEYS,
)
from annotator.storage.yamlio import DocPath

Problems = list[tuple[DocPath, str]]


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object) -> str | None:
    """Text fields accept strings; timestamps and dates that YAML resolved are turned back."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return None


def _unknown_keys(
    raw: dict[Any, Any], allowed: tuple[str, ...], where: DocPath, what: str, problems: Problems
) -> None:
    for key in raw:
        if key not in allowed:
            problems.append(
                ([*where, key], f"{what}: unknown field {key!r} (allowed: {', '.join(allowed)})")
            )


class Checker:
    """Collects problems; checks the sections of a tag file other than its claims."""

    def __init__(self, article: Article, schema: Schema) -> None:
        self.article = article
        self.schema = schema
        self.problems: Problems = []

    def fail(self, where: DocPath, message: str) -> None:
        self.problems.append((where, message))

    def choice(
        self, value: Any, section: str, where: DocPath, what: str, required: bool = False
    ) -> None:
        if value in (None, "") and not required:
            return
        allowed = self.schema.keys[section]
        if not isinstance(value, str):  # a list or mapping where one choice is expected
            self.fail(where, f"{what} must be one value (text), not {type(value).__name__}")
            return
        if value not in allowed:
            known = ", ".join(sorted(allowed)) or "none defined"
            self.fail(
                where,
                f"{what} {value!r} is not in the schema (known: {known}); "
                "fix it or add it to annotations/schema.yaml",
            )

    def reviews(self, raw: Any, same_text: bool) -> list[ParagraphReview]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.fail(["paragraphs"], "'paragraphs' must be a list of paragraph reviews")
            return []
        reviews, seen = [], set()
        count = len(self.article.paragraphs)
        for index, item in enumerate(raw):
            where: list[str | int] = ["paragraphs", index]
            if not isinstance(item, dict):
                self.fail(
                    where, "each paragraph review must be a mapping (paragraph, hash, status)"
                )
                continue
            _unknown_keys(item, REVIEW_KEYS, where, "paragraph review", self.problems)
            number, digest, status = item.get("paragraph"), item.get("hash"), item.get("status")
            if not _is_int(number) or number < 1 or (same_text and number > count):
                self.fail(
                    [*where, "paragraph"],
                    f"paragraph {number!r} is not a paragraph of the article (1-{count})",
                )
                continue
            if not isinstance(digest, str):
                self.fail(
                    [*where, "hash"], f"paragraph {number}: 'hash' must be the paragraph's hash"
                )
                continue
            if status not in STATUSES:
                self.fail(
                    [*where, "status"],
                    f"paragraph {number}: status {status!r} must be one of {', '.join(STATUSES)}",
                )
                continue
            if number in seen:
                self.fail([*where, "paragraph"], f"paragraph {number} is listed twice")
                continue
            seen.add(number)
            reviews.append(ParagraphReview(number, digest, status))
        return reviews

    def article_tags(self, raw: Any) -> ArticleTags:
        if raw is None:
            return ArticleTags()
        where: list[str | int] = ["article_tags"]
        if not isinstance(raw, dict):
            self.fail(where, "'article_tags' must be a mapping")
            return ArticleTags()
        _unknown_keys(raw, ARTICLE_TAG_KEYS, where, "article tags", self.problems)
        texts = {}
        for key in ("outlet", "outlet_type", "note"):
            value = _text(raw.get(key))
            if value is None:
                self.fail([*where, key], f"article tags: '{key}' must be text")
            texts[key] = value or ""
        self.choice(
            texts["outlet_type"],
            "outlet_types",
            [*where, "outlet_type"],
            "article tags: outlet type",
        )
        stances = raw.get("stance") or {}
        if not isinstance(stances, dict):
            self.fail([*where, "stance"], "article tags: 'stance' must map each target to a stance")
            stances = {}
        for target, stance in stances.items():
            self.choice(
                target, "targets", [*where, "stance", target], "article tags: target", required=True
            )
            self.choice(
                stance,
                "stances",
                [*where, "stance", target],
                f"article tags: stance toward {target}",
                required=True,
            )
        indicators = raw.get("bias_indicators") or []
        if not isinstance(indicators, list):
            self.fail([*where, "bias_indicators"], "article tags: 'bias_indicators' must be a list")
            indicators = []
        for index, indicator in enumerate(indicators):
            self.choice(
                indicator,
                "bias_indicators",
                [*where, "bias_indicators", index],
                "article tags: bias indicator",
                required=True,
            )
        return ArticleTags(
            outlet=texts["outlet"],
            outlet_type=texts["outlet_type"],
            stances=tuple(sorted((str(t), str(s)) for t, s in stances.items())),
            bias_indicators=tuple(dict.fromkeys(str(i) for i in indicators)),
            note=texts["note"],
        )

    def comments(self, raw: Any) -> tuple[Comment, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail(["comments"], "'comments' must be a list")
            return ()
        comments = []
        for index, item in enumerate(raw):
            where: list[str | int] = ["comments", index]
            if not isinstance(item, dict):
                self.fail(
                    where, "each comment must be a mapping (on_reviewer, on_claim, text, created)"
                )
                continue
            _unknown_keys(item, COMMENT_KEYS, where, "comment", self.problems)
            values = {key: _text(item.get(key)) for key in COMMENT_KEYS}
            if (
                any(v is None for v in values.values())
                or not values["on_claim"]
                or not values["text"]
            ):
                self.fail(where, "a comment needs on_reviewer, on_claim and text, all text")
                continue
            comments.append(Comment(**{k: v or "" for k, v in values.items()}))
        return tuple(comments)

    def rejected_suggestions(self, raw: Any) -> tuple[RejectedSuggestion, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail(["rejected_suggestions"], "'rejected_suggestions' must be a list")
            return ()
        found = []
        for index, item in enumerate(raw):
            where: list[str | int] = ["rejected_suggestions", index]
            if not isinstance(item, dict):
                self.fail(
                    where, "each rejected suggestion must be a mapping (quote, source, rejected)"
                )
                continue
            _unknown_keys(item, REJECTION_KEYS, where, "rejected suggestion", self.problems)
            values = {key: _text(item.get(key)) for key in REJECTION_KEYS}
            if any(v is None for v in values.values()) or not values["quote"]:
                self.fail(
                    where,
                    "a rejected suggestion needs its quote; quote, source and rejected are text",
                )
                continue
            found.append(RejectedSuggestion(**{k: v or "" for k, v in values.items()}))
        return tuple(found)

    def decisions(self, raw: Any) -> tuple[Decision, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail(["decisions"], "'decisions' must be a list")
            return ()
        decisions = []
        for index, item in enumerate(raw):
            where: list[str | int] = ["decisions", index]
            if not isinstance(item, dict):
                self.fail(where, "each decision must be a mapping (settles, outcome, …)")
                continue
            _unknown_keys(item, DECISION_KEYS, where, "decision", self.problems)
            settles = item.get("settles")
            pairs = (
                [(p.get("reviewer"), p.get("claim")) for p in settles if isinstance(p, dict)]
                if isinstance(settles, list)
                else []
            )
            if (
                not pairs
                or len(pairs) != len(settles)  # type: ignore[arg-type]
                or not all(isinstance(r, str) and isinstance(c, str) for r, c in pairs)
            ):
                self.fail(
                    [*where, "settles"],
                    "a decision settles a list of {reviewer, claim}: the unit's claims",
                )
                continue
            outcome = item.get("outcome")
            if outcome not in OUTCOMES:
                self.fail([*where, "outcome"], f"outcome must be one of {', '.join(OUTCOMES)}")
                continue
            texts = {
                key: _text(item.get(key)) for key in ("version", "claim", "decided_by", "decided")
            }
            edited = item.get("edited", False)
            if any(v is None for v in texts.values()) or not isinstance(edited, bool):
                self.fail(
                    where,
                    "version, claim, decided_by and decided are text; edited is true or false",
                )
                continue
            decisions.append(
                Decision(
                    tuple(pairs),  # type: ignore[arg-type]
                    outcome,
                    edited=edited,
                    **{k: v or "" for k, v in texts.items()},
                )
            )
        return tuple(decisions)
