"""Figure builders: report results in, a ``matplotlib.figure.Figure`` out. No pyplot (it keeps
global state and starts its own GUI loop) and no Qt: the Reports tab puts the figure on a
``FigureCanvasQTAgg``, the CLI and tests save it with :func:`save_figure`.

Build in any thread, draw on the GUI thread. Amounts become floats here for drawing only; the
tables keep the exact Decimals."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from crm_desktop.domain.pipeline import FunnelRow
from crm_desktop.domain.reports import AbcResult, AgeingRow, RfmResult, SalesRow
from crm_desktop.reports.fonts import use_cjk_font
from crm_desktop.reports.labels import segment_name, text

FORMATS = (".png", ".pdf")
MAX_BARS = 40  # a Pareto of more customers draws them all as an area, without names
MAX_GROUPS = 15
COLOURS = {"bar": "#4C78A8", "last": "#B8C7DA", "profit": "#F58518", "line": "#E45756"}
CLASS_COLOURS = {"A": "#2E7D32", "B": "#F9A825", "C": "#9E9E9E"}


def _figure(size: tuple[float, float] = (8.0, 4.5)) -> tuple[Figure, Axes]:
    use_cjk_font()
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _money_axis(ax: Axes, currency: str | None) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    if currency:
        ax.set_ylabel(currency)


def _empty(ax: Axes, lang: str) -> None:
    ax.text(0.5, 0.5, text("No data in this period", lang), ha="center", va="center",
            transform=ax.transAxes)  # fmt: skip
    ax.set_xticks([])
    ax.set_yticks([])


def _f(value: Decimal) -> float:
    return float(value)


def pareto_figure(result: AbcResult, lang: str = "en") -> Figure:
    """Customers' values as bars (best first, coloured by class), the cumulative share as a
    line on a 0–100 % axis, and the cut-offs as dashed lines."""
    fig, ax = _figure()
    basis = text(
        {"revenue": "Revenue", "profit": "Profit", "payments": "Payments"}[result.basis], lang
    )
    title = text("ABC analysis by {basis}", lang, basis=basis)
    ax.set_title(f"{title} ({result.currency})" if result.currency else title)
    ranked = [c for c in result.customers if not c.no_sales]
    if not ranked or result.total <= 0:
        _empty(ax, lang)
        return fig
    many = len(ranked) > MAX_BARS  # then bars without gaps and names: the shape of all
    xs = range(len(ranked))
    ax.bar(xs, [_f(c.value) for c in ranked], width=1.0 if many else 0.8,
           color=[CLASS_COLOURS[c.cls] for c in ranked])  # fmt: skip
    _money_axis(ax, result.currency)
    if many:
        ax.set_xlabel(text("Customers", lang))
        ax.set_xlim(-0.5, len(ranked) - 0.5)
    else:
        ax.set_xticks(list(xs), [c.name for c in ranked], rotation=60, ha="right", fontsize=7)
    line = ax.twinx()
    line.plot(xs, [c.cumulative_share * 100 for c in ranked], color=COLOURS["line"],
              marker="" if many else ".")  # fmt: skip
    line.set_ylim(0, 105)
    line.yaxis.set_major_formatter(PercentFormatter())
    line.set_ylabel(text("Cumulative share", lang))
    for cut in result.cutoffs:
        line.axhline(float(cut) * 100, color="#555555", linestyle="--", linewidth=0.8)
        line.annotate(f"{text('Cut-off', lang)} {float(cut):.0%}", (len(ranked) - 0.5, float(cut) * 100),
                      ha="right", va="bottom", fontsize=7)  # fmt: skip
    legend = [  # class, customers, share of the total
        Patch(color=CLASS_COLOURS[k.cls],
              label=f"{k.cls}: {text('{n} customers', lang, n=str(k.customers))}, {k.share:.0%}")
        for k in result.classes
    ]  # fmt: skip
    ax.legend(handles=legend, loc="center right", fontsize=8)
    return fig


def _one_currency(rows: Sequence[SalesRow]) -> tuple[str | None, list[SalesRow]]:
    """The rows of the first row's currency (a chart never adds two currencies)."""
    currency = rows[0].currency if rows else None
    return currency, [r for r in rows if r.currency == currency]


def sales_period_figure(rows: Sequence[SalesRow], grain: str, lang: str = "en") -> Figure:
    """Revenue per period (one currency: the first row's) against the same period a year
    before, and gross profit as a line."""
    fig, ax = _figure()
    currency, rows = _one_currency(rows)
    ax.set_title(text("Sales by {grain} against last year", lang, grain=grain))
    if not rows:
        _empty(ax, lang)
        return fig
    xs = range(len(rows))
    width = 0.4
    ax.bar([x - width / 2 for x in xs], [_f(r.last_year.revenue) if r.last_year else 0.0 for r in rows],
           width, color=COLOURS["last"], label=text("Last year", lang))  # fmt: skip
    ax.bar([x + width / 2 for x in xs], [_f(r.figures.revenue) for r in rows], width,
           color=COLOURS["bar"], label=text("Revenue", lang))  # fmt: skip
    ax.plot(list(xs), [_f(r.figures.profit) for r in rows], color=COLOURS["profit"], marker="o",
            label=text("Gross profit", lang))  # fmt: skip
    ax.set_xticks(list(xs), [r.label for r in rows], rotation=45 if len(rows) > 8 else 0,
                  ha="right" if len(rows) > 8 else "center")  # fmt: skip
    _money_axis(ax, currency)
    ax.legend(fontsize=8)
    return fig


def breakdown_figure(rows: Sequence[SalesRow], by: str, lang: str = "en") -> Figure:
    """Revenue and gross profit of the largest groups (one currency: the first row's), as
    horizontal bars, largest on top."""
    fig, ax = _figure()
    currency, same = _one_currency(rows)
    shown = same[:MAX_GROUPS]
    ax.set_title(text("Revenue and gross profit by {by}", lang, by=by))
    if not shown:
        _empty(ax, lang)
        return fig
    ys = range(len(shown))
    height = 0.4
    ax.barh([y + height / 2 for y in ys], [_f(r.figures.revenue) for r in shown], height,
            color=COLOURS["bar"], label=text("Revenue", lang))  # fmt: skip
    ax.barh([y - height / 2 for y in ys], [_f(r.figures.profit) for r in shown], height,
            color=COLOURS["profit"], label=text("Gross profit", lang))  # fmt: skip
    ax.set_yticks(list(ys), [r.label or text("(none)", lang) for r in shown], fontsize=8)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    if currency:
        ax.set_xlabel(currency)
    ax.legend(fontsize=8)
    return fig


def segment_figure(result: RfmResult, lang: str = "en") -> Figure:
    """Customers per RFM segment as horizontal bars, each with its revenue written beside."""
    fig, ax = _figure()
    ax.set_title(text("RFM segments", lang) + (f" ({result.currency})" if result.currency else ""))
    if not result.customers:
        _empty(ax, lang)
        return fig
    segs = result.segments
    ys = range(len(segs))
    ax.barh(list(ys), [s.customers for s in segs], color=COLOURS["bar"])
    ax.set_yticks(list(ys), [segment_name(s.segment, lang) for s in segs])
    ax.invert_yaxis()
    ax.set_xlabel(text("Customers", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for y, s in zip(ys, segs, strict=True):
        ax.annotate(f" {s.revenue:,.0f}", (s.customers, y), va="center", fontsize=8)
    ax.margins(x=0.2)
    return fig


def ageing_figure(
    rows: Sequence[AgeingRow], lang: str = "en", currency: str | None = None
) -> Figure:
    """Open balances by days past due, for one currency (the given one, else the first)."""
    fig, ax = _figure()
    row = next((r for r in rows if currency in (None, r.currency)), None)
    ax.set_title(text("Receivables ageing", lang) + (f" ({row.currency})" if row else ""))
    if row is None:
        _empty(ax, lang)
        return fig
    names = [text(name, lang) for name, _ in row.buckets]
    colours = ["#9E9E9E", "#FDD835", "#FB8C00", "#E53935", "#8E24AA"]
    ax.bar(names, [_f(v) for _, v in row.buckets], color=colours)
    ax.set_xlabel(text("Days past due", lang))
    _money_axis(ax, row.currency)
    return fig


def funnel_figure(
    rows: Sequence[FunnelRow], lang: str = "en", currency: str | None = None
) -> Figure:
    """Deals' amounts per stage (one currency) as a funnel of centred bars, open stages."""
    fig, ax = _figure()
    cur = currency or next((r.currency for r in rows if r.currency), None)
    stages: dict[str, Decimal] = {}
    for r in rows:
        if r.outcome.value == "open":
            stages.setdefault(r.stage, Decimal(0))
            if r.currency == cur:
                stages[r.stage] += r.amount
    ax.set_title(text("Pipeline funnel", lang) + (f" ({cur})" if cur else ""))
    if not any(stages.values()):
        _empty(ax, lang)
        return fig
    values = [_f(v) for v in stages.values()]
    ys = range(len(values))
    ax.barh(list(ys), values, left=[-v / 2 for v in values], color=COLOURS["bar"])
    ax.set_yticks(list(ys), list(stages))
    ax.invert_yaxis()
    ax.set_xticks([])
    for y, v in zip(ys, values, strict=True):
        ax.annotate(f"{v:,.0f}", (0, y), ha="center", va="center", color="white", fontsize=8)
    return fig


def save_figure(fig: Figure, path: Path) -> Path:
    """The figure as .png (150 dpi) or .pdf, by the path's suffix."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: a chart is saved as .png or .pdf, not {path.suffix!r}")
    fig.savefig(path, format=suffix[1:], dpi=150)
    return path
