"""The tab's charts that ``crm_desktop.reports.charts`` does not draw (lead conversion,
activities, days to pay, retention): plain results and the words (already translated) in, a
``Figure`` out. No Qt and no pyplot, like the builders below the UI: the tab draws them on the
GUI thread, an export builds its own copy in a worker."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from crm_desktop.domain.reports import ActivityCount, ConversionRow, PayDays, Retention
from crm_desktop.reports.charts import COLOURS
from crm_desktop.reports.fonts import use_cjk_font

MAX_BARS = 15
KIND_COLOURS = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#9D755D")


def _figure() -> tuple[Figure, Axes]:
    use_cjk_font()
    fig = Figure(figsize=(8.0, 4.5), layout="constrained")
    return fig, fig.add_subplot()


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def conversion_figure(rows: Sequence[ConversionRow], words: Mapping[str, str]) -> Figure:
    """Leads, converted leads and won deals per lead source, as grouped bars."""
    fig, ax = _figure()
    ax.set_title(words["title"])
    if not rows:
        _empty(ax, words["empty"])
        return fig
    xs = range(len(rows))
    width = 0.27
    series = (
        (words["leads"], [r.leads for r in rows], COLOURS["last"]),
        (words["converted"], [r.converted for r in rows], COLOURS["bar"]),
        (words["won"], [r.won for r in rows], COLOURS["profit"]),
    )
    for i, (label, values, colour) in enumerate(series):
        ax.bar([x + (i - 1) * width for x in xs], values, width, label=label, color=colour)
    for x, r in zip(xs, rows, strict=True):
        if r.rate is not None:
            ax.annotate(f"{r.rate:.0%}", (x, r.leads), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(
        list(xs),
        [r.source or words["none"] for r in rows],
        rotation=30 if len(rows) > 6 else 0,
        ha="right" if len(rows) > 6 else "center",
    )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(y=0.12)
    ax.legend(fontsize=8)
    return fig


def activities_figure(rows: Sequence[ActivityCount], words: Mapping[str, str]) -> Figure:
    """Activities per salesperson in the period, stacked by kind (call, visit, e-mail …),
    busiest on top; ``words`` also names each kind."""
    fig, ax = _figure()
    ax.set_title(words["title"])
    if not rows:
        _empty(ax, words["empty"])
        return fig
    per_user: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        per_user[r.user or words["none"]][r.kind] += r.count
    users = sorted(per_user, key=lambda u: (-sum(per_user[u].values()), u))[:MAX_BARS]
    kinds = sorted({r.kind for r in rows})
    ys = range(len(users))
    left = [0] * len(users)
    for i, kind in enumerate(kinds):
        values = [per_user[u].get(kind, 0) for u in users]
        ax.barh(
            list(ys),
            values,
            left=left,
            color=KIND_COLOURS[i % len(KIND_COLOURS)],
            label=words.get(kind, kind),
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(list(ys), users)
    ax.invert_yaxis()
    ax.set_xlabel(words["count"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8, loc="lower right")
    return fig


def days_to_pay_figure(rows: Sequence[PayDays], words: Mapping[str, str]) -> Figure:
    """The slowest payers: average days from order to full payment, the part beyond the due
    date drawn red."""
    fig, ax = _figure()
    ax.set_title(words["title"])
    if not rows:
        _empty(ax, words["empty"])
        return fig
    slowest = sorted(rows, key=lambda p: (-p.days_to_pay, p.name))[:MAX_BARS]
    ys = range(len(slowest))
    late = [max(p.days_late or 0.0, 0.0) for p in slowest]
    on_time = [p.days_to_pay - d for p, d in zip(slowest, late, strict=True)]
    ax.barh(list(ys), on_time, color=COLOURS["bar"], label=words["days"])
    ax.barh(list(ys), late, left=on_time, color=COLOURS["line"], label=words["late"])
    ax.set_yticks(list(ys), [p.name for p in slowest], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(words["axis"])
    ax.legend(fontsize=8, loc="lower right")
    return fig


def retention_figure(result: Retention, words: Mapping[str, str]) -> Figure:
    """Customers of the period before, of them kept and lost, and the new ones."""
    fig, ax = _figure()
    ax.set_title(words["title"])
    if not (result.previous or result.new):
        _empty(ax, words["empty"])
        return fig
    names = [words["previous"], words["retained"], words["lost"], words["new"]]
    values = [result.previous, result.retained, result.lost, result.new]
    colours = [COLOURS["last"], COLOURS["bar"], COLOURS["line"], "#54A24B"]
    bars = ax.bar(names, values, color=colours)
    ax.bar_label(bars, fontsize=9)
    ax.set_ylabel(words["customers"])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(y=0.12)
    return fig
