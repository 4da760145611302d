import datetime

import factory

from villages.models import DesaBinaan, MigrantWorkerFigure, OutreachEvent, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "35"
    name = "Jawa Timur"
    level = Region.Level.PROVINCE
    kind = Region.Kind.PROVINCE


def kediri_district(code: str = "35.06.03", name: str = "Kras") -> Region:
    province = RegionFactory()
    regency = RegionFactory(code="35.06", name="Kabupaten Kediri", level=Region.Level.REGENCY,
                            kind=Region.Kind.REGENCY, parent=province)
    return RegionFactory(code=code, name=name, level=Region.Level.DISTRICT,
                         kind=Region.Kind.DISTRICT, parent=regency)


class VillageFactory(RegionFactory):
    code = factory.Sequence(lambda n: f"35.06.03.{2100 + n}")
    name = factory.Sequence(lambda n: f"Desa {n}")
    level = Region.Level.VILLAGE
    kind = Region.Kind.VILLAGE
    parent = factory.LazyFunction(kediri_district)
    postal_code = "64172"


class DesaBinaanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DesaBinaan

    region = factory.SubFactory(VillageFactory)
    decree_number = factory.Sequence(lambda n: f"W15.IMI.IMI.8-GR.01.01-{n:04d}")
    decree_date = datetime.date(2024, 3, 4)
    issuing_office = "Kantor Imigrasi Kelas II Non TPI Kediri"
    active_from = datetime.date(2024, 3, 4)


class FigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MigrantWorkerFigure

    desa_binaan = factory.SubFactory(DesaBinaanFactory)
    year = 2024
    destination = "MY"
    procedural = 10
    non_procedural = 2
    source = MigrantWorkerFigure.Source.BP2MI


class OutreachEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachEvent

    desa_binaan = factory.SubFactory(DesaBinaanFactory)
    date = datetime.date(2024, 6, 20)
    kind = OutreachEvent.Kind.SAFE_MIGRATION
    topic = "Sosialisasi migrasi aman"
    participants_men = 10
    participants_women = 12


def jambean() -> Region:
    return VillageFactory(code="35.06.03.2016", name="Jambean")
