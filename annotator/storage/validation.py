"""Reading a tag file: a parsed YAML document checked against the layout, the schema and the text.

Every problem is collected with its place in the document (mapped to a line by ``yamlio``), so
one pass reports them all.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeGuard

from annotator.article import Article
from annotator.model import (
    FORMAT_VERSION,
    STATUSES,
    ArticleTags,
    Claim,
    Comment,
    ParagraphReview,
    TagFile,
)
from annotator.schema import Schema
from annotator.storage.tagfile import (
    ARTICLE_TAG_KEYS,
    CLAIM_ID,
    CLAIM_KEYS,
    CLAIM_TEXT_KEYS,
    COMMENT_KEYS,
    REVIEW_KEYS,
    TOP_KEYS,
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


class _Validator:
    """Checks a parsed document against the schema and, when its hash matches, the article text."""

    def __init__(self, article: Article, schema: Schema) -> None:
        self.article = article
        self.schema = schema
        self.problems: Problems = []

    def fail(self, where: DocPath, message: str) -> None:
        self.problems.append((where, message))

    def tag_file(self, raw: Any, article_id: str, reviewer: str) -> TagFile | None:
        if not isinstance(raw, dict):
            self.fail(
                (), "a tag file must be a YAML mapping (format, article, reviewer, claims, …)"
            )
            return None
        _unknown_keys(raw, TOP_KEYS, (), "tag file", self.problems)
        version = raw.get("format")
        if not _is_int(version):
            self.fail(["format"], f"'format' must be the number {FORMAT_VERSION}")
        elif version > FORMAT_VERSION:
            self.fail(
                ["format"], f"format {version} was written by a newer annotator; upgrade annotator"
            )
            return None
        elif version != FORMAT_VERSION:
            self.fail(["format"], f"unsupported format {version}; expected {FORMAT_VERSION}")
        if raw.get("article") != article_id:
            self.fail(
                ["article"],
                f"'article' is {raw.get('article')!r} but the file is in the folder "
                f"of {article_id!r}",
            )
        if raw.get("reviewer") != reviewer:
            self.fail(
                ["reviewer"],
                f"'reviewer' is {raw.get('reviewer')!r} but the file is named for {reviewer!r}",
            )
        text_hash = raw.get("text_hash")
        if not isinstance(text_hash, str):
            self.fail(["text_hash"], "'text_hash' must be the text hash the file was made against")
            text_hash = ""
        same_text = text_hash == self.article.text_hash
        claims = self.claims(raw.get("claims"), same_text)
        reviews = self.reviews(raw.get("paragraphs"), same_text)
        article_tags = self.article_tags(raw.get("article_tags"))
        comments = self.comments(raw.get("comments"))
        if self.problems:
            return None
        return TagFile(
            article_id, reviewer, text_hash, tuple(claims), tuple(reviews), article_tags, comments
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

    def claims(self, raw: Any, same_text: bool) -> list[Claim]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.fail(["claims"], "'claims' must be a list")
            return []
        claims, seen = [], set()
        for index, item in enumerate(raw):
            claim = self.claim(item, ["claims", index], same_text)
            if claim is None:
                continue
            if claim.id in seen:
                self.fail(
                    ["claims", index, "id"],
                    f"duplicate claim id {claim.id!r}; give each claim its own id",
                )
                continue
            seen.add(claim.id)
            claims.append(claim)
        return claims

    def claim(self, raw: Any, where: list[str | int], same_text: bool) -> Claim | None:
        if not isinstance(raw, dict):
            self.fail(where, "each claim must be a mapping")
            return None
        before = len(self.problems)
        _unknown_keys(raw, CLAIM_KEYS, where, "claim", self.problems)
        claim_id = raw.get("id")
        if not isinstance(claim_id, str) or not CLAIM_ID.fullmatch(claim_id):
            self.fail(
                [*where, "id"], f"claim id {claim_id!r} must be 1-40 letters, digits, '-' or '_'"
            )
            claim_id = "?"
        label = f"claim {claim_id}"
        numbers: dict[str, Any] = {}
        for key in ("paragraph", "start", "end"):
            value = raw.get(key)
            if not _is_int(value) or value < 0:
                self.fail(
                    [*where, key], f"{label}: '{key}' must be a whole number ≥ 0, not {value!r}"
                )
            numbers[key] = value
        quote: Any = raw.get("quote")
        if not isinstance(quote, str) or not quote:
            self.fail([*where, "quote"], f"{label}: 'quote' must be the exact quoted text")
        texts = {}
        for key in CLAIM_TEXT_KEYS:
            value = _text(raw.get(key))
            if value is None:
                self.fail([*where, key], f"{label}: '{key}' must be text (put it in quotes)")
            texts[key] = value or ""
        orphaned = raw.get("orphaned", False)
        if not isinstance(orphaned, bool):
            self.fail([*where, "orphaned"], f"{label}: 'orphaned' must be true or false")
        origin = raw.get("from") or []
        if not isinstance(origin, list) or not all(isinstance(r, str) for r in origin):
            self.fail([*where, "from"], f"{label}: 'from' must be a list of reviewer names")
            origin = []
        decided_by = _text(raw.get("decided_by"))
        if decided_by is None:
            self.fail([*where, "decided_by"], f"{label}: 'decided_by' must be a reviewer name")
        self.choice(
            raw.get("type"), "claim_types", [*where, "type"], f"{label}: claim type", required=True
        )
        self.choice(texts["stance"], "stances", [*where, "stance"], f"{label}: stance")
        self.choice(texts["target"], "targets", [*where, "target"], f"{label}: target")
        if len(self.problems) > before:
            return None
        claim = Claim(
            id=claim_id,
            paragraph=numbers["paragraph"],
            start=numbers["start"],
            end=numbers["end"],
            quote=quote,
            type=raw["type"],
            orphaned=orphaned,
            origin=tuple(origin),
            decided_by=decided_by or "",
            **texts,
        )
        if same_text and not orphaned:
            self.span(claim, where)
        return claim

    def span(self, claim: Claim, where: list[str | int]) -> None:
        label = f"claim {claim.id}"
        count = len(self.article.paragraphs)
        if not 1 <= claim.paragraph <= count:
            self.fail(
                [*where, "paragraph"],
                f"{label}: paragraph {claim.paragraph} is out of range (the article has {count})",
            )
            return
        text = self.article.paragraphs[claim.paragraph - 1].text
        if not claim.start < claim.end <= len(text):
            self.fail(
                [*where, "start"],
                f"{label}: offsets {claim.start}-{claim.end} are out of range for paragraph "
                f"{claim.paragraph} ({len(text)} characters); start must be below end",
            )
            return
        actual = text[claim.start : claim.end]
        if actual != claim.quote:
            self.fail(
                [*where, "quote"],
                f"{label}: quote does not match the text at paragraph {claim.paragraph}, "
                f"{claim.start}-{claim.end} (the text there reads {_clip(actual)!r}); "
                "fix the offsets or the quote",
            )

    def choice(
        self, value: Any, section: str, where: DocPath, what: str, required: bool = False
    ) -> None:
        if value in (None, "") and not required:
            return
        allowed = self.schema.keys[section]
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


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def from_document(
    raw: Any, article: Article, schema: Schema, article_id: str, reviewer: str
) -> tuple[TagFile | None, Problems]:
    """Validate a parsed tag file; return it, or None and every problem found (with doc paths)."""
    validator = _Validator(article, schema)
    tags = validator.tag_file(raw, article_id, reviewer)
    return tags, validator.problems
