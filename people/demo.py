"""The register's part of the demo story, made through the services as office staff would:
the mentions of the demo reports are matched (Liu Yang is one person named twice, once as
"YANG LIU"), the sponsor company in Kras is on record, and the ITAS that a later report brings for
Nguyen Van An is accepted, after his visa-on-arrival entry and visit permit. Tanaka Hiroshi, named
by Polres, waits in the queue. Idempotent: only mentions still waiting are decided."""

from django.contrib.auth import get_user_model

from accounts.demo import OFFICE_NAME
from accounts.models import Agency
from people import services
from people.models import FactState, Mention, Permit, Sponsor
from villages.models import Region

SPONSOR_COMPANY = "PT Kras Garmen Indonesia"
# Left in the queue "Menunggu pencocokan", to be matched in the demo.
LEFT_WAITING = {"TANAKA HIROSHI"}


def seed(stdout=None) -> None:
    office = Agency.objects.filter(name=OFFICE_NAME).first()
    officer = get_user_model().objects.filter(username="officer").first()
    supervisor = get_user_model().objects.filter(username="supervisor").first()
    if office is None or officer is None or supervisor is None:
        return
    if not Sponsor.objects.filter(office=office, name__iexact=SPONSOR_COMPANY).exists():
        Sponsor.objects.create(
            office=office, name=SPONSOR_COMPANY, kind=Sponsor.Kind.COMPANY,
            registration_number="9120301234567", address="Jl. Raya Kras 12",
            village=Region.objects.filter(code__startswith="35.06.", name__iexact="Kras",
                                          level=Region.Level.VILLAGE).first())
    waiting = (Mention.objects.filter(office=office, state=Mention.State.PENDING)
               .exclude(full_name__in=LEFT_WAITING).order_by("created_at", "pk"))
    for mention in waiting:
        found = services.mention_candidates(mention)
        if found:
            person = office.register.get(pk=found[0].person_id)
            services.mention_link(user=officer, mention=mention, person=person)
        else:
            services.mention_create_person(user=officer, mention=mention)
    for permit in Permit.objects.filter(person__office=office, state=FactState.PROPOSED,
                                        sponsor__name__iexact=SPONSOR_COMPANY):
        services.fact_accept(user=supervisor, fact=permit)
    if stdout is not None:
        stdout.write(f"Demo register: {office.register.count()} people, "
                     f"{Mention.objects.filter(office=office).count()} mentions.")
