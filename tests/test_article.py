from __future__ import annotations

from pathlib import Path

import pytest

from annotator.article import ParagraphKind, classify, load_article, parse_article, split_paragraphs
from annotator.errors import AnnotatorError
from tests.conftest import REPO, SEED_NV, SEED_RT


def test_paragraphs_are_blocks_between_blank_lines_numbered_from_one() -> None:
    article = parse_article("a", "Title here\n\nFirst para.\nSame para.\n\n\n  \nSecond para.\n")
    assert [p.number for p in article.paragraphs] == [1, 2, 3]
    assert [p.text for p in article.paragraphs] == [
        "Title here",
        "First para.\nSame para.",
        "Second para.",
    ]
    assert article.text == "Title here\n\nFirst para.\nSame para.\n\nSecond para."


def test_bom_and_crlf_give_the_same_paragraphs_as_lf() -> None:
    plain = parse_article("a", "Title\n\nBody text.\n")
    windows = parse_article("a", "\ufeffTitle\r\n\r\nBody text.\r\n")
    old_mac = parse_article("a", "Title\r\rBody text.\r")
    assert plain.paragraphs == windows.paragraphs == old_mac.paragraphs
    assert plain.text_hash == windows.text_hash


def test_lines_are_stripped_but_inner_spaces_kept() -> None:
    assert split_paragraphs("  a  b \t\n\t c\n") == ["a  b\nc"]


def test_paragraph_hash_is_short_stable_and_content_based() -> None:
    one = parse_article("a", "Same text\n\nOther")
    two = parse_article("b", "Intro\n\nSame text")
    assert one.paragraph(1).hash == two.paragraph(2).hash
    assert one.paragraph(1).hash != one.paragraph(2).hash
    assert len(one.paragraph(1).hash) == 12


def test_paragraph_starts_index_the_joined_text() -> None:
    article = parse_article("a", "One\n\nTwo two\n\nThree")
    for paragraph, start in zip(article.paragraphs, article.paragraph_starts, strict=True):
        assert article.text[start : start + len(paragraph.text)] == paragraph.text


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("ua en ru", ParagraphKind.LANGUAGES),
        ("EN | DE | FR", ParagraphKind.LANGUAGES),
        ("• RIA News", ParagraphKind.CAPTION),
        ("• © Mikhail Palinchak", ParagraphKind.CREDIT),
        ("© Reuters", ParagraphKind.CREDIT),
        ("Photo: Getty Images", ParagraphKind.CREDIT),
        ("Author: Daria Shekina", ParagraphKind.BYLINE),
        ("By Jane Doe", ParagraphKind.BYLINE),
        ("He is in", ParagraphKind.CONTENT),
        ("By 2030, NATO will have grown.", ParagraphKind.CONTENT),
        ("Ukraine applied for NATO membership.", ParagraphKind.CONTENT),
    ],
)
def test_boilerplate_lines_are_recognised(line: str, kind: ParagraphKind) -> None:
    assert classify(line) is kind


def test_a_block_is_boilerplate_only_when_every_line_is() -> None:
    assert (
        classify("Photo caption text (Photo: Getty Images)\nAuthor: Daria Shekina")
        is ParagraphKind.CAPTION
    )
    assert classify("• RIA News\nThe minister said NATO would expand.") is ParagraphKind.CONTENT


def test_seed_boilerplate_is_marked_not_dropped_and_first_content_is_title() -> None:
    nv = load_article(REPO / "seeds" / f"{SEED_NV}.txt")
    assert nv.paragraph(1).kind is ParagraphKind.LANGUAGES
    assert nv.paragraph(2).kind is ParagraphKind.TITLE
    assert nv.title == "Ukraine and NATO to modernize defense procurement processes"
    assert nv.paragraph(3).kind is ParagraphKind.CAPTION
    rt = load_article(REPO / "seeds" / f"{SEED_RT}.txt")
    assert rt.paragraph(1).kind is ParagraphKind.TITLE
    kinds = {p.text: p.kind for p in rt.paragraphs}
    assert kinds["• RIA News"] is ParagraphKind.CAPTION
    assert kinds["• © Mikhail Palinchak"] is ParagraphKind.CREDIT
    assert len(rt.reviewable) == len(rt.paragraphs) - 8


def test_not_utf8_is_a_clear_error_with_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Title\n\nCaf\xe9 au lait\n")
    with pytest.raises(AnnotatorError) as caught:
        load_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:3: not valid UTF-8")
    assert "convert" in message


def test_empty_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="empty"):
        load_article(path)


def test_folder_and_missing_file_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(AnnotatorError, match="a folder, not a file"):
        load_article(folder)
    with pytest.raises(AnnotatorError, match="no such article"):
        load_article(tmp_path / "missing.txt")
