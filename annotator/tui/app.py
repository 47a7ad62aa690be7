"""The Textual application: the article picker, or one article's annotate screen."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from annotator.storage.corpus import Corpus
from annotator.tui.navigation import LeaveArticle, OpenArticle
from annotator.tui.typeahead import TYPED_ON


class AnnotatorApp(App[None]):
    CSS_PATH = "annotator.tcss"
    TITLE = "annotator"
    ENABLE_COMMAND_PALETTE = True
    # Every screen answers ?: its own help where it has one, else a list of its keys.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", show=False),
        # In a terminal ctrl+c means "stop": it quits (saving first) wherever no text field
        # claims it for copying, instead of Textual's "press ctrl+q to quit" note.
        Binding("ctrl+c", "quit", "Quit", show=False),
    ]

    def __init__(
        self,
        corpus: Corpus,
        reviewer: str,
        article_id: str | None = None,
        review: bool = False,
        reviewer_note: str | None = None,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.reviewer = reviewer
        self.article_id = article_id
        self.review = review
        # Said when the reviewer name was not given but found (git, login): whose tags these are.
        self.reviewer_note = reviewer_note
        self.exit_message: str | None = None

    def action_help(self) -> None:
        screen = self.screen
        own = getattr(screen, "action_help", None)
        if own is not None:
            own()
            return
        from annotator.tui.help import HelpScreen, help_keys

        if isinstance(screen, HelpScreen):
            return
        keys = help_keys(screen.BINDINGS, "accept(", "Accept reviewer N's version")
        keys.append(("ctrl+p", "Command palette: every action by name"))
        self.push_screen(HelpScreen(keys, self.corpus.schema))

    def on_mount(self) -> None:
        if self.article_id is not None:
            self.open_article(self.article_id, self.review)
        else:
            from annotator.tui.picker import PickerScreen

            self.push_screen(PickerScreen(self.corpus, self.reviewer))

    def open_article(self, article_id: str, review: bool = False) -> None:
        """Screens are made here only: they ask for one with a message, never import each other."""
        screen: Screen[None]
        if review:
            from annotator.tui.review import ReviewScreen

            screen = ReviewScreen(self.corpus, article_id, self.reviewer)
        else:
            from annotator.tui.annotate import AnnotateScreen

            screen = AnnotateScreen(self.corpus, article_id, self.reviewer)
        self.push_screen(screen)

    def on_open_article(self, message: OpenArticle) -> None:
        self.open_article(message.article_id, message.review)

    def on_leave_article(self, message: LeaveArticle) -> None:
        """Back to the article picker when it opened this article; else quit."""
        from annotator.tui.picker import PickerScreen

        if message.note:
            self.exit_message = message.note
        if any(isinstance(screen, PickerScreen) for screen in self.screen_stack):
            self.pop_screen()
        else:
            self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers every action bound on the screen, under its key's description."""
        seen: set[str] = set()
        extra = getattr(screen, "palette_commands", None)
        for title, help_text, action in extra() if extra else []:
            seen.add(action)
            yield SystemCommand(title, help_text, partial(screen.run_action, action))
        for node in [screen, *(screen.focused.ancestors_with_self if screen.focused else [])]:
            for binding in getattr(node, "BINDINGS", []):
                if not isinstance(binding, Binding) or binding.action.startswith("tag("):
                    continue
                if binding.action in seen or not binding.description:
                    continue
                seen.add(binding.action)
                key = binding.key_display or binding.key.split(",")[0]
                help_text = f"key: {key}" + (f" · {binding.tooltip}" if binding.tooltip else "")
                action = partial(self.run_action, binding.action, node)
                yield SystemCommand(binding.description, help_text, action)
        yield from super().get_system_commands(screen)

    def on_key(self, event: events.Key) -> None:
        """Keys typed on the annotate screen that arrive here after a form opened go to the form."""
        from annotator.tui.forms import Form

        typed_on = getattr(event, TYPED_ON, None)
        if typed_on is not None and typed_on is not self.screen and isinstance(self.screen, Form):
            self.screen.type_ahead(event.key, event.character)

    async def action_quit(self) -> None:
        """Quitting from anywhere (ctrl+q, the palette) saves first: never lose work."""
        from annotator.tui.autosave import AutosaveScreen

        for screen in self.screen_stack:
            if isinstance(screen, AutosaveScreen):
                note = screen.flush()
                self.exit_message = note or self.exit_message
        self.exit()
