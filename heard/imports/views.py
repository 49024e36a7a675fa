"""Uploading an import: the file is checked and written by a background task, and the
progress page says how far it has got. The person can leave and come back."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from heard.accounts.models import User
from heard.imports.forms import UploadForm
from heard.imports.models import ImportJob
from heard.imports.tasks import run_import_job


def _require(request: HttpRequest) -> None:
    if not request.user.has_perm("imports.import_cases"):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)  # _require let no one else in
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            file_name=upload.name,
            content=upload.read(),
            dry_run=form.cleaned_data["dry_run"],
            uploaded_by=request.user,
        )
        run_import_job.enqueue(job.pk)
        return redirect("imports:job", pk=job.pk)
    jobs = ImportJob.objects.defer("content").select_related("uploaded_by")[:20]
    return render(request, "imports/upload.html", {"form": form, "jobs": jobs})


@require_GET
def job(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    found = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    return render(request, "imports/job.html", {"job": found})
