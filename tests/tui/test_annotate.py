"""Pilot tests of the annotate screen: each flow ends with an assertion on the tag file on disk."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, Select

from annotator.storage.corpus import Corpus
from annotator.tui.app import AnnotatorApp
from annotator.tui.claim_list import ClaimList
from annotator.tui.forms import ArticleTagsForm, ClaimForm
from annotator.tui.help import HelpScreen
from tests.tui.conftest import SIZE, on_disk, rendered, screen_of, settle, status_text, view_of

QUOTE_10 = "This is just a formal procedure, which, in fact, does not affect anything."

AppFactory = Callable[..., AnnotatorApp]


async def test_opens_on_the_first_paragraph_with_status(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(pilot)
        assert view.focus_index == 0
        status = status_text(pilot)
        assert "alice" in status and "¶ 1/65" in status and "reviewed 0/57" in status
        assert "saved" in status
    assert on_disk(corpus) is None  # opening and reading never write


async def test_navigate_paragraphs(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(pilot)
        await pilot.press("j", "j", "down")
        assert view.focus_index == 3
        await pilot.press("k", "up")
        assert view.focus_index == 1
        await pilot.press("G")
        assert view.focus_index == 64
        assert view.top.paragraph > 0  # scrolled so the last paragraph is on screen
        await pilot.press("j")
        assert view.focus_index == 64
        await pilot.press("g")
        assert (view.focus_index, view.top.paragraph) == (0, 0)
    assert on_disk(corpus) is None


async def test_select_words_with_the_cursor_and_tag(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(pilot)
        await pilot.press("right", "shift+right", "shift+right")
        assert view.selected_text == "will become"
        await pilot.press("shift+left")
        assert view.selected_text == "will"
        await pilot.press("1")
        assert isinstance(pilot.app.screen, ClaimForm)
        assert pilot.app.focused is not None and pilot.app.focused.id == "source"
        await pilot.press(*"Kyiv", "enter")
        await settle(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert (claim.paragraph, claim.quote, claim.type, claim.source) == (
        1,
        "will",
        "official_statement",
        "Kyiv",
    )


async def test_select_sentence_and_paragraph(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"j" * 9, "s")
        view = view_of(pilot)
        assert view.paragraph is not None and view.paragraph.number == 10
        assert view.selected_text == QUOTE_10
        await pilot.press("escape")
        assert view.selection is None
        await pilot.press("k", "a")
        assert view.selected_text == view.paragraph.text
        await pilot.press("5", "enter")
        await settle(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert (claim.paragraph, claim.first.start, claim.type) == (9, 0, "unattributed")
    assert claim.quote.startswith("However, as the president")


async def test_tag_with_each_claim_type(make_app: AppFactory, corpus: Corpus) -> None:
    types = [c.key for c in corpus.schema.claim_types]
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        for number in range(1, len(types) + 1):
            await pilot.press("j", "s", str(number), "enter")
            await settle(pilot)
    claims = on_disk(corpus).claims  # type: ignore[union-attr]
    assert [(c.paragraph, c.type) for c in claims] == [
        (n + 1, t) for n, t in enumerate(types, start=1)
    ]


async def test_fill_the_whole_form(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"j" * 9, "s", "2")
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        await pilot.press(*"Alexander Okhrimenko", "tab", *"think tank president")
        form.query_one("#stance", Select).value = "against"
        form.query_one("#note", Input).value = "via RT"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert claim.quote == QUOTE_10
    assert (claim.type, claim.source, claim.role) == (
        "analyst_opinion",
        "Alexander Okhrimenko",
        "think tank president",
    )
    assert (claim.stance, claim.target, claim.note) == (
        "against",
        "ukraine_nato_membership",
        "via RT",
    )


async def test_cancel_the_form_writes_nothing(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "1", *"someone", "escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ClaimForm)
        assert view_of(pilot).selection is not None  # the selection survives a cancel
    assert on_disk(corpus) is None


async def tag_first_sentence(pilot: object, source: str = "Ministry") -> None:
    await pilot.press("j", "s", "1", *source, "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_edit_a_claim_from_the_claim_list(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tag_first_sentence(pilot)
        await pilot.press("tab")
        assert isinstance(pilot.app.focused, ClaimList)
        await pilot.press("e")
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        assert form.query_one("#source", Input).value == "Ministry"
        form.query_one("#source", Input).value = "Ministry of Defense"
        form.query_one("#type", Select).value = "media_report"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert (claim.source, claim.type) == ("Ministry of Defense", "media_report")


async def test_delete_a_claim_and_undo_redo(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tag_first_sentence(pilot)
        await pilot.press("tab", "d")
        await settle(pilot)
        assert on_disk(corpus).claims == ()  # type: ignore[union-attr]
        await pilot.press("escape", "u")
        await settle(pilot)
        assert len(on_disk(corpus).claims) == 1  # type: ignore[union-attr]
        await pilot.press("u")
        await settle(pilot)
        assert on_disk(corpus).claims == ()  # type: ignore[union-attr]  # the tag itself undone
        await pilot.press("ctrl+y", "ctrl+y")
        await settle(pilot)
        assert on_disk(corpus).claims == ()  # type: ignore[union-attr]  # redo the tag, redo the delete
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert [c.source for c in on_disk(corpus).claims] == ["Ministry"]  # type: ignore[union-attr]


async def test_enter_in_the_claim_list_selects_the_claims_span(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await tag_first_sentence(pilot)
        view = view_of(pilot)
        assert view.selection is None
        await pilot.press("tab", "enter")
        claim = on_disk(corpus).claims[0]  # type: ignore[union-attr]
        assert view.selected_text == claim.quote
        assert pilot.app.focused is view


async def test_mark_done_and_skipped(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x", "j", "x")
        await settle(pilot)
        assert [(r.paragraph, r.status) for r in on_disk(corpus).reviews] == [
            (1, "done"),
            (2, "done"),
        ]  # type: ignore[union-attr]
        await pilot.press("x", "j", "b")
        await settle(pilot)
        assert "reviewed 2/57" in status_text(pilot)
    assert [(r.paragraph, r.status) for r in on_disk(corpus).reviews] == [
        (1, "done"),
        (3, "skipped"),
    ]  # type: ignore[union-attr]


async def test_article_tags_form(make_app: AppFactory, corpus: Corpus) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        form = pilot.app.screen
        assert isinstance(form, ArticleTagsForm)
        await pilot.press(*"RT")
        form.query_one("#outlet_type", Select).value = "state_affiliated"
        form.query_one("#stance-ukraine_nato_membership", Select).value = "against"
        await pilot.press("tab", "tab", "tab", "tab")  # to the bias indicators
        await pilot.press("space", "down", "space")
        await pilot.press("ctrl+s")
        await settle(pilot)
    tags = on_disk(corpus).article_tags  # type: ignore[union-attr]
    assert (tags.outlet, tags.outlet_type) == ("RT", "state_affiliated")
    assert tags.stances == (("ukraine_nato_membership", "against"),)
    assert tags.bias_indicators == ("loaded_language", "one_sided_sourcing")


async def test_help_lists_keys_and_claim_type_definitions(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = dict(help_screen.keys)
        assert keys["j/↓"] == "Next paragraph" and keys["/"].startswith("Search")
        assert keys["x"] == "Mark the paragraph done (again: unmark)" and "shift+←" in keys
        assert any("claim list" in description for description in keys.values())
        assert "Next paragraph" in rendered(pilot)  # the keys come first
        await pilot.press("end")  # the claim types below them
        await pilot.pause()
        text = rendered(pilot)
        assert "A source the reader cannot identify." in text
        assert "Official statement" in text
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)
    assert on_disk(corpus) is None


async def test_search_jumps_to_the_next_paragraph_containing_the_text(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        search = screen_of(pilot).query_one("#search", Input)
        assert search.display and pilot.app.focused is search
        await pilot.press(*"okhrimenko", "enter")
        view = view_of(pilot)
        assert view.focus_index == 8  # paragraph 9 names him first
        assert not search.display and pilot.app.focused is view
        await pilot.press("slash", *"okhrimenko", "enter")
        assert view.focus_index == 11
        await pilot.press("slash", *"no such words", "enter")
        assert view.focus_index == 11
    assert on_disk(corpus) is None


@pytest.mark.parametrize("key", ["q", "ctrl+c", "ctrl+q"])
async def test_quit_saves_and_exits(make_app: AppFactory, corpus: Corpus, key: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x", key)
        await pilot.pause()
    assert app.return_code == 0
    assert [(r.paragraph, r.status) for r in on_disk(corpus).reviews] == [(1, "done")]  # type: ignore[union-attr]


async def test_the_claim_form_is_refilled_for_each_claim(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "1", *"First", "tab", *"role one", "enter")
        await settle(pilot)
        await pilot.press("j", "s", "4")
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        assert form.query_one("#source", Input).value == ""
        assert form.query_one("#role", Input).value == ""
        assert form.query_one("#type", Select).value == "media_report"
        assert "This was reported by the press service" in rendered(pilot)
        assert pilot.app.focused is form.query_one("#source", Input)
        await pilot.press(*"Second", "enter")
        await settle(pilot)
    claims = on_disk(corpus).claims  # type: ignore[union-attr]
    assert [(c.paragraph, c.type, c.source, c.role) for c in claims] == [
        (1, "official_statement", "First", "role one"),
        (2, "media_report", "Second", ""),
    ]


async def test_report_panel_shows_the_profile_and_follows_changes(
    make_app: AppFactory, corpus: Corpus
) -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Claims by type" not in rendered(pilot)
        await pilot.press("r")
        await pilot.pause()
        screen = rendered(pilot)
        assert "Claims by type" in screen and "0 claims · unnamed sources 0%" in screen
        await pilot.press("j", "s", "3", *"an official", "enter")
        await settle(pilot)
        screen = rendered(pilot)
        assert "1 claims · unnamed sources 100%" in screen and "an official" in screen
        await pilot.press("r")
        await pilot.pause()
        assert "Claims by type" not in rendered(pilot)
    [claim] = on_disk(corpus).claims  # type: ignore[union-attr]
    assert claim.type == "unnamed_source"
