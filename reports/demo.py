"""Demo reports around Kediri, one in every state of the workflow, made through the services so
that numbers, timelines and people are what real use would give. Idempotent: a report whose title
exists for the office is left as it is."""

from datetime import date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands

from accounts.demo import OFFICE_NAME
from accounts.models import Agency
from people.demo import SPONSOR_COMPANY
from reports import services
from reports.models import Report
from villages.models import Region

JAKARTA = ZoneInfo("Asia/Jakarta")
Category, Source, Action = Report.Category, Report.SourceType, Report.Action


def _in_days(days: int) -> date:
    """A date relative to the day the demo is loaded, so that the permit watch has something
    to show whenever it is."""
    return datetime.now(JAKARTA).date() + timedelta(days=days)


def at(*parts) -> datetime:
    """A time of the demo story, in Kediri's time zone."""
    return datetime(*parts, tzinfo=JAKARTA)


OVERSTAYER = {
    "full_name": "LIU YANG", "sex": "male", "date_of_birth": date(1986, 3, 14),
    "nationality": "CN", "passport_number": "EJ4821937", "entry_mode": "voa",
    "permit_kind": "itk", "permit_expires_on": date(2024, 5, 30),
    "address": "Dusun Jambean RT 02 RW 01, Desa Jambean, Kec. Kras",
    "occupation": "Pedagang", "role": "subject",
}
# The same man as the second report's patrol wrote him down: family name last, no passport
# number copied. Office staff link this mention to the register person of the first.
OVERSTAYER_AGAIN = {
    "full_name": "YANG LIU", "sex": "male", "date_of_birth": date(1986, 3, 14),
    "nationality": "CN", "permit_kind": "itk", "permit_expires_on": date(2024, 5, 30),
    "address": "Dusun Jambean RT 02 RW 01, Desa Jambean, Kec. Kras", "role": "subject",
}

# (author, title, when, district, village, category, source, grading, priority, narrative,
#  people, the steps after creation)
REPORTS = [
    ("officer", "WNA Tiongkok tinggal melebihi izin di Desa Jambean",
     at(2024, 6, 12, 9, 30), "Kras", "Jambean", Category.OVERSTAY, Source.PIMPASA, "B2", 3,
     "Kepala Desa Jambean melapor kepada PIMPASA bahwa seorang WNA asal Tiongkok tinggal di rumah "
     "warga sejak Maret 2024.\n\n- Izin tinggal kunjungan (VoA) berakhir **30 Mei 2024**\n"
     "- Yang bersangkutan berdagang di pasar desa",
     [OVERSTAYER], ["submit", "verify", ("share", ["Polres Kediri"])]),
    ("officer", "Pemeriksaan lanjutan WNA overstay di Kras",
     at(2024, 6, 20, 14, 0), "Kras", "Jambean", Category.OVERSTAY, Source.PATROL, "A1", 4,
     "Dalam rangkaian Rapat TIMPORA dan sosialisasi Desa Binaan pada 20 Juni 2024, tim "
     "memastikan keberadaan WNA yang bersangkutan; paspor diperiksa dan izin tinggal telah "
     "lewat 21 hari.",
     [OVERSTAYER_AGAIN, {"full_name": "SITI AMINAH", "sex": "female", "nationality": "ID",
                   "permit_kind": "none", "address": "Desa Jambean, Kec. Kras",
                   "occupation": "Pemilik rumah", "role": "witness"}],
     ["submit", "verify", ("decide", Action.DEPORTATION)]),
    ("officer", "Perekrutan calon PMI non-prosedural di Kras",
     at(2024, 6, 18, 10, 0), "Kras", "Kras", Category.NON_PROCEDURAL_RECRUITMENT,
     Source.PIMPASA, "C3", 3,
     "Warga melaporkan perekrut tanpa izin yang menjanjikan pekerjaan di Malaysia tanpa visa "
     "kerja.",
     [{"full_name": "DEWI LESTARI", "sex": "female", "nationality": "ID", "permit_kind": "none",
       "occupation": "Calon PMI", "role": "victim"}],
     ["submit"]),
    ("officer", "Pekerja asing di proyek pembangunan Ngadiluwih",
     at(2024, 5, 2, 11, 0), "Ngadiluwih", "", Category.ILLEGAL_WORK, Source.AGENCY, "B3",
     2, "Disnaker menemukan dua tenaga kerja asing tanpa RPTKA di lokasi proyek.",
     [{"full_name": "NGUYEN VAN AN", "sex": "male", "nationality": "VN",
       "passport_number": "C7712045", "entry_mode": "voa", "permit_kind": "itk",
       "permit_expires_on": date(2024, 5, 31), "occupation": "Teknisi", "role": "subject"}],
     ["submit", "verify", ("decide", Action.PERMIT_CHANGE), "close"]),
    ("officer", "Penggunaan visa kunjungan untuk mengajar di Pare",
     at(2024, 4, 15, 8, 0), "Pare", "Tulungrejo", Category.PERMIT_MISUSE, Source.PUBLIC_TIP,
     "C2", 2, "Informasi masyarakat: WNA mengajar di lembaga kursus dengan izin tinggal kunjungan.",
     [{"full_name": "JAMES MILLER", "sex": "male", "nationality": "GB",
       "passport_number": "548213907", "permit_kind": "itk", "occupation": "Pengajar",
       "employer": "Lembaga kursus bahasa Inggris", "role": "subject"}],
     ["submit", "verify", ("decide", Action.NO_ACTION)]),
    ("officer", "Laporan APOA: tamu asing tidak melapor di Kandat",
     at(2024, 3, 8, 20, 0), "Kandat", "", Category.SUSPICIOUS, Source.APOA, "B4", 1,
     "Penginapan melaporkan tamu asing yang menolak menunjukkan paspor.",
     [], ["submit", "dismiss"]),
    ("officer", "Dokumen perjalanan diduga palsu di Wates",
     at(2024, 2, 21, 13, 0), "Wates", "", Category.DOCUMENT_FRAUD, Source.PATROL, "B2", 3,
     "Ditemukan paspor dengan halaman data yang tampak diganti.",
     [{"full_name": "AHMED KHAN", "sex": "male", "nationality": "PK",
       "passport_number": "AB9930417", "permit_kind": "unknown", "role": "subject"}],
     ["submit", "verify", ("decide", Action.PRO_JUSTITIA), "close"]),
    ("supervisor", "Penipuan lowongan kerja luar negeri menyasar warga desa",
     at(2024, 6, 5, 9, 0), "Kras", "Kras", Category.SCAM, Source.MEDIA, "D3", 2,
     "Media lokal memberitakan penipuan lowongan kerja di Jepang melalui media sosial.",
     [], ["submit", "verify"]),
    ("officer", "Dugaan TPPO melalui agen tidak resmi",
     at(2024, 6, 1, 16, 0), "Pare", "", Category.TRAFFICKING, Source.PIMPASA, "C3", 4,
     "Keluarga korban melapor anggota keluarga dipekerjakan tanpa gaji di luar negeri.",
     [], ["submit", ("return", "Lengkapi identitas korban dan kronologi keberangkatan.")]),
    ("officer", "Catatan patroli: rumah kos WNA di Ngadiluwih",
     at(2024, 6, 19, 19, 0), "Ngadiluwih", "", Category.OTHER, Source.PATROL, "F6", 1,
     "Draf catatan patroli, belum lengkap.", [], []),
    ("officer", "WNA tanpa izin tinggal di area pabrik Ringinrejo",
     at(2024, 5, 20, 10, 0), "Ringinrejo", "", Category.OVERSTAY, Source.AGENCY, "B2", 3,
     "Informasi dari Polres: WNA bekerja di pabrik setelah izin tinggalnya habis.",
     [{"full_name": "KIM MIN-JUN", "sex": "male", "nationality": "KR",
       "passport_number": "M20481733", "permit_kind": "itas", "visa_index": "E33G",
       "permit_number": "2C21JE0123",
       "permit_expires_on": date(2024, 4, 30), "occupation": "Supervisor pabrik",
       "role": "subject"}],
     ["submit", "verify", ("decide", Action.DEPORTATION), "close"]),
    ("polres", "Informasi Polres: WNA berkeliling menawarkan investasi",
     at(2024, 6, 10, 15, 0), "Kras", "", Category.SUSPICIOUS, Source.AGENCY, "B3", 2,
     "Anggota Polsek Kras menerima laporan WNA yang menawarkan investasi kepada warga.",
     [{"full_name": "TANAKA HIROSHI", "sex": "male", "nationality": "JP",
       "occupation": "Konsultan investasi", "role": "subject"}], []),
    ("officer", "Pemeriksaan izin tinggal tenaga kerja asing di Kras",
     at(2024, 6, 25, 10, 0), "Kras", "Kras", Category.PERMIT_MISUSE, Source.PATROL, "A2", 2,
     "Pemeriksaan dokumen di pabrik garmen: tenaga kerja asing yang dahulu masuk dengan visa "
     "kunjungan kini memegang ITAS kerja yang dijamin perusahaan.",
     [{"full_name": "NGUYEN VAN AN", "sex": "male", "nationality": "VN",
       "passport_number": "C7712045", "permit_kind": "itas", "visa_index": "E33G",
       "permit_number": "2C11KR0457", "permit_expires_on": partial(_in_days, 25),
       "employer": SPONSOR_COMPANY, "occupation": "Teknisi",
       "address": "Jl. Raya Kras 12, Desa Kras", "role": "subject"}],
     ["submit", "verify"]),
]


def _region(district: str, village: str):
    """The village in Kabupaten Kediri, when the regions are loaded."""
    if not village:
        return None
    return Region.objects.filter(code__startswith="35.06.", level=Region.Level.VILLAGE,
                                 name__iexact=village, parent__name__iexact=district).first()


def _ensure_regions(stdout=None) -> None:
    if Region.objects.filter(code__startswith="35.06.").exists():
        return
    if "import_regions" in get_commands():
        call_command("import_regions", "35.06", stdout=stdout)


def seed(stdout=None) -> None:
    _ensure_regions(stdout)
    User = get_user_model()
    users = {user.username: user for user in
             User.objects.filter(username__in=["officer", "supervisor", "polres"])}
    office = Agency.objects.get(name=OFFICE_NAME)
    agencies = {agency.short_name: agency for agency in Agency.objects.all()}
    for (author, title, when, district, village, category, source, grading, priority, narrative,
         people, steps) in REPORTS:
        if Report.objects.filter(office=office, title=title).exists():
            continue
        fields = {
            "title": title, "narrative": narrative, "observed_at": when,
            "location_text": f"Kec. {district}, Kab. Kediri", "village": _region(district, village),
            "category": category, "source_type": source,
            "source_agency": agencies["Polres Kediri"] if source == Source.AGENCY else None,
            "source_reliability": grading[0], "information_credibility": int(grading[1]),
            "priority": priority, "assigned_to": users["officer"],
        }
        # A date relative to the day of loading is worked out when the demo is loaded.
        people = [{name: value() if callable(value) else value for name, value in row.items()}
                  for row in people]
        report = services.report_create(author=users[author], fields=fields, people=people)
        _walk(report, steps, users, agencies)
    if stdout is not None:
        stdout.write(f"Demo reports: {Report.objects.filter(office=office).count()}.")


def _walk(report, steps, users, agencies) -> None:
    author, supervisor = report.author, users["supervisor"]
    for step in steps:
        name, argument = step if isinstance(step, tuple) else (step, None)
        if name == "submit":
            report = services.report_submit(report=report, user=author)
        elif name == "verify":
            report = services.report_verify(report=report, user=supervisor)
        elif name == "return":
            report = services.report_return(report=report, user=supervisor, reason=argument)
        elif name == "dismiss":
            report = services.report_dismiss(report=report, user=supervisor,
                                              note="Tidak cukup informasi untuk ditindaklanjuti.")
        elif name == "decide":
            report = services.report_decide_action(
                report=report, user=supervisor, action=argument,
                decided_on=report.observed_at.date(), note="Hasil gelar kasus.")
        elif name == "close":
            report = services.report_close(report=report, user=supervisor)
        elif name == "share":
            report = services.report_share(
                report=report, user=supervisor, sharing=Report.Sharing.AGENCIES,
                agencies=[agencies[short_name] for short_name in argument])
