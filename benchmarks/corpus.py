"""Generated corpora for the benchmarks: long articles, tag files with many claims."""

from __future__ import annotations

import random
from pathlib import Path

from annotator.article import Article, parse_article
from annotator.model import Claim, Fragment, ParagraphReview, TagFile
from annotator.schema import Schema
from annotator.storage.tagfile import serialize

WORDS = (
    "NATO Ukraine minister said the alliance would support reforms «officially» according to "
    "sources analysts think-tank Kyiv Brussels summit membership procurement “defence” review"
).split()
SCHEMA = Schema()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(8, 20))) + "."


def article_text(rng: random.Random, paragraphs: int) -> str:
    blocks = []
    for _ in range(paragraphs):
        blocks.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 4))))
    return "\n\n".join(blocks) + "\n"


def make_tags(rng: random.Random, article: Article, reviewer: str, claims: int) -> TagFile:
    made = []
    types = [c.key for c in SCHEMA.claim_types]
    for index in range(claims):
        paragraph = article.paragraphs[rng.randrange(len(article.paragraphs))]
        text = paragraph.text
        start = rng.randrange(len(text) - 1)
        end = min(len(text), start + rng.randint(10, 120))
        made.append(
            Claim(
                id=f"c{index:08x}",
                fragments=(
                    Fragment(
                        paragraph.number,
                        start,
                        end,
                        text[start:end],
                        text[max(0, start - 32) : start],
                        text[end : end + 32],
                    ),
                ),
                type=rng.choice(types),
                source=rng.choice(["Jens Stoltenberg", "an unnamed official", "RT", ""]),
                role=rng.choice(["NATO Secretary General", "analyst", ""]),
                stance=rng.choice(["favor", "against", "neutral", ""]),
                note=rng.choice(["", "check this", "quoted via RT commentary"]),
                created="2026-01-02T03:04:05Z",
                modified="2026-01-02T03:04:05Z",
            )
        )
    reviews = tuple(
        ParagraphReview(p.number, p.hash, "done")
        for p in article.paragraphs[: len(article.paragraphs) // 2]
    )
    return TagFile(article.id, reviewer, article.text_hash, tuple(made), reviews).normalized()


def write_corpus(
    root: Path, articles: int, reviewers: int, claims: int, paragraphs: int, seed: int = 1
) -> None:
    rng = random.Random(seed)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    for number in range(articles):
        article_id = f"article-{number:05d}"
        text = article_text(rng, paragraphs)
        (root / "seeds" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        article = parse_article(article_id, text)
        folder = root / "annotations" / article_id
        folder.mkdir(parents=True, exist_ok=True)
        for reviewer in range(reviewers):
            tags = make_tags(rng, article, f"reviewer{reviewer}", claims)
            (folder / f"reviewer{reviewer}.yaml").write_bytes(serialize(tags))
