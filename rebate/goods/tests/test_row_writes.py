"""rebate.core.rows (column-wise validation, multi-row insert, per-row update) on 明细 lines,
and the import and 批量修改 paths that use it."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from rebate.core import instances, paging, rows
from rebate.core.batch import LOCKED_MESSAGE
from rebate.core.testing.record_tests import workbook_bytes
from rebate.goods.choices import LineOrigin
from rebate.goods.models import ExportLine
from rebate.goods.services import export_line, export_lines_create
from rebate.goods.tests.factories import export_line_input

pytestmark = pytest.mark.django_db


def unsaved(enterprise, count: int, **values) -> list[ExportLine]:
    base = {
        "period": "202603", "item_key": "530420260000000001001",
        "export_date": dt.date(2026, 3, 1), "commodity_code": "8501100001",
        "commodity_name": "微电机", "unit": "台", "quantity": Decimal(1),
        "fob_usd": Decimal("100.00"), "fob_cny": Decimal("710.00"),
        "levy_rate": Decimal("0.13"), "rebate_rate": Decimal("0.13"),
        "origin": LineOrigin.IMPORT,
    }  # fmt: skip
    return [ExportLine(enterprise=enterprise, **{**base, **values}) for _ in range(count)]


def test_validate_tells_equal_decimals_apart_by_places(enterprise) -> None:
    lines = unsaved(enterprise, 3)
    lines[1].fob_cny = Decimal("710.000")  # equal to 710.00, but three places
    with pytest.raises(rows.RowsInvalid) as info:
        rows.validate(lines, exclude=["enterprise"])
    assert [(i, name) for i, name, _ in info.value.failures] == [(2, "fob_cny")]
    assert info.value.message_dict["fob_cny"][0].startswith("第2行：")


def test_validate_reports_every_row_of_a_repeated_bad_value(enterprise) -> None:
    lines = unsaved(enterprise, 3)
    lines[0].item_key = lines[2].item_key = "123"
    lines[1].rebate_rate = Decimal("13")  # a percentage, not a fraction
    with pytest.raises(rows.RowsInvalid) as info:
        rows.validate(lines, exclude=["enterprise"])
    found = {(i, name) for i, name, _ in info.value.failures}
    assert found == {(1, "item_key"), (3, "item_key"), (2, "rebate_rate")}
    messages = " ".join(m for _, _, m in info.value.failures)
    assert "出口报关单号应为21位" in messages and "不是13" in messages


def test_validate_text_rules_length_and_pattern(enterprise) -> None:
    lines = unsaved(enterprise, 3)
    lines[0].commodity_code = "850110000A"  # ten characters, not ten digits
    lines[2].unit = "台" * 21  # max_length 20
    with pytest.raises(rows.RowsInvalid) as info:
        rows.validate(lines, exclude=["enterprise"])
    assert {(i, name) for i, name, _ in info.value.failures} == {
        (1, "commodity_code"),
        (3, "unit"),
    }


def test_validate_writes_cleaned_values_back(enterprise) -> None:
    (line,) = unsaved(enterprise, 1, quantity="12.5")  # text, as a form might leave it
    rows.validate([line], exclude=["enterprise"])
    assert line.quantity == Decimal("12.5") and isinstance(line.quantity, Decimal)


def test_insert_sets_keys_and_stamps_and_stores_codes(enterprise) -> None:
    lines = unsaved(enterprise, 2)
    rows.insert(ExportLine, lines)
    assert all(line.pk for line in lines) and lines[0].pk != lines[1].pk
    stored = ExportLine.objects.get(pk=lines[1].pk)
    assert stored.origin == "import" and stored.fob_cny == Decimal("710.00")
    assert stored.created_at == lines[1].created_at is not None
    assert stored.export_date == dt.date(2026, 3, 1)


def test_insert_values_writes_plain_rows_with_shared_values_and_one_stamp(enterprise) -> None:
    from rebate.core.models import StatusChange
    from rebate.core.row_values import insert_values

    names = ("object_type", "object_id", "field", "from_state", "to_state", "actor_id", "note")
    values = [("goods.exportline", str(n), "status", "a", "b", None, f"第{n}条") for n in (1, 2, 3)]
    insert_values(StatusChange, names, iter(values), enterprise_id=enterprise.pk)
    stored = list(StatusChange.objects.filter(enterprise=enterprise).order_by("object_id"))
    assert [(s.object_id, s.note, s.to_state) for s in stored] == [
        ("1", "第1条", "b"), ("2", "第2条", "b"), ("3", "第3条", "b"),
    ]  # fmt: skip
    assert stored[0].created_at is not None
    assert {(s.created_at, s.updated_at) for s in stored} == {(stored[0].created_at,) * 2}


def test_update_writes_only_the_named_columns(enterprise) -> None:
    (line,) = export_lines_create(enterprise=enterprise, actor=None, lines=[export_line_input()])
    before = line.updated_at
    line.rebate_rate, line.note = Decimal("0.10"), "not saved"
    rows.update(ExportLine, [line], ["rebate_rate", "updated_at"])
    stored = ExportLine.objects.get(pk=line.pk)
    assert stored.rebate_rate == Decimal("0.10") and stored.note == ""
    assert stored.updated_at > before


HEADER = ["所属期", "出口报关单号", "出口日期", "出口商品代码", "申报海关商品名称", "计量单位",
          "出口数量", "出口销售额（美元）", "出口销售额（人民币）", "征税率", "退税率"]  # fmt: skip


def upload(rows_: list[list[object]]) -> io.BytesIO:
    return workbook_bytes(HEADER, rows_)


def sheet_row(item_key: str, rebate: float = 0.09) -> list[object]:
    return ["202604", item_key, dt.date(2026, 4, 2), "8501100001", "微电机", "台", 10, 100,
            710, 0.13, rebate]  # fmt: skip


def test_import_names_sheet_row_and_column_of_a_model_rule(clerk_client, enterprise) -> None:
    """出口报关单号's format is a model rule (not the form's): still reported by row and
    column, with the form's errors of other rows, and nothing is created."""
    good = "530420260000000001001"
    file = upload([sheet_row(good), sheet_row(good, rebate=1.3), sheet_row("12345")])
    response = clerk_client.post("/ckts/goods/exportline/import/", {"file": file})
    assert response.status_code == 400
    page = response.content.decode()
    assert "出口报关单号应为21位" in page and "税率应为0至1之间的小数" in page
    assert "<td>第3行</td><td>退税率</td>" in page
    assert "<td>第4行</td><td>出口报关单号</td>" in page
    assert not ExportLine.objects.for_enterprise(enterprise).exists()


def test_import_computes_the_amounts(clerk_client, enterprise) -> None:
    file = upload([sheet_row(f"5304202600000000{n:02d}001") for n in range(1, 4)])
    response = clerk_client.post("/ckts/goods/exportline/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()[:500]
    lines = ExportLine.objects.for_enterprise(enterprise).order_by("sequence_no")
    assert [line.sequence_no for line in lines] == ["0001", "0002", "0003"]
    assert {line.exempt_credit_refund for line in lines} == {Decimal("63.90")}  # 710 × 0.09
    assert {line.origin for line in lines} == {"import"}


def test_bulk_edit_of_the_filtered_list_recomputes(clerk_client, enterprise) -> None:
    export_lines_create(
        enterprise=enterprise, actor=None, lines=[export_line_input() for _ in range(3)]
    )
    response = clerk_client.post(
        "/ckts/goods/exportline/bulk-edit/?period=202603",
        {"all": "1", "domestic_free_materials": "110.00"},  # the rates are 返填, not bulk-edited
    )
    assert response.status_code == 302, response.content.decode()[:500]
    lines = ExportLine.objects.for_enterprise(enterprise)
    assert {(x.domestic_free_materials, x.exempt_credit_refund) for x in lines} == {
        (Decimal("110.00"), Decimal("908.70"))  # (7100 − 110) × 0.13
    }


def test_bulk_edit_of_a_queryset_recomputes_and_refuses_a_locked_line(
    enterprise, django_assert_max_num_queries
) -> None:
    """The fast path (columns read as tuples onto bare instances): calc's amounts on the new
    base, a few queries whatever the count, and a line in a batch refused by its own text
    with nothing changed."""
    inputs = [export_line_input(rebate_rate=Decimal("0.09")) for _ in range(4)]
    created = export_lines_create(enterprise=enterprise, actor=None, lines=inputs)
    lines = ExportLine.objects.for_enterprise(enterprise)
    edit = {"domestic_free_materials": Decimal("110.00")}
    with django_assert_max_num_queries(4):  # read, executemany, savepoint and its release
        assert export_line.update_many(enterprise=enterprise, actor=None, objects=lines, data=edit)
    # (7100 − 110) × (0.13 − 0.09) and (7100 − 110) × 0.09
    assert set(lines.values_list("domestic_free_materials", "non_creditable",
                                 "exempt_credit_refund")) == {
        (Decimal("110.00"), Decimal("279.60"), Decimal("629.10"))
    }  # fmt: skip
    locked = created[2]
    ExportLine.objects.filter(pk=locked.pk).update(status="generated", declaration_batch_id=7)
    with pytest.raises(ValidationError) as info:
        export_line.update_many(
            enterprise=enterprise, actor=None, objects=lines,
            data={"domestic_free_materials": Decimal("120.00")},
        )  # fmt: skip
    assert info.value.messages == [f"「{locked}」：{LOCKED_MESSAGE.format(batch=7)}"]
    assert set(lines.values_list("domestic_free_materials", flat=True)) == {Decimal("110.00")}


def test_the_list_says_whether_its_total_is_counted_or_estimated(
    clerk_client, enterprise, monkeypatch
) -> None:
    monkeypatch.setattr(paging, "EXACT_LIMIT", 2)
    export_lines_create(enterprise=enterprise, actor=None, lines=[export_line_input()] * 3)
    page = clerk_client.get("/ckts/goods/exportline/").content.decode()
    expected = "约 " if connection.vendor == "postgresql" else "超过 2 条"
    assert expected in page


def test_build_matches_the_keyword_constructor(enterprise, django_assert_num_queries) -> None:
    rows_ = [{"period": "202603", "origin": "customs"}, {"period": "202604", "note": "x"}]
    built = instances.build(ExportLine, rows_, enterprise=enterprise, origin=LineOrigin.MANUAL)
    expected = [
        ExportLine(enterprise=enterprise, **{"origin": LineOrigin.MANUAL, **r}) for r in rows_
    ]
    names = [f.attname for f in ExportLine._meta.concrete_fields]
    assert [[getattr(o, n) for n in names] for o in built] == [
        [getattr(o, n) for n in names] for o in expected
    ]
    assert built[0].origin == "customs" and built[1].origin == LineOrigin.MANUAL  # row wins
    assert built[1].domestic_free_materials == 0 and built[0]._state.adding
    with django_assert_num_queries(0):
        assert built[0].enterprise is enterprise  # the related object is cached, not fetched


def test_build_refuses_unknown_fields(enterprise) -> None:
    with pytest.raises(TypeError):
        instances.build(
            ExportLine, [{"period": "202603", "no_such_field": 1}], enterprise=enterprise
        )
