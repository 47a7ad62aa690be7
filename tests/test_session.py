from __future__ import annotations

import pytest

from annotator.article import Article
from annotator.editing import set_status
from annotator.errors import ConflictError
from annotator.session import EditSession
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT, sample_tags


def open_session(corpus: Corpus, article: Article) -> EditSession:
    return EditSession.open(corpus, article, corpus.load_tags(article, "alice"))


def test_apply_undo_redo_and_save(corpus: Corpus, rt_article: Article) -> None:
    session = open_session(corpus, rt_article)
    assert not session.dirty and session.save() is False  # nothing to write: no file appears
    assert not corpus.tag_path(SEED_RT, "alice").exists()
    assert session.apply(sample_tags(rt_article), "tag two claims")
    assert not session.apply(session.tags, "same again")  # no change, no undo step
    assert session.apply(set_status(session.tags, rt_article, 1, "done"), "mark")
    assert session.undo() == "mark" and session.tags.reviews == ()
    assert session.redo() == "mark" and session.redo() is None
    assert session.dirty and session.save() is True and not session.dirty
    assert corpus.load_tags(rt_article, "alice").tags == session.tags


def test_reload_keeps_my_version_one_undo_away_and_overwrite_is_explicit(
    corpus: Corpus, rt_article: Article
) -> None:
    session = open_session(corpus, rt_article)
    session.apply(sample_tags(rt_article), "tag")
    session.save()
    theirs = set_status(sample_tags(rt_article, "alice"), rt_article, 3, "skipped")
    corpus.save_tags(theirs, session.disk_digest)  # someone else, meanwhile
    mine = session.tags
    session.apply(set_status(mine, rt_article, 1, "done"), "mark")
    assert session.disk_changed()
    with pytest.raises(ConflictError):
        session.save()
    session.reload()
    assert session.tags == corpus.load_tags(rt_article, "alice").tags and not session.dirty
    assert session.undo() == "reload from disk" and session.tags.status_of(1) == "done"
    session.overwrite()
    assert corpus.load_tags(rt_article, "alice").tags.status_of(1) == "done"


def test_save_copy_writes_beside_the_tag_file(corpus: Corpus, rt_article: Article) -> None:
    session = open_session(corpus, rt_article)
    session.apply(sample_tags(rt_article), "tag")
    path = session.save_copy("20260102T030405")
    assert path.endswith("alice.20260102T030405.yaml.unsaved")
    assert not corpus.tag_path(SEED_RT, "alice").exists()
