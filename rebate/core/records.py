"""Generic record pages: a RecordType declares a form's model, table, filters, form and services,
and gets list / 新建 / detail / edit / delete / 批量导出 / 导入 / 批量修改 pages and their URLs.

Modelled on NetBox's generic views: forty forms must not mean forty copies of this code. The
import pages live in core.imports, 批量修改 in core.bulk; this module wires them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views import View

from rebate.calc.periods import Period, PeriodError, filing_period

from . import drafts, services
from .access import DataAccessMixin
from .excel import stream_xlsx
from .paging import CappedCountPaginator
from .tables import chosen_columns, column_choices, table_for

Service = Callable[..., Any]
ALL_ACTIONS = ("list", "add", "detail", "edit", "delete", "export", "import", "bulk_edit")
READ_ACTIONS = ("list", "detail", "export")


def _nothing(_: Any) -> str:
    return ""


@dataclass
class RecordType:
    """One form of the manual. Services are keyword-only and take `enterprise` and `actor`:

    create(enterprise, actor, data) · update(obj, enterprise, actor, data) ·
    delete(obj, enterprise, actor) · create_many(enterprise, actor, rows, checked) for imports
    (`checked`: fields the record's form has already validated on every row) ·
    update_many(enterprise, actor, objects, data) for 批量修改. Without them the generic
    core.services functions (and a loop over `update`) are used.
    """

    model: type[models.Model]
    namespace: str
    title: str
    table: type[tables.Table]
    form: type[forms.ModelForm]  # type: ignore[type-arg]
    filterset: type[django_filters.FilterSet] | None = None
    create: Service | None = None
    update: Service | None = None
    delete: Service | None = None
    create_many: Service | None = None
    update_many: Service | None = None
    read_only_reason: Callable[[Any], str] = _nothing
    # Why the whole form is closed to this enterprise ("" = open), e.g. 收汇 for non-四类.
    unavailable_reason: Callable[[Any], str] = _nothing
    # Where to go instead, shown under that reason: (label, URL name) — not a dead end.
    unavailable_links: tuple[tuple[str, str], ...] = ()
    select_related: tuple[str, ...] = ()
    scope: Mapping[str, Any] = field(default_factory=dict)  # fixed filter of this page
    spec: tuple[str, ...] = ()
    name: str = ""
    actions: tuple[str, ...] = ALL_ACTIONS
    # Buttons on the list page acting on the ticked rows: (label, URL name).
    extra_actions: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    # Columns shown until the user chooses (empty: all); the others stay choosable.
    default_columns: tuple[str, ...] = ()
    import_exclude: tuple[str, ...] = ()
    bulk_exclude: tuple[str, ...] = ()
    # Tabs above the list of forms shown together (one per business, e.g. 备案 | 变更):
    # (label, list URL name); the current record's own tab is marked active.
    tabs: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    # Links on the detail page to related lists: (label, URL name, query parameter).
    related: tuple[tuple[str, str, str], ...] = ()
    # Computed (label, value) rows the detail page shows below the fields (e.g. deadlines).
    detail_facts: Callable[[Any], list[tuple[str, str]]] | None = None
    # A batch record's (core.batch.batch_record): its rows join the batches of this family
    # (its key) and business (code); the lifecycle engine picks them by these, never by model.
    family: str = ""
    business: str = ""
    batched: bool = False
    # Its wire identity, declared once: the package section its rows travel in, the official
    # form's title (the section's label and printed page; "" = title) and a row's fields.
    # No `to_wire`: the family's package writer streams the section itself (免抵退's TSSB).
    wire_section: str = ""
    wire_title: str = ""
    # The official form its rows make when the law renamed it: 所属期 → the name in force
    # (e.g. the 明细表, calc.mdt.names); its pages show it for the period they show.
    dated_title: Callable[[str], str] | None = None
    to_wire: Callable[[Any], Mapping[str, object]] | None = None
    # The next step an empty list names besides 新建/导入: where its rows come from when
    # they are not entered here (e.g. 生成退税 in 报关单采集); a list without 新建 needs one.
    empty_hint: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or self.model._meta.model_name or ""

    @property
    def key(self) -> str:
        return f"{self.namespace}:{self.name}"

    def url_name(self, action: str) -> str:
        return f"{self.namespace}:{self.name}_{action}"

    def api_url_name(self, kind: str) -> str:
        """Its endpoint in the REST API (rebate.api.records): ``list``, ``detail`` or ``bulk``."""
        return f"api:v1:{self.namespace}-{self.name}-{kind}"

    def has(self, action: str) -> bool:
        return action in self.actions

    def form_name(self, period: str) -> str:
        """The dated form name for ``period`` ("" when the law never renamed it); a blank or
        malformed period means the current filing period (calc.periods.filing_period)."""
        if self.dated_title is None:
            return ""
        try:
            shown = Period.parse(period)
        except PeriodError:
            shown = filing_period(timezone.localdate())
        return self.dated_title(str(shown))

    def queryset(self, enterprise: Any) -> Any:
        manager: Any = self.model._default_manager
        qs = manager.filter(enterprise=enterprise, **self.scope)
        # select_related() without names would join every foreign key (the enterprise too).
        return qs.select_related(*self.select_related) if self.select_related else qs

    def urls(self) -> list[URLPattern]:
        from .bulk import RecordBulkEditView
        from .import_views import RecordImportTemplateView, RecordImportView

        n = self.name
        views: dict[str, tuple[str, Any]] = {
            "list": (f"{n}/", RecordListView),
            "add": (f"{n}/add/", RecordEditView),
            "export": (f"{n}/export/", RecordExportView),
            "import": (f"{n}/import/", RecordImportView),
            "import_template": (f"{n}/import/template/", RecordImportTemplateView),
            "bulk_edit": (f"{n}/bulk-edit/", RecordBulkEditView),
            "detail": (f"{n}/<int:pk>/", RecordDetailView),
            "edit": (f"{n}/<int:pk>/edit/", RecordEditView),
            "delete": (f"{n}/<int:pk>/delete/", RecordDeleteView),
        }
        wanted = [*self.actions, *(["import_template"] if self.has("import") else [])]
        return [
            path(route, view.as_view(record=self), name=f"{n}_{action}")
            for action, (route, view) in views.items()
            if action in wanted
        ]


REGISTRY: list[RecordType] = []


def register(record: RecordType) -> RecordType:
    REGISTRY.append(record)
    return record


def discover_records() -> None:
    """Import every installed app's `records` module, so REGISTRY holds every form (in the
    order of INSTALLED_APPS) before a caller outside the URL configuration reads it."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("records")


def batch_record_types(family: str, business: str = "") -> list[RecordType]:
    """The registered batch records of `family` (and of its business `business`, if given)."""
    discover_records()
    return [
        r
        for r in REGISTRY
        if r.batched and r.family == family and (not business or r.business == business)
    ]


def record_for(key: str) -> RecordType:
    """The registered record whose `key` (namespace:name) this is (background imports). Records
    register when their URLs are loaded, which a worker process has not done by itself."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 — imports every app's records
    found = [r for r in REGISTRY if r.key == key]
    if not found:
        raise LookupError(f"unknown record {key!r}")
    return found[0]


def build_form(record: RecordType, enterprise: Any, *args: Any, **kwargs: Any) -> Any:
    """The record's form with every choice of another tenant-owned row limited to `enterprise`;
    a form declaring ``takes_enterprise`` gets it (to prefill from the enterprise's data)."""
    if getattr(record.form, "takes_enterprise", False):
        kwargs["enterprise"] = enterprise
    form = record.form(*args, **kwargs)
    for item in form.fields.values():
        queryset: Any = getattr(item, "queryset", None)
        if queryset is not None and any(
            f.name == "enterprise" for f in queryset.model._meta.fields
        ):
            item.queryset = queryset.filter(enterprise=enterprise)  # type: ignore[attr-defined]
    return form


class RecordView(DataAccessMixin, View):
    record: RecordType = None  # type: ignore[assignment]

    def get_object(self, pk: int) -> Any:
        return get_object_or_404(self.record.queryset(self.enterprise), pk=pk)

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "record": self.record,
            "title": self.record.title,
            "back": list_url(self.record, self.request),
            "carry": carry(self.request),
            **extra,
        }

    def detail_url(self, pk: int) -> str:
        return reverse(self.record.url_name("detail"), args=[pk]) + carry(self.request)

    def unavailable(self, request: HttpRequest) -> HttpResponse | None:
        """The page that explains why this enterprise cannot use the form, or None."""
        reason = self.record.unavailable_reason(self.enterprise)
        if not reason:
            return None
        links = [(label, reverse(name)) for label, name in self.record.unavailable_links]
        context = self.context(reason=reason, links=links)
        return render(request, "core/record_unavailable.html", context)


def empty_text(record: RecordType, *, filtering: bool) -> str:
    """What an empty list says: why it is empty and the next step, naming the buttons."""
    if filtering:
        return "没有符合查询条件的数据：请修改查询条件后点击「查询」。"
    ways = [
        w
        for a, w in (("add", "点击「新建」录入"), ("import", "「导入」Excel文件"))
        if record.has(a)
    ]
    text = f"暂无数据，请{'或'.join(ways)}。" if ways else "暂无数据。"
    return text + record.empty_hint


def filtered(record: RecordType, request: HttpRequest, enterprise: Any) -> tuple[Any, Any]:
    queryset = record.queryset(enterprise)
    if record.filterset is None:
        return None, queryset
    data = request.GET if any(k in request.GET for k in record.filterset.base_filters) else None
    filterset = record.filterset(data, queryset=queryset)
    return filterset, filterset.qs


# The list's own state (query, sort, page, column choice aside) travels with an action started
# from it as `back`, so the list comes back as the clerk left it (批量修改 used to reset it).
NOT_STATE = ("pk", "all", "back", "cols", "cols_set", "cols_reset")


def list_state(params: QueryDict) -> str:
    """The query string of a list page's state: its filters, sort and page."""
    state = params.copy()
    for key in NOT_STATE:
        state.pop(key, None)
    return state.urlencode()


def _back(request: HttpRequest) -> str:
    source = request.POST if "back" in request.POST else request.GET
    return list_state(QueryDict(source.get("back", "")))


def list_url(record: RecordType, request: HttpRequest) -> str:
    """The record's list as the clerk left it (`back` of the request, checked and re-encoded)."""
    state = _back(request)
    return reverse(record.url_name("list")) + (f"?{state}" if state else "")


def carry(request: HttpRequest) -> str:
    """`?back=…` for a link onwards in the list's flow (detail → 修改 / 删除 and back), or ''."""
    state = _back(request)
    return f"?back={quote(state)}" if state else ""


def ticked_pks(request: HttpRequest) -> list[int]:
    source = request.POST if request.method == "POST" else request.GET
    return [int(pk) for pk in source.getlist("pk") if pk.isdigit()]


class RecordListView(RecordView):
    def get(self, request: HttpRequest) -> HttpResponse:
        closed = self.unavailable(request)
        if closed:
            return closed
        filterset, queryset = filtered(self.record, request, self.enterprise)
        shown = chosen_columns(request, self.record)
        table = table_for(self.record, queryset, shown)
        asked = filterset is not None and any(request.GET.get(k) for k in filterset.filters)
        table.empty_text = empty_text(self.record, filtering=asked)
        paging = {"per_page": 50, "paginator_class": CappedCountPaginator}
        tables.RequestConfig(request, paginate=paging).configure(table)
        choices = column_choices(table, shown)
        state = list_state(request.GET)
        return render(
            request,
            "core/record_list.html",
            self.context(
                table=table,
                filter=filterset,
                column_choices=choices,
                state=state,
                onward=f"?back={quote(state)}" if state else "",
                drafts=drafts.drafts(self.enterprise, self.record.key)[:50],
                form_name=self.record.form_name(request.GET.get("period", "")),
            ),
        )


class RecordDetailView(RecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk)
        form = build_form(self.record, self.enterprise, instance=obj)
        for item in form.fields.values():
            item.disabled = True
        links = [
            (label, f"{reverse(url)}?{param}={obj.pk}") for label, url, param in self.record.related
        ]
        return render(
            request,
            "core/record_detail.html",
            self.context(
                object=obj,
                form=form,
                read_only=self.record.read_only_reason(obj),
                links=links,
                facts=self.record.detail_facts(obj) if self.record.detail_facts else [],
                form_name=self.record.form_name(getattr(obj, "period", "")),
            ),
        )


class RecordEditView(RecordView):
    writes = True

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.get_object(pk) if pk else None
        self.draft = self.draft_named(request.GET, pk)
        initial = drafts.initial_of(self.draft) if self.draft else None
        if obj is None and initial is None:
            initial = self.initial_from(request.GET)
        form = build_form(self.record, self.enterprise, instance=obj, initial=initial)
        return self.unavailable(request) or self.show(request, form, obj)

    def initial_from(self, params: QueryDict) -> dict[str, str] | None:
        """A new record's form prefilled from the link that opened it (e.g. 单证匹配's
        填入收汇情况表): only the form's own fields, shown for the clerk to check and save —
        nothing is stored and every check runs on save as for typed values."""
        fields = self.record.form.base_fields
        found = {n: str(params.get(n, "")) for n in params if n in fields and n != "period"}
        return found or None

    def draft_named(self, params: QueryDict, pk: int | None) -> Any:
        """The 暂存 this form was opened from (of this form and this record), or None."""
        draft = drafts.draft_of(self.enterprise, self.record.key, params.get(drafts.DRAFT_FIELD))
        if draft is not None and draft.object_id != pk:
            raise Http404("暂存记录不属于该记录")
        return draft

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.get_object(pk) if pk else None
        closed = self.unavailable(request)
        if closed:
            return closed
        reason = self.record.read_only_reason(obj) if obj else ""
        # The form validates its own copy: ModelForm writes into its instance, and the service
        # must see the stored values to know what changed.
        copy = self.get_object(pk) if pk else None
        form = build_form(self.record, self.enterprise, request.POST, instance=copy)
        self.draft = self.draft_named(request.POST, pk)
        if reason:
            form.add_error(None, reason)
        elif drafts.DRAFT_BUTTON in request.POST:
            return self.save_draft(request, form, pk)
        elif form.is_valid():
            try:
                saved = self.save(form, obj)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                drafts.draft_discard(enterprise=self.enterprise, draft=self.draft)
                messages.success(request, "保存成功")
                return redirect(self.detail_url(saved.pk))
        return self.show(request, form, obj, status=400)

    def save_draft(self, request: HttpRequest, form: Any, pk: int | None) -> HttpResponse:
        """暂存: the fields as typed, none of the checks (they run when it is saved)."""
        names = [name for name, item in form.fields.items() if not item.disabled]
        try:
            self.draft = drafts.draft_save(
                enterprise=self.enterprise, actor=request.user, record_key=self.record.key,
                object_id=pk, post=request.POST, names=names, draft=self.draft,
            )  # fmt: skip
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.show(request, form, self.get_object(pk) if pk else None, status=400)
        messages.success(request, drafts.SAVED)
        return redirect(list_url(self.record, request))

    def save(self, form: Any, obj: Any) -> Any:
        return save_record(self.record, self.enterprise, self.request.user, obj, entered(form))

    def show(self, request: HttpRequest, form: Any, obj: Any, status: int = 200) -> HttpResponse:
        reason = self.record.read_only_reason(obj) if obj else ""
        if reason:
            for item in form.fields.values():
                item.disabled = True
        draft = getattr(self, "draft", None)
        context = self.context(form=form, object=obj, read_only=reason, draft=draft)
        return render(request, "core/record_edit.html", context, status=status)


def entered(form: Any) -> dict[str, Any]:
    """The cleaned values of the fields the user could fill (not the disabled ones)."""
    return {
        k: v
        for k, v in form.cleaned_data.items()
        if k in form.fields and not form.fields[k].disabled
    }


def save_record(record: RecordType, enterprise: Any, actor: Any, obj: Any, data: Any) -> Any:
    """新建 or 修改 through the record's service (or the generic one)."""
    if obj is None:
        if record.create:
            return record.create(enterprise=enterprise, actor=actor, data=data)
        return services.record_create(
            model=record.model, enterprise=enterprise, actor=actor, data=data
        )
    update = record.update or services.record_update
    return update(obj=obj, enterprise=enterprise, actor=actor, data=data)


class RecordDeleteView(RecordView):
    writes = True

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk)
        return render(
            request,
            "core/record_delete.html",
            self.context(object=obj, read_only=self.record.read_only_reason(obj)),
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk)
        reason = self.record.read_only_reason(obj)
        try:
            if reason:
                raise ValidationError(reason)
            delete = self.record.delete or services.record_delete
            delete(obj=obj, enterprise=self.enterprise, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect(self.detail_url(pk))
        messages.success(request, "删除成功")
        return redirect(list_url(self.record, request))


class RecordExportView(RecordView):
    """批量导出: the ticked rows, or else the filtered list, as a streamed Excel file."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        _, queryset = filtered(self.record, request, self.enterprise)
        ticked = ticked_pks(request)
        if ticked:
            queryset = queryset.filter(pk__in=ticked)
        order: list[Any] = list(self.record.model._meta.ordering or ["pk"])
        table = table_for(
            self.record, queryset.order_by(*order), chosen_columns(request, self.record)
        )
        return stream_xlsx(table, f"{self.record.title}.xlsx")


def apply_validation_error(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error.messages[0] if hasattr(error, "messages") else error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
