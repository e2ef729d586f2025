"""Timeline plots for the report: each outlet's figures over time, the band a check compared,
the consensus band where the findings carry one, and the violating pairs joined by a line.

One marker language in the data and the legend: the marker says what the figure states
(● a number, ◆ "about", ▲ "more than / at least", ▼ "less than / at most", ■ a vague
magnitude), the colour says the outlet (ten colours, the rest "others" in grey), a thin
bar the band the check compared, a red ring and a red line a violation. The y axis fits
the data, the date axis suits the span, the legend sits outside the data.

Uses matplotlib's Agg backend through the object API (no pyplot global state) and
returns PNG bytes; the caller writes the file.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as PlotFigure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from figures.check import bands, figure_dates

#: At most this many outlets get their own colour; the rest are "others", in grey.
MAX_COLOURED = 10
OTHERS_COLOUR = "#9a9a9a"
VIOLATION_COLOUR = "#d62728"
#: What each qualifier's marker means (the legend says the same words).
MARKERS: dict[str, tuple[str, str]] = {
    "exact": ("o", "a number"), "range": ("o", "a number"),
    "approx": ("D", "about"),
    "at_least": ("^", "more than / at least"), "more_than": ("^", "more than / at least"),
    "at_most": ("v", "less than / at most"), "less_than": ("v", "less than / at most"),
    "vague": ("s", "vague (hundreds of)"),
}
#: A date further from the middle half of the dates than this many times its width is left
#: off the axis (and named on the plot), unless a violation involves it.
OUTLIER_SPREAD = 4.0
#: Characters per line of the title before it wraps.
TITLE_WIDTH = 95


def timeline_png(figures: pd.DataFrame, findings: pd.DataFrame, title: str,
                 open_ends: float | str | None = None, dated_by: str = "as_of") -> bytes:
    """PNG of one rule's figures (``figures``: the rows the rule selected) over time."""
    plot = PlotFigure(figsize=(11, 5.2), dpi=100, layout="constrained")
    FigureCanvasAgg(plot)
    axes = plot.add_subplot()
    frame = figures.assign(_date=figure_dates(figures, dated_by)).dropna(subset=["_date"])
    frame = frame.reset_index(drop=True)
    lo, hi = bands(frame, open_ends)
    stated = frame["value"].fillna(frame["low"]).fillna(frame["high"]).to_numpy(dtype=float)
    marked = _violating(frame, findings)
    shown, hidden = _date_window(frame["_date"], marked)
    outlets = frame["outlet"].fillna("(no outlet)")
    order = outlets[shown].value_counts().index.tolist()
    colour_of = {outlet: (f"C{i}" if i < MAX_COLOURED else OTHERS_COLOUR)
                 for i, outlet in enumerate(order)}
    colours = outlets.map(colour_of).fillna(OTHERS_COLOUR).to_numpy()
    dates = frame["_date"].to_numpy()
    qualifiers = frame["qualifier"].fillna("exact").to_numpy()
    closed = np.isfinite(lo) & np.isfinite(hi) & (hi > lo) & shown
    if closed.any():
        axes.vlines(dates[closed], lo[closed], hi[closed], colors=colours[closed], alpha=0.45,
                    linewidth=2.5, zorder=2)
    _draw_band(axes, findings)
    for qualifier in dict.fromkeys(qualifiers):
        mask = (qualifiers == qualifier) & shown & ~np.isnan(stated)
        if mask.any():
            marker = MARKERS.get(str(qualifier), ("o", ""))[0]
            axes.scatter(dates[mask], stated[mask], c=colours[mask], marker=marker, s=44,
                         zorder=3, edgecolors="white", linewidths=0.5)
    pairs = _pairs(findings)
    for (x0, y0), (x1, y1) in pairs:
        axes.plot([x0, x1], [y0, y1], color=VIOLATION_COLOUR, linewidth=1.3, alpha=0.8,
                  zorder=4)
    ring = marked & shown & ~np.isnan(stated)
    if ring.any():
        axes.scatter(dates[ring], stated[ring], s=150, facecolors="none",
                     edgecolors=VIOLATION_COLOUR, linewidths=1.6, zorder=5)
    _fit_axes(axes, frame, stated, lo, hi, shown, findings)
    if hidden:
        # Beside the data, under the legend: a note never covers a figure.
        axes.text(1.01, 0.0, textwrap.fill(hidden, 30), transform=axes.transAxes, fontsize=7.5,
                  color="#555555", va="bottom", ha="left")
    head, _, label = title.partition(": ")
    wrapped = textwrap.fill(label, TITLE_WIDTH) if label else ""
    axes.set_title(head + ("\n" + wrapped if wrapped else ""), fontsize=10, loc="left")
    axes.set_ylabel("stated figure")
    axes.grid(alpha=0.3)
    axes.yaxis.set_major_formatter(lambda value, _pos: f"{value:,.0f}")
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=True))
    handles = _legend(order, colour_of, set(map(str, qualifiers)), bool(pairs or ring.any()),
                      findings, bars=bool(closed.any()))
    axes.legend(handles=handles, fontsize=7.5, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                borderaxespad=0, frameon=False)
    buffer = io.BytesIO()
    plot.savefig(buffer, format="png")
    return buffer.getvalue()


def _legend(order: list[str], colour_of: dict[str, str], qualifiers: set[str], violations: bool,
            findings: pd.DataFrame, bars: bool = True) -> list[Any]:
    """Outlets as colour patches (ten, then "others"), then the markers, the band, violations."""
    handles: list[Any] = [Patch(color=colour_of[o], label=o) for o in order[:MAX_COLOURED]]
    if len(order) > MAX_COLOURED:
        handles.append(Patch(color=OTHERS_COLOUR,
                             label=f"others ({len(order) - MAX_COLOURED} outlets)"))
    seen: set[str] = set()
    for qualifier in MARKERS:
        marker, words = MARKERS[qualifier]
        if qualifier in qualifiers and words not in seen:
            seen.add(words)
            handles.append(Line2D([], [], linestyle="none", marker=marker, color="#444444",
                                  markersize=6, label=words))
    if bars:
        handles.append(Line2D([], [], color="#444444", alpha=0.45, linewidth=2.5,
                              label="band compared"))
    if _band_points(findings):
        handles.append(Patch(color="#1f77b4", alpha=0.15, label="consensus band"))
    if violations:
        handles.append(Line2D([], [], color=VIOLATION_COLOUR, marker="o", markerfacecolor="none",
                              markersize=9, linewidth=1.3, label="violation (pair joined)"))
    return handles


def _date_window(dates: pd.Series, marked: np.ndarray) -> tuple[np.ndarray, str]:
    """Which figures the date axis shows, and a note naming those left off (far outliers
    that no violation involves)."""
    shown = np.ones(len(dates), dtype=bool)
    if len(dates) < 5:
        return shown, ""
    days = dates.to_numpy(dtype="datetime64[D]").astype(np.int64)
    q1, q3 = np.percentile(days, [25, 75])
    width = max(q3 - q1, 30.0)
    far = ((days < q1 - OUTLIER_SPREAD * width) | (days > q3 + OUTLIER_SPREAD * width)) & ~marked
    if not far.any():
        return shown, ""
    left = sorted({str(d)[:10] for d in dates[far]})
    shown = ~far
    listed = ", ".join(left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
    return shown, f"{int(far.sum())} figure{'s' * (int(far.sum()) != 1)} far outside the " \
        f"other dates not shown ({listed})"


def _fit_axes(axes: Any, frame: pd.DataFrame, stated: np.ndarray, lo: np.ndarray,
              hi: np.ndarray, shown: np.ndarray, findings: pd.DataFrame) -> None:
    """The y axis fitted to the shown figures (and the band), not from zero."""
    values = [stated[shown & ~np.isnan(stated)]]
    closed = shown & np.isfinite(lo) & np.isfinite(hi)
    values += [lo[closed], hi[closed]]
    band = _band_points(findings)
    values += [np.array([point[key] for point in band for key in ("low", "high")
                         if point.get(key) is not None], dtype=float)]
    finite = np.concatenate([v[np.isfinite(v)] for v in values]) if values else np.array([])
    if finite.size:
        low, high = float(finite.min()), float(finite.max())
        pad = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
        axes.set_ylim(low - pad, high + pad)
    dates = frame["_date"][shown]
    if len(dates):
        first, last = dates.min(), dates.max()
        margin = max((last - first) * 0.04, pd.Timedelta(days=1))
        axes.set_xlim(first - margin, last + margin)


def _band_points(findings: pd.DataFrame) -> list[dict[str, Any]]:
    """The consensus band's points, from a ``band`` column of the findings (when there is one):
    each a dict with date, low, best, high."""
    if "band" not in findings.columns:
        return []
    points: dict[tuple[str, str], dict[str, Any]] = {}
    for band in findings["band"]:
        if isinstance(band, list):
            for point in band:
                if isinstance(point, dict) and point.get("date"):
                    points.setdefault((str(point.get("group", "")), str(point["date"])), point)
    return [points[key] for key in sorted(points)]


def _draw_band(axes: Any, findings: pd.DataFrame) -> None:
    """Each group's band (claimants are reconciled apart) shaded on its own."""
    by_group: dict[str, list[dict[str, Any]]] = {}
    for point in _band_points(findings):
        by_group.setdefault(str(point.get("group", "")), []).append(point)
    for points in by_group.values():
        dates = pd.to_datetime([point["date"] for point in points]).to_numpy()
        low = np.array([_number(point.get("low")) for point in points])
        high = np.array([_number(point.get("high")) for point in points])
        best = np.array([_number(point.get("best")) for point in points])
        axes.fill_between(dates, low, high, color="#1f77b4", alpha=0.15, step="post",
                          zorder=1, linewidth=0)
        if np.isfinite(best).any():
            axes.plot(dates, best, color="#1f77b4", alpha=0.6, linewidth=1,
                      drawstyle="steps-post", zorder=1)


def _number(value: Any) -> float:
    return float(value) if value is not None else np.nan


def _stated(record: dict[str, Any]) -> float | None:
    for key in ("value", "low", "high"):
        if record.get(key) is not None:
            return float(record[key])
    return None


def _pairs(findings: pd.DataFrame) -> list[tuple[tuple[Any, float], tuple[Any, float]]]:
    """The two figures of each violation that names a pair, as (date, stated) ends."""
    out = []
    for records in findings.loc[findings["status"] == "fail", "figures"]:
        if len(records) < 2:
            continue
        ends = []
        for record in records[:2]:
            number = _stated(record)
            if record.get("date") is None or number is None:
                break
            ends.append((pd.Timestamp(record["date"]).to_datetime64(), number))
        if len(ends) == 2:
            out.append((ends[0], ends[1]))
    return out


def _violating(frame: pd.DataFrame, findings: pd.DataFrame) -> np.ndarray:
    """Rows of ``frame`` that a violation names (matched on doc and offsets)."""
    named = {(str(record["doc"]), record["start"], record["end"])
             for records in findings.loc[findings["status"] == "fail", "figures"]
             for record in records}
    keys = zip(frame["doc"].astype(str), frame["start"], frame["end"], strict=True)
    return np.array([key in named for key in keys], dtype=bool)
