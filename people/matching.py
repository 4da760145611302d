"""Candidates in the register for a mention: the same passport and nationality (exact), or a
similar name with the date of birth and nationality weighed in (fuzzy).

Names are folded before they are compared: transliterated to ASCII, lower case, punctuation and
particles ("al-", "bin") dropped, Arabic compounds written one way ("Abdul Rahman", "Abdurrahman"
and "Abd al-Rahman" are one name), and a few names that no spelling rule can bring together
("Wong"/"Huang", "Lee"/"Yi") looked up in a table. Each token is also reduced to a *sound
skeleton* (consonants that romanisations confuse merged: zh/ch/j, x/hs/s, k/g, p/b, t/d; vowels
reduced to three classes), so that "Hsiao-ming" and "Xiaoming", or "Hussein" and "Husain",
compare equal without a table. Names are compared token by token in any order, so that the
family name may come first or last, and a missing middle name costs less than a different one.

Candidates are first narrowed in the database (blocking): the people who share the most
`NameKey` rows with the mention (keys of the sound skeletons, so spellings and most typos
share them), plus those with the same passport or date of birth; they are then scored here."""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise

from anyascii import anyascii
from django.db.models import Count, Q
from rapidfuzz.distance import DamerauLevenshtein, Indel

from people.models import NameKey

# Below this score a person is not offered as a candidate.
DEFAULT_THRESHOLD = 0.70
# At most this many people sharing name keys are read (from every register and nationality),
# and of those in the register and of the nationality at most BLOCK_LIMIT are scored.
KEY_LIMIT = 600
BLOCK_LIMIT = 200

PARTICLES = {"al", "el", "ul", "bin", "binti", "bt", "bte", "ibn", "von", "der", "de",
             "da", "di", "dos", "mr", "mrs", "ms", "dr"}
# Tokens that say little about who someone is: they count half in a name.
COMMON = {"muhammad", "ahmad", "abd", "abdullah", "ali", "kumar", "singh", "begum", "akter",
          "uddin", "van", "thi", "nguyen", "kim"}

# Spellings that are one name, brought to the first one of each group, token by token.
VARIANTS = [
    (re.compile(r"^(mu?h?d|m[ou]h?[ae]m+[ae]d|mhd)$"), "muhammad"),
    (re.compile(r"^ah?m[ae]d$"), "ahmad"),
    (re.compile(r"^abd[aeu]l+ah?$"), "abdullah"),
    (re.compile(r"^y[ou]+s+[eiuo]+f$"), "yusuf"),
    (re.compile(r"^h[ou]s+(a[iy]|e[iy]|a)n$"), "husain"),
    (re.compile(r"^(mu|mo|mou)st[ao]ph?f?a$"), "mustafa"),
]
# Names whose spellings share no rule (Chinese dialect readings, Korean customs): a token in
# a group matches every other token of the group.
EQUIVALENT = [
    {"wang", "wong", "ong"}, {"huang", "hwang", "wong", "ng", "whang"},
    {"li", "lee", "lie", "yi", "rhee", "ri"}, {"zhang", "chang", "cheung", "teo", "jang"},
    {"chen", "chan", "tan", "chern"}, {"lin", "lam", "lim", "im", "rim"},
    {"wu", "woo", "ng", "goh", "oh"}, {"xu", "hsu", "hui", "koh"}, {"hu", "woo", "foo"},
    {"zhou", "chou", "chow", "chau"}, {"liu", "lau", "lew", "lao", "yoo", "yu", "ryu"},
    {"zheng", "cheng", "tay", "jung", "jeong", "chung"}, {"guo", "kuo", "kwok", "kok"},
    {"xie", "hsieh", "tse", "chia"}, {"he", "ho", "hoh"}, {"luo", "lo", "law", "loh"},
    {"cai", "tsai", "choi", "chua", "choe", "chey"}, {"jiang", "chiang", "kong", "keung"},
    {"zhu", "chu", "choo", "gee"}, {"ye", "yeh", "yip"}, {"zhao", "chao", "chiu", "chew"},
    {"liang", "leung", "neo"}, {"yang", "yeung", "yong"}, {"shen", "sum", "shum"},
    {"ma", "mah", "beh"}, {"pan", "poon", "phua"}, {"ren", "jen", "yam"},
    {"cao", "tsao", "cho", "jo"}, {"gao", "kao", "ko"}, {"song", "sung", "soong"},
    {"park", "pak", "bak"}, {"jamal", "gamal"}, {"usman", "osman", "othman", "uthman"},
    {"saeed", "said", "saied", "sayeed"}, {"sayed", "sayyid", "sayyed", "saied"},
]
_GROUPS: dict[str, frozenset[int]] = {}
for number, group in enumerate(EQUIVALENT):
    for name in group:
        _GROUPS[name] = _GROUPS.get(name, frozenset()) | {number}

# The sound skeleton: rewrites applied in order to a folded token.
SKELETON = [
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"ph"), "f"), (re.compile(r"(kh|gh)"), "k"), (re.compile(r"(th|dh)"), "t"),
    (re.compile(r"(zh|ch|tch|dj|j|q)"), "j"), (re.compile(r"(hs|sh|x|sz)"), "s"),
    (re.compile(r"(tz|ts|ds|z)"), "s"), (re.compile(r"(ck|c|g|q)"), "k"),
    (re.compile(r"b"), "p"), (re.compile(r"d"), "t"), (re.compile(r"v"), "f"),
    (re.compile(r"(?<=[aeiou])[wy](?=[^aeiouwy])"), ""), (re.compile(r"(?<=[aeiou])h$"), ""),
    (re.compile(r"(?<=[aeiou])r(?![aeiou])"), ""),
    (re.compile(r"[ou]+"), "u"), (re.compile(r"[ei]+"), "i"), (re.compile(r"[aeiouy]{2,}"),
                                                                 "a"),
    (re.compile(r"y"), "i"), (re.compile(r"(.)\1+"), r"\1"),
]
_ABD = re.compile(r"^abd([aeiou]?)(.*)$")


def _token(token: str) -> str:
    for pattern, spelling in VARIANTS:
        if pattern.match(token):
            return spelling
    match = _ABD.match(token)
    if match and len(token) > 5 and token not in {"abdullah"}:
        vowel, rest = match.groups()
        # "Abdel-", "Abdul-": the article; "Abdur-r", "Abdus-s": the article assimilated.
        if vowel and (rest[:1] == "l" or (len(rest) > 1 and rest[0] == rest[1])):
            rest = rest[1:]
        return "abd" + rest
    return token


@lru_cache(maxsize=65536)
def _fold(name: str) -> tuple[str, ...]:
    text = anyascii(name or "").lower().replace("'", "").replace("`", "")
    # Hyphenated parts are one token ("Hsiao-ming", "Min-jun"), unless the first is a
    # particle ("al-Rashid").
    text = re.sub(r"\b(al|el|ul|bin|ibn|abu)-", r"\1 ", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", "", text)
    words = re.sub(r"[^a-z\s]", " ", text).split()
    tokens: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word in PARTICLES:
            continue
        if re.fullmatch(r"abd[aeiou]?[lrsn]?", word) and index < len(words):
            # "Abdul Rahman", "Abd al-Rahman", "Abdur Rahim": one name.
            if words[index] in PARTICLES and index + 1 < len(words):
                index += 1
            word = "abd" + words[index]
            index += 1
        tokens.append(_token(word))
    return tuple(tokens)


def fold(name: str) -> list[str]:
    """The tokens of a name as compared: ASCII, lower case, variants unified, particles out."""
    return list(_fold(name))


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """The token as it sounds, with the differences romanisations make merged."""
    for pattern, replacement in SKELETON:
        token = pattern.sub(replacement, token)
    return token


def _without_article(token: str) -> str:
    """"alrashid" and "elsayed" are "rashid" and "sayed" written together."""
    if len(token) > 6 and token[:2] in ("al", "el"):
        return token[2:]
    return token


def name_keys(full_name: str) -> set[str]:
    """Blocking keys: the sound skeleton of each token, its consonants alone and the first
    four sounds of a long one (so that one typo still leaves a key in common), the groups of
    names without a rule, and two short tokens written together ("Xiao Ming" is "Xiaoming")."""
    tokens = [_without_article(token) for token in _fold(full_name)]
    keys = set()
    for token in tokens:
        sound = skeleton(token)
        keys.add(f"s:{sound}"[:40])
        consonants = sound[0] + re.sub(r"[aiu]", "", sound[1:])
        if len(consonants) >= 3:
            keys.add(f"c:{consonants}"[:40])
        if len(sound) >= 6:
            keys.add(f"p:{sound[:4]}")
        keys.update(f"g:{group}" for group in _GROUPS.get(token, ()))
    for left, right in pairwise(tokens):
        if len(left) <= 6 and len(right) <= 6:
            keys.add(f"s:{skeleton(left + right)}"[:40])
    return keys


@dataclass
class Match:
    person_id: int
    score: float
    exact: bool = False
    reasons: list[str] = field(default_factory=list)


@lru_cache(maxsize=262144)
def token_similarity(a: str, b: str) -> float:
    """1 for the same name, high for another spelling or a typo, low for another name."""
    if a == b:
        return 1.0
    if _GROUPS.get(a, frozenset()) & _GROUPS.get(b, frozenset()):
        return 0.97
    a, b = _without_article(a), _without_article(b)
    written = max(Indel.normalized_similarity(a, b),
                  DamerauLevenshtein.normalized_similarity(a, b))
    sa, sb = skeleton(a), skeleton(b)
    sound = 1.0 if sa == sb else max(Indel.normalized_similarity(sa, sb),
                                     DamerauLevenshtein.normalized_similarity(sa, sb))
    return max(written, 0.96 * sound)


def _weight(token: str) -> float:
    return 0.5 if token in COMMON else 1.0


def _merged(tokens: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """Two adjacent tokens written as one on the other side ("Xiao Ming", "Xiaoming")."""
    if len(tokens) < 2:
        return tokens
    result = list(tokens)
    i = 0
    while i < len(result) - 1:
        joined = result[i] + result[i + 1]
        best_joined = max(token_similarity(joined, token) for token in other)
        best_parts = max(token_similarity(part, token) for part in result[i:i + 2]
                         for token in other)
        if best_joined > 0.85 and best_joined > best_parts:
            result[i:i + 2] = [joined]
        else:
            i += 1
    return tuple(result)


def _sharpen(similarity: float) -> float:
    """Typos and spellings keep most of their similarity; another name keeps little."""
    if similarity >= 0.8:
        return 0.75 + (similarity - 0.8) * 1.25
    return max(0.0, (similarity - 0.5) / 0.4)


@lru_cache(maxsize=65536)
def _name_score(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    if not left or not right:
        return 0.0
    left, right = _merged(left, right), _merged(right, left)
    pairs = sorted(((token_similarity(a, b), i, j) for i, a in enumerate(left)
                    for j, b in enumerate(right)), reverse=True)
    used_left, used_right, matched, paired = set(), set(), 0.0, 0.0
    for similarity, i, j in pairs:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        weight = (_weight(left[i]) + _weight(right[j])) / 2
        matched += _sharpen(similarity) * weight
        paired += weight
    # A token only one side has (a middle name, a father's name) weighs a third.
    missing = (sum(_weight(t) for i, t in enumerate(left) if i not in used_left)
               + sum(_weight(t) for j, t in enumerate(right) if j not in used_right)) * 0.35
    return matched / (paired + missing)


def name_score(a: str, b: str) -> float:
    """How alike two names are, in any order of their parts: 1 for the same name."""
    return _name_score(_fold(a), _fold(b))


def birth_score(a: date | None, b: date | None) -> float | None:
    """1 for the same day, less for day and month swapped or one digit different, 0 otherwise;
    None when either is unknown (then the name decides alone)."""
    if a is None or b is None:
        return None
    if a == b:
        return 1.0
    if (a.year, a.month, a.day) == (b.year, b.day, b.month):
        return 0.9
    # isoformat, not strftime: "%Y" drops the leading zeros of a year before 1000.
    left, right = a.isoformat(), b.isoformat()
    if sum(x != y for x, y in zip(left, right, strict=True)) == 1:
        return 0.6
    return 0.0


def score(query: dict, candidate: dict) -> Match:
    """How likely `candidate` (a register row) is the person `query` (a mention) describes."""
    passport = query.get("passport_number") or ""
    same_country = str(query.get("nationality") or "") == str(candidate.get("nationality") or "")
    if passport and passport == candidate.get("passport_number") and same_country:
        return Match(candidate["id"], 1.0, exact=True, reasons=["passport"])
    names = name_score(query.get("full_name", ""), candidate.get("full_name", ""))
    birth = birth_score(query.get("date_of_birth"), candidate.get("date_of_birth"))
    # Why, as codes a template can translate: what agreed and what did not.
    reasons = ["name"] if names >= 0.9 else []
    if birth is None:
        value = 0.92 * names ** 1.25
    else:
        value = 0.5 * names + 0.5 * birth
        if birth >= 0.6:
            reasons.append("date_of_birth" if birth == 1 else "date_of_birth_near")
    if not same_country:
        value *= 0.6
        reasons.append("other_nationality")
    if passport and candidate.get("passport_number") and passport != candidate["passport_number"]:
        value *= 0.85
        reasons.append("other_passport")
    return Match(candidate["id"], round(value, 4), reasons=reasons)


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
    keys = name_keys(query.get("full_name", ""))
    # The people sharing most keys, counted on the key index alone: joined with the register
    # first, PostgreSQL reads the whole table of people for every mention.
    shared = dict(NameKey.objects.filter(key__in=keys).values("person_id")
                  .annotate(shared=Count("id")).order_by("-shared", "person_id")
                  .values_list("person_id", "shared")[:KEY_LIMIT])
    blocks = Q(id__in=list(shared), nationality=nationality)
    if query.get("passport_number"):
        blocks |= Q(passport_number=query["passport_number"])
    if query.get("date_of_birth"):
        blocks |= Q(date_of_birth=query["date_of_birth"], nationality=nationality)
    rows = list(people.filter(blocks).order_by().values(*CANDIDATE_FIELDS))
    by_name = sorted((row for row in rows if row["id"] in shared),
                     key=lambda row: -shared[row["id"]])[:BLOCK_LIMIT]
    others = [row for row in rows if row["id"] not in shared]
    return rank(query, by_name + others, limit=limit, threshold=threshold)
