"""Claim styles: content, source and cue stay apart, with colour and without (NO_COLOR)."""

from __future__ import annotations

import pytest

from annotator.schema import Schema
from annotator.styles import claim_styles, part_style


@pytest.mark.parametrize("colour", [True, False])
def test_content_source_and_cue_differ_in_more_than_colour(colour: bool) -> None:
    styles = claim_styles(Schema(), colour=colour)
    for style in styles.values():
        parts = {part: part_style(style, part) for part in ("content", "source", "cue")}
        looks = {(s.bold, s.italic, s.underline) for s in parts.values()}
        assert len(looks) == 3  # told apart by weight, slant and underline alone
        assert all((s.color is not None) == colour for s in parts.values())


def test_no_color_gives_full_contrast_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    for style in claim_styles(Schema()).values():
        assert style.color is None and style.bold and style.underline and not style.dim
