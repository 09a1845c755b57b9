"""``sim_seed``: a believable enterprise history in both simulators, deterministic for a seed.

Generation is per month with its own ``random.Random(f"{seed}:{code}:{period}")``, so a month
is the same whichever run produces it, and a later run with more months only adds the missing
ones ("creates or extends"). No wall-clock time enters the data: months count back from a
fixed anchor (``until``, default 2026-11-01), and the bureau's clock is set to it.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.db import transaction

from rebate.calc.money import round_amount, round_quantity
from rebate.calc.periods import Period
from rebate.integrations.wire.canonical import public_key_pem
from sim.customs import models as customs
from sim.customs import registry as eport
from sim.taxbureau import exchange, registry
from sim.taxbureau.models import Enterprise as BureauEnterprise
from sim.taxbureau.models import PlantedAnomaly, SeedCard, SeedMonth

from . import anomalies, bureau_data, customs_month, manuals, overseas, vat_returns
from .profile import (
    DEFAULT_UNTIL,
    OPEN_MONTHS,
    SCALES,
    derived_name,
    derived_uscc,
    months_before,
)

RETURN_RATE = 0.005  # share of history items with a 退运 record
P256_ORDER = int("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16)


@dataclass(frozen=True)
class SeedOptions:
    customs_code: str
    months: int = 12
    scale: str = "medium"
    anomalies: float = 0.03
    seed: int = 2026
    until: date = DEFAULT_UNTIL
    once: bool = False
    name: str = ""
    uscc: str = ""
    category: int = 2
    exchange_lag_days: int = 5
    overseas: bool = False  # 9810 海外仓 exports (HWC-YT) in the June/December history months


@dataclass
class SeedReport:
    skipped: bool = False
    months: list[str] = field(default_factory=list)
    declarations: int = 0
    items: int = 0
    planted: Counter[str] = field(default_factory=Counter)
    open_months: list[str] = field(default_factory=list)


def _card(options: SeedOptions) -> SeedCard:
    """The generator's deterministic card, registered with the e-port card authority."""
    secret = hashlib.sha256(f"card:{options.seed}:{options.customs_code}".encode()).digest()
    key = ec.derive_private_key(int.from_bytes(secret) % (P256_ORDER - 1) + 1, ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    card, _ = SeedCard.objects.update_or_create(
        customs_code=options.customs_code,
        defaults={"card_no": f"SG{options.customs_code}", "private_key_pem": pem},
    )
    eport.register_card(
        customs_code=options.customs_code, card_no=card.card_no, public_key_pem=public_key_pem(key)
    )
    return card


def _register(options: SeedOptions, first: Period) -> tuple[customs.Enterprise, BureauEnterprise]:
    code = options.customs_code
    name = options.name or derived_name(code)
    uscc = options.uscc or derived_uscc(code)
    enterprise = eport.register_enterprise(
        customs_code=code, uscc=uscc, name=name, district=customs_month.EXIT_CUSTOMS
    )
    bureau = registry.register_enterprise(
        customs_code=code,
        uscc=uscc,
        name=name,
        category=options.category,
        filed_on=first.first_day - timedelta(days=60),
        planned_allocation_rate=manuals.planned_allocation_rate(),
    )
    return enterprise, bureau


def _returns(declarations: list[customs_month.GeneratedDeclaration], rng: random.Random) -> None:
    rows = []
    for generated in declarations:
        for item in generated.items:
            if rng.random() >= RETURN_RATE:
                continue
            share = Decimal(rng.randint(20, 100)) / 100
            saved = customs.DeclarationItem.objects.only("id").get(
                declaration=generated.head, g_no=item.g_no
            )
            rows.append(
                customs.ReturnRecord(
                    item=saved,
                    return_date=generated.head.ie_date + timedelta(days=rng.randint(20, 60)),
                    certificate_no=f"TY{generated.head.entry_id}{item.g_no:02d}",
                    quantity=round_quantity(item.first_qty * share),
                    fob_usd=round_amount(item.fob_usd * share),
                    fob_cny=round_amount(item.fob_cny * share),
                )
            )
    customs.ReturnRecord.objects.bulk_create(rows)


def _month(
    options: SeedOptions,
    enterprise: customs.Enterprise,
    bureau: BureauEnterprise,
    period: Period,
    open_month: bool,
    with_history: bool,
) -> tuple[SeedMonth, list[anomalies.Planted]]:
    rng = random.Random(f"{options.seed}:{options.customs_code}:{period}")
    books = manuals.ensure_manuals(enterprise, [period])
    manual_for = {}
    for offset in range(period.last_day.day):
        day = period.first_day + timedelta(days=offset)
        found = manuals.manual_on(books, day)
        manual_for[day] = found.manual_no if found else ""
    ctx = customs_month.MonthContext(enterprise, period, SCALES[options.scale], rng, manual_for)
    declarations = customs_month.generate_month(ctx)
    if options.overseas and not open_month:
        declarations += overseas.overseas_declarations(ctx, options.seed)
    planted = []
    if open_month:
        received_by = options.until - timedelta(days=options.exchange_lag_days)
        cases = anomalies.plant(
            [declarations], options.anomalies, rng, options.customs_code, with_history, received_by
        )
        planted = [case for _, case in cases]
    digest = customs_month.month_hash(declarations)
    customs_month.save_month(declarations)
    anomalies.write_amendments(declarations, planted)
    manuals.book_month(books, declarations, rng)
    bureau_data.write_invoices(bureau, period, declarations, rng, paid=not open_month)
    # its own random stream: the month's customs data stays what it was before VAT returns
    vat_rng = random.Random(f"{options.seed}:{options.customs_code}:{period}:vat")
    vat_returns.write_vat_return(bureau, period, declarations, vat_rng, options.until)
    if not open_month:
        _returns(declarations, rng)
    month = SeedMonth.objects.create(
        customs_code=options.customs_code,
        period=str(period),
        seed=options.seed,
        scale=options.scale,
        declarations=len(declarations),
        items=sum(len(g.items) for g in declarations),
        data_hash=digest,
        declared=not open_month,
    )
    return month, planted


def _duplicate_item(customs_code: str, before: date, rng: random.Random) -> str:
    """An item of an already declared month, to be declared again."""
    items = customs.DeclarationItem.objects.filter(
        declaration__enterprise__customs_code=customs_code,
        declaration__ie_date__lt=before,
        declaration__trade_mode="0110",
        fob_usd__gte=anomalies.MIN_FOB,
    ).order_by("declaration__entry_id", "g_no")
    count = items.count()
    if not count:
        return ""
    item = items.select_related("declaration")[rng.randrange(count)]
    return f"{item.declaration.entry_id}0{item.g_no:02d}"


def _record(options: SeedOptions, period: Period, planted: list[anomalies.Planted]) -> None:
    rng = random.Random(f"{options.seed}:{options.customs_code}:{period}:duplicates")
    rows = []
    for case in planted:
        if case.kind == "duplicate":
            case.item_key = _duplicate_item(options.customs_code, period.first_day, rng)
            if not case.item_key:
                continue
        rows += [
            PlantedAnomaly(
                customs_code=options.customs_code,
                period=str(period),
                kind=case.kind,
                item_key=case.item_key,
                expected_code=code,
                overrides=case.overrides,
            )
            for code in anomalies.KINDS[case.kind]
        ]
    PlantedAnomaly.objects.bulk_create(rows)


def record_exchange_lag(customs_code: str) -> None:
    """WDZXX expected for undeclared months' items the bureau has not received yet."""
    bureau = BureauEnterprise.objects.get(customs_code=customs_code)
    PlantedAnomaly.objects.filter(customs_code=customs_code, kind=anomalies.EXCHANGE_LAG).delete()
    open_periods = SeedMonth.objects.filter(customs_code=customs_code, declared=False)
    rows = []
    for month in open_periods.order_by("period"):
        period = Period.parse(month.period)
        items = customs.DeclarationItem.objects.filter(
            declaration__enterprise__customs_code=customs_code,
            declaration__ie_date__gte=period.first_day,
            declaration__ie_date__lte=period.last_day,
            declaration__clearance_date__gt=bureau.cleared_through or date.min,
        ).values_list("declaration__entry_id", "g_no")
        rows += [
            PlantedAnomaly(
                customs_code=customs_code,
                period=month.period,
                kind=anomalies.EXCHANGE_LAG,
                item_key=f"{entry_id}0{g_no:02d}",
                expected_code=anomalies.WDZXX,
            )
            for entry_id, g_no in items
        ]
    PlantedAnomaly.objects.bulk_create(rows)


def seed(options: SeedOptions) -> SeedReport:
    if options.scale not in SCALES:
        raise ValueError(f"unknown scale {options.scale}")
    existing = set(
        SeedMonth.objects.filter(customs_code=options.customs_code).values_list("period", flat=True)
    )
    if options.once and existing:
        return SeedReport(skipped=True)
    periods = months_before(options.until, options.months)
    open_periods = set(periods[-OPEN_MONTHS:])
    report = SeedReport()
    with transaction.atomic():
        enterprise, bureau = _register(options, periods[0])
        manuals.ensure_manuals(enterprise, periods)
        _card(options)
        bureau_data.ensure_rate_library(options.customs_code)
        history = [p for p in periods if p not in open_periods]
        for period in (p for p in periods if str(p) not in existing):
            month, planted = _month(
                options, enterprise, bureau, period, period in open_periods, bool(history)
            )
            _record(options, period, planted)
            report.months.append(month.period)
            report.declarations += month.declarations
            report.items += month.items
            report.planted.update(case.kind for case in planted)
        registry.set_today(options.until, lag_days=options.exchange_lag_days)
        exchange.sync(bureau)
        for period in history:
            if str(period) not in existing:
                bureau_data.declare_history(bureau, period)
        record_exchange_lag(options.customs_code)
    report.open_months = sorted(str(p) for p in open_periods)
    return report
