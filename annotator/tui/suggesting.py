"""Suggestions in the annotate screen: attributions the suggester found, drawn dim beside the
reviewer's claims; ``n``/``p`` select the next or previous, ``y`` opens the claim form filled from
it, ``X`` rejects it (kept in the reviewer's file, so it is never offered again).

Suggestions are computed in a worker once the article is on screen, and are only ever written to
the tag file as a claim the reviewer accepted (marked ``suggested``) or as a rejection.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding, BindingType

from annotator.article import Article
from annotator.display import clip
from annotator.editing import article_fragments, reject_suggestion
from annotator.errors import AnnotatorError
from annotator.model import Fragments
from annotator.tui.article_view import ArticleView
from annotator.tui.tagging import TaggingActions

if TYPE_CHECKING:  # the suggester (and its model) loads in the worker, after the first paint
    from annotator.suggest.suggester import Suggestion

# Beyond this many paragraphs or characters the suggester runs only when asked (n): a whole-article
# pass would hold the interpreter for seconds while the reviewer reads.
AUTOMATIC_UP_TO = 3000
AUTOMATIC_UP_TO_CHARACTERS = 300_000

SUGGESTION_BINDINGS: list[BindingType] = [
    Binding("n", "next_suggestion", "Next suggestion", tooltip="Select the next suggestion"),
    Binding(
        "p",
        "previous_suggestion",
        "Previous suggestion",
        show=False,
        tooltip="Select the previous suggestion",
    ),
    Binding(
        "y",
        "accept_suggestion",
        "Accept",
        tooltip="Accept the selected suggestion: the claim form opens filled from it (enter "
        "saves); a selection you changed first is kept as the content; 1-9 accepts it as that "
        "claim type",
    ),
    Binding(
        "X",
        "reject_suggestion",
        "Reject",
        show=False,
        tooltip="Reject the selected suggestion: kept in your file, it is not offered again",
    ),
]


class SuggestionActions(TaggingActions):
    _all_suggestions: list[Suggestion] | None = None
    open_suggestions: tuple[Suggestion, ...] = ()
    current_suggestion: Suggestion | None = None
    _suggesting = False

    def _show_article(self, article: Article) -> None:
        super()._show_article(article)
        if (
            len(article.paragraphs) <= AUTOMATIC_UP_TO
            and len(article.text) <= AUTOMATIC_UP_TO_CHARACTERS
        ):
            self.call_after_refresh(self._compute_suggestions, article)

    @work(thread=True, exit_on_error=False, group="suggestions", exclusive=True)
    def _compute_suggestions(self, article: Article) -> None:
        self._suggesting = True
        try:
            from annotator.suggest.suggester import suggest_article

            found = suggest_article(article)
        except (AnnotatorError, OSError, RuntimeError) as error:  # tagging still works
            self.app.call_from_thread(
                self.notify, f"Suggestions are unavailable: {error}", severity="warning"
            )
            return
        finally:
            self._suggesting = False
        self.app.call_from_thread(self._suggestions_ready, found)

    def _suggestions_ready(self, found: list[Suggestion]) -> None:
        self._all_suggestions = found
        self._refresh_suggestions()

    def _refresh_tags(self) -> None:
        super()._refresh_tags()
        self._refresh_suggestions()

    def _refresh_suggestions(self) -> None:
        article = self.view.article
        if self._all_suggestions is None or article is None:
            return
        from annotator.suggest.suggester import open_suggestions

        tags = self.session.tags if self.session is not None else None
        self.open_suggestions = tuple(open_suggestions(self._all_suggestions, article, tags))
        if self.current_suggestion not in self.open_suggestions:
            self.current_suggestion = None
        self.view.set_suggestions(self.open_suggestions)
        self._update_status()

    def _suggestion_status(self) -> list[str]:
        if self._all_suggestions is None:
            return []
        current = self.current_suggestion
        if current is None:
            return [f"{len(self.open_suggestions)} suggestions (n)"]
        number = self.open_suggestions.index(current) + 1
        who = current.source or "no source"
        # Short: it comes early in the status line, which a narrow terminal cuts.
        total = len(self.open_suggestions)
        return [f"suggestion {number}/{total} {current.type} ({clip(who, 18)})"]

    def on_article_view_moved(self, message: ArticleView.Moved) -> None:
        super().on_article_view_moved(message)
        # A suggestion stays selected while the selection is on it (changed or not): a digit
        # or y elsewhere must not accept it with other words.
        current, selection = self.current_suggestion, self.view.selection
        if current is not None and not (
            selection is not None
            and any(s < selection[1] and selection[0] < e for s, e in current.content)
        ):
            self.current_suggestion = None
            self._update_status()

    # --- moving between suggestions -----------------------------------------------------------

    def action_next_suggestion(self) -> None:
        self._step(1)

    def action_previous_suggestion(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        article = self.view.article
        if article is None:
            return
        if self._all_suggestions is None:
            if not self._suggesting:
                self._compute_suggestions(article)
            self.notify("Finding suggestions…")
            return
        if not self.open_suggestions:
            self.notify("No open suggestions in this article.")
            return
        starts = [s.content[0][0] for s in self.open_suggestions]
        if self.current_suggestion is not None:
            here = self.open_suggestions.index(self.current_suggestion)
            index = (here + delta) % len(starts)
        else:
            point = self.view.point()
            index = (
                bisect.bisect_left(starts, point)
                if delta > 0
                else (bisect.bisect_left(starts, point) - 1)
            )
            index %= len(starts)
        self._select(self.open_suggestions[index])

    def _select(self, suggestion: Suggestion) -> None:
        self.current_suggestion = suggestion
        start, end = suggestion.content[0]
        self.view.select_range((start, end))
        self._update_status()

    # --- accepting and rejecting --------------------------------------------------------------

    def _chosen(self) -> Suggestion | None:
        if self.current_suggestion is None:
            self.notify("No suggestion selected: n selects the next one.", severity="warning")
        return self.current_suggestion

    def action_tag(self, number: int) -> None:
        """A digit on a selected suggestion accepts it as that claim type (its source, role,
        source and cue spans come along); anywhere else it tags the selection."""
        suggestion = self.current_suggestion
        types = self.corpus.schema.claim_types
        if suggestion is None or self.view.selection is None or number > len(types):
            super().action_tag(number)
            return
        self.action_accept_suggestion(types[number - 1].key)

    def action_accept_suggestion(self, claim_type: str | None = None) -> None:
        session = self._editable()
        suggestion = self._chosen()
        if session is None or suggestion is None:
            return
        article = session.article
        try:
            content = self._accepted_content(suggestion)
            source = _fragments(article, suggestion.source_spans)
            cue = _fragments(article, suggestion.cue_spans)
        except AnnotatorError as error:
            self.notify(str(error), severity="warning")
            return
        from annotator.tui.forms import ClaimFields

        def done(fields: ClaimFields | None) -> None:
            if fields is None:
                return
            self.current_suggestion = None
            self._add_claim(
                content, fields, "accept a suggestion", source_fragments=source,
                cue_fragments=cue, suggested=True,
            )  # fmt: skip

        known = {c.key for c in self.corpus.schema.claim_types}
        kind = claim_type or (
            suggestion.type if suggestion.type in known else self.corpus.schema.claim_types[0].key
        )
        fields = ClaimFields(kind, suggestion.source, suggestion.role)
        quote = " … ".join(f.quote for f in content)
        self.app.push_screen(self._form(quote, fields, "Accept suggestion"), done)

    def _accepted_content(self, suggestion: Suggestion) -> Fragments:
        """The suggestion's content, or the selection when the reviewer changed it first."""
        assert self.session is not None
        article = self.session.article
        selection = self.view.selection
        if selection is not None and selection != suggestion.content[0]:
            return article_fragments(article, *selection)
        return _fragments(article, suggestion.content)

    def action_reject_suggestion(self) -> None:
        session = self._editable()
        suggestion = self._chosen()
        if session is None or suggestion is None:
            return
        from annotator.suggest.suggester import source_words

        text = session.article.text
        quote = suggestion.quote(text)
        tags = reject_suggestion(session.tags, quote, source_words(suggestion, text))
        following = self._following(suggestion)
        self._apply(tags, "reject a suggestion")
        self.notify(f"Rejected “{clip(quote, 40)}” (u undoes).")
        if following is not None and following in self.open_suggestions:
            self._select(following)
        else:
            self.view.clear_selection()

    def _following(self, suggestion: Suggestion) -> Suggestion | None:
        index = self.open_suggestions.index(suggestion)
        rest = self.open_suggestions[index + 1 :]
        return rest[0] if rest else None


def _fragments(article: Article, spans: tuple[tuple[int, int], ...]) -> Fragments:
    return tuple(f for start, end in spans for f in article_fragments(article, start, end))
