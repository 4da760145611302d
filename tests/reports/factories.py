import datetime as dt

import factory
from django.utils import timezone

from accounts.models import Agency
from people import services as register
from people.models import Mention, Permit, PermitKind, Person
from reports import services
from reports.models import Report, ReportPerson
from tests.factories import ImmigrationOfficeFactory
from villages.models import Region


def _an_office():
    return (Agency.objects.filter(kind=Agency.Kind.IMMIGRATION_OFFICE).order_by("pk").first()
            or ImmigrationOfficeFactory())


class PersonFactory(factory.django.DjangoModelFactory):
    """A register person; `office` is the first immigration office unless given."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    office = factory.LazyFunction(_an_office)
    full_name = factory.Sequence(lambda n: f"PERSON {n}")
    nationality = "CN"
    passport_number = factory.Sequence(lambda n: f"E{n:08d}")

    @factory.post_generation
    def permit_expires_on(person, create, extracted, **kwargs):
        """`permit_expires_on=<date>`: the person holds an accepted ITK until then."""
        if create and extracted:
            Permit.objects.create(person=person, kind=PermitKind.ITK, expires_on=extracted)

    @factory.post_generation
    def keys(person, create, extracted, **kwargs):
        if create:
            register.person_refresh(person)


class ReportFactory(factory.django.DjangoModelFactory):
    """A draft report; `author` must be given (its office is the author's agency)."""

    class Meta:
        model = Report

    office = factory.LazyAttribute(lambda report: report.author.profile.agency)
    title = factory.Sequence(lambda n: f"Report {n}")
    narrative = "Observed in the field."
    observed_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    category = Report.Category.OVERSTAY
    source_type = Report.SourceType.PATROL
    source_reliability = "B"
    information_credibility = 2


def name_person(report, person=None, role=ReportPerson.Role.SUBJECT):
    """The report names `person` (a new register person of its office by default), the mention
    already linked, as office staff would have left it."""
    person = person or PersonFactory(office=report.office)
    mention = Mention.objects.create(
        office=report.office, full_name=person.full_name, sex=person.sex,
        date_of_birth=person.date_of_birth, nationality=person.nationality,
        passport_number=person.passport_number, state=Mention.State.LINKED, person=person)
    ReportPerson.objects.create(report=report, mention=mention, role=role)
    return person


def village(code="35.06.03.2016", name="Jambean"):
    province, _ = Region.objects.get_or_create(code="35", defaults={"name": "Jawa Timur",
                                                                  "level": 1})
    regency, _ = Region.objects.get_or_create(
        code="35.06", defaults={"name": "Kediri", "level": 2, "parent": province})
    district, _ = Region.objects.get_or_create(
        code=code[:8], defaults={"name": f"District {code[:8]}", "level": 3, "parent": regency})
    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "level": 4, "parent": district})
    return region


def report_in(status, *, author, supervisor=None, **fields):
    """A report walked through the real services up to `status`."""
    report = ReportFactory(author=author, **fields)
    if status == Report.Status.DRAFT:
        return report
    report = services.report_submit(report=report, user=author)
    steps = {
        Report.Status.SUBMITTED: [],
        Report.Status.RETURNED: [lambda r: services.report_return(report=r, user=supervisor,
                                                                  reason="Add the address.")],
        Report.Status.VERIFIED: [lambda r: services.report_verify(report=r, user=supervisor)],
        Report.Status.DISMISSED: [lambda r: services.report_dismiss(report=r, user=supervisor)],
        Report.Status.ACTIONED: [
            lambda r: services.report_verify(report=r, user=supervisor),
            lambda r: services.report_decide_action(
                report=r, user=supervisor, action=Report.Action.DEPORTATION,
                decided_on=timezone.localdate(), note=""),
        ],
    }
    steps[Report.Status.CLOSED] = [
        *steps[Report.Status.ACTIONED],
        lambda r: services.report_close(report=r, user=supervisor),
    ]
    for step in steps[status]:
        report = step(report)
    return report


def png_bytes(size=(2, 2)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def drain(response) -> bytes:
    """The body of a (possibly streamed) response. Reading a streamed body to its end lets the
    test client close the file; response.close() would also end the request, and with it the
    database connection of the test's transaction."""
    if not response.streaming:
        return response.content
    return b"".join(response.streaming_content)
