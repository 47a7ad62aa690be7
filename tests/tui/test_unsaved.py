"""Work that could not be saved is kept where it can be written and offered back on next open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.errors import AnnotatorError
from annotator.storage import unsaved
from annotator.storage.corpus import Corpus
from annotator.tui.app import AnnotatorApp
from annotator.tui.conflict import RestoreScreen
from tests.conftest import SEED_RT, sample_tags
from tests.tui.conftest import SIZE, on_disk, settle

AppFactory = Callable[..., AnnotatorApp]


def test_a_copy_goes_to_the_state_folder_when_the_tag_folder_cannot_be_written(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    real_write = unsaved.atomic_write

    def full_disk(path: Path, data: bytes) -> None:
        if corpus.annotations_dir in path.parents:
            raise AnnotatorError("cannot write the file (No space left on device)", path)
        real_write(path, data)

    monkeypatch.setattr(unsaved, "atomic_write", full_disk)
    tags = sample_tags(corpus.load_article(SEED_RT))
    copy = unsaved.write_copy(corpus, tags, "20261202T120000")
    assert (tmp_path / "state") in copy.parents
    assert unsaved.find_copies(corpus, SEED_RT, "alice") == [copy]


async def test_opening_the_article_offers_the_copy_and_r_restores_it(
    make_app: AppFactory, corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    tags = sample_tags(corpus.load_article(SEED_RT))
    copy = unsaved.write_copy(corpus, tags, "20261202T120000")
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, RestoreScreen)
        await pilot.press("r")
        await settle(pilot)
    assert [c.quote for c in on_disk(corpus).claims] == [c.quote for c in tags.claims]  # type: ignore[union-attr]
    assert not copy.exists()


async def test_escape_keeps_the_copy_for_next_time(
    make_app: AppFactory, corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    copy = unsaved.write_copy(corpus, sample_tags(corpus.load_article(SEED_RT)), "1")
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert copy.exists() and on_disk(corpus) is None
