import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Partner agencies now belong to the accounts app: the same table, so only the state changes."""

    dependencies = [
        ('accounts', '0001_initial'),
        ('villages', '0002_desa_binaan'),
    ]

    state_operations = [
        migrations.AlterField(
            model_name='historicaloutreachevent_partner_agencies',
            name='agency',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.agency'),
        ),
        migrations.AlterField(
            model_name='outreachevent',
            name='partner_agencies',
            field=models.ManyToManyField(blank=True, related_name='outreach_events', to='accounts.agency', verbose_name='partner agencies'),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
