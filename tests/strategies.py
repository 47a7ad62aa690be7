"""Hypothesis strategies: articles with awkward text, and tag files over them."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from annotator.article import Article, parse_article
from annotator.editing import article_fragments, claim_of
from annotator.model import ArticleTags, Claim, Fragments, TagFile, in_text_order
from annotator.schema import Schema

SCHEMA = Schema()
# Letters with accents, Cyrillic, typographic quotes, emoji, and YAML-significant punctuation.
ALPHABET = "abcxyz ABC éüñ ЖЩя “”‘’«» —–… 🙂🇺🇦 :#&*!%@'\"-[]{}|>?,."
words = st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=8)
paragraph_texts = st.lists(words, min_size=1, max_size=12).map(" ".join)
free_text = st.text(alphabet=ALPHABET + "\n\t", max_size=30)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    paragraphs = draw(st.lists(paragraph_texts, min_size=1, max_size=6))
    return parse_article("a1", "\n\n".join(paragraphs))


@st.composite
def article_ranges(draw: st.DrawFn, article: Article) -> Fragments:
    """Fragments of an article range: in one paragraph, or running over several."""
    text = article.text
    # A span quotes some text: it starts on a character that is not white space.
    start = draw(st.sampled_from([i for i, char in enumerate(text) if not char.isspace()]))
    end = draw(st.integers(start + 1, len(text)))
    return article_fragments(article, start, end)


@st.composite
def claims_for(draw: st.DrawFn, article: Article, tags: TagFile) -> Claim:
    content = draw(article_ranges(article))
    if draw(st.booleans()):  # a discontinuous quote: a further piece somewhere else
        content = in_text_order((*content, *draw(article_ranges(article))))
        content = content if _disjoint(content) else content[:1]
    spans = {
        part: draw(st.one_of(st.just(()), article_ranges(article)))
        for part in ("source_fragments", "cue_fragments")
    }
    claim = claim_of(
        tags,
        content,
        draw(st.sampled_from([c.key for c in SCHEMA.claim_types])),
        **spans,
        source=draw(free_text),
        role=draw(free_text),
        stance=draw(st.sampled_from(["", "favor", "against", "neutral"])),
        note=draw(free_text),
    )
    return claim


def _disjoint(fragments: Fragments) -> bool:
    return all(
        a.paragraph != b.paragraph or a.end <= b.start for a, b in itertools.pairwise(fragments)
    )


@st.composite
def tag_files(draw: st.DrawFn) -> tuple[Article, TagFile]:
    article = draw(articles())
    tags = TagFile(article.id, "alice", article.text_hash)
    claims: list[Claim] = []
    for _ in range(draw(st.integers(0, 8))):
        claim = draw(claims_for(article, tags))
        tags = TagFile(article.id, "alice", article.text_hash, (*tags.claims, claim))
        claims.append(claim)
    article_tags = ArticleTags(
        outlet=draw(free_text),
        outlet_type=draw(st.sampled_from(["", "private", "unknown"])),
        bias_indicators=tuple(
            draw(st.lists(st.sampled_from(["loaded_language", "anonymous_sourcing"]), unique=True))
        ),
        note=draw(free_text),
    )
    return article, TagFile(article.id, "alice", article.text_hash, tuple(claims), (), article_tags)
