"""The checks within one sentence or document: no part above its whole, parts add up to a total."""

from __future__ import annotations

import numpy as np
import pandas as pd

from figures.check.evidence import Records, Violation, describe, number_text
from figures.check.selection import amount_of, bands, factorized, figure_dates, selection_mask
from figures.rules import PartOf, Selection, Sum


def _scope_keys(scope: str) -> list[str]:
    return ["doc", "sentence"] if scope == "sentence" else ["doc"]


def _two_roles(figures: pd.DataFrame, rule: PartOf | Sum, base: pd.Series, first: Selection,
               second: Selection) -> tuple[pd.DataFrame, pd.Series, pd.Series, np.ndarray,
                                           np.ndarray]:
    """Dated figures with their bands, and masks of two roles (a figure takes the first only).

    Shared by part_of (part, whole) and sum (total, parts).
    """
    frame = figures[base.to_numpy()]  # only the rule's figures: the roles are among them
    frame = frame.assign(date=figure_dates(frame, rule.dated_by))
    is_first = selection_mask(frame, first, rule.dated_by, frame["date"])
    is_second = ~is_first & selection_mask(frame, second, rule.dated_by, frame["date"])
    lo, hi = bands(frame, rule.open_ends)
    frame = frame.assign(_lo=lo, _hi=hi, _pos=np.arange(len(frame)))
    return frame, is_first, is_second, lo, hi


def check_part_of(figures: pd.DataFrame, rule: PartOf, base: pd.Series) -> tuple[
        list[Violation], int, pd.DataFrame]:
    frame, is_part, is_whole, lo, hi = _two_roles(figures, rule, base, rule.part, rule.whole)
    # the scope's keys as codes (-1 where missing): a join on integers, not on texts
    keys = [f"_{key}" for key in _scope_keys(rule.scope)]
    coded = frame[["start", "_pos", "_lo"]].assign(**{
        key: factorized(frame[key[1:]]) for key in keys})
    parts = coded[is_part.to_numpy()].sort_values("start")
    wholes = coded[is_whole.to_numpy()].sort_values("start")[[*keys, "start", "_pos"]]
    wholes = wholes.rename(columns={"_pos": "_whole"})
    parts = parts[(parts[keys] >= 0).all(axis=1).to_numpy()]
    wholes = wholes[(wholes[keys] >= 0).all(axis=1).to_numpy()]
    if parts.empty or wholes.empty:
        return [], 0, frame.iloc[0:0]
    parts = parts.astype({"start": np.int64})
    wholes = wholes.astype({"start": np.int64})
    paired = pd.merge_asof(parts[[*keys, "start", "_pos", "_lo"]], wholes, on="start", by=keys,
                           direction="nearest").dropna(subset=["_whole"])
    whole_pos = paired["_whole"].to_numpy().astype(np.int64)
    part_pos = paired["_pos"].to_numpy()
    excess = lo[part_pos] - hi[whole_pos]
    bad = excess > amount_of(rule.tolerance, lo[part_pos])
    out = []
    records = Records(frame, (lo, hi)).prepare(np.concatenate([part_pos[bad], whole_pos[bad]]))
    for part, whole in zip(part_pos[bad], whole_pos[bad], strict=True):
        p, w = records.record(int(part), "part"), records.record(int(whole), "whole")
        message = (f"the part {describe(p)} ({p['noun'] or 'unnamed'}) is larger than its whole "
                   f"{describe(w)} ({w['noun'] or 'unnamed'}) in the same {rule.scope} "
                   f"({p['outlet']}, {p['date']})")
        out.append(Violation(message, [p, w], int(part)))
    involved = np.union1d(part_pos, whole_pos)
    return out, len(paired), frame.iloc[involved]


def check_sum(figures: pd.DataFrame, rule: Sum, base: pd.Series) -> tuple[
        list[Violation], int, pd.DataFrame]:
    frame, is_total, is_part, lo, hi = _two_roles(figures, rule, base, rule.total, rule.parts)
    keys = _scope_keys(rule.scope)
    parts = frame[is_part.to_numpy()].dropna(subset=keys)
    sums = parts.groupby(keys, sort=False).agg(
        _sum_lo=("_lo", "sum"), _sum_hi=("_hi", "sum"), _parts=("_pos", list)).reset_index()
    totals = frame[is_total.to_numpy()].dropna(subset=keys)
    joined = totals.merge(sums, on=keys, how="inner")
    gap = np.maximum(joined["_sum_lo"] - joined["_hi"], joined["_lo"] - joined["_sum_hi"])
    bad = (gap > amount_of(rule.tolerance, joined["_lo"].abs().to_numpy())).to_numpy()
    out = []
    records = Records(frame, (lo, hi))
    for _, row in joined[bad].iterrows():
        t = records.record(int(row["_pos"]), "total")
        records.prepare(row["_parts"])
        part_records = [records.record(int(p), "part") for p in row["_parts"]]
        stated = " + ".join(describe(p) for p in part_records)
        message = (f"the parts add up to {number_text(row['_sum_lo'])}"
                   + (f"-{number_text(row['_sum_hi'])}" if row["_sum_hi"] != row["_sum_lo"]
                      else "")
                   + f" ({stated}) but the stated total is {describe(t)} "
                   f"({t['outlet']}, {t['date']})")
        out.append(Violation(message, [t, *part_records], int(row["_pos"])))
    involved = np.unique(np.concatenate(
        [joined["_pos"].to_numpy(), *[np.asarray(p) for p in joined["_parts"]]]
    ).astype(np.int64)) if len(joined) else np.array([], dtype=np.int64)
    return out, len(joined), frame.iloc[involved]
