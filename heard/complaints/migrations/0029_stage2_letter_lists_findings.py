"""The children's Stage 2 adjudication letter gives each point's finding and reasons (issue 32:
the response letters of every stage do), where the council has not reworded it."""

from __future__ import annotations

from django.db import migrations

SIGN_OFF = """Yours sincerely

{officer_name}
Complaints team, {organisation}"""

HEAD = """Dear {complainant_name}

Your complaint, reference {reference}

You asked on {stage_started_on} for your complaint to be investigated at Stage 2 of the children's social care complaints procedure.

With this letter are the investigating officer's report, the independent person's report, and the adjudicating officer's response. The response says, for each point of your complaint, whether it is upheld and what the council will do."""

TAIL = """If you are not satisfied, you can ask for a review panel at Stage 3. Please tell us within 20 working days of receiving this letter, and say which points you are still unhappy with and why.

If you remain unhappy after the complaints procedure, you can ask the Local Government and Social Care Ombudsman to look at your complaint.

"""

OLD = HEAD + "\n\n" + TAIL + SIGN_OFF
NEW = HEAD + " In short:\n\n{findings}\n\n" + TAIL + SIGN_OFF


def list_findings(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    LetterTemplate.objects.filter(
        procedure="children", kind="stage2_adjudication", body=OLD
    ).update(body=NEW)


def unlist_findings(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    LetterTemplate.objects.filter(
        procedure="children", kind="stage2_adjudication", body=NEW
    ).update(body=OLD)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0028_stage2_reports_and_adjudication")]

    operations = [migrations.RunPython(list_findings, unlist_findings)]
