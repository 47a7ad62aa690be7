"""Source-bias reports as Rich output (terminal), Markdown, self-contained HTML and JSON."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from annotator.display import safe_text
from annotator.reports.profile import ArticleReport, by_outlet, corpus_json

BAR = 24


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def _balance_cell(report: ArticleReport, target: str) -> str:
    balance = next((b for b in report.balance if b.target == target), None)
    if balance is None:
        return "—"
    return " / ".join(f"{stance} {count}" for stance, count in balance.counts)


def _targets(reports: Sequence[ArticleReport]) -> list[str]:
    seen: dict[str, None] = {}
    for report in reports:
        for balance in report.balance:
            seen.setdefault(balance.target)
    return list(seen)


# --- terminal ----------------------------------------------------------------------------------


def rich_report(reports: Sequence[ArticleReport], bar: int = BAR) -> RenderableType:
    parts: list[RenderableType] = []
    for report in reports:
        parts.extend(_rich_article(report, bar))
    if len(reports) > 1:
        parts.append(_rich_corpus(reports))
    return Group(*parts)


def _bar(share: float, width: int = BAR) -> Text:
    filled = round(share * width)
    return Text("█" * filled + "·" * (width - filled), style="cyan")


def _rich_article(report: ArticleReport, bar: int) -> list[RenderableType]:
    head = Text(safe_text(report.title or report.article), style="bold")
    head.append(f"\n{report.article} · tags of {report.whose}", style="dim")
    if not report.has_tags:
        head.append(f"\nno tags by {report.whose} for this article", style="yellow")
        return [head, Text()]
    tags = report.article_tags
    facts = [f"outlet: {tags.outlet or '—'} ({tags.outlet_type or 'type not set'})"]
    facts += [f"stance toward {t}: {s}" for t, s in tags.stances]
    if tags.bias_indicators:
        facts.append("bias indicators: " + ", ".join(tags.bias_indicators))
    head.append("\n" + safe_text(" · ".join(facts)))
    head.append(
        f"\n{report.claims} claims · unnamed sources {_percent(report.share_unnamed)} · "
        f"unattributed {_percent(report.share_unattributed)}"
    )
    types = Table(title="Claims by type", title_justify="left", box=None)
    for column in ("type", "claims", "share", ""):
        types.add_column(column, justify="right" if column in ("claims", "share") else "left")
    for type_count in report.by_type:
        types.add_row(
            _plain(type_count.label),
            str(type_count.claims),
            _percent(type_count.share),
            _bar(type_count.share, bar),
        )
    sources = Table(title="Sources", title_justify="left", box=None)
    for column in ("source", "role", "type", "claims", "stances"):
        sources.add_column(column, justify="right" if column == "claims" else "left")
    for source in report.sources:
        stances = ", ".join(f"{s} {n}" for s, n in source.stances) or "—"
        sources.add_row(
            _plain(source.name), _plain(source.role), source.type, str(source.claims), stances
        )
    parts: list[RenderableType] = [head, types, sources]
    for balance in report.balance:
        table = Table(
            title=f"Stance balance toward {balance.target}", title_justify="left", box=None
        )
        for column in ("stance", "claims", "", "carried by"):
            table.add_column(column, justify="right" if column == "claims" else "left")
        total = sum(n for _, n in balance.counts)
        carriers = dict(balance.sources)
        for stance, count in balance.counts:
            share = count / total if total else 0.0
            table.add_row(stance, str(count), _bar(share, bar), _plain(", ".join(carriers[stance])))
        parts.append(table)
    parts.append(Text())
    return parts


def _plain(text: str) -> Text:
    """Tag fields as text: never Rich markup (``[link=…]``, ``[blink]``), controls visible."""
    return Text(safe_text(text))


def _rich_corpus(reports: Sequence[ArticleReport]) -> Table:
    targets = _targets(reports)
    table = Table(title="Across articles, by outlet", title_justify="left")
    for column in ("outlet", "article", "claims", "unnamed", "unattributed", *targets):
        table.add_column(column)
    for outlet, group in by_outlet(list(reports)):
        for report in group:
            table.add_row(
                _plain(outlet or "—"),
                _plain(report.article),
                str(report.claims),
                _percent(report.share_unnamed),
                _percent(report.share_unattributed),
                *(_balance_cell(report, t) for t in targets),
            )
    return table


# --- Markdown ----------------------------------------------------------------------------------


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown_report(reports: Sequence[ArticleReport]) -> str:
    out: list[str] = ["# Source-bias report", ""]
    for report in reports:
        out += [
            f"## {_md(report.title or report.article)}",
            "",
            f"`{report.article}` · tags of {report.whose}",
            "",
        ]
        if not report.has_tags:
            out += [f"No tags by {report.whose} for this article.", ""]
            continue
        tags = report.article_tags
        out += [
            f"- Outlet: {_md(tags.outlet) or '—'} ({tags.outlet_type or 'type not set'})",
            *(f"- Stance toward {t}: {s}" for t, s in tags.stances),
            f"- Bias indicators: {', '.join(tags.bias_indicators) or '—'}",
            f"- Claims: {report.claims}; unnamed sources {_percent(report.share_unnamed)}; "
            f"unattributed {_percent(report.share_unattributed)}",
            "",
            "| type | claims | share |",
            "|---|---:|---:|",
            *(f"| {c.label} | {c.claims} | {_percent(c.share)} |" for c in report.by_type),
            "",
            "| source | role | type | claims | stances |",
            "|---|---|---|---:|---|",
            *(
                f"| {_md(s.name)} | {_md(s.role)} | {s.type} | {s.claims} | "
                f"{', '.join(f'{k} {n}' for k, n in s.stances) or '—'} |"
                for s in report.sources
            ),
            "",
        ]
        for balance in report.balance:
            carriers = dict(balance.sources)
            out += [
                f"Stance balance toward `{balance.target}`:",
                "",
                "| stance | claims | carried by |",
                "|---|---:|---|",
            ]
            out += [f"| {s} | {n} | {_md(', '.join(carriers[s]))} |" for s, n in balance.counts]
            out.append("")
    if len(reports) > 1:
        targets = _targets(reports)
        out += ["## Across articles, by outlet", ""]
        out.append(
            "| outlet | article | claims | unnamed | unattributed | " + " | ".join(targets) + " |"
        )
        out.append("|---|---|---:|---:|---:|" + "---|" * len(targets))
        for outlet, group in by_outlet(list(reports)):
            for r in group:
                cells = [
                    _md(outlet) or "—",
                    r.article,
                    str(r.claims),
                    _percent(r.share_unnamed),
                    _percent(r.share_unattributed),
                ]
                out.append("| " + " | ".join(cells + [_balance_cell(r, t) for t in targets]) + " |")
        out.append("")
    return "\n".join(out)


# --- HTML ------------------------------------------------------------------------------------

CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }
h1, h2 { font-weight: 600; } .meta { color: #666; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { padding: .2rem .6rem; text-align: left; }
th { border-bottom: 1px solid #999; } td.n { text-align: right; }
svg { display: block; margin: .5rem 0 1rem; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
section { break-inside: avoid; border-top: 1px solid #ddd; padding-top: 1rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def _svg_bars(rows: Sequence[tuple[str, int, float]], title: str) -> str:
    """A horizontal bar chart as inline SVG: one bar per (label, count, share)."""
    height = 22 * len(rows) + 10
    bars = []
    for index, (label, count, share) in enumerate(rows):
        y = 22 * index + 5
        width = round(300 * share)
        bars.append(
            f'<text x="0" y="{y + 13}">{html.escape(label)}</text>'
            f'<rect x="170" y="{y}" width="{width}" height="16" fill="#3b7dd8">'
            f"<title>{count}</title></rect>"
            f'<text x="{176 + width}" y="{y + 13}">{count} ({_percent(share)})</text>'
        )
    return (
        f'<svg role="img" aria-label="{html.escape(title)}" width="560" height="{height}" '
        f'viewBox="0 0 560 {height}" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>'
    )


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if i in numeric else ''}>{html.escape(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_report(reports: Sequence[ArticleReport]) -> str:
    sections = []
    for r in reports:
        title = html.escape(r.title or r.article)
        meta = f'<p class="meta">{html.escape(r.article)} · tags of {html.escape(r.whose)}</p>'
        if not r.has_tags:
            sections.append(
                f"<section><h2>{title}</h2>{meta}"
                f"<p>No tags by {html.escape(r.whose)} for this article.</p></section>"
            )
            continue
        tags = r.article_tags
        facts = [
            f"Outlet: {tags.outlet or '—'} ({tags.outlet_type or 'type not set'})",
            *(f"Stance toward {t}: {s}" for t, s in tags.stances),
            f"Bias indicators: {', '.join(tags.bias_indicators) or '—'}",
            f"Claims: {r.claims} · unnamed sources {_percent(r.share_unnamed)} · "
            f"unattributed {_percent(r.share_unattributed)}",
        ]
        parts = [
            f"<section><h2>{title}</h2>{meta}<ul>"
            + "".join(f"<li>{html.escape(f)}</li>" for f in facts)
            + "</ul>"
        ]
        parts.append(
            "<h3>Claims by type</h3>"
            + _svg_bars([(c.label, c.claims, c.share) for c in r.by_type], "Claims by type")
        )
        rows = [
            (
                s.name,
                s.role,
                s.type,
                str(s.claims),
                ", ".join(f"{k} {n}" for k, n in s.stances) or "—",
            )
            for s in r.sources
        ]
        parts.append(
            "<h3>Sources</h3>" + _table(("source", "role", "type", "claims", "stances"), rows, {3})
        )
        for balance in r.balance:
            total = sum(n for _, n in balance.counts)
            chart = _svg_bars(
                [(s, n, n / total if total else 0.0) for s, n in balance.counts],
                f"Stance toward {balance.target}",
            )
            carriers = dict(balance.sources)
            table = _table(
                ("stance", "carried by"),
                [(s, ", ".join(carriers[s]) or "—") for s, _ in balance.counts],
                set(),
            )
            parts.append(
                f"<h3>Stance balance toward {html.escape(balance.target)}</h3>{chart}{table}"
            )
        sections.append("".join(parts) + "</section>")
    if len(reports) > 1:
        targets = _targets(reports)
        corpus_rows = [
            (
                outlet or "—",
                r.article,
                str(r.claims),
                _percent(r.share_unnamed),
                _percent(r.share_unattributed),
                *(_balance_cell(r, t) for t in targets),
            )
            for outlet, group in by_outlet(list(reports))
            for r in group
        ]
        headers = ("outlet", "article", "claims", "unnamed", "unattributed", *targets)
        sections.append(
            "<section><h2>Across articles, by outlet</h2>"
            + _table(headers, corpus_rows, {2, 3, 4})
            + "</section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Source-bias report</title>"
        f"<style>{CSS}</style></head><body><h1>Source-bias report</h1>"
        f"{''.join(sections)}</body></html>\n"
    )


def json_report(reports: Sequence[ArticleReport]) -> str:
    return json.dumps(corpus_json(list(reports)), ensure_ascii=False, indent=2) + "\n"
