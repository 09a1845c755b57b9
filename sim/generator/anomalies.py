"""Planting the cases that trigger each doubt rule, and recording what was planted.

Two kinds of anomaly:

* in the customs data itself (a declaration never cleared → no e-info; a 来料加工 declaration;
  a 改单 of the FOB value) — the product meets them when it declares from customs data;
* in the enterprise's own declaration (the reference package the generator builds): an
  invoice FOB 10 % off, another commodity code, a wrong export date, too much quantity, a
  missing 手册号 or 分配率, an item declared again.

Each planted case is one declaration (never two cases on the same one, so their doubts do not
interact) and is recorded per item key with the doubt code(s) it must raise.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from rebate.calc.money import round_amount, round_quantity
from rebate.calc.periods import Period
from sim.customs import models as customs

from . import reference
from .customs_month import GeneratedDeclaration, fob_rows

_BGD = "MDT_CKHW_BGD_"
# kind → expected doubt codes (in the order the rules report them)
KINDS: dict[str, tuple[str, ...]] = {
    "no_einfo": (_BGD + "WDZXX",),
    "fob_diff": (_BGD + "USDLAJ_CY",),
    "fob_amended": (_BGD + "USDLAJ_GD",),
    "code_changed": (_BGD + "SPDM",),
    "date_mismatch": (_BGD + "CKRQ",),
    "non_refundable": (_BGD + "MYXZ_BTS",),
    "duplicate": (_BGD + "LSSBJL", _BGD + "CKSL", _BGD + "USDLAJ", _BGD + "RMBLAJ"),
    "over_quantity": (_BGD + "CKSL",),
    "missing_manual": ("MDT_JLJG_BDG_NOSCH",),
    "missing_rate": ("MDT_JLJG_BDG_NOFPLV",),
}
EXCHANGE_LAG = "exchange_lag"
WDZXX = _BGD + "WDZXX"
PROCESSING_KINDS = frozenset({"missing_manual", "missing_rate"})
MIN_FOB = Decimal(50)


@dataclass
class Planted:
    kind: str
    item_key: str
    overrides: dict[str, str] = field(default_factory=dict)


def _key(generated: GeneratedDeclaration, item: customs.DeclarationItem) -> str:
    return f"{generated.head.entry_id}0{item.g_no:02d}"


def _other_code(code: str, customs_code: str) -> str:
    for product in reference.catalogue(customs_code):
        if product.code[:4] != code[:4]:
            return product.code
    raise ValueError("catalogue too small to change a commodity code")


def _plant_item(kind: str, generated: GeneratedDeclaration, customs_code: str) -> list[Planted]:
    head, item = generated.head, generated.items[0]
    key = _key(generated, item)
    if kind == "fob_diff":
        return [Planted(kind, key, {"fob_usd": str(round_amount(item.fob_usd * Decimal("0.9")))})]
    if kind == "code_changed":
        return [Planted(kind, key, {"commodity_code": _other_code(item.code_ts, customs_code)})]
    if kind == "date_mismatch":
        return [Planted(kind, key, {"export_date": (head.ie_date - timedelta(days=1)).isoformat()})]
    if kind == "over_quantity":
        return [
            Planted(kind, key, {"quantity": str(round_quantity(item.first_qty * Decimal("1.5")))})
        ]
    if kind == "missing_manual":
        return [Planted(kind, key, {"manual_no": ""})]
    if kind == "missing_rate":
        return [Planted(kind, key, {"allocation_rate": ""})]
    if kind == "fob_amended":
        generated.head.amended = True  # the 改单 rows are written after the items are saved
        return [Planted(kind, key, {"amend_fob": "0.92"})]
    raise ValueError(kind)


def _plant_declaration(kind: str, generated: GeneratedDeclaration) -> list[Planted]:
    head = generated.head
    if kind == "no_einfo":
        head.clearance_date = None  # never cleared: customs sends no e-info to the bureau
    elif kind == "non_refundable":
        head.trade_mode, head.cut_mode, head.manual_no = "0214", "502", ""
    return [Planted(kind, _key(generated, item)) for item in generated.items]


def _eligible(kind: str, generated: GeneratedDeclaration, received_by: date) -> bool:
    """A case must be on a declaration the bureau will have received (else only WDZXX)."""
    cleared = generated.head.clearance_date
    if cleared is None or cleared > received_by:
        return False
    processing = generated.head.trade_mode != "0110"
    if kind in PROCESSING_KINDS:
        return processing
    return not processing and generated.items[0].fob_usd >= MIN_FOB


def plant(
    months: list[list[GeneratedDeclaration]],
    rate: float,
    rng: random.Random,
    customs_code: str,
    with_history: bool,
    received_by: date,
) -> list[tuple[int, Planted]]:
    """Plant at ``rate`` of the open months' declarations, every kind at least once.

    Returns (month index, planted case) pairs; "duplicate" cases carry no item yet (the
    seeding step picks an item of an already declared month for them).
    """
    if rate <= 0:
        return []
    pool = [(index, g) for index, month in enumerate(months) for g in month]
    rng.shuffle(pool)
    kinds = [kind for kind in KINDS if with_history or kind != "duplicate"]
    wanted = max(len(kinds), round(rate * len(pool)))
    planted: list[tuple[int, Planted]] = []
    for number in range(wanted):
        kind = kinds[number % len(kinds)]
        if kind == "duplicate":
            planted.append((rng.randrange(len(months)), Planted(kind, "")))
            continue
        found = next((p for p in pool if _eligible(kind, p[1], received_by)), None)
        if found is None:
            continue
        pool.remove(found)
        index, generated = found
        cases = (
            _plant_declaration(kind, generated)
            if kind in ("no_einfo", "non_refundable")
            else _plant_item(kind, generated, customs_code)
        )
        planted.extend((index, case) for case in cases)
    return planted


def write_amendments(declarations: list[GeneratedDeclaration], planted: list[Planted]) -> None:
    """改单 rows for the fob_amended cases (items must be saved already).

    A price correction: the item's 成交总价 falls by 8 % and customs recomputes the FOB of the
    declaration's items at its monthly rate (the product computes its line from the 原币FOB,
    so the amended total is what makes its line agree with the 改单 figures)."""
    amended_keys = {case.item_key for case in planted if case.kind == "fob_amended"}
    for generated in declarations:
        head, first = generated.head, generated.items[0]
        if _key(generated, first) not in amended_keys:
            continue
        old_usd, old_cny = first.fob_usd, first.fob_cny
        first.decl_total = round_amount(first.decl_total * Decimal("0.92"))
        first.decl_price = (first.decl_total / first.g_qty).quantize(Decimal("0.00001"))
        fob_rows(head, generated.items, reference.monthly_rates(Period.of(head.ie_date)))
        stored = {i.g_no: i for i in customs.DeclarationItem.objects.filter(declaration=head)}
        for item in generated.items:
            row = stored[item.g_no]
            row.decl_total, row.decl_price = item.decl_total, item.decl_price
            row.fob_orig, row.fob_usd, row.fob_cny = item.fob_orig, item.fob_usd, item.fob_cny
            row.save(update_fields=["fob_orig", "fob_usd", "fob_cny", "decl_total", "decl_price"])
        customs.Amendment.objects.create(
            item=stored[first.g_no], amend_date=head.ie_date + timedelta(days=6),
            reason="成交价格更正", old_fob_usd=old_usd, new_fob_usd=first.fob_usd,
            old_fob_cny=old_cny, new_fob_cny=first.fob_cny,
        )  # fmt: skip
