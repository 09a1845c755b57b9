"""Rules over a whole declaration: per-item totals, duplicates, 汇总表 arithmetic."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from rebate.calc.checks.catalogue import RecordRef
from rebate.calc.checks.finding import Finding, on_line
from rebate.calc.checks.model import CheckContext, DeclaredLine
from rebate.calc.money import ZERO

DeclarationRule = Callable[[Sequence[DeclaredLine], CheckContext], Iterator[Finding]]
SUMMARY_TABLE = "SBHZ"


def _by_item_key(lines: Sequence[DeclaredLine]) -> dict[str, list[DeclaredLine]]:
    groups: dict[str, list[DeclaredLine]] = {}
    for line in lines:
        groups.setdefault(line.item_key, []).append(line)
    return groups


def remaining_quantities(lines: Sequence[DeclaredLine], ctx: CheckContext) -> Iterator[Finding]:
    """CKSL / USDLAJ / RMBLAJ [verified: TAX-SYS]: per item, a positive Σ declared must not
    exceed customs − already declared − 退运 − 代理 (FOB values with a tolerance of 1). The FOB
    checks apply only once part of the item is used up (remaining < customs' figure): an item
    declared for the first time is compared by USDLAJ_CY instead, since the declared FOB is at
    the enterprise's rate and customs' at its own monthly rate."""
    if ctx.customs is None:
        return
    for key, group in _by_item_key(lines).items():
        record = ctx.customs.get(key)
        if record is None:
            continue  # WDZXX is reported per line
        earlier = ctx.earlier.get(key)
        checks = (
            ("CKSL", [line.quantity for line in group], record.quantity,
             earlier.quantity if earlier else ZERO, record.returned_quantity,
             record.agent_quantity, ZERO, False),
            ("USDLAJ", [line.fob_usd for line in group], record.fob_usd,
             earlier.fob_usd if earlier else ZERO, record.returned_fob_usd,
             record.agent_fob_usd, ctx.remaining_tolerance, True),
            ("RMBLAJ", [line.fob_cny for line in group], record.fob_cny,
             earlier.fob_cny if earlier else ZERO, record.returned_fob_cny,
             record.agent_fob_cny, ctx.remaining_tolerance, True),
        )  # fmt: skip
        for suffix, values, customs, before, returned, agent, tolerance, after_use in checks:
            declared = sum(values, ZERO)
            available = customs - before - returned - agent
            if after_use and available >= customs:
                continue
            if declared > 0 and declared > available + tolerance:
                yield on_line(
                    "MDT_CKHW_BGD_" + suffix, group[0], declared=declared, available=available
                )


def duplicate_item_keys(lines: Sequence[DeclaredLine], ctx: CheckContext) -> Iterator[Finding]:
    """The same 报关单号 + 项号 twice in one declaration, red-letter lines excepted."""
    for group in _by_item_key(lines).values():
        ordinary = [line for line in group if not line.is_red_letter]
        for line in ordinary[1:]:
            yield on_line("LOCAL_DUPLICATE_ITEM", line)


def summary_arithmetic(lines: Sequence[DeclaredLine], ctx: CheckContext) -> Iterator[Finding]:
    """The 汇总表 identities of DOMAIN §3 hold for ``ctx.summary``."""
    if ctx.summary is None:
        return
    r = ctx.summary.as_rows()
    row15 = max(r[10] - r[13] + r[14], ZERO)
    expected: dict[int, Decimal] = {
        1: r[2] + r[3],
        5: r[6] + r[7],
        9: r[5] + r[8],
        10: r[11] + r[12],
        15: row15,
        16: r[13] - r[10] - r[14] + r[15],
        18: min(r[15], r[17]),
        19: r[15] - r[18],
    }
    for row, value in expected.items():
        if r[row] != value:
            yield Finding(
                "LOCAL_SUMMARY_ARITHMETIC",
                RecordRef(SUMMARY_TABLE, str(row)),
                {"row": row, "expected": value, "actual": r[row]},
            )


DECLARATION_RULES: tuple[DeclarationRule, ...] = (
    remaining_quantities,
    duplicate_item_keys,
    summary_arithmetic,
)
