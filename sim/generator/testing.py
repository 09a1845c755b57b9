"""Shared test fixtures' data: a small seeded enterprise (used by sim and integration tests)."""

from __future__ import annotations

from datetime import date

from .seed import SeedOptions

# Four months: two declared (history, with a written-off manual), two open with anomalies.
SMALL = SeedOptions(
    customs_code="4403960T01",
    months=4,
    scale="small",
    anomalies=0.05,
    seed=7,
    until=date(2026, 11, 1),
)
OTHER = SeedOptions(customs_code="4419960T02", months=2, scale="small", anomalies=0.0, seed=8)
