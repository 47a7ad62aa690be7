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

    def close(self, result: Result) -> None:
        if self._dismissing:
            return
        self._dismissing = True
        self.dismiss(result)
