"""Pilot tests: a paragraph of hundreds of kilobytes opens, scrolls to wherever the cursor or a
search goes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.storage.corpus import Corpus
from annotator.tui.app import AnnotatorApp
from tests.tui.conftest import SIZE, rendered, settle, view_of

AppFactory = Callable[..., AnnotatorApp]
LONG = "long"


@pytest.fixture
def long_corpus(corpus_root: Path) -> Corpus:
    sentences = [f"Sentence {n} says the minister said something." for n in range(5_000)]
    sentences[4_000] = "Here the zebracorn speaks, said a source."
    text = "A long article\n\n" + " ".join(sentences) + "\n\nThe end.\n"
    (corpus_root / "seeds" / f"{LONG}.txt").write_text(text, encoding="utf-8")
    return Corpus.open(corpus_root)


async def test_search_deep_into_a_long_paragraph_shows_the_match(long_corpus: Corpus) -> None:
    async with AnnotatorApp(long_corpus, "alice", LONG).run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(pilot)
        assert "A long article" in rendered(pilot)
        await pilot.press("j")  # the long paragraph; its start shows
        await settle(pilot)
        assert "Sentence 0 says" in rendered(pilot)
        await pilot.press("slash", *"zebracorn", "enter")
        await settle(pilot)
        assert view.focus_index == 1 and view.selected_text == "zebracorn"
        assert view.top.paragraph == 1 and view.top.row > 1_000  # scrolled deep, row by row
        assert "Here the zebracorn speaks" in rendered(pilot)
        await pilot.press("s")  # the sentence around it, still on screen
        await settle(pilot)
        assert view.selected_text == "Here the zebracorn speaks, said a source."
        for _ in range(60):  # the selection's end runs on down: the view follows that end
            await pilot.press("shift+right")
        await settle(pilot)
        assert view.selection is not None
        assert "Sentence 4008 says" in rendered(pilot)


async def test_the_cursor_walks_off_the_screen_and_the_view_follows(long_corpus: Corpus) -> None:
    async with AnnotatorApp(long_corpus, "alice", LONG).run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(pilot)
        await pilot.press("j")
        for _ in range(250 * 7):  # 250 sentences of seven words: past a screenful
            view.move_cursor(1)
        await settle(pilot)
        assert view.top.row > 0
        assert "Sentence 250 says" in rendered(pilot)
        assert "Sentence 0 says" not in rendered(pilot)
        await pilot.press("k", "j")  # back to the paragraph: its start again
        await settle(pilot)
        assert view.top.row == 0 and "Sentence 0 says" in rendered(pilot)
