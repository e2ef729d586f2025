"""quantulum3 alone as a figure extractor: the baseline figures is measured against.

Each quantity quantulum3 finds becomes a figure record with its surface, value
and unit; quantulum3 knows no qualifiers, counted nouns or metrics, so the
qualifier is "exact" and the metric is inferred from the unit's entity only
(currency -> money, time -> duration, length -> distance, else other).
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    # quantulum3 warns at import time when its optional classifier is absent.
    warnings.simplefilter("ignore")
    from quantulum3 import parser

ENTITY_METRIC = {"currency": "money", "time": "duration", "length": "distance"}
UNIT_NAMES = {"year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour",
              "minute": "minute", "kilometre": "km", "metre": "m", "kilogram": "kg",
              "percentage": "percent", "dimensionless": "count", "mile": "mile"}


def quantulum_records(doc: str, text: str) -> list[dict]:
    """quantulum3's quantities in ``text`` as figure records."""
    records = []
    for quantity in parser.parse(text):
        start, end = quantity.span
        unit = getattr(quantity.unit, "currency_code", None) or UNIT_NAMES.get(
            quantity.unit.name, quantity.unit.name)
        metric = ENTITY_METRIC.get(quantity.unit.entity.name, "other")
        if quantity.unit.name == "percentage":
            metric = "share"
        value = float(quantity.value)
        records.append({"doc": doc, "start": start, "end": end, "text": quantity.surface,
                        "value": value, "low": value, "high": value, "qualifier": "exact",
                        "unit": unit, "metric": metric, "noun": None, "cumulative": False})
    return records
