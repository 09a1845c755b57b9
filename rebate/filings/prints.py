"""打印备案申报报表 (BA-10): each collected filing's paper form, before it is generated; the
clerk takes it to the tax office after 上传成功. A form is printed item by item (项目 / 内容);
a 变更 prints its changed items with 变更前 and 变更后 side by side."""

from __future__ import annotations

from typing import Any

from rebate.declarations.families import PrintForm

from .records import RECORDS

TEMPLATE = "declarations/print/table.html"
SKIP = {"id", "enterprise", "period", "status", "declaration_batch_id", "created_at",
        "updated_at", "changes"}  # fmt: skip


def _items(enterprise: Any, row: Any) -> list[list[tuple[object, bool]]]:
    rows = []
    for field in row._meta.fields:
        if field.name in SKIP:
            continue
        shown = getattr(row, f"get_{field.name}_display", None)
        value = shown() if callable(shown) else getattr(row, field.name)
        if isinstance(value, bool):
            value = "是" if value else "否"
        rows.append([(field.verbose_name, False), ("" if value is None else value, False)])
    return rows


def _sheet(title: str) -> Any:
    def context(enterprise: Any, row: Any) -> dict[str, Any]:
        heading = f"{row.get_kind_display()}声明" if hasattr(row, "kind") else title
        return {"form_title": heading, "columns": ["项目", "内容"], "rows": _items(enterprise, row)}

    return context


def change_sheet(enterprise: Any, row: Any) -> dict[str, Any]:
    return {
        "form_title": "出口退（免）税备案变更表",
        "columns": ["变更字段说明", "变更前内容", "变更后内容"],
        "rows": [[(c[1], False), (c[2], False), (c[3], False)] for c in row.changes],
    }


# The paper's title where it is not the wire record's
TITLES = {"registrationchange": "出口退（免）税备案变更表", "waiver": "放弃业务声明"}


def _forms() -> tuple[PrintForm, ...]:
    found = []
    for record in RECORDS:
        name = record.model._meta.model_name
        label = record.model._meta.label
        context = change_sheet if name == "registrationchange" else _sheet(record.wire_title)
        title = TITLES.get(str(name), record.wire_title)
        found.append(PrintForm(str(name), title, TEMPLATE, context, record=label))
    return tuple(found)


PRINT_FORMS = _forms()
