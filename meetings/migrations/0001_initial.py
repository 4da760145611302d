import core.codes
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Teams, meetings, minutes and follow-up actions, taken over from the timpora app: the tables
    exist (created by timpora's migrations), so this only records the models in this app's state;
    0002 renames the tables."""

    dependencies = [
        ('timpora', '0004_periodic_tasks'),
        ('accounts', '0001_initial'),
        ('villages', '0002_desa_binaan'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='FollowUpAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(default=core.codes.new_public_code, editable=False, max_length=22, unique=True, verbose_name='code')),
                ('description', models.TextField(verbose_name='description')),
                ('due_date', models.DateField(verbose_name='due date')),
                ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('cancelled', 'Cancelled')], default='open', max_length=12, verbose_name='status')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='follow_up_actions', to='accounts.agency', verbose_name='responsible agency')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
            ],
            options={
                'db_table': 'timpora_followupaction',
                'verbose_name': 'follow-up action',
                'verbose_name_plural': 'follow-up actions',
                'ordering': ['due_date', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ActionUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('cancelled', 'Cancelled')], max_length=12, verbose_name='status')),
                ('note', models.TextField(blank=True, verbose_name='progress note')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='meetings.followupaction', verbose_name='follow-up action')),
            ],
            options={
                'db_table': 'timpora_actionupdate',
                'verbose_name': 'action update',
                'verbose_name_plural': 'action updates',
                'ordering': ['action', 'created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Meeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(default=core.codes.new_public_code, editable=False, max_length=22, unique=True, verbose_name='code')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('kind', models.CharField(choices=[('coordination', 'Coordination meeting'), ('operation_briefing', 'Joint-operation briefing'), ('evaluation', 'Evaluation meeting'), ('outreach', 'Outreach with meeting')], default='coordination', max_length=20, verbose_name='kind')),
                ('starts_at', models.DateTimeField(verbose_name='starts at')),
                ('ends_at', models.DateTimeField(verbose_name='ends at')),
                ('venue', models.CharField(max_length=200, verbose_name='venue')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('scheduled', 'Scheduled'), ('held', 'Held'), ('published', 'Minutes published'), ('cancelled', 'Cancelled')], default='draft', max_length=12, verbose_name='status')),
                ('sequence', models.PositiveIntegerField(default=0, editable=False, verbose_name='calendar sequence')),
                ('cancel_reason', models.TextField(blank=True, verbose_name='reason for cancelling')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('chair', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='chaired_meetings', to=settings.AUTH_USER_MODEL, verbose_name='chair')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('invited_agencies', models.ManyToManyField(blank=True, related_name='meeting_invitations', to='accounts.agency', verbose_name='invited agencies')),
                ('minute_taker', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='minuted_meetings', to=settings.AUTH_USER_MODEL, verbose_name='minute-taker')),
                ('village', models.ForeignKey(blank=True, limit_choices_to={'level': 4}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='timpora_meetings', to='villages.region', verbose_name='village')),
            ],
            options={
                'db_table': 'timpora_meeting',
                'verbose_name': 'meeting',
                'verbose_name_plural': 'meetings',
                'ordering': ['-starts_at'],
            },
        ),
        migrations.AddField(
            model_name='followupaction',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='meetings.meeting', verbose_name='meeting'),
        ),
        migrations.CreateModel(
            name='Attendee',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('position', models.CharField(blank=True, max_length=200, verbose_name='position')),
                ('presence', models.CharField(choices=[('present', 'Present'), ('absent', 'Absent'), ('excused', 'Excused')], default='present', max_length=10, verbose_name='presence')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.agency', verbose_name='agency')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendees', to='meetings.meeting', verbose_name='meeting')),
            ],
            options={
                'db_table': 'timpora_attendee',
                'verbose_name': 'attendee',
                'verbose_name_plural': 'attendees',
                'ordering': ['meeting', 'agency__name', 'name'],
            },
        ),
        migrations.CreateModel(
            name='AgendaItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('presenter', models.CharField(blank=True, max_length=200, verbose_name='presenter')),
                ('planned_minutes', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(600)], verbose_name='planned minutes')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('discussion', models.TextField(blank=True, help_text='What was discussed, for the minutes (Markdown).', verbose_name='discussion')),
                ('outcome', models.TextField(blank=True, verbose_name='outcome')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda_items', to='meetings.meeting', verbose_name='meeting')),
            ],
            options={
                'db_table': 'timpora_agendaitem',
                'verbose_name': 'agenda item',
                'verbose_name_plural': 'agenda items',
                'ordering': ['meeting', 'position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='MeetingReschedule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('old_starts_at', models.DateTimeField(verbose_name='old start')),
                ('old_ends_at', models.DateTimeField(verbose_name='old end')),
                ('new_starts_at', models.DateTimeField(verbose_name='new start')),
                ('new_ends_at', models.DateTimeField(verbose_name='new end')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('rescheduled_at', models.DateTimeField(auto_now_add=True, verbose_name='rescheduled at')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reschedules', to='meetings.meeting', verbose_name='meeting')),
                ('rescheduled_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='rescheduled by')),
            ],
            options={
                'db_table': 'timpora_meetingreschedule',
                'verbose_name': 'meeting reschedule',
                'verbose_name_plural': 'meeting reschedules',
                'ordering': ['meeting', 'rescheduled_at'],
            },
        ),
        migrations.CreateModel(
            name='Minutes',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('summary', models.TextField(blank=True, help_text='Markdown.', verbose_name='summary')),
                ('decisions', models.TextField(blank=True, help_text='Markdown.', verbose_name='decisions')),
                ('recommendations', models.TextField(blank=True, help_text='Markdown.', verbose_name='recommendations')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last edited at')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                ('meeting', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='minutes', to='meetings.meeting', verbose_name='meeting')),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by')),
                ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='last edited by')),
            ],
            options={
                'db_table': 'timpora_minutes',
                'verbose_name': 'minutes',
                'verbose_name_plural': 'minutes',
            },
        ),
        migrations.CreateModel(
            name='MinutesRevision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('previous_text', models.JSONField(verbose_name='previous text')),
                ('reason', models.TextField(verbose_name='reason for the correction')),
                ('revised_at', models.DateTimeField(auto_now_add=True, verbose_name='corrected at')),
                ('minutes', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='meetings.minutes', verbose_name='minutes')),
                ('revised_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='corrected by')),
            ],
            options={
                'db_table': 'timpora_minutesrevision',
                'verbose_name': 'minutes revision',
                'verbose_name_plural': 'minutes revisions',
                'ordering': ['minutes', 'revised_at'],
            },
        ),
        migrations.CreateModel(
            name='Team',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(default=core.codes.new_public_code, editable=False, max_length=22, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                ('level', models.PositiveSmallIntegerField(choices=[(2, 'Regency/city'), (3, 'District')], verbose_name='level')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('area', models.ForeignKey(help_text='The regency/city or district the team oversees.', on_delete=django.db.models.deletion.PROTECT, related_name='timpora_teams', to='villages.region', verbose_name='area')),
                ('chair_agency', models.ForeignKey(help_text='The immigration office that forms and chairs the team.', on_delete=django.db.models.deletion.PROTECT, related_name='chaired_teams', to='accounts.agency', verbose_name='chairing office')),
            ],
            options={
                'db_table': 'timpora_team',
                'verbose_name': 'TIMPORA team',
                'verbose_name_plural': 'TIMPORA teams',
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='meeting',
            name='team',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='meetings.team', verbose_name='team'),
        ),
        migrations.CreateModel(
            name='TeamMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('decree_number', models.CharField(blank=True, max_length=120, verbose_name='decree number')),
                ('decree_date', models.DateField(blank=True, null=True, verbose_name='decree date')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='team_memberships', to='accounts.agency', verbose_name='agency')),
                ('team', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='meetings.team', verbose_name='team')),
            ],
            options={
                'db_table': 'timpora_teammembership',
                'verbose_name': 'team membership',
                'verbose_name_plural': 'team memberships',
                'ordering': ['team', 'agency__name'],
            },
        ),
        migrations.AddField(
            model_name='team',
            name='members',
            field=models.ManyToManyField(related_name='teams', through='meetings.TeamMembership', to='accounts.agency', verbose_name='member agencies'),
        ),
        migrations.CreateModel(
            name='CalendarFeedToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token_hash', models.CharField(editable=False, max_length=64, unique=True, verbose_name='token hash')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_tokens', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'db_table': 'timpora_calendarfeedtoken',
                'verbose_name': 'calendar feed token',
                'verbose_name_plural': 'calendar feed tokens',
                'ordering': ['-created_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('revoked_at__isnull', True)), fields=('user',), name='timpora_calendarfeedtoken_one_active_per_user')],
            },
        ),
        migrations.AddIndex(
            model_name='followupaction',
            index=models.Index(fields=['agency', 'status', 'due_date'], name='timpora_action_agency'),
        ),
        migrations.AddConstraint(
            model_name='minutes',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('published_at__isnull', True), ('published_by__isnull', True)), models.Q(('published_at__isnull', False), ('published_by__isnull', False)), _connector='OR'), name='timpora_minutes_published_by_whom'),
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(fields=['starts_at'], name='timpora_meeting_starts'),
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(fields=['team', 'starts_at'], name='timpora_meeting_team_starts'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='timpora_meeting_ends_after_start'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'cancelled'), _negated=True), models.Q(('cancel_reason', ''), _negated=True), _connector='OR'), name='timpora_meeting_cancel_has_reason'),
        ),
        migrations.AddIndex(
            model_name='teammembership',
            index=models.Index(fields=['agency', 'is_active'], name='timpora_membership_agency'),
        ),
        migrations.AddConstraint(
            model_name='teammembership',
            constraint=models.UniqueConstraint(fields=('team', 'agency'), name='timpora_teammembership_one_seat_per_agency'),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
