"""Standard letters per procedure: the children's letters gain the refusal letters and a Stage 1
response that lists each point with its finding; adult social care and corporate complaints get
their own wording."""

from __future__ import annotations

from django.db import migrations, models

import heard.complaints.models.documents

SIGN_OFF = """Yours sincerely

{officer_name}
Complaints team, {organisation}"""

#: The children's Stage 1 response as first shipped (0006): replaced only if unedited.
OLD_STAGE1 = """Dear {complainant_name}

Your complaint, reference {reference}

This is our response to the complaint you made on {received_on}, at Stage 1 of the children's social care complaints procedure. You told us about:

{points}

[For each point: what we looked at, what we found, whether we uphold it, and what we will do.]

If you are not satisfied with this response, you can ask for your complaint to be investigated at Stage 2. An investigating officer and an independent person, who does not work for the council, will look into it. Please tell us within 20 working days of receiving this letter, and say which points you are still unhappy with.

"""

NEW_STAGE1 = """Dear {complainant_name}

Your complaint, reference {reference}

This is our response to the complaint you made on {received_on}, at Stage 1 of the children's social care complaints procedure. For each point you raised, this is what we found:

{findings}

[For each point: what we looked at, what we found, and what we will do.]

If you are not satisfied with this response, you can ask for your complaint to be investigated at Stage 2. An investigating officer and an independent person, who does not work for the council, will look into it. Please tell us within 20 working days of receiving this letter, and say which points you are still unhappy with.

"""

OMBUDSMAN = """If you remain unhappy, you can ask the Local Government and Social Care Ombudsman to look at your complaint: www.lgo.org.uk, 0300 061 0614."""

LETTERS = {
    "children": {
        "interest_refused": """Dear {complainant_name}

Your complaint, reference {reference}

Thank you for your complaint, which we received on {received_on}, about {child_names}.

The children's social care complaints procedure is for children and young people, their parents and carers, and others with parental responsibility. Anyone else may use it if the council decides they have sufficient interest in the child's welfare.

We have considered your complaint and decided that we cannot accept it under this procedure, for this reason:

{decision_reason}

This does not stop the child, or someone with parental responsibility for them, from making a complaint. If you have concerns about a child's safety, please contact children's services straight away.

"""
        + OMBUDSMAN
        + "\n\n"
        + SIGN_OFF,
        "late_refused": """Dear {complainant_name}

Your complaint, reference {reference}

Thank you for your complaint, which we received on {received_on}.

A complaint should be made within one year of the matter complained about. We may still consider a later complaint, and we have thought carefully about whether we can consider yours fairly. We have decided that we cannot, for this reason:

{decision_reason}

"""
        + OMBUDSMAN
        + "\n\n"
        + SIGN_OFF,
    },
    "adults": {
        "acknowledgement": """Dear {complainant_name}

Your complaint, reference {reference}

Thank you for your complaint, which we received on {received_on}. Please quote the reference above if you contact us about it.

We are dealing with it under the adult social care complaints procedure. We understand your complaint to be about:

{points}

We would like to talk to you about how we will look into it, and to agree with you when you will receive our response. If we have misunderstood any part of your complaint, please tell us.

You can have help from an advocate to make your complaint. Please tell us if you would like us to put you in touch with one.

"""
        + SIGN_OFF,
        "stage1_response": """Dear {complainant_name}

Your complaint, reference {reference}

This is our response to the complaint you made on {received_on} under the adult social care complaints procedure. For each point you raised, this is what we found:

{findings}

[For each point: what we looked at, what we found, and what we will do.]

This is the council's final response to your complaint. """
        + OMBUDSMAN
        + "\n\n"
        + SIGN_OFF,
    },
    "corporate": {
        "acknowledgement": """Dear {complainant_name}

Your complaint, reference {reference}

Thank you for your complaint, which we received on {received_on}. Please quote the reference above if you contact us about it.

We are dealing with it at Stage 1 of the council's complaints procedure. We understand your complaint to be about:

{points}

If we have misunderstood any part of it, please tell us. We will send you our response by {response_due}. If we need more time, we will tell you why and when you will hear from us.

"""
        + SIGN_OFF,
        "stage1_response": """Dear {complainant_name}

Your complaint, reference {reference}

This is our response to the complaint you made on {received_on}, at Stage 1 of the council's complaints procedure. For each point you raised, this is what we found:

{findings}

[For each point: what we looked at, what we found, and what we will do.]

If you are not satisfied with this response, you can ask for your complaint to be considered at Stage 2 by someone who was not involved at Stage 1. Please tell us why you are still unhappy.

"""
        + SIGN_OFF,
        "stage2_response": """Dear {complainant_name}

Your complaint, reference {reference}

You asked on {stage_started_on} for your complaint to be considered at Stage 2 of the council's complaints procedure. For each point, this is what we found:

{findings}

[For each point: what we looked at, what we found, and what we will do.]

This is the council's final response to your complaint. """
        + OMBUDSMAN
        + "\n\n"
        + SIGN_OFF,
    },
}


def add_letters(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    # The children's Stage 1 response lists the findings, unless the team has reworded it.
    LetterTemplate.objects.filter(
        procedure="children", kind="stage1_response", body=OLD_STAGE1 + SIGN_OFF
    ).update(body=NEW_STAGE1 + SIGN_OFF)
    for procedure, letters in LETTERS.items():
        for kind, body in letters.items():
            LetterTemplate.objects.get_or_create(
                procedure=procedure, kind=kind, defaults={"body": body}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0020_advocacy_provider_and_remedy_follow_through"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="lettertemplate",
            options={"ordering": ["procedure", "kind"]},
        ),
        migrations.AddField(
            model_name="lettertemplate",
            name="procedure",
            field=models.CharField(
                choices=[
                    ("children", "Children's social care (statutory)"),
                    ("adults", "Adult social care (statutory)"),
                    ("corporate", "Corporate (Complaint Handling Code)"),
                ],
                default="children",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="lettertemplate",
            name="body",
            field=models.TextField(
                help_text="Plain text. A blank line starts a new paragraph. Placeholders: {reference} the case reference; {today} today's date; {organisation} the council's name; {complainant_name} the complainant's name; {complainant_address} the complainant's address; {child_names} the names of the children it is about; {received_on} the date the complaint was received; {summary} the one-line summary; {points} the points of complaint, one per line; {findings} each point of complaint with the finding on it at this stage, one per line; {decision_reason} the reason given for refusing the complaint; {stage_started_on} the date this stage started; {response_due} the date the response is due at this stage; {panel_due} the latest date the Stage 3 panel may meet; {officer_name} the assigned officer's name",
                validators=[heard.complaints.models.documents.validate_placeholders],
            ),
        ),
        migrations.AlterField(
            model_name="lettertemplate",
            name="kind",
            field=models.CharField(
                choices=[
                    ("acknowledgement", "Acknowledgement"),
                    ("stage1_response", "Stage 1 response"),
                    ("stage2_adjudication", "Stage 2 adjudication covering letter"),
                    ("stage2_response", "Stage 2 response"),
                    ("stage3_invitation", "Stage 3 panel invitation"),
                    ("interest_refused", "Sufficient interest refused"),
                    ("late_refused", "Not accepted out of time"),
                ],
                max_length=40,
            ),
        ),
        migrations.AddConstraint(
            model_name="lettertemplate",
            constraint=models.UniqueConstraint(
                fields=("procedure", "kind"), name="letter_once_per_procedure"
            ),
        ),
        migrations.RunPython(add_letters, migrations.RunPython.noop),
    ]
