"""The move into the register keeps every field of every person and every report link
(reports/migrations/0008_register_data.py), and going back restores the old tables."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone



def _before():
    """Every app at its latest migration, but reports before the register took its people."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return [node for node in leaves if node[0] != "reports"] + [
        ("reports", "0006_agency_moved")]


# (old person fields, role in the report or None for a person named in no report)
PEOPLE = [
    ({"full_name": "LIU YANG", "sex": "male", "date_of_birth": dt.date(1986, 3, 14),
      "nationality": "CN", "passport_number": "EJ4821937", "stay_permit": "voa",
      "permit_number": "", "permit_expires_on": dt.date(2024, 5, 30), "sponsor": "",
      "address": "Dusun Jambean RT 02", "occupation": "Pedagang", "photo": "reports/people/a.jpg"},
     "subject"),
    ({"full_name": "KIM MIN-JUN", "sex": "male", "date_of_birth": None, "nationality": "KR",
      "passport_number": "M20481733", "stay_permit": "itas", "permit_number": "2C21JE0123",
      "permit_expires_on": dt.date(2024, 4, 30), "sponsor": "PT Kras Garmen",
      "address": "", "occupation": "Supervisor", "photo": ""}, "witness"),
    ({"full_name": "SITI AMINAH", "sex": "female", "date_of_birth": None, "nationality": "ID",
      "passport_number": "", "stay_permit": "none", "permit_number": "",
      "permit_expires_on": None, "sponsor": "pt kras garmen", "address": "Desa Jambean",
      "occupation": "", "photo": ""}, "victim"),
    ({"full_name": "ENTERED IN ADMIN", "sex": "unknown", "date_of_birth": None,
      "nationality": "JP", "passport_number": "TK1234567", "stay_permit": "unknown",
      "permit_number": "", "permit_expires_on": None, "sponsor": "", "address": "",
      "occupation": "", "photo": ""}, None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_person_and_link_survives_the_move_and_the_way_back():
    old = _migrate(_before())
    Agency = old.get_model("accounts", "Agency")
    User = old.get_model("auth", "User")
    OldPerson = old.get_model("reports", "Person")
    Report = old.get_model("reports", "Report")
    ReportPerson = old.get_model("reports", "ReportPerson")
    office = Agency.objects.create(name="Kanim Kediri", short_name="Kanim", kind="immigration")
    author = User.objects.create(username="officer")
    report = Report.objects.create(
        office=office, author=author, title="T", narrative="N", status="submitted",
        observed_at=timezone.make_aware(dt.datetime(2024, 6, 12, 9, 30)), category="overstay",
        source_type="patrol", source_reliability="B", information_credibility=2)
    before = {}
    for fields, role in PEOPLE:
        person = OldPerson.objects.create(**fields)
        before[person.pk] = (person.code, fields, role)
        if role:
            ReportPerson.objects.create(report=report, person=person, role=role)

    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    new = _migrate(leaves)
    Person = new.get_model("people", "Person")
    Mention = new.get_model("people", "Mention")
    Link = new.get_model("reports", "ReportPerson")
    Permit = new.get_model("people", "Permit")
    Entry = new.get_model("people", "Entry")
    Address = new.get_model("people", "Address")
    Employment = new.get_model("people", "Employment")
    Sponsor = new.get_model("people", "Sponsor")
    assert Person.objects.count() == len(PEOPLE)
    for pk, (code, fields, role) in before.items():
        person = Person.objects.get(pk=pk)
        assert person.code == code and person.office_id == office.pk
        for name in ("full_name", "sex", "date_of_birth", "passport_number", "occupation"):
            assert getattr(person, name) == fields[name], name
        assert str(person.nationality) == fields["nationality"]
        assert str(person.photo) == fields["photo"]
        permits = list(Permit.objects.filter(person=person))
        entries = list(Entry.objects.filter(person=person))
        if fields["stay_permit"] in ("voa", "visa_free"):
            assert [entry.mode for entry in entries] == [fields["stay_permit"]]
            assert [(p.kind, p.expires_on) for p in permits] == [
                ("itk", fields["permit_expires_on"])]
        elif fields["stay_permit"] == "unknown" and not fields["permit_number"]:
            assert permits == [] and entries == []
        else:
            assert [(p.kind, p.number, p.expires_on) for p in permits] == [
                (fields["stay_permit"], fields["permit_number"], fields["permit_expires_on"])]
        assert person.current_permit_id == (permits[0].pk if permits else None)
        addresses = list(Address.objects.filter(person=person).values_list("street", flat=True))
        assert addresses == ([fields["address"]] if fields["address"] else [])
        employments = list(Employment.objects.filter(person=person))
        assert [e.sponsor_name for e in employments] == (
            [fields["sponsor"]] if fields["sponsor"] else [])
        if role:
            link = Link.objects.get(mention__person=person)
            assert (link.report_id, link.role) == (report.pk, role)
            mention = Mention.objects.get(pk=link.mention_id)
            assert mention.state == "linked" and mention.office_id == office.pk
            assert (mention.full_name, mention.passport_number, mention.employer,
                    mention.address, mention.permit_expires_on) == (
                fields["full_name"], fields["passport_number"], fields["sponsor"],
                fields["address"], fields["permit_expires_on"])
            assert mention.observed_on == dt.date(2024, 6, 12)
        else:
            assert not Mention.objects.filter(person=person).exists()
    # One sponsor record for the two spellings of the same company name.
    assert Sponsor.objects.count() == 1

    # And back: the old tables hold the same people and links again.
    old = _migrate(_before())
    OldPerson = old.get_model("reports", "Person")
    ReportPerson = old.get_model("reports", "ReportPerson")
    for pk, (code, fields, role) in before.items():
        person = OldPerson.objects.get(pk=pk)
        assert person.code == code
        for name in ("full_name", "stay_permit", "permit_number", "permit_expires_on",
                     "address", "passport_number"):
            assert getattr(person, name) == fields[name], name
        if role:
            assert ReportPerson.objects.get(person=person).role == role
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
