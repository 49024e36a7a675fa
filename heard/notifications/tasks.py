"""Background tasks that send messages (Django Tasks, database backend, `manage.py db_worker`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from heard.complaints.choices import AppointmentRole
from heard.complaints.models import Appointment, Complaint
from heard.core import clock
from heard.notifications import messages, reminders

#: Who is told when they are appointed to a stage.
TOLD_WHEN_APPOINTED = frozenset(
    {
        AppointmentRole.RESPONDING_MANAGER,
        AppointmentRole.INVESTIGATING_OFFICER,
        AppointmentRole.INDEPENDENT_PERSON,
    }
)


@task()
def send_new_complaint_messages(complaint_id: int, tracking_link: str) -> list[str]:
    """A new complaint from the public form: a receipt to the person (if they gave an email
    address) and a note to the complaints team. Returns the kinds sent."""
    complaint = Complaint.objects.select_related("complainant").get(pk=complaint_id)
    context = {
        "complaint": complaint,
        "tracking_link": tracking_link,
        "case_link": messages.case_link(complaint),
        "organisation_name": settings.HEARD_ORGANISATION_NAME,
    }
    person = [complaint.complainant.email] if complaint.complainant.email else []
    key = complaint.reference
    to_send = [
        messages.write("receipt", key, person, context),
        messages.write("new_case", key, settings.HEARD_COMPLAINTS_TEAM_EMAILS, context),
    ]
    return [m.kind for m in to_send if messages.send(m, complaint)]


@task()
def send_appointment_message(appointment_id: int) -> bool:
    """Tell a responder, investigating officer or independent person they were appointed."""
    appointment = Appointment.objects.select_related("stage__complaint", "practitioner__user").get(
        pk=appointment_id
    )
    practitioner = appointment.practitioner
    email = practitioner.email or (practitioner.user.email if practitioner.user else "")
    complaint = appointment.stage.complaint
    context = {
        "complaint": complaint,
        "stage": appointment.stage,
        "role": appointment.get_role_display(),
        "appointed_on": appointment.appointed_on,
        "case_link": messages.case_link(complaint),
    }
    message = messages.write("appointment", str(appointment.pk), [email] if email else [], context)
    return messages.send(message, complaint)


def appointed(sender: Any, instance: Appointment, created: bool, **kwargs: Any) -> None:
    """On a new appointment: queue its message once the appointment is saved."""
    if created and instance.role in TOLD_WHEN_APPOINTED:
        transaction.on_commit(lambda: send_appointment_message.enqueue(instance.pk))


@task()
def send_reminders() -> list[str]:
    """Every hour (HEARD_REMINDER_INTERVAL_SECONDS): first queue the next run, so the round
    goes on even if this worker is killed; then, from HEARD_REMINDER_HOUR, send the reminders
    and digest due today that have not been sent (heard.notifications.reminders)."""
    schedule_reminders(after=timedelta(seconds=settings.HEARD_REMINDER_INTERVAL_SECONDS))
    if timezone.localtime().hour < settings.HEARD_REMINDER_HOUR:
        return []
    return reminders.send_due(clock.today())


def schedule_reminders(after: timedelta = timedelta(0)) -> bool:
    """Queue the next round of reminders `after` from now, unless one is already waiting.
    Returns whether one was queued."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=send_reminders.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return False
    send_reminders.using(run_after=timezone.now() + after).enqueue()
    return True
