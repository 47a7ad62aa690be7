"""The focused paragraph's claims, and any orphaned claims, as a list to act on."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from annotator.display import clip, safe_text
from annotator.model import Claim
from annotator.schema import Schema
from annotator.styles import claim_styles


class ClaimList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit claim"),
        Binding("d", "delete", "Delete claim"),
        Binding("enter", "select_span", "Select span / attach orphan"),
    ]

    class Action(Message):
        def __init__(self, kind: str, claim_id: str) -> None:
            super().__init__()
            self.kind = kind  # "edit", "delete" or "select"
            self.claim_id = claim_id

    def __init__(self, schema: Schema, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.schema = schema
        self.styles_by_type = claim_styles(schema)
        self._shown: tuple[tuple[Claim, ...], tuple[Claim, ...]] | None = None
        # Colleagues' comments on this reviewer's claims: claim id -> (author, text).
        self.comments: dict[str, list[tuple[str, str]]] = {}

    def show_claims(
        self, paragraph: int, claims: tuple[Claim, ...], orphans: tuple[Claim, ...]
    ) -> None:
        if self._shown == (claims, orphans) and self.border_title == f"Claims in ¶ {paragraph}":
            return
        self._shown = (claims, orphans)
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option] = [Option(self._label(c), id=c.id) for c in claims]
        if not claims:
            options.append(
                Option(
                    Text("No claims here: select text, then press 1–9.", style="dim"), disabled=True
                )
            )
        for claim in orphans:
            label = Text("⚠ orphaned ", style="yellow bold")
            label.append_text(self._label(claim))
            options.append(Option(label, id=claim.id))
        self.set_options(options)
        self.border_title = f"Claims in ¶ {paragraph}"
        self.border_subtitle = f"{len(orphans)} orphaned" if orphans else ""
        ids = [o.id for o in options]
        if highlighted in ids:
            self.highlighted = ids.index(highlighted)

    def _label(self, claim: Claim) -> Text:
        choice = self.schema.claim_type(claim.type)
        label = Text()
        label.append(
            choice.label if choice else claim.type, style=self.styles_by_type.get(claim.type, "")
        )
        if claim.source_label():
            label.append(f" · {safe_text(clip(claim.source_label(), 30))}")
        if claim.cue_fragments:
            label.append(f" · cue “{safe_text(clip(claim.cue_quote, 20))}”", style="italic")
        if len(claim.paragraphs) > 1:
            label.append(f" · ¶{claim.paragraphs[0]}–{claim.paragraphs[-1]}", style="dim")
        if claim.stance:
            label.append(
                f" · {claim.stance}" + (f" {claim.target}" if claim.target else ""), style="italic"
            )
        label.append(f" · “{safe_text(clip(claim.quote, 50))}”", style="dim")
        for author, text in self.comments.get(claim.id, []):
            label.append(f"\n  💬 {author}: ", style="bold magenta")
            label.append(safe_text(clip(text, 200)))
        return label

    def set_comments(self, comments: dict[str, list[tuple[str, str]]]) -> None:
        self.comments = comments
        self._shown = None  # draw again with the comments

    def _current(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None and not option.disabled else None

    def _post(self, kind: str) -> None:
        claim_id = self._current()
        if claim_id:
            self.post_message(self.Action(kind, claim_id))

    def action_edit(self) -> None:
        self._post("edit")

    def action_delete(self) -> None:
        self._post("delete")

    def action_select_span(self) -> None:
        self._post("select")
