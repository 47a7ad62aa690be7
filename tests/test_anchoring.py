from __future__ import annotations

from dataclasses import replace

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotator.anchoring import Outcome, reanchor, reanchor_claim
from annotator.article import parse_article
from annotator.editing import make_claim, set_status
from annotator.model import TagFile
from annotator.schema import Schema
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize
from annotator.storage.validation import from_document
from tests.conftest import sample_tags, tag_span
from tests.strategies import tag_files

edit_text = st.text(alphabet="abc xyz.\n“”🙂", min_size=1, max_size=12)


@st.composite
def edits(draw: st.DrawFn, text: str) -> str:
    """Random insertions and deletions, including new paragraph breaks."""
    for _ in range(draw(st.integers(1, 5))):
        position = draw(st.integers(0, len(text)))
        if draw(st.booleans()) or not text:
            insert = draw(st.one_of(edit_text, st.just("\n\n")))
            text = text[:position] + insert + text[position:]
        else:
            end = draw(st.integers(position, min(len(text), position + 10)))
            text = text[:position] + text[end:]
    return text


@settings(
    max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(st.data())
def test_every_claim_whose_quote_survives_is_found(data: st.DataObject) -> None:
    article, tags = data.draw(tag_files())
    assume(tags.claims)
    new_text = data.draw(edits(article.text))
    assume(new_text.strip())
    changed = parse_article(article.id, new_text)
    moved, reports, _ = reanchor(tags, changed)
    by_id = {c.id: c for c in moved.claims}
    assert set(by_id) == {c.id for c in tags.claims}  # nothing is ever dropped
    for claim in tags.claims:
        new = by_id[claim.id]
        # Every fragment (content, source, cue, in any paragraph) whose quote survives is found.
        for part, old in claim.all_fragments():
            found = {f.quote for p, f in new.all_fragments() if p == part and not f.orphaned}
            if old.quote in changed.text:
                assert old.quote in found
        for _, fragment in new.all_fragments():
            if not fragment.orphaned:
                text = changed.paragraph(fragment.paragraph).text
                assert text[fragment.start : fragment.end] == fragment.quote
    assert {r.claim_id for r in reports} == set(by_id)
    # What re-anchoring made is a valid tag file of the changed text.
    raw = yaml.safe_load(serialize(moved))
    assert from_document(raw, changed, Schema(), article.id, "alice")[1] == []


@settings(max_examples=100)
@given(prefix=st.text(alphabet="xyz \n", max_size=30))
def test_a_unique_quote_is_found_exactly_where_it_moved(prefix: str) -> None:
    article = parse_article("a", "Intro.\n\nThe minister said “NATO is near” today.")
    tags = tag_span(
        TagFile("a", "alice", article.text_hash), article, 2, "NATO is near", "official_statement"
    )
    changed = parse_article("a", prefix + "\n\nIntro.\n\nThe minister said “NATO is near” today.")
    [claim] = reanchor(tags, changed)[0].claims
    number = next(p.number for p in changed.paragraphs if "NATO is near" in p.text)
    assert claim.first.position() == (number, 19, 31)


def test_context_picks_the_right_one_of_repeated_quotes() -> None:
    article = parse_article("a", "He said yes. Then she said yes.")
    tags = TagFile("a", "alice", article.text_hash)
    start = article.text.rindex("yes")
    tags = replace(tags, claims=(make_claim(tags, article, 1, start, start + 3, "unattributed"),))
    changed = parse_article("a", "Intro added.\n\nHe said yes. Then she said yes.")
    [claim] = reanchor(tags, changed)[0].claims
    assert (claim.paragraph, claim.first.start) == (2, changed.paragraph(2).text.rindex("yes"))


def test_a_corrected_quote_is_found_approximately_and_reported() -> None:
    article = parse_article("a", "Title\n\nThe minster said NATO would grow quickly this year.")
    tags = tag_span(
        TagFile("a", "alice", article.text_hash),
        article,
        2,
        "The minster said NATO would grow",
        "official_statement",
    )
    changed = parse_article("a", "Title\n\nThe minister said NATO would grow quickly this year.")
    claim, report = reanchor_claim(tags.claims[0], changed)
    assert report.outcome is Outcome.CHANGED
    assert claim.quote == "The minister said NATO would grow"
    assert not claim.orphaned


def test_a_vanished_quote_is_kept_as_orphan_not_dropped() -> None:
    article = parse_article("a", "Title\n\nThe minister said NATO would grow.")
    tags = tag_span(
        TagFile("a", "alice", article.text_hash),
        article,
        2,
        "NATO would grow",
        "official_statement",
    )
    changed = parse_article("a", "Title\n\nSomething else entirely happened in Brussels.")
    moved, reports, _ = reanchor(tags, changed)
    [claim] = moved.claims
    assert claim.orphaned and claim.quote == "NATO would grow"
    assert reports[0].outcome is Outcome.ORPHANED
    # The orphan is found again if the quote comes back later.
    restored, _, _ = reanchor(moved, article)
    assert not restored.claims[0].orphaned


def test_review_status_follows_its_paragraph_and_is_cleared_when_it_changed() -> None:
    article = parse_article("a", "Title\n\nFirst.\n\nSecond.")
    tags = TagFile("a", "alice", article.text_hash)
    tags = set_status(set_status(tags, article, 2, "done"), article, 3, "skipped")
    changed = parse_article("a", "Title\n\nNew paragraph.\n\nFirst.\n\nSecond, edited.")
    moved, _, cleared = reanchor(tags, changed)
    assert [(r.paragraph, r.status) for r in moved.reviews] == [(3, "done")]
    assert cleared == [3]


def test_loading_after_the_article_changed_reanchors_without_writing(corpus: Corpus) -> None:
    article = corpus.load_article("004_2011e3964b8c9ec8")
    tags = sample_tags(article)
    corpus.save_tags(tags, None)
    path = corpus.tag_path(article.id, "alice")
    saved = path.read_bytes()
    seed = corpus.article_path(article.id)
    seed.write_text("A new first line.\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    changed = corpus.load_article(article.id)
    loaded = corpus.load_tags(changed, "alice")
    assert path.read_bytes() == saved
    assert loaded.tags.text_hash == changed.text_hash
    assert sorted(c.paragraph for c in loaded.tags.claims) == [3, 11]
    assert all(
        changed.paragraph(c.paragraph).text[c.first.start : c.first.end] == c.quote
        for c in loaded.tags.claims
    )
    assert loaded.anchor_messages() == []  # moved, not changed: nothing the reviewer must act on
