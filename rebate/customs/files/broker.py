"""The 报关单 Excel a customs broker sends: one row per 商品项, the 表头 fields repeated.

Columns are found by their Chinese header, in any order, under the names brokers use (the
template's own name first, then common variants); columns not known here are ignored. Every
bad cell is reported at its row and column; rows of one 报关单号 must agree on the 表头 fields.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from rebate.core.imports import ImportFailed, RowError, cell_text
from rebate.core.uploads import Budget, UploadRefused, open_workbook, sheet_rows
from rebate.integrations.wire.customs import DeclarationItem, ExportDeclaration
from rebate.integrations.wire.spec import Field

from .fields import HEAD, ITEM, FieldError, read

MAX_ROWS = 20_000
MAX_ITEMS = 50
REQUIRED_FILL = PatternFill("solid", fgColor="FFF7C2")
# attribute → (template header, other names brokers give the column)
HEADERS: dict[str, tuple[str, ...]] = {
    "entry_id": ("报关单号", "海关编号", "报关单编号"),
    "seq_no": ("统一编号",),
    "ie_flag": ("进出口标志",),
    "ie_date": ("出口日期", "进出口日期", "出境日期"),
    "d_date": ("申报日期",),
    "custom_master": ("申报地海关",),
    "ie_port": ("出境关别", "进出境关别", "出口口岸"),
    "trade_code": ("境内发货人代码", "境内收发货人代码", "经营单位代码", "收发货人代码"),
    "trade_name": ("境内发货人名称", "境内收发货人名称", "境内发货人", "经营单位名称"),
    "trade_co_scc": ("境内发货人统一社会信用代码", "境内收发货人统一社会信用代码"),
    "owner_code": ("生产销售单位代码",),
    "owner_name": ("生产销售单位名称", "生产销售单位"),
    "agent_code": ("申报单位代码",),
    "agent_name": ("申报单位名称", "申报单位"),
    "trade_mode": ("监管方式", "贸易方式", "监管方式代码"),
    "cut_mode": ("征免性质",),
    "traf_mode": ("运输方式",),
    "traf_name": ("运输工具名称",),
    "bill_no": ("提运单号",),
    "trans_mode": ("成交方式",),
    "trade_country": ("运抵国（地区）", "运抵国"),
    "trade_area_code": ("贸易国（地区）", "贸易国"),
    "distinate_port": ("指运港",),
    "enty_port_code": ("离境口岸",),
    "fee_mark": ("运费标记",),
    "fee_rate": ("运费／率", "运费"),
    "fee_curr": ("运费币制",),
    "insur_mark": ("保费标记",),
    "insur_rate": ("保费／率", "保费"),
    "insur_curr": ("保费币制",),
    "other_mark": ("杂费标记",),
    "other_rate": ("杂费／率", "杂费"),
    "other_curr": ("杂费币制",),
    "pack_no": ("件数",),
    "wrap_type": ("包装种类",),
    "gross_wt": ("毛重（千克）", "毛重"),
    "net_wt": ("净重（千克）", "净重"),
    "contr_no": ("合同协议号", "合同号"),
    "manual_no": ("备案号", "手册号"),
    "license_no": ("许可证号",),
    "g_no": ("项号", "商品序号"),
    "code_ts": ("商品编号", "商品编码", "HS编码"),
    "g_name": ("商品名称",),
    "g_model": ("规格型号", "申报要素"),
    "g_qty": ("成交数量",),
    "g_unit": ("成交计量单位", "成交单位"),
    "first_qty": ("法定第一数量", "第一法定数量"),
    "first_unit": ("法定第一计量单位", "第一法定计量单位", "法定第一单位"),
    "second_qty": ("法定第二数量", "第二法定数量"),
    "second_unit": ("法定第二计量单位", "第二法定计量单位", "法定第二单位"),
    "decl_price": ("单价", "申报单价"),
    "decl_total": ("总价", "申报总价"),
    "trade_curr": ("币制", "成交币制"),
    "origin_country": ("原产国（地区）", "原产国"),
    "destination_country": ("最终目的国（地区）", "最终目的国"),
    "duty_mode": ("征免方式", "征免"),
    "district_code": ("境内货源地",),
}
_BY_ATTR: dict[str, Field] = {f.attr: f for f in (*HEAD, *ITEM)}
HEAD_ATTRS = tuple(f.attr for f in HEAD)
# 进出口标志 is E for an export broker's sheet unless the column says otherwise.
OPTIONAL_IN_SHEET = frozenset({"ie_flag"})


def _key(header: str) -> str:
    """A header without brackets, slashes, spaces or the * of a required mark."""
    return re.sub(r"[（）()／/\s*＊]", "", header)


_NAMES = {_key(name): attr for attr, names in HEADERS.items() for name in names}


def template() -> Any:
    """The broker template: every column by its header, required ones yellow, codes as text."""
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = "报关单导入"
    sheet.append([names[0] for names in HEADERS.values()])
    for index, (attr, names) in enumerate(HEADERS.items(), start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        if _BY_ATTR[attr].required and attr not in OPTIONAL_IN_SHEET:
            cell.fill = REQUIRED_FILL
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(10, len(names[0]) * 2 + 2)
        sheet.column_dimensions[letter].number_format = "@"
    notes = workbook.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明"])
    notes.append(["（每行）", "", "一个商品项一行；同一报关单的表头各列在每行重复填写，且必须一致"])
    for attr, names in HEADERS.items():
        field = _BY_ATTR[attr]
        required = field.required and attr not in OPTIONAL_IN_SHEET
        other = "；也可用列名：" + "、".join(names[1:]) if len(names) > 1 else ""
        notes.append([names[0], "必填" if required else "选填", f"{field.label}{other}"])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — the response closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


@dataclass
class _Row:
    number: int
    head: dict[str, Any]
    item: dict[str, Any]


def _columns(header: tuple[Any, ...]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, value in enumerate(header):
        attr = _NAMES.get(_key(cell_text(value)))
        if attr is not None and attr not in columns.values():
            columns[index] = attr
    present = set(columns.values())
    lacking = [
        attr
        for attr, field in _BY_ATTR.items()
        if field.required and attr not in OPTIONAL_IN_SHEET and attr not in present
    ]
    if lacking:
        errors = [RowError(1, HEADERS[a][0], f"缺少必填列「{HEADERS[a][0]}」") for a in lacking]
        raise ImportFailed(errors)
    return columns


def _cell(field: Field, value: Any) -> str:
    """A cell's text; a code typed into a number cell gets back its leading zeros."""
    text = cell_text(value)
    digits = re.fullmatch(r"\[0-9\]\{(\d+)\}", field.pattern or "")
    if isinstance(value, int | float) and not isinstance(value, bool) and digits:
        if value >= 2**53:
            raise FieldError("数字格式会丢失末位，请把该列设为文本后重新填写")
        text = str(int(value)).zfill(int(digits.group(1)))
    return text


def _parse(
    number: int, cells: tuple[Any, ...], columns: dict[int, str], errors: list[RowError]
) -> _Row:
    head: dict[str, Any] = {}
    item: dict[str, Any] = {}
    failed: set[str] = set()
    for index, attr in columns.items():
        value = cells[index] if index < len(cells) else None
        field = _BY_ATTR[attr]
        try:
            text = _cell(field, value)
            parsed = read(field, text) if text else None
        except FieldError as error:
            errors.append(RowError(number, HEADERS[attr][0], str(error)))
            failed.add(attr)
            continue
        if parsed is not None:
            (head if attr in HEAD_ATTRS else item)[attr] = parsed
    head.setdefault("ie_flag", "E")
    for attr, field in _BY_ATTR.items():
        given = head if attr in HEAD_ATTRS else item
        if field.required and attr not in given and attr not in failed:
            errors.append(RowError(number, HEADERS[attr][0], f"{HEADERS[attr][0]}为必填项"))
    return _Row(number, head, item)


def _rows(upload: Any, errors: list[RowError]) -> Iterator[_Row]:
    try:
        workbook = open_workbook(upload)
        try:
            rows = sheet_rows(workbook, Budget(MAX_ROWS, header=1))
            columns = _columns(next(rows, ()))
            for number, cells in enumerate(rows, start=2):
                if any(cell_text(c) for c in cells):
                    yield _parse(number, cells, columns, errors)
        finally:
            workbook.close()
    except UploadRefused as refused:
        raise ImportFailed([RowError(0, "—", str(refused))]) from refused


def _group(rows: list[_Row], trade_code: str, errors: list[RowError]) -> list[ExportDeclaration]:
    """Rows of one 报关单号 as one declaration; the 表头 of its first row is the reference."""
    by_entry: dict[str, list[_Row]] = {}
    for row in rows:
        if "entry_id" in row.head:
            by_entry.setdefault(row.head["entry_id"], []).append(row)
    declarations = []
    for entry, group in by_entry.items():
        first = group[0]
        code = first.head.get("trade_code")
        if code and code != trade_code:
            message = f"境内发货人代码{code}不是本企业的海关代码{trade_code}"
            errors.append(RowError(first.number, HEADERS["trade_code"][0], message))
        if first.head.get("ie_flag") != "E":
            errors.append(RowError(first.number, "进出口标志", "只能导入出口报关单（E）"))
        seen: dict[int, int] = {}
        for row in group:
            for attr in HEAD_ATTRS:
                if row is not first and row.head.get(attr) != first.head.get(attr):
                    header = HEADERS[attr][0]
                    message = f"与第{first.number}行（同一报关单{entry}）的{header}不一致"
                    errors.append(RowError(row.number, header, message))
            g_no = row.item.get("g_no")
            if g_no in seen:
                message = f"项号{g_no}与第{seen[g_no]}行重复（同一报关单{entry}）"
                errors.append(RowError(row.number, "项号", message))
            elif g_no is not None:
                seen[g_no] = row.number
        if len(group) > MAX_ITEMS:
            message = f"报关单{entry}有{len(group)}个商品项，最多{MAX_ITEMS}个"
            errors.append(RowError(group[MAX_ITEMS].number, "项号", message))
        if not errors:
            items = tuple(DeclarationItem(**row.item) for row in group)
            declarations.append(ExportDeclaration(**first.head, items=items))
    return declarations


def read_broker_sheet(upload: Any, *, trade_code: str) -> list[ExportDeclaration]:
    """Every declaration of the sheet, or ImportFailed with every bad cell (row and column)."""
    errors: list[RowError] = []
    rows = list(_rows(upload, errors))
    if not rows and not errors:
        raise ImportFailed([RowError(0, "—", "导入文件中没有数据行")])
    declarations = _group(rows, trade_code, errors)
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: e.row))
    return declarations
