"""The generic view tests of a RecordType, run from a few declared attributes (NetBox-style).

    class TestCodeAdjustmentPages(RecordPageTests):
        record = records.code_adjustment
        make = staticmethod(factories.make_code_adjustment)   # one row of an enterprise
        add_data = {...}          # POST data of a valid 新建 (field name → text)
        edit_data = {...}         # fields changed by 修改
        bulk_data = {...}         # fields set by 批量修改
        import_row = {...}        # a valid import row: column label → cell value
        bad_import_cell = ("出口报关单号", "123")   # one cell that makes a row invalid

Optional: `enterprise_kwargs` (e.g. {"category": "4"}), `prepare(enterprise)` (e.g. grant a
qualification), `closed_enterprise_kwargs` (an enterprise that must see the 'not available'
notice), `lock` (field values that put a row inside a declared batch). A test of an action
the RecordType does not offer is not collected for it (the root conftest deselects it), so
no test is ever skipped.

Users come from the project's `new_member` fixture (conftest.py): the kernel imports no
domain app, its test support included (pyproject's layers contract).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from rebate.core.imports import import_columns

MAX_LIST_QUERIES = 12


def applies(predicate: Callable[[Any], bool]) -> Callable[[Any], Any]:
    """Collect the decorated test only for RecordPageTests classes that satisfy predicate."""

    def decorate(test: Any) -> Any:
        test.applies = predicate
        return test

    return decorate


def offers(action: str) -> Callable[[Any], Any]:
    return applies(lambda cls: cls.record.has(action))


def applicable(item: Any) -> bool:
    """For the root conftest: is this collected test meaningful for its class?"""
    predicate = getattr(getattr(item, "function", None), "applies", None)
    cls = getattr(item, "cls", None)
    return predicate is None or cls is None or bool(predicate(cls))


def form_data(record: Any, obj: Any) -> dict[str, str]:
    """The POST data the edit page would send back unchanged for `obj`."""
    form = record.form(instance=obj)
    data = {}
    for name, bound in form._bound_items():
        if bound.field.disabled:
            continue
        value = bound.value()
        data[name] = "" if value is None else str(value)
    return data


def workbook_bytes(header: list[str], rows: list[list[Any]]) -> io.BytesIO:
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    handle = io.BytesIO()
    workbook.save(handle)
    handle.seek(0)
    handle.name = "import.xlsx"
    return handle


@pytest.mark.django_db
class RecordPageTests:
    record: ClassVar[Any]
    make: ClassVar[Callable[..., Any]]
    add_data: ClassVar[Mapping[str, str]] = {}
    edit_data: ClassVar[Mapping[str, str]] = {}
    bulk_data: ClassVar[Mapping[str, str]] = {}
    import_row: ClassVar[Mapping[str, Any]] = {}
    bad_import_cell: ClassVar[tuple[str, Any]] = ("", "")
    enterprise_kwargs: ClassVar[Mapping[str, Any]] = {}
    closed_enterprise_kwargs: ClassVar[Mapping[str, Any] | None] = None
    lock: ClassVar[Mapping[str, Any] | None] = {"status": "generated", "declaration_batch_id": 1}

    def prepare(self, enterprise: Any) -> None:
        """Anything the enterprise needs before it may use the form (a qualification…)."""

    # -- fixtures -----------------------------------------------------------------------------
    @pytest.fixture
    def owner(self, db: Any, new_member: Callable[..., Any]) -> Any:
        user = new_member(**self.enterprise_kwargs)
        self.prepare(user.enterprise)
        return user

    @pytest.fixture
    def web(self, client: Any, owner: Any) -> Any:
        client.force_login(owner)
        return client

    def url(self, action: str, *args: Any) -> str:
        return reverse(self.record.url_name(action), args=args)

    def rows(self, enterprise: Any) -> Any:
        return self.record.queryset(enterprise)

    # -- list, detail, add, edit, delete ------------------------------------------------------
    def test_list_shows_own_rows(self, web: Any, owner: Any) -> None:
        row = type(self).make(owner.enterprise)
        response = web.get(self.url("list"))
        assert response.status_code == 200
        assert f'data-pk="{row.pk}"' in response.content.decode()

    def test_list_queries_do_not_grow_with_rows(self, web: Any, owner: Any) -> None:
        type(self).make(owner.enterprise)
        with CaptureQueriesContext(connection) as one:
            web.get(self.url("list"))
        for _ in range(4):
            type(self).make(owner.enterprise)
        with CaptureQueriesContext(connection) as five:
            web.get(self.url("list"))
        assert len(five) == len(one) <= MAX_LIST_QUERIES, [q["sql"] for q in five]

    def test_list_sorts_pages_and_chooses_columns(self, web: Any, owner: Any) -> None:
        type(self).make(owner.enterprise)
        name = next(iter(self.record.table.base_columns.keys() - {"selection"}))
        assert web.get(self.url("list"), {"sort": name}).status_code == 200
        response = web.get(self.url("list"), {"cols_set": "1", "cols": [name]})
        header = str(self.record.table.base_columns[name].header or name)
        assert response.status_code == 200 and "共 1 条" in response.content.decode()
        assert header in response.content.decode()

    @offers("add")
    def test_add_saves_a_valid_record(self, web: Any, owner: Any) -> None:
        before = self.rows(owner.enterprise).count()
        response = web.post(self.url("add"), self.add_data)
        assert response.status_code == 302, _errors(response)
        assert self.rows(owner.enterprise).count() == before + 1

    @offers("add")
    def test_add_shows_required_errors(self, web: Any) -> None:
        response = web.post(self.url("add"), {})
        assert response.status_code == 400
        assert "为必填项" in response.content.decode()

    @offers("edit")
    def test_detail_and_edit(self, web: Any, owner: Any) -> None:
        row = type(self).make(owner.enterprise)
        assert web.get(self.url("detail", row.pk)).status_code == 200
        data = {**form_data(self.record, row), **self.edit_data}
        response = web.post(self.url("edit", row.pk), data)
        assert response.status_code == 302, _errors(response)
        row.refresh_from_db()
        for name, value in self.edit_data.items():
            assert _same(getattr(row, name), value), name

    @offers("delete")
    def test_delete(self, web: Any, owner: Any) -> None:
        row = type(self).make(owner.enterprise)
        assert web.get(self.url("delete", row.pk)).status_code == 200
        assert web.post(self.url("delete", row.pk)).status_code == 302
        assert not self.rows(owner.enterprise).filter(pk=row.pk).exists()

    @applies(lambda cls: bool(cls.lock) and cls.record.has("edit"))
    def test_rows_in_a_batch_are_read_only(self, web: Any, owner: Any) -> None:
        row = type(self).make(owner.enterprise)
        self.rows(owner.enterprise).filter(pk=row.pk).update(**(self.lock or {}))
        reason = self.record.read_only_reason(self.rows(owner.enterprise).get(pk=row.pk))
        assert reason
        assert reason in web.get(self.url("detail", row.pk)).content.decode()
        data = {**form_data(self.record, row), **self.edit_data}
        response = web.post(self.url("edit", row.pk), data)
        assert response.status_code == 400 and reason in response.content.decode()
        web.post(self.url("delete", row.pk))
        assert self.rows(owner.enterprise).filter(pk=row.pk).exists()

    # -- 暂存 (rebate.core.drafts) --------------------------------------------------------------
    @offers("add")
    def test_a_draft_is_kept_unchecked_listed_and_saved_normally_later(
        self, web: Any, owner: Any
    ) -> None:
        from rebate.core.models import Draft

        before = self.rows(owner.enterprise).count()
        name, value = next(iter(self.add_data.items()))
        response = web.post(self.url("add"), {name: value, "save_draft": "1"})
        assert response.status_code == 302, _errors(response)
        assert self.rows(owner.enterprise).count() == before  # no row: nothing a batch takes
        draft = Draft.objects.get(enterprise=owner.enterprise, record=self.record.key)
        listed = web.get(self.url("list")).content.decode()
        assert f'data-draft="{draft.pk}"' in listed and "暂存" in listed
        opened = web.get(self.url("add"), {"draft": draft.pk}).content.decode()
        assert f'name="draft" value="{draft.pk}"' in opened and value in opened
        refused = web.post(self.url("add"), {"draft": str(draft.pk)})  # now the full checks
        assert refused.status_code == 400 and Draft.objects.filter(pk=draft.pk).exists()
        response = web.post(self.url("add"), {**self.add_data, "draft": str(draft.pk)})
        assert response.status_code == 302, _errors(response)
        assert self.rows(owner.enterprise).count() == before + 1
        assert not Draft.objects.filter(pk=draft.pk).exists()

    @applies(lambda cls: cls.record.has("edit") and bool(cls.edit_data))
    def test_a_draft_of_a_change_leaves_the_record_as_saved(self, web: Any, owner: Any) -> None:
        from rebate.core.models import Draft

        row = type(self).make(owner.enterprise)
        row.refresh_from_db()
        saved = form_data(self.record, row)
        data = {**saved, **self.edit_data, "save_draft": "1"}
        assert web.post(self.url("edit", row.pk), data).status_code == 302
        row.refresh_from_db()
        assert form_data(self.record, row) == saved
        draft = Draft.objects.get(enterprise=owner.enterprise, object_id=row.pk)
        assert web.get(self.url("edit", row.pk + 1000), {"draft": draft.pk}).status_code == 404

    # -- export, import, bulk edit ------------------------------------------------------------
    @offers("export")
    def test_export_streams_the_rows(self, web: Any, owner: Any) -> None:
        rows = [type(self).make(owner.enterprise) for _ in range(2)]
        response = web.get(self.url("export"), {"pk": [rows[0].pk]})
        assert response.status_code == 200
        sheet: Any = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        assert sheet.max_row == 2, list(sheet.values)  # header + the ticked row

    @offers("import")
    def test_import_template_then_valid_import(self, web: Any, owner: Any) -> None:
        response = web.get(self.url("import_template"))
        sheet: Any = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        header = [c.value for c in sheet[1]]
        assert header == [c.label for c in import_columns(self.record)]
        before = self.rows(owner.enterprise).count()
        upload = workbook_bytes(list(self.import_row), [list(self.import_row.values())] * 2)
        response = web.post(self.url("import"), {"file": upload})
        assert response.status_code == 302, _errors(response)
        assert self.rows(owner.enterprise).count() == before + 2

    @offers("import")
    def test_invalid_import_changes_nothing(self, web: Any, owner: Any) -> None:
        label, value = self.bad_import_cell
        bad = {**self.import_row, label: value}
        upload = workbook_bytes(
            list(self.import_row), [list(self.import_row.values()), list(bad.values())]
        )
        response = web.post(self.url("import"), {"file": upload})
        page = response.content.decode()
        assert response.status_code == 400
        assert "第3行" in page and label in page and "没有导入任何记录" in page
        assert self.rows(owner.enterprise).count() == 0

    @offers("bulk_edit")
    def test_bulk_edit_applies_only_filled_fields(self, web: Any, owner: Any) -> None:
        rows = [type(self).make(owner.enterprise) for _ in range(2)]
        rows[0].refresh_from_db()
        untouched = form_data(self.record, rows[0])
        assert web.get(self.url("bulk_edit"), {"pk": [r.pk for r in rows]}).status_code == 200
        data = {"pk": [str(r.pk) for r in rows], **self.bulk_data}
        response = web.post(self.url("bulk_edit"), data)
        assert response.status_code == 302, _errors(response)
        for row in rows:
            row.refresh_from_db()
            for name, value in self.bulk_data.items():
                assert _same(getattr(row, name), value), name
        after = form_data(self.record, rows[0])
        changed = {n for n in untouched if untouched[n] != after[n]}
        assert changed <= set(self.bulk_data), changed

    # -- who may see it ----------------------------------------------------------------------
    def test_other_enterprise_sees_nothing(
        self, client: Any, owner: Any, new_member: Callable[..., Any]
    ) -> None:
        row = type(self).make(owner.enterprise)
        client.force_login(new_member(**self.enterprise_kwargs))
        assert f'data-pk="{row.pk}"' not in client.get(self.url("list")).content.decode()
        if self.record.has("detail"):
            assert client.get(self.url("detail", row.pk)).status_code == 404

    @applies(lambda cls: cls.closed_enterprise_kwargs is not None)
    def test_closed_to_enterprises_without_the_right(
        self, client: Any, new_member: Callable[..., Any]
    ) -> None:
        client.force_login(new_member(**(self.closed_enterprise_kwargs or {})))
        response = client.get(self.url("list"))
        reason = self.record.unavailable_reason(response.wsgi_request.user.enterprise)
        assert reason and reason in response.content.decode()
        if self.record.has("add"):
            assert self.rows(response.wsgi_request.user.enterprise).count() == 0
            client.post(self.url("add"), self.add_data)
            assert self.rows(response.wsgi_request.user.enterprise).count() == 0


def _same(stored: Any, text: str) -> bool:
    from decimal import Decimal, InvalidOperation

    if stored is None:
        return text == ""
    try:
        return Decimal(str(stored)) == Decimal(text)
    except (InvalidOperation, ValueError):
        return str(stored) == text


def _errors(response: Any) -> str:
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    if form is not None and hasattr(form, "errors"):
        return str(form.errors.as_data())
    errors = context.get("errors") if hasattr(context, "get") else None
    return str(errors or response.status_code)
