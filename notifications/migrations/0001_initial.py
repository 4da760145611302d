import core.codes
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The outbox, taken over from the timpora app: the table exists (created by timpora's
    migrations), so this only records the model in this app's state; 0002 renames the table."""

    dependencies = [
        ('timpora', '0004_periodic_tasks'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='OutboxMessage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(default=core.codes.new_public_code, editable=False, max_length=22, unique=True, verbose_name='code')),
                ('key', models.CharField(max_length=200, unique=True, verbose_name='idempotency key')),
                ('kind', models.CharField(choices=[('report_submitted', 'Report submitted'), ('report_returned', 'Report returned for revision'), ('report_verified', 'Report verified'), ('report_shared', 'Report shared with your agency'), ('action_assigned', 'Follow-up action assigned'), ('action_overdue', 'Follow-up action overdue'), ('minutes_published', 'Minutes published'), ('meeting_invitation', 'Meeting invitation'), ('meeting_updated', 'Meeting rescheduled'), ('meeting_cancelled', 'Meeting cancelled'), ('meeting_reminder', 'Meeting reminder'), ('digest', 'Report digest')], max_length=24, verbose_name='kind')),
                ('context', models.JSONField(blank=True, default=dict, verbose_name='context')),
                ('link', models.CharField(blank=True, max_length=300, verbose_name='link')),
                ('attachment_name', models.CharField(blank=True, max_length=120, verbose_name='attachment name')),
                ('attachment_type', models.CharField(blank=True, max_length=120, verbose_name='attachment type')),
                ('attachment_content', models.TextField(blank=True, verbose_name='attachment content')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed'), ('in_app', 'In the app only')], default='pending', max_length=10, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='next attempt at')),
                ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='claimed at')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read at')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='outbox_messages', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
            ],
            options={
                'db_table': 'timpora_outboxmessage',
                'verbose_name': 'message',
                'verbose_name_plural': 'messages',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='timpora_outbox_due'), models.Index(fields=['recipient', '-created_at'], name='timpora_outbox_inbox'), models.Index(condition=models.Q(('read_at__isnull', True)), fields=['recipient'], name='timpora_outbox_unread')],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
