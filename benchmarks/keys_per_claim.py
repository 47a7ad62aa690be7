"""Keys a reviewer needs to tag the seed example claims: content, source, cue and type.

Run: python benchmarks/keys_per_claim.py (bench_tui.py runs it too).
Target: a median of at most 12 keys per claim without suggestions.

Each example is tagged in the real app (Pilot) by a written plan of keys, starting with the
claim's paragraph focused and the cursor on its first word (reading to it is not counted); every
key and every typed character counts one. The run checks that the plan made exactly the claim
meant: the same content, source and cue text and type. Two plans per example: with ``C`` and
``S`` finding the cue and source (nothing selected), and with selection keys only.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.storage.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
RT, NV = "004_2011e3964b8c9ec8", "000_25a7f68b72796307"
OKHRIMENKO = "the president of the Ukrainian think tank Alexander Okhrimenko"


def typed(text: str) -> list[str]:
    """The keys that type ``text`` into the search box or a field."""
    names = {" ": "space", "'": "apostrophe", ".": "full_stop", ",": "comma"}
    return [names.get(char, char) for char in text]


def search(text: str) -> list[str]:
    return ["slash", *typed(text), "enter"]


@dataclass(frozen=True)
class Example:
    article: str
    first_words: str  # where the content starts (its paragraph is focused first)
    content: str  # the content's fragments joined by " … "
    source: str
    cue: str
    type: str
    finding: list[str]  # the plan with C and S finding cue and source
    selecting: list[str]  # the plan with selection keys only


E, S2, C, SRC = "enter", "right_curly_bracket", "C", "S"
EXAMPLES = [
    Example(
        RT, "However, as the president",
        "the adoption of a new set of partnership goals is unlikely to bring Ukraine closer to "
        "membership in the alliance.",
        OKHRIMENKO, "noted", "analyst_opinion",
        ["s", S2, S2, "2", E, C, SRC],
        ["s", S2, S2, "2", E, *search("the pr"), *["shift+right"] * 7, SRC,
         *search("noted"), C],
    ),
    Example(
        RT, "“This is just",
        "This is just a formal procedure, which, in fact, does not affect anything. … However, "
        "the country's authorities try to present any news about NATO in a positive tone. … "
        "Although Ukraine is not ready to integrate into the alliance, the authorities will still "
        "pretend that there is some progress",
        "Okhrimenko", "says", "analyst_opinion",
        ["quotation_mark", "2", E, C, SRC],
        ["quotation_mark", "2", E, *search("says"), C, *search("Okh"), SRC],
    ),
    Example(
        NV, "This week in Luxembourg",
        "they will discuss the modernization of defense procurement processes",
        "the North Atlantic Alliance's page", "according to", "official_statement",
        ["s", "s", S2, "left_parenthesis", "1", E, C, SRC],
        ["s", "s", S2, "left_parenthesis", "1", E, *search("accor"), "shift+right", C,
         *search("the N"), "right_parenthesis", "less_than_sign", SRC],
    ),
    Example(
        RT, "As stated by the head",
        "the Ukrainian side is disappointed with this and does not understand how it is possible "
        "to hold a summit without her participation against the background of \"aggressive "
        "actions of the Russian Federation.",
        "the head of the republic's foreign ministry Dmitry Kuleba", "stated",
        "official_statement",
        ["s", S2, "1", E, C, SRC],
        ["s", S2, "1", E, *search("stated"), C, *search("the head"), "right_parenthesis", SRC],
    ),
    Example(
        RT, "In addition, according to a RT source",
        "NATO's reluctance to speed up the country's admission to the bloc \"is very upsetting "
        "for President Zelensky.",
        "a RT source in the office of the President of Ukraine", "according to",
        "unnamed_source",
        ["s", S2, S2, "3", E, C, SRC],
        ["s", S2, S2, "3", E, *search("accor"), "shift+right", C, *search("a RT"),
         "right_parenthesis", SRC],
    ),
    Example(
        RT, "However, as analysts state",
        "the Ukrainian army does not meet NATO standards either in weapons and equipment or in "
        "training.",
        "analysts", "state", "unnamed_source",
        ["s", S2, S2, "3", E, C, SRC],
        ["s", S2, S2, "3", E, "right", "right", "shift+right", SRC, "right", "shift+right", C],
    ),
    Example(
        RT, "A coup d'etat",
        "A coup d'etat in Ukraine in 2014 spurred Kiev's Euro-Atlantic aspirations.",
        "", "", "unattributed",
        ["s", "5", E],
        ["s", "5", E],
    ),
    Example(
        RT, "Thus, in March, the Deputy Prime Minister",
        "that the republic expects to receive a response from the alliance to a request to grant "
        "the country the MAP.",
        "Olga Stefanishina", "said", "official_statement",
        ["s", S2, S2, S2, S2, "right_square_bracket", "1", E, C, SRC],
        ["s", S2, S2, S2, S2, "right_square_bracket", "1", E, *search("said"), C,
         *search("Olga"), "shift+right", SRC],
    ),
    Example(
        NV, "It is noted that NATO",
        "NATO and Ukrainian delegates will meet to discuss the modernization of Ukraine's defense "
        "procurement processes to make them faster, more resilient, and transparent.",
        "", "It is noted", "official_statement",
        ["s", *["right_square_bracket"] * 4, "1", E, C],
        ["s", *["right_square_bracket"] * 4, "1", E, "shift+right", "shift+right",
         "shift+right", C],
    ),
    Example(
        RT, "“Ukraine is striving for the alliance",
        "Ukraine is striving for the alliance, this is one of its strategic goals. … But so far "
        "the bloc is in no hurry to provide a real program of action, probably due to a weak "
        "level of training and a high level of corruption",
        "he", "said", "unnamed_source",
        ["quotation_mark", "3", E, C, SRC],
        ["quotation_mark", "3", E, *search("he s"), "shift+left", SRC, *search("said"), C],
    ),
]  # fmt: skip


async def _count(corpus: Corpus, example: Example, plan: list[str]) -> int:
    from annotator.tui.app import AnnotatorApp
    from annotator.tui.article_view import ArticleView

    app = AnnotatorApp(corpus, "bench", example.article)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None
        paragraph = next(
            p.number for p in view.article.paragraphs if p.text.startswith(example.first_words)
        )
        view.go_to(paragraph - 1)  # reading to the paragraph: not counted
        await pilot.pause()
        for key in plan:
            await pilot.press(key)
            await pilot.pause()
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await app.action_quit()
    tags = corpus.load_tags(corpus.load_article(example.article), "bench")
    [claim] = tags.tags.claims
    made = (claim.quote, claim.source_quote, claim.cue_quote, claim.type)
    meant = (example.content, example.source, example.cue, example.type)
    if made != meant:
        raise SystemExit(f"the plan for {example.first_words!r} made {made}, not {meant}")
    corpus.tag_path(example.article, "bench").unlink()
    return len(plan)


async def measure() -> list[tuple[Example, int, int]]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "seeds", root / "seeds")
        shutil.copytree(ROOT / "annotations", root / "annotations")
        corpus = Corpus.open(root)
        results = []
        for example in EXAMPLES:
            finding = await _count(corpus, example, example.finding)
            selecting = await _count(corpus, example, example.selecting)
            results.append((example, finding, selecting))
        return results


def report() -> None:
    results = asyncio.run(measure())
    print("keys per claim (content + source + cue + type), checked in the app:")
    for example, finding, selecting in results:
        where = example.first_words[:40]
        print(f"  {where:<42} {finding:3d} with C/S finding, {selecting:3d} selecting")
    finding_median = statistics.median(f for _, f, _ in results)
    selecting_median = statistics.median(s for _, _, s in results)
    print(
        f"median keys per claim: {finding_median:g} with C/S finding cue and source, "
        f"{selecting_median:g} with selection keys only (target <= 12, without suggestions)"
    )


if __name__ == "__main__":
    report()
