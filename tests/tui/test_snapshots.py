"""A few snapshot tests at a fixed size (80x24). Update with: pytest --snapshot-update."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from annotator.storage.corpus import Corpus
from annotator.tui.app import AnnotatorApp
from tests.conftest import sample_tags
from tests.tui.conftest import settle

SnapCompare = Callable[..., bool]
SIZE = (80, 24)


@pytest.fixture
def tagged(corpus: Corpus) -> Corpus:
    article = corpus.load_article("004_2011e3964b8c9ec8")
    corpus.save_tags(sample_tags(article), None)
    return corpus


def _settled(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


def test_annotate_screen(snap_compare: SnapCompare, tagged: Corpus) -> None:
    app = AnnotatorApp(tagged, "alice", "004_2011e3964b8c9ec8")
    assert snap_compare(
        app, terminal_size=SIZE, run_before=_settled(*"j" * 9, "right", "shift+right")
    )


def test_claim_form(snap_compare: SnapCompare, tagged: Corpus) -> None:
    app = AnnotatorApp(tagged, "alice", "004_2011e3964b8c9ec8")
    assert snap_compare(app, terminal_size=SIZE, run_before=_settled("j", "s", "3"))


def test_picker(snap_compare: SnapCompare, tagged: Corpus) -> None:
    app = AnnotatorApp(tagged, "alice", None)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settled())
