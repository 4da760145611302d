"""The periodic tasks of the outbox and the digests moved from timpora.tasks to
notifications.tasks: the schedules in django-celery-beat's table follow (admins' edits kept)."""

from django.db import migrations

RENAMED = {
    "timpora.tasks.sweep_outbox": "notifications.tasks.sweep_outbox",
    "timpora.tasks.send_digests": "notifications.tasks.send_digests",
}


def rename(apps, schema_editor, *, names=RENAMED):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for old, new in names.items():
        PeriodicTask.objects.filter(task=old).update(task=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, names={new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_tables"),
        ("timpora", "0004_periodic_tasks"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
