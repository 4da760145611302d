import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Agencies and agenda items now belong to the accounts and meetings apps: the same tables, so
    only the state changes."""

    dependencies = [
        ('accounts', '0001_initial'),
        ('meetings', '0001_initial'),
        ('reports', '0005_person_permit_expiry_index'),
    ]

    state_operations = [
        migrations.AlterField(
            model_name='agendaitemreport',
            name='agenda_item',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='report_links', to='meetings.agendaitem', verbose_name='agenda item'),
        ),
        migrations.AlterField(
            model_name='historicalreport',
            name='office',
            field=models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'kind': 'immigration'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.agency', verbose_name='office'),
        ),
        migrations.AlterField(
            model_name='historicalreport',
            name='source_agency',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Required when the source is a TIMPORA member agency.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.agency', verbose_name='source agency'),
        ),
        migrations.AlterField(
            model_name='report',
            name='office',
            field=models.ForeignKey(limit_choices_to={'kind': 'immigration'}, on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='accounts.agency', verbose_name='office'),
        ),
        migrations.AlterField(
            model_name='report',
            name='shared_with',
            field=models.ManyToManyField(blank=True, related_name='shared_reports', to='accounts.agency', verbose_name='shared with'),
        ),
        migrations.AlterField(
            model_name='report',
            name='source_agency',
            field=models.ForeignKey(blank=True, help_text='Required when the source is a TIMPORA member agency.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='sourced_reports', to='accounts.agency', verbose_name='source agency'),
        ),
        migrations.AlterField(
            model_name='reportnumbercounter',
            name='office',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='accounts.agency', verbose_name='office'),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
