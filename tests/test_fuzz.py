"""Seeded fuzzing of tag files and import files: whatever the bytes, one clear line per problem
naming the file, exit 1 or 2, no traceback, nothing written."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.storage.corpus import Corpus
from annotator.storage.tagfile import serialize
from tests.conftest import SEED_RT, sample_tags

SEED = 20261202
TAG_CASES = 600
IMPORT_CASES = 400
NASTY_VALUES = [
    "[official_statement]", "{a: 1}", "1e400", ".inf", "-1", "&a x", "*a",
    "!!python/object:os.system", "'", '"\\x00"', "null", "~", "9" * 40, "\t", "<<: {}", "? x",
    "[]", "{}", "true", "2026-13-45",
    "|\n  block", "'\u2028'", "\u0085", "\x00", "- - -", ": :", "@", "`", "%YAML 1.1",
]  # fmt: skip
NASTY_JSON = [
    "Infinity", "-Infinity", "NaN", "1e400", "-5", "null", "[]", "{}", '"x"', "true", "[" * 5000,
    "9" * 400, '"\\ud800"',
]  # fmt: skip


def _mutate_lines(rng: random.Random, text: str, values: list[str]) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        index = rng.randrange(len(lines))
        action = rng.randrange(6)
        if action == 0:
            del lines[index]
        elif action == 1:
            lines.insert(index, lines[rng.randrange(len(lines))])
        elif action == 2 and ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            lines[index] = f"{key}: {rng.choice(values)}"
        elif action == 3:
            lines[index] = " " * rng.randint(0, 5) + lines[index].lstrip()
        elif action == 4:
            lines.insert(index, rng.choice(values))
        else:
            j = rng.randrange(len(lines))
            lines[index], lines[j] = lines[j], lines[index]
    return "\n".join(lines)


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    choice = rng.randrange(3)
    if choice == 0 and data:
        return data[: rng.randrange(len(data))]  # truncated
    if choice == 1 and data:
        position = rng.randrange(len(data))
        junk = bytes(rng.choice([0, 0xFF, 0xC3, 0x1B, 0x0A, 0x3A, 0x26]) for _ in range(3))
        return data[:position] + junk + data[position:]
    return data


def _files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_fuzzed_tag_files_are_one_line_problems(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(SEED)
    base = serialize(sample_tags(corpus.load_article(SEED_RT))).decode("utf-8")
    path = corpus.tag_path(SEED_RT, "alice")
    path.parent.mkdir(parents=True, exist_ok=True)
    for case in range(TAG_CASES):
        text = _mutate_lines(rng, base, NASTY_VALUES)
        data = _mutate_bytes(rng, text.encode("utf-8")) if rng.random() < 0.3 else text.encode()
        path.write_bytes(data)
        before = _files(corpus.root)
        code = main(["--root", str(corpus.root), "validate"])
        out, err = capsys.readouterr()
        assert code in (0, 1), (case, data[:200], out, err)
        assert _files(corpus.root) == before, case  # reading never writes
        if code == 1:
            problems = [line for line in out.splitlines() if "alice.yaml" in line]
            assert problems, (case, out, err)
            assert all(line.count("\n") == 0 for line in problems)
        assert "Traceback" not in out + err


def test_fuzzed_import_files_are_one_line_errors_and_write_nothing(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(SEED + 1)
    article = corpus.load_article(SEED_RT)
    start = article.text.index("This is just")
    record = {
        "record": "claim", "article": SEED_RT, "id": "c1", "article_start": start,
        "article_end": start + 12, "quote": "This is just", "type": "analyst_opinion",
        "fragments": [{"start": start, "end": start + 12, "quote": "This is just"}],
    }  # fmt: skip
    jsonl = json.dumps(record) + "\n"
    brat = (
        f"T1\tContent {start} {start + 12}\tThis is just\nT2\tCue 0 7\tUkraine\n"
        "T3\tAttribution 0 7\tUkraine\nE1\tAttribution:T3 Content:T1 Cue:T2\n"
    )
    tag_path = corpus.tag_path(SEED_RT, "alice")
    for case in range(IMPORT_CASES):
        fmt = rng.choice(["jsonl", "brat"])
        if fmt == "jsonl":
            text = json.dumps(record)
            for _ in range(rng.randint(1, 2)):
                key = rng.choice([*record, "fragments"])
                text = text.replace(
                    json.dumps(key) + ": " + json.dumps(record.get(key)),
                    json.dumps(key) + ": " + rng.choice(NASTY_JSON),
                    1,
                )
            text = text + "\n" if rng.random() < 0.8 else _mutate_lines(rng, jsonl, NASTY_JSON)
        else:
            text = _mutate_lines(rng, brat, ["1 2", "a b", "-1 5", "5 1", "0 99999999", "\t"])
        data = _mutate_bytes(rng, text.encode("utf-8")) if rng.random() < 0.3 else text.encode()
        source = tmp_path / ("in.jsonl" if fmt == "jsonl" else f"{SEED_RT}--x.ann")
        source.write_bytes(data)
        if tag_path.exists():
            tag_path.unlink()
        before = _files(corpus.root)
        code = main(
            ["--root", str(corpus.root), "--reviewer", "alice", "import", "--format", fmt,
             "--article", SEED_RT, str(source)]
        )  # fmt: skip
        _out, err = capsys.readouterr()
        assert code in (0, 2), (case, data[:200], err)
        assert "Traceback" not in err
        if code == 2:
            assert _files(corpus.root) == before, (case, err)  # nothing written
            assert err.strip(), case
            assert source.name in err.splitlines()[0] or "nothing" in err, (case, err)
        else:
            assert tag_path.exists(), (case, err)  # exit 0 means something was imported
