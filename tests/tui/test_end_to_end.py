"""The installed ``annotator`` command in a real terminal (tmux): tag, quit, read the YAML."""

from __future__ import annotations

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
