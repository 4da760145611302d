"""The demo data of `manage.py seed_demo`: the Kediri immigration office, its TIMPORA partners and
the demo accounts of the README. Every function here is idempotent."""

from django.contrib.auth import get_user_model

from accounts.models import Agency, Profile
from accounts.roles import Role, assign_role

DEMO_PASSWORD = "timpora-demo"  # noqa: S105 - published in the README; demo only, never with DEBUG off
OFFICE_NAME = "Kantor Imigrasi Kelas II Non TPI Kediri"

AGENCIES = [
    # (name, short name, kind, e-mail)
    (OFFICE_NAME, "Kanim Kediri", Agency.Kind.IMMIGRATION_OFFICE, "kanim.kediri@example.go.id"),
    ("Kepolisian Resor Kediri", "Polres Kediri", Agency.Kind.POLICE, "polres@example.go.id"),
    ("Komando Distrik Militer 0809/Kediri", "Kodim 0809/Kediri", Agency.Kind.ARMY,
     "kodim0809@example.go.id"),
    ("Kejaksaan Negeri Kabupaten Kediri", "Kejari Kab. Kediri", Agency.Kind.PROSECUTOR,
     "kejari@example.go.id"),
    ("Badan Intelijen Negara Daerah Jawa Timur", "Binda Jatim", Agency.Kind.STATE_INTELLIGENCE,
     "binda@example.go.id"),
    ("Badan Narkotika Nasional Kabupaten Kediri", "BNNK Kediri", Agency.Kind.NARCOTICS,
     "bnnk@example.go.id"),
    ("Dinas Tenaga Kerja Kabupaten Kediri", "Disnaker Kab. Kediri", Agency.Kind.MANPOWER,
     "disnaker@example.go.id"),
    ("Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kediri", "Dukcapil Kab. Kediri",
     Agency.Kind.CIVIL_REGISTRY, "dukcapil@example.go.id"),
    ("Badan Kesatuan Bangsa dan Politik Kabupaten Kediri", "Bakesbangpol Kab. Kediri",
     Agency.Kind.KESBANGPOL, "bakesbangpol@example.go.id"),
    ("Satuan Polisi Pamong Praja Kabupaten Kediri", "Satpol PP Kab. Kediri",
     Agency.Kind.SATPOL_PP, "satpolpp@example.go.id"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Kediri",
     "DPMPTSP Kab. Kediri", Agency.Kind.INVESTMENT, "dpmptsp@example.go.id"),
    ("Kantor Pengawasan dan Pelayanan Bea dan Cukai Kediri", "Bea Cukai Kediri",
     Agency.Kind.CUSTOMS, "beacukai@example.go.id"),
    ("Kecamatan Kras", "Camat Kras", Agency.Kind.DISTRICT_HEAD, "kec.kras@example.go.id"),
]

ACCOUNTS = [
    # (username, first name, last name, agency short name, role, position, superuser)
    ("admin", "Admin", "TIMPORA", "Kanim Kediri", None, "Administrator sistem", True),
    ("officer", "Rina", "Wulandari", "Kanim Kediri", Role.OFFICER,
     "Petugas Inteldakim / PIMPASA", False),
    ("supervisor", "Bambang", "Setiawan", "Kanim Kediri", Role.SUPERVISOR,
     "Kepala Seksi Inteldakim", False),
    ("polres", "Agus", "Prasetyo", "Polres Kediri", Role.AGENCY_MEMBER,
     "Kasat Intelkam", False),
    ("disnaker", "Sri", "Handayani", "Disnaker Kab. Kediri", Role.AGENCY_MEMBER,
     "Kabid Penempatan Tenaga Kerja", False),
]


def seed_agencies() -> dict[str, Agency]:
    agencies = {}
    for name, short_name, kind, email in AGENCIES:
        agency, _created = Agency.objects.update_or_create(
            name=name, defaults={"short_name": short_name, "kind": kind, "email": email}
        )
        agencies[short_name] = agency
    return agencies


def seed_accounts(agencies: dict[str, Agency]) -> None:
    User = get_user_model()
    for username, first, last, agency, role, position, superuser in ACCOUNTS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.go.id",
                "is_staff": superuser,
                "is_superuser": superuser,
                "is_active": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Profile.objects.update_or_create(
            user=user, defaults={"agency": agencies[agency], "position": position}
        )
        assign_role(user, role)


def seed(stdout=None) -> None:
    agencies = seed_agencies()
    seed_accounts(agencies)
