"""Suggestions: how well they match human attributions, how fast they are, what they save.

Run: python benchmarks/bench_suggest.py [--quick]   (--quick: no app runs, the figures of 1-2)
Prints:
1. On PolNeAR's dev split (../shared/thirdparty/polnear-corpus/dev), against one annotator per
   article (the first by name): content overlap F1 (one-to-one, any shared character), source
   and cue exact F1 (the same span), with precision and recall. Articles are read as the tool
   reads them (normalised, boilerplate left out) and the annotator's offsets mapped onto that
   text. Beside it, the same scores between two annotators of the dev articles that have two.
2. Time per article (median, and per 800 words) and the process' peak memory; the cold start
   (loading the model) apart.
3. Claim types on the seeds: each claim of benchmarks/data/seed_attributions.yaml (made by hand)
   that a suggestion covers, and how often the suggested type is the reviewer's.
4. Keys per claim tagging both seeds with suggestions in the app (Pilot): n to the next
   suggestion, y and enter to accept (a digit instead of y where the type is wrong), X to reject
   one that is no claim; reference claims no suggestion found are tagged by hand at the median
   keys of keys_per_claim.py, measured in the same run.
"""

from __future__ import annotations

import asyncio
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotator.article import Article, article_text, parse_article
from annotator.exchange.original import offset_map
from annotator.suggest.evaluate import Score, exact_score, overlap_score
from annotator.suggest.polnear import Attribution, read_ann, split_files

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "thirdparty" / "polnear-corpus"
SEED_REFERENCE = Path(__file__).resolve().parent / "data" / "seed_attributions.yaml"
Spans = tuple[tuple[int, int], ...]


def _mapped(spans: Spans, mapping: list[int]) -> Spans:
    return tuple((mapping[s], mapping[e]) for s, e in spans if mapping[s] < mapping[e])


def load(text_path: Path, ann: Path) -> tuple[Article, list[Attribution]] | None:
    raw = text_path.read_text(encoding="utf-8")
    article = parse_article(text_path.stem, article_text(text_path.read_bytes(), text_path))
    mapping = offset_map(raw, article.text)
    if mapping is None:
        return None
    gold = [
        Attribution(
            _mapped(a.content, mapping), _mapped(a.source, mapping), _mapped(a.cue, mapping)
        )
        for a in read_ann(ann)
    ]
    return article, [a for a in gold if a.content]


def scores(found: list[tuple[Spans, Spans, Spans]], gold: list[Attribution]) -> dict[str, Score]:
    return {
        "content overlap": overlap_score([f[0] for f in found], [g.content for g in gold]),
        "source exact": exact_score([f[1] for f in found], [g.source for g in gold]),
        "cue exact": exact_score([f[2] for f in found], [g.cue for g in gold]),
    }


def _add(total: dict[str, Score], more: dict[str, Score]) -> None:
    for key, value in more.items():
        total[key] = total.get(key, Score(0, 0, 0)) + value


def _print(title: str, total: dict[str, Score], given: str = "suggested") -> None:
    print(title)
    for key, s in total.items():
        print(
            f"  {key:<16} F1 {s.f1:.3f}  precision {s.precision:.3f}  recall {s.recall:.3f}"
            f"  ({s.matched} matched, {s.predicted} {given}, {s.expected} by the annotator)"
        )


def _tagger_alone(article: Article) -> list[tuple[Spans, Spans, Spans]]:
    from annotator.suggest.assemble import assemble
    from annotator.suggest.tagger import shipped_tagger
    from annotator.suggest.tokens import tokenize

    tagger = shipped_tagger()
    paragraphs = tokenize(article.text)
    labels = [tagger.labels_and_confidence(p.tokens)[0] for p in paragraphs]
    return [(tuple(f.content), tuple(f.source), tuple(f.cue)) for f in assemble(paragraphs, labels)]


def _print_humans() -> None:
    """Every pair of annotators of PolNeAR's six-annotator articles, one scored against the
    other with the same measures: how far trained people agree."""
    from itertools import combinations

    from polnear_token_alpha import sources

    humans: dict[str, Score] = {}
    articles = pairs = 0
    for text_path, anns in sources().values():
        loaded = [load(text_path, ann) for ann in anns]
        if any(item is None for item in loaded):
            continue
        articles += 1
        for first, second in combinations([item for item in loaded if item is not None], 2):
            pairs += 1
            other = [(a.content, a.source, a.cue) for a in second[1]]
            _add(humans, scores(other, first[1]))
    _print(
        f"   two trained annotators, for scale ({pairs} pairs over PolNeAR's {articles} "
        "six-annotator articles):",
        humans,
        "by the other",
    )


def dev_split() -> None:
    from annotator.suggest.suggester import suggest_article
    from annotator.suggest.tagger import shipped_tagger

    began = time.perf_counter()
    shipped_tagger()
    cold = time.perf_counter() - began
    total: dict[str, Score] = {}
    alone: dict[str, Score] = {}
    times, words, skipped = [], [], 0
    for text_path, ann in split_files(CORPUS, "dev"):
        loaded = load(text_path, ann)
        if loaded is None:
            skipped += 1
            continue
        article, gold = loaded
        began = time.perf_counter()
        suggestions = suggest_article(article)
        times.append(time.perf_counter() - began)
        words.append(len(article.text.split()))
        found = [(s.content, s.source_spans, s.cue_spans) for s in suggestions]
        _add(total, scores(found, gold))
        _add(alone, scores(_tagger_alone(article), gold))
    _print(f"1. PolNeAR dev: {len(times)} articles ({skipped} left out: text not mappable)", total)
    _print("   the tagger and assembly alone, without the rules after them:", alone)
    _print_humans()
    per_800 = sum(times) / sum(words) * 800
    worst = max(t / w * 800 for t, w in zip(times, words, strict=True) if w >= 200)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"2. time: median {statistics.median(times) * 1000:.0f} ms per article "
        f"(median {statistics.median(words):.0f} words); {per_800 * 1000:.0f} ms per 800 words "
        f"over the split, at most {worst * 1000:.0f} ms per 800 words in one article (goal "
        f"500 ms); opening the model {cold * 1000:.0f} ms once; peak memory {peak:.0f} MB"
    )


def whole_command() -> None:
    """``annotator suggest`` on the 800-word seed as a whole process (start-up and model too)."""
    import subprocess

    article = "004_2011e3964b8c9ec8"
    words = len((ROOT / "seeds" / f"{article}.txt").read_text(encoding="utf-8").split())
    command = [sys.executable, "-m", "annotator", "--root", str(ROOT), "suggest", article, "--json"]
    times = []
    for _ in range(5):
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - began)
    print(
        f"   'annotator suggest {article} --json' ({words} words) as a whole process: median "
        f"{statistics.median(times):.2f} s of 5"
    )


def seed_types() -> None:
    from annotator.storage.corpus import Corpus
    from annotator.suggest.suggester import suggest_article

    reference = yaml.safe_load(SEED_REFERENCE.read_text(encoding="utf-8"))
    corpus = Corpus.open(ROOT)
    found = right = 0
    wrong, missed = [], []
    for item in reference:
        article = corpus.load_article(item["article"])
        suggestion = _covering(article, suggest_article(article), item)
        if suggestion is None:
            missed.append(f"{item['content'][:30]!r} ({item['cue']})")
            continue
        found += 1
        if suggestion.type == item["type"]:
            right += 1
        else:
            wrong.append(f"{item['content'][:30]!r}: {suggestion.type}, not {item['type']}")
    print(
        f"3. claim types on the seeds: {found} of {len(reference)} reference claims suggested; "
        f"type right for {right} of {found} ({right / max(found, 1):.0%}; goal 8 in 10)"
    )
    for line in wrong:
        print(f"     type differs: {line}")
    print(f"     not suggested: {', '.join(missed)}")


def _covering(article: Article, suggestions: list, item: dict) -> object | None:  # type: ignore[type-arg]
    """The suggestion whose content covers the reference claim's first words."""
    at = article.text.find(item["content"])
    if at < 0:
        raise SystemExit(f"{item['content']!r} is not in {item['article']}")
    end = at + len(item["content"])
    for suggestion in suggestions:
        if any(s < end and e > at for s, e in suggestion.content):
            return suggestion
    return None


async def _walk(corpus: object, article_id: str, reference: list[dict]) -> int:  # type: ignore[type-arg]
    """Keys to go through an article's suggestions in the app."""
    from annotator.tui.app import AnnotatorApp

    app = AnnotatorApp(corpus, "bench", article_id)  # type: ignore[arg-type]
    keys = 0
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(5):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        article = screen.view.article  # type: ignore[attr-defined]
        types = [c.key for c in screen.corpus.schema.claim_types]  # type: ignore[attr-defined]
        mine = [r for r in reference if r["article"] == article_id]
        await pilot.press("n")
        keys += 1
        guard = 0
        while screen.current_suggestion is not None and guard < 200:  # type: ignore[attr-defined]
            guard += 1
            suggestion = screen.current_suggestion  # type: ignore[attr-defined]
            item = next((r for r in mine if _covering(article, [suggestion], r) is not None), None)
            if item is None:
                await pilot.press("X")
                keys += 1
                await pilot.pause()
                continue
            # y accepts as suggested; a digit accepts it as that claim type instead
            plan = ["y" if suggestion.type == item["type"] else str(types.index(item["type"]) + 1)]
            plan += ["enter", "n"]
            for key in plan:
                await pilot.press(key)
                await pilot.pause()
            keys += len(plan)
            mine = [r for r in mine if r is not item]
            await pilot.pause()
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await app.action_quit()
    return keys


def keys_per_claim() -> None:
    import keys_per_claim as by_hand

    from annotator.storage.corpus import Corpus

    hand = statistics.median(f for _, f, _ in asyncio.run(by_hand.measure()))
    reference = yaml.safe_load(SEED_REFERENCE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "seeds", root / "seeds")
        shutil.copytree(ROOT / "annotations", root / "annotations")
        corpus = Corpus.open(root)
        keys = 0
        made = 0
        for article_id in sorted({r["article"] for r in reference}):
            keys += asyncio.run(_walk(corpus, article_id, reference))
            article = corpus.load_article(article_id)
            tags = corpus.load_tags(article, "bench").tags
            for item in (r for r in reference if r["article"] == article_id):
                at = article.text.find(item["content"])
                end = at + len(item["content"])
                starts = article.paragraph_starts
                covered = [
                    c for c in tags.claims if c.suggested and c.type == item["type"]
                    and any(
                        starts[f.paragraph - 1] + f.start < end
                        and starts[f.paragraph - 1] + f.end > at
                        for f in c.fragments
                    )
                ]  # fmt: skip
                made += bool(covered)
    missed = len(reference) - made
    total = keys + missed * hand
    print(
        f"4. keys per claim with suggestions: {total / len(reference):.1f} ({keys} keys for the "
        f"suggestions, {made} of {len(reference)} claims accepted from them with the right type; "
        f"{missed} tagged by hand at {hand:g} keys each, the median of keys_per_claim.py; "
        "goal at most 5)"
    )


def main() -> None:
    dev_split()
    whole_command()
    seed_types()
    if "--quick" not in sys.argv:
        keys_per_claim()


if __name__ == "__main__":
    main()
