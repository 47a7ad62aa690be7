from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from annotator.article import Article
from annotator.editing import set_status, update_claim
from annotator.errors import AnnotatorError, InvalidFileError
from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize
from annotator.storage.yamlio import MAX_YAML_BYTES
from tests.conftest import SEED_RT, sample_tags
from tests.strategies import SCHEMA, tag_files


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(tag_files())
def test_save_then_load_is_the_identity(case: tuple[Article, TagFile]) -> None:
    from annotator.storage.validation import from_document

    article, tags = case
    data = serialize(tags)
    loaded, problems = from_document(yaml.safe_load(data), article, SCHEMA, article.id, "alice")
    assert problems == []
    assert loaded == tags.normalized()
    assert serialize(loaded) == data  # byte-identical for the same content


def test_layout_is_block_style_with_fixed_key_order(corpus: Corpus, rt_article: Article) -> None:
    text = serialize(sample_tags(rt_article)).decode()
    assert "{" not in text.split("article_tags:")[0]  # block style for everything but empty maps
    top = [
        line.split(":")[0] for line in text.splitlines() if line and not line.startswith((" ", "-"))
    ]
    assert top == [
        "format",
        "article",
        "reviewer",
        "text_hash",
        "paragraphs",
        "claims",
        "article_tags",
    ]
    first_claim = text.split("claims:\n")[1].split("\n- ")[0].splitlines()
    keys = [line.strip(" -").split(":")[0] for line in first_claim]
    assert keys == [
        "id", "type", "fragments", "paragraph", "start", "end", "quote", "prefix", "suffix",
        "source", "role", "stance", "target", "note", "created", "modified",
    ]  # fmt: skip


def test_claims_are_written_in_text_order(rt_article: Article) -> None:
    tags = sample_tags(rt_article)
    shuffled = replace(tags, claims=tuple(reversed(tags.claims)))
    text = serialize(shuffled).decode()
    assert text.index("paragraph: 2\n") < text.index("paragraph: 10\n")
    assert serialize(shuffled) == serialize(tags)


def test_unicode_is_written_as_is(rt_article: Article) -> None:
    tags = sample_tags(rt_article)
    tags = update_claim(tags, tags.claims[0].id, note="Жёлтый «flag» 🙂")
    assert "Жёлтый «flag» 🙂" in serialize(tags).decode()


def test_changing_one_tag_is_a_small_diff(rt_article: Article) -> None:
    import difflib

    tags = sample_tags(rt_article)
    changed = update_claim(tags, tags.claims[1].id, stance="favor")
    changed = replace(
        changed, claims=tuple(replace(c, modified=tags.claims[1].modified) for c in changed.claims)
    )
    before, after = serialize(tags).decode().splitlines(), serialize(changed).decode().splitlines()
    diff = [
        line for line in difflib.unified_diff(before, after, n=0, lineterm="") if line[:1] in "+-"
    ]
    assert diff == ["--- ", "+++ ", "-  stance: against", "+  stance: favor"]


# --- validation: every problem with file and line ------------------------------------------------


def write_tags(corpus: Corpus, article: Article, text: str, reviewer: str = "alice") -> Path:
    path = corpus.tag_path(article.id, reviewer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def valid_text(article: Article) -> str:
    return serialize(sample_tags(article)).decode()


def problems_of(corpus: Corpus, article: Article, text: str) -> list[str]:
    path = write_tags(corpus, article, text)
    with pytest.raises(AnnotatorError) as caught:
        corpus.load_tags(article, "alice")
    error = caught.value
    problems = error.problems if isinstance(error, InvalidFileError) else [error.problem]
    assert all(p.path == path for p in problems)
    return [f"{p.line}: {p.message}" for p in problems]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "fragment", "at"),
    [
        (
            "type: analyst_opinion",
            "type: opinion",
            "claim type 'opinion' is not in the schema",
            "type: opinion",
        ),
        (
            "stance: against",
            "stance: maybe",
            "stance 'maybe' is not in the schema",
            "stance: maybe",
        ),
        ("end: 32", "end: 999", "out of range", "start: 1"),
        ("paragraph: 10", "paragraph: 99", "paragraph 99 is out of range", "paragraph: 99"),
        (
            "quote: This is just a formal procedure",
            "quote: This is not the text",
            "quote does not match",
            "quote: This is not",
        ),
        ("start: 1", "start: one", "'start' must be a whole number", "start: one"),
        (
            "source: Alexander Okhrimenko",
            "source: [a, b]",
            "'source' must be text",
            "source: [a, b]",
        ),
        (
            "  note: ''\n  created",
            "  note: ''\n  colour: red\n  created",
            "unknown field 'colour'",
            "colour: red",
        ),
        ("reviewer: alice", "reviewer: bob", "file is named for 'alice'", "reviewer: bob"),
        ("format: 2", "format: 7", "newer annotator", "format: 7"),
        ("status: done", "status: finished", "status 'finished'", "status: finished"),
    ],
)
def test_each_bad_value_is_reported_with_its_line(
    corpus: Corpus, rt_article: Article, old: str, new: str, fragment: str, at: str
) -> None:
    tags = set_status(sample_tags(rt_article), rt_article, 3, "done")
    text = serialize(tags).decode()
    assert old in text
    bad = text.replace(old, new, 1)
    problems = problems_of(corpus, rt_article, bad)
    expected_line = line_of(bad, at)
    assert any(p.startswith(f"{expected_line}: ") and fragment in p for p in problems), problems


def test_duplicate_ids_are_reported(corpus: Corpus, rt_article: Article) -> None:
    tags = sample_tags(rt_article)
    first, second = tags.claims
    text = serialize(tags).decode().replace(second.id, first.id)
    problems = problems_of(corpus, rt_article, text)
    second_line = text[: text.rindex("id: " + first.id)].count("\n") + 1
    assert problems == [
        f"{second_line}: duplicate claim id {first.id!r}; give each claim its own id"
    ]


def test_all_problems_of_a_file_are_reported_not_just_the_first(
    corpus: Corpus, rt_article: Article
) -> None:
    text = (
        valid_text(rt_article)
        .replace("type: analyst_opinion", "type: x")
        .replace("type: official_statement", "type: y")
    )
    assert len(problems_of(corpus, rt_article, text)) == 2


def test_malformed_yaml_names_the_line(corpus: Corpus, rt_article: Article) -> None:
    text = valid_text(rt_article).replace("reviewer: alice", "reviewer: alice\n<<<<<<< HEAD", 1)
    [problem] = problems_of(corpus, rt_article, text)
    assert problem.startswith(("4: malformed YAML", "5: malformed YAML"))


def test_not_a_mapping_is_reported(corpus: Corpus, rt_article: Article) -> None:
    assert problems_of(corpus, rt_article, "- just\n- a list\n") == [
        "1: a tag file must be a YAML mapping (format, article, reviewer, claims, …)"
    ]


def test_aliases_are_refused(corpus: Corpus, rt_article: Article) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: [*b, *b, *b]\n"
    [problem] = problems_of(corpus, rt_article, bomb)
    # libyaml hands back the anchored node for an alias, so the anchor's line is named.
    assert problem.startswith("1: YAML anchors and aliases (&name, *name) are not allowed")


def test_oversized_files_are_refused_without_parsing(corpus: Corpus, rt_article: Article) -> None:
    path = corpus.tag_path(rt_article.id, "alice")
    path.parent.mkdir(parents=True)
    with path.open("wb") as stream:
        stream.truncate(MAX_YAML_BYTES + 1)
    with pytest.raises(AnnotatorError, match="over the 32 MiB limit"):
        corpus.load_tags(rt_article, "alice")


def test_python_tags_are_refused_as_unsafe(corpus: Corpus, rt_article: Article) -> None:
    [problem] = problems_of(corpus, rt_article, "!!python/object/apply:os.system ['true']\n")
    assert "malformed YAML" in problem or "could not determine a constructor" in problem


def test_hand_written_timestamps_are_accepted(corpus: Corpus, rt_article: Article) -> None:
    text = valid_text(rt_article).replace("'2026-01-02T03:04:05Z'", "2026-01-02T03:04:05Z")
    write_tags(corpus, rt_article, text)
    loaded = corpus.load_tags(rt_article, "alice")
    assert {c.created for c in loaded.tags.claims} == {"2026-01-02T03:04:05Z"}


def test_article_id_must_match_the_folder(corpus: Corpus, rt_article: Article) -> None:
    text = valid_text(rt_article).replace(f"article: {SEED_RT}", "article: other")
    [problem] = problems_of(corpus, rt_article, text)
    assert problem.startswith("2: 'article' is 'other'")


def test_comments_round_trip_and_bad_comments_are_reported(
    corpus: Corpus, rt_article: Article
) -> None:
    from annotator.editing import add_comment

    tags = add_comment(sample_tags(rt_article, "bob"), "alice", "c1234", "Really?")
    corpus.save_tags(tags, None)
    assert corpus.load_tags(rt_article, "bob").tags.comments == tags.comments
    text = serialize(tags).decode()
    assert text.endswith(
        "comments:\n- on_reviewer: alice\n  on_claim: c1234\n  text: Really?\n"
        "  created: '2026-01-02T03:04:05Z'\n"
    )
    with pytest.raises(AnnotatorError, match="colleagues"):
        add_comment(tags, "bob", "c1", "self")
    path = corpus.tag_path(rt_article.id, "bob")
    path.write_text(text.replace("  text: Really?\n", ""), encoding="utf-8")
    with pytest.raises(InvalidFileError, match="a comment needs"):
        corpus.load_tags(rt_article, "bob")
