"""One month of an enterprise's export declarations, built in memory (unsaved model rows).

Anomalies are planted on these rows before they are saved (see ``anomalies``); ``save_month``
then writes them with bulk inserts, two statements per month whatever its size.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from rebate.calc.fob import Declaration as FobDeclaration
from rebate.calc.fob import DeclarationItem as FobItem
from rebate.calc.fob import Fee, FeeMark, TransactionTerm, derive_fob
from rebate.calc.money import round_amount
from rebate.calc.periods import Period
from sim.customs import models as customs
from sim.customs.bulk import fast_insert

from . import reference
from .profile import Scale, enterprise_hash

SLOTS_PER_MONTH = 8000  # entry-id sequence block per month (large scale stays below it)
EXIT_CUSTOMS = "5301"  # 深圳关区 family: 申报地/出境关别 of the generated declarations


@dataclass
class GeneratedDeclaration:
    head: customs.Declaration
    items: list[customs.DeclarationItem] = field(default_factory=list)


@dataclass
class MonthContext:
    enterprise: customs.Enterprise
    period: Period
    scale: Scale
    rng: random.Random
    manual_for: dict[date, str]  # 手册号 active on a date ("" = none)

    @property
    def rates(self) -> dict[str, Decimal]:
        return reference.monthly_rates(self.period)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return str(rng.choices(values, weights)[0])


def entry_id(ctx: MonthContext, index: int) -> str:
    sequence = (ctx.period.month - 1) * SLOTS_PER_MONTH + index + 1
    ent = enterprise_hash(ctx.enterprise.customs_code)
    return f"{EXIT_CUSTOMS}{ctx.period.year}0{ent:04d}{sequence:05d}"


def _fees(rng: random.Random, term: str) -> dict[str, object]:
    fees: dict[str, object] = {}
    if term in ("1", "2"):  # CIF, C&F carry freight
        # A rate mark (percent of the total) can never exceed the declaration's value.
        fees.update(fee_mark="1", fee_rate=Decimal(rng.randint(1, 5)), fee_curr="")
    if term == "1":
        fees.update(insur_mark="1", insur_rate=Decimal("0.3"), insur_curr="")
    return fees


def fob_rows(
    head: customs.Declaration, items: list[customs.DeclarationItem], rates: dict[str, Decimal]
) -> None:
    """Customs-computed 原币/美元/人民币离岸价 per item at its monthly rates (rebate.calc.fob,
    DOMAIN §12.5)."""
    freight = insurance = None
    if head.fee_mark:
        freight = Fee(FeeMark(head.fee_mark), head.fee_rate or Decimal(0), head.fee_curr or "USD")
    if head.insur_mark:
        insurance = Fee(FeeMark(head.insur_mark), head.insur_rate or Decimal(0))
    result = derive_fob(
        FobDeclaration(
            transaction_term=TransactionTerm(head.trans_mode),
            currency=items[0].trade_curr,
            items=[FobItem(str(item.g_no), item.decl_total) for item in items],
            rates=rates,
            freight=freight,
            insurance=insurance,
            gross_weight_kg=head.gross_wt,
        )
    )
    for item, fob in zip(items, result.items, strict=True):
        item.fob_orig, item.fob_usd, item.fob_cny = fob.fob, fob.fob_usd, fob.fob_cny


def _item(ctx: MonthContext, g_no: int, currency: str, country: str) -> customs.DeclarationItem:
    rng = ctx.rng
    product = rng.choice(reference.catalogue(ctx.enterprise.customs_code))
    integer = product.unit in reference.UNITS_WITH_INTEGER_QUANTITIES
    quantity = Decimal(rng.randint(10, 2000)) if integer else Decimal(rng.randint(50, 20000)) / 10
    usd_price = product.unit_price_usd * Decimal(rng.randint(85, 115)) / 100
    rates = ctx.rates
    price = round_amount(usd_price * rates["USD"] / rates.get(currency, Decimal(1)))
    total = round_amount(quantity * price)
    return customs.DeclarationItem(
        g_no=g_no,
        code_ts=product.code,
        g_name=product.name,
        g_model=f"型号{rng.randint(100, 999)}|无品牌",
        g_qty=quantity,
        g_unit=product.unit,
        first_qty=quantity,
        first_unit=product.unit,
        decl_price=price,
        decl_total=total,
        trade_curr=currency,
        origin_country="CHN",
        destination_country=country,
        duty_mode="3",
        district_code="44031",
    )


def declaration(ctx: MonthContext, index: int) -> GeneratedDeclaration:
    rng = ctx.rng
    last_day = ctx.period.last_day.day
    ie_date = date(ctx.period.year, ctx.period.month, rng.randint(1, last_day))
    trade_mode = _pick(rng, reference.TRADE_MODES)
    manual_no = ctx.manual_for.get(ie_date, "") if trade_mode != "0110" else ""
    if trade_mode != "0110" and not manual_no:
        trade_mode = "0110"
    term, traf = _pick(rng, reference.TRANSACTION_TERMS), _pick(rng, reference.TRANSPORT_MODES)
    currency, country = _pick(rng, reference.CURRENCIES), _pick(rng, reference.DESTINATIONS)
    number = entry_id(ctx, index)
    head = customs.Declaration(
        enterprise=ctx.enterprise,
        entry_id=number,
        seq_no=f"S{number[1:]}",
        ie_flag="E",
        ie_date=ie_date,
        d_date=ie_date - timedelta(days=rng.randint(0, 2)),
        clearance_date=ie_date + timedelta(days=rng.randint(1, 4)),
        custom_master=EXIT_CUSTOMS,
        ie_port=EXIT_CUSTOMS,
        trade_mode=trade_mode,
        cut_mode="101" if trade_mode == "0110" else "503",
        traf_mode=traf,
        traf_name=f"VESSEL{rng.randint(10, 99)}" if traf == "2" else "",
        bill_no=f"BL{number[-10:]}",
        trans_mode=term,
        trade_country=country,
        trade_area_code=country,
        distinate_port=f"{reference.numeric_countries().get(country, '502')}001",
        enty_port_code=reference.EXIT_PORTS[traf],
        pack_no=rng.randint(1, 400),
        wrap_type="22",
        gross_wt=Decimal(rng.randint(100, 20000)),
        net_wt=Decimal(rng.randint(80, 19000)),
        contr_no=f"HT{ctx.period}{index + 1:05d}",
        manual_no=manual_no,
        **_fees(rng, term),
    )
    count = ctx.scale.item_count(rng)
    generated = GeneratedDeclaration(
        head, [_item(ctx, g, currency, country) for g in range(1, count + 1)]
    )
    fob_rows(head, generated.items, ctx.rates)
    return generated


def generate_month(ctx: MonthContext) -> list[GeneratedDeclaration]:
    low, high = ctx.scale.declarations_per_month
    count = ctx.rng.randint(low, high)
    return [declaration(ctx, index) for index in range(count)]


def month_hash(declarations: list[GeneratedDeclaration]) -> str:
    """SHA-256 over the month's data (what determinism is asserted on)."""
    digest = hashlib.sha256()
    for generated in declarations:
        head = generated.head
        digest.update(
            f"{head.entry_id}|{head.ie_date}|{head.clearance_date}|{head.trade_mode}|"
            f"{head.trans_mode}|{head.manual_no}\n".encode()
        )
        for item in generated.items:
            digest.update(
                f"{item.g_no}|{item.code_ts}|{item.first_qty}|{item.decl_total}|"
                f"{item.trade_curr}|{item.fob_usd}|{item.fob_cny}\n".encode()
            )
    return digest.hexdigest()


ITEM_COLUMNS = (
    "declaration_id", "g_no", "code_ts", "g_name", "g_model", "g_qty", "g_unit", "first_qty",
    "first_unit", "second_qty", "second_unit", "decl_price", "decl_total", "trade_curr",
    "origin_country", "destination_country", "duty_mode", "district_code", "fob_orig", "fob_usd",
    "fob_cny", "no_refund",
)  # fmt: skip


def save_month(declarations: list[GeneratedDeclaration]) -> None:
    """Heads through the ORM (their ids are needed), items as plain tuples (fast_insert)."""
    heads = customs.Declaration.objects.bulk_create([g.head for g in declarations], batch_size=1000)
    rows = (
        (head.pk, *(getattr(item, column) for column in ITEM_COLUMNS[1:]))
        for head, generated in zip(heads, declarations, strict=True)
        for item in generated.items
    )
    fast_insert(customs.DeclarationItem, ITEM_COLUMNS, rows)
