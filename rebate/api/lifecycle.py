"""The lifecycle actions of every family (TS-18…29 and their families' counterparts), each a
POST calling the one service the page's button calls, with the page's own form for its input:
数据一致性检查 and 生成申报数据 start the same jobs; the IC card's signature is checked as
the browser's (rebate.api.card)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from rebate.accounts.access import request_user
from rebate.accounts.cardauth import SignedText
from rebate.declarations import jobs, services
from rebate.declarations.families import Family, Step
from rebate.declarations.forms import (
    FeedbackUploadForm,
    RevokeForm,
    package_form_class,
    period_form_class,
)
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.views.feedback import MAX_FEEDBACK_BYTES
from rebate.integrations.wire.canonical import signed_info

from . import card
from .base import ApiView
from .batches import BatchSerializer, family_or_404
from .errors import body, form_error
from .jobs import JobSerializer, job_started
from .schema_fields import ErrorSerializer

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}
PERIOD_BODY = inline_serializer(
    "PeriodBody", {"period": serializers.CharField(required=False, help_text="所属期或申报年")}
)
GENERATE_BODY = inline_serializer(
    "GenerateBody",
    {
        "period": serializers.CharField(required=False, help_text="所属期或申报年"),
        "business": serializers.CharField(required=False, help_text="申报业务代码（多业务时必填）"),
        **card.CardProof().fields,
    },
)


def _step(family: str, step: Step) -> Family:
    fam = family_or_404(family)
    if not fam.has(step):
        raise NotFound(f"{fam.label}没有该流程步骤")
    return fam


def _valid(form: Any) -> dict[str, str]:
    if not form.is_valid():
        raise form_error(form)
    return {name: str(value) for name, value in form.cleaned_data.items()}


def _batch(view: ApiView, pk: int) -> DeclarationBatch:
    found: DeclarationBatch = get_object_or_404(
        DeclarationBatch.objects.for_enterprise(view.enterprise), pk=pk
    )
    return found


class ConsistencyView(ApiView):
    @extend_schema(tags=["申报流程"], summary="数据一致性检查（后台任务）", request=PERIOD_BODY,
                   responses={202: JobSerializer, **ERRORS})  # fmt: skip
    def post(self, request: Request, family: str) -> Response:
        fam = _step(family, Step.CONSISTENCY)
        posted = _valid(period_form_class(fam)(body(request)))
        return self._job(fam, jobs.CONSISTENCY, posted)

    def _job(self, fam: Family, kind: str, posted: dict[str, str], card_no: str = "") -> Response:
        job = jobs.dialog_job_start(
            enterprise=self.enterprise, actor=request_user(self.request._request),
            family=fam.key, kind=kind, posted=posted, card_no=card_no,
        )  # fmt: skip
        return job_started(job)


class GenerateView(ConsistencyView):
    @extend_schema(tags=["申报流程"], summary="生成申报数据（后台任务；需IC卡签名原文）",
                   request=GENERATE_BODY, responses={202: JobSerializer, **ERRORS})  # fmt: skip
    def post(self, request: Request, family: str) -> Response:
        fam = _step(family, Step.GENERATE)
        posted = _valid(package_form_class(fam)(body(request)))
        return self._job(fam, jobs.GENERATE, posted, card.card_no(request))


class SummaryView(ApiView):
    @extend_schema(tags=["申报流程"], summary="生成汇总数据（字段同页面对话框）",
                   request={"application/json": {"type": "object", "additionalProperties": True}},
                   responses={200: inline_serializer("Done", {"message": serializers.CharField()}),
                              **ERRORS})  # fmt: skip
    def post(self, request: Request, family: str) -> Response:
        fam = _step(family, Step.SUMMARY)
        step = fam.summary
        assert step is not None
        form = step.form_class(body(request))
        if not form.is_valid():
            raise form_error(form)
        done = step.generate(
            enterprise=self.enterprise, actor=request_user(request._request),
            period=form.cleaned_data["period"], data=form.cleaned_data,
        )  # fmt: skip
        return Response({"message": done})


REFRESHED = inline_serializer("Refreshed", {"changed": serializers.IntegerField()})


class RefreshView(ApiView):
    @extend_schema(tags=["申报流程"], summary="自检状态查询（刷新自检中/已申报批次的状态）",
                   request=None,
                   responses={200: REFRESHED, **ERRORS})  # fmt: skip
    def post(self, request: Request, family: str) -> Response:
        fam = _step(family, Step.SELF_CHECK)
        changed = services.refresh_pending(
            enterprise=self.enterprise, actor=request_user(request._request), family=fam.key
        )
        return Response({"changed": changed})


def _batch_action(service: Any, summary: str, *, needs_card: bool = True) -> type[ApiView]:
    """POST /batches/{id}/…: the batch's service, after the card's proof when it needs one."""

    class BatchAction(ApiView):
        @extend_schema(tags=["申报流程"], summary=summary,
                       request=card.CardProof if needs_card else None,
                       responses={200: BatchSerializer, **ERRORS})  # fmt: skip
        def post(self, request: Request, pk: int) -> Response:
            batch = _batch(self, pk)
            if needs_card:
                card.card_no(request)
            done = service(
                enterprise=self.enterprise, actor=request_user(request._request), batch_id=batch.pk
            )
            return Response(BatchSerializer(done).data)

    BatchAction.__name__ = BatchAction.__qualname__ = f"Batch{service.__name__.title()}View"
    return BatchAction


SelfCheckView = _batch_action(services.batch_self_check, "数据自检（上传税务机关自检；需IC卡）")
UploadView = _batch_action(services.batch_upload, "远程申报（需IC卡）")
ConfirmView = _batch_action(services.batch_confirm, "确认申报 / 正式申报（需IC卡）")


class SignView(ApiView):
    @extend_schema(
        tags=["申报流程"],
        summary="IC卡签名申报数据：对 sign_text（摘要）的签名",
        request=inline_serializer("PackageSignature", {
            "card_no": serializers.CharField(),
            "card_signature": serializers.CharField(help_text="对 sign_text 的签名（base64 r‖s）"),
        }),
        responses={200: BatchSerializer, **ERRORS},
    )  # fmt: skip
    def post(self, request: Request, pk: int) -> Response:
        batch = _batch(self, pk)
        data = body(request)
        signed = card.signed_from(request) if data.get("card_text") else None
        if signed is None and data.get("card_no") and data.get("card_signature"):
            # The text is the batch's own: the caller signs sign_text and sends the signature.
            text = signed_info(batch.package_digest).decode()
            signed = SignedText(str(data["card_no"]), text, str(data["card_signature"]))
        done = services.batch_sign(
            enterprise=self.enterprise, actor=request_user(request._request),
            batch_id=batch.pk, signed=signed,
        )  # fmt: skip
        return Response(BatchSerializer(done).data)


REVOKE_BODY = inline_serializer("RevokeBody", {"reason": serializers.CharField(required=False)})


class RevokeView(ApiView):
    @extend_schema(tags=["申报流程"], summary="撤销申报数据",
                   request=REVOKE_BODY, responses={200: BatchSerializer, **ERRORS})  # fmt: skip
    def post(self, request: Request, pk: int) -> Response:
        batch = _batch(self, pk)
        reason = _valid(RevokeForm(body(request))).get("reason", "")
        done = services.batch_revoke(
            enterprise=self.enterprise, actor=request_user(request._request),
            batch_id=batch.pk, reason=reason,
        )  # fmt: skip
        return Response(BatchSerializer(done).data)


FEEDBACK = inline_serializer("FeedbackRead", {
    "new": serializers.BooleanField(help_text="false：该反馈已读入过，本次未做任何更改"),
    "record_count": serializers.IntegerField(), "changed_count": serializers.IntegerField(),
})  # fmt: skip


def _feedback(record: Any, new: bool) -> Response:
    return Response({
        "new": new, "record_count": getattr(record, "record_count", 0),
        "changed_count": getattr(record, "changed_count", 0),
    })  # fmt: skip


class FeedbackReadView(ApiView):
    parser_classes = [MultiPartParser, FormParser]  # type: ignore[list-item]

    @extend_schema(tags=["申报流程"], summary="反馈读入（上传税务机关反馈文件）",
                   request={"multipart/form-data": {"type": "object", "properties": {
                       "file": {"type": "string", "format": "binary"}}, "required": ["file"]}},
                   responses={200: FEEDBACK, **ERRORS})  # fmt: skip
    def post(self, request: Request, family: str) -> Response:
        family_or_404(family)
        form = FeedbackUploadForm(request.data, request.FILES)
        if not form.is_valid():
            raise form_error(form)
        upload = form.cleaned_data["file"]
        if upload.size > MAX_FEEDBACK_BYTES:
            raise ValidationError({"file": "反馈文件过大"})
        record, new = services.feedback_read(
            enterprise=self.enterprise, actor=request_user(request._request),
            data=upload.read(), filename=upload.name,
        )  # fmt: skip
        return _feedback(record, new)


class FeedbackDownloadView(ApiView):
    @extend_schema(tags=["申报流程"], summary="审核结果下载（从税务机关下载审核结果）",
                   request=PERIOD_BODY, responses={200: FEEDBACK, **ERRORS})  # fmt: skip
    def post(self, request: Request, family: str) -> Response:
        fam = _step(family, Step.FEEDBACK_DOWNLOAD)
        posted = _valid(period_form_class(fam)(body(request)))
        record, new = services.feedback_download(
            enterprise=self.enterprise, actor=request_user(request._request),
            family=fam.key, period=posted.get("period", ""),
        )  # fmt: skip
        return _feedback(record, new)
