from django.db import migrations


class Migration(migrations.Migration):
    """The tables taken over from the timpora app get this app's names (a rename: rows, keys and
    indexes stay)."""

    dependencies = [
        ('timpora', '0005_hand_over'),
        ('meetings', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='actionupdate',
            table=None,
        ),
        migrations.AlterModelTable(
            name='agendaitem',
            table=None,
        ),
        migrations.AlterModelTable(
            name='attendee',
            table=None,
        ),
        migrations.AlterModelTable(
            name='calendarfeedtoken',
            table=None,
        ),
        migrations.AlterModelTable(
            name='followupaction',
            table=None,
        ),
        migrations.AlterModelTable(
            name='meeting',
            table=None,
        ),
        migrations.AlterModelTable(
            name='meetingreschedule',
            table=None,
        ),
        migrations.AlterModelTable(
            name='minutes',
            table=None,
        ),
        migrations.AlterModelTable(
            name='minutesrevision',
            table=None,
        ),
        migrations.AlterModelTable(
            name='team',
            table=None,
        ),
        migrations.AlterModelTable(
            name='teammembership',
            table=None,
        ),
    ]
