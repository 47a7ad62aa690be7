"""Suggestions in the tag file: rejections and the accepted-from-a-suggestion mark are written,
read back and checked like the rest of the file; scoring code scores a perfect prediction 1."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.article import Article
from annotator.editing import reject_suggestion
from annotator.errors import InvalidFileError
from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize
from annotator.suggest.evaluate import Score, exact_score, overlap_score
from tests.conftest import SEED_RT, sample_tags


def test_rejections_and_the_suggested_mark_survive_a_save(
    corpus: Corpus, rt_article: Article
) -> None:
    tags = sample_tags(rt_article)
    first = replace(tags.claims[0], suggested=True)
    tags = replace(tags, claims=(first, *tags.claims[1:]))
    tags = reject_suggestion(tags, "the document will now be sent", "The department")
    corpus.save_tags(tags, None)
    text = corpus.tag_path(SEED_RT, "alice").read_text(encoding="utf-8")
    assert "suggested: true" in text
    assert "rejected_suggestions:" in text
    back = corpus.load_tags(rt_article, "alice").tags
    assert [c.suggested for c in back.claims].count(True) == 1
    assert next(c for c in back.claims if c.suggested).id == first.id
    [rejected] = back.rejected_suggestions
    assert (rejected.quote, rejected.source) == ("the document will now be sent", "The department")
    assert rejected.rejected  # when, for the record


def test_a_file_without_suggestions_is_written_as_before(rt_article: Article) -> None:
    tags = sample_tags(rt_article)
    data = serialize(tags)
    assert b"suggested" not in data and b"rejected_suggestions" not in data


def test_rejecting_twice_keeps_one(rt_article: Article) -> None:
    tags = reject_suggestion(TagFile(rt_article.id, "alice", rt_article.text_hash), "a b c")
    assert reject_suggestion(tags, "a b c") is tags


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("suggested: true", "'suggested' must be true or false"),
        ("rejected_suggestions: 5", "'rejected_suggestions' must be a list"),
        ("rejected_suggestions:\n- source: x", "a rejected suggestion needs its quote"),
    ],
)
def test_bad_suggestion_fields_are_file_line_errors(
    corpus: Corpus, rt_article: Article, edit: str, message: str
) -> None:
    tags = sample_tags(rt_article)
    corpus.save_tags(tags, None)
    path: Path = corpus.tag_path(SEED_RT, "alice")
    text = path.read_text(encoding="utf-8")
    if edit.startswith("suggested"):
        text = text.replace(
            "  source: Alexander Okhrimenko", "  suggested: maybe\n  source: Alexander Okhrimenko"
        )
    else:
        text += edit + "\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        corpus.load_tags(rt_article, "alice")
    rendered = [p.format() for p in caught.value.problems]
    assert any(message in line and ":" in line for line in rendered), rendered
    assert any(f"{path.name}:" in line for line in rendered)


def test_a_perfect_prediction_scores_one() -> None:
    gold = [((0, 10),), ((20, 30), (40, 45)), ((50, 60),)]
    assert overlap_score(gold, gold).f1 == 1.0
    assert exact_score(gold, gold).f1 == 1.0


def test_scores_count_one_to_one() -> None:
    # Two predictions overlapping one human span: one matches, one is a false positive.
    score = overlap_score([((0, 5),), ((3, 9),)], [((0, 10),)])
    assert score == Score(1, 2, 1)
    assert score.precision == 0.5 and score.recall == 1.0
    # Exact: a near miss counts nothing; empty spans are not counted.
    assert exact_score([((0, 4),), ()], [((0, 5),), ()]) == Score(0, 1, 1)
    assert exact_score([], []).f1 == 1.0
    assert exact_score([((1, 2),)], []).f1 == 0.0
