import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The register owns people now (people.Person, filled by 0008): the report's link keeps only
    its mention, and the old person table goes."""

    dependencies = [
        ('people', '0001_initial'),
        ('reports', '0008_register_data'),
    ]

    operations = [
        migrations.RemoveField(model_name='reportperson', name='person'),
        migrations.AlterField(
            model_name='reportperson',
            name='mention',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='report_link', to='people.mention', verbose_name='mention'),
        ),
        migrations.DeleteModel(name='HistoricalPerson'),
        migrations.DeleteModel(name='Person'),
    ]
