"""Demo data of the meetings: the TIMPORA team of Kabupaten Kediri, its meeting and outreach of
Thursday 20 June 2024 in Desa Jambean (minutes published, follow-up actions of which one is
overdue) and one upcoming coordination meeting. Idempotent: a meeting that exists is left as it
is, so a second run on the same day writes nothing.

The story is history, so it is written to the models directly (with full_clean) rather than
through the services, which rightly refuse due dates in the past."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Agency
from meetings.models import (
    ActionUpdate,
    AgendaItem,
    Attendee,
    FollowUpAction,
    Meeting,
    Minutes,
    Team,
    TeamMembership,
)
from meetings.selectors import holidays_on
from meetings.services import meeting_schedule
from villages.models import Region

WIB = ZoneInfo("Asia/Jakarta")
REGENCY = "35.06"
JAMBEAN = "35.06.03.2016"
TEAM_NAME = "TIMPORA Kabupaten Kediri"
DECREE = ("W15.IMI.IMI.6-GR.02.01-0117", date(2024, 1, 15))
GUESTS = ["Camat Kras"]  # invited to the Jambean meeting, not members of the regency team

JAMBEAN_TITLE = "Rapat TIMPORA dan Sosialisasi Desa Binaan Imigrasi di Desa Jambean"
JAMBEAN_START = datetime(2024, 6, 20, 9, 0, tzinfo=WIB)
JAMBEAN_END = datetime(2024, 6, 20, 12, 0, tzinfo=WIB)

AGENDA = [
    # (title, presenter, planned minutes, discussion, outcome)
    ("Pembukaan dan arahan Kepala Kantor Imigrasi Kediri", "Kepala Kantor Imigrasi Kediri", 15,
     "Ketua rapat menyampaikan maksud rapat: memperkuat pengawasan orang asing dan pencegahan "
     "PMI non-prosedural melalui Desa Binaan Imigrasi.", ""),
    ("Situasi keberadaan dan kegiatan orang asing di Kabupaten Kediri", "Seksi Inteldakim", 40,
     "- Tercatat 143 orang asing pemegang ITAS/ITAP di Kabupaten Kediri, terbanyak di sektor "
     "pendidikan dan industri.\n- Ada laporan warga tentang orang asing yang menginap di rumah "
     "penduduk di Kecamatan Kras tanpa dilaporkan.",
     "Perlu pendataan bersama di Kecamatan Kras."),
    ("Sosialisasi Desa Binaan Imigrasi dan migrasi aman", "PIMPASA Desa Jambean", 45,
     "PIMPASA menjelaskan prosedur pembuatan paspor bagi calon PMI, modus penipuan lowongan "
     "kerja ke luar negeri dan saluran pengaduan.",
     "Warga dan perangkat desa meminta layanan paspor keliling di Kecamatan Kras."),
    ("Tanggapan dan masukan instansi anggota TIMPORA", "Instansi anggota", 60,
     "Polres Kediri siap mendukung pendataan; Disnaker Kab. Kediri menyampaikan data penempatan "
     "PMI asal Desa Jambean; Dukcapil Kab. Kediri menawarkan verifikasi data calon PMI.", ""),
    ("Penutup", "Ketua rapat", 10, "", ""),
]

ATTENDANCE = [
    # (agency short name, name, position, presence)
    ("Kanim Kediri", "Bambang Setiawan", "Kepala Seksi Inteldakim", "present"),
    ("Kanim Kediri", "Rina Wulandari", "Petugas Inteldakim / PIMPASA", "present"),
    ("Polres Kediri", "Agus Prasetyo", "Kasat Intelkam", "present"),
    ("Kodim 0809/Kediri", "Sugeng Riyadi", "Pasi Intel", "present"),
    ("Kejari Kab. Kediri", "Dewi Kartika", "Kasi Intelijen", "present"),
    ("Binda Jatim", "Yudi Hartono", "Kepala Pos Wilayah Kediri", "excused"),
    ("BNNK Kediri", "Rahmat Hidayat", "Kasi Pemberantasan", "absent"),
    ("Disnaker Kab. Kediri", "Sri Handayani", "Kabid Penempatan Tenaga Kerja", "present"),
    ("Dukcapil Kab. Kediri", "Hari Susanto", "Kabid Pelayanan Pendaftaran Penduduk", "present"),
    ("Bakesbangpol Kab. Kediri", "Joko Santoso", "Kabid Kewaspadaan Nasional", "present"),
    ("Satpol PP Kab. Kediri", "Wahyu Nugroho", "Kabid Penegakan Perda", "present"),
    ("DPMPTSP Kab. Kediri", "Lina Marlina", "Kabid Perizinan", "excused"),
    ("Bea Cukai Kediri", "Andi Saputra", "Kepala Seksi Penindakan", "absent"),
    ("Camat Kras", "Heru Santoso", "Camat Kras", "present"),
    ("Camat Kras", "Suyanto", "Kepala Desa Jambean", "present"),
]

MINUTES = {
    "summary": (
        "Rapat TIMPORA Kabupaten Kediri diselenggarakan bersama sosialisasi Desa Binaan "
        "Imigrasi di Balai Desa Jambean, Kecamatan Kras. Rapat membahas situasi orang asing di "
        "Kabupaten Kediri dan pencegahan PMI non-prosedural dari Desa Jambean."
    ),
    "decisions": (
        "1. Pendataan bersama orang asing di Kecamatan Kras oleh Polres Kediri dan Kantor "
        "Imigrasi.\n2. Disnaker dan Dukcapil menyampaikan data calon PMI asal Desa Jambean kepada "
        "PIMPASA.\n3. Kantor Imigrasi menyelenggarakan layanan paspor keliling di Kecamatan Kras."
    ),
    "recommendations": (
        "- Pemerintah desa melaporkan keberadaan orang asing yang menginap di rumah penduduk.\n"
        "- Sosialisasi migrasi aman diulang setiap semester."
    ),
}

ACTIONS = [
    # (agency, description, due date, status, progress notes as (status, note))
    ("Polres Kediri",
     "Pendataan bersama orang asing yang tinggal di rumah penduduk di Kecamatan Kras.",
     date(2024, 7, 31), FollowUpAction.Status.IN_PROGRESS,
     [(FollowUpAction.Status.IN_PROGRESS,
       "Bhabinkamtibmas sudah mendata 6 dari 13 desa di Kecamatan Kras.")]),
    ("Disnaker Kab. Kediri",
     "Menyampaikan data penempatan PMI asal Desa Jambean tahun 2023-2024 kepada PIMPASA.",
     date(2024, 7, 15), FollowUpAction.Status.DONE,
     [(FollowUpAction.Status.DONE, "Data dikirim melalui surat tanggal 2 Juli 2024.")]),
    ("Dukcapil Kab. Kediri",
     "Verifikasi data kependudukan calon PMI yang mendaftar paspor dari Desa Jambean.",
     date(2024, 8, 30), FollowUpAction.Status.DONE,
     [(FollowUpAction.Status.DONE, "Verifikasi 27 calon PMI selesai.")]),
    ("Kanim Kediri",
     "Menyelenggarakan layanan paspor keliling di Kantor Kecamatan Kras.",
     date(2024, 9, 30), FollowUpAction.Status.DONE,
     [(FollowUpAction.Status.DONE, "Layanan paspor keliling dilaksanakan 19 Agustus 2024.")]),
]

UPCOMING_TITLE = "Rapat koordinasi TIMPORA Kabupaten Kediri: evaluasi tindak lanjut"
UPCOMING_AGENDA = [
    ("Evaluasi tindak lanjut rapat sebelumnya", "Seksi Inteldakim", 45),
    ("Rencana operasi gabungan pengawasan orang asing", "Seksi Inteldakim", 60),
    ("Lain-lain", "", 15),
]


def _saved(instance):
    instance.full_clean()
    instance.save()
    return instance


def seed_team(office, partners) -> Team | None:
    area = Region.objects.filter(code=REGENCY).first()
    if area is None:
        return None
    team = Team.objects.filter(name=TEAM_NAME).first() or _saved(
        Team(name=TEAM_NAME, level=Team.Level.REGENCY, area=area, chair_agency=office)
    )
    for agency in partners:
        TeamMembership.objects.get_or_create(
            team=team, agency=agency,
            defaults={"decree_number": DECREE[0], "decree_date": DECREE[1], "is_active": True},
        )
    return team


def seed_jambean_meeting(team, agencies, officer, supervisor) -> Meeting:
    existing = Meeting.objects.filter(team=team, starts_at=JAMBEAN_START,
                                      title=JAMBEAN_TITLE).first()
    if existing is not None:
        return existing
    meeting = _saved(Meeting(
        team=team, title=JAMBEAN_TITLE, kind=Meeting.Kind.OUTREACH,
        starts_at=JAMBEAN_START, ends_at=JAMBEAN_END, venue="Balai Desa Jambean",
        village=Region.objects.filter(code=JAMBEAN).first(), chair=supervisor,
        minute_taker=officer, status=Meeting.Status.MINUTES_PUBLISHED, created_by=officer,
    ))
    meeting.invited_agencies.set(
        [agency for name, agency in agencies.items() if name != "Kanim Kediri"]
    )
    for position, (title, presenter, minutes, discussion, outcome) in enumerate(AGENDA, 1):
        _saved(AgendaItem(meeting=meeting, position=position, title=title, presenter=presenter,
                          planned_minutes=minutes, discussion=discussion, outcome=outcome))
    for agency, name, position, presence in ATTENDANCE:
        _saved(Attendee(meeting=meeting, agency=agencies[agency], name=name, position=position,
                        presence=presence))
    _saved(Minutes(meeting=meeting, updated_by=officer, published_by=supervisor,
                   published_at=datetime(2024, 6, 21, 10, 0, tzinfo=WIB), **MINUTES))
    for agency, description, due, status, updates in ACTIONS:
        action = _saved(FollowUpAction(meeting=meeting, agency=agencies[agency],
                                       description=description, due_date=due, status=status,
                                       created_by=officer))
        for update_status, note in updates:
            _saved(ActionUpdate(action=action, status=update_status, note=note, author=officer))
    return meeting


def next_meeting_day(today: date) -> date:
    """The first Thursday at least two weeks ahead that is not a public holiday."""
    day = today + timedelta(days=14)
    while day.weekday() != 3 or holidays_on(day):
        day += timedelta(days=1)
    return day


def seed_upcoming_meeting(team, officer, supervisor, partners) -> Meeting:
    now = timezone.now()
    existing = Meeting.objects.filter(team=team, title=UPCOMING_TITLE,
                                      status=Meeting.Status.SCHEDULED, starts_at__gt=now).first()
    if existing is not None:
        return existing
    day = next_meeting_day(timezone.localdate())
    meeting = _saved(Meeting(
        team=team, title=UPCOMING_TITLE, kind=Meeting.Kind.COORDINATION,
        starts_at=datetime.combine(day, time(9), tzinfo=WIB),
        ends_at=datetime.combine(day, time(12), tzinfo=WIB),
        venue="Aula Kantor Imigrasi Kelas II Non TPI Kediri", chair=supervisor,
        minute_taker=officer, status=Meeting.Status.DRAFT, created_by=officer,
    ))
    meeting.invited_agencies.set(partners)
    for position, (title, presenter, minutes) in enumerate(UPCOMING_AGENDA, 1):
        _saved(AgendaItem(meeting=meeting, position=position, title=title, presenter=presenter,
                          planned_minutes=minutes))
    # Scheduled through the service, so the invitations go out as they would for a real one.
    return meeting_schedule(meeting=meeting, by=officer)


def seed(stdout=None) -> None:
    agencies = {agency.short_name: agency for agency in Agency.objects.all()}
    office = agencies.get("Kanim Kediri")
    if office is None:
        return
    partners = [agency for name, agency in sorted(agencies.items())
                if name != "Kanim Kediri" and name not in GUESTS]
    team = seed_team(office, partners)
    if team is None:
        if stdout is not None:
            stdout.write("Meetings demo skipped: the regions of Kabupaten Kediri are not loaded.")
        return
    User = get_user_model()
    officer, supervisor = User.objects.get(username="officer"), User.objects.get(
        username="supervisor")
    seed_jambean_meeting(team, agencies, officer, supervisor)
    seed_upcoming_meeting(team, officer, supervisor, partners)
