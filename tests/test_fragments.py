"""Claims as linked spans: fragments, source and cue spans, the old file layout, and changes."""

from __future__ import annotations

import pytest

from annotator.article import Article
from annotator.editing import (
    add_claim,
    article_fragments,
    claim_of,
    make_fragment,
    replace_fragment,
    toggle_span,
)
from annotator.errors import AnnotatorError, InvalidFileError
from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize
from tests.conftest import SEED_RT

OKHRIMENKO = "the president of the Ukrainian think tank Alexander Okhrimenko"


def _range(article: Article, first: str, last: str) -> tuple[int, int]:
    """The article range from the first occurrence of ``first`` to the end of ``last`` after it."""
    start = article.text.index(first)
    return start, article.text.index(last, start) + len(last)


def quote_claim(article: Article) -> TagFile:
    """Okhrimenko's quote over paragraphs 10-12, as one claim."""
    tags = TagFile(article.id, "alice", article.text_hash)
    content = article_fragments(article, *_range(article, "This is just", "some progress"))
    return add_claim(tags, claim_of(tags, content, "analyst_opinion"))


def test_a_range_over_paragraph_breaks_is_one_fragment_per_paragraph(rt_article: Article) -> None:
    fragments = article_fragments(rt_article, *_range(rt_article, "This is just", "some progress"))
    assert [f.paragraph for f in fragments] == [10, 11, 12]
    for fragment in fragments:
        text = rt_article.paragraph(fragment.paragraph).text
        assert text[fragment.start : fragment.end] == fragment.quote
        assert fragment.quote == fragment.quote.strip()  # the breaks are not part of it
    assert fragments[-1].quote.endswith("some progress")
    with pytest.raises(AnnotatorError, match="white space"):
        start = rt_article.paragraph_starts[1] - 2  # only the blank line between paragraphs
        article_fragments(rt_article, start, start + 2)


def test_marking_a_source_fills_an_empty_name_and_again_removes_it(rt_article: Article) -> None:
    tags = quote_claim(rt_article)
    claim_id = tags.claims[0].id
    source = article_fragments(rt_article, *_range(rt_article, OKHRIMENKO, OKHRIMENKO))
    tags = toggle_span(tags, claim_id, "source", source)
    [claim] = tags.claims
    assert claim.source_fragments == source and claim.source == OKHRIMENKO
    assert claim.source_fragments[0].paragraph == 9  # the paragraph before the quote
    tags = toggle_span(tags, claim_id, "source", source)
    assert tags.claims[0].source_fragments == () and tags.claims[0].source == ""


def test_a_typed_source_name_is_kept_when_a_span_is_marked(rt_article: Article) -> None:
    tags = quote_claim(rt_article)
    claim_id = tags.claims[0].id
    tags = toggle_span(tags, claim_id, "source", ())  # nothing: no change to the name
    from annotator.editing import update_claim

    tags = update_claim(tags, claim_id, source="Okhrimenko")
    source = article_fragments(rt_article, *_range(rt_article, OKHRIMENKO, OKHRIMENKO))
    tags = toggle_span(tags, claim_id, "source", source)
    assert tags.claims[0].source == "Okhrimenko"
    tags = toggle_span(tags, claim_id, "source", source)
    assert tags.claims[0].source == "Okhrimenko"  # removing the span keeps a typed name


def test_cue_and_further_content_fragments(rt_article: Article) -> None:
    tags = quote_claim(rt_article)
    claim_id = tags.claims[0].id
    says = rt_article.text.index("says Okhrimenko")
    cue = article_fragments(rt_article, says, says + 4)
    tags = toggle_span(tags, claim_id, "cue", cue)
    assert tags.claims[0].cue_quote == "says"
    title = make_fragment(rt_article, 1, 0, 7)
    tags = toggle_span(tags, claim_id, "content", (title,))
    claim = tags.claims[0]
    assert claim.fragments[0] == title and len(claim.fragments) == 4  # kept in text order
    assert claim.quote.startswith("Ukraine … This is just")
    tags = toggle_span(tags, claim_id, "content", (title,))
    assert len(tags.claims[0].fragments) == 3
    with pytest.raises(AnnotatorError, match="needs some content"):
        toggle_span(tags, claim_id, "content", tags.claims[0].fragments)


def test_a_span_is_changed_in_place(rt_article: Article) -> None:
    tags = quote_claim(rt_article)
    claim = tags.claims[0]
    shorter = article_fragments(rt_article, *_range(rt_article, "This is just", "procedure"))
    tags = replace_fragment(tags, claim.id, "content", claim.fragments[0], shorter)
    assert tags.claims[0].fragments[0].quote == "This is just a formal procedure"
    assert tags.claims[0].fragments[1:] == claim.fragments[1:]
    with pytest.raises(AnnotatorError, match="no such"):
        replace_fragment(tags, claim.id, "content", claim.fragments[0], shorter)


def test_every_fragment_survives_saving_and_loading(corpus: Corpus, rt_article: Article) -> None:
    tags = quote_claim(rt_article)
    claim_id = tags.claims[0].id
    source = article_fragments(rt_article, *_range(rt_article, OKHRIMENKO, OKHRIMENKO))
    tags = toggle_span(tags, claim_id, "source", source)
    noted = rt_article.text.index("noted")
    tags = toggle_span(tags, claim_id, "cue", article_fragments(rt_article, noted, noted + 5))
    corpus.save_tags(tags, None)
    loaded = corpus.load_tags(rt_article, "alice").tags
    assert loaded == tags.normalized()
    text = corpus.tag_path(SEED_RT, "alice").read_text(encoding="utf-8")
    assert text.startswith("format: 2\n")
    assert "  source_fragments:\n  - paragraph: 9\n" in text and "  cue_fragments:\n" in text


V1_FILE = """format: 1
article: {article}
reviewer: alice
text_hash: {text_hash}
paragraphs: []
claims:
- id: c1
  paragraph: 10
  start: 1
  end: 32
  quote: This is just a formal procedure
  prefix: "\u201c"
  suffix: ', which, in fact, does not affect'
  type: analyst_opinion
  source: Alexander Okhrimenko
  role: ''
  stance: against
  target: ukraine_nato_membership
  note: ''
  created: '2026-01-02T03:04:05Z'
  modified: '2026-01-02T03:04:05Z'
article_tags:
  outlet: RT
  outlet_type: ''
  stance: {{}}
  bias_indicators: []
  note: ''
"""


def test_a_format_1_file_loads_unchanged_and_is_rewritten_only_when_changed(
    corpus: Corpus, rt_article: Article
) -> None:
    from annotator.editing import update_claim
    from annotator.session import EditSession

    path = corpus.tag_path(SEED_RT, "alice")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(V1_FILE.format(article=SEED_RT, text_hash=rt_article.text_hash), "utf-8")
    before = path.read_bytes()
    loaded = corpus.load_tags(rt_article, "alice")
    [claim] = loaded.tags.claims
    assert [f.position() for f in claim.fragments] == [(10, 1, 32)]
    assert (claim.quote, claim.source, claim.stance) == (
        "This is just a formal procedure",
        "Alexander Okhrimenko",
        "against",
    )
    session = EditSession.open(corpus, rt_article, loaded)
    assert not session.dirty and not session.save()
    assert path.read_bytes() == before  # opening and saving nothing never rewrites it
    session.apply(update_claim(session.tags, "c1", note="checked"), "edit")
    assert session.save()
    assert path.read_text(encoding="utf-8").startswith("format: 2\n")
    assert corpus.load_tags(rt_article, "alice").tags.claims[0].note == "checked"


def test_a_bad_fragment_is_reported_at_its_line(corpus: Corpus, rt_article: Article) -> None:
    tags = quote_claim(rt_article)
    corpus.save_tags(tags, None)
    path = corpus.tag_path(SEED_RT, "alice")
    text = path.read_text(encoding="utf-8")
    bad = text.replace("quote: However, the country's", "quote: However, the countrys", 1)
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InvalidFileError) as raised:
        corpus.load_tags(rt_article, "alice")
    [problem] = raised.value.problems
    line = bad.splitlines().index(
        next(ln for ln in bad.splitlines() if "However, the countrys" in ln)
    )
    assert problem.line == line + 1 and "quote does not match" in problem.message


def test_fragments_out_of_text_order_are_refused(corpus: Corpus, rt_article: Article) -> None:
    tags = quote_claim(rt_article)
    corpus.save_tags(tags, None)
    path = corpus.tag_path(SEED_RT, "alice")
    text = path.read_text(encoding="utf-8")
    head, fragments = text.split("  fragments:\n")
    pieces = fragments.split("  - paragraph: ")
    rest = pieces[-1].split("  source:", 1)
    swapped = [pieces[0], pieces[2], pieces[1], rest[0]]
    reordered = head + "  fragments:\n" + "  - paragraph: ".join(swapped) + "  source:" + rest[1]
    path.write_text(reordered, encoding="utf-8")
    with pytest.raises(InvalidFileError, match="text order"):
        corpus.load_tags(rt_article, "alice")


def test_serializing_is_byte_identical_for_the_same_fragments(rt_article: Article) -> None:
    tags = quote_claim(rt_article)
    assert serialize(tags) == serialize(tags.normalized())


@pytest.mark.parametrize(
    ("addition", "message"),
    [
        ("claims: []\n", "the key 'claims' is given twice"),
        ("extra: &a {x: 1}\n", "anchors and aliases"),
    ],
)
def test_a_bad_merge_is_refused_not_silently_read(
    corpus: Corpus, rt_article: Article, addition: str, message: str
) -> None:
    corpus.save_tags(quote_claim(rt_article), None)
    path = corpus.tag_path(SEED_RT, "alice")
    text = path.read_text(encoding="utf-8") + addition
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnnotatorError, match=message) as raised:
        corpus.load_tags(rt_article, "alice")
    assert raised.value.problem.line == len(text.splitlines())  # the line of the second key


def test_merge_keys_are_refused(corpus: Corpus, rt_article: Article) -> None:
    from annotator.storage.yamlio import load_yaml

    with pytest.raises(AnnotatorError, match="merge keys") as raised:
        load_yaml(b"base: {a: 1}\nother:\n  <<: {a: 2}\n  b: 3\n", corpus.root / "x.yaml")
    assert raised.value.problem.line == 3
