from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.article import Article
from annotator.editing import set_status, update_claim
from annotator.errors import AnnotatorError, ConflictError
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize
from tests.conftest import SEED_RT, sample_tags


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_no_seeds_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AnnotatorError, match=r"no 'seeds/' folder here; .*--root DIR"):
        Corpus.open(tmp_path)


def test_loading_a_missing_file_gives_empty_tags_and_writes_nothing(
    corpus: Corpus, rt_article: Article
) -> None:
    before = snapshot(corpus.root)
    loaded = corpus.load_tags(rt_article, "alice")
    assert loaded.disk_digest is None
    assert loaded.tags.claims == ()
    assert loaded.tags.text_hash == rt_article.text_hash
    assert snapshot(corpus.root) == before


def test_save_then_load_round_trips(corpus: Corpus, rt_article: Article) -> None:
    tags = set_status(sample_tags(rt_article), rt_article, 1, "done")
    digest = corpus.save_tags(tags, None)
    loaded = corpus.load_tags(rt_article, "alice")
    assert loaded.tags == tags.normalized()
    assert loaded.disk_digest == digest
    path = corpus.root / "annotations" / SEED_RT / "alice.yaml"
    assert path.read_bytes() == serialize(tags)


def test_reading_never_writes(corpus: Corpus, rt_article: Article) -> None:
    corpus.save_tags(sample_tags(rt_article), None)
    before = snapshot(corpus.root)
    corpus.load_tags(rt_article, "alice")
    corpus.load_tags(rt_article, "bob")
    assert snapshot(corpus.root) == before


def test_saving_unchanged_content_does_not_touch_the_file(
    corpus: Corpus, rt_article: Article
) -> None:
    tags = sample_tags(rt_article)
    digest = corpus.save_tags(tags, None)
    path = corpus.tag_path(rt_article.id, "alice")
    stat_before = path.stat()
    assert corpus.save_tags(tags, digest) == digest
    assert path.stat().st_ino == stat_before.st_ino
    assert path.stat().st_mtime_ns == stat_before.st_mtime_ns


def test_saving_replaces_the_file_atomically_and_leaves_no_temp_files(
    corpus: Corpus, rt_article: Article
) -> None:
    tags = sample_tags(rt_article)
    digest = corpus.save_tags(tags, None)
    path = corpus.tag_path(rt_article.id, "alice")
    inode = path.stat().st_ino
    corpus.save_tags(update_claim(tags, tags.claims[0].id, note="changed"), digest)
    assert path.stat().st_ino != inode  # a new file renamed over the old one
    assert [p.name for p in path.parent.iterdir()] == ["alice.yaml"]


def test_a_failed_write_leaves_the_old_file_intact(
    corpus: Corpus, rt_article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    tags = sample_tags(rt_article)
    digest = corpus.save_tags(tags, None)
    path = corpus.tag_path(rt_article.id, "alice")
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(AnnotatorError, match=r"No space left on device.*left as it was"):
        corpus.save_tags(update_claim(tags, tags.claims[0].id, note="lost?"), digest)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["alice.yaml"]


def test_a_file_changed_on_disk_is_never_overwritten(corpus: Corpus, rt_article: Article) -> None:
    tags = sample_tags(rt_article)
    digest = corpus.save_tags(tags, None)
    path = corpus.tag_path(rt_article.id, "alice")
    theirs = path.read_bytes().replace(b"note: ''", b"note: from another window", 1)
    path.write_bytes(theirs)
    with pytest.raises(ConflictError, match="changed on disk since it was loaded"):
        corpus.save_tags(update_claim(tags, tags.claims[0].id, note="mine"), digest)
    assert path.read_bytes() == theirs


def test_a_file_created_or_deleted_meanwhile_is_a_conflict(
    corpus: Corpus, rt_article: Article
) -> None:
    tags = sample_tags(rt_article)
    corpus.save_tags(tags, None)
    with pytest.raises(ConflictError, match="was created"):
        corpus.save_tags(tags, None)
    digest = corpus.load_tags(rt_article, "alice").disk_digest
    corpus.tag_path(rt_article.id, "alice").unlink()
    with pytest.raises(ConflictError, match="was deleted"):
        corpus.save_tags(tags, digest)
    assert not corpus.tag_path(rt_article.id, "alice").exists()


@pytest.mark.parametrize("name", ["../evil", "a/b", "..", "Alice", "", "con", "x" * 65, "a b"])
def test_unsafe_reviewer_names_are_refused(corpus: Corpus, name: str) -> None:
    with pytest.raises(AnnotatorError):
        corpus.tag_path(SEED_RT, name)


@pytest.mark.parametrize("article_id", ["../seeds", "a/b", "..", ".hidden", "a..b", ""])
def test_unsafe_article_ids_are_refused(corpus: Corpus, article_id: str) -> None:
    with pytest.raises(AnnotatorError):
        corpus.tag_path(article_id, "alice")
    with pytest.raises(AnnotatorError):
        corpus.load_article(article_id)


def test_unknown_article_names_the_list_command(corpus: Corpus) -> None:
    with pytest.raises(AnnotatorError, match=r"no article 'nope'.*annotator list"):
        corpus.load_article("nope")


def test_seed_files_with_unsafe_names_are_reported_not_listed(corpus: Corpus) -> None:
    (corpus.seeds_dir / "My Article.txt").write_text("Title\n", encoding="utf-8")
    ids, problems = corpus.article_ids()
    assert "My Article" not in ids
    assert len(problems) == 1
    assert "not a safe name" in problems[0].message
