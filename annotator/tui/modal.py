"""Modal screens that close exactly once."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen

Result = TypeVar("Result")


class Modal(ModalScreen[Result], Generic[Result]):
    """``close`` dismisses once: a second enter or escape pressed before the screen is gone
    would otherwise pop the screen underneath too."""

    _closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self, result: Result) -> None:
        if self._closed:
            return
        self._closed = True
        self.dismiss(result)
