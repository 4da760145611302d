from django.db import migrations

# People search: "UPPER(full_name) LIKE UPPER('%…%')" (Django's icontains on PostgreSQL) OR
# "passport_number = …". A trigram index lets PostgreSQL answer both halves from indexes (a
# BitmapOr with reports_person_passport) instead of reading the whole registry. PostgreSQL only;
# other databases scan, as before.
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS reports_person_name_trgm ON reports_person "
    "USING gin ((UPPER(full_name::text)) gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS reports_person_name_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0003_scale_indexes"),
    ]

    operations = [
        migrations.RunPython(_run(CREATE), _run(DROP), elidable=False),
    ]
