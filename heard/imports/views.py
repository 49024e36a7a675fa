"""Uploading an import: the file is checked and written by a background task, and the
progress page says how far it has got. The person can leave and come back."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from heard.core.casepages import require_perm
from heard.imports.forms import UploadForm
from heard.imports.models import ImportJob
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


@require_GET
def job(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request, "imports.import_cases")
    found = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    return render(request, "imports/job.html", {"job": found})
