"""What to do when the tag file changed on disk under the reviewer."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from annotator.tui.modal import Modal

Choice = Literal["reload", "overwrite", "later"]


class ConflictScreen(Modal[Choice]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('reload')", "Reload from disk"),
        Binding("o", "choose('overwrite')", "Overwrite with mine"),
        Binding("escape", "choose('later')", "Decide later"),
    ]

    def __init__(self, path: str, dirty: bool) -> None:
        super().__init__()
        self.path = path
        self.dirty = dirty

    def compose(self) -> ComposeResult:
        message = Text()
        message.append("The tag file changed on disk\n\n", style="bold yellow")
        message.append(f"{self.path}\nwas changed by someone else (another window, a git pull).\n")
        message.append("Nothing was overwritten.\n\n")
        if self.dirty:
            message.append("You have changes that are not saved yet.\n\n")
        message.append("r", style="bold")
        message.append("  reload from disk (your version stays in undo: press u to get it back)\n")
        message.append("o", style="bold")
        message.append("  overwrite the file with your version\n")
        message.append("esc", style="bold")
        message.append(" decide later (saving is paused until then)\n")
        with Vertical(id="conflict", classes="form"):
            yield Static(message)

    def action_choose(self, choice: Choice) -> None:
        self.close(choice)


Restore = Literal["restore", "discard", "later"]


class RestoreScreen(Modal[Restore]):
    """A copy of work that could not be saved last time was found: restore it, or not."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('restore')", "Restore it"),
        Binding("d", "choose('discard')", "Discard it"),
        Binding("escape", "choose('later')", "Decide later"),
    ]

    def __init__(self, path: str, claims: int) -> None:
        super().__init__()
        self.path = path
        self.claims = claims

    def compose(self) -> ComposeResult:
        message = Text()
        message.append("Unsaved work was kept last time\n\n", style="bold yellow")
        message.append(f"{self.path}\nholds your version ({self.claims} claims) of this article's ")
        message.append("tags, which could not be saved when you quit.\n\n")
        message.append("r", style="bold")
        message.append("  restore it: it becomes your tags (what is there now stays in undo)\n")
        message.append("d", style="bold")
        message.append("  discard it (the copy is deleted)\n")
        message.append("esc", style="bold")
        message.append(" decide later (the copy is kept; it is offered again next time)\n")
        with Vertical(id="conflict", classes="form"):
            yield Static(message)

    def action_choose(self, choice: Restore) -> None:
        self.close(choice)
