from django_tasks import task

from .jobs import job_execute


@task()
def run_job(job_id: int) -> None:
    job_execute(job_id)
