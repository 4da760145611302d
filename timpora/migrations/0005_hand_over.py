"""The timpora app hands its models over to accounts, meetings and notifications.

The tables stay where they are (the new apps' first migrations took them over in their state);
here the content types follow the models, so that permissions, the admin's log and the audit trail
keep pointing at the same rows, and the models leave this app's state.
"""

from django.db import migrations

NEW_APP = {
    "agency": "accounts", "profile": "accounts",
    "outboxmessage": "notifications",
    **dict.fromkeys(
        ["team", "teammembership", "meeting", "meetingreschedule", "agendaitem", "attendee",
         "minutes", "minutesrevision", "followupaction", "actionupdate", "calendarfeedtoken"],
        "meetings",
    ),
}


def relabel(apps, schema_editor, *, forward=True):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, app_label in NEW_APP.items():
        old, new = ("timpora", app_label) if forward else (app_label, "timpora")
        # Content types are made after migrate; one of the new label exists only if a database
        # was already used with the new layout, and then it is the one to keep.
        if ContentType.objects.filter(app_label=new, model=model).exists():
            continue
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def relabel_back(apps, schema_editor):
    relabel(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("timpora", "0004_periodic_tasks"),
        ("accounts", "0001_initial"),
        ("meetings", "0001_initial"),
        ("notifications", "0001_initial"),
        ("reports", "0006_agency_moved"),
        ("villages", "0003_agency_moved"),
    ]

    operations = [
        migrations.RunPython(relabel, relabel_back),
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(model_name="team", name="members"),
            migrations.RemoveField(model_name="meeting", name="invited_agencies"),
            migrations.DeleteModel(name="CalendarFeedToken"),
            migrations.DeleteModel(name="ActionUpdate"),
            migrations.DeleteModel(name="FollowUpAction"),
            migrations.DeleteModel(name="MinutesRevision"),
            migrations.DeleteModel(name="Minutes"),
            migrations.DeleteModel(name="Attendee"),
            migrations.DeleteModel(name="AgendaItem"),
            migrations.DeleteModel(name="MeetingReschedule"),
            migrations.DeleteModel(name="Meeting"),
            migrations.DeleteModel(name="TeamMembership"),
            migrations.DeleteModel(name="Team"),
            migrations.DeleteModel(name="OutboxMessage"),
            migrations.DeleteModel(name="Profile"),
            migrations.DeleteModel(name="Agency"),
        ]),
    ]
