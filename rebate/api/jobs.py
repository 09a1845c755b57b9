"""Jobs: status and progress of every long action, the same rows the pages' progress bars
show (rebate.core.jobs); an action that starts one answers 202 with it."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from rebate.core.jobs import job_seen
from rebate.core.models import Job

from .base import ApiViewSet
from .schema_fields import ErrorSerializer


class JobSerializer(serializers.ModelSerializer[Job]):
    percent = serializers.IntegerField(read_only=True, help_text="进度百分比")
    finished = serializers.BooleanField(read_only=True, help_text="是否已结束（成功或失败）")
    result = serializers.JSONField(read_only=True, help_text="结果（如批次编号、摘要）")

    class Meta:
        model = Job
        fields = [
            "id", "kind", "label", "status", "done", "total", "percent", "finished", "message",
            "result", "created_at", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields


def job_started(job: Job) -> Response:
    """202 Accepted with the job; poll GET /api/v1/jobs/{id}/ until ``finished``."""
    return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=["后台任务"])
class JobViewSet(ApiViewSet):
    serializer_class = JobSerializer
    queryset = Job.objects.none()

    def get_queryset(self) -> Any:
        return Job.objects.for_enterprise(self.enterprise)

    @extend_schema(summary="后台任务列表")
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(JobSerializer(page, many=True).data)

    @extend_schema(
        summary="后台任务状态与进度", responses={200: JobSerializer, 404: ErrorSerializer}
    )
    def retrieve(self, request: Request, pk: int) -> Response:
        job = job_seen(get_object_or_404(self.get_queryset(), pk=pk))
        return Response(JobSerializer(job).data)
