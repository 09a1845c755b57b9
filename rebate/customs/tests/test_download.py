"""信息下载 (DC-02/03): new / unchanged / 改单, locked declarations, all-or-nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rebate.core.models import Job, JobStatus
from rebate.customs.choices import CheckStatus, RevisionKind
from rebate.customs.models import Declaration, DeclarationItem, DeclarationRevision
from rebate.customs.services import declarations_download
from rebate.customs.services.intake import HELD_WARNING, REGENERATE_WARNING
from rebate.customs.tasks import download_job_create
from rebate.goods.services import export_lines_attach_batch
from rebate.integrations.wire.customs import Amendment
from rebate.integrations.wire.errors import WireError

from .factories import FakeSource, wire_declaration, wire_item

pytestmark = pytest.mark.django_db
MARCH = {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}


def download(enterprise, user, source, **kwargs):
    params = kwargs or MARCH
    return declarations_download(enterprise=enterprise, actor=user, source=source, **params)


def test_range_download_stores_heads_and_items(enterprise, user, source: FakeSource) -> None:
    source.declarations = [wire_declaration(enterprise.customs_code) for _ in range(3)]
    source.declarations.append(wire_declaration(enterprise.customs_code, ie_date=date(2026, 4, 2)))
    summary = download(enterprise, user, source)
    assert (summary.new, summary.updated, summary.unchanged) == (3, 0, 0)
    assert Declaration.objects.for_enterprise(enterprise).count() == 3
    item = DeclarationItem.objects.for_enterprise(enterprise).order_by("pk").first()
    assert item.item_key == f"{item.declaration.entry_id}001" and len(item.item_key) == 21
    assert item.decl_total == Decimal("1000.00") and isinstance(item.first_qty, Decimal)
    assert item.rebate_code == item.code_ts
    assert item.declaration.export_month == "202603"
    assert "新增3张" in summary.text()


def test_download_twice_is_idempotent(enterprise, user, source) -> None:
    source.declarations = [wire_declaration(enterprise.customs_code) for _ in range(3)]
    download(enterprise, user, source)
    summary = download(enterprise, user, source)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 3)
    assert Declaration.objects.count() == 3
    assert DeclarationItem.objects.count() == 6
    assert not DeclarationRevision.objects.exists()


def test_download_by_number(enterprise, user, source) -> None:
    wanted = wire_declaration(enterprise.customs_code)
    source.declarations = [wanted, wire_declaration(enterprise.customs_code)]
    summary = download(enterprise, user, source, entry_id=wanted.entry_id)
    assert summary.new == 1
    assert list(Declaration.objects.values_list("entry_id", flat=True)) == [wanted.entry_id]


def test_unknown_number_is_a_clear_error(enterprise, user, source) -> None:
    with pytest.raises(ValidationError, match="海关没有本企业报关单号为"):
        download(enterprise, user, source, entry_id="530420269999999999")


def test_amendment_updates_and_keeps_history(enterprise, user, source) -> None:
    d = wire_declaration(enterprise.customs_code)
    source.declarations = [d]
    download(enterprise, user, source)
    Declaration.objects.update(check_status=CheckStatus.PASSED)
    changed_item = wire_item(1, first_qty=Decimal("90"), decl_total=Decimal("900.00"))
    source.replace(d.entry_id, items=(changed_item, d.items[1]), amended=True)
    source.amendment_rows = [
        Amendment(d.entry_id, 1, date(2026, 3, 20), "数量申报错误",
                  old_qty=Decimal(100), new_qty=Decimal(90)),
    ]  # fmt: skip
    summary = download(enterprise, user, source)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 0)
    stored = Declaration.objects.get()
    assert stored.amended and stored.revision_count == 1
    assert stored.check_status == CheckStatus.UNCHECKED  # changed data must be checked again
    item = stored.items.get(g_no=1)
    assert item.first_qty == Decimal("90")
    revision = stored.revisions.get()
    assert revision.kind == RevisionKind.APPLIED
    fields = {(c["item"], c["field"]) for c in revision.changes}
    assert ("1", "法定第一数量") in fields and ("", "改单标志") in fields
    assert revision.amendments[0]["reason"] == "数量申报错误"
    assert download(enterprise, user, source).unchanged == 1  # the new state is now known


def _generate_lines_for(declaration: Declaration) -> list[int]:
    from rebate.goods.tests.factories import make_export_line

    ids = []
    for item in declaration.items.all():
        line = make_export_line(declaration.enterprise, item_key=item.item_key)
        item.export_line = line
        item.save()
        ids.append(line.pk)
    Declaration.objects.filter(pk=declaration.pk).update(generation_status="1")
    return ids


def test_declared_declaration_is_never_silently_changed(enterprise, user, source) -> None:
    d = wire_declaration(enterprise.customs_code)
    source.declarations = [d]
    download(enterprise, user, source)
    stored = Declaration.objects.get()
    line_ids = _generate_lines_for(stored)
    export_lines_attach_batch(
        enterprise=enterprise, actor=user, line_ids=line_ids, batch_id=7, status="generated"
    )
    source.replace(d.entry_id, items=(wire_item(1, first_qty=Decimal("80")), d.items[1]))
    summary = download(enterprise, user, source)
    assert summary.held == 1 and summary.updated == 0
    assert HELD_WARNING in summary.warnings[0]
    stored.refresh_from_db()
    assert stored.items.get(g_no=1).first_qty == Decimal("100")  # unchanged
    assert stored.change_warning == HELD_WARNING
    revision = stored.revisions.get()
    assert revision.kind == RevisionKind.HELD
    assert revision.changes == [{"item": "1", "field": "法定第一数量", "old": "100", "new": "80"}]
    again = download(enterprise, user, source)
    assert again.unchanged == 1 and stored.revisions.count() == 1


def test_generated_but_not_declared_is_updated_with_a_warning(enterprise, user, source) -> None:
    d = wire_declaration(enterprise.customs_code)
    source.declarations = [d]
    download(enterprise, user, source)
    _generate_lines_for(Declaration.objects.get())
    source.replace(d.entry_id, items=(wire_item(1, first_qty=Decimal("80")), d.items[1]))
    assert download(enterprise, user, source).updated == 1
    stored = Declaration.objects.get()
    assert stored.items.get(g_no=1).first_qty == Decimal("80")
    assert stored.items.get(g_no=1).export_line_id is not None  # link kept
    assert stored.change_warning == REGENERATE_WARNING


def test_malformed_page_stores_nothing(enterprise, user, source) -> None:
    source.declarations = [wire_declaration(enterprise.customs_code) for _ in range(5)]
    source.fail_on_page = 1
    source.error = WireError(
        "XML格式错误（第3行）：Opening and ending tag mismatch", code="malformed"
    )
    with pytest.raises(WireError):
        download(enterprise, user, source)
    assert not Declaration.objects.exists() and not DeclarationItem.objects.exists()


def test_foreign_declaration_rejects_the_whole_download(enterprise, user, source) -> None:
    source.declarations = [wire_declaration(enterprise.customs_code)]
    source.declarations.append(wire_declaration(enterprise.customs_code, ie_flag="I"))
    with pytest.raises(ValidationError, match="不是出口报关单"):
        download(enterprise, user, source)
    assert not Declaration.objects.exists()


def test_out_of_range_value_rejects_the_whole_download(enterprise, user, source) -> None:
    source.declarations = [
        wire_declaration(enterprise.customs_code),
        wire_declaration(
            enterprise.customs_code, items=(wire_item(1, decl_total=Decimal("1.234")),)
        ),
    ]
    with pytest.raises(ValidationError, match="本次下载未保存"):
        download(enterprise, user, source)
    assert not Declaration.objects.exists()


def test_download_job_reports_progress_and_summary(
    enterprise, user, source, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    source.declarations = [wire_declaration(enterprise.customs_code) for _ in range(3)]
    monkeypatch.setattr("rebate.customs.services.download.customs_source", lambda: source)
    with django_capture_on_commit_callbacks(execute=True):
        job = download_job_create(enterprise=enterprise, actor=user, **MARCH)
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert job.result["new"] == 3 and "新增3张" in job.result["summary"]


def test_failed_job_says_why_and_stores_nothing(
    enterprise, user, source, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    source.declarations = [wire_declaration(enterprise.customs_code) for _ in range(3)]
    source.fail_on_page = 1
    source.error = WireError("XML不符合数据格式定义（第5行）：Element 'GNo'", code="malformed")
    monkeypatch.setattr("rebate.customs.services.download.customs_source", lambda: source)
    with django_capture_on_commit_callbacks(execute=True):
        job = download_job_create(enterprise=enterprise, actor=user, **MARCH)
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.FAILED and "XML不符合数据格式定义" in job.message
    assert not Declaration.objects.exists()
