"""Tagging: a claim from the selection, paragraph marks, the article's source-bias tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from annotator.editing import add_claim, make_claim, set_article_tags, set_status
from annotator.tui.selecting import SelectionActions

if TYPE_CHECKING:
    from annotator.tui.forms import ClaimFields, ClaimForm

# One binding per digit; the footer shows them as one entry, the palette names each type.
TAG_BINDINGS: list[BindingType] = [
    Binding(str(n), f"tag({n})", "Tag", show=n == 1, key_display="1-9" if n == 1 else None)
    for n in range(1, 10)
]


MARK_BINDINGS: list[BindingType] = [
    Binding("x", "mark('done')", "Done", tooltip="Mark the paragraph done (again: unmark)"),
    Binding(
        "b",
        "mark('skipped')",
        "Skip (boilerplate)",
        show=False,
        tooltip="Mark the paragraph skipped, as boilerplate (again: unmark)",
    ),
    Binding(
        "t",
        "article_tags",
        "Article tags",
        tooltip="Article tags: outlet, outlet type, stance, bias indicators, note",
    ),
]


class TaggingActions(SelectionActions):
    def _sources(self) -> tuple[list[str], list[str]]:
        claims = self.session.tags.claims if self.session else ()
        sources = sorted({c.source for c in claims if c.source}, key=str.casefold)
        roles = sorted({c.role for c in claims if c.role}, key=str.casefold)
        return sources, roles

    def action_tag(self, number: int) -> None:
        session = self._editable()
        view = self.view
        if session is None or view.paragraph is None:
            return
        types = self.corpus.schema.claim_types
        if number > len(types):
            self.notify(
                f"The schema has {len(types)} claim types; there is no type {number}.",
                severity="warning",
            )
            return
        span = self._span_to_tag()
        if span is None:
            self.notify("This paragraph has no text to tag.", severity="warning")
            return
        from annotator.tui.forms import ClaimFields

        paragraph = view.paragraph
        start, end = span

        def done(fields: ClaimFields | None) -> None:
            if fields is None or self.session is None:
                return
            tags = self.session.tags
            claim = make_claim(
                tags,
                self.session.article,
                paragraph.number,
                start,
                end,
                fields.type,
                **claim_details(fields),
            )
            self._apply(add_claim(tags, claim), "tag a claim")
            view.clear_selection()

        form = self._form(
            paragraph.text[start:end], ClaimFields(types[number - 1].key), "New claim"
        )
        self.app.push_screen(form, done)

    def _form(self, quote: str, fields: ClaimFields, title: str) -> ClaimForm:
        """The claim form, built once per screen and refilled for each claim."""
        from annotator.tui.forms import ClaimForm

        sources, roles = self._sources()
        if self._claim_form is None:
            self._claim_form = ClaimForm(self.corpus.schema, quote, fields, sources, roles, title)
            # Installed, so closing it keeps its widgets for the next claim.
            self.app.install_screen(self._claim_form, f"claim-form-{id(self)}")
        else:
            self._claim_form.prepare(quote, fields, sources, roles, title)
        return self._claim_form

    def action_mark(self, status: str) -> None:
        session = self._editable()
        paragraph = self.view.paragraph
        if session is None or paragraph is None:
            return
        current = session.tags.status_of(paragraph.number)
        new = None if current == status else status
        label = f"mark ¶ {paragraph.number} {new}" if new else f"unmark ¶ {paragraph.number}"
        self._apply(set_status(session.tags, session.article, paragraph.number, new), label)

    def action_article_tags(self) -> None:
        session = self._editable()
        if session is None:
            return
        from annotator.model import ArticleTags
        from annotator.tui.forms import ArticleTagsForm

        def done(article_tags: ArticleTags | None) -> None:
            if article_tags is not None and self.session is not None:
                self._apply(
                    set_article_tags(self.session.tags, article_tags), "change article tags"
                )

        outlets = [session.tags.article_tags.outlet] if session.tags.article_tags.outlet else []
        form = ArticleTagsForm(self.corpus.schema, session.tags.article_tags, outlets)
        self.app.push_screen(form, done)


def claim_details(fields: ClaimFields) -> dict[str, str]:
    return {
        "source": fields.source,
        "role": fields.role,
        "stance": fields.stance,
        "target": fields.target,
        "note": fields.note,
    }
