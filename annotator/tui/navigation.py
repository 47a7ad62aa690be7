"""Messages with which screens ask the app to navigate: screens never import each other."""

from __future__ import annotations

from textual.message import Message


class OpenArticle(Message):
    """Open an article: its annotate screen, or with ``review`` its review screen."""

    def __init__(self, article_id: str, review: bool = False) -> None:
        super().__init__()
        self.article_id = article_id
        self.review = review


class LeaveArticle(Message):
    """The article's screen is done (everything saved or copied): back to the picker, or quit.

    ``note`` is what to tell the reviewer once the app has closed (e.g. where an unsaved copy is).
    """

    def __init__(self, note: str | None = None) -> None:
        super().__init__()
        self.note = note
