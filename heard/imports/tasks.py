"""The background task that runs an uploaded import (Django Tasks, database backend)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from heard.imports.models import ImportJob, ImportStatus
from heard.imports.service import run_import

#: Progress is written at most this often (rows), so the job row is not a bottleneck.
PROGRESS_EVERY = 5000


@task()
def run_import_job(job_id: int) -> str:
    """Run the import a manager uploaded, recording progress and the outcome on the job."""
    job = ImportJob.objects.select_related("uploaded_by").get(pk=job_id)
    if job.finished:  # run already (a worker restarted after finishing it)
        return job.status
    jobs = ImportJob.objects.filter(pk=job_id)
    jobs.update(status=ImportStatus.RUNNING, stage="Reading the file")

    def progress(label: str, done: int, total: int) -> None:
        if done == total or done % PROGRESS_EVERY == 0:
            jobs.update(stage=label, done=done, total=total)

    try:
        result = run_import(
            [(job.file_name, bytes(job.content))],
            dry_run=job.dry_run,
            by=job.uploaded_by,
            progress=progress,
        )
    except Exception:
        jobs.update(status=ImportStatus.FAILED, finished_at=timezone.now(), content=b"")
        raise
    questions = [q.as_dict() for q in result.questions.in_order()]
    if questions:
        status = ImportStatus.QUESTIONS
    elif not result.ok:
        status = ImportStatus.REFUSED
    else:
        status = ImportStatus.CHECKED if job.dry_run else ImportStatus.DONE
    jobs.update(
        status=status,
        stage="",
        problems=[str(p) for p in result.problems],
        summary=result.summary(),
        questions=questions,
        finished_at=timezone.now(),
        # The upload has served its purpose once it has run (the cases, or the problems,
        # are what remain); it is kept only while it waits for answers.
        **({} if questions else {"content": b""}),
    )
    return status
