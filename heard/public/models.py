"""Files a member of the public has added to a form they have not sent yet."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from heard.core.files import document_storage


def pending_path(instance: PendingUpload, filename: str) -> str:
    # Random, like a case's documents: the person's file name never becomes a path on disk.
    return f"pending/{instance.pk.hex}"


class PendingUpload(models.Model):
    """A file checked on upload (its type judged by its content, its size) and kept in the
    private document store until the form is sent, when it moves onto the new case. Its key
    is random and is known only to the session of the person who added it, and it belongs
    to the page of answers it was added on (its holder)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.FileField(storage=document_storage, upload_to=pending_path, max_length=200)
    filename = models.CharField("original file name", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True, db_index=True)
    #: The page of answers it was added on (Answers.holder): only that page may keep it, and
    #: it holds only the files its answer names.
    holder = models.CharField(max_length=100, blank=True, db_index=True)

    def __str__(self) -> str:
        return self.filename

    @classmethod
    def clear_abandoned(cls) -> int:
        """Delete the files of forms never sent: older than two idle sessions, so no session
        that could still send them is left."""
        cutoff = timezone.now() - timedelta(seconds=2 * settings.SESSION_COOKIE_AGE)
        old = list(cls.objects.filter(uploaded_at__lt=cutoff))
        for upload in old:
            upload.discard()
        return len(old)

    @classmethod
    def held_by(cls, holder: str) -> models.QuerySet[PendingUpload]:
        """The files added on one page of answers; none for no holder (the files added
        before holders were kept belong to no page)."""
        return cls.objects.filter(holder=holder) if holder else cls.objects.none()

    @classmethod
    def let_go(cls, holder: str, *, keeping: Iterable[PendingUpload]) -> int:
        """Delete the files of a page of answers but those its answer now names: the ones
        they replace, and any that a second tab added and the session lost track of."""
        others = list(cls.held_by(holder).exclude(pk__in=[upload.pk for upload in keeping]))
        for upload in others:
            upload.discard()
        return len(others)

    def discard(self) -> None:
        self.file.delete(save=False)
        self.delete()
