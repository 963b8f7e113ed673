"""Timelines as pictures: events per month, one colour per report, drawn with matplotlib's Agg
backend (no display needed) at a size Telegram shows as a photo without resizing much."""
from __future__ import annotations

import io
import warnings
from collections import Counter

import matplotlib

matplotlib.use("Agg")  # before pyplot: a server has no display
from matplotlib.figure import Figure  # noqa: E402  (after the backend is chosen)

from knowledge.records import Event  # noqa: E402

WIDTH_IN, HEIGHT_IN, DPI = 12.8, 7.2, 100  # 1280 × 720 pixels
MAX_LEGEND = 8


def _month(e: Event) -> str | None:
    return e.date.start[:7] if e.date and len(e.date.start) >= 7 else None


def _months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while (y, m) <= (int(last[:4]), int(last[5:7])):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _short(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def timeline_png(label: str, events: list[Event] | tuple[Event, ...], report_titles: dict[str, str]) -> bytes:
    """A PNG bar chart of ``events`` per month, stacked by the report each came from.

    Events dated only to a year have no month and are counted in the subtitle, not drawn."""
    dated = [e for e in events if _month(e)]
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    ax = fig.add_subplot(1, 1, 1)
    undated = len(events) - len(dated)
    if dated:
        months = _months_between(min(_month(e) for e in dated), max(_month(e) for e in dated))  # type: ignore[type-var]
        reports = list(dict.fromkeys(e.report_id for e in sorted(dated, key=lambda e: e.date.start)))  # type: ignore[union-attr]
        bottom = [0] * len(months)
        colours = matplotlib.colormaps["tab10"]
        for n, report_id in enumerate(reports):
            counts = Counter(_month(e) for e in dated if e.report_id == report_id)
            heights = [counts.get(m, 0) for m in months]
            name = _short(report_titles.get(report_id, report_id)) if n < MAX_LEGEND else None
            ax.bar(range(len(months)), heights, bottom=bottom, color=colours(n % 10), label=name, width=0.8)
            bottom = [b + h for b, h in zip(bottom, heights)]
        step = max(1, len(months) // 16)
        ticks = list(range(0, len(months), step))
        ax.set_xticks(ticks, [months[i] for i in ticks], rotation=45, ha="right")
        ax.set_xlim(-0.7, len(months) - 0.3)
        ax.set_ylim(0, max(bottom) * 1.1 + 0.35 * max(bottom) * min(len(reports), MAX_LEGEND) / 4 + 0.5)  # room for the legend
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.legend(title="Report", loc="upper left", fontsize=9, title_fontsize=9)
    else:
        ax.text(0.5, 0.5, "No event with a month", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel("Month")
    ax.set_ylabel("Events")
    title = f"Events per month: {_short(label, 80)}"
    ax.set_title(title, fontsize=14, loc="left")
    sub = f"{len(dated)} dated event{'s' if len(dated) != 1 else ''}"
    if undated:
        sub += f"; {undated} without a month not shown"
    ax.text(1.0, 1.01, sub, ha="right", va="bottom", transform=ax.transAxes, fontsize=9, color="#555555")
    ax.grid(axis="y", alpha=0.3)
    out = io.BytesIO()
    with warnings.catch_warnings():
        # The bundled fonts have no Chinese glyphs: a Chinese report title is drawn with boxes, which
        # is no reason to warn on every chart.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        fig.tight_layout()
        fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()
