import pytest
from django.core.management import CommandError, call_command

from tests.villages.factories import DesaBinaanFactory, VillageFactory
from villages.models import DesaBinaan, Region


def import_regions(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_regions", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_import_a_district_brings_its_parents_and_villages_with_postal_codes():
    output = import_regions("35.06.03")
    assert "19 created" in output  # East Java, Kabupaten Kediri, Kras and its 16 villages
    jambean = Region.objects.get(code="35.06.03.2016")
    assert jambean.name == "Jambean"
    assert jambean.level == Region.Level.VILLAGE
    assert jambean.kind == Region.Kind.VILLAGE
    assert jambean.postal_code == "64172"
    assert jambean.parent.code == "35.06.03"
    assert jambean.parent.parent.name == "Kabupaten Kediri"
    assert jambean.parent.parent.kind == Region.Kind.REGENCY
    assert jambean.parent.parent.parent.name == "Jawa Timur"


@pytest.mark.django_db
def test_import_twice_duplicates_nothing():
    import_regions("35.06.03")
    first = list(Region.objects.values_list("pk", "code", "name", "parent_id", "postal_code"))
    output = import_regions("35.06.03", "35.06.03")
    assert "0 created, 0 updated, 19 unchanged" in output
    assert list(Region.objects.values_list("pk", "code", "name", "parent_id",
                                           "postal_code")) == first


@pytest.mark.django_db
def test_import_restores_a_changed_name_and_deletes_nothing():
    import_regions("35.06.03")
    Region.objects.filter(code="35.06.03.2016").update(name="Jambian")
    stray = VillageFactory(code="35.06.03.2999", name="Desa lama",
                           parent=Region.objects.get(code="35.06.03"))
    designation = DesaBinaanFactory(region=Region.objects.get(code="35.06.03.2016"))
    output = import_regions("35.06.03")
    assert "0 created, 1 updated" in output
    assert Region.objects.get(code="35.06.03.2016").name == "Jambean"
    assert Region.objects.filter(pk=stray.pk).exists()
    assert DesaBinaan.objects.get(pk=designation.pk).region.name == "Jambean"


@pytest.mark.django_db
def test_import_a_regency_adds_to_what_is_there():
    import_regions("35.06.03")
    output = import_regions("35.06")
    assert "0 updated, 19 unchanged" in output
    districts = Region.objects.filter(code__startswith="35.06.", level=Region.Level.DISTRICT)
    assert districts.count() == 26
    assert Region.objects.filter(code="35.06").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "message"), [
    ("99", "not a region in the Kemendagri data"),
    ("35.06.99", "not a region in the Kemendagri data"),
    ("35.6", "not a province, regency or district code"),
    ("35.06.03.2016", "not a province, regency or district code"),
    ("kediri", "not a province, regency or district code"),
    ("35;DROP", "not a province, regency or district code"),
])
def test_unknown_or_malformed_codes_are_refused(code, message):
    with pytest.raises(CommandError, match=message):
        import_regions(code)
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_one_bad_code_refuses_the_whole_run():
    with pytest.raises(CommandError):
        import_regions("35.06.03", "35.99")
    assert not Region.objects.exists()


@pytest.mark.django_db
def test_codes_or_all_are_needed():
    with pytest.raises(CommandError, match="at least one"):
        import_regions()
    with pytest.raises(CommandError, match="not both"):
        import_regions("35", "--all")
