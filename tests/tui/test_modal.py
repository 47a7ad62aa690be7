from __future__ import annotations

from annotator.storage.corpus import Corpus
from annotator.tui.annotate import AnnotateScreen
from annotator.tui.app import AnnotatorApp
from annotator.tui.forms import ClaimForm
from tests.conftest import SEED_RT
from tests.tui.conftest import SIZE, on_disk, settle


async def test_a_form_closes_once_even_when_saved_twice(corpus: Corpus) -> None:
    """A double enter must not pop the annotate screen under the form as well."""
    async with AnnotatorApp(corpus, "alice", SEED_RT).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "1")
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        for action in (form.action_save, form.action_save, form.action_cancel):
            pilot.app.call_later(action)  # three closes queued before the first one is done
        await settle(pilot)
        assert isinstance(pilot.app.screen, AnnotateScreen)
    assert len(on_disk(corpus).claims) == 1  # type: ignore[union-attr]


async def test_a_tab_typed_ahead_moves_the_focus_at_once(corpus: Corpus) -> None:
    """Keys typed before the form was on screen: the tab among them must move the focus before
    the keys after it arrive (a deferred focus let them land in the first field)."""
    from textual.widgets import Input

    async with AnnotatorApp(corpus, "alice", SEED_RT).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "1")
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        for character in "Ann":
            form.type_ahead(character, character)
        form.type_ahead("tab", None)
        role = form.query_one("#role", Input)
        assert form.focused is role  # now, not after the next refresh
        await pilot.press(*"analyst")  # typed straight into the focused field
        assert form.query_one("#source", Input).value == "Ann"
        assert role.value == "analyst"
