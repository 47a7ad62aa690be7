"""Tagging: a claim from the selection, paragraph marks, the article's source-bias tags."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType

from annotator.display import clip
from annotator.editing import (
    PARTS,
    add_claim,
    article_fragments,
    claim_of,
    replace_fragment,
    set_article_tags,
    set_status,
    toggle_span,
)
from annotator.errors import AnnotatorError
from annotator.model import Claim, Fragments, joined_quote, shared_length
from annotator.tui.selecting import SelectionActions

if TYPE_CHECKING:
    from annotator.tui.forms import ClaimFields, ClaimForm

# One binding per digit; the footer shows them as one entry, the palette names each type.
TAG_BINDINGS: list[BindingType] = [
    Binding(str(n), f"tag({n})", "Tag", show=n == 1, key_display="1-9" if n == 1 else None)
    for n in range(1, 10)
]


SPAN_BINDINGS: list[BindingType] = [
    Binding(
        "S",
        "mark_span('source')",
        "Source",
        tooltip="Mark the selection as the current claim's source span (again: remove); with "
        "nothing selected, the words the claim's cue names; fills an empty source name",
    ),
    Binding(
        "C",
        "mark_span('cue')",
        "Cue",
        tooltip="Mark the selection as the current claim's cue (again: remove); with nothing "
        "selected, the reporting words (said, noted, according to, …) nearest to its content",
    ),
    Binding(
        "plus",
        "mark_span('content')",
        "Add fragment",
        show=False,
        key_display="+",
        tooltip="Add the selection to the current claim's content: the quote goes on here "
        "(again: remove)",
    ),
    Binding(
        "E",
        "replace_span",
        "Change span",
        show=False,
        tooltip="Change the current claim's span the selection overlaps (content fragment, "
        "source or cue) to the selection",
    ),
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
        """Names and roles to offer: this article's first, then the whole corpus' (every
        reviewer's tags, read once in the background), most used first."""
        claims = self.session.tags.claims if self.session else ()
        here_sources = sorted({c.source for c in claims if c.source}, key=str.casefold)
        here_roles = sorted({c.role for c in claims if c.role}, key=str.casefold)
        names = self.corpus_names
        sources = list(dict.fromkeys([*here_sources, *names.sources]))
        roles = list(dict.fromkeys([*here_roles, *names.roles]))
        return sources, roles

    def _previous_fields(self) -> ClaimFields | None:
        """The source, role and stance of the claim tagged last (the form's ctrl+r)."""
        from annotator.tui.forms import ClaimFields

        claims = self.session.tags.claims if self.session else ()
        if not claims:
            return None
        last = max(claims, key=lambda c: (c.created, c.modified))
        return ClaimFields(last.type, last.source, last.role, last.stance, last.target)

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
        try:
            fragments = article_fragments(session.article, *span)
        except AnnotatorError as error:
            self.notify(str(error), severity="warning")
            return
        from annotator.tui.forms import ClaimFields

        def done(fields: ClaimFields | None) -> None:
            if fields is not None:
                self._add_claim(fragments, fields, "tag a claim")

        form = self._form(joined_quote(fragments), ClaimFields(types[number - 1].key), "New claim")
        self.app.push_screen(form, done)

    def _add_claim(self, content: Fragments, fields: ClaimFields, label: str, **parts: Any) -> None:
        """A new claim from the claim form's fields (``parts``: its source and cue spans, the
        suggested mark), made the current claim."""
        if self.session is None:
            return
        tags = self.session.tags
        claim = claim_of(tags, content, fields.type, **parts, **claim_details(fields))
        self._apply(add_claim(tags, claim), label)
        self.current_claim_id = claim.id
        self.view.clear_selection()

    # --- the current claim's spans ------------------------------------------------------------

    def _current(self) -> Claim | None:
        return self._current_claim()

    def _selected_fragments(self) -> Fragments | None:
        """The selection (else the word under the cursor) as fragments of the article."""
        view, session = self.view, self.session
        span = view.selection or view.word_under_cursor()
        if session is None or span is None:
            return None
        try:
            return article_fragments(session.article, *span)
        except AnnotatorError as error:
            self.notify(str(error), severity="warning")
            return None

    def action_mark_span(self, part: str) -> None:
        """Attach the selection to the current claim as its source, cue or a further content
        fragment; the same text again removes it."""
        session = self._editable()
        claim = self._current()
        if session is None:
            return
        if claim is None:
            self.notify(
                "No current claim: tag one (1-9) or pick one in the claim list (tab, enter).",
                severity="warning",
            )
            return
        if self.view.selection is None and part in ("source", "cue"):
            fragments = self._found_span(claim, part)
        else:
            fragments = self._selected_fragments()
        if not fragments:
            return
        try:
            tags = toggle_span(session.tags, claim.id, part, fragments)
        except AnnotatorError as error:
            self.notify(str(error), severity="warning")
            return
        updated = next(c for c in tags.claims if c.id == claim.id)
        before = {f.position() for f in getattr(claim, PARTS[part])}
        added = {f.position() for f in getattr(updated, PARTS[part])} - before
        what = {"source": "source", "cue": "cue", "content": "content fragment"}[part]
        self._apply(tags, f"{'mark' if added else 'remove'} a {what}")
        self.view.clear_selection()
        self.notify(
            f"{what.capitalize()} {'added' if added else 'removed'}: "
            f"“{clip(joined_quote(fragments), 50)}”."
        )

    def _found_span(self, claim: Claim, part: str) -> Fragments | None:
        """With nothing selected, the claim's cue (or the source it names) found by rule, or
        the one it already has (so that the key again removes it)."""
        from annotator.attribution import find_cue, find_source
        from annotator.exchange.placement import Tagged

        session = self.session
        assert session is not None
        marked: Fragments = claim.cue_fragments if part == "cue" else claim.source_fragments
        if marked:
            return marked
        article = session.article
        text = article.text
        paragraphs = [
            (base, base + len(p.text))
            for base, p in zip(article.paragraph_starts, article.paragraphs, strict=True)
        ]
        content = [Tagged(article, session.tags).offsets(f) for f in claim.fragments]
        # A cue the reviewer marked decides where the source is; else the one found.
        if claim.cue_fragments:
            cue: tuple[int, int] | None = Tagged(article, session.tags).offsets(
                claim.cue_fragments[0]
            )
        else:
            cue = find_cue(text, paragraphs, content)
        span = cue if part == "cue" or cue is None else find_source(text, paragraphs, content, cue)
        if span is None:
            self.notify(
                f"No {part} found near this claim: select it, then press {part[0].upper()}.",
                severity="warning",
            )
            return None
        return article_fragments(article, *span)

    def action_replace_span(self) -> None:
        """Change the current claim's span that the selection overlaps most (content fragment,
        source or cue) to the selection."""
        session = self._editable()
        claim = self._current()
        if session is None or claim is None:
            if session is not None:
                self.notify("No current claim to change.", severity="warning")
            return
        fragments = self._selected_fragments()
        if not fragments:
            return
        overlap = [(shared_length((f,), fragments), part, f) for part, f in claim.all_fragments()]
        best = max(overlap, key=lambda item: item[0], default=None)
        if best is None or best[0] == 0:
            self.notify(
                "Select text overlapping the span to change (content, source or cue).",
                severity="warning",
            )
            return
        _, part, old = best
        self._apply(
            replace_fragment(session.tags, claim.id, part, old, fragments), f"change a {part} span"
        )
        self.view.clear_selection()
        self.notify(f"The {part} span now reads “{clip(joined_quote(fragments), 50)}”.")

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
        self._claim_form.previous = self._previous_fields()
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
