"""Modal screens that close exactly once."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen

Result = TypeVar("Result")


class Modal(ModalScreen[Result], Generic[Result]):
    """``close`` dismisses once: a second enter or escape pressed before the screen is gone
    would otherwise pop the screen underneath too."""

    _dismissing = False

    @property
    def closing(self) -> bool:
        return self._dismissing

    def reopen(self) -> None:
        """Ready to close again (for a screen that is shown more than once)."""
        self._dismissing = False

    def close(self, result: Result) -> None:
        if self._dismissing:
            return
        self._dismissing = True
        self.dismiss(result)
