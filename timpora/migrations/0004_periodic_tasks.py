"""The periodic tasks of the app, in django-celery-beat's tables (editable in admin afterwards).

Created idempotently: an existing schedule of the same name is left as an admin may have edited it.
"""

import json

from django.conf import settings
from django.db import migrations

EVERY_MINUTE = [
    ("Outbox: re-dispatch pending messages", "timpora.tasks.sweep_outbox"),
    ("Meetings: send due reminders", "timpora.tasks.send_meeting_reminders"),
    ("Reports: send due digests", "timpora.tasks.send_digests"),
]
DAILY = [
    # (name, task, hour, minute) in the office's time zone
    ("Meetings: tell agencies of overdue follow-up actions", "timpora.tasks.notify_overdue_actions",
     "7", "15"),
]


def create_schedules(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    minute, _created = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    for name, task in EVERY_MINUTE:
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "interval": minute, "args": json.dumps([])}
        )
    for name, task, hour, at_minute in DAILY:
        crontab, _created = CrontabSchedule.objects.get_or_create(
            minute=at_minute, hour=hour, day_of_week="*", day_of_month="*",
            month_of_year="*", timezone=settings.TIME_ZONE,
        )
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "args": json.dumps([])}
        )


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    names = [name for name, _task in EVERY_MINUTE] + [row[0] for row in DAILY]
    PeriodicTask.objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("timpora", "0003_outbox"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
