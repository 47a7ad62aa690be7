"""Reading a tag file: a parsed YAML document checked against the layout, the schema and the text.

Every problem is collected with its place in the document (mapped to a line by ``yamlio``), so
one pass reports them all.
"""

from __future__ import annotations

from typing import Any

from annotator.article import Article
from annotator.model import FORMAT_VERSION, Claim, Fragment, TagFile
from annotator.schema import Schema
from annotator.storage.checks import Checker, Problems, _is_int, _text, _unknown_keys
from annotator.storage.tagfile import (
    CLAIM_ID,
    CLAIM_KEYS,
    CLAIM_TEXT_KEYS,
    FRAGMENT_KEYS,
    FRAGMENT_LISTS,
    TOP_KEYS,
    V1_CLAIM_KEYS,
)
from annotator.storage.yamlio import MAX_PROBLEMS_KEPT


class _Validator(Checker):
    """Checks a parsed document against the schema and, when its hash matches, the article text."""

    def __init__(self, article: Article, schema: Schema) -> None:
        super().__init__(article, schema)
        self.version = FORMAT_VERSION

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
        elif version not in (1, FORMAT_VERSION):
            self.fail(["format"], f"unsupported format {version}; expected {FORMAT_VERSION}")
        self.version = version if _is_int(version) else FORMAT_VERSION
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
        decisions = self.decisions(raw.get("decisions"))
        rejected = self.rejected_suggestions(raw.get("rejected_suggestions"))
        if self.problems:
            return None
        return TagFile(
            article_id,
            reviewer,
            text_hash,
            tuple(claims),
            tuple(reviews),
            article_tags,
            comments,
            decisions,
            rejected,
        )

    def claims(self, raw: Any, same_text: bool) -> list[Claim]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.fail(["claims"], "'claims' must be a list")
            return []
        claims, seen = [], set()
        for index, item in enumerate(raw):
            if len(self.problems) >= MAX_PROBLEMS_KEPT:
                break  # a file this wrong says enough with what was found
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
        keys = V1_CLAIM_KEYS if self.version == 1 else CLAIM_KEYS
        _unknown_keys(raw, keys, where, "claim", self.problems)
        claim_id = raw.get("id")
        if not isinstance(claim_id, str) or not CLAIM_ID.fullmatch(claim_id):
            self.fail(
                [*where, "id"], f"claim id {claim_id!r} must be 1-40 letters, digits, '-' or '_'"
            )
            claim_id = "?"
        label = f"claim {claim_id}"
        if self.version == 1:  # the span's fields are on the claim itself
            content = self.fragment(raw, where, label, same_text)
            fragment_lists: dict[str, tuple[Fragment, ...]] = {
                "fragments": () if content is None else (content,)
            }
        else:
            fragment_lists = {
                key: self.fragments(raw.get(key), [*where, key], label, same_text, key)
                for key in FRAGMENT_LISTS
            }
        texts = {}
        for key in CLAIM_TEXT_KEYS:
            value = _text(raw.get(key))
            if value is None:
                self.fail([*where, key], f"{label}: '{key}' must be text (put it in quotes)")
            texts[key] = value or ""
        origin = raw.get("from") or []
        if not isinstance(origin, list) or not all(isinstance(r, str) for r in origin):
            self.fail([*where, "from"], f"{label}: 'from' must be a list of reviewer names")
            origin = []
        decided_by = _text(raw.get("decided_by"))
        if decided_by is None:
            self.fail([*where, "decided_by"], f"{label}: 'decided_by' must be a reviewer name")
        suggested = raw.get("suggested", False)
        if not isinstance(suggested, bool):
            self.fail([*where, "suggested"], f"{label}: 'suggested' must be true or false")
        self.choice(
            raw.get("type"), "claim_types", [*where, "type"], f"{label}: claim type", required=True
        )
        self.choice(texts["stance"], "stances", [*where, "stance"], f"{label}: stance")
        self.choice(texts["target"], "targets", [*where, "target"], f"{label}: target")
        if len(self.problems) > before:
            return None
        return Claim(
            id=claim_id,
            fragments=fragment_lists["fragments"],
            source_fragments=fragment_lists.get("source_fragments", ()),
            cue_fragments=fragment_lists.get("cue_fragments", ()),
            type=raw["type"],
            origin=tuple(origin),
            decided_by=decided_by or "",
            suggested=suggested is True,
            **texts,
        )

    def fragments(
        self, raw: Any, where: list[str | int], label: str, same_text: bool, key: str
    ) -> tuple[Fragment, ...]:
        if raw is None and key != "fragments":
            return ()
        if not isinstance(raw, list) or (key == "fragments" and not raw):
            what = "at least one" if key == "fragments" else "a list of"
            self.fail(
                where,
                f"{label}: '{key}' must be {what} span (paragraph, start, end, quote, prefix, "
                "suffix)",
            )
            return ()
        fragments = []
        for index, item in enumerate(raw):
            fragment = self.fragment(item, [*where, index], label, same_text, check_keys=True)
            if fragment is not None:
                fragments.append(fragment)
        positions = [f.position() for f in fragments if not f.orphaned]
        if positions != sorted(set(positions)):
            self.fail(where, f"{label}: '{key}' must be in text order, each span once")
        return tuple(fragments)

    def fragment(
        self,
        raw: Any,
        where: list[str | int],
        label: str,
        same_text: bool,
        check_keys: bool = False,
    ) -> Fragment | None:
        if not isinstance(raw, dict):
            self.fail(where, f"{label}: each span must be a mapping (paragraph, start, end, quote)")
            return None
        before = len(self.problems)
        if check_keys:
            _unknown_keys(raw, FRAGMENT_KEYS, where, f"{label}: span", self.problems)
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
        context = {}
        for key in ("prefix", "suffix"):
            value = _text(raw.get(key))
            if value is None:
                self.fail([*where, key], f"{label}: '{key}' must be text (put it in quotes)")
            context[key] = value or ""
        orphaned = raw.get("orphaned", False)
        if not isinstance(orphaned, bool):
            self.fail([*where, "orphaned"], f"{label}: 'orphaned' must be true or false")
        if len(self.problems) > before:
            return None
        fragment = Fragment(
            numbers["paragraph"], numbers["start"], numbers["end"], quote, orphaned=orphaned,
            **context,
        )  # fmt: skip
        if same_text and not orphaned:
            self.span(fragment, where, label)
        return fragment

    def span(self, fragment: Fragment, where: list[str | int], label: str) -> None:
        count = len(self.article.paragraphs)
        if not 1 <= fragment.paragraph <= count:
            self.fail(
                [*where, "paragraph"],
                f"{label}: paragraph {fragment.paragraph} is out of range "
                f"(the article has {count})",
            )
            return
        text = self.article.paragraphs[fragment.paragraph - 1].text
        if not fragment.start < fragment.end <= len(text):
            self.fail(
                [*where, "start"],
                f"{label}: offsets {fragment.start}-{fragment.end} are out of range for "
                f"paragraph {fragment.paragraph} ({len(text)} characters); start must be below end",
            )
            return
        actual = text[fragment.start : fragment.end]
        if actual != fragment.quote:
            self.fail(
                [*where, "quote"],
                f"{label}: quote does not match the text at paragraph {fragment.paragraph}, "
                f"{fragment.start}-{fragment.end} (the text there reads {_clip(actual)!r}); "
                "fix the offsets or the quote",
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
