"""Timeline plots for the report: each outlet's figures over time, bands drawn, violations marked.

Uses matplotlib's Agg backend through the object API (no pyplot global state) and
returns PNG bytes; the caller writes the file.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as PlotFigure

from figures.check import bands, figure_dates

#: At most this many outlets get their own colour; the rest share grey.
MAX_COLOURED = 10


def timeline_png(figures: pd.DataFrame, findings: pd.DataFrame, title: str,
                 open_ends: float | str | None = None, dated_by: str = "as_of") -> bytes:
    """PNG of one rule's figures (``figures``: the rows the rule selected) over time.

    Each figure is a vertical bar from its low to its high bound (an arrow where
    the band is open) through its stated value; figures named in a violation of
    ``findings`` are circled in red.
    """
    plot = PlotFigure(figsize=(10, 5), dpi=100)
    FigureCanvasAgg(plot)
    axes = plot.add_subplot()
    frame = figures.assign(_date=figure_dates(figures, dated_by)).dropna(subset=["_date"])
    lo, hi = bands(frame, open_ends)
    stated = frame["value"].fillna(frame["low"]).fillna(frame["high"]).to_numpy(dtype=float)
    finite = np.concatenate([lo[np.isfinite(lo)], hi[np.isfinite(hi)], stated[~np.isnan(stated)]])
    top = float(finite.max()) * 1.1 if finite.size else 1.0
    bottom = min(0.0, float(finite.min())) if finite.size else 0.0
    outlets = frame["outlet"].fillna("(no outlet)")
    order = outlets.value_counts().index.tolist()
    for index, outlet in enumerate(order):
        mask = (outlets == outlet).to_numpy()
        colour = _colour(index)
        dates = frame["_date"].to_numpy()[mask]
        low = np.clip(lo[mask], bottom, top)
        high = np.clip(hi[mask], bottom, top)
        axes.vlines(dates, low, high, colors=colour, alpha=0.5, linewidth=3)
        axes.scatter(dates, stated[mask], color=colour, s=18, zorder=3,
                     label=outlet if index < MAX_COLOURED else None)
        opened = mask & ~np.isfinite(hi)
        if opened.any():
            axes.scatter(frame["_date"].to_numpy()[opened], np.clip(lo[opened], bottom, top),
                         marker="^", color=colour, s=30, zorder=3)
    marked = _violating(frame, findings)
    if marked.any():
        axes.scatter(frame["_date"].to_numpy()[marked], stated[marked], s=160,
                     facecolors="none", edgecolors="red", linewidths=1.8, zorder=4,
                     label="in a violation")
    axes.set_ylim(bottom, top)
    axes.set_title(title)
    axes.set_ylabel("figure (bars: bounds; ▲: open above)")
    axes.grid(alpha=0.3)
    axes.legend(fontsize=7, loc="upper left", ncols=2)
    axes.yaxis.set_major_formatter(lambda value, _pos: f"{value:,.0f}")
    plot.autofmt_xdate()
    plot.tight_layout()
    buffer = io.BytesIO()
    plot.savefig(buffer, format="png")
    return buffer.getvalue()


def _colour(index: int) -> str:
    if index >= MAX_COLOURED:
        return "#999999"
    return f"C{index}"


def _violating(frame: pd.DataFrame, findings: pd.DataFrame) -> np.ndarray:
    """Rows of ``frame`` that a violation names (matched on doc and offsets)."""
    named = {(str(record["doc"]), record["start"], record["end"])
             for records in findings.loc[findings["status"] == "fail", "figures"]
             for record in records}
    keys = zip(frame["doc"].astype(str), frame["start"], frame["end"], strict=True)
    return np.array([key in named for key in keys], dtype=bool)
