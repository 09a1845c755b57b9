"""Floors of the bulk database operations: the same work done the plainest way.

Each floor reads what the product reads, computes what it computes with a bare Decimal loop
(the DOMAIN §7.1 formulas rebate.calc implements: base = FOB(CNY) − bonded − domestic,
不得免征和抵扣税额 = base × (征税率 − 退税率), 免抵退税额 = base × 退税率, each rounded to the cent
half-up) and writes what it writes with raw SQL and executemany, in one transaction. No
validation, no numbering, no audit rows beyond what the product's result has. The product /
floor ratio is then the cost of the product's rules and structure, not of the work itself.

Arithmetic in SQL (`UPDATE … SET x = ROUND(fob_cny * 0.10, 2)`) is not a floor of the same
work: SQLite evaluates it in binary floating point, and the formulas would live twice.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from bench.common import executemany_batched, insert_sql

CENT = Decimal("0.01")


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def line_amounts(fob_cny: Decimal, levy: Decimal, rebate: Decimal) -> tuple[Decimal, Decimal]:
    """(不得免征和抵扣税额, 免抵退税额) of a line without bonded or domestic materials."""
    return _rounded(fob_cny * (levy - rebate)), _rounded(fob_cny * rebate)


LINE_COLUMNS = [
    "enterprise", "created_at", "updated_at", "period", "sequence_no", "status", "invoice_no",
    "item_key", "export_date", "agency_certificate_no", "commodity_code", "commodity_name",
    "unit", "quantity", "fob_usd", "fob_cny", "levy_rate", "rebate_rate",
    "bonded_materials_price", "domestic_free_materials", "non_creditable",
    "exempt_credit_refund", "handbook_no", "trade_mode", "business_types", "contract_no", "note",
    "currency", "transaction_total", "transaction_rate", "usd_rate", "rebate_month",
    "declared_commodity_code", "declared_commodity_name", "origin", "suspended_month",
    "domestic_shipment_mode", "customs_certified_type", "recheck_reason",
]  # fmt: skip


def import_floor(upload: Any, enterprise_id: int, period: str) -> float:
    """Excel import: openpyxl read-only values, typed, the two amounts, executemany."""
    from django.db import transaction
    from openpyxl import load_workbook

    from rebate.goods.models import ExportLine

    start = time.perf_counter()
    upload.seek(0)
    sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
    now = dt.datetime.now(dt.UTC)
    rows = []
    for n, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=1):
        _, key, day, code, name, unit, qty, usd, cny, levy, rebate = cells
        fob = Decimal(str(cny))
        levy_rate, rebate_rate = Decimal(str(levy)), Decimal(str(rebate))
        non_creditable, refund = line_amounts(fob, levy_rate, rebate_rate)
        rows.append((
            enterprise_id, now, now, period, f"{n:04d}", "collected", "", key, day.date(), "",
            code, name, unit, Decimal(qty), Decimal(str(usd)), fob, levy_rate, rebate_rate,
            Decimal(0), Decimal(0), non_creditable, refund, "", "", "", "", "", "", None, None,
            None, "", "", "", "import", "", "", "", "",
        ))  # fmt: skip
    with transaction.atomic():
        executemany_batched(insert_sql(ExportLine, LINE_COLUMNS), rows)
    return time.perf_counter() - start


def bulk_edit_floor(enterprise_id: int, period: str, domestic: Decimal) -> float:
    """批量修改 of 国内免税原材料: read the inputs, recompute the two amounts on the new base
    (FOB − domestic), UPDATE each row by id."""
    from django.db import connection, transaction

    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, fob_cny, levy_rate, rebate_rate FROM goods_exportline "
            "WHERE enterprise_id = %s AND period = %s",
            [enterprise_id, period],
        )
        now = dt.datetime.now(dt.UTC)
        rows = []
        for pk, fob, levy, rebate in cursor.fetchall():
            base = _decimal(fob) - domestic
            non_creditable, refund = line_amounts(base, _decimal(levy), _decimal(rebate))
            rows.append((domestic, non_creditable, refund, now, pk))
        cursor.executemany(
            "UPDATE goods_exportline SET domestic_free_materials = %s, non_creditable = %s, "
            "exempt_credit_refund = %s, updated_at = %s WHERE id = %s",
            rows,
        )
    return time.perf_counter() - start


GENERATE_READ = """
SELECT d.id, d.entry_id, d.ie_date, d.trade_mode, d.contr_no, i.id, i.item_key,
       i.rebate_code, i.g_name, i.first_qty, i.fob_usd, i.fob_cny, i.trade_curr, i.decl_total,
       i.code_ts
FROM customs_declarationitem i JOIN customs_declaration d ON d.id = i.declaration_id
WHERE d.enterprise_id = %s ORDER BY d.ie_date, d.entry_id, i.g_no
"""


def generate_floor(enterprise_id: int, period: str, invoice_no: str) -> float:
    """生成退税: read heads and items, take the rates, compute, insert the lines, link the
    items to them, mark the declarations, one audit row per declaration."""
    from django.db import connection, transaction

    from rebate.core.models import StatusChange
    from rebate.goods.models import ExportLine

    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT code, levy_rate, rebate_rate, unit FROM codes_rateentry")
        rates = {code: (Decimal(levy), Decimal(rebate), unit) for code, levy, rebate, unit
                 in cursor.fetchall()}  # fmt: skip
        cursor.execute(GENERATE_READ, [enterprise_id])
        items = cursor.fetchall()
        now = dt.datetime.now(dt.UTC)
        lines, heads = [], {}
        for n, (head, entry, day, mode, contract, _, key, code, name, qty, usd, cny, curr,
                total, declared) in enumerate(items, start=1):  # fmt: skip
            levy, rebate, unit = rates[code]
            fob = Decimal(cny)
            non_creditable, refund = line_amounts(fob, levy, rebate)
            heads[head] = entry
            lines.append((
                enterprise_id, now, now, period, f"{n:04d}", "collected", invoice_no, key, day,
                "", code, name, unit, qty, usd, fob, levy, rebate, Decimal(0), Decimal(0),
                non_creditable, refund, "", mode, "", contract, "", curr, total, None, None, "",
                declared, name, "customs", "", "", "", "",
            ))  # fmt: skip
        executemany_batched(insert_sql(ExportLine, LINE_COLUMNS), lines)
        cursor.execute(
            "SELECT item_key, id FROM goods_exportline WHERE enterprise_id = %s AND period = %s",
            [enterprise_id, period],
        )
        line_ids = dict(cursor.fetchall())
        links = [(line_ids[row[6]], row[5]) for row in items]
        executemany_batched(
            "UPDATE customs_declarationitem SET export_line_id = %s WHERE id = %s", links
        )
        cursor.execute(
            "UPDATE customs_declaration SET generation_status = '1', period = %s, "
            "invoice_no = %s, updated_at = %s WHERE enterprise_id = %s",
            [period, invoice_no, now, enterprise_id],
        )
        audit = [(enterprise_id, now, now, "customs.declaration", str(pk), "generation_status",
                  "0", "1", "生成退税") for pk in heads]  # fmt: skip
        names = ["enterprise", "created_at", "updated_at", "object_type", "object_id", "field",
                 "from_state", "to_state", "note"]  # fmt: skip
        executemany_batched(insert_sql(StatusChange, names), audit)
    return time.perf_counter() - start


def self_check_floor(package: bytes, period: str, submission_id: int) -> float:
    """数据自检: parse the package once (no XSD, no digest), run the bureau's rules on its lines
    in a bare loop with the bureau's e-info read by one SELECT, insert the doubts. No upload,
    no HTTP, no job, no stored copy, no second parse for the doubt rules."""
    from django.db import connection, transaction

    from rebate.calc.checks import CheckContext, CustomsRecord, run_checks
    from rebate.calc.periods import Period
    from rebate.integrations.wire.package.reader import read_package
    from sim.taxbureau.models import CustomsInfo, Doubt, Submission
    from sim.taxbureau.selfcheck import BUREAU_CODES, EINFO_FIELDS, declared_line

    enterprise_id = Submission.objects.values_list("enterprise_id", flat=True).get(pk=submission_id)
    start = time.perf_counter()
    lines: list[Any] = []
    read_package(io.BytesIO(package), on_main=lines.append, verify=False)
    declared = [declared_line(line, frozenset()) for line in lines]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(EINFO_FIELDS)} FROM {CustomsInfo._meta.db_table} "
            "WHERE enterprise_id = %s",
            [enterprise_id],
        )
        customs = {}
        for values in cursor.fetchall():
            row = dict(zip(EINFO_FIELDS, values, strict=True))
            row["trade_mode"], row["manual_no"] = (
                row["trade_mode"] or None,
                row["manual_no"] or None,
            )
            customs[row["item_key"]] = CustomsRecord(**row)
        context = CheckContext(period=Period.parse(period), customs=customs)
        issues = run_checks(declared, context, only=BUREAU_CODES)
        names = ["submission", "code", "level", "skippable", "message", "table", "line_no",
                 "item_key"]  # fmt: skip
        executemany_batched(insert_sql(Doubt, names), (
            (submission_id, i.code, i.level, i.skippable, i.message[:1000], i.record.table,
             i.record.line_id or "", i.record.item_key or "") for i in issues
        ))  # fmt: skip
        transaction.set_rollback(True)  # the product's doubts stay the only ones
    return time.perf_counter() - start


CHECK_READ = """
SELECT id, sequence_no, item_key, export_date, commodity_code, unit, quantity, fob_usd, fob_cny,
       levy_rate, rebate_rate, business_types, handbook_no, allocation_rate, trade_mode,
       currency, invoice_no
FROM goods_exportline
WHERE enterprise_id = %s AND period = %s AND declaration_batch_id IS NULL
ORDER BY sequence_no, id
"""


def _decimal(value: Any) -> Any:
    """A raw SQLite cursor gives NUMERIC columns as int/float; PostgreSQL gives Decimal."""
    return value if value is None or isinstance(value, Decimal) else Decimal(str(value))


def consistency_floor(enterprise_id: int, period: str) -> float:
    """数据一致性检查: read the period's lines and what the rules compare them with (the
    exchange rates in one SELECT, the dated 申报期限 rules, the enterprise's rate method), run
    calc's rules over them (run_checks, the same rules the product runs on this data: format,
    period, rates, CNY = USD × rate, 申报期限, declaration totals) and insert the run and its
    problems. No customs, earlier-declared, certificate, extension or 汇总表 reads: the bench
    has none of those rows, which the product reads as empty sets."""
    from django.db import connection, transaction
    from django.utils import timezone

    from rebate.accounts.models import Enterprise
    from rebate.calc.checks import CheckContext, DeclaredLine, run_checks
    from rebate.calc.periods import Period
    from rebate.codes.selectors import mdt_deadline_rules
    from rebate.configuration.selectors import enterprise_rate_method
    from rebate.declarations.models import ConsistencyIssue, ConsistencyRun

    start = time.perf_counter()
    parsed = Period.parse(period)
    enterprise = Enterprise.objects.get(pk=enterprise_id)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(CHECK_READ, [enterprise_id, period])
        ids, lines = {}, []
        for (pk, seq, key, day, code, unit, qty, usd, cny, levy, rebate, types, handbook,
             alloc, mode, currency, invoice) in cursor.fetchall():  # fmt: skip
            ids[seq] = pk
            lines.append(DeclaredLine(
                line_id=seq, item_key=key, export_date=day, commodity_code=code, unit=unit,
                quantity=_decimal(qty), fob_usd=_decimal(usd), fob_cny=_decimal(cny),
                levy_rate=_decimal(levy), rebate_rate=_decimal(rebate),
                business_types=frozenset(c for c in types.split(",") if c),
                manual_no=handbook or None, allocation_rate=_decimal(alloc),
                trade_mode=mode or None, currency=currency or None, invoice_no=invoice or None,
            ))  # fmt: skip
        cursor.execute("SELECT currency, on_date, rate FROM codes_exchangerate")
        rates = {(c, day): _decimal(rate) for c, day, rate in cursor.fetchall()}
        context = CheckContext(
            period=parsed, exchange_rates=rates,
            rate_method=enterprise_rate_method(enterprise, parsed.year),
            deadline_rules=mdt_deadline_rules(), today=timezone.localdate(),
        )  # fmt: skip
        issues = run_checks(lines, context)
        now = dt.datetime.now(dt.UTC)
        run = ["enterprise", "created_at", "updated_at", "family", "period", "line_count",
               "issue_count", "blocking_count"]  # fmt: skip
        cursor.execute(insert_sql(ConsistencyRun, run), [
            enterprise_id, now, now, "mdt", period, len(lines), len(issues),
            sum(1 for i in issues if not i.skippable),
        ])  # fmt: skip
        run_id = cursor.lastrowid if connection.vendor == "sqlite" else None
        if run_id is None:
            cursor.execute("SELECT max(id) FROM declarations_consistencyrun")
            (run_id,) = cursor.fetchone()
        names = ["enterprise", "created_at", "updated_at", "run", "code", "level", "skippable",
                 "message", "table", "line_no", "item_key", "record_id"]  # fmt: skip
        executemany_batched(insert_sql(ConsistencyIssue, names), (
            (enterprise_id, now, now, run_id, i.code, i.level, i.skippable, i.message[:1000],
             i.record.table, i.record.line_id or "", i.record.item_key or "",
             ids.get(i.record.line_id or "") if i.record.table == "TSSB" else None)
            for i in issues
        ))  # fmt: skip
        transaction.set_rollback(True)  # the product's run stays the only one
    return time.perf_counter() - start


PACKAGE_COLUMNS = (
    "sequence_no", "item_key", "export_date", "commodity_code", "unit", "quantity", "fob_usd",
    "fob_cny", "levy_rate", "rebate_rate", "invoice_no", "agency_certificate_no",
    "commodity_name", "allocation_rate", "bonded_materials_price", "domestic_free_materials",
    "non_creditable", "exempt_credit_refund", "handbook_no", "business_types", "contract_no",
    "note", "currency", "transaction_total", "transaction_rate", "usd_rate", "rebate_month",
)  # fmt: skip


def _text(value: Any) -> str:
    if isinstance(value, float | Decimal):
        return format(_decimal(value), "f")
    return str(value)


def package_floor(enterprise_id: int, period: str, folder: Any) -> float:
    """生成申报数据: join the period's lines to a batch (one UPDATE), read them back, write one
    record per line (the non-empty columns as child elements) with lxml xmlfile into a file
    while hashing it, then copy the file with a signature record before the closing tag (what
    signing does). No gate, no 汇总表 staleness check, no unit codes, no canonical form, no
    figures, no audit; rolled back."""
    import hashlib

    from django.db import connection, transaction
    from lxml import etree

    start = time.perf_counter()
    unsigned, signed = folder / "floor-unsigned.xml", folder / "floor-signed.xml"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE goods_exportline SET updated_at = %s WHERE enterprise_id = %s AND period = %s "
            "AND declaration_batch_id IS NULL",
            [dt.datetime.now(dt.UTC), enterprise_id, period],
        )
        cursor.execute(
            f"SELECT {', '.join(PACKAGE_COLUMNS)} FROM goods_exportline "
            "WHERE enterprise_id = %s AND period = %s ORDER BY sequence_no, id",
            [enterprise_id, period],
        )
        digest = hashlib.sha256()
        with (
            open(unsigned, "wb") as out,
            etree.xmlfile(out, encoding="utf-8") as xf,
            xf.element("DeclarationPackage"),
            xf.element("Body"),
            xf.element("TSSB"),
        ):
            while rows := cursor.fetchmany(2000):
                for row in rows:
                    record = etree.Element("Record")
                    for name, value in zip(PACKAGE_COLUMNS, row, strict=True):
                        if value is not None and value != "":
                            etree.SubElement(record, name).text = _text(value)
                    digest.update(etree.tostring(record))
                    xf.write(record)
        with open(unsigned, "rb") as source, open(signed, "wb") as target:
            while chunk := source.read(1 << 20):
                target.write(chunk)
            target.write(f"<Signature>{digest.hexdigest()}</Signature>".encode())
        transaction.set_rollback(True)
    return time.perf_counter() - start


SUMMARY_COLUMNS = ("fob_usd", "fob_cny", "non_creditable", "exempt_credit_refund")
SUMMARY_TOTALS = {
    "postgresql": "SUM({})",
    "sqlite": "SUM(CAST(ROUND({} * 100) AS INTEGER))",  # exact: the lines' cents as integers
}
PREVIOUS_ROWS = """
SELECT s.period, l.row, l.current, l.year_to_date
FROM declarations_summaryline l JOIN declarations_summary s ON s.id = l.summary_id
JOIN declarations_declarationbatch b ON b.id = s.batch_id
WHERE s.enterprise_id = %s AND s.family = 'mdt' AND s.period < %s AND b.status <> 'revoked'
ORDER BY s.period DESC, s.id DESC LIMIT 19
"""


def summary_floor(enterprise: Any, period: str, vat_transfer_out: Decimal) -> float:
    """生成汇总数据: the gates read raw (the period's live batch, its last 数据一致性检查's
    不可跳过 count), the filed VAT return's 期末留抵 asked of the bureau (one GET through the
    port: row 17 is never typed from memory), the previous declaration's rows (row 13, 本年累计),
    the four columns' totals in one exact aggregate, calc's 19 rows from them, and the draft
    summary with its rows inserted raw. No services, 进料加工核销 or feedback-history reads:
    the bench has none of those rows, which the product reads as empty sets. Rolled back."""
    from django.db import connection, transaction

    from rebate.calc.mdt import (
        GoodsTotals,
        ProcessingWriteoff,
        SummaryRows,
        YearToDate,
        accumulate_year,
        difference_to_vat_return,
        summarise,
    )
    from rebate.calc.periods import Period
    from rebate.declarations.ports import bureau
    from rebate.mdt.models import Summary, SummaryLine

    start = time.perf_counter()
    e = enterprise.pk
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM declarations_declarationbatch WHERE enterprise_id = %s AND "
            "family = 'mdt' AND period = %s AND status <> 'revoked' LIMIT 1", [e, period]
        )  # fmt: skip
        assert cursor.fetchone() is None
        cursor.execute(
            "SELECT blocking_count FROM declarations_consistencyrun WHERE enterprise_id = %s "
            "AND family = 'mdt' AND period = %s ORDER BY id DESC LIMIT 1", [e, period]
        )  # fmt: skip
        assert not (cursor.fetchone() or [0])[0]
        held = bureau().vat_return(customs_code=enterprise.customs_code, period=period)
        assert held is not None
        cursor.execute(PREVIOUS_ROWS, [e, period])
        previous = cursor.fetchall()
        total = SUMMARY_TOTALS[connection.vendor]
        cursor.execute(
            f"SELECT COUNT(*), {', '.join(total.format(c) for c in SUMMARY_COLUMNS)} "
            "FROM goods_exportline WHERE enterprise_id = %s AND period = %s "
            "AND declaration_batch_id IS NULL", [e, period]
        )  # fmt: skip
        count, *sums = cursor.fetchone()
        if connection.vendor == "sqlite":
            sums = [Decimal(s or 0).scaleb(-2) for s in sums]
        sums = [Decimal("0.00") if s is None else s for s in sums]
        carried = next((_decimal(c) for _, row, c, _ in previous if row == 16), Decimal(0))
        before = None
        if previous:
            year_rows = SummaryRows.from_rows({r: _decimal(y) for _, r, _, y in previous})
            before = YearToDate(Period.parse(previous[0][0]), year_rows)
        current = summarise(GoodsTotals(*sums), None, ProcessingWriteoff(), carried,
                            held.ending_credit)  # fmt: skip
        year = accumulate_year(before, Period.parse(period), current).rows
        now = dt.datetime.now(dt.UTC)
        draft = ("FROM declarations_summary WHERE enterprise_id = %s AND family = 'mdt' "
                 "AND period = %s AND batch_id IS NULL")  # fmt: skip
        cursor.execute(
            f"DELETE FROM declarations_summaryline WHERE summary_id IN (SELECT id {draft})",
            [e, period],
        )
        cursor.execute(f"DELETE {draft}", [e, period])
        names = ["enterprise", "created_at", "updated_at", "family", "period", "vat_transfer_out",
                 "ending_credit", "vat_return_credit", "ending_credit_reason", "line_count"]  # fmt: skip
        cursor.execute(insert_sql(Summary, names), [
            e, now, now, "mdt", period, vat_transfer_out, held.ending_credit, held.ending_credit,
            "", count,
        ])  # fmt: skip
        cursor.execute("SELECT max(id) FROM declarations_summary")
        (summary_id,) = cursor.fetchone()
        difference = difference_to_vat_return(current, vat_transfer_out)
        line_names = ["enterprise", "created_at", "updated_at", "summary", "row", "current",
                      "year_to_date", "vat_difference"]  # fmt: skip
        cursor.executemany(insert_sql(SummaryLine, line_names), [
            (e, now, now, summary_id, row, value, year.row(row), difference if row == 9 else None)
            for row, value in current.as_rows().items()
        ])  # fmt: skip
        transaction.set_rollback(True)  # the product's summary stays the only one
    return time.perf_counter() - start
