import core.codes
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Agencies and profiles, taken over from the timpora app: the tables exist (created by timpora's
    migrations), so this only records the models in this app's state; 0002 renames the tables."""

    dependencies = [
        ('timpora', '0004_periodic_tasks'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Agency',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(default=core.codes.new_public_code, editable=False, max_length=22, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                ('short_name', models.CharField(max_length=60, verbose_name='short name')),
                ('kind', models.CharField(choices=[('immigration', 'Immigration office'), ('police', 'Police'), ('army', 'Army'), ('prosecutor', "Prosecutor's office"), ('intelligence', 'State intelligence'), ('narcotics', 'Narcotics agency'), ('kesbangpol', 'National unity and politics agency (Kesbangpol)'), ('satpol_pp', 'Public order agency (Satpol PP)'), ('manpower', 'Manpower office'), ('civil_registry', 'Civil registry office'), ('investment', 'Investment and licensing office'), ('customs', 'Customs'), ('district_head', 'District head (Camat)'), ('village', 'Village government'), ('other', 'Other')], max_length=20, verbose_name='kind')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='contact e-mail')),
                ('phone', models.CharField(blank=True, max_length=30, validators=[django.core.validators.RegexValidator('^\\+?[0-9 ()-]{6,20}$', 'Enter a phone number of digits, spaces and dashes, optionally starting with +.')], verbose_name='phone')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
            ],
            options={
                'db_table': 'timpora_agency',
                'verbose_name': 'agency',
                'verbose_name_plural': 'agencies',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Profile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.CharField(blank=True, max_length=120, verbose_name='position')),
                ('phone', models.CharField(blank=True, max_length=30, validators=[django.core.validators.RegexValidator('^\\+?[0-9 ()-]{6,20}$', 'Enter a phone number of digits, spaces and dashes, optionally starting with +.')], verbose_name='phone')),
                ('language', models.CharField(choices=[('id', 'Indonesian'), ('en', 'English')], default='id', max_length=8, verbose_name='preferred language')),
                ('digest_frequency', models.CharField(blank=True, choices=[('daily', 'Daily (07:00)'), ('weekly', 'Weekly (Monday 07:00)'), ('none', 'None')], help_text='Empty: daily for supervisors, weekly for everyone else.', max_length=8, verbose_name='report digest')),
                ('digest_sent_until', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='digest sent until')),
                ('email_muted_kinds', models.JSONField(blank=True, default=list, verbose_name='notifications not sent by e-mail')),
                ('agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='members', to='accounts.agency', verbose_name='agency')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='profile', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'db_table': 'timpora_profile',
                'verbose_name': 'profile',
                'verbose_name_plural': 'profiles',
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
