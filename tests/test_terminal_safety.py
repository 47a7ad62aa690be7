"""What is shown on a terminal never obeys control characters or markup from files; what is
written to files and pipes stays exact."""

from __future__ import annotations

import io
import sys

import pytest
from rich.console import Console

from annotator.cli import main
from annotator.editing import add_claim, make_claim, set_article_tags
from annotator.model import ArticleTags, TagFile
from annotator.reports.profile import article_report
from annotator.reports.render import rich_report
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT

OSC_TITLE = "\x1b]0;pwned\x07"
MARKUP = "[link=https://evil.example]click[/link][blink]x[/blink]"


def hostile_tags(corpus: Corpus) -> TagFile:
    article = corpus.load_article(SEED_RT)
    tags = TagFile(SEED_RT, "alice", article.text_hash)
    claim = make_claim(tags, article, 2, 0, 4, "unattributed", source=OSC_TITLE + MARKUP)
    tags = add_claim(tags, claim)
    return set_article_tags(tags, ArticleTags(outlet=OSC_TITLE + "RT"))


def test_the_rich_report_shows_markup_literally_and_controls_visibly(corpus: Corpus) -> None:
    tags = hostile_tags(corpus)
    report = article_report(SEED_RT, "t", tags, corpus.schema, "alice")
    out = io.StringIO()
    Console(file=out, width=200, force_terminal=True, color_system=None).print(
        rich_report([report])
    )
    shown = out.getvalue()
    assert "\x1b]" not in shown and "\x07" not in shown
    assert "␛]0;pwned␇" in shown and "[link=https://evil.example]" in shown


@pytest.mark.parametrize(("command", "fmt"), [("report", "markdown"), ("export", "csv")])
def test_stdout_on_a_terminal_shows_controls_visibly_but_pipes_get_exact_data(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    command: str, fmt: str,
) -> None:  # fmt: skip
    corpus.save_tags(hostile_tags(corpus), None)
    argv = ["--root", str(corpus.root), "--reviewer", "alice", command, "--format", fmt]
    assert main(argv) == 0
    piped = capsys.readouterr().out
    assert OSC_TITLE in piped  # into a pipe or file: exact
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(argv) == 0
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "\x07" not in shown and "␛]0;pwned␇" in shown
