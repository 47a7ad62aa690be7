"""The claim list: select, edit, delete a claim; attach an orphaned claim to new text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from annotator.editing import article_fragments, delete_claim, update_claim
from annotator.errors import AnnotatorError
from annotator.model import Claim
from annotator.tui.claim_list import ClaimList
from annotator.tui.suggesting import SuggestionActions
from annotator.tui.tagging import claim_details

if TYPE_CHECKING:
    from annotator.tui.forms import ClaimFields

CLAIM_LIST_BINDINGS: list[BindingType] = [
    Binding(
        "tab",
        "toggle_claims",
        "Claim list",
        show=False,
        tooltip="Move to the claim list and back",
    ),
]


class ClaimActions(SuggestionActions):
    def action_toggle_claims(self) -> None:
        claims = self.query_one(ClaimList)
        if self.focused is claims:
            self.view.focus()
        else:
            claims.focus()
            if claims.highlighted is None and claims.option_count:
                claims.highlighted = 0

    def _claim(self, claim_id: str) -> Claim | None:
        if self.session is None:
            return None
        return next((c for c in self.session.tags.claims if c.id == claim_id), None)

    def on_claim_list_action(self, message: ClaimList.Action) -> None:
        claim = self._claim(message.claim_id)
        session = self._editable()
        if claim is None or session is None:
            return
        if message.kind == "delete":
            self._apply(delete_claim(session.tags, claim.id), "delete a claim")
            self.notify("Claim deleted (u undoes).")
        elif message.kind == "edit":
            self._edit(claim)
        elif message.kind == "select":
            if claim.orphaned:
                self._attach_orphan(claim)
            else:
                self.current_claim_id = claim.id
                first = claim.fragments[0]
                self.view.go_to(first.paragraph - 1, select=(first.start, first.end))
                self.view.focus()

    def _edit(self, claim: Claim) -> None:
        from annotator.tui.forms import ClaimFields

        initial = ClaimFields(
            claim.type, claim.source, claim.role, claim.stance, claim.target, claim.note
        )

        def done(fields: ClaimFields | None) -> None:
            if fields is None or self.session is None:
                return
            self._apply(
                update_claim(
                    self.session.tags, claim.id, type=fields.type, **claim_details(fields)
                ),
                "edit a claim",
            )

        self.app.push_screen(self._form(claim.quote, initial, "Edit claim"), done)

    def _attach_orphan(self, claim: Claim) -> None:
        """Attach an orphaned claim to the current selection."""
        view, session = self.view, self.session
        if session is None or view.selection is None:
            self.notify(
                "Select the text this orphaned claim belongs to, then press enter on it.",
                severity="warning",
            )
            return
        try:
            fragments = article_fragments(session.article, *view.selection)
        except AnnotatorError as error:
            self.notify(str(error), severity="warning")
            return
        tags = update_claim(session.tags, claim.id, fragments=fragments)
        self._apply(tags, "attach an orphaned claim")
        view.clear_selection()
        view.focus()
