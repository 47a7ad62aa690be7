"""The installed ``annotator`` command in a real terminal (tmux): tag, quit, read the YAML."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.storage.corpus import Corpus
from tests.conftest import SEED_RT

TMUX = shutil.which("tmux")
COMMAND = Path(sys.executable).parent / "annotator"
pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not COMMAND.exists(), reason="the annotator command is not installed"),
]


def tmux(socket: str, *args: str) -> subprocess.CompletedProcess[str]:
    assert TMUX is not None
    return subprocess.run([TMUX, "-L", socket, *args], capture_output=True, text=True, check=False)


def wait_for(predicate: object, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_type_a_complete_tag_and_quit(corpus: Corpus, tmp_path: Path) -> None:
    socket = f"annotator-test-{os.getpid()}"
    command = f"{COMMAND} --root {corpus.root} --reviewer alice annotate {SEED_RT}"
    env = {"ANNOTATOR_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm-256color"}
    tmux(
        socket,
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "-s",
        "e2e",
        *[f"-e{k}={v}" for k, v in env.items()],
        command,
    )
    try:
        screen = lambda: tmux(socket, "capture-pane", "-p", "-t", "e2e").stdout  # noqa: E731
        assert wait_for(lambda: "¶ 1/65" in screen()), screen()
        for keys in ["j"] * 9:
            tmux(socket, "send-keys", "-t", "e2e", keys)
        # Typed in one burst, as a fast typist or a paste would: the name must land in the form.
        tmux(socket, "send-keys", "-t", "e2e", "-l", "s2Alexander Okhrimenko")
        assert wait_for(lambda: "Alexander Okhrimenko" in screen()), screen()
        tmux(socket, "send-keys", "-t", "e2e", "Tab")
        tmux(socket, "send-keys", "-t", "e2e", "-l", "think tank president")
        tmux(socket, "send-keys", "-t", "e2e", "Enter")
        assert wait_for(lambda: "1 claims" in screen()), screen()
        tmux(socket, "send-keys", "-t", "e2e", "x")
        tmux(socket, "send-keys", "-t", "e2e", "q")
        assert wait_for(lambda: tmux(socket, "has-session", "-t", "e2e").returncode != 0), screen()
    finally:
        tmux(socket, "kill-server")
    tags = corpus.load_tags(corpus.load_article(SEED_RT), "alice").tags
    [claim] = tags.claims
    assert (
        claim.quote == "This is just a formal procedure, which, in fact, does not affect anything."
    )
    assert (claim.type, claim.source, claim.role) == (
        "analyst_opinion",
        "Alexander Okhrimenko",
        "think tank president",
    )
    assert [(r.paragraph, r.status) for r in tags.reviews] == [(10, "done")]


def test_tag_a_claim_mark_its_source_and_cue_by_search_and_export_them(
    corpus: Corpus, tmp_path: Path
) -> None:
    socket = f"annotator-spans-{os.getpid()}"
    command = f"{COMMAND} --root {corpus.root} --reviewer alice annotate {SEED_RT}"
    env = {"ANNOTATOR_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm-256color"}
    tmux(socket, "new-session", "-d", "-x", "100", "-y", "30", "-s", "e2e")
    tmux(socket, "send-keys", "-t", "e2e", " ".join(f"{k}={v}" for k, v in env.items()))
    tmux(socket, "send-keys", "-t", "e2e", "-l", f" {command}")
    tmux(socket, "send-keys", "-t", "e2e", "Enter")

    def keys(*sent: str) -> None:
        for key in sent:
            tmux(socket, "send-keys", "-t", "e2e", key)
            time.sleep(0.05)

    def typed(text: str) -> None:
        tmux(socket, "send-keys", "-t", "e2e", "-l", text)
        time.sleep(0.1)

    try:
        screen = lambda: tmux(socket, "capture-pane", "-p", "-t", "e2e").stdout  # noqa: E731
        assert wait_for(lambda: "¶ 1/65" in screen()), screen()
        keys("/")
        typed("the adoption")
        keys("Enter")
        assert wait_for(lambda: "selected 12 chars" in screen()), screen()
        typed(")")  # on to the end of the clause: "… in the alliance."
        keys("2")
        assert wait_for(lambda: "New claim" in screen()), screen()
        keys("Enter")
        assert wait_for(lambda: "1 claims" in screen()), screen()
        keys("/")
        typed("Okhrim")
        keys("Enter")
        assert wait_for(lambda: "selected 10 chars" in screen()), screen()
        keys("S")
        assert wait_for(lambda: "Source added" in screen()), screen()
        keys("/")
        typed("noted in")
        keys("Enter", "S-Left", "C")
        assert wait_for(lambda: "Cue added" in screen()), screen()
        keys("q")
        assert wait_for(lambda: "$" in screen().splitlines()[-1] or "#" in screen()), screen()
    finally:
        tmux(socket, "kill-server")
    out = tmp_path / "out.jsonl"
    export = [str(COMMAND), "--root", str(corpus.root), "--reviewer", "alice", "export"]
    subprocess.run([*export, "--format", "jsonl", "-o", str(out)], check=True, env=os.environ)
    [claim] = [
        r
        for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())
        if r["record"] == "claim"
    ]
    text = corpus.load_article(SEED_RT).text
    assert claim["quote"].startswith("the adoption") and claim["quote"].endswith("the alliance.")
    assert [f["quote"] for f in claim["source_fragments"]] == ["Okhrimenko"]
    assert [f["quote"] for f in claim["cue_fragments"]] == ["noted"]
    for name in ("fragments", "source_fragments", "cue_fragments"):
        for piece in claim[name]:
            assert text[piece["start"] : piece["end"]] == piece["quote"]
    assert claim["source"] == "Okhrimenko" and claim["type"] == "analyst_opinion"
