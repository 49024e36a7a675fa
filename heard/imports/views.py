"""Uploading an import: the file is checked and written by a background task, and the
progress page says how far it has got. The person can leave and come back."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from heard.core.casepages import require_perm
from heard.imports.forms import AnswersForm, UploadForm
from heard.imports.models import ImportJob, ImportStatus
from heard.imports.questions import save_answers
from heard.imports.tasks import run_import_job


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    user = require_perm(request, "imports.import_cases")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            file_name=upload.name,
            content=upload.read(),
            dry_run=form.cleaned_data["dry_run"],
            uploaded_by=user,
        )
        run_import_job.enqueue(job.pk)
        return redirect("imports:job", pk=job.pk)
    jobs = ImportJob.objects.defer("content").select_related("uploaded_by")[:20]
    return render(request, "imports/upload.html", {"form": form, "jobs": jobs})


@require_http_methods(["GET", "POST"])
def job(request: HttpRequest, pk: int) -> HttpResponse:
    """How the import went; while it waits for what some words mean, the questions, and on
    answering them, the same file imported again with the answers."""
    user = require_perm(request, "imports.import_cases")
    found = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    waiting = found.status == ImportStatus.QUESTIONS
    form = AnswersForm(request.POST or None, questions=found.questions) if waiting else None
    if request.method == "POST":
        if form is not None and form.is_valid():
            save_answers(form.answers(), by=user)
            # Only the job still waiting is started again (a second click finds it queued).
            restarted = ImportJob.objects.filter(pk=pk, status=ImportStatus.QUESTIONS).update(
                status=ImportStatus.QUEUED,
                stage="",
                done=0,
                total=0,
                problems=[],
                summary=[],
                questions=[],
                finished_at=None,
            )
            if restarted:
                run_import_job.enqueue(found.pk)
            return redirect("imports:job", pk=found.pk)
        if form is None:
            return redirect("imports:job", pk=found.pk)
    return render(request, "imports/job.html", {"job": found, "form": form})
