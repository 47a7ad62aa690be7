"""A Label Studio round trip keeps the article tags and claim times; JSON-MIN imports too."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.model import ArticleTags
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT, sample_tags


def test_round_trip_with_replace_keeps_article_tags_and_times(
    corpus: Corpus, tmp_path: Path
) -> None:
    article = corpus.load_article(SEED_RT)
    tags = sample_tags(article, "alice")
    tags = replace(
        tags,
        article_tags=ArticleTags("RT", "state_affiliated", (), ("one_sided_sourcing",), "n"),
        claims=tuple(
            replace(c, created="2025-05-05T05:05:05Z", modified="2025-06-06T06:06:06Z")
            for c in tags.claims
        ),
    )
    corpus.save_tags(tags, None)
    common = ("--root", str(corpus.root), "--reviewer", "alice")
    out = tmp_path / "ls"
    assert main([*common, "export", "--format", "labelstudio", "-o", str(out)]) == 0
    tasks = out / "tasks.json"
    assert main([*common, "import", "--format", "labelstudio", "--replace", str(tasks)]) == 0
    back = corpus.load_tags(article, "alice").tags
    assert back.article_tags == tags.article_tags
    assert [(c.id, c.created, c.modified) for c in back.claims] == [
        (c.id, c.created, c.modified) for c in tags.claims
    ]


def test_json_min_exports_import_and_a_missing_text_is_one_line(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = corpus.load_article(SEED_RT)
    quote = "This was reported"
    start = article.text.index(quote)
    label = {"start": start, "end": start + len(quote), "text": quote, "labels": ["unattributed"]}
    rows = [{"id": 1, "text": article.text, "article": SEED_RT, "label": [label]}]
    path = tmp_path / "min.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    common = ("--root", str(corpus.root), "--reviewer", "alice", "import", "--format")
    assert main([*common, "labelstudio", str(path)]) == 0
    [claim] = corpus.load_tags(article, "alice").tags.claims
    assert claim.quote == quote
    path.write_text(json.dumps([{"id": 1, "label": [label]}]), encoding="utf-8")
    assert main([*common, "labelstudio", "--replace", str(path)]) == 2
    err = capsys.readouterr().err
    assert "task 1 has no 'text' field" in err and "KeyError" not in err
