from rebate.core.models import Draft, Job, StatusChange
from rebate.core.testing import isolation


def make_job(enterprise):
    return Job.objects.create(enterprise=enterprise, kind="test", label="测试任务")


def make_status_change(enterprise):
    return StatusChange.objects.create(
        enterprise=enterprise, object_type="x", object_id="1", from_state="a", to_state="b"
    )


isolation.register(
    Job,
    make=make_job,
    urls=["core:job_progress", "api:v1:job-detail"],
    list_urls=["api:v1:job-list"],
)
isolation.register(StatusChange, make=make_status_change)


def make_draft(enterprise):
    return Draft.objects.create(
        enterprise=enterprise, record="configuration:currency", data={"code": ["USD"]}
    )


isolation.register(Draft, make=make_draft, urls=["core:draft_delete"])
