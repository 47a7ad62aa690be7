"""The jsonl and CSV exports as pandas reads them: one table each, integer offsets, no NaN
where a claim has a value, the CSV's BOM not in the first column's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT
from tests.test_exchange import export

pandas = pytest.importorskip("pandas")


def test_jsonl_claims_and_articles_are_two_clean_tables(tagged: Corpus, tmp_path: Path) -> None:
    export(tagged, "jsonl", tmp_path / "out.jsonl")
    claims = pandas.read_json(tmp_path / "out.jsonl", lines=True)
    articles = pandas.read_json(tmp_path / "out.articles.jsonl", lines=True)
    assert len(claims) == len(tagged.load_tags(tagged.load_article(SEED_RT), "alice").tags.claims)
    for column in ("paragraph", "start", "end", "article_start", "article_end"):
        assert str(claims[column].dtype) == "int64", column
    assert not claims[["id", "type", "quote", "article_start"]].isna().any().any()
    assert list(articles["article"]) == [SEED_RT]
    text = tagged.load_article(SEED_RT).text
    for row in claims.itertuples():
        first = row.fragments[0]
        assert text[first["start"] : first["end"]] == first["quote"]


def test_csv_reads_with_its_bom_and_integer_offsets(tagged: Corpus, tmp_path: Path) -> None:
    export(tagged, "csv", tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    table = pandas.read_csv(tmp_path / "out.csv", encoding="utf-8-sig")
    assert table.columns[0] == "article"
    assert str(table["article_start"].dtype) == "int64"
    assert set(table["suggested"]) <= {False, True}
