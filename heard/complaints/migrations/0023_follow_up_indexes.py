# The follow-ups (issue 30): each kind found through a small index of its own.

from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0022_learning_due_may_be_unknown"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(
                    ("advocacy_offered_on__isnull", False), ("advocacy_taken_up__isnull", True)
                ),
                fields=["status", "procedure"],
                name="complaint_advocacy_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="learningaction",
            index=models.Index(
                condition=models.Q(("completed_on__isnull", True)),
                fields=["due_on", "complaint"],
                name="learning_overdue_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="remedy",
            index=models.Index(
                condition=models.Q(("completed_on__isnull", True)),
                fields=["due_on", "complaint"],
                name="remedy_overdue_idx",
            ),
        ),
    ]
