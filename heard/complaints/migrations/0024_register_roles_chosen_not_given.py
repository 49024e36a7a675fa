# Independence as a rule, not a habit (issue 32): a new register entry takes no roles until
# they are chosen. Only the defaults change: the entries already on the register keep the
# roles they have (the independent roles still need "Independent of the council").

from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0023_follow_up_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="practitioner",
            name="is_external",
            field=models.BooleanField(default=False, verbose_name="Independent of the council"),
        ),
        migrations.AlterField(
            model_name="practitioner",
            name="may_adjudicate",
            field=models.BooleanField(default=False, verbose_name="Adjudicating officer (Stage 2)"),
        ),
        migrations.AlterField(
            model_name="practitioner",
            name="may_be_independent",
            field=models.BooleanField(default=False, verbose_name="Independent person (Stage 2)"),
        ),
        migrations.AlterField(
            model_name="practitioner",
            name="may_investigate",
            field=models.BooleanField(
                default=False, verbose_name="Investigating officer (Stage 2)"
            ),
        ),
        migrations.AlterField(
            model_name="practitioner",
            name="may_respond",
            field=models.BooleanField(default=False, verbose_name="Responding manager (Stage 1)"),
        ),
        migrations.AlterField(
            model_name="practitioner",
            name="may_sit_on_panel",
            field=models.BooleanField(
                default=False, verbose_name="Review panel chair or member (Stage 3)"
            ),
        ),
    ]
