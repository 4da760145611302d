from django.db import migrations


class Migration(migrations.Migration):
    """The tables taken over from the timpora app get this app's names (a rename: rows, keys and
    indexes stay)."""

    dependencies = [
        ('timpora', '0005_hand_over'),
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='agency',
            table=None,
        ),
        migrations.AlterModelTable(
            name='profile',
            table=None,
        ),
    ]
