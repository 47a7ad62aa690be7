"""Cue and source found by rule around a claim's content, on the seed articles' attributions."""

from __future__ import annotations

import pytest

from annotator.article import Article
from annotator.attribution import find_cue, find_source
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_NV, SEED_RT

CASES = [
    (SEED_RT, "the adoption of a new", "in the alliance.", "noted",
     "the president of the Ukrainian think tank Alexander Okhrimenko"),
    (SEED_RT, "This is just", "there is some progress", "says", "Okhrimenko"),
    (SEED_NV, "they will discuss", "procurement processes", "according to",
     "the North Atlantic Alliance's page"),
    (SEED_RT, "the Ukrainian side is disappointed", "Russian Federation.", "stated",
     "the head of the republic's foreign ministry Dmitry Kuleba"),
    (SEED_RT, "NATO's reluctance to speed", "President Zelensky.", "according to",
     "a RT source in the office of the President of Ukraine"),
    (SEED_RT, "the Ukrainian army does not meet", "in training.", "state", "analysts"),
    (SEED_RT, "that the republic expects", "the MAP.", "said", "Olga Stefanishina"),
    (SEED_NV, "NATO and Ukrainian delegates will meet", "transparent.", "It is noted", None),
    (SEED_RT, "But so far the bloc", "high level of corruption", "said", "he"),
]  # fmt: skip


def _ranges(article: Article, first: str, last: str) -> list[tuple[int, int]]:
    start = article.text.index(first)
    end = article.text.index(last, start) + len(last)
    return [
        (max(start, base), min(end, base + len(p.text)))
        for base, p in zip(article.paragraph_starts, article.paragraphs, strict=True)
        if max(start, base) < min(end, base + len(p.text))
    ]


@pytest.mark.parametrize(("seed", "first", "last", "cue", "source"), CASES)
def test_cue_and_source_of_the_seed_attributions(
    corpus: Corpus, seed: str, first: str, last: str, cue: str, source: str | None
) -> None:
    article = corpus.load_article(seed)
    text = article.text
    paragraphs = [
        (base, base + len(p.text))
        for base, p in zip(article.paragraph_starts, article.paragraphs, strict=True)
    ]
    content = _ranges(article, first, last)
    found = find_cue(text, paragraphs, content)
    assert found is not None and text[slice(*found)] == cue
    named = find_source(text, paragraphs, content, found)
    assert (text[slice(*named)] if named else None) == source


def test_no_cue_in_an_unattributed_sentence(corpus: Corpus) -> None:
    article = corpus.load_article(SEED_RT)
    text = article.text
    paragraphs = [
        (base, base + len(p.text))
        for base, p in zip(article.paragraph_starts, article.paragraphs, strict=True)
    ]
    content = _ranges(article, "A coup d'etat", "aspirations.")
    assert find_cue(text, paragraphs, content) is None
