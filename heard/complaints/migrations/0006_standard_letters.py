"""The four standard letters, in plain English, for the complaints team to edit."""

from __future__ import annotations

from django.db import migrations

SIGN_OFF = """Yours sincerely

{officer_name}
Complaints team, {organisation}"""

LETTERS = {
    "acknowledgement": """Dear {complainant_name}

Your complaint, reference {reference}

Thank you for your complaint, which we received on {received_on}. Please quote the reference above if you contact us about it.

We are dealing with it at Stage 1 of the children's social care complaints procedure. We understand your complaint to be about:

{points}

If we have misunderstood any part of it, please tell us as soon as you can.

A manager from the service will look into your complaint and we will send you a written response by {response_due}. If your complaint is complex and we need more time, we will tell you why and when you will hear from us.

If the complaint is made by or for a child or young person, they can have help from an independent advocate, free of charge. Please tell us if they would like one.

"""
    + SIGN_OFF,
    "stage1_response": """Dear {complainant_name}

Your complaint, reference {reference}

This is our response to the complaint you made on {received_on}, at Stage 1 of the children's social care complaints procedure. You told us about:

{points}

[For each point: what we looked at, what we found, whether we uphold it, and what we will do.]

If you are not satisfied with this response, you can ask for your complaint to be investigated at Stage 2. An investigating officer and an independent person, who does not work for the council, will look into it. Please tell us within 20 working days of receiving this letter, and say which points you are still unhappy with.

"""
    + SIGN_OFF,
    "stage2_adjudication": """Dear {complainant_name}

Your complaint, reference {reference}

You asked on {stage_started_on} for your complaint to be investigated at Stage 2 of the children's social care complaints procedure.

With this letter are the investigating officer's report, the independent person's report, and the adjudicating officer's response. The response says, for each point of your complaint, whether it is upheld and what the council will do.

If you are not satisfied, you can ask for a review panel at Stage 3. Please tell us within 20 working days of receiving this letter, and say which points you are still unhappy with and why.

If you remain unhappy after the complaints procedure, you can ask the Local Government and Social Care Ombudsman to look at your complaint.

"""
    + SIGN_OFF,
    "stage3_invitation": """Dear {complainant_name}

Your complaint, reference {reference}

You asked on {stage_started_on} for a review panel to consider your complaint at Stage 3 of the children's social care complaints procedure. The panel must meet by {panel_due}.

The panel will meet on [date] at [time], at [place]. It has three members who do not work for the council. You may bring someone with you to support you or speak for you.

The panel will send its report within 5 working days of meeting, and the council will send you its response within 15 working days of receiving the report.

Please let us know by [date] whether you will attend, and whether you need any help or adjustments to do so.

"""
    + SIGN_OFF,
}


def add_letters(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    for kind, body in LETTERS.items():
        LetterTemplate.objects.get_or_create(kind=kind, defaults={"body": body})


class Migration(migrations.Migration):
    dependencies = [("complaints", "0005_documents")]

    operations = [migrations.RunPython(add_letters, migrations.RunPython.noop)]
