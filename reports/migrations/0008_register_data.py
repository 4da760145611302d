"""The people of the reports become the office's register (people.Person, same ids and codes),
each report's link a mention of what the person record said, linked to that person; the one
permit field becomes a permit (and, for visa-free or visa-on-arrival, an entry), the sponsor text a
sponsor record with an employment, the address an address. The change history and the content
types (so permissions, the admin's log and audit events) follow the people.

tests/people/test_migration.py proves every field of every person and link survives."""

from django.core.management.color import no_style
from django.db import migrations
from django.utils import timezone

from people.matching import name_keys

# The old stay_permit values that were entry modes: the person came in that way and so holds a
# visit stay permit (ITK).
ENTRY_MODES = {"visa_free": "visa_free", "voa": "voa"}


def _office_of(Agency, first_office, person_id):
    office_id = first_office.get(person_id)
    if office_id is not None:
        return office_id
    office = Agency.objects.filter(kind="immigration").order_by("pk").first()
    if office is None:
        office = Agency.objects.create(name="Kantor Imigrasi", short_name="Kanim",
                                       kind="immigration")
    return office.pk


def forward(apps, schema_editor):
    OldPerson = apps.get_model("reports", "Person")
    OldHistory = apps.get_model("reports", "HistoricalPerson")
    ReportPerson = apps.get_model("reports", "ReportPerson")
    Agency = apps.get_model("accounts", "Agency")
    Person = apps.get_model("people", "Person")
    History = apps.get_model("people", "HistoricalPerson")
    Mention = apps.get_model("people", "Mention")
    NameKey = apps.get_model("people", "NameKey")
    Permit = apps.get_model("people", "Permit")
    Entry = apps.get_model("people", "Entry")
    Address = apps.get_model("people", "Address")
    Employment = apps.get_model("people", "Employment")
    Sponsor = apps.get_model("people", "Sponsor")
    ContentType = apps.get_model("contenttypes", "ContentType")
    now = timezone.now()

    links = list(ReportPerson.objects.select_related("report").order_by(
        "report__created_at", "report_id", "pk"))
    first_office = {}
    for link in links:
        first_office.setdefault(link.person_id, link.report.office_id)
    named = set(first_office)
    offices = {}
    sponsors = {}

    for old in OldPerson.objects.order_by("pk").iterator():
        office_id = offices[old.pk] = _office_of(Agency, first_office, old.pk)
        person = Person.objects.create(
            id=old.pk, code=old.code, office_id=office_id, full_name=old.full_name, sex=old.sex,
            date_of_birth=old.date_of_birth, nationality=old.nationality,
            passport_number=old.passport_number, occupation=old.occupation, photo=old.photo,
        )
        Person.objects.filter(pk=person.pk).update(created_at=old.created_at,
                                                   updated_at=old.updated_at)
        fact = {"person": person, "source": "report" if old.pk in named else "manual",
                "state": "accepted", "decided_at": old.updated_at, "created_at": old.updated_at}
        sponsor = None
        if old.sponsor.strip():
            key = (office_id, old.sponsor.strip().lower())
            sponsor = sponsors.get(key)
            if sponsor is None:
                sponsor = (Sponsor.objects.filter(office_id=office_id,
                                                  name__iexact=old.sponsor.strip()).first()
                           or Sponsor.objects.create(office_id=office_id,
                                                     name=old.sponsor.strip()))
                sponsors[key] = sponsor
            Employment.objects.create(sponsor=sponsor, sponsor_name=old.sponsor,
                                      occupation=old.occupation, **fact)
        permit = None
        mode = ENTRY_MODES.get(old.stay_permit)
        if mode:
            Entry.objects.create(mode=mode, **fact)
        kind = "itk" if mode else old.stay_permit
        if (kind != "unknown" and not mode) or old.permit_number or old.permit_expires_on:
            permit = Permit.objects.create(kind=kind, number=old.permit_number,
                                           expires_on=old.permit_expires_on, sponsor=sponsor,
                                           **fact)
        address = None
        if old.address.strip():
            address = Address.objects.create(street=old.address, **fact)
        Person.objects.filter(pk=person.pk).update(current_permit=permit,
                                                   current_address=address)
        NameKey.objects.bulk_create([NameKey(person=person, key=key)
                                     for key in name_keys(old.full_name)])

    for link in links:
        old = link.person
        mention = Mention.objects.create(
            office_id=link.report.office_id, source="report", full_name=old.full_name,
            sex=old.sex, date_of_birth=old.date_of_birth, nationality=old.nationality,
            passport_number=old.passport_number,
            permit_kind="unknown" if old.stay_permit in ENTRY_MODES else old.stay_permit,
            entry_mode=ENTRY_MODES.get(old.stay_permit, ""), permit_number=old.permit_number,
            permit_expires_on=old.permit_expires_on, address=old.address,
            employer=old.sponsor, occupation=old.occupation,
            observed_on=timezone.localdate(link.report.observed_at),
            state="linked", person_id=old.pk, decided_at=now,
        )
        ReportPerson.objects.filter(pk=link.pk).update(mention=mention)

    history_fields = ["id", "code", "full_name", "sex", "date_of_birth", "nationality",
                      "passport_number", "occupation", "photo", "created_at", "updated_at",
                      "history_id", "history_date", "history_change_reason", "history_type",
                      "history_user_id"]
    History.objects.bulk_create([
        History(office_id=offices.get(row["id"]) or _office_of(Agency, first_office, row["id"]),
                **row)
        for row in OldHistory.objects.order_by("history_id").values(*history_fields)
    ], batch_size=500)

    for model in ("person", "historicalperson"):
        if not ContentType.objects.filter(app_label="people", model=model).exists():
            ContentType.objects.filter(app_label="reports", model=model).update(
                app_label="people")

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Person, History]):
            cursor.execute(statement)


def backward(apps, schema_editor):
    """Back to one person table: each register person with its current permit, first sponsor and
    current address folded into the old fields, and each report's link to its mention's person.
    Facts beyond the current ones, and mentions nobody linked, have no place there; the links of
    unlinked mentions are dropped."""
    OldPerson = apps.get_model("reports", "Person")
    ReportPerson = apps.get_model("reports", "ReportPerson")
    Person = apps.get_model("people", "Person")
    Entry = apps.get_model("people", "Entry")
    Employment = apps.get_model("people", "Employment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for person in Person.objects.filter(merged_into__isnull=True).order_by("pk").iterator():
        permit = person.current_permit_id and apps.get_model("people", "Permit").objects.get(
            pk=person.current_permit_id)
        address = person.current_address_id and apps.get_model("people", "Address").objects.get(
            pk=person.current_address_id)
        entry = Entry.objects.filter(person=person).order_by("-pk").first()
        employment = Employment.objects.filter(person=person).order_by("-pk").first()
        stay_permit = permit.kind if permit else "unknown"
        if entry is not None and stay_permit in ("itk", "unknown"):
            stay_permit = entry.mode if entry.mode in ENTRY_MODES else stay_permit
        OldPerson.objects.create(
            id=person.pk, code=person.code, full_name=person.full_name, sex=person.sex,
            date_of_birth=person.date_of_birth, nationality=person.nationality,
            passport_number=person.passport_number, stay_permit=stay_permit,
            permit_number=permit.number if permit else "",
            permit_expires_on=permit.expires_on if permit else None,
            sponsor=(employment.sponsor_name if employment else ""),
            address=address.street if address else "", occupation=person.occupation,
            photo=person.photo)
    for link in ReportPerson.objects.select_related("mention").iterator():
        person_id = link.mention.person_id if link.mention_id else None
        while person_id is not None:
            survivor = Person.objects.filter(pk=person_id).values_list("merged_into",
                                                                       flat=True).first()
            if survivor is None:
                break
            person_id = survivor
        if person_id is None:
            link.delete()
        else:
            ReportPerson.objects.filter(pk=link.pk).update(person_id=person_id, mention=None)
    OldHistory = apps.get_model("reports", "HistoricalPerson")
    History = apps.get_model("people", "HistoricalPerson")
    OldHistory.objects.bulk_create([
        OldHistory(**row) for row in History.objects.order_by("history_id").values(
            "id", "code", "full_name", "sex", "date_of_birth", "nationality", "passport_number",
            "occupation", "photo", "created_at", "updated_at", "history_id", "history_date",
            "history_change_reason", "history_type", "history_user_id")
    ], batch_size=500)
    # The register's tables are left empty, as before 0008 ran.
    for name in ("Merge", "NameKey", "Permit", "Entry", "Address", "Employment",
                 "HistoricalMention", "HistoricalSponsor"):
        apps.get_model("people", name).objects.all().delete()
    Person.objects.update(current_permit=None, current_address=None, merged_into=None)
    apps.get_model("people", "Mention").objects.all().delete()
    Person.objects.all().delete()
    apps.get_model("people", "Sponsor").objects.all().delete()
    History.objects.all().delete()
    for model in ("person", "historicalperson"):
        ContentType.objects.filter(app_label="people", model=model).update(app_label="reports")
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [OldPerson, OldHistory]):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('people', '0001_initial'),
        ('reports', '0007_mentions'),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
