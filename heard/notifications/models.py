"""The ledger of messages sent: one row per message, unique by what it is for, written in
the same transaction as the sending. A task run twice, or by two workers at once, or again
after its worker was killed, cannot send the same message twice."""

from __future__ import annotations

from django.db import models


class SentMessage(models.Model):
    #: What it is: "receipt", "new_case", "appointment", "reminder", "overdue", "digest".
    kind = models.CharField(max_length=40)
    #: Which one: the case, stage and date it is about ("CSC-2025-00001:1:2025-03-10").
    key = models.CharField(max_length=200)
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=300)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="sent_message_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
