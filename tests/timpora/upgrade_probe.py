"""What the upgrade test (test_upgrade.py beside this file) asks this checkout's code, run as
`python -m tests.timpora.upgrade_probe MODE` in a process of its own against the upgraded database.

Modes, each printing one JSON object on its last line of output:

- `plan`: what the migrations of the move promise (docs/architecture.md, "Migrations of the
  move"), read from the migrations themselves: the tables each `AlterModelTable` renames (with the
  many-to-many tables named after them), the content types `timpora/0005_hand_over` relabels, the
  periodic task names the `0003_task_names` migrations rename, and every migration on disk;
- `orm`: what the models find: the rows of every model, the content type of every model, every
  permission, the Celery task names the code registers; then `seed_demo` a second time and the
  counts again, then an agency and a meeting written through the ORM.
"""

import datetime as dt
import importlib
import json
import sys

import django

HAND_OVER = "timpora.migrations.0005_hand_over"
TASK_NAMES = ["meetings.migrations.0003_task_names", "notifications.migrations.0003_task_names"]


def plan() -> dict:
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import AlterModelTable

    loader = MigrationLoader(None, ignore_no_migrations=True)
    renames: dict[str, str] = {}
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        ops = [op for op in migration.operations if isinstance(op, AlterModelTable)]
        if not ops:
            continue
        before = loader.project_state((app_label, name), at_end=False).apps
        after = loader.project_state((app_label, name), at_end=True).apps
        for op in ops:
            old = before.get_model(app_label, op.name)._meta
            new = after.get_model(app_label, op.name)._meta
            renames[old.db_table] = new.db_table
            for old_field in old.local_many_to_many:
                if old_field.remote_field.through._meta.auto_created:
                    new_field = new.get_field(old_field.name)
                    renames[old_field.m2m_db_table()] = new_field.m2m_db_table()
    renamed_tasks: dict[str, str] = {}
    for module in TASK_NAMES:
        renamed_tasks.update(importlib.import_module(module).RENAMED)
    return {
        "renames": renames,
        "relabel": importlib.import_module(HAND_OVER).NEW_APP,
        "tasks": renamed_tasks,
        "migrations": sorted(loader.disk_migrations),
    }


def counts() -> dict[str, int]:
    """Rows of every table a model (or an automatic many-to-many) of this code owns."""
    from django.apps import apps

    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            found[model._meta.db_table] = model._base_manager.count()
    return found


def orm() -> dict:
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.utils import timezone
    from django_celery_beat.models import PeriodicTask

    from accounts.models import Agency
    from meetings.models import Meeting, Team
    from timpora.celery import app

    content_types = {
        model._meta.label_lower:
            ContentType.objects.get_for_model(model, for_concrete_model=False).pk
        for model in apps.get_models()
    }
    permissions = {
        str(pk): f"{app_label}.{codename}"
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    app.loader.import_default_modules()
    periodic = sorted(PeriodicTask.objects.values_list("task", flat=True))
    first = counts()

    # The demo story of this code may add to the old one; loaded once, it is idempotent.
    call_command("seed_demo", stdout=sys.stderr)
    seeded = counts()
    call_command("seed_demo", stdout=sys.stderr)
    again = counts()

    now = timezone.now()
    agency = Agency.objects.create(
        name="Upgrade check agency", short_name="Upgrade check", kind=Agency.Kind.OTHER
    )
    meeting = Meeting.objects.create(
        team=Team.objects.order_by("pk").first(), title="Upgrade check meeting",
        starts_at=now, ends_at=now + dt.timedelta(hours=1), venue="Kanim Kediri",
        created_by=get_user_model().objects.order_by("pk").first(),
    )
    meeting.invited_agencies.add(agency)
    return {
        "content_types": content_types,
        "permissions": permissions,
        "periodic_tasks": periodic,
        "registered_tasks": sorted(app.tasks),
        "counts": first,
        "counts_after_seed": seeded,
        "counts_after_second_seed": again,
        "inserted": {
            "agency": agency.pk,
            "meeting": meeting.pk,
            "invited": list(meeting.invited_agencies.values_list("pk", flat=True)),
        },
    }


def main() -> None:
    django.setup()
    mode = sys.argv[1]
    result = {"plan": plan, "orm": orm}[mode]()
    sys.stdout.write("\n" + json.dumps(result, default=list) + "\n")


if __name__ == "__main__":
    main()
