"""Files within the byte limit that would still cost minutes and gigabytes: too many YAML values,
too many fragments in one span; and reports over files that validate refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import AnnotatorError
from annotator.storage import yamlio
from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT, sample_tags


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_file_of_millions_of_tiny_values_is_refused_at_its_line() -> None:
    # 31 MB of one-letter list items: under the byte limit, 16 million values to build.
    data = b"format: 2\nnote: x\nclaims:\n" + b"- a\n" * (31 * 1024 * 1024 // 4)
    with pytest.raises(AnnotatorError) as raised:
        yamlio.load_yaml(data, Path("bob.yaml"))
    problem = raised.value.problem
    assert "over 1,000,000 YAML values" in problem.message
    # counting stops at the value past the limit: one list item a line
    assert problem.line is not None and 999_000 < problem.line < 1_001_000
    assert "\n" not in str(raised.value)


def test_the_values_limit_counts_events_not_punctuation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_YAML_EVENTS", 50)
    # Hundreds of ':' and '-' in one quoted value: past the cheap bound, yet few events.
    quoted = b'format: 2\nnote: "' + b"a: - b, [c]; " * 200 + b'"\n'
    assert yamlio.load_yaml(quoted, Path("a.yaml"))["format"] == 2
    many = b"# edited by hand: not the shape the tool writes\nformat: 2\nclaims:\n" + b"- x\n" * 60
    with pytest.raises(AnnotatorError, match="over 50 YAML values") as raised:
        yamlio.load_yaml(many, Path("a.yaml"))
    assert raised.value.problem.line is not None and raised.value.problem.line > 40
    with pytest.raises(AnnotatorError, match="anchor"):
        yamlio.load_yaml(b"format: 2\nnote: &a x\n", Path("a.yaml"))


def test_validate_refuses_the_many_valued_tag_file_with_one_line(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus.tag_path(SEED_RT, "bob")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Past the lines the fast reader takes, so PyYAML's values limit applies.
    path.write_bytes(b"format: 2\nclaims:\n" + b"- a\n" * 2_100_000)
    code, out, err = run(capsys, "--root", str(corpus.root), "--no-cache", "validate")
    assert code == 1
    [line] = [text for text in (out + err).splitlines() if "bob.yaml" in text]
    assert "over 1,000,000 YAML values" in line and "Traceback" not in out + err


def test_a_huge_file_in_the_written_shape_lists_its_first_problems(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus.tag_path(SEED_RT, "bob")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"format: 2\nclaims:\n" + b"- a\n" * 1_100_000)
    code, out, err = run(capsys, "--root", str(corpus.root), "--no-cache", "validate")
    assert code == 1 and "Traceback" not in out + err
    lines = [text for text in (out + err).splitlines() if "bob.yaml" in text]
    assert len(lines) == 101 and "and at least 9,900 more problems" in lines[-1]


def _fragments(count: int) -> list[dict[str, object]]:
    return [{"start": 10 + i, "end": 11 + i, "quote": "x"} for i in range(count)]


def test_a_brat_span_of_too_many_fragments_is_refused_before_it_is_built(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ann = tmp_path / "a.ann"
    offsets = ";".join(f"{i} {i + 1}" for i in range(1_001))
    ann.write_text(f"T1\tofficial_statement {offsets}\tx\n", encoding="utf-8")
    common = ("--root", str(corpus.root), "--reviewer", "alice")
    code, out, err = run(
        capsys, *common, "import", "--format", "brat", "--article", SEED_RT, str(ann)
    )
    assert code == 2 and out == ""
    assert "a.ann:1:" in err and "1,001 fragments in one span (at most 1,000)" in err
    assert len(err.strip().splitlines()) == 1
    assert not corpus.tag_path(SEED_RT, "alice").exists()


def test_a_jsonl_claim_of_too_many_fragments_is_skipped_and_nothing_is_written(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {"article": SEED_RT, "type": "official_statement", "fragments": _fragments(1_001)}
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    common = ("--root", str(corpus.root), "--reviewer", "alice")
    code, _, err = run(capsys, *common, "import", "--format", "jsonl", str(source))
    assert code != 0 and "1,001 fragments in one span (at most 1,000)" in err
    assert "Traceback" not in err
    assert not corpus.tag_path(SEED_RT, "alice").exists()


@pytest.mark.parametrize("cached", [False, True])
def test_report_refuses_a_zero_byte_tag_file_like_validate(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], cached: bool
) -> None:
    common = ("--root", str(corpus.root), "--reviewer", "alice")
    if cached:  # a report cached while the file was absent must not hide the empty file
        assert run(capsys, *common, "report", SEED_RT)[0] == 0
    path = corpus.tag_path(SEED_RT, "alice")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    code, out, err = run(capsys, *common, "report", SEED_RT)
    assert code == 2 and out == ""
    assert "alice.yaml" in err and len(err.strip().splitlines()) == 1
    assert run(capsys, *common, "--no-cache", "validate")[0] == 1


def test_report_refuses_an_empty_article(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    article = corpus.load_article(SEED_RT)
    corpus.save_tags(sample_tags(article, "alice"), None)
    (corpus.root / "seeds" / f"{SEED_RT}.txt").write_text("  \n\n", encoding="utf-8")
    code, out, err = run(capsys, "--root", str(corpus.root), "--reviewer", "alice", "report")
    assert code == 2 and out == ""
    assert "the article is empty" in err and len(err.strip().splitlines()) == 1


def test_a_file_wrong_everywhere_lists_its_first_problems_and_how_many_more(
    corpus: Corpus,
) -> None:
    from annotator.errors import InvalidFileError

    path = corpus.tag_path(SEED_RT, "alice")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"format: 2\nclaims:\n" + b"- a\n" * 150)
    with pytest.raises(InvalidFileError) as raised:
        corpus.load_tags(corpus.load_article(SEED_RT), "alice")
    problems = raised.value.problems
    assert len(problems) == 101
    assert problems[99].line is not None and problems[99].line > 90
    assert "and 53 more problems" in problems[-1].message  # 150 claims and 3 header fields
