"""No account is a Django superuser: the administrator role has the permissions its job needs
(heard.accounts.rules), and nothing passes every check unasked."""

from __future__ import annotations

from django.db import migrations


def drop_superusers(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(is_superuser=True).update(is_superuser=False, is_staff=True)
    User.objects.filter(role__in=["administrator", "complaints_manager"]).update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_first_administrator")]

    operations = [migrations.RunPython(drop_superusers, migrations.RunPython.noop)]
