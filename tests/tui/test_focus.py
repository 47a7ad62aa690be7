"""The article-tags form: every focus stop is a visible field; nothing typed replaces a value."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from annotator.editing import set_article_tags
from annotator.model import ArticleTags, TagFile
from annotator.storage.corpus import Corpus
from annotator.tui.app import AnnotatorApp
from annotator.tui.forms import ArticleTagsForm
from tests.conftest import SEED_RT
from tests.tui.conftest import SIZE, on_disk, screen_of, settle


async def test_every_focus_stop_of_the_article_tags_form_is_visible_and_keeps_values(
    make_app: Callable[..., AnnotatorApp], corpus: Corpus
) -> None:
    article = corpus.load_article(SEED_RT)
    tags = set_article_tags(TagFile(SEED_RT, "alice", article.text_hash), ArticleTags(outlet="RT"))
    corpus.save_tags(tags, None)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        form = pilot.app.screen
        assert isinstance(form, ArticleTagsForm)
        for _ in range(12):  # round the form and back to the start
            await pilot.press("tab")
            focused = pilot.app.focused
            assert focused is not None
            # a focus stop is a field the reviewer can see: not the scrolling container
            assert focused.id not in (None, "tags-form"), focused
        await pilot.press("space")
        assert form.query_one("#outlet", Input).value in ("RT", "RT ")  # never replaced
        await pilot.press("escape")
        await settle(pilot)
    assert on_disk(corpus).article_tags.outlet == "RT"  # type: ignore[union-attr]


async def test_the_search_box_has_the_focus_as_soon_as_it_opens(
    make_app: Callable[..., AnnotatorApp],
) -> None:
    """Keys typed right after "/" reach the box even when the app is busy: the focus moves at
    once, not at the next refresh (a "t" among them would otherwise open the article tags)."""
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        screen.action_search()
        assert screen.focused is screen.query_one("#search", Input)
