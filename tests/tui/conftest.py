from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from annotator.model import TagFile
from annotator.storage.corpus import Corpus
from annotator.tui.annotate import AnnotateScreen
from annotator.tui.app import AnnotatorApp
from annotator.tui.article_view import ArticleView
from tests.conftest import SEED_RT

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def make_app(corpus: Corpus) -> Callable[..., AnnotatorApp]:
    def make(article: str | None = SEED_RT, reviewer: str = "alice") -> AnnotatorApp:
        return AnnotatorApp(corpus, reviewer, article)

    return make


async def settle(pilot: Pilot[None]) -> None:
    """Wait until loading and saving workers are done and the screen has caught up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def screen_of(pilot: Pilot[None]) -> AnnotateScreen:
    for screen in reversed(pilot.app.screen_stack):
        if isinstance(screen, AnnotateScreen):
            return screen
    raise AssertionError("no annotate screen")


def view_of(pilot: Pilot[None]) -> ArticleView:
    return screen_of(pilot).query_one(ArticleView)


def on_disk(corpus: Corpus, reviewer: str = "alice", article: str = SEED_RT) -> TagFile | None:
    path: Path = corpus.tag_path(article, reviewer)
    if not path.exists():
        return None
    return corpus.load_tags(corpus.load_article(article), reviewer).tags


def status_text(pilot: Pilot[None]) -> str:
    from textual.widgets import Static

    widget = screen_of(pilot).query_one("#status", Static)
    return str(widget.render())


def rendered(pilot: Pilot[None]) -> str:
    """The screen as plain text, as the user sees it."""
    import io

    from rich.console import Console

    app = pilot.app
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, color_system=None
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()
