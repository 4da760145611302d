import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A report names mentions now: the link gains one (filled by 0008), the person becomes
    optional until 0009 removes it."""

    dependencies = [
        ('people', '0001_initial'),
        ('reports', '0006_agency_moved'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='reportperson',
            name='reports_reportperson_once_per_report',
        ),
        migrations.AlterField(
            model_name='reportperson',
            name='person',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='report_links', to='reports.person', verbose_name='person'),
        ),
        migrations.AddField(
            model_name='reportperson',
            name='mention',
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='report_link', to='people.mention', verbose_name='mention'),
        ),
    ]
