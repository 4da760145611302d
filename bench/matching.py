"""Benchmark: how well and how fast the register finds the person a mention describes
(people.matching). Prints the labelled set, precision@1 and recall@3 at DEFAULT_THRESHOLD, and
the time of `find_candidates` in a register of 50,000 people; exits 1 if a target is missed.

Usage: DEBUG=true .venv/bin/python bench/matching.py [--people 50000] [--true 1600] [--false 800]
Runs on a throw-away test database next to the one DATABASE_URL names (a SQLite file under var/
by default), created and dropped by the script.

The labelled set comes from a seeded random generator over bench/matching_names.py: register
people per nationality, and mentions of them written the way sources write them (another real
spelling of a name, a typo, the family name first or last, a middle name left out, upper case,
no date of birth or day and month swapped, sometimes the passport), plus mentions of people who
are *not* in the register but share a registered person's family name and nationality (another
given name, another date of birth). tests/people/test_matching.py runs a small version.
"""

import argparse
import os
import random
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timpora.settings")

from bench.matching_names import (
    ALTERNATIVES,
    CHINESE_SYLLABLES,
    KOREAN_SYLLABLES,
    MIDDLE,
    MORE_FAMILY,
    MORE_GIVEN,
    NAMES,
)

PRECISION_TARGET = 0.90
RECALL_TARGET = 0.95
P95_TARGET_MS = 50.0

# How often each nationality appears in the register (an office in Indonesia).
WEIGHTS = {"CN": 20, "SA": 6, "EG": 5, "YE": 4, "IN": 12, "BD": 10, "NG": 6, "KR": 10,
           "VN": 10, "GB": 8, "US": 9}
ARABIC = {"SA", "EG", "YE"}

SPELLINGS: dict[str, list[str]] = {}
for group in ALTERNATIVES:
    SPELLINGS.setdefault(group[0].lower(), [])
    SPELLINGS[group[0].lower()].extend(s for s in group[1:] if s not in SPELLINGS[group[0].lower()])

LETTERS = "abcdefghijklmnopqrstuvwxyz"
SYLLABLES = {"CN": CHINESE_SYLLABLES, "KR": KOREAN_SYLLABLES}


def given_list(nationality: str) -> list[str]:
    return NAMES[nationality][0] + MORE_GIVEN.get(nationality, [])


def family_list(nationality: str) -> list[str]:
    return NAMES[nationality][1] + MORE_FAMILY.get(nationality, [])


@dataclass
class Person:
    id: int
    nationality: str
    given: list[str]  # given names, the father's name for Arabic names, middle names
    family: str
    date_of_birth: date | None
    passport_number: str

    def full_name(self) -> str:
        family_first = NAMES[self.nationality][2]
        parts = [self.family, *self.given] if family_first else [*self.given, self.family]
        return " ".join(parts)

    def row(self) -> dict:
        return {"id": self.id, "full_name": self.full_name(), "date_of_birth": self.date_of_birth,
                "nationality": self.nationality, "passport_number": self.passport_number}


@dataclass
class Pair:
    query: dict
    person_id: int
    same: bool  # the mention is this person (True) or someone else resembling them (False)


class Generator:
    def __init__(self, seed: int):
        self.random = random.Random(seed)  # noqa: S311 (test data, not secrets)
        self.next_id = 1
        self.passports: set[str] = set()
        self.syllables: dict[tuple[str, str], list[str]] = {}  # composed given names

    def nationality(self) -> str:
        return self.random.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]

    def birth(self) -> date:
        return date(1950, 1, 1) + timedelta(days=self.random.randrange(365 * 55))

    def passport(self) -> str:
        while True:
            number = self.random.choice("ABCEKLNPSTX") + str(self.random.randrange(10**6, 10**8))
            if number not in self.passports:
                self.passports.add(number)
                return number

    def given_names(self, nationality: str, avoid: tuple[str, ...] = ()) -> list[str]:
        given = given_list(nationality)
        first = self.random.choice([name for name in given if name not in avoid])
        if nationality in SYLLABLES and self.random.random() < 0.6:
            first = self.composed(nationality, avoid)
        names = [first]
        if nationality in ARABIC and self.random.random() < 0.7:
            names.append(self.random.choice([n for n in given if n not in (first, *avoid)]))
        elif nationality in MIDDLE and self.random.random() < 0.5:
            middle = self.random.choice([n for n in MIDDLE[nationality] if n != first])
            names = [middle, first] if nationality == "VN" else [first, middle]
        return names

    def composed(self, nationality: str, avoid: tuple[str, ...]) -> str:
        """A Chinese or Korean given name put together from syllables."""
        table = list(SYLLABLES[nationality])
        while True:
            count = 2 if nationality == "KR" or self.random.random() < 0.75 else 1
            syllables = [self.random.choice(table) for _ in range(count)]
            joiner = "-" if nationality == "KR" else ""
            name = joiner.join(syllables).capitalize()
            if name not in avoid:
                self.syllables[nationality, name] = syllables
                return name

    def person(self, nationality: str | None = None, family: str | None = None,
               avoid: tuple[str, ...] = ()) -> Person:
        nationality = nationality or self.nationality()
        family = family or self.random.choice(family_list(nationality))
        person = Person(self.next_id, nationality, self.given_names(nationality, avoid), family,
                        self.birth() if self.random.random() < 0.97 else None,
                        self.passport() if self.random.random() < 0.8 else "")
        self.next_id += 1
        return person

    def relative(self, person: Person) -> Person:
        """Someone else of the same family and nationality: another given name and birthday."""
        return self.person(person.nationality, person.family, avoid=tuple(person.given))

    # Mentions -------------------------------------------------------------------------------

    def typo(self, word: str) -> str:
        letters = [i for i, c in enumerate(word) if c.isalpha()]
        if len(letters) < 3:
            return word
        i = self.random.choice(letters[1:])  # the first letter is rarely the one mistyped
        kind = self.random.choice(["delete", "substitute", "transpose", "insert", "double"])
        if kind == "delete":
            return word[:i] + word[i + 1:]
        if kind == "substitute":
            return word[:i] + self.random.choice(LETTERS) + word[i + 1:]
        if kind == "transpose" and i + 1 < len(word) and word[i + 1].isalpha():
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if kind == "insert":
            return word[:i] + self.random.choice(LETTERS) + word[i:]
        return word[:i] + word[i] + word[i:]

    def spell(self, part: str, nationality: str) -> str:
        """Another real spelling of a name, if it has one; Vietnamese often without its marks."""
        if (nationality, part) in self.syllables and self.random.random() < 0.6:
            syllables = self.syllables[nationality, part]
            table = SYLLABLES[nationality]
            system = 0 if self.random.random() < 0.7 else 1  # Wade-Giles, or Cantonese
            forms = [table[s][min(system, len(table[s]) - 1)] for s in syllables]
            joiner = self.random.choice(["", "-", " "])
            return " ".join(w.capitalize() for w in joiner.join(forms).split(" "))
        others = SPELLINGS.get(part.lower())
        if others and self.random.random() < 0.5:
            return self.random.choice(others)
        if part.isascii() is False and self.random.random() < 0.6:
            return "".join(c for c in unicodedata.normalize("NFD", part)
                           if not unicodedata.combining(c)).replace("Đ", "D").replace("đ", "d")
        return part

    def written(self, person: Person) -> str:
        given = list(person.given)
        if len(given) > 1 and self.random.random() < 0.3:
            given.pop(self.random.randrange(1, len(given)) if person.nationality != "VN" else 0)
        given = [self.spell(name, person.nationality) for name in given]
        family = self.spell(person.family, person.nationality)
        if self.random.random() < 0.25:
            family = family.upper()
        family_first = NAMES[person.nationality][2]
        if self.random.random() < 0.3:
            family_first = not family_first
        parts = [family, *given] if family_first else [*given, family]
        for _ in range(self.random.choices([0, 1, 2], weights=[55, 37, 8])[0]):
            i = self.random.randrange(len(parts))
            parts[i] = self.typo(parts[i])
        name = " ".join(parts)
        return name.upper() if self.random.random() < 0.1 else name

    def mention_of(self, person: Person) -> dict:
        born = person.date_of_birth
        roll = self.random.random()
        if roll < 0.25:
            born = None
        elif roll < 0.4 and born and born.day <= 12 and born.day != born.month:
            born = born.replace(month=born.day, day=born.month)
        passport = person.passport_number if self.random.random() < 0.2 else ""
        return {"full_name": self.written(person), "date_of_birth": born,
                "nationality": person.nationality, "passport_number": passport}

    def stranger_like(self, person: Person) -> dict:
        """A mention of someone not in the register who shares `person`'s family name (or, one
        time in five, only the nationality): another given name, another date of birth."""
        family = person.family if self.random.random() < 0.8 else None
        other = self.person(person.nationality, family, avoid=tuple(person.given))
        self.next_id -= 1  # not a register person
        born = self.birth() if self.random.random() < 0.9 else None
        if born and person.date_of_birth and born == person.date_of_birth:
            born += timedelta(days=400)
        other.date_of_birth = born
        other.passport_number = self.passport() if self.random.random() < 0.2 else ""
        return {"full_name": self.written(other), "date_of_birth": other.date_of_birth,
                "nationality": other.nationality, "passport_number": other.passport_number}


def labelled_set(*, seed: int, true_count: int,
                 false_count: int) -> tuple[Generator, list[Person], list[Pair]]:
    """The labelled mention/person pairs and the register they refer to: the people mentioned,
    a relative of three in ten of them, and the people the strangers resemble."""
    generator = Generator(seed)
    register: list[Person] = []
    pairs: list[Pair] = []
    for _ in range(true_count):
        person = generator.person()
        register.append(person)
        if generator.random.random() < 0.3:
            register.append(generator.relative(person))
        pairs.append(Pair(generator.mention_of(person), person.id, True))
    for _ in range(false_count):
        person = generator.person()
        register.append(person)
        pairs.append(Pair(generator.stranger_like(person), person.id, False))
    generator.random.shuffle(pairs)
    return generator, register, pairs


@dataclass
class Quality:
    pairs: int
    true_pairs: int
    answered: int  # queries with a candidate at or above the threshold
    correct_first: int
    found_in_three: int

    @property
    def precision(self) -> float:
        return self.correct_first / self.answered if self.answered else 1.0

    @property
    def recall(self) -> float:
        return self.found_in_three / self.true_pairs if self.true_pairs else 1.0

    @property
    def met(self) -> bool:
        return self.precision >= PRECISION_TARGET and self.recall >= RECALL_TARGET


def measure(pairs: list[Pair], results: list[list]) -> Quality:
    """precision@1 over the queries that got a candidate; recall@3 over the true pairs."""
    answered = correct = found = 0
    for pair, matches in zip(pairs, results, strict=True):
        ids = [match.person_id for match in matches[:3]]
        if ids:
            answered += 1
            correct += pair.same and ids[0] == pair.person_id
        found += pair.same and pair.person_id in ids
    return Quality(len(pairs), sum(pair.same for pair in pairs), answered, correct, found)


def register_write(register: list[Person], office) -> None:
    """The people and their blocking keys, in bulk."""
    from people import matching
    from people.models import NameKey
    from people.models import Person as Registered

    for start in range(0, len(register), 5000):
        chunk = register[start:start + 5000]
        Registered.objects.bulk_create(
            Registered(id=p.id, office=office, full_name=p.full_name(),
                       date_of_birth=p.date_of_birth, nationality=p.nationality,
                       passport_number=p.passport_number) for p in chunk)
        NameKey.objects.bulk_create(
            NameKey(person_id=p.id, key=key) for p in chunk
            for key in matching.name_keys(p.full_name()))


def quality_line(quality: Quality) -> str:
    return (f"precision@1 {quality.precision:.3f} ({quality.correct_first}/{quality.answered} "
            f"queries with a candidate), recall@3 {quality.recall:.3f} "
            f"({quality.found_in_three}/{quality.true_pairs} true pairs)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--true", type=int, default=1600, dest="true_count")
    parser.add_argument("--false", type=int, default=800, dest="false_count")
    parser.add_argument("--seed", type=int, default=20261207)
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from accounts.models import Agency
    from people import matching
    from people.models import NameKey
    from people.models import Person as Registered

    generator, register, pairs = labelled_set(seed=options.seed, true_count=options.true_count,
                                              false_count=options.false_count)
    true_pairs = sum(pair.same for pair in pairs)
    print(f"labelled set: {len(pairs)} mention/person pairs, {true_pairs} true, "
          f"{len(pairs) - true_pairs} false; {len(register)} people in its register")

    if connection.vendor == "sqlite":
        test_name = settings.VAR_DIR / "bench-matching.sqlite3"
        test_name.parent.mkdir(exist_ok=True)
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(test_name)
    test_database = connection.creation.create_test_db(verbosity=0, autoclobber=True,
                                                       serialize=False)
    try:
        office = Agency.objects.create(name="Kantor Imigrasi", short_name="Kanim",
                                       kind=Agency.Kind.IMMIGRATION_OFFICE)
        people = Registered.objects.filter(office=office, merged_into__isnull=True)

        def analyze() -> None:
            """Table statistics, as a live database has them (autovacuum on PostgreSQL): without
            them SQLite reads the whole register through the office index for every query."""
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        def run() -> tuple[Quality, list[float]]:
            timings, results = [], []
            for pair in pairs:
                started = time.perf_counter()
                results.append(matching.find_candidates(pair.query, people, limit=3))
                timings.append((time.perf_counter() - started) * 1000)
            return measure(pairs, results), sorted(timings)

        register_write(register, office)
        analyze()
        quality, _ = run()
        print(f"threshold {matching.DEFAULT_THRESHOLD}, the labelled set's register: "
              f"{quality_line(quality)}; targets {PRECISION_TARGET} and {RECALL_TARGET}")

        started = time.perf_counter()
        filler = [generator.person() for _ in range(options.people - len(register))]
        register_write(filler, office)
        analyze()
        print(f"{connection.vendor}: {Registered.objects.count()} people, "
              f"{NameKey.objects.count()} name keys (written in "
              f"{time.perf_counter() - started:.1f} s)")
        crowded, timings = run()
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)

    print(f"the same mentions in the register of {options.people} people (more namesakes; "
          f"no target): {quality_line(crowded)}")
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"find_candidates, {len(timings)} queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
          f"(target {P95_TARGET_MS:.0f}), max {timings[-1]:.1f} ms")
    missed = [name for name, ok in [("precision@1", quality.precision >= PRECISION_TARGET),
                                    ("recall@3", quality.recall >= RECALL_TARGET),
                                    ("p95", p95 <= P95_TARGET_MS)] if not ok]
    if missed:
        print("missed: " + ", ".join(missed))
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
