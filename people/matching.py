"""Candidates in the register for a mention: the same passport and nationality (exact), or a
similar name with the date of birth and nationality weighed in (fuzzy).

Names are folded before they are compared: transliterated to ASCII, lower case, punctuation and
particles ("al-", "bin") dropped, and common romanisation variants brought to one spelling
("Mohammed"/"Muhammad", "Zhang"/"Chang"), so that the same name written two ways scores high.
Candidates are first narrowed in the database (blocking) by `NameKey` rows, the passport or the
date of birth, then scored here with rapidfuzz."""

import re
from dataclasses import dataclass, field
from datetime import date

import jellyfish
from anyascii import anyascii
from django.db.models import Q
from rapidfuzz import fuzz

# Below this score a person is not offered as a candidate.
DEFAULT_THRESHOLD = 0.70
# At most this many people are scored for one mention after blocking.
BLOCK_LIMIT = 2000

PARTICLES = {"al", "el", "bin", "binti", "bt", "bte", "ibn", "abu", "van", "von", "der", "de",
             "da", "di", "dos", "mr", "mrs", "ms", "md"}

# Romanisation variants: each pattern is rewritten to one spelling, token by token.
VARIANTS = [
    (re.compile(r"^(mu|mo)h?am+[ae]d$"), "muhammad"),
    (re.compile(r"^ah?m[ae]d$"), "ahmad"),
    (re.compile(r"^abd[eu]?l?$"), "abdul"),
    (re.compile(r"^(abdu?r)(rahman|rahim)$"), r"abdul\2"),
    (re.compile(r"^y[ou]s[su]?[ou]f$"), "yusuf"),
    (re.compile(r"^hus+[ae]in$"), "husain"),
    (re.compile(r"^has+[ae]n$"), "hasan"),
    (re.compile(r"^(chang|zhang)$"), "zhang"),
    (re.compile(r"^(chou|zhou|chow)$"), "zhou"),
    (re.compile(r"^(hsu|xu)$"), "xu"),
    (re.compile(r"^(lee|li|lie)$"), "li"),
    (re.compile(r"^(wong|wang)$"), "wang"),
    (re.compile(r"^(chen|chan|tan)$"), "chen"),
    (re.compile(r"^(liu|lau|lao)$"), "liu"),
    (re.compile(r"^(huang|hwang|wong)$"), "huang"),
    (re.compile(r"^(ng|wu|goh|go)$"), "wu"),
]


def fold(name: str) -> list[str]:
    """The tokens of a name as compared: ASCII, lower case, variants unified, particles out."""
    text = anyascii(name or "").lower()
    text = re.sub(r"[^a-z\s]", " ", text.replace("'", ""))
    tokens = []
    for token in text.split():
        if token in PARTICLES:
            continue
        for pattern, spelling in VARIANTS:
            if pattern.match(token):
                token = pattern.sub(spelling, token)
                break
        tokens.append(token)
    return tokens


def name_keys(full_name: str) -> set[str]:
    """Blocking keys: the phonetic code of each folded token (and the token itself when short),
    so that a typo or a second romanisation still shares a key with the registered name."""
    keys = set()
    for token in fold(full_name):
        if len(token) <= 3:
            keys.add(f"t:{token}")
        code = jellyfish.metaphone(token)
        if code:
            keys.add(f"m:{code[:30]}")
    return keys


@dataclass
class Match:
    person_id: int
    score: float
    exact: bool = False
    reasons: list[str] = field(default_factory=list)


def name_score(a: str, b: str) -> float:
    left, right = " ".join(sorted(fold(a))), " ".join(sorted(fold(b)))
    if not left or not right:
        return 0.0
    return max(fuzz.token_sort_ratio(left, right), fuzz.token_set_ratio(left, right) * 0.95,
               fuzz.ratio(" ".join(jellyfish.metaphone(t) for t in left.split()),
                          " ".join(jellyfish.metaphone(t) for t in right.split())) * 0.9) / 100


def birth_score(a: date | None, b: date | None) -> float | None:
    """1 for the same day, something for day and month swapped or the same year, 0 otherwise;
    None when either is unknown (then the name decides alone)."""
    if a is None or b is None:
        return None
    if a == b:
        return 1.0
    if (a.year, a.month, a.day) == (b.year, b.day, b.month):
        return 0.8
    if a.year == b.year:
        return 0.4
    return 0.0


def score(query: dict, candidate: dict) -> Match:
    """How likely `candidate` (a register row) is the person `query` (a mention) describes."""
    passport = query.get("passport_number") or ""
    same_country = str(query.get("nationality") or "") == str(candidate.get("nationality") or "")
    if passport and passport == candidate.get("passport_number") and same_country:
        return Match(candidate["id"], 1.0, exact=True, reasons=["passport"])
    names = name_score(query.get("full_name", ""), candidate.get("full_name", ""))
    birth = birth_score(query.get("date_of_birth"), candidate.get("date_of_birth"))
    value = names if birth is None else 0.7 * names + 0.3 * birth
    if birth is None:
        value *= 0.95
    if not same_country:
        value *= 0.6
    if passport and candidate.get("passport_number") and passport != candidate["passport_number"]:
        value *= 0.8
    return Match(candidate["id"], round(value, 4))


def rank(query: dict, candidates, *, limit: int = 3,
         threshold: float = DEFAULT_THRESHOLD) -> list[Match]:
    scored = [score(query, candidate) for candidate in candidates]
    kept = [match for match in scored if match.score >= threshold]
    kept.sort(key=lambda match: (-match.score, match.person_id))
    return kept[:limit]


CANDIDATE_FIELDS = ("id", "full_name", "date_of_birth", "nationality", "passport_number")


def find_candidates(query: dict, people, *, limit: int = 3,
                    threshold: float = DEFAULT_THRESHOLD) -> list[Match]:
    """The best `limit` people of the queryset `people` for the mention `query` (a dict of
    full_name, date_of_birth, nationality, passport_number)."""
    nationality = str(query.get("nationality") or "")
    blocks = Q(name_keys__key__in=name_keys(query.get("full_name", "")), nationality=nationality)
    if query.get("passport_number"):
        blocks |= Q(passport_number=query["passport_number"])
    if query.get("date_of_birth"):
        blocks |= Q(date_of_birth=query["date_of_birth"], nationality=nationality)
    rows = people.filter(blocks).order_by().values(*CANDIDATE_FIELDS).distinct()[:BLOCK_LIMIT]
    return rank(query, rows, limit=limit, threshold=threshold)
